package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** Header of an IDX file: magic then sizes, big-endian. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Three 2×3 images with pixel bytes 0, 10, 20, ... and labels 7, 0, 255. */
    private static byte[] imageBytes() {
        byte[] px = new byte[18];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 10 + (i == 17 ? 85 : 0));
        }
        return idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 3}, px);
    }

    private static byte[] labelBytes(int n) {
        byte[] l = new byte[n];
        l[0] = 7;
        l[n - 1] = (byte) 255;
        return idx(IdxReader.LABELS_MAGIC, new int[] {n}, l);
    }

    private String failure(Path images, Path labels) {
        return assertThrows(DatasetException.class, () -> IdxReader.readPair(images, labels)).getMessage();
    }

    @Test
    void readsRawAndGzippedFilesAlike() throws Exception {
        Path rawImg = write("train-images-idx3-ubyte", imageBytes());
        Path rawLab = write("train-labels-idx1-ubyte", labelBytes(3));
        // A gzipped file under a name without ".gz": detection is by content.
        Path gzImg = write("gz-images", gzip(imageBytes()));
        Path gzLab = write("gz-labels.gz", gzip(labelBytes(3)));
        for (ImageDataset ds : List.of(IdxReader.readPair(rawImg, rawLab), IdxReader.readPair(gzImg, gzLab))) {
            assertEquals(3, ds.size());
            assertEquals(2, ds.rows());
            assertEquals(3, ds.cols());
            assertArrayEquals(new int[] {7, 0, 255}, ds.labels());
            assertEquals(0f, ds.pixel(0, 0, 0));
            assertEquals(40 / 255f, ds.pixel(0, 1, 1));
            assertEquals(130 / 255f, ds.pixel(2, 0, 1));
            assertEquals(1f, ds.pixel(2, 1, 2));
        }
        assertEquals(dir.getFileName() + " train", IdxReader.readPair(rawImg, rawLab).name());
    }

    @Test
    void transposeSwapsRowsAndColumnsOfEveryImage() throws Exception {
        Path img = write("i", imageBytes());
        ImageDataset plain = IdxReader.readImages(img, false, null, null);
        ImageDataset t = IdxReader.readImages(img, true, null, null);
        assertEquals(3, t.rows());
        assertEquals(2, t.cols());
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(plain.pixel(i, r, c), t.pixel(i, c, r));
                }
            }
        }
    }

    @Test
    void reportsProgressAndCanBeCancelled() throws Exception {
        byte[] px = new byte[300_000];
        Path img = write("big-images-idx3-ubyte", idx(IdxReader.IMAGES_MAGIC, new int[] {300, 1000, 1}, px));
        Path lab = write("big-labels-idx1-ubyte", labelBytes(300));
        List<Double> seen = new ArrayList<>();
        IdxReader.readPair(img, lab, "big", false, seen::add, () -> false);
        assertTrue(seen.size() > 3);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1));
        }
        assertEquals(1.0, seen.get(seen.size() - 1));
        int[] polls = {0};
        assertThrows(CancellationException.class,
                () -> IdxReader.readPair(img, lab, "big", false, null, () -> ++polls[0] > 2));
    }

    @Test
    void truncatedRawFileNamesExpectedAndFoundBytes() throws Exception {
        byte[] full = imageBytes();
        Path img = write("train-images-idx3-ubyte", Arrays.copyOf(full, full.length - 8));
        Path lab = write("train-labels-idx1-ubyte", labelBytes(3));
        assertEquals("train-images-idx3-ubyte: truncated: expected 18 bytes of pixels, found 10", failure(img, lab));
    }

    @Test
    void truncatedGzipFileNamesExpectedAndFoundBytes() throws Exception {
        byte[] px = new byte[20_000];
        new SplittableRandom(1).nextBytes(px);
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {25, 20, 40}, px));
        Path img = write("train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));
        Path lab = write("train-labels-idx1-ubyte", labelBytes(25));
        String msg = failure(img, lab);
        assertTrue(msg.startsWith("train-images-idx3-ubyte.gz: truncated: expected 20000 bytes of pixels, found "),
                msg);
        int found = Integer.parseInt(msg.substring(msg.lastIndexOf(' ') + 1));
        assertTrue(found > 5000 && found < 10_000, msg);
    }

    @Test
    void gzipFileTooSmallForItsHeaderFailsBeforeReading() throws Exception {
        Path img = write("train-images-idx3-ubyte.gz",
                gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {60000, 28, 28}, new byte[1000])));
        String msg = failure(img, write("l", labelBytes(60000)));
        assertTrue(msg.startsWith("train-images-idx3-ubyte.gz: truncated or corrupt: the header claims 47040000 "
                + "bytes of pixels, more than a gzip file of"), msg);
    }

    @Test
    void rejectsWrongMagicAndDataType() throws Exception {
        Path lab = write("l", labelBytes(3));
        assertEquals("bad: not an IDX image file (magic number 0x12345678, expected 0x00000803)",
                failure(write("bad", idx(0x12345678, new int[] {3, 2, 3}, new byte[18])), lab));
        assertEquals("float: unsupported IDX data type 0x0D (only unsigned bytes, 0x08, are supported)",
                failure(write("float", idx(0x00000D03, new int[] {3, 2, 3}, new byte[72])), lab));
        String swapped = failure(lab, write("i", imageBytes()));
        assertEquals("l: expected an IDX image file with 3 dimensions (magic 0x00000803) but it has 1 "
                + "(magic 0x00000801) – is this a label file?", swapped);
        assertEquals("empty: too short to hold an IDX header", failure(write("empty", new byte[3]), lab));
    }

    @Test
    void rejectsZeroDimension() throws Exception {
        assertEquals("z: dimension 2 of the header is 0",
                failure(write("z", idx(IdxReader.IMAGES_MAGIC, new int[] {3, 0, 3}, new byte[0])),
                        write("l", labelBytes(3))));
    }

    @Test
    void hugeHeaderFailsFastWithoutAllocating() throws Exception {
        // 2^31 images of 28×28 claimed by a 20-byte file.
        Path huge = write("huge", idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MIN_VALUE, 28, 28}, new byte[4]));
        // Under the size cap, but far more than the file holds.
        Path lying = write("lying", idx(IdxReader.IMAGES_MAGIC, new int[] {100_000, 28, 28}, new byte[4]));
        Path lab = write("l", labelBytes(3));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        String hugeMsg = failure(huge, lab);
        String lyingMsg = failure(lying, lab);
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals("huge: too large: the header claims 2147483648 x 28 x 28 = 1.68e+12 bytes, the limit is 1e+09",
                hugeMsg);
        assertEquals("lying: truncated: expected 78400000 bytes of pixels, found 4", lyingMsg);
        assertTrue(allocated < 2_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void rejectsImageLabelCountMismatchBeforeReadingPixels() throws Exception {
        assertEquals("i holds 3 images but l holds 4 labels",
                failure(write("i", imageBytes()), write("l", labelBytes(4))));
    }

    @Test
    void missingFileIsReportedByName() {
        String msg = failure(dir.resolve("nope-images-idx3-ubyte.gz"), dir.resolve("l"));
        assertTrue(msg.startsWith("nope-images-idx3-ubyte.gz: file not found"), msg);
    }
}
