package dev.genlab.model.flow;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.nn.Activation;

/**
 * The affine coupling layer of RealNVP (Dinh, Sohl-Dickstein &amp; Bengio 2017, "Density
 * estimation using Real NVP", ICLR, §3.2–3.3) in two dimensions. The mask keeps the conditioning
 * coordinate a (x if {@link #conditionedOnX()}, else y) and transforms the other, b:
 * <pre>
 *   sampling   x_a = z_a,   x_b = z_b · exp(s(z_a)) + t(z_a)
 *   inference  z_a = x_a,   z_b = (x_b − t(x_a)) · exp(−s(x_a)),   log|det ∂f⁻¹/∂x| = −s(x_a)
 *   Jacobian   ∂x_b/∂z_a = z_b e^s s'(z_a) + t'(z_a),  ∂x_b/∂z_b = e^s,  ∂x_a/∂z = (1, 0):
 *              triangular, so its determinant is e^{s} whatever the networks are.
 * </pre>
 * s and t come from one network 1 → H → H → 2 (the layout and initialisation of {@link dev.genlab.model.nn.Mlp}) with tanh (or a chosen) hidden activation; the scale is bounded,
 * s = S tanh(ŝ/S) with S = {@link #SCALE_BOUND} (RealNVP also bounds s with a tanh), and the last
 * layer starts at zero so a new layer is the identity unless asked for a random start.
 * Back-propagation (G = dL/dz, γ = dL/d(log-det)):
 * dL/dx_b = G_b e^{−s}, dL/dt = −G_b e^{−s}, dL/ds = −G_b z_b − γ, then through the network to
 * dL/dx_a = G_a + (network input gradient).
 *
 * <p>The network runs in plain Java ({@link CouplingNet}: forward, back-propagation, Adam) on small
 * batches, and through one ND4J gemm per call ({@link CouplingGemm}) on large ones (the density grid),
 * both from the same parameters. {@code type} DOUBLE computes everything in double with an exact tanh
 * (gradient checks); FLOAT, the app's, uses a float-accurate rational tanh and single precision on
 * large batches. Confined to one thread.
 */
public final class AffineCoupling extends FlowLayer {

    /** |s| ≤ S: one layer scales its coordinate by at most e^S. */
    public static final double SCALE_BOUND = 3.0;

    private final boolean onX;
    private final int hidden;
    private final DataType type;
    private final CouplingNet net;
    private final CouplingGemm.Weights gemmWeights = new CouplingGemm.Weights();
    private double[] st = new double[0];
    private double[] cachedRaw = new double[0];
    private double[] cachedZb = new double[0];
    private double[] gOut = new double[0];
    private double[] gIn = new double[0];

    /**
     * @param conditionedOnX true: x passes through and conditions y; false: the reverse
     * @param hidden         hidden width H of the s, t network
     * @param type           FLOAT (the app) or DOUBLE (exact tanh, double everywhere: gradient checks)
     * @param identityStart  zero last layer (the layer starts as the identity) or Glorot everywhere
     */
    public AffineCoupling(boolean conditionedOnX, int hidden, DataType type, long seed, boolean identityStart) {
        this(conditionedOnX, hidden, Activation.TANH, type, seed, identityStart);
    }

