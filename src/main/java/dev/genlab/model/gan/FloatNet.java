package dev.genlab.model.gan;

import java.util.Arrays;

import dev.genlab.model.nn.Activation;

/**
 * {@link Gan2D}'s default network: the {@link Gan2D.Net} contract (double parameters, gradients and
 * batch in and out) computed in float, with loops shaped so that C2 vectorises them (8 floats to an
 * AVX2 register, twice the doubles).
 *
 * <ul>
 *   <li>Activations are feature-major, {@code a[layer][unit][point]}: a layer's product
 *       z_j = b_j + Σ_i W[i, j] h_i is, for two output units at a time, a sum of four input rows at a time
 *       scaled by scalars, over the batch ({@link #mix}); the bias is the first term and the activation
 *       ({@code Math.max}, vectorised) a pass over z in place. Back-propagation to the layer below is
 *       the same kernel with the weights read across.</li>
 *   <li>The weight gradient Σ_t h_i[t] δ_j[t] is a reduction over the batch, which C2 does not
 *       vectorise for floats (it keeps the additions in order). So δ is transposed to point-major
 *       rows first and each input unit's gradient row gets four points' rank-one terms at a time,
 *       vectorised over the output units ({@link #weightGradient}).</li>
 *   <li>The ReLU / leaky ReLU mask is arithmetic ({@link #mask}: min(max(a·2¹⁴⁹, 0), 1) is exactly
 *       1 for a &gt; 0 and 0 otherwise), since C2 leaves {@code a > 0 ? x : y} unvectorised.</li>
 * </ul>
 * The parameters stay double in {@link #p} (the optimiser and the checkpoints keep working in double);
 * a float copy is taken at every forward pass, a few microseconds against the pass's hundreds, so a
 * parameter changed by anyone (optimiser, clipping, restore, a finite-difference test) is always seen.
 * The gradient is summed in float and added to the double {@link #g}.
 *
 * <p>Float rounding moves training off the double path after some hundreds of rounds (a GAN's
 * training is chaotic); {@code Gan2DFloatTest} checks each gradient against {@link Gan2D.DoubleNet}
 * on the same batch, which the finite-difference tests check.
 */
final class FloatNet extends Gan2D.Net {

    /** Output widths from this on take the transposed weight-gradient path; narrower ones a plain reduction. */
    private static final int TRANSPOSE_FROM = 8;
    /** Points per block of {@link #mix}. */
    private static final int BLOCK = 256;
    /** 2¹⁰⁰ · 2⁴⁹ = 2¹⁴⁹ takes the smallest positive float to 1 (one factor alone is not a float). */
    private static final float UP1 = 0x1p100f;
    private static final float UP2 = 0x1p49f;

    private final float[] w;
    private final float slopeF;
    private final int maxWidth;
    private int cap;
    private double[][] in;
    private double[][] out;
    private double[][] dOut;
    private double[][] dIn;
    /** a[0] input, a[k] hidden activations (written over their pre-activations), a[L] output. */
    private float[][][] a;
    /** dL/dz per layer, k = 1..L. */
    private float[][][] dz;
    /** dL/da per layer, k = 0..L−1. */
    private float[][][] da;
    /** The penalty's reverse pass (see {@link Gan2D.DoubleNet#gradientPenalty}); allocated on the first penalty. */
    private float[][][] u;
    /** δ transposed, [point][output unit]. */
    private float[][] tr;
    /** One layer's weight gradient, [input unit][output unit], and its bias gradient. */
    private float[][] gw;
    private float[] gb;

    FloatNet(int[] sizes, Activation act, long seed) {
        super(sizes, act, seed);
        w = new float[p.length];
        slopeF = (float) slope;
        int m = 0;
        for (int s : sizes) {
            m = Math.max(m, s);
        }
        maxWidth = m;
        gw = new float[m][m];
        gb = new float[m];
    }

    @Override
    void ensure(int n) {
        if (n <= cap) {
            return;
        }
        cap = Math.max(n, 16);
        a = new float[layers + 1][][];
        dz = new float[layers + 1][][];
        da = new float[layers][][];
        u = null;
        for (int k = 0; k <= layers; k++) {
            a[k] = new float[sizes[k]][cap];
            if (k > 0) {
                dz[k] = new float[sizes[k]][cap];
            }
            if (k < layers) {
                da[k] = new float[sizes[k]][cap];
            }
        }
        in = new double[sizes[0]][cap];
        dIn = new double[sizes[0]][cap];
        out = new double[sizes[layers]][cap];
        dOut = new double[sizes[layers]][cap];
        tr = new float[cap][maxWidth];
    }

