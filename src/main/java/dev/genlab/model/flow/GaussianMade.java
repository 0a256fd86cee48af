package dev.genlab.model.flow;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.autoregressive.MadeMasks;

/**
 * The conditioner of MAF and IAF: a MADE (Germain et al. 2015, "MADE: Masked Autoencoder for
 * Distribution Estimation", ICML) with D real inputs and 2D outputs, the shift μ_i and the
 * unbounded log-scale â_i of every coordinate, both depending only on the inputs before i in the
 * ordering (Papamakarios, Pavlakou &amp; Murray 2017, "Masked Autoregressive Flow for Density
 * Estimation", NeurIPS, §3.1). Hidden units are tanh (smooth, so finite-difference checks of the
 * flow's Jacobian are exact to rounding); masks are {@link MadeMasks}', the output mask used twice.
 *
 * <p>Plain Java doubles: D ≤ 8 and widths of a few dozen make a pass a few thousand flops a point,
 * where ND4J's ~8 µs a call would dominate for training batches; in FLOAT, batches of at least
 * {@link #GEMM_MIN_BATCH} points (the density grid) run the hidden → hidden products, the bulk of
 * the work, as one float gemm each. All parameters sit in one flat
 * vector, layer by layer: W (out × in, row-major) then b; masked weights are 0 from the start and
 * their gradients are multiplied by the mask, so Adam never moves them. Not thread-safe: the tape
 * of the last {@link #forward} is kept for {@link #backward}.
 */
final class GaussianMade {

    private final int d;
    private final MadeMasks masks;
    /** widths[0] = D, widths[1..L] hidden, widths[L+1] = 2D. */
    private final int[] widths;
    private final int[] wOff;
    private final int[] bOff;
    final double[] p;
    final double[] g;
    private final double[] mask;
    /** acts[l]: the input (l = 0) and the hidden activations of the last forward, n × width. */
    private final double[][] acts;
    private double[] delta = new double[0];
    private double[] deltaBelow = new double[0];
    private int tapeN;
    /** Forward passes of the network so far, whatever the batch: what a read-out counts, not a timing. */
    private long passCount;

    /** How many forward passes the network has run since it was built. */
    long passCount() {
        return passCount;
    }
    private final double[][] wT;
    /** Batches of at least this many points run the hidden → hidden products through {@link #gemmLayer} (FLOAT only). */
    static final int GEMM_MIN_BATCH = 2048;
    private final INDArray[] gemmX;
    private final INDArray[] gemmY;
    private final INDArray[] gemmW;
    private float[] floatScratch = new float[0];
    private final boolean exact;

    /**
     * @param identityStart the output layer starts at zero (μ = 0, â = 0: the flow is the identity);
     *                      otherwise Glorot-uniform there too and biases uniform in ±0.5
     * @param exact         tanh by Math.exp (gradient and Jacobian checks) or by CouplingNet's
     *                      float-accurate rational fit (the app: Math.tanh's cost dominated a pass)
     */
    GaussianMade(int[] order, int[] hidden, long seed, boolean identityStart, boolean exact) {
        this.exact = exact;
        this.masks = new MadeMasks(order, hidden, seed);
        this.d = order.length;
        int layers = hidden.length + 1;
        widths = new int[layers + 1];
        widths[0] = d;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[layers] = 2 * d;
        wOff = new int[layers];
        bOff = new int[layers];
        int n = 0;
        for (int l = 0; l < layers; l++) {
            wOff[l] = n;
            n += widths[l] * widths[l + 1];
            bOff[l] = n;
            n += widths[l + 1];
        }
        p = new double[n];
        g = new double[n];
        mask = new double[n];
        Arrays.fill(mask, 1);
        for (int l = 0; l < layers; l++) {
            boolean[][] m = masks.mask(l);
            int in = widths[l];
            for (int o = 0; o < widths[l + 1]; o++) {
                boolean[] row = m[o % m.length]; // the output layer: μ_i and â_i share output i's row
                for (int i = 0; i < in; i++) {
                    mask[wOff[l] + o * in + i] = row[i] ? 1 : 0;
                }
            }
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            double limit = Math.sqrt(6.0 / (widths[l] + widths[l + 1]));
            for (int k = wOff[l]; k < bOff[l]; k++) {
                p[k] = last && identityStart ? 0 : (2 * rng.nextDouble() - 1) * limit * mask[k];
            }
            if (last && !identityStart) {
                for (int k = bOff[l]; k < bOff[l] + widths[l + 1]; k++) {
                    p[k] = rng.nextDouble() - 0.5;
                }
            }
        }
        wT = new double[layers][];
        gemmX = new INDArray[layers];
        gemmY = new INDArray[layers];
        gemmW = new INDArray[layers];
        acts = new double[layers][];
        for (int l = 0; l < layers; l++) {
            acts[l] = new double[0];
        }
    }

    int dims() {
        return d;
    }

    MadeMasks masks() {
        return masks;
    }

    int numParams() {
        return p.length;
    }

    /** Weights the masks keep plus biases. */
    int numFreeParams() {
        int n = 0;
        for (double m : mask) {
            n += m != 0 ? 1 : 0;
        }
        return n;
    }

    /** Sets the parameters, masked weights forced to 0. */
    void setParams(double[] values) {
        if (values.length != p.length) {
            throw new IllegalArgumentException("expected " + p.length + " values, got " + values.length);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = values[i] * mask[i];
        }
    }

