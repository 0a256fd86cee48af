package dev.genlab.data;

import java.nio.FloatBuffer;

/**
 * Shrinks images by block averaging: with block size b_r = rows / rows' and b_c = cols / cols',
 * <pre>
 *   x'(i, j) = (1 / (b_r b_c)) Σ_{0 ≤ a &lt; b_r, 0 ≤ b &lt; b_c} x(i·b_r + a, j·b_c + b),
 * </pre>
 * so 28 × 28 → 14 × 14 averages 2 × 2 blocks and 28 × 28 → 4 × 4 averages 7 × 7 blocks. The new
 * size must divide the old one. Small images keep brute-force lessons (all 2^(n) binary images)
 * within reach.
 */
public final class Downsample {

    private Downsample() {
    }

    /** Square images to size × size. */
    public static ImageDataset to(ImageDataset ds, int size) {
        return to(ds, size, size);
    }

    /** To newRows × newCols; each must divide the current size. */
    public static ImageDataset to(ImageDataset ds, int newRows, int newCols) {
        if (newRows <= 0 || newCols <= 0 || ds.rows() % newRows != 0 || ds.cols() % newCols != 0) {
            throw new IllegalArgumentException("cannot block-average " + ds.rows() + "x" + ds.cols() + " images to "
                    + newRows + "x" + newCols + ": the new size must divide the old one");
        }
        int br = ds.rows() / newRows;
        int bc = ds.cols() / newCols;
        float inv = 1f / (br * bc);
        int inSize = ds.pixelsPerImage();
        int outSize = newRows * newCols;
        FloatBuffer src = ds.pixelBuffer();
        float[] dst = new float[ds.size() * outSize];
        for (int n = 0; n < ds.size(); n++) {
            for (int r = 0; r < ds.rows(); r++) {
                int inRow = n * inSize + r * ds.cols();
                int outRow = n * outSize + (r / br) * newCols;
                for (int c = 0; c < ds.cols(); c++) {
                    dst[outRow + c / bc] += src.get(inRow + c);
                }
            }
        }
        for (int i = 0; i < dst.length; i++) {
            // Rounding can push an all-ones block a hair above 1.
            dst[i] = Math.min(1f, dst[i] * inv);
        }
        return ImageDataset.wrap(ds.name() + " (" + newRows + "x" + newCols + ")", newRows, newCols, dst,
                ds.labels());
    }
}
