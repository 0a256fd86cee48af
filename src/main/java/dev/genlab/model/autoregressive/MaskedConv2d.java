package dev.genlab.model.autoregressive;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A masked k × k convolution with stride 1 and zero padding p = (k − 1)/2 ("same"):
 * <pre>
 *   y[o; n,r,c] = b[o] + Σ_{i,u,v} M[u,v] W[o,i,u,v] · x[i; n, r+u−p, c+v−p]   (x = 0 outside the image)
 * </pre>
 * with a PixelCNN mask M that keeps a prefix of the taps in row-major order (type A: the rows above
 * the centre and the taps left of it; type B: also the centre). Back-propagation of G = dL/dy:
 * dL/dW[o,i,u,v] = M[u,v] Σ_{n,r,c} G[o; n,r,c] x[i; n,r+u−p,c+v−p], dL/db[o] = Σ G[o; ·], and
 * dL/dx[i; n,r,c] = Σ_{o,u,v} M[u,v] W[o,i,u,v] G[o; n,r−u+p,c−v+p].
 *
 * <p>Layout. W sits in the flat parameter vector as a column-major out × (k²·in) matrix whose
 * column (u·k + v)·in + i holds W[·,i,u,v]: tap t = u·k + v is the contiguous out × in block W_t,
 * and the kept taps are a prefix, so W ⊙ M is the first taps·in columns. Activations are
 * column-major channels × pixels matrices on a {@link Grid}: every image padded by a ring of zeros,
 * pixels in image, row, column order (NHWC in memory), with a zero margin before and after. On that
 * grid, moving by a tap is a constant shift of the pixel index, so
 * <pre>
 *   y = b 1ᵀ + Σ_{kept t} W_t · X[:, shift_t]
 * </pre>
 * is one {@code Nd4j.gemm} per kept tap on a view of X, with no im2col copy; masked taps cost
 * nothing, and their gradient columns are written as zeros. Outputs on the ring are garbage that
 * the caller zeroes ({@link Grid#interior}). The first layer reads the binary image, whose im2col
 * the model builds in plain Java ({@link #forwardColumns}).
 *
 * <p>Why not libnd4j's {@code conv2d} / {@code conv2d_bp} (or im2col by strided assigns): on
 * 28 × 28, C = 16, L = 4, batch 16, a training step took 438 ms with those ops and 224 ms with
 * strided-view im2col / col2im (whose {@code addi} on 4-D views alone took 33 ms) and 95–140 ms in
 * this shifted-gemm form (all on the shared, loaded 2-core machine; views cost gemm nothing extra).
 * {@code PixelCnnConvTest} checks it against a plain-Java convolution. Trainer thread only.
 */
final class MaskedConv2d {

    /**
     * n images of h × w pixels, each padded by {@code pad} zeros on every side: {@link #pixels()}
     * grid columns, plus {@link #margin()} zero columns before and after so that every shift by at
     * most pad rows and columns stays inside the buffer.
     */
    record Grid(int n, int h, int w, int pad) {
        int paddedRows() {
            return h + 2 * pad;
        }

        int paddedCols() {
            return w + 2 * pad;
        }

        long pixels() {
            return (long) n * paddedRows() * paddedCols();
        }

        long margin() {
            return (long) pad * paddedCols() + pad;
        }

        /** Grid column of image s, row r, column c (unpadded coordinates). */
        long at(int s, int r, int c) {
            return ((long) s * paddedRows() + r + pad) * paddedCols() + c + pad;
        }

        /** 1 on the image pixels, 0 on the ring, as doubles of length {@link #pixels()}. */
        double[] interior() {
            double[] m = new double[(int) pixels()];
            for (int s = 0; s < n; s++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        m[(int) at(s, r, c)] = 1;
                    }
                }
            }
            return m;
        }
    }

    private final int in;
    private final int out;
    private final int k;
    private final int taps;
    private final INDArray w;
    private final INDArray b;
    private final INDArray[] wTap;
    private final INDArray wKept;
    private final INDArray[] gradWTap;
    private final INDArray gradWKept;
    private final INDArray gradWMasked;
    private final INDArray gradB;
    private INDArray onesStore;
    private INDArray lastInput;
    private Grid lastGrid;
    private boolean lastWasColumns;

    /**
     * @param taps   how many taps of the row-major k × k kernel the mask keeps (a prefix)
     * @param params a flat view of length {@link #size}: W (column-major out × k²·in) then b
     * @param grads  a view of the same layout for the gradients
     */
    MaskedConv2d(int in, int out, int k, int taps, INDArray params, INDArray grads) {
        if (k % 2 == 0 || taps < 1 || taps > k * k) {
            throw new IllegalArgumentException("need an odd kernel and 1..k*k taps, got k = " + k + ", " + taps);
        }
        this.in = in;
        this.out = out;
        this.k = k;
        this.taps = taps;
        long nw = (long) out * in * k * k;
        long nk = (long) out * in * taps;
        this.w = matrix(params, 0, out, (long) in * k * k);
        this.wKept = matrix(params, 0, out, (long) in * taps);
        this.b = matrix(params, nw, out, 1);
        this.gradWKept = matrix(grads, 0, out, (long) in * taps);
        this.gradWMasked = nk < nw ? grads.get(NDArrayIndex.interval(nk, nw)) : null;
        this.gradB = matrix(grads, nw, out, 1);
        this.wTap = new INDArray[taps];
        this.gradWTap = new INDArray[taps];
        for (int t = 0; t < taps; t++) {
            wTap[t] = matrix(params, (long) t * in * out, out, in);
            gradWTap[t] = matrix(grads, (long) t * in * out, out, in);
        }
    }

    private static INDArray matrix(INDArray flat, long from, long rows, long cols) {
        return flat.get(NDArrayIndex.interval(from, from + rows * cols)).reshape('f', true, rows, cols);
    }

    static long size(int in, int out, int k) {
        return (long) out * in * k * k + out;
    }

    /** Position of W[o, i, u, v] in the layer's part of the parameter vector. */
    static int index(int in, int out, int k, int o, int i, int u, int v) {
        return ((u * k + v) * in + i) * out + o;
    }

    /** Columns [from, from + count) of a column-major matrix: a view. */
    static INDArray columns(INDArray m, long from, long count) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count));
    }

    /**
     * y for x on grid g: x is a column-major in × (pixels + 2·margin) matrix, zero off the image
     * pixels; returns a new out × pixels matrix (garbage on the ring).
     */
    INDArray forward(INDArray x, Grid g) {
        int p = (k - 1) / 2;
        if (p > g.pad()) {
            throw new IllegalArgumentException("kernel " + k + " needs a grid padded by " + p);
        }
        lastInput = x;
        lastGrid = g;
        lastWasColumns = false;
        long pixels = g.pixels();
        INDArray y = Nd4j.createUninitialized(w.dataType(), new long[] {out, pixels}, 'f');
        Nd4j.gemm(b, ones(pixels, true), y, false, false, 1.0, 0.0);
        for (int t = 0; t < taps; t++) {
            Nd4j.gemm(wTap[t], columns(x, g.margin() + shift(t, g), pixels), y, false, false, 1.0, 1.0);
        }
        return y;
    }

    /** Grid-column shift of tap t: (u − p) padded rows and (v − p) columns. */
    private long shift(int t, Grid g) {
        int p = (k - 1) / 2;
        return (long) (t / k - p) * g.paddedCols() + (t % k - p);
    }

    /**
     * y = W_kept · cols + b 1ᵀ for precomputed columns: cols is taps·in × pixels, row t·in + i
     * holding input channel i read at tap t (what {@link #forward} reads through shifts).
     */
    INDArray forwardColumns(INDArray cols) {
        lastInput = cols;
        lastWasColumns = true;
        long pixels = cols.columns();
        INDArray y = Nd4j.createUninitialized(w.dataType(), new long[] {out, pixels}, 'f');
        Nd4j.gemm(b, ones(pixels, true), y, false, false, 1.0, 0.0);
        Nd4j.gemm(wKept, cols, y, false, false, 1.0, 1.0);
        return y;
    }

    /**
     * Overwrites the gradients of W and b from G = dL/dy (out × pixels, column-major, zero on the
     * ring) of the last forward; returns dL/dx as a new in × (pixels + 2·margin) matrix (valid on
     * the image pixels) or null when {@code inputGradient} is false or the input was columns.
     */
    INDArray backward(INDArray gradY, boolean inputGradient) {
        if (lastInput == null) {
            throw new IllegalStateException("backward before forward");
        }
        long pixels = gradY.columns();
        Nd4j.gemm(gradY, ones(pixels, false), gradB, false, false, 1.0, 0.0);
        if (gradWMasked != null) {
            gradWMasked.assign(0);
        }
        if (lastWasColumns) {
            Nd4j.gemm(gradY, lastInput, gradWKept, false, true, 1.0, 0.0);
            return null;
        }
        Grid g = lastGrid;
        for (int t = 0; t < taps; t++) {
            Nd4j.gemm(gradY, columns(lastInput, g.margin() + shift(t, g), pixels), gradWTap[t], false, true, 1.0, 0.0);
        }
        if (!inputGradient) {
            return null;
        }
        INDArray gradX = Nd4j.create(w.dataType(), new long[] {in, pixels + 2 * g.margin()}, 'f');
        for (int t = 0; t < taps; t++) {
            Nd4j.gemm(wTap[t], gradY, columns(gradX, g.margin() + shift(t, g), pixels), true, false, 1.0, 1.0);
        }
        return gradX;
    }

    /** n ones as a 1 × n row or an n × 1 column, outside any workspace, grown as needed. */
    private INDArray ones(long n, boolean row) {
        if (onesStore == null || onesStore.length() < n) {
            onesStore = PixelCnn.detached(Nd4j.ones(w.dataType(), n));
        }
        INDArray part = onesStore.get(NDArrayIndex.interval(0, n));
        return row ? part.reshape('f', true, 1, n) : part.reshape('f', true, n, 1);
    }

    int inputs() {
        return in;
    }

    int outputs() {
        return out;
    }

    int kernel() {
        return k;
    }

    /** Taps kept by the mask: the first {@code taps()} of the row-major k × k kernel. */
    int taps() {
        return taps;
    }

    /** The taps kept, row-major [k, k]. */
    boolean[] mask() {
        boolean[] m = new boolean[k * k];
        for (int t = 0; t < taps; t++) {
            m[t] = true;
        }
        return m;
    }

    /** W as out × (k²·in), column-major; a live view. */
    INDArray w() {
        return w;
    }

    INDArray b() {
        return b;
    }
}
