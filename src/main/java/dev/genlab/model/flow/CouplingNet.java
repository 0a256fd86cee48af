package dev.genlab.model.flow;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.model.nn.Activation;

/**
 * The s, t network of a {@link CouplingLayer}, 1 → H → H → 2 (an {@link AffineCoupling}'s ŝ and t) or
 * 1 → H → H → 1 (an {@link AdditiveCoupling}'s t alone, NICE), in plain Java arrays: forward,
 * back-propagation and Adam for the small batches of training and tracing (up to about a thousand
 * points). Large batches (the 128 × 128 density grid) go through {@link CouplingGemm} with the same
 * parameters.
 *
 * <p>Why not ND4J ({@link dev.genlab.model.nn.Mlp}, which this replaces): at these sizes every ND4J
 * call costs its ~8 µs of JNI and dispatch whatever it computes (STACK.md), and one coupling's step
 * was about 25 calls (3 gemms and 3 bias gemms forward, 9 backward, two activations, their
 * derivatives, the array copies in and out, the fused Adam). Measured on this 2-core machine with
 * the lesson's default flow (8 couplings, H = 32, batch 256, float): 127 Adam steps/s with the ND4J
 * network, i.e. ~1 ms per coupling per step of which the arithmetic (~0.8 M multiply-adds) is well
 * under a fifth. The loops below run the same step at 470 steps/s (2.1 ms; scene FlowBenchTest,
 * measured with two other builds sharing the 2 cores), hidden 64 at 140 steps/s.
 *
 * <p>Parameters have exactly {@code Mlp}'s flat layout and initialisation, so a network built with
 * the same seed is the same network: layer by layer W (in × out, column-major: W[r, c] at c·in + r)
 * then b; W Glorot-uniform from one {@link SplittableRandom}(seed) drawn layer after layer, b = 0.
 * Activations are stored feature-major, one array per hidden unit indexed by the point, so that every
 * inner loop runs over the batch (contiguous, auto-vectorised by C2).
 *
 * <p>tanh: {@code Math.tanh} is not an intrinsic on JDK 17 and costs ~43 ns here;
 * 1 − 2/(1 + e^{2x}) through the intrinsic {@code Math.exp} costs ~11–19 ns and is exact to 3e-16
 * (used for DOUBLE networks, i.e. gradient checks); a clamped rational minimax fit (the one Eigen uses
 * for float tanh, |error| ≤ 4e-7, below float resolution) is pure arithmetic, auto-vectorises and
 * costs ~1.8 ns in double, ~0.8 ns in float (measured on 2¹⁹ values). FLOAT networks (the app) use
 * the rational fit. The derivative is always taken from the output, 1 − a², as ND4J's Mlp did.
 *
 * <p>One instance per layer, confined to its thread; scratch arrays are kept between calls.
 */
final class CouplingNet {

    /** Eigen's float tanh: x·P(x²)/Q(x²) on [−C, C], ±1 beyond. */
    static final double TANH_CLAMP = 7.90531110763549805;
    private static final double A13 = -2.76076847742355e-16;
    private static final double A11 = 2.00018790482477e-13;
    private static final double A9 = -8.60467152213735e-11;
    private static final double A7 = 5.12229709037114e-08;
    private static final double A5 = 1.48572235717979e-05;
    private static final double A3 = 6.37261928875436e-04;
    private static final double A1 = 4.89352455891786e-03;
    private static final double B6 = 1.19825839466702e-06;
    private static final double B4 = 1.18534705686654e-04;
    private static final double B2 = 2.26843463243900e-03;
    private static final double B0 = 4.89352518554385e-03;

    final int h;
    final Activation act;
    final boolean exactTanh;
    final int offB1;
    final int offW2;
    final int offB2;
    final int offW3;
    final int offB3;
    /** Whether the network has the scale output ŝ; without it (NICE) ŝ reads as 0 and has no weights. */
    final boolean withScale;
    /** Where t's output weights (H of them) and its bias are: after ŝ's when there is a scale output. */
    final int offWT;
    final int offBT;
    final double[] p;
    final double[] g;
    private final double[] m;
    private final double[] v;
    private int t;
    /** Bumped whenever {@link #p} changes, so that copies (the gemm path's INDArrays) know when to refresh. */
    long version;

    // training cache (inverseForTraining → backward); one array per hidden unit (see the class comment)
    private int tn;
    private double[] ta = new double[0];
    private double[][] th1 = new double[0][];
    private double[][] th2 = new double[0][];
    // evaluation scratch
    private double[][] eh1 = new double[0][];
    private double[][] eh2 = new double[0][];
    // backward scratch
    private double[][] dz2 = new double[0][];
    private double[][] dh1 = new double[0][];

