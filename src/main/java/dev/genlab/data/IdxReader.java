package dev.genlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST, Fashion-MNIST, KMNIST and EMNIST, raw or gzipped.
 *
 * <p>An IDX file is a big-endian header followed by the data:
 * <pre>
 *   bytes 0–1   0x00 0x00
 *   byte  2     data type, 0x08 = unsigned byte (the only one these datasets use)
 *   byte  3     number of dimensions d (3 for images: count, rows, cols; 1 for labels: count)
 *   then        d unsigned 32-bit sizes, then Π sizes bytes of data
 * </pre>
 * so image files start with magic 0x00000803 and label files with 0x00000801. Gzip is detected
 * by its magic bytes 1f 8b, not by the file name. A pixel byte b becomes b / 255.
 *
 * <p>Every header is checked before any data array is allocated: magic, data type, number of
 * dimensions, each size &gt; 0, the product against {@link #MAX_DATA_BYTES}, and against the
 * file: a raw file must hold header + data bytes; a gzip file of m bytes can expand to at most
 * {@value #MAX_DEFLATE_RATIO}·m bytes (the deflate format's limit), so a lying header fails
 * before it allocates. Failures are {@link DatasetException}s whose message names the file and,
 * for a short file, the bytes expected and found.
 *
 * <p>EMNIST stores each image transposed (column after column); pass {@code transpose = true}
 * for it.
 */
public final class IdxReader {

    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Largest data section accepted (10⁹ bytes, 14× all of EMNIST ByClass train images). */
    public static final long MAX_DATA_BYTES = 1_000_000_000L;
    /** Deflate expands at most ~1032:1, so a gzip file of m bytes holds at most this · m bytes. */
    public static final long MAX_DEFLATE_RATIO = 1100;

    private static final int CHUNK = 1 << 16;
    private static final float[] BYTE_TO_FLOAT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_TO_FLOAT[b] = b / 255f;
        }
    }

    private IdxReader() {
    }

    /** Reads an image file and a label file into one labelled dataset, named after the files. */
    public static ImageDataset readPair(Path images, Path labels) throws DatasetException {
        return readPair(images, labels, defaultName(images), false, null, null);
    }

    /**
     * Reads an image file and a label file into one labelled dataset. Both headers are checked,
     * and their counts compared, before any pixel is read.
     *
     * @param transpose swap rows and columns of every image (EMNIST)
     * @param progress  receives the fraction of bytes read, 0 to 1, or {@code null}
     * @param cancelled polled between chunks, or {@code null}
     * @throws CancellationException when {@code cancelled} turns true
     */
    public static ImageDataset readPair(Path images, Path labels, String name, boolean transpose,
            DoubleConsumer progress, BooleanSupplier cancelled) throws DatasetException {
        try (Source img = Source.open(images, IMAGES_MAGIC); Source lab = Source.open(labels, LABELS_MAGIC)) {
            if (img.dims[0] != lab.dims[0]) {
                throw new DatasetException(images.getFileName() + " holds " + img.dims[0] + " images but "
                        + labels.getFileName() + " holds " + lab.dims[0] + " labels");
            }
            Progress p = new Progress(img.dataBytes + lab.dataBytes, progress, cancelled);
            float[] pixels = img.readPixels(p);
            int[] labelArray = lab.readLabels(p);
            p.done();
            return build(name, img, pixels, labelArray, transpose);
        }
    }

    /** Reads an image file alone into an unlabelled dataset. */
    public static ImageDataset readImages(Path images, boolean transpose, DoubleConsumer progress,
            BooleanSupplier cancelled) throws DatasetException {
        try (Source img = Source.open(images, IMAGES_MAGIC)) {
            Progress p = new Progress(img.dataBytes, progress, cancelled);
            float[] pixels = img.readPixels(p);
            p.done();
            return build(defaultName(images), img, pixels, null, transpose);
        }
    }

    /** Reads a label file alone: one value 0–255 per item. */
    public static int[] readLabels(Path labels, DoubleConsumer progress, BooleanSupplier cancelled)
            throws DatasetException {
        try (Source lab = Source.open(labels, LABELS_MAGIC)) {
            Progress p = new Progress(lab.dataBytes, progress, cancelled);
            int[] out = lab.readLabels(p);
            p.done();
            return out;
        }
    }

    /** "train-images-idx3-ubyte.gz" in folder "fashion-mnist" → "fashion-mnist train". */
    static String defaultName(Path images) {
        String file = images.getFileName().toString();
        String prefix = file.replaceFirst("(?i)[-._]?images[-._]idx3[-._]ubyte(\\.gz)?$", "");
        Path parent = images.toAbsolutePath().getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        return (folder + " " + prefix).trim();
    }

    private static ImageDataset build(String name, Source img, float[] pixels, int[] labels, boolean transpose) {
        int rows = (int) img.dims[1];
        int cols = (int) img.dims[2];
        if (transpose) {
            transposeAll(pixels, rows, cols);
            int t = rows;
            rows = cols;
            cols = t;
        }
        return ImageDataset.wrap(name, rows, cols, pixels, labels);
    }

    /** Each stored rows×cols block becomes its cols×rows transpose, in place. */
    private static void transposeAll(float[] pixels, int rows, int cols) {
        int size = rows * cols;
        float[] tmp = new float[size];
        for (int off = 0; off < pixels.length; off += size) {
            System.arraycopy(pixels, off, tmp, 0, size);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    pixels[off + c * rows + r] = tmp[r * cols + c];
                }
            }
        }
    }

    /** Byte-count progress over one or two files, with cancellation. */
    private static final class Progress {
        private final double total;
        private final DoubleConsumer sink;
        private final BooleanSupplier cancelled;
        private long read;

        Progress(long total, DoubleConsumer sink, BooleanSupplier cancelled) {
            this.total = Math.max(1, total);
            this.sink = sink;
            this.cancelled = cancelled;
        }

        void advance(int bytes) {
            if (cancelled != null && cancelled.getAsBoolean()) {
                throw new CancellationException("reading the dataset was cancelled");
            }
            read += bytes;
            if (sink != null) {
                sink.accept(read / total);
            }
        }

        void done() {
            if (sink != null) {
                sink.accept(1.0);
            }
        }
    }

    /** An opened IDX file whose header has been read and validated. */
    private static final class Source implements AutoCloseable {
        final String fileName;
        final InputStream in;
        final long[] dims;
        final long dataBytes;

        private Source(String fileName, InputStream in, long[] dims, long dataBytes) {
            this.fileName = fileName;
            this.in = in;
            this.dims = dims;
            this.dataBytes = dataBytes;
        }

        static Source open(Path file, int expectedMagic) throws DatasetException {
            String name = String.valueOf(file.getFileName());
            long fileSize;
            InputStream in = null;
            try {
                fileSize = Files.size(file);
                InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
                in = raw;
                raw.mark(2);
                boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                if (gzip) {
                    in = new GZIPInputStream(raw, CHUNK);
                }
                long[] dims = readHeader(name, in, expectedMagic);
                long dataBytes = product(name, dims);
                long headerBytes = 4 + 4L * dims.length;
                if (!gzip && fileSize < headerBytes + dataBytes) {
                    throw truncated(name, dataBytes, fileSize - headerBytes, expectedMagic);
                }
                if (gzip && dataBytes > MAX_DEFLATE_RATIO * fileSize) {
                    throw new DatasetException(name + ": truncated or corrupt: the header claims " + dataBytes
                            + " bytes of " + what(expectedMagic) + ", more than a gzip file of " + fileSize
                            + " bytes can hold");
                }
                requireMemory(name, dataBytes * 4);
                Source s = new Source(name, in, dims, dataBytes);
                in = null;
                return s;
            } catch (NoSuchFileException e) {
                throw new DatasetException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
            } catch (ZipException e) {
                throw new DatasetException(name + ": not a valid gzip file (" + e.getMessage() + ")", e);
            } catch (EOFException e) {
                throw new DatasetException(name + ": too short to hold an IDX header", e);
            } catch (IOException e) {
                throw new DatasetException(name + ": cannot be read (" + e.getMessage() + ")", e);
            } finally {
                closeQuietly(in);
            }
        }

        private static long[] readHeader(String name, InputStream in, int expectedMagic)
                throws IOException, DatasetException {
            int magic = readInt(in);
            int expectedDims = expectedMagic & 0xFF;
            if ((magic >>> 16) != 0) {
                throw new DatasetException(String.format("%s: not an IDX %s file (magic number 0x%08X, expected 0x%08X)",
                        name, expectedMagic == IMAGES_MAGIC ? "image" : "label", magic, expectedMagic));
            }
            int type = (magic >>> 8) & 0xFF;
            if (type != 0x08) {
                throw new DatasetException(String.format(
                        "%s: unsupported IDX data type 0x%02X (only unsigned bytes, 0x08, are supported)", name, type));
            }
            int nDims = magic & 0xFF;
            if (nDims != expectedDims) {
                throw new DatasetException(String.format(
                        "%s: expected an IDX %s file with %d dimension%s (magic 0x%08X) but it has %d (magic 0x%08X)%s",
                        name, expectedMagic == IMAGES_MAGIC ? "image" : "label", expectedDims,
                        expectedDims == 1 ? "" : "s", expectedMagic, nDims, magic,
                        magic == LABELS_MAGIC ? " – is this a label file?"
                                : magic == IMAGES_MAGIC ? " – is this an image file?" : ""));
            }
            long[] dims = new long[nDims];
            for (int d = 0; d < nDims; d++) {
                dims[d] = readInt(in) & 0xFFFFFFFFL;
                if (dims[d] == 0) {
                    throw new DatasetException(name + ": dimension " + (d + 1) + " of the header is 0");
                }
            }
            return dims;
        }

        private static long product(String name, long[] dims) throws DatasetException {
            double p = 1;
            for (long d : dims) {
                p *= d;
            }
            if (p > MAX_DATA_BYTES) {
                StringBuilder shape = new StringBuilder();
                for (long d : dims) {
                    shape.append(shape.length() == 0 ? "" : " x ").append(d);
                }
                throw new DatasetException(String.format("%s: too large: the header claims %s = %.3g bytes, the limit is %.0e",
                        name, shape, p, (double) MAX_DATA_BYTES));
            }
            return (long) p;
        }

        private static void requireMemory(String name, long bytes) throws DatasetException {
            Runtime rt = Runtime.getRuntime();
            long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            if (bytes > available) {
                // what looks used may be garbage not yet collected (a heap after training counts it):
                // collect once before refusing a data set that would fit
                System.gc();
                available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
            }
            if (bytes > available) {
                throw new DatasetException(String.format("%s: not enough memory: needs %d MB, %d MB are free",
                        name, bytes >> 20, available >> 20));
            }
        }

        float[] readPixels(Progress progress) throws DatasetException {
            float[] out = new float[(int) dataBytes];
            byte[] buf = new byte[CHUNK];
            int pos = 0;
            while (pos < out.length) {
                int n = read(buf, Math.min(CHUNK, out.length - pos), pos, IMAGES_MAGIC);
                for (int k = 0; k < n; k++) {
                    out[pos + k] = BYTE_TO_FLOAT[buf[k] & 0xFF];
                }
                pos += n;
                progress.advance(n);
            }
            return out;
        }

        int[] readLabels(Progress progress) throws DatasetException {
            int[] out = new int[(int) dataBytes];
            byte[] buf = new byte[CHUNK];
            int pos = 0;
            while (pos < out.length) {
                int n = read(buf, Math.min(CHUNK, out.length - pos), pos, LABELS_MAGIC);
                for (int k = 0; k < n; k++) {
                    out[pos + k] = buf[k] & 0xFF;
                }
                pos += n;
                progress.advance(n);
            }
            return out;
        }

        /** Reads 1..len bytes; end of data before {@code dataBytes} is a truncation error. */
        private int read(byte[] buf, int len, long alreadyRead, int magic) throws DatasetException {
            try {
                int n = in.read(buf, 0, len);
                if (n < 0) {
                    throw truncated(fileName, dataBytes, alreadyRead, magic);
                }
                return n;
            } catch (EOFException e) {
                throw truncated(fileName, dataBytes, alreadyRead, magic);
            } catch (ZipException e) {
                throw new DatasetException(fileName + ": corrupt gzip data after " + alreadyRead + " bytes ("
                        + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new DatasetException(fileName + ": cannot be read (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
            closeQuietly(in);
        }
    }

    private static DatasetException truncated(String name, long expected, long found, int magic) {
        return new DatasetException(name + ": truncated: expected " + expected + " bytes of " + what(magic)
                + ", found " + Math.max(0, found));
    }

    private static String what(int magic) {
        return magic == IMAGES_MAGIC ? "pixels" : "labels";
    }

    private static int readInt(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        int b3 = in.read();
        if ((b0 | b1 | b2 | b3) < 0) {
            throw new EOFException();
        }
        return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Nothing useful to do when closing a file we only read fails.
            }
        }
    }
}
