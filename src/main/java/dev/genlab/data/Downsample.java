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
 *
 * <p>{@link #resample} brings images of any size to any other (a loaded IDX set of 20 × 20 images
 * to the 28 × 28 or 7 × 7 a lesson works on) by area averaging: output pixel (i, j) covers the
 * rectangle [i·R/R', (i+1)·R/R') × [j·C/C', (j+1)·C/C') of the input, and its value is the mean of
 * the input over that rectangle, each input pixel weighted by the area it shares with it. When the
 * new size divides the old one this is the block average above.
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

    /**
     * To newRows × newCols whatever the current size: {@link #to} when the new size divides the old
     * one, else area averaging (the mean of the input over each output pixel's footprint, which
     * also enlarges). The mean grey value of every image is kept.
     */
    public static ImageDataset resample(ImageDataset ds, int newRows, int newCols) {
        if (newRows <= 0 || newCols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + newRows + "x" + newCols);
        }
        if (ds.rows() % newRows == 0 && ds.cols() % newCols == 0) {
            return ds.rows() == newRows && ds.cols() == newCols ? ds : to(ds, newRows, newCols);
        }
        double[][] wr = overlaps(ds.rows(), newRows);
        double[][] wc = overlaps(ds.cols(), newCols);
        int inSize = ds.pixelsPerImage();
        int outSize = newRows * newCols;
        FloatBuffer src = ds.pixelBuffer();
        float[] dst = new float[ds.size() * outSize];
        double[] rowPass = new double[newRows * ds.cols()];
        for (int n = 0; n < ds.size(); n++) {
            java.util.Arrays.fill(rowPass, 0);
            for (int o = 0; o < newRows; o++) {
                for (int r = 0; r < ds.rows(); r++) {
                    double w = wr[o][r];
                    if (w == 0) {
                        continue;
                    }
                    int in = n * inSize + r * ds.cols();
                    for (int c = 0; c < ds.cols(); c++) {
                        rowPass[o * ds.cols() + c] += w * src.get(in + c);
                    }
                }
            }
            for (int o = 0; o < newRows; o++) {
                for (int q = 0; q < newCols; q++) {
                    double v = 0;
                    for (int c = 0; c < ds.cols(); c++) {
                        v += wc[q][c] * rowPass[o * ds.cols() + c];
                    }
                    dst[n * outSize + o * newCols + q] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return ImageDataset.wrap(ds.name() + " (" + newRows + "x" + newCols + ")", newRows, newCols, dst,
                ds.labels());
    }

    /**
     * w[o][i]: the share of output cell o (of m along an axis of n input pixels) that input pixel i
     * covers; every row sums to 1.
     */
    private static double[][] overlaps(int n, int m) {
        double[][] w = new double[m][n];
        double step = n / (double) m;
        for (int o = 0; o < m; o++) {
            double lo = o * step;
            double hi = (o + 1) * step;
            for (int i = (int) Math.floor(lo); i < n && i < hi; i++) {
                double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                if (overlap > 0) {
                    w[o][i] = overlap / step;
                }
            }
        }
        return w;
    }
}