    CouplingNet(int hidden, Activation activation, boolean exactTanh, long seed, boolean identityStart) {
        this(hidden, activation, exactTanh, seed, identityStart, true);
    }

    /**
     * @param withScale true: outputs ŝ and t (RealNVP, {@code Mlp}'s layout with two outputs); false: t
     *                  only (NICE), the output layer H → 1
     */
    CouplingNet(int hidden, Activation activation, boolean exactTanh, long seed, boolean identityStart,
                boolean withScale) {
        switch (activation) {
            case TANH, RELU, LEAKY_RELU, IDENTITY -> { }
            default -> throw new IllegalArgumentException("a coupling network supports tanh, relu, leaky relu and "
                    + "identity, not " + activation);
        }
        this.h = hidden;
        this.act = activation;
        this.exactTanh = exactTanh;
        offB1 = h;
        offW2 = 2 * h;
        offB2 = offW2 + h * h;
        this.withScale = withScale;
        int outs = withScale ? 2 : 1;
        offW3 = offB2 + h;
        offB3 = offW3 + outs * h;
        offWT = offW3 + (outs - 1) * h;
        offBT = offB3 + outs - 1;
        int size = offB3 + outs;
        p = new double[size];
        g = new double[size];
        m = new double[size];
        v = new double[size];
        SplittableRandom r = new SplittableRandom(seed);
        glorot(r, 0, 1, h);
        glorot(r, offW2, h, h);
        glorot(r, offW3, h, outs);
        if (identityStart) {
            Arrays.fill(p, offW3, size, 0);
        }
    }

    /** As {@code Dense.initialise}: U(−√(6/(in+out)), √(6/(in+out))) in column-major order, b = 0. */
    private void glorot(SplittableRandom r, int off, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        for (int i = 0; i < in * out; i++) {
            p[off + i] = (2 * r.nextDouble() - 1) * limit;
        }
    }

    int size() {
        return p.length;
    }

    // ------------------------------------------------------------------ activations

    static double tanhExact(double x) {
        return 1 - 2 / (1 + Math.exp(2 * x));
    }

    static double tanhFast(double x) {
        double c = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        double x2 = c * c;
        double p = x2 * A13 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        p = p * c;
        double q = x2 * B6 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return p / q;
    }

    static float tanhFast(float x) {
        float c = Math.max((float) -TANH_CLAMP, Math.min((float) TANH_CLAMP, x));
        float x2 = c * c;
        float p = x2 * (float) A13 + (float) A11;
        p = p * x2 + (float) A9;
        p = p * x2 + (float) A7;
        p = p * x2 + (float) A5;
        p = p * x2 + (float) A3;
        p = p * x2 + (float) A1;
        p = p * c;
        float q = x2 * (float) B6 + (float) B4;
        q = q * x2 + (float) B2;
        q = q * x2 + (float) B0;
        return p / q;
    }

    /** a = f(a) in place on [0, n), one loop per activation so that each auto-vectorises. */
    void activate(double[] a, int n) {
        switch (act) {
            case TANH -> {
                if (exactTanh) {
                    for (int i = 0; i < n; i++) {
                        a[i] = tanhExact(a[i]);
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        a[i] = tanhFast(a[i]);
                    }
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = Math.max(a[i], 0);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    a[i] = a[i] > 0 ? a[i] : Activation.LEAKY_SLOPE * a[i];
                }
            }
            default -> { }
        }
    }

    /** f'(z) from the output a = f(z). */
    double derivative(double a) {
        return switch (act) {
            case TANH -> 1 - a * a;
            case RELU -> a > 0 ? 1 : 0;
            case LEAKY_RELU -> a > 0 ? 1 : Activation.LEAKY_SLOPE;
            default -> 1;
        };
    }