    /**
     * The outputs for inputs u (n × D row-major): out[k·2D + i] = μ_i, out[k·2D + D + i] = â_i.
     * Keeps the tape for {@link #backward}.
     */
    void forward(double[] u, int n, double[] out) {
        passCount++;
        int layers = widths.length - 1;
        acts[0] = grow(acts[0], n * d);
        System.arraycopy(u, 0, acts[0], 0, n * d);
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int outs = widths[l + 1];
            boolean last = l == layers - 1;
            double[] src = acts[l];
            double[] dst;
            if (last) {
                dst = out;
            } else {
                acts[l + 1] = grow(acts[l + 1], n * outs);
                dst = acts[l + 1];
            }
            int b0 = bOff[l];
            if (!exact && !last && l > 0 && n >= GEMM_MIN_BATCH) {
                gemmLayer(l, src, dst, n);
                continue;
            }
            double[] wt = transposed(l);
            for (int k = 0; k < n; k++) {
                int so = k * in;
                int dOff = k * outs;
                System.arraycopy(p, b0, dst, dOff, outs);
                // an axpy per input over the contiguous outputs: the JIT vectorises it, not a dot's reduction
                for (int i = 0; i < in; i++) {
                    double s = src[so + i];
                    if (s == 0) {
                        continue;
                    }
                    int wi = i * outs;
                    for (int o = 0; o < outs; o++) {
                        dst[dOff + o] += s * wt[wi + o];
                    }
                }
                if (!last) {
                    for (int o = 0; o < outs; o++) {
                        double a = dst[dOff + o];
                        dst[dOff + o] = exact ? CouplingNet.tanhExact(a) : CouplingNet.tanhFast(a);
                    }
                }
            }
        }
        tapeN = n;
    }

    /**
     * Back-propagates gOut = dL/d(outputs) (n × 2D) through the last {@link #forward}: adds dL/dθ to
     * {@link #g} (masked) and writes dL/du to {@code gIn} (n × D) when it is not null.
     */
    void backward(double[] gOut, int n, double[] gIn) {
        if (n != tapeN) {
            throw new IllegalStateException("backward for " + n + " points after a forward of " + tapeN);
        }
        int layers = widths.length - 1;
        double[] up = gOut;
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l];
            int outs = widths[l + 1];
            double[] src = acts[l];
            int w0 = wOff[l];
            int b0 = bOff[l];
            boolean needBelow = l > 0 || gIn != null;
            double[] below = null;
            if (needBelow) {
                if (l > 0) {
                    deltaBelow = grow(deltaBelow, n * in);
                    below = deltaBelow;
                } else {
                    below = gIn;
                }
                Arrays.fill(below, 0, n * in, 0);
            }
            for (int k = 0; k < n; k++) {
                int so = k * in;
                int uo = k * outs;
                for (int o = 0; o < outs; o++) {
                    double go = up[uo + o];
                    if (go == 0) {
                        continue;
                    }
                    g[b0 + o] += go;
                    int wo = w0 + o * in;
                    for (int i = 0; i < in; i++) {
                        g[wo + i] += go * src[so + i];
                    }
                    if (needBelow) {
                        for (int i = 0; i < in; i++) {
                            below[so + i] += go * p[wo + i];
                        }
                    }
                }
            }
            if (l > 0) {
                // through tanh: dh/da = 1 − h²
                for (int i = 0; i < n * in; i++) {
                    double h = src[i];
                    below[i] *= 1 - h * h;
                }
                delta = grow(delta, n * in);
                System.arraycopy(below, 0, delta, 0, n * in);
                up = delta;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] *= mask[i];
        }
    }

    /**
     * Hidden layer l (l ≥ 1) on a large batch: its product as one float {@code Nd4j.gemm}, as
     * {@link CouplingGemm} does for the couplings' density grid. The point-major activations (n × in,
     * row-major) are the buffer of an in × n column-major array and W ([out][in] row-major) that of an
     * in × out column-major one, so Yᵀ = Wᵀᵀ Xᵀ needs no transposed copies; biases and tanh in Java.
     */
    private void gemmLayer(int l, double[] src, double[] dst, int n) {
        int in = widths[l];
        int outs = widths[l + 1];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (gemmX[l] == null || gemmX[l].columns() != n) {
                gemmX[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {in, n}, 'f');
                gemmY[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {outs, n}, 'f');
                gemmW[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {in, outs}, 'f');
            }
        }
        float[] buf = floatScratch = floatScratch.length >= n * Math.max(in, outs)
                ? floatScratch : new float[n * Math.max(in, outs)];
        for (int i = 0; i < n * in; i++) {
            buf[i] = (float) src[i];
        }
        gemmX[l].data().asNioFloat().put(buf, 0, n * in);
        float[] w = new float[in * outs];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) p[wOff[l] + i];
        }
        gemmW[l].data().asNioFloat().put(w);
        Nd4j.gemm(gemmW[l], gemmX[l], gemmY[l], true, false, 1.0, 0.0);
        gemmY[l].data().asNioFloat().get(buf, 0, n * outs);
        int b0 = bOff[l];
        for (int k = 0; k < n; k++) {
            int o0 = k * outs;
            for (int o = 0; o < outs; o++) {
                dst[o0 + o] = CouplingNet.tanhFast(buf[o0 + o] + p[b0 + o]);
            }
        }
    }

    /** Layer l's weights as [in][out] (a scratch copy, renewed every call: parameters change between passes). */
    private double[] transposed(int l) {
        int in = widths[l];
        int outs = widths[l + 1];
        if (wT[l] == null) {
            wT[l] = new double[in * outs];
        }
        double[] t = wT[l];
        int w0 = wOff[l];
        for (int o = 0; o < outs; o++) {
            for (int i = 0; i < in; i++) {
                t[i * outs + o] = p[w0 + o * in + i];
            }
        }
        return t;
    }

    private static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[Math.max(n, a.length * 2)];
    }
}
