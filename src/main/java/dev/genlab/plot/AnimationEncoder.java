package dev.genlab.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.genlab.model.io.AtomicWrite;

/**
 * Writes recorded frames (opaque ARGB ints, row by row, all {@code width x height}) as a looping animated GIF or as
 * a numbered PNG sequence, with the JDK's own ImageIO writers. Neither leaves a partial result: the GIF goes through
 * {@link AtomicWrite}, the PNGs are written into a temporary folder and moved in place only when all are written.
 * Plain Java, any thread (the recorder calls it on a background thread).
 */
public final class AnimationEncoder {

    /** The longest recording, in frames. */
    public static final int MAX_FRAMES = 600;

    /** What a recording is written as. */
    public enum Format {
        GIF, PNG_SEQUENCE
    }

    private AnimationEncoder() {
    }

    /** The name of the i-th frame (from 1) of a PNG sequence: frame-0001.png. */
    public static String frameName(int i) {
        return String.format("frame-%04d.png", i);
    }

    /**
     * The GIF delay of each of n frames in centiseconds at fps frames a second: 100 / fps, rounded so that the
     * delays up to frame k add up to the rounded 100 k / fps (at 30 fps: 3, 4, 3, 3, 4, 3, ...), so the whole
     * animation lasts what was recorded.
     */
    static int[] delays(int n, int fps) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = (int) (Math.round(100.0 * (i + 1) / fps) - Math.round(100.0 * i / fps));
        }
        return d;
    }

    /** Writes the frames to file as an animated GIF that loops forever; the old file, if any, stays on failure. */
    public static void writeGif(Path file, int width, int height, List<int[]> frames, int fps) throws IOException {
        requireFrames(width, height, frames);
        Palette palette = Palette.of(frames);
        IndexColorModel colours = palette.colourModel();
        int[] delays = delays(frames.size(), fps);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            AtomicWrite.write(file, out -> {
                ImageOutputStream ios = new MemoryCacheImageOutputStream(out);
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, colours);
                byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
                ImageTypeSpecifier type = ImageTypeSpecifier.createFromRenderedImage(img);
                for (int f = 0; f < frames.size(); f++) {
                    int[] argb = frames.get(f);
                    for (int k = 0; k < px.length; k++) {
                        px[k] = (byte) palette.index(argb[k]);
                    }
                    IIOMetadata meta = writer.getDefaultImageMetadata(type, param);
                    frameMetadata(meta, palette.rgb, delays[f], f == 0);
                    writer.writeToSequence(new IIOImage(img, null, meta), param);
                }
                writer.endWriteSequence();
                ios.close(); // flushes into out; does not close out
            });
        } finally {
            writer.dispose();
        }
    }

    /**
     * Sets the frame's colour table (the writer would otherwise pair the indices with its default global table,
     * since a sequence's header is written before any image), its delay (centiseconds) and, on the first frame,
     * the NETSCAPE2.0 loop-forever extension.
     */
    private static void frameMetadata(IIOMetadata meta, int[] rgb, int delay, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode table = child(root, "LocalColorTable");
        while (table.getLength() > 0) {
            table.removeChild(table.item(0));
        }
        int size = tableSize(rgb.length);
        table.setAttribute("sizeOfLocalColorTable", Integer.toString(size));
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < size; i++) {
            int c = i < rgb.length ? rgb[i] : 0;
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString((c >> 16) & 0xFF));
            entry.setAttribute("green", Integer.toString((c >> 8) & 0xFF));
            entry.setAttribute("blue", Integer.toString(c & 0xFF));
            table.appendChild(entry);
        }
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("transparentColorIndex", "0");
        gce.setAttribute("delayTime", Integer.toString(delay));
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    /** The power of two (2 to 256) that holds n colours: a GIF colour table's size. */
    private static int tableSize(int n) {
        int size = 2;
        while (size < n) {
            size *= 2;
        }
        return size;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    /**
     * Writes the frames as frame-0001.png, frame-0002.png, ... into folder (created if missing). A folder that
     * already holds a frame-*.png is refused, so no earlier recording is overwritten; on failure the folder
     * is as it was (and not left behind if this call created it).
     */
    public static void writePngSequence(Path folder, int width, int height, List<int[]> frames) throws IOException {
        requireFrames(width, height, frames);
        Path dir = folder.toAbsolutePath();
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        List<Path> moved = new ArrayList<>();
        Path tmp = null;
        boolean done = false;
        try {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "frame-*.png")) {
                for (Path p : old) {
                    throw new FileSystemException(dir.toString(), null,
                            "already holds " + p.getFileName() + "; choose an empty folder");
                }
            }
            tmp = Files.createTempDirectory(dir, ".frames-");
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int f = 0; f < frames.size(); f++) {
                img.setRGB(0, 0, width, height, frames.get(f), 0, width);
                if (!ImageIO.write(img, "png", tmp.resolve(frameName(f + 1)).toFile())) {
                    throw new IOException("no PNG writer");
                }
            }
            for (int f = 0; f < frames.size(); f++) {
                Path target = dir.resolve(frameName(f + 1));
                move(tmp.resolve(frameName(f + 1)), target);
                moved.add(target);
            }
            done = true;
        } finally {
            if (!done) {
                for (Path p : moved) {
                    Files.deleteIfExists(p);
                }
            }
            if (tmp != null) {
                deleteTree(tmp);
            }
            if (!done && created) {
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // not empty: something else wrote there meanwhile; leave it
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void requireFrames(int width, int height, List<int[]> frames) {
        if (frames.isEmpty() || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("no frames to write");
        }
        for (int[] f : frames) {
            if (f.length != width * height) {
                throw new IllegalArgumentException("a frame of " + f.length + " pixels, not " + width + " x " + height);
            }
        }
    }

    /**
     * The 256-colour palette of a GIF: one for all frames, so a colour never flickers from frame to frame and each
     * frame needs no table of its own. Built from up to eight frames spread over the recording, since a training
     * run's figure gains colours as it goes (a heat map filling in). A figure is mostly flat colours (background,
     * a few series, a colour map, their anti-aliased edges), so when those frames hold at most 256 distinct colours
     * the palette is exactly them and the GIF is lossless; otherwise median cut over a 5-bit-per-channel
     * histogram: split the box with the widest channel extent at its pixel-weighted median, so that a thin line's
     * colour that few pixels use still gets its own entry rather than being merged away as a popularity palette
     * would. A fixed 6 x 7 x 6 cube was the other choice: its error is up to 25 a channel even on flat colours,
     * which shows on the background. No dithering: on flat figure colours it only adds noise and bytes.
     */
    static final class Palette {
        private static final int SAMPLE_FRAMES = 8;
        final int[] rgb;
        // lazily filled: the palette index of each 24-bit colour met so far
        private final byte[] lut = new byte[1 << 24];
        private final BitSet known = new BitSet(1 << 24);

        private Palette(int[] rgb) {
            this.rgb = rgb;
        }

        static Palette of(List<int[]> frames) {
            List<int[]> sample = new ArrayList<>();
            int n = Math.min(SAMPLE_FRAMES, frames.size());
            for (int i = 0; i < n; i++) {
                sample.add(frames.get(n == 1 ? 0 : (int) Math.round(i * (frames.size() - 1.0) / (n - 1))));
            }
            int[] exact = exactColours(sample);
            return new Palette(exact != null ? exact : medianCut(sample));
        }

        /** The distinct colours of the frames, or null if there are more than 256. */
        private static int[] exactColours(List<int[]> frames) {
            BitSet seen = new BitSet(1 << 24);
            int[] out = new int[256];
            int count = 0;
            for (int[] f : frames) {
                for (int c : f) {
                    int rgb = c & 0xFFFFFF;
                    if (!seen.get(rgb)) {
                        if (count == 256) {
                            return null;
                        }
                        seen.set(rgb);
                        out[count++] = rgb;
                    }
                }
            }
            return java.util.Arrays.copyOf(out, count);
        }

        private static int[] medianCut(List<int[]> frames) {
            long[] count = new long[1 << 15];
            long[][] sum = new long[3][1 << 15];
            for (int[] f : frames) {
                for (int c : f) {
                    int r = (c >> 16) & 0xFF;
                    int g = (c >> 8) & 0xFF;
                    int b = c & 0xFF;
                    int bin = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
                    count[bin]++;
                    sum[0][bin] += r;
                    sum[1][bin] += g;
                    sum[2][bin] += b;
                }
            }
            // each used bin is a point at its mean colour, weighted by its pixels
            List<double[]> points = new ArrayList<>();
            for (int bin = 0; bin < count.length; bin++) {
                if (count[bin] > 0) {
                    double w = count[bin];
                    points.add(new double[] {sum[0][bin] / w, sum[1][bin] / w, sum[2][bin] / w, w});
                }
            }
            List<List<double[]>> boxes = new ArrayList<>();
            boxes.add(points);
            while (boxes.size() < 256) {
                int best = -1;
                int axis = 0;
                double widest = 0;
                for (int i = 0; i < boxes.size(); i++) {
                    List<double[]> box = boxes.get(i);
                    if (box.size() < 2) {
                        continue;
                    }
                    for (int a = 0; a < 3; a++) {
                        double lo = Double.MAX_VALUE;
                        double hi = -Double.MAX_VALUE;
                        for (double[] p : box) {
                            lo = Math.min(lo, p[a]);
                            hi = Math.max(hi, p[a]);
                        }
                        if (hi - lo > widest) {
                            widest = hi - lo;
                            best = i;
                            axis = a;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                List<double[]> box = boxes.remove(best);
                int ax = axis;
                box.sort(Comparator.comparingDouble(p -> p[ax]));
                double total = 0;
                for (double[] p : box) {
                    total += p[3];
                }
                double acc = 0;
                int cut = 1;
                for (int i = 0; i < box.size() - 1; i++) {
                    acc += box.get(i)[3];
                    cut = i + 1;
                    if (acc >= total / 2) {
                        break;
                    }
                }
                boxes.add(new ArrayList<>(box.subList(0, cut)));
                boxes.add(new ArrayList<>(box.subList(cut, box.size())));
            }
            int[] out = new int[boxes.size()];
            for (int i = 0; i < out.length; i++) {
                double w = 0;
                double r = 0;
                double g = 0;
                double b = 0;
                for (double[] p : boxes.get(i)) {
                    w += p[3];
                    r += p[0] * p[3];
                    g += p[1] * p[3];
                    b += p[2] * p[3];
                }
                out[i] = ((int) Math.round(r / w) << 16) | ((int) Math.round(g / w) << 8) | (int) Math.round(b / w);
            }
            return out;
        }

        /** The index of the palette colour nearest to argb (alpha ignored: frames are opaque). */
        int index(int argb) {
            int c = argb & 0xFFFFFF;
            if (known.get(c)) {
                return lut[c] & 0xFF;
            }
            int r = (c >> 16) & 0xFF;
            int g = (c >> 8) & 0xFF;
            int b = c & 0xFF;
            int best = 0;
            int bestD = Integer.MAX_VALUE;
            for (int i = 0; i < rgb.length; i++) {
                int dr = r - ((rgb[i] >> 16) & 0xFF);
                int dg = g - ((rgb[i] >> 8) & 0xFF);
                int db = b - (rgb[i] & 0xFF);
                int d = dr * dr + dg * dg + db * db;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            lut[c] = (byte) best;
            known.set(c);
            return best;
        }

        IndexColorModel colourModel() {
            // GIF tables have a power-of-two size; pad with black
            int size = tableSize(rgb.length);
            byte[] r = new byte[size];
            byte[] g = new byte[size];
            byte[] b = new byte[size];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = (byte) (rgb[i] >> 16);
                g[i] = (byte) (rgb[i] >> 8);
                b[i] = (byte) rgb[i];
            }
            return new IndexColorModel(8, size, r, g, b);
        }
    }
}
