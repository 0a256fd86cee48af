package dev.genlab.model.flow;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.nn.Activation;

/**
 * What the two coupling layers of this package share: a mask that keeps the conditioning coordinate
 * a (x if {@link #conditionedOnX()}, else y) and transforms the other, b, elementwise with values a
 * network computes from a alone (Dinh, Krueger &amp; Bengio 2015, NICE, §3.2; Dinh, Sohl-Dickstein &amp;
 * Bengio 2017, RealNVP, §3.3):
 * <ul>
 *   <li>{@link AdditiveCoupling} (NICE): x_b = z_b + t(z_a), volume-preserving, log-det 0;</li>
 *   <li>{@link AffineCoupling} (RealNVP): x_b = z_b · e^{s(z_a)} + t(z_a), log-det s(z_a).</li>
 * </ul>
 * The Jacobian is triangular either way (∂x_a/∂z = (1, 0)), so its determinant is ∂x_b/∂z_b whatever
 * the network is, and the inverse needs the network only forwards. This class owns the network
 * ({@link CouplingNet}, plain Java for small batches; {@link CouplingGemm}, one ND4J gemm, for the
 * density grid), its parameters, Adam and the back-propagation through it; a subclass supplies only
 * the elementwise map of b and its derivatives. Confined to one thread.
 */
public abstract class CouplingLayer extends FlowLayer {

    private final boolean onX;
    private final int hidden;
    private final DataType type;
    final CouplingNet net;
    private final CouplingGemm.Weights gemmWeights = new CouplingGemm.Weights();
    private double[] st = new double[0];
    private double[] cachedRaw = new double[0];
    private double[] gOut = new double[0];
    private double[] gIn = new double[0];

    /**
     * @param withScale whether the network has the scale output ŝ (RealNVP) or t alone (NICE)
     */
    CouplingLayer(boolean conditionedOnX, int hidden, Activation activation, DataType type, long seed,
                  boolean identityStart, boolean withScale) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be positive, got " + hidden);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("a coupling network is FLOAT or DOUBLE, not " + type);
        }
        this.onX = conditionedOnX;
        this.hidden = hidden;
        this.type = type;
        this.net = new CouplingNet(hidden, activation, type == DataType.DOUBLE, seed, identityStart, withScale);
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

    /** tanh where a subclass bounds its scale: exact in DOUBLE, the float-accurate rational fit in FLOAT. */
    final double tanh(double x) {
        return type == DataType.DOUBLE ? CouplingNet.tanhExact(x) : CouplingNet.tanhFast(x);
    }

    // ---- the elementwise map, the subclass's part -----------------------------------------------

    /**
     * b ← the sampling map (forward) or its inverse of b given the network's outputs
     * st = {ŝ₀..ŝ_{n−1}, t₀..t_{n−1}}; adds the direction's log|det| to {@code logDet} when not null.
     */
    abstract void couple(double[] b, double[] st, int n, double[] logDet, boolean forward);

    /** As the inverse {@link #couple}, remembering what {@link #backCouple} needs. */
    abstract void inverseKeeping(double[] b, double[] st, int n, double[] logDet);

    /**
     * Back-propagation through the last {@link #inverseKeeping}: gb holds dL/dz_b on entry and dL/dx_b on
     * return; fills gOut with dL/dŝ (first n) and dL/dt (next n); gLd is dL/d(log-det).
     */
    abstract void backCouple(double[] gb, double[] st, int n, double gLd, double[] gOut);

    /** {∂x_b/∂z_a, ∂x_b/∂z_b} at z_b from the network's {ŝ, t, dŝ/da, dt/da} at z_a. */
    abstract double[] slopes(double zb, double[] valueAndSlope);

    // ---- FlowLayer -----------------------------------------------------------------------------

    @Override
    public final void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        couple(onX ? ys : xs, run(a, n), n, logDet, true);
    }

    @Override
    public final void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        couple(onX ? ys : xs, run(a, n), n, logDet, false);
    }

    @Override
    final void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        double[] a = onX ? xs : ys;
        if (cachedRaw.length < 2 * n) {
            cachedRaw = new double[2 * n];
        }
        net.forward(a, n, cachedRaw, true);
        inverseKeeping(onX ? ys : xs, cachedRaw, n, logDet);
    }

    @Override
    final void backward(double[] gx, double[] gy, int n, double gLd) {
        double[] ga = onX ? gx : gy;
        double[] gb = onX ? gy : gx;
        if (gOut.length < 2 * n) {
            gOut = new double[2 * n];
            gIn = new double[n];
        }
        backCouple(gb, cachedRaw, n, gLd, gOut);
        net.backward(gOut, gIn);
        for (int i = 0; i < n; i++) {
            ga[i] += gIn[i];
        }
    }

    @Override
    public final double[] jacobian(double zx, double zy) {
        double za = onX ? zx : zy;
        double zb = onX ? zy : zx;
        double[] d = slopes(zb, net.valueAndSlope(za));
        // rows: output x, y; columns: z_x, z_y
        return onX ? new double[] {1, 0, d[0], d[1]} : new double[] {d[1], d[0], 0, 1};
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