    /** g ⊙= f'(z) on [0, n), f' from the outputs a. */
    private void backActivate(double[] gr, double[] a, int n) {
        switch (act) {
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    gr[i] *= 1 - a[i] * a[i];
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    gr[i] = a[i] > 0 ? gr[i] : 0;
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    gr[i] = a[i] > 0 ? gr[i] : Activation.LEAKY_SLOPE * gr[i];
                }
            }
            default -> { }
        }
    }

    private static double[][] rows(double[][] old, int h, int n) {
        return old.length == h && old[0].length >= n ? old : new double[h][Math.max(n, 16)];
    }

    // ------------------------------------------------------------------ forward

    /**
     * The network on n conditioning values: out[i] = ŝ_i, out[n + i] = t_i. With {@code keep} the
     * input and hidden activations are remembered for {@link #backward}.
     */
    void forward(double[] a, int n, double[] out, boolean keep) {
        double[][] h1;
        double[][] h2;
        double[] in;
        if (keep) {
            th1 = rows(th1, h, n);
            th2 = rows(th2, h, n);
            if (ta.length < n) {
                ta = new double[n];
            }
            System.arraycopy(a, 0, ta, 0, n);
            tn = n;
            h1 = th1;
            h2 = th2;
            in = ta;
        } else {
            eh1 = rows(eh1, h, n);
            eh2 = rows(eh2, h, n);
            h1 = eh1;
            h2 = eh2;
            in = a;
        }
        // each hidden unit's activations are an array of their own, indexed by the point alone: C2 on
        // JDK 17 does not vectorise a loop whose arrays are indexed with different offsets (o + i, ok + i),
        // which made these loops 3-8 times slower in one flat array
        for (int j = 0; j < h; j++) {
            double w = p[j];
            double b = p[offB1 + j];
            double[] r = h1[j];
            for (int i = 0; i < n; i++) {
                r[i] = w * in[i] + b;
            }
            activate(r, n);
        }
        for (int j = 0; j < h; j++) {
            double[] r = h2[j];
            Arrays.fill(r, 0, n, p[offB2 + j]);
            mulAdd(r, h1, null, p, offW2 + j * h, 1, h, n);
            activate(r, n);
        }
        Arrays.fill(out, 0, n, withScale ? p[offB3] : 0);
        Arrays.fill(out, n, 2 * n, p[offBT]);
        for (int j = 0; j < h; j++) {
            double wt = p[offWT + j];
            double[] x = h2[j];
            if (withScale) {
                double ws = p[offW3 + j];
                for (int i = 0; i < n; i++) {
                    out[i] += ws * x[i];
                }
            }
            for (int i = 0; i < n; i++) {
                out[n + i] += wt * x[i];
            }
        }
    }

    // ------------------------------------------------------------------ backward

    /**
     * Back-propagates dL/d(output) of the last {@code forward(…, keep = true)} (gOut[i] = dL/dŝ_i,
     * ignored without a scale output, gOut[n + i] = dL/dt_i): overwrites {@link #g} and returns dL/da in
     * {@code gIn}.
     */
    void backward(double[] gOut, double[] gIn) {
        int n = tn;
        double[][] h1 = th1;
        double[][] h2 = th2;
        dz2 = rows(dz2, h, n);
        dh1 = rows(dh1, h, n);
        double[] gs = Arrays.copyOf(gOut, n);
        double[] gt = Arrays.copyOfRange(gOut, n, 2 * n);
        // output layer: dW3 = h2ᵀ G, db3 = Σ G, dz2 = (G W3ᵀ) ⊙ f'
        if (withScale) {
            g[offB3] = dot(gs, null, n);
        } else {
            Arrays.fill(gs, 0);
        }
        g[offBT] = dot(gt, null, n);
        for (int j = 0; j < h; j++) {
            double[] x = h2[j];
            double[] d = dz2[j];
            double ws = 0;
            if (withScale) {
                g[offW3 + j] = dot(x, gs, n);
                ws = p[offW3 + j];
            }
            g[offWT + j] = dot(x, gt, n);
            double wt = p[offWT + j];
            for (int i = 0; i < n; i++) {
                d[i] = ws * gs[i] + wt * gt[i];
            }
            backActivate(d, x, n);
        }
        // hidden layer: dW2[k, j] = Σ_i h1[k, i] dz2[j, i], db2 = Σ dz2, dh1 = dz2 W2ᵀ; four j at a time
        // (one load of h1[k, i] serves four sums: about twice as fast as one dot product at a time)
        int j = 0;
        for (; j + 3 < h; j += 4) {
            double[] d0 = dz2[j];
            double[] d1 = dz2[j + 1];
            double[] d2 = dz2[j + 2];
            double[] d3 = dz2[j + 3];
            for (int k = 0; k < h; k++) {
                double[] x = h1[k];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    s0 += v * d0[i];
                    s1 += v * d1[i];
                    s2 += v * d2[i];
                    s3 += v * d3[i];
                }
                g[offW2 + j * h + k] = s0;
                g[offW2 + (j + 1) * h + k] = s1;
                g[offW2 + (j + 2) * h + k] = s2;
                g[offW2 + (j + 3) * h + k] = s3;
            }
        }
        for (; j < h; j++) {
            for (int k = 0; k < h; k++) {
                g[offW2 + j * h + k] = dot(h1[k], dz2[j], n);
            }
        }
        for (j = 0; j < h; j++) {
            g[offB2 + j] = dot(dz2[j], null, n);
        }
        for (int k = 0; k < h; k++) {
            double[] r = dh1[k];
            Arrays.fill(r, 0, n, 0);
            mulAdd(r, dz2, null, p, offW2 + k, h, h, n);
        }
        // input layer: dW1 = aᵀ dz1, db1 = Σ dz1, dL/da = dz1 W1ᵀ
        Arrays.fill(gIn, 0, n, 0);
        for (int k = 0; k < h; k++) {
            double[] d = dh1[k];
            backActivate(d, h1[k], n);
            g[k] = dot(ta, d, n);
            g[offB1 + k] = dot(d, null, n);
            double w = p[k];
            for (int i = 0; i < n; i++) {
                gIn[i] += w * d[i];
            }
        }
    }

    /**
     * r[i] += Σ_{k &lt; count} w[off + k·stride] · x_{idx[k]}[i] over i &lt; n (x_k itself when idx is null):
     * a row of a matrix product over the batch, four inputs at a time (a quarter of the loads and stores of
     * r). Shared by this network and {@link DequantFlow}'s couplings.
     */
    static void mulAdd(double[] r, double[][] x, int[] idx, double[] w, int off, int stride, int count, int n) {
        int k = 0;
        for (; k + 3 < count; k += 4) {
            double w0 = w[off + k * stride];
            double w1 = w[off + (k + 1) * stride];
            double w2 = w[off + (k + 2) * stride];
            double w3 = w[off + (k + 3) * stride];
            double[] x0 = x[idx == null ? k : idx[k]];
            double[] x1 = x[idx == null ? k + 1 : idx[k + 1]];
            double[] x2 = x[idx == null ? k + 2 : idx[k + 2]];
            double[] x3 = x[idx == null ? k + 3 : idx[k + 3]];
            for (int i = 0; i < n; i++) {
                r[i] += w0 * x0[i] + w1 * x1[i] + w2 * x2[i] + w3 * x3[i];
            }
        }
        for (; k < count; k++) {
            double wk = w[off + k * stride];
            double[] xk = x[idx == null ? k : idx[k]];
            for (int i = 0; i < n; i++) {
                r[i] += wk * xk[i];
            }
        }
    }

    /**
     * Σ x[i] y[i] (Σ x[i] when y is null) with four partial sums: one running sum waits on each
     * addition's latency.
     */
    static double dot(double[] x, double[] y, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        if (y == null) {
            for (; i + 3 < n; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
            for (; i < n; i++) {
                s0 += x[i];
            }
        } else {
            for (; i + 3 < n; i += 4) {
                s0 += x[i] * y[i];
                s1 += x[i + 1] * y[i + 1];
                s2 += x[i + 2] * y[i + 2];
                s3 += x[i + 3] * y[i + 3];
            }
            for (; i < n; i++) {
                s0 += x[i] * y[i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    // ------------------------------------------------------------------ derivative in the input

    /** {ŝ, t, dŝ/da, dt/da} at one conditioning value (forward-mode, for the layer's Jacobian). */
    double[] valueAndSlope(double a) {
        double[] h1 = new double[h];
        double[] d1 = new double[h];
        for (int k = 0; k < h; k++) {
            h1[k] = p[k] * a + p[offB1 + k];
        }
        activate(h1, h);
        for (int k = 0; k < h; k++) {
            d1[k] = derivative(h1[k]) * p[k];
        }
        double raw = withScale ? p[offB3] : 0;
        double tt = p[offBT];
        double dRaw = 0;
        double dT = 0;
        double[] z = new double[1];
        for (int j = 0; j < h; j++) {
            int wj = offW2 + j * h;
            double zj = p[offB2 + j];
            double dz = 0;
            for (int k = 0; k < h; k++) {
                zj += p[wj + k] * h1[k];
                dz += p[wj + k] * d1[k];
            }
            z[0] = zj;
            activate(z, 1);
            double d2 = derivative(z[0]) * dz;
            if (withScale) {
                raw += p[offW3 + j] * z[0];
                dRaw += p[offW3 + j] * d2;
            }
            tt += p[offWT + j] * z[0];
            dT += p[offWT + j] * d2;
        }
        return new double[] {raw, tt, dRaw, dT};
    }

    // ------------------------------------------------------------------ parameters and Adam

    void setParams(double[] values) {
        if (values.length != p.length) {
            throw new IllegalArgumentException("expected " + p.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, p, 0, p.length);
        version++;
    }

    boolean isFinite() {
        for (double x : p) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One Adam step (Kingma &amp; Ba 2015) with the last gradients, in the form of libnd4j's fused
     * {@code AdamUpdater} that the ND4J network used: α_t = α √(1 − β₂ᵗ)/(1 − β₁ᵗ),
     * θ −= α_t m / (√v + ε). The rate comes per step, so a learning-rate slider keeps the moments.
     */
    void adamStep(double lr) {
        t++;
        FlowLayer.adam(p, g, m, v, t, lr);
        version++;
    }

    void resetOptimizer() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
    }
}
