package dev.genlab.model.flow;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.autoregressive.MadeMasks;

/**
 * An affine autoregressive flow in D dimensions, the layer of MAF (Papamakarios, Pavlakou &amp; Murray
 * 2017, "Masked Autoregressive Flow for Density Estimation", NeurIPS) or of IAF (Kingma, Salimans,
 * Jozefowicz, Chen, Sutskever &amp; Welling 2016, "Improved Variational Inference with Inverse
 * Autoregressive Flow", NeurIPS), with a {@link GaussianMade} conditioner giving μ_i and α_i from the
 * coordinates before i in the ordering. Sampling direction z → x, base N(0, I):
 * <pre>
 *   MAF   x_i = z_i · exp(α_i(x_{&lt;i})) + μ_i(x_{&lt;i})     density: one pass on x;  sampling: D passes
 *   IAF   x_i = z_i · exp(α_i(z_{&lt;i})) + μ_i(z_{&lt;i})     sampling: one pass on z;  density: D passes
 *   log|det ∂x/∂z| = Σ_i α_i                                (∂x/∂z is triangular in the ordering)
 * </pre>
 * The pass that is sequential has to be: x_i needs μ_i(x_{&lt;i}), which needs the x_j before it,
 * so MAF draws one coordinate per MADE pass, and IAF recovers one z_i per pass. The other direction is
 * one pass for all coordinates. The log-scale is bounded, α = S tanh(â/S) with S = {@link #SCALE_BOUND},
 * as {@link AffineCoupling}'s, so one layer scales a coordinate by at most e^S during live training.
 *
 * <p><b>Training</b> by maximum likelihood back-propagates through the density direction
 * ({@link #inverseForTraining}, {@link #backward}). For MAF that is one pass. For IAF the D
 * sequential passes define z implicitly, z = (x − μ(z)) ⊙ e^{−α(z)}; since output i of the last pass
 * depends only on z_{&lt;i}, which that pass already had, its tape serves every coordinate, and
 * dL/dz is completed backwards along the ordering: for the last coordinate first, the total
 * gradient of z_i is its own plus what the later coordinates' μ and α send back to it through the
 * network, one backward pass per coordinate (D in all): IAF's density is sequential in training too.
 *
 * <p>Points are n × D row-major double arrays. Not thread-safe (the tape and Adam state).
 */
public final class AutoregressiveFlow {

    /** |α| ≤ S: one layer scales a coordinate by at most e^S. */
    public static final double SCALE_BOUND = 3.0;

    /** Which direction is one pass. */
    public enum Kind {
        /** Masked autoregressive flow: μ, α from x; density in one pass, sampling in D. */
        MAF,
        /** Inverse autoregressive flow: μ, α from z; sampling in one pass, density in D. */
        IAF
    }

    private final Kind kind;
    private final int d;
    private final int[] order;
    private final GaussianMade net;
    private final boolean exact;
    private final double[] adamM;
    private final double[] adamV;
    private int adamT;

    // tape of the last inverseForTraining
    private int tapeN;
    private double[] tapeOut = new double[0];
    private double[] tapeZ = new double[0];
    private double[] scratchOut = new double[0];
    private double[] scratchIn = new double[0];
    private double[] gOut = new double[0];
    private double[] gIn = new double[0];

