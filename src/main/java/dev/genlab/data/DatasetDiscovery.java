package dev.genlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds IDX image / label file pairs in a folder.
 *
 * <p>A file {@code <prefix>-images-idx3-ubyte} pairs with {@code <prefix>-labels-idx1-ubyte}, each
 * optionally ending in {@code .gz} and with '-' or '.' as separators ({@code train-images.idx3-ubyte}
 * as some mirrors name it). This covers {@code train-*} and {@code t10k-*} of MNIST and
 * Fashion-MNIST, {@code emnist-balanced-train-*} and the like. When a raw and a gzipped copy both
 * exist the raw one is used (it reads faster).
 */
public final class DatasetDiscovery {

    /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Pattern IMAGES =
            Pattern.compile("(?i)(.*?)[-.]images[-.]idx3[-.]ubyte(\\.gz)?");
    private static final Pattern LABELS =
            Pattern.compile("(?i)(.*?)[-.]labels[-.]idx1[-.]ubyte(\\.gz)?");

    /** An image file, its label file and their common prefix ("train", "t10k", ...). */
    public record IdxPair(String prefix, Path images, Path labels) {

        /** Whether this is an EMNIST pair, whose images are stored transposed. */
        public boolean transposed() {
            return images.getFileName().toString().toLowerCase(Locale.ROOT).contains("emnist");
        }

        /** Training files, by the usual names. */
        public boolean isTrain() {
            return prefix.toLowerCase(Locale.ROOT).endsWith("train");
        }
    }

    private DatasetDiscovery() {
    }

    /**
     * All complete pairs in {@code folder} (not its subfolders): training pairs first, then by
     * prefix. An image file without labels is left out.
     *
     * @throws DatasetException if the folder cannot be listed
     */
    public static List<IdxPair> findPairs(Path folder) throws DatasetException {
        Map<String, Path> images = new HashMap<>();
        Map<String, Path> labels = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = f.getFileName().toString();
                collect(IMAGES.matcher(name), f, images);
                collect(LABELS.matcher(name), f, labels);
            }
        } catch (IOException e) {
            throw new DatasetException(folder + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        List<IdxPair> pairs = new ArrayList<>();
        for (Map.Entry<String, Path> e : images.entrySet()) {
            Path l = labels.get(e.getKey());
            if (l != null) {
                pairs.add(new IdxPair(prefixOf(e.getValue()), e.getValue(), l));
            }
        }
        pairs.sort(Comparator.comparing((IdxPair p) -> !p.isTrain()).thenComparing(IdxPair::prefix));
        return pairs;
    }

    /** The training pair if there is one, else the first pair found. */
    public static Optional<IdxPair> findPair(Path folder) throws DatasetException {
        return findPairs(folder).stream().findFirst();
    }

    /** The pair with the given prefix, such as "t10k", ignoring case. */
    public static Optional<IdxPair> findPair(Path folder, String prefix) throws DatasetException {
        return findPairs(folder).stream().filter(p -> p.prefix().equalsIgnoreCase(prefix)).findFirst();
    }

    /** {@link #DEBIAN_FASHION_MNIST} if it holds a readable training pair. */
    public static Optional<Path> fashionMnistFolder() {
        Path folder = DEBIAN_FASHION_MNIST;
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try {
            return findPair(folder, "train").filter(p -> Files.isReadable(p.images()) && Files.isReadable(p.labels()))
                    .map(p -> folder);
        } catch (DatasetException e) {
            return Optional.empty();
        }
    }

    /** Keyed by lower-case prefix; a raw file replaces a gzipped one. */
    private static void collect(Matcher m, Path file, Map<String, Path> into) {
        if (!m.matches()) {
            return;
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        boolean gz = m.group(2) != null;
        Path old = into.get(key);
        if (old == null || (!gz && old.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz"))) {
            into.put(key, file);
        }
    }

    private static String prefixOf(Path images) {
        Matcher m = IMAGES.matcher(images.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }
}