    @Override
    double[][] input() {
        return in;
    }

    @Override
    double[][] output() {
        return out;
    }

    @Override
    double[][] outputGradients() {
        return dOut;
    }

    @Override
    double[] forward(int n) {
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) p[i];
        }
        toFloat(in, a[0], sizes[0], n);
        for (int k = 1; k <= layers; k++) {
            int units = sizes[k];
            mix(a[k - 1], sizes[k - 1], w, offW[k - 1], sizes[k - 1], 1, a[k], units, offB[k - 1], n);
            if (k < layers) {
                activate(a[k], units, n);
            }
        }
        float[][] o = a[layers];
        for (int c = 0; c < sizes[layers]; c++) {
            double[] oc = out[c];
            float[] src = o[c];
            for (int t = 0; t < n; t++) {
                oc[t] = src[t];
            }
        }
        return out[0];
    }

    @Override
    double[][] backward(int n, boolean accumulate, boolean inputGradient) {
        toFloat(dOut, dz[layers], sizes[layers], n);
        for (int k = layers; k >= 1; k--) {
            if (k < layers) {
                mask(a[k], da[k], dz[k], sizes[k], n);
            }
            if (accumulate) {
                weightGradient(k, a[k - 1], dz[k], n, true);
            }
            if (k > 1 || inputGradient) {
                down(k, dz[k], da[k - 1], n);
            }
        }
        if (!inputGradient) {
            return null;
        }
        for (int c = 0; c < sizes[0]; c++) {
            double[] dc = dIn[c];
            float[] src = da[0][c];
            for (int t = 0; t < n; t++) {
                dc[t] = src[t];
            }
        }
        return dIn;
    }

    /** The gradient penalty, as {@link Gan2D.DoubleNet#gradientPenalty} (same passes, float rows, the norms in double). */
    @Override
    double gradientPenalty(int n, double lambda) {
        int last = layers;
        if (u == null) {
            u = new float[layers][][];
            for (int k = 0; k < layers; k++) {
                u[k] = new float[sizes[k]][cap];
            }
        }
        // g_{L−1}[i][t] = W_L[i, 0]
        for (int i = 0; i < sizes[last - 1]; i++) {
            Arrays.fill(da[last - 1][i], 0, n, w[offW[last - 1] + i]);
        }
        for (int k = last - 1; k >= 1; k--) {
            mask(a[k], da[k], dz[k], sizes[k], n);
            down(k, dz[k], da[k - 1], n);
        }
        float[] gx = da[0][0];
        float[] gy = da[0][1];
        double penalty = 0;
        for (int c = 0; c < sizes[0]; c++) {
            Arrays.fill(u[0][c], 0, n, 0f);
        }
        float[] u0 = u[0][0];
        float[] u1 = u[0][1];
        for (int t = 0; t < n; t++) {
            double x = gx[t];
            double y = gy[t];
            double norm = Math.sqrt(x * x + y * y + 1e-12);
            double e = norm - 1;
            penalty += e * e;
            double f = lambda * 2 * e / (norm * n);
            u0[t] = (float) (f * x);
            u1[t] = (float) (f * y);
        }
        for (int k = 1; k <= last - 1; k++) {
            weightGradient(k, u[k - 1], dz[k], n, false);
            // u_k = m_k ⊙ (W_kᵀ u_{k−1}): the forward product without bias, then the mask in place
            mix(u[k - 1], sizes[k - 1], w, offW[k - 1], sizes[k - 1], 1, u[k], sizes[k], -1, n);
            mask(a[k], u[k], u[k], sizes[k], n);
        }
        int wl = offW[last - 1];
        for (int i = 0; i < sizes[last - 1]; i++) {
            g[wl + i] += sum(u[last - 1][i], n);
        }
        return lambda * penalty / n;
    }

    // ---------------------------------------------------------------- kernels

    /**
     * dst[j][t] = b_j + Σ_i w[off + j·dStride + i·sStride] · src[i][t] for j &lt; nDst, t &lt; n (no bias
     * when bOff &lt; 0). Two destination rows and four source rows at a time: each source load feeds two
     * multiply-adds, each destination load and store four. The batch is cut into blocks of
     * {@value #BLOCK} points so that a block of 64 source rows (64 KB at 256 points) stays in L1/L2 while
     * every destination row is made from it (a batch of 512 in one sweep was 20 % slower).
     */
    private static void mix(float[][] src, int nSrc, float[] w, int off, int dStride, int sStride, float[][] dst,
                            int nDst, int bOff, int n) {
        for (int t0 = 0; t0 < n; t0 += BLOCK) {
            int t1 = Math.min(n, t0 + BLOCK);
            int j = 0;
            for (; j + 1 < nDst; j += 2) {
                mixPair(src, nSrc, w, off + j * dStride, off + (j + 1) * dStride, sStride, dst[j], dst[j + 1],
                        bOff >= 0 ? w[bOff + j] : 0f, bOff >= 0 ? w[bOff + j + 1] : 0f, t0, t1);
            }
            if (j < nDst) {
                mixOne(src, nSrc, w, off + j * dStride, sStride, dst[j], bOff >= 0 ? w[bOff + j] : 0f, t0, t1);
            }
        }
    }

    private static void mixPair(float[][] src, int nSrc, float[] w, int baseA, int baseB, int sStride, float[] da,
                                float[] db, float ba, float bb, int t0, int t1) {
        for (int t = t0; t < t1; t++) {
            da[t] = ba;
            db[t] = bb;
        }
        int i = 0;
        for (; i + 3 < nSrc; i += 4) {
            int s = i * sStride;
            float a0 = w[baseA + s];
            float a1 = w[baseA + s + sStride];
            float a2 = w[baseA + s + 2 * sStride];
            float a3 = w[baseA + s + 3 * sStride];
            float b0 = w[baseB + s];
            float b1 = w[baseB + s + sStride];
            float b2 = w[baseB + s + 2 * sStride];
            float b3 = w[baseB + s + 3 * sStride];
            float[] s0 = src[i];
            float[] s1 = src[i + 1];
            float[] s2 = src[i + 2];
            float[] s3 = src[i + 3];
            for (int t = t0; t < t1; t++) {
                float x0 = s0[t];
                float x1 = s1[t];
                float x2 = s2[t];
                float x3 = s3[t];
                da[t] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                db[t] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            }
        }
        for (; i < nSrc; i++) {
            float a = w[baseA + i * sStride];
            float b = w[baseB + i * sStride];
            float[] si = src[i];
            for (int t = t0; t < t1; t++) {
                float x = si[t];
                da[t] += a * x;
                db[t] += b * x;
            }
        }
    }

    private static void mixOne(float[][] src, int nSrc, float[] w, int base, int sStride, float[] dj, float b, int t0,
                               int t1) {
        Arrays.fill(dj, t0, t1, b);
        int i = 0;
        for (; i + 3 < nSrc; i += 4) {
            int at = base + i * sStride;
            float w0 = w[at];
            float w1 = w[at + sStride];
            float w2 = w[at + 2 * sStride];
            float w3 = w[at + 3 * sStride];
            float[] s0 = src[i];
            float[] s1 = src[i + 1];
            float[] s2 = src[i + 2];
            float[] s3 = src[i + 3];
            for (int t = t0; t < t1; t++) {
                dj[t] += w0 * s0[t] + w1 * s1[t] + w2 * s2[t] + w3 * s3[t];
            }
        }
        for (; i < nSrc; i++) {
            float wi = w[base + i * sStride];
            float[] si = src[i];
            for (int t = t0; t < t1; t++) {
                dj[t] += wi * si[t];
            }
        }
    }

    /** below[i][t] = Σ_j W_k[i, j] · above[j][t]: {@link #mix} with the weights read across. */
    private void down(int k, float[][] above, float[][] below, int n) {
        mix(above, sizes[k], w, offW[k - 1], 1, sizes[k - 1], below, sizes[k - 1], -1, n);
    }

    /** f(z) in place: max(z, 0) for ReLU, max(z, s·z) for leaky ReLU (0 &lt; s &lt; 1). */
    private void activate(float[][] z, int units, int n) {
        float s = slopeF;
        for (int j = 0; j < units; j++) {
            float[] zj = z[j];
            if (s == 0f) {
                for (int t = 0; t < n; t++) {
                    zj[t] = Math.max(zj[t], 0f);
                }
            } else {
                for (int t = 0; t < n; t++) {
                    float v = zj[t];
                    zj[t] = Math.max(v, s * v);
                }
            }
        }
    }

    /**
     * dst = f'(z) ⊙ src, read off the activation a = f(z) (a &gt; 0 exactly when z &gt; 0): m = 1 or 0,
     * then m·x for ReLU and m·x + (1 − m)·s·x for leaky ReLU. dst may be src.
     */
    private void mask(float[][] act, float[][] src, float[][] dst, int units, int n) {
        float s = slopeF;
        for (int j = 0; j < units; j++) {
            float[] aj = act[j];
            float[] xj = src[j];
            float[] oj = dst[j];
            if (s == 0f) {
                for (int t = 0; t < n; t++) {
                    float m = Math.min(Math.max(aj[t] * UP1 * UP2, 0f), 1f);
                    oj[t] = m * xj[t];
                }
            } else {
                for (int t = 0; t < n; t++) {
                    float m = Math.min(Math.max(aj[t] * UP1 * UP2, 0f), 1f);
                    float x = xj[t];
                    oj[t] = m * x + (1f - m) * (s * x);
                }
            }
        }
    }

    /**
     * g(W_k)[i, j] += Σ_t left[i][t] · right[j][t], and with {@code bias} g(b_k)[j] += Σ_t right[j][t].
     * Wide layers: right transposed to [t][j], then each gradient row takes four points at a time over j.
     */
    private void weightGradient(int k, float[][] left, float[][] right, int n, boolean bias) {
        int nIn = sizes[k - 1];
        int nOut = sizes[k];
        int w0 = offW[k - 1];
        if (nOut < TRANSPOSE_FROM) {
            for (int j = 0; j < nOut; j++) {
                float[] rj = right[j];
                int wc = w0 + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    g[wc + i] += dot(left[i], rj, n);
                }
                if (bias) {
                    g[offB[k - 1] + j] += sum(rj, n);
                }
            }
            return;
        }
        // four rows at a time: a point's four entries go to one cache line together (2.6 times faster than one)
        int j4 = 0;
        for (; j4 + 3 < nOut; j4 += 4) {
            float[] r0 = right[j4];
            float[] r1 = right[j4 + 1];
            float[] r2 = right[j4 + 2];
            float[] r3 = right[j4 + 3];
            for (int t = 0; t < n; t++) {
                float[] row = tr[t];
                row[j4] = r0[t];
                row[j4 + 1] = r1[t];
                row[j4 + 2] = r2[t];
                row[j4 + 3] = r3[t];
            }
        }
        for (; j4 < nOut; j4++) {
            float[] rj = right[j4];
            for (int t = 0; t < n; t++) {
                tr[t][j4] = rj[t];
            }
        }
        if (bias) {
            Arrays.fill(gb, 0, nOut, 0f);
            for (int t = 0; t < n; t++) {
                float[] row = tr[t];
                for (int j = 0; j < nOut; j++) {
                    gb[j] += row[j];
                }
            }
            int b0 = offB[k - 1];
            for (int j = 0; j < nOut; j++) {
                g[b0 + j] += gb[j];
            }
        }
        for (int i = 0; i < nIn; i++) {
            float[] gi = gw[i];
            float[] li = left[i];
            Arrays.fill(gi, 0, nOut, 0f);
            int t = 0;
            for (; t + 3 < n; t += 4) {
                float c0 = li[t];
                float c1 = li[t + 1];
                float c2 = li[t + 2];
                float c3 = li[t + 3];
                float[] r0 = tr[t];
                float[] r1 = tr[t + 1];
                float[] r2 = tr[t + 2];
                float[] r3 = tr[t + 3];
                // gi[j] and r*[j] at the same index: C2 vectorises without proving the arrays distinct
                for (int j = 0; j < nOut; j++) {
                    gi[j] += c0 * r0[j] + c1 * r1[j] + c2 * r2[j] + c3 * r3[j];
                }
            }
            for (; t < n; t++) {
                float c = li[t];
                float[] r = tr[t];
                for (int j = 0; j < nOut; j++) {
                    gi[j] += c * r[j];
                }
            }
            for (int j = 0; j < nOut; j++) {
                g[w0 + j * nIn + i] += gi[j];
            }
        }
    }

    /** Σ_t x[t]·y[t] with four partial sums (a chain of dependent adds would wait on each). */
    private static float dot(float[] x, float[] y, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += x[t] * y[t];
            s1 += x[t + 1] * y[t + 1];
            s2 += x[t + 2] * y[t + 2];
            s3 += x[t + 3] * y[t + 3];
        }
        for (; t < n; t++) {
            s0 += x[t] * y[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float sum(float[] x, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int t = 0;
        for (; t + 3 < n; t += 4) {
            s0 += x[t];
            s1 += x[t + 1];
            s2 += x[t + 2];
            s3 += x[t + 3];
        }
        for (; t < n; t++) {
            s0 += x[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void toFloat(double[][] src, float[][] dst, int units, int n) {
        for (int c = 0; c < units; c++) {
            double[] sc = src[c];
            float[] dc = dst[c];
            for (int t = 0; t < n; t++) {
                dc[t] = (float) sc[t];
            }
        }
    }
}