    /**
     * @param order         the ordering, a permutation of 0…D−1 ({@code order[t]} comes (t+1)-th)
     * @param hidden        hidden widths of the MADE (e.g. {32, 32})
     * @param seed          seed of the weights and the hidden degrees
     * @param identityStart the MADE's output layer starts at zero, so the layer starts as the identity
     * @param type          FLOAT (the app: a float-accurate rational tanh) or DOUBLE (exact tanh:
     *                      gradient and Jacobian checks); the arithmetic is double either way
     */
    public AutoregressiveFlow(Kind kind, int[] order, int[] hidden, DataType type, long seed, boolean identityStart) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.order = order.clone();
        this.d = order.length;
        this.exact = type == DataType.DOUBLE;
        this.net = new GaussianMade(order, hidden, seed, identityStart, exact);
        adamM = new double[net.numParams()];
        adamV = new double[net.numParams()];
    }

    /** A MAF layer with the identity ordering. */
    public static AutoregressiveFlow maf(int dims, int[] hidden, DataType type, long seed, boolean identityStart) {
        return new AutoregressiveFlow(Kind.MAF, MadeMasks.identity(dims), hidden, type, seed, identityStart);
    }

    /** An IAF layer with the identity ordering. */
    public static AutoregressiveFlow iaf(int dims, int[] hidden, DataType type, long seed, boolean identityStart) {
        return new AutoregressiveFlow(Kind.IAF, MadeMasks.identity(dims), hidden, type, seed, identityStart);
    }

    public Kind kind() {
        return kind;
    }

    public int dims() {
        return d;
    }

    /** The ordering (a copy). */
    public int[] order() {
        return order.clone();
    }

    public DataType dataType() {
        return exact ? DataType.DOUBLE : DataType.FLOAT;
    }

    /** The conditioner's degrees and masks. */
    public MadeMasks masks() {
        return net.masks();
    }

    /** Forward passes the MADE has actually run (any batch size, training included), counted as they happen. */
    public long passCount() {
        return net.passCount();
    }

    /** MADE passes per batch in a direction: 1 or D. */
    public int passes(boolean sampling) {
        return (kind == Kind.IAF) == sampling ? 1 : d;
    }

    // ---------------------------------------------------------------- the two directions

    /**
     * z → x in place on points 0..n−1 ({@code pts} n × D); adds log|det ∂x/∂z| = Σ α_i to
     * {@code logDet} when it is not null.
     */
    public void forward(double[] pts, int n, double[] logDet) {
        double[] out = scratchOut = grow(scratchOut, n * 2 * d);
        if (kind == Kind.IAF) {
            net.forward(pts, n, out);
            for (int k = 0; k < n; k++) {
                double ld = 0;
                for (int i = 0; i < d; i++) {
                    double a = alpha(out, k, i);
                    pts[k * d + i] = pts[k * d + i] * Math.exp(a) + out[k * 2 * d + i];
                    ld += a;
                }
                if (logDet != null) {
                    logDet[k] += ld;
                }
            }
            return;
        }
        double[] z = Arrays.copyOf(pts, n * d);
        Arrays.fill(pts, 0, n * d, 0);
        for (int t = 0; t < d; t++) {
            net.forward(pts, n, out);
            int i = order[t];
            for (int k = 0; k < n; k++) {
                double a = alpha(out, k, i);
                pts[k * d + i] = z[k * d + i] * Math.exp(a) + out[k * 2 * d + i];
                if (logDet != null) {
                    logDet[k] += a;
                }
            }
        }
    }

    /**
     * x → z in place on points 0..n−1; adds log|det ∂z/∂x| = −Σ α_i to {@code logDet} when it is
     * not null.
     */
    public void inverse(double[] pts, int n, double[] logDet) {
        inverse(pts, n, logDet, scratchOut = grow(scratchOut, n * 2 * d));
    }

    /** As {@link #inverse}, leaving the last pass's outputs in {@code out}. */
    private void inverse(double[] pts, int n, double[] logDet, double[] out) {
        if (kind == Kind.MAF) {
            net.forward(pts, n, out);
            for (int k = 0; k < n; k++) {
                double ld = 0;
                for (int i = 0; i < d; i++) {
                    double a = alpha(out, k, i);
                    pts[k * d + i] = (pts[k * d + i] - out[k * 2 * d + i]) * Math.exp(-a);
                    ld -= a;
                }
                if (logDet != null) {
                    logDet[k] += ld;
                }
            }
            return;
        }
        double[] x = Arrays.copyOf(pts, n * d);
        Arrays.fill(pts, 0, n * d, 0);
        for (int t = 0; t < d; t++) {
            net.forward(pts, n, out);
            int i = order[t];
            for (int k = 0; k < n; k++) {
                double a = alpha(out, k, i);
                pts[k * d + i] = (x[k * d + i] - out[k * 2 * d + i]) * Math.exp(-a);
                if (logDet != null) {
                    logDet[k] -= a;
                }
            }
        }
    }

    /** ln p(x) under this layer on a standard normal base, for n points. */
    public double[] logProb(double[] x, int n) {
        double[] z = Arrays.copyOf(x, n * d);
        double[] ld = new double[n];
        inverse(z, n, ld);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = ld[k] + logNormal(z, k);
        }
        return out;
    }

    private double logNormal(double[] z, int k) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            double v = z[k * d + i];
            s += v * v;
        }
        return -0.5 * s - 0.5 * d * Math.log(2 * Math.PI);
    }

    /** α_i = S tanh(â_i / S) of point k from a pass's outputs. */
    private double alphaOf(double raw) {
        double r = raw / SCALE_BOUND;
        return SCALE_BOUND * (exact ? CouplingNet.tanhExact(r) : CouplingNet.tanhFast(r));
    }

    private double alpha(double[] out, int k, int i) {
        return alphaOf(out[k * 2 * d + d + i]);
    }

    // ---------------------------------------------------------------- Jacobian

    /**
     * The analytic Jacobian ∂x/∂z of the sampling map at z (D × D row-major, entry i·D + j):
     * IAF  J = diag(e^α) + ∂μ/∂z + diag(z e^α) ∂α/∂z;  MAF  (I − B) J = diag(e^α) with
     * B = ∂μ/∂x + diag(z e^α) ∂α/∂x at x = f(z), solved along the ordering. Lower triangular in the
     * ordering, determinant Π e^{α_i}. The network's input Jacobian comes from 2D backward passes.
     */
    public double[] jacobian(double[] z) {
        double[] x = z.clone();
        forward(x, 1, null);
        double[] u = kind == Kind.IAF ? z : x;
        double[] out = new double[2 * d];
        net.forward(u, 1, out);
        double[] netJ = new double[2 * d * d];
        double[] saved = net.g.clone();
        double[] go = new double[2 * d];
        double[] gi = new double[d];
        for (int r = 0; r < 2 * d; r++) {
            Arrays.fill(go, 0);
            go[r] = 1;
            net.backward(go, 1, gi);
            System.arraycopy(gi, 0, netJ, r * d, d);
        }
        System.arraycopy(saved, 0, net.g, 0, saved.length);
        double[] b = new double[d * d];
        double[] ea = new double[d];
        for (int i = 0; i < d; i++) {
            double a = alphaOf(out[d + i]);
            ea[i] = Math.exp(a);
            double dadraw = 1 - (a / SCALE_BOUND) * (a / SCALE_BOUND);
            for (int j = 0; j < d; j++) {
                b[i * d + j] = netJ[i * d + j] + z[i] * ea[i] * dadraw * netJ[(d + i) * d + j];
            }
        }
        double[] jac = new double[d * d];
        if (kind == Kind.IAF) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    jac[i * d + j] = b[i * d + j] + (i == j ? ea[i] : 0);
                }
            }
            return jac;
        }
        for (int c = 0; c < d; c++) {
            for (int t = 0; t < d; t++) {
                int i = order[t];
                double s = i == c ? ea[c] : 0;
                for (int t2 = 0; t2 < t; t2++) {
                    int j = order[t2];
                    s += b[i * d + j] * jac[j * d + c];
                }
                jac[i * d + c] = s;
            }
        }
        return jac;
    }

    // ---------------------------------------------------------------- training

    /** As {@link #inverse}, remembering what {@link #backward} needs. */
    void inverseForTraining(double[] pts, int n, double[] logDet) {
        tapeOut = grow(tapeOut, n * 2 * d);
        inverse(pts, n, logDet, tapeOut);
        tapeZ = grow(tapeZ, n * d);
        System.arraycopy(pts, 0, tapeZ, 0, n * d);
        tapeN = n;
    }

    /**
     * Back-propagates through the last {@link #inverseForTraining}: {@code grad} holds dL/dz on entry
     * and dL/dx on return (n × D); {@code gLogDet} is dL/d(each point's log-det). Overwrites the
     * parameter gradients.
     */
    void backward(double[] grad, int n, double gLogDet) {
        if (n != tapeN) {
            throw new IllegalStateException("backward for " + n + " points after a pass of " + tapeN);
        }
        Arrays.fill(net.g, 0);
        gOut = grow(gOut, n * 2 * d);
        gIn = grow(gIn, n * d);
        double[] out = tapeOut;
        if (kind == Kind.MAF) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < d; i++) {
                    setOutputGradient(k, i, grad[k * d + i], gLogDet);
                }
            }
            net.backward(gOut, n, gIn);
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < d; i++) {
                    int e = k * d + i;
                    grad[e] = grad[e] * Math.exp(-alpha(out, k, i)) + gIn[e];
                }
            }
            return;
        }
        // IAF: complete dL/dz along the ordering from the last coordinate; the tape is the last pass's
        for (int t = d - 1; t >= 0; t--) {
            int i = order[t];
            Arrays.fill(gOut, 0, n * 2 * d, 0);
            for (int k = 0; k < n; k++) {
                setOutputGradient(k, i, grad[k * d + i], gLogDet);
            }
            net.backward(gOut, n, gIn);
            for (int e = 0; e < n * d; e++) {
                grad[e] += gIn[e];
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                grad[k * d + i] *= Math.exp(-alpha(out, k, i));
            }
        }
    }

    /**
     * dL/dμ_i = −G_i e^{−α_i} and dL/dâ_i = (−G_i z_i − γ)(1 − (α_i/S)²) for point k, where G_i is
     * the total dL/dz_i and γ dL/d(log-det), since z_i = (x_i − μ_i) e^{−α_i} and log-det = −Σ α.
     */
    private void setOutputGradient(int k, int i, double gz, double gLogDet) {
        double a = alpha(tapeOut, k, i);
        double z = tapeZ[k * d + i];
        gOut[k * 2 * d + i] = -gz * Math.exp(-a);
        double r = a / SCALE_BOUND;
        gOut[k * 2 * d + d + i] = (-gz * z - gLogDet) * (1 - r * r);
    }

    /**
     * Back-propagates the mean NLL of x (n × D) on a standard normal base through
     * {@link #inverseForTraining} and {@link #backward}: fills {@link #gradients()}.
     *
     * @return the mean −ln p(x) in nats before any update
     */
    public double backprop(double[] x, int n) {
        double[] z = Arrays.copyOf(x, n * d);
        double[] ld = new double[n];
        inverseForTraining(z, n, ld);
        double nll = 0;
        for (int k = 0; k < n; k++) {
            nll -= ld[k] + logNormal(z, k);
        }
        // L = (1/n) Σ ½|z|² − log-det: dL/dz = z / n, dL/d(log-det) = −1/n
        for (int e = 0; e < n * d; e++) {
            z[e] /= n;
        }
        backward(z, n, -1.0 / n);
        return nll / n;
    }

    /** One Adam step of maximum likelihood on x (n × D); returns the mean NLL before the step. */
    public double trainStep(double[] x, int n, double learningRate) {
        double nll = backprop(x, n);
        adamStep(learningRate);
        return nll;
    }

    void adamStep(double learningRate) {
        FlowLayer.adam(net.p, net.g, adamM, adamV, ++adamT, learningRate);
    }

    void resetOptimizer() {
        Arrays.fill(adamM, 0);
        Arrays.fill(adamV, 0);
        adamT = 0;
    }

    // ---------------------------------------------------------------- parameters

    /** Stored parameters (masked weights included, always 0). */
    public int numParams() {
        return net.numParams();
    }

    /** Weights the masks keep plus the biases. */
    public int numFreeParams() {
        return net.numFreeParams();
    }

    /** A copy of the parameters: the MADE's, layer by layer, W (out × in, row-major) then b. */
    public double[] params() {
        return net.p.clone();
    }

    /** Restores parameters from {@link #params()}; masked weights are kept at 0. */
    public void setParams(double[] values) {
        net.setParams(values);
    }

    /** dL/dθ of the last {@link #backward}, same layout as {@link #params()} (a copy). */
    public double[] gradients() {
        return net.g.clone();
    }

    /** Empty while every parameter is finite, else why not. */
    public String health() {
        for (double v : net.p) {
            if (!Double.isFinite(v)) {
                return "a MADE weight is not finite";
            }
        }
        return "";
    }

    private static double[] grow(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }
}
