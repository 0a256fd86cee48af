package dev.genlab.model.discrete;

import java.util.Arrays;
import java.util.Objects;

import dev.genlab.data.Binarize;
import dev.genlab.data.Downsample;
import dev.genlab.data.ImageDataset;

/**
 * {@code count} binary images of rows × cols pixels: bit j of image i (a 0 or 1 byte) is at
 * {@code i·rows·cols + j}, each image row-major (j = r·cols + c). Immutable: the constructor copies
 * the array and {@link #bits()} hands out a copy.
 */
public record BinaryImages(int count, int rows, int cols, byte[] bits) {

    /** Largest n for which {@link #all} enumerates {0,1}^n. */
    public static final int MAX_ENUMERATED_PIXELS = 20;

    public BinaryImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("need count >= 0 and a positive size, got " + count + " images of "
                    + rows + "x" + cols);
        }
        Objects.requireNonNull(bits, "bits");
        if ((long) count * rows * cols != bits.length) {
            throw new IllegalArgumentException(bits.length + " bits are not " + count + " images of " + rows + "x"
                    + cols);
        }
        bits = bits.clone();
        for (byte b : bits) {
            if (b != 0 && b != 1) {
                throw new IllegalArgumentException("a bit must be 0 or 1, got " + b);
            }
        }
    }

    /**
     * The images of a grey data set (the first {@code maxCount}, or all when it is larger), block
     * averaged to size × size by {@link Downsample} and set to 1 where the grey value is ≥ threshold
     * ({@link Binarize#threshold}).
     */
    public static BinaryImages from(ImageDataset d, int size, double threshold, int maxCount) {
        if (maxCount < 0) {
            throw new IllegalArgumentException("maxCount must be >= 0, got " + maxCount);
        }
        ImageDataset part = maxCount < d.size() ? d.subset(0, maxCount) : d;
        if (part.rows() != size || part.cols() != size) {
            part = Downsample.to(part, size);
        }
        float[] grey = Binarize.threshold(part, threshold).copyPixels();
        byte[] b = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            b[i] = (byte) (grey[i] != 0f ? 1 : 0);
        }
        return new BinaryImages(part.size(), size, size, b);
    }

    /** All 2^n images of n = rows·cols pixels: pixel j of image i is bit j of i. */
    public static BinaryImages all(int rows, int cols) {
        int n = rows * cols;
        if (n > MAX_ENUMERATED_PIXELS) {
            throw new IllegalArgumentException("enumerating 2^" + n + " images is too many; at most "
                    + MAX_ENUMERATED_PIXELS + " pixels");
        }
        int count = 1 << n;
        byte[] b = new byte[count * n];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < n; j++) {
                b[i * n + j] = (byte) ((i >>> j) & 1);
            }
        }
        return new BinaryImages(count, rows, cols, b);
    }

    /** n = rows × cols. */
    public int pixels() {
        return rows * cols;
    }

    public byte bit(int image, int pixel) {
        Objects.checkIndex(image, count);
        Objects.checkIndex(pixel, pixels());
        return bits[image * pixels() + pixel];
    }

    /** A copy of all bits. */
    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** The array itself, for models that read many images; callers must not write to it. */
    byte[] raw() {
        return bits;
    }

    /** A copy of image i's bits. */
    public byte[] image(int i) {
        Objects.checkIndex(i, count);
        return Arrays.copyOfRange(bits, i * pixels(), (i + 1) * pixels());
    }

    /** Images from (inclusive) to (exclusive). */
    public BinaryImages subset(int from, int to) {
        Objects.checkFromToIndex(from, to, count);
        return new BinaryImages(to - from, rows, cols, Arrays.copyOfRange(bits, from * pixels(), to * pixels()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryImages b && b.count == count && b.rows == rows && b.cols == cols
                && Arrays.equals(b.bits, bits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, rows, cols, Arrays.hashCode(bits));
    }

    @Override
    public String toString() {
        return "BinaryImages[" + count + " of " + rows + "x" + cols + "]";
    }
}
