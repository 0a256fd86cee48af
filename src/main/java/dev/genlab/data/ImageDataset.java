package dev.genlab.data;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An immutable set of n grey-scale images of rows × cols pixels with optional integer labels.
 *
 * <p>Pixels are floats in [0, 1] (0 = background, 1 = full ink), stored image after image, each
 * image row-major: pixel (i, r, c) is at {@code i·rows·cols + r·cols + c}. A label is ≥ 0, or
 * {@link #UNLABELLED} (−1). Accessors hand out copies or read-only views, never the arrays.
 */
public final class ImageDataset {

    /** The label of an image without one. */
    public static final int UNLABELLED = -1;

    /** A train / test partition. */
    public record Split(ImageDataset train, ImageDataset test) {
    }

    private final String name;
    private final int rows;
    private final int cols;
    private final float[] pixels;
    private final int[] labels;

    private ImageDataset(String name, int rows, int cols, float[] pixels, int[] labels) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * A dataset from copies of the given arrays.
     *
     * @param labels one per image, or {@code null} for an unlabelled set
     * @throws IllegalArgumentException on inconsistent sizes or a pixel outside [0, 1]
     */
    public static ImageDataset of(String name, int rows, int cols, float[] pixels, int[] labels) {
        return wrap(name, rows, cols, pixels.clone(), labels == null ? null : labels.clone());
    }

    /** As {@link #of} but takes ownership of the arrays, which the caller must not touch again. */
    static ImageDataset wrap(String name, int rows, int cols, float[] pixels, int[] labels) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + rows + "x" + cols);
        }
        int size = rows * cols;
        if (pixels.length % size != 0) {
            throw new IllegalArgumentException(pixels.length + " pixels is not a whole number of "
                    + rows + "x" + cols + " images");
        }
        int n = pixels.length / size;
        if (labels == null) {
            labels = new int[n];
            Arrays.fill(labels, UNLABELLED);
        } else if (labels.length != n) {
            throw new IllegalArgumentException(n + " images but " + labels.length + " labels");
        }
        for (float p : pixels) {
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalArgumentException("pixel value " + p + " is outside [0, 1]");
            }
        }
        for (int l : labels) {
            if (l < UNLABELLED) {
                throw new IllegalArgumentException("label " + l + " is negative");
            }
        }
        return new ImageDataset(name == null ? "" : name, rows, cols, pixels, labels);
    }

    public String name() {
        return name;
    }

    private volatile long fingerprint;

    /**
     * A 64-bit hash of the images (sizes and every pixel value; not the name or the labels): two data
     * sets with the same fingerprint hold the same images, whatever they are called in which language.
     * A trained model remembers the fingerprint of what it was trained on. Computed once (~10 ms for
     * 10,000 images of 28 × 28).
     */
    public long fingerprint() {
        long f = fingerprint;
        if (f == 0) {
            // FNV-1a over 32-bit words, then a final mix
            long h = 0xcbf29ce484222325L;
            for (long v : new long[] {rows, cols, labels.length}) {
                h = (h ^ v) * 0x100000001b3L;
            }
            for (float p : pixels) {
                h = (h ^ Float.floatToIntBits(p)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            f = h == 0 ? 1 : h;
            fingerprint = f;
        }
        return f;
    }

    public int size() {
        return labels.length;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** rows × cols. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** Pixel (r, c) of image i. */
    public float pixel(int i, int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("pixel (" + r + ", " + c + ") outside " + rows + "x" + cols);
        }
        return pixels[checkIndex(i) * rows * cols + r * cols + c];
    }

    /** A copy of image i, row-major. */
    public float[] image(int i) {
        int size = rows * cols;
        return Arrays.copyOfRange(pixels, checkIndex(i) * size, (i + 1) * size);
    }

    /** Copies image i into {@code dst} starting at {@code offset}. */
    public void copyImage(int i, float[] dst, int offset) {
        int size = rows * cols;
        System.arraycopy(pixels, checkIndex(i) * size, dst, offset, size);
    }

    /** A read-only view of all pixels, without copying. */
    public FloatBuffer pixelBuffer() {
        return FloatBuffer.wrap(pixels).asReadOnlyBuffer();
    }

    /** A copy of all pixels. */
    public float[] copyPixels() {
        return pixels.clone();
    }

    public int label(int i) {
        return labels[checkIndex(i)];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Whether any image has a label. */
    public boolean isLabelled() {
        for (int l : labels) {
            if (l != UNLABELLED) {
                return true;
            }
        }
        return false;
    }

    /** The distinct labels present, ascending, without {@link #UNLABELLED}. */
    public int[] labelsDistinct() {
        return Arrays.stream(labels).filter(l -> l != UNLABELLED).distinct().sorted().toArray();
    }

    /** Images from (inclusive) to (exclusive), in order. */
    public ImageDataset subset(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("subset [" + from + ", " + to + ") of " + size() + " images");
        }
        int s = rows * cols;
        return new ImageDataset(name, rows, cols, Arrays.copyOfRange(pixels, from * s, to * s),
                Arrays.copyOfRange(labels, from, to));
    }

    /** The images at the given indices, in that order (repeats allowed). */
    public ImageDataset select(int[] indices) {
        int s = rows * cols;
        float[] p = new float[indices.length * s];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, checkIndex(indices[k]) * s, p, k * s, s);
            l[k] = labels[indices[k]];
        }
        return new ImageDataset(name, rows, cols, p, l);
    }

    /**
     * A random partition: round(testFraction · n) images go to the test set. The permutation is a
     * Fisher–Yates shuffle driven by {@code SplittableRandom(seed)}, so one seed always gives one
     * split; each part keeps the shuffled order.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1], got " + testFraction);
        }
        int n = size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTest = (int) Math.round(testFraction * n);
        ImageDataset test = select(Arrays.copyOfRange(perm, 0, nTest));
        ImageDataset train = select(Arrays.copyOfRange(perm, nTest, n));
        return new Split(train.withName(name + " (train)"), test.withName(name + " (test)"));
    }

    /** The same images under another name. */
    public ImageDataset withName(String newName) {
        return new ImageDataset(newName, rows, cols, pixels, labels);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("image " + i + " of " + labels.length);
        }
        return i;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images, " + rows + "x" + cols + ")";
    }
}
