package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.bench.BenchReport;

/**
 * Issue 16's input fuzzing for data sets: thousands of IDX image and label files mutated by a seeded generator
 * (wrong magic, data type or rank, zero, huge and negative sizes, a 4 GB claim, truncation, appended and random
 * bytes, flipped bits, gzip around a broken file, broken gzip, gzip magic before garbage, label files that disagree)
 * go through {@link IdxReader#readPair}. Each file either loads into a data set of the sizes its header states,
 * with pixels in [0, 1], or fails with a {@link DatasetException} whose message names a file; anything else
 * (another exception, an {@link OutOfMemoryError}, a hang past the timeout) is a crash. Reports
 * {@code idx_fuzz_files} and {@code idx_fuzz_crashes}. Seed and count: {@code -Dgenlab.idxFuzz.seed},
 * {@code -Dgenlab.idxFuzz.files}; a failure prints the seed and the case number, which replay it.
 */
class IdxFuzzTest {

    static final long SEED = Long.getLong("genlab.idxFuzz.seed", 16L);
    static final int FILES = Integer.getInteger("genlab.idxFuzz.files", 3000);
    private static final int KINDS = 13;

    @TempDir
    Path dir;

    private static byte[] images(int n, int rows, int cols, SplittableRandom r) {
        byte[] px = new byte[n * rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        return IdxReaderTest.idx(IdxReader.IMAGES_MAGIC, new int[] {n, rows, cols}, px);
    }

    private static byte[] labels(int n, SplittableRandom r) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) r.nextInt(10);
        }
        return IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {n}, l);
    }

    private static final int[] ODD_INTS = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65_536, 1 << 20, 1 << 30,
        0x0803, 0x0801, 255};

    /** One mutation of a well-formed file; which one is the kind, the details come from r. */
    private static byte[] mutate(byte[] good, int kind, SplittableRandom r) throws IOException {
        byte[] b = good.clone();
        switch (kind) {
            case 0 -> { // a few random bytes anywhere
                int k = 1 + r.nextInt(8);
                for (int i = 0; i < k; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // one header int (magic or a size) replaced by a random or an odd value
                int slot = r.nextInt(Math.min(4, b.length / 4));
                int v = r.nextBoolean() ? r.nextInt() : ODD_INTS[r.nextInt(ODD_INTS.length)];
                ByteBuffer.wrap(b).putInt(4 * slot, v);
            }
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncated, possibly to nothing
            case 3 -> { // garbage appended
                byte[] tail = new byte[1 + r.nextInt(64)];
                r.nextBytes(tail);
                byte[] c = Arrays.copyOf(b, b.length + tail.length);
                System.arraycopy(tail, 0, c, b.length, tail.length);
                b = c;
            }
            case 4 -> b[3] = (byte) r.nextInt(256); // rank
            case 5 -> b[2] = (byte) r.nextInt(256); // data type
            case 6 -> { // a 4 GB claim (65,536 images of 256 x 256; 2^32 - 1 labels) over a tiny body
                if (b.length >= 16 && b[3] == 3) {
                    ByteBuffer.wrap(b).putInt(4, 65_536).putInt(8, 256).putInt(12, 256);
                } else {
                    ByteBuffer.wrap(b).putInt(4, -1);
                }
            }
            case 7 -> b = IdxReaderTest.gzip(mutate(good, r.nextInt(7), r)); // a broken file, gzipped
            case 8 -> { // a good file gzipped, then the gzip broken
                byte[] gz = IdxReaderTest.gzip(good);
                b = r.nextBoolean() ? Arrays.copyOf(gz, r.nextInt(gz.length)) : gz;
                if (b.length > 10) {
                    int k = 1 + r.nextInt(4);
                    for (int i = 0; i < k; i++) {
                        b[10 + r.nextInt(b.length - 10)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
            }
            case 9 -> { // gzip magic, then garbage
                b = new byte[2 + r.nextInt(200)];
                r.nextBytes(b);
                b[0] = 0x1f;
                b[1] = (byte) 0x8b;
            }
            case 10 -> { // random bytes of random length
                b = new byte[r.nextInt(200)];
                r.nextBytes(b);
            }
            case 11 -> { // the header's rank says one size more or less than written
                b[3] = (byte) (r.nextBoolean() ? 2 : 4);
            }
            default -> { // flipped bits in a gzipped good file's header region
                byte[] gz = IdxReaderTest.gzip(good);
                for (int i = 0; i < 3; i++) {
                    gz[r.nextInt(Math.min(gz.length, 24))] ^= (byte) (1 << r.nextInt(8));
                }
                b = gz;
            }
        }
        return b;
    }

    @Test
    @Timeout(300)
    void mutatedFilesLoadOrFailWithAMessage() throws IOException {
        SplittableRandom master = new SplittableRandom(SEED);
        List<String> crashes = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        Path img = dir.resolve("fuzz-images-idx3-ubyte");
        Path lab = dir.resolve("fuzz-labels-idx1-ubyte");
        for (int c = 0; c < FILES; c++) {
            SplittableRandom r = master.split();
            int n = 1 + r.nextInt(12);
            int rows = 1 + r.nextInt(9);
            int cols = 1 + r.nextInt(9);
            byte[] goodImages = images(n, rows, cols, r);
            byte[] goodLabels = labels(n, r);
            int kind = c % KINDS;
            boolean labelsToo = r.nextInt(4) == 0;
            byte[] badImages = kind == KINDS - 1 && r.nextBoolean() ? goodImages : mutate(goodImages, kind, r);
            byte[] badLabels = labelsToo ? mutate(goodLabels, r.nextInt(KINDS), r) : goodLabels;
            Files.write(img, badImages);
            Files.write(lab, badLabels);
            try {
                ImageDataset d = IdxReader.readPair(img, lab);
                // loaded: it must be what its header says, pixels in [0, 1]
                if (badImages.length >= 16 && badImages[0] == 0) { // a raw file: its header, as written
                    ByteBuffer h = ByteBuffer.wrap(badImages);
                    assertEquals(h.getInt(4), d.size(), "case " + c + ": images as the header says");
                    assertEquals(h.getInt(8) * h.getInt(12), d.pixelsPerImage(), "case " + c + ": image size");
                }
                for (float v : d.copyPixels()) {
                    assertTrue(v >= 0 && v <= 1, "case " + c + ": pixel " + v);
                }
                loaded++;
            } catch (DatasetException e) {
                String m = e.getMessage();
                if (m == null || m.isBlank() || !(m.contains(img.getFileName().toString())
                        || m.contains(lab.getFileName().toString()))) {
                    crashes.add("case " + c + " (kind " + kind + "): message names no file: " + m);
                }
                refused++;
            } catch (Throwable t) {
                crashes.add("case " + c + " (kind " + kind + "): " + t);
            }
        }
        BenchReport.row("idx_fuzz_files", FILES, "files");
        BenchReport.row("idx_fuzz_crashes", crashes.size(), "crashes");
        BenchReport.row("idx_fuzz_loaded", loaded, "files");
        BenchReport.row("idx_fuzz_refused", refused, "files");
        assertTrue(crashes.isEmpty(), crashes.size() + " crashes (seed " + SEED + "), first: "
                + crashes.subList(0, Math.min(5, crashes.size())));
        assertTrue(refused > FILES / 2, "most mutations are refused: " + refused);
        assertTrue(loaded > 0, "benign mutations (a pixel byte, appended bytes) still load: " + loaded);
    }
}