    /**
     * As above with a chosen hidden activation: tanh (smooth s and t, the default) or a rectifier
     * ({@link Activation#RELU}, {@link Activation#LEAKY_RELU}: piecewise-linear s and t).
     */
    public AffineCoupling(boolean conditionedOnX, int hidden, Activation activation, DataType type, long seed,
                          boolean identityStart) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be positive, got " + hidden);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("a coupling network is FLOAT or DOUBLE, not " + type);
        }
        this.onX = conditionedOnX;
        this.hidden = hidden;
        this.type = type;
        this.net = new CouplingNet(hidden, activation, type == DataType.DOUBLE, seed, identityStart);
    }

    public boolean conditionedOnX() {
        return onX;
    }

    public int hidden() {
        return hidden;
    }

    public DataType dataType() {
        return type;
    }

    /** Runs the network on the conditioning values: {ŝ₀..ŝ_{n−1}, t₀..t_{n−1}} in a reused array. */
    private double[] run(double[] cond, int n) {
        if (n >= CouplingGemm.MIN_BATCH && concurrentInverse()) {
            // a fresh array: two threads may run halves of one batch (Flow.logDensity)
            double[] out = new double[2 * n];
            CouplingGemm.scratch().forward(net, gemmWeights, cond, n, out);
            return out;
        }
        if (st.length < 2 * n) {
            st = new double[2 * n];
        }
        net.forward(cond, n, st, false);
        return st;
    }

    /** The large-batch path (float, tanh) keeps its scratch per thread; the plain-Java one per layer. */
    @Override
    boolean concurrentInverse() {
        return type == DataType.FLOAT && net.act == Activation.TANH;
    }

    /** The network's outputs {ŝ, t} on n values through the small-batch (plain Java) path: tests. */
    double[] runSmall(double[] cond, int n) {
        double[] out = new double[2 * n];
        net.forward(cond, n, out, false);
        return out;
    }

    /** The same through the large-batch (gemm) path whatever n is: tests. */
    double[] runLarge(double[] cond, int n) {
        double[] out = new double[2 * n];
        CouplingGemm.scratch().forward(net, gemmWeights, cond, n, out);
        return out;
    }

    /** tanh for the scale bound: exact in DOUBLE, the float-accurate rational fit in FLOAT (Math.tanh is slow, see CouplingNet). */
    private double tanh(double x) {
        return type == DataType.DOUBLE ? CouplingNet.tanhExact(x) : CouplingNet.tanhFast(x);
    }

    private double scale(double raw) {
        return SCALE_BOUND * tanh(raw / SCALE_BOUND);
    }

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        double[] b = onX ? ys : xs;
        double[] st = run(a, n);
        for (int i = 0; i < n; i++) {
            double s = scale(st[i]);
            b[i] = b[i] * Math.exp(s) + st[n + i];
            if (logDet != null) {
                logDet[i] += s;
            }
        }
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        double[] b = onX ? ys : xs;
        double[] st = run(a, n);
        for (int i = 0; i < n; i++) {
            double s = scale(st[i]);
            b[i] = (b[i] - st[n + i]) * Math.exp(-s);
            if (logDet != null) {
                logDet[i] -= s;
            }
        }
    }

    @Override
    void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        double[] b = onX ? ys : xs;
        if (cachedRaw.length < 2 * n) {
            cachedRaw = new double[2 * n];
            cachedZb = new double[n];
        }
        net.forward(a, n, cachedRaw, true);
        for (int i = 0; i < n; i++) {
            double s = scale(cachedRaw[i]);
            b[i] = (b[i] - cachedRaw[n + i]) * Math.exp(-s);
            cachedZb[i] = b[i];
            if (logDet != null) {
                logDet[i] -= s;
            }
        }
    }

    @Override
    void backward(double[] gx, double[] gy, int n, double gLd) {
        double[] ga = onX ? gx : gy;
        double[] gb = onX ? gy : gx;
        if (gOut.length < 2 * n) {
            gOut = new double[2 * n];
            gIn = new double[n];
        }
        for (int i = 0; i < n; i++) {
            double raw = cachedRaw[i];
            double th = tanh(raw / SCALE_BOUND);
            double e = Math.exp(-SCALE_BOUND * th);
            double gs = -gb[i] * cachedZb[i] - gLd;
            gOut[i] = gs * (1 - th * th);
            gOut[n + i] = -gb[i] * e;
            gb[i] *= e;
        }
        net.backward(gOut, gIn);
        for (int i = 0; i < n; i++) {
            ga[i] += gIn[i];
        }
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        double za = onX ? zx : zy;
        double zb = onX ? zy : zx;
        double[] v = net.valueAndSlope(za);
        double th = tanh(v[0] / SCALE_BOUND);
        double s = SCALE_BOUND * th;
        double ds = (1 - th * th) * v[2];
        double dbda = zb * Math.exp(s) * ds + v[3];
        double dbdb = Math.exp(s);
        // rows: output x, y; columns: z_x, z_y
        return onX ? new double[] {1, 0, dbda, dbdb} : new double[] {dbdb, dbda, 0, 1};
    }

    @Override
    public String name() {
        return onX ? "coupling (x → y)" : "coupling (y → x)";
    }

    @Override
    public String health() {
        return net.isFinite() ? "" : name() + ": a network weight is not finite";
    }

    @Override
    public int numParams() {
        return net.size();
    }

    /** Parameters in {@link dev.genlab.model.nn.Mlp}'s flat layout (W column-major then b, layer by layer). */
    @Override
    public double[] params() {
        return net.p.clone();
    }

    @Override
    public void setParams(double[] p) {
        net.setParams(p);
    }

    @Override
    public double[] gradients() {
        return net.g.clone();
    }

    /** One Adam step; the rate is passed per step so that a learning-rate slider keeps the moments. */
    @Override
    void adamStep(double learningRate) {
        net.adamStep(learningRate);
    }

    @Override
    void resetOptimizer() {
        net.resetOptimizer();
    }
}
