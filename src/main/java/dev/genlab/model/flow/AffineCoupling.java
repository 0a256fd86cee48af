package dev.genlab.model.flow;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Mlp;

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
 * s and t come from one {@link Mlp} 1 → H → H → 2 with tanh (or a chosen) hidden activation; the scale is bounded,
 * s = S tanh(ŝ/S) with S = {@link #SCALE_BOUND} (RealNVP also bounds s with a tanh), and the last
 * layer starts at zero so a new layer is the identity unless asked for a random start.
 * Back-propagation (G = dL/dz, γ = dL/d(log-det)):
 * dL/dx_b = G_b e^{−s}, dL/dt = −G_b e^{−s}, dL/ds = −G_b z_b − γ, then through the network to
 * dL/dx_a = G_a + (network input gradient).
 *
 * <p>ND4J, confined to one thread; every batched call runs the network on all n points at once.
 */
public final class AffineCoupling extends FlowLayer {

    /** |s| ≤ S: one layer scales its coordinate by at most e^S. */
    public static final double SCALE_BOUND = 3.0;

    private final boolean onX;
    private final int hidden;
    private final Mlp net;
    private final DataType type;
    private INDArray adamM;
    private INDArray adamV;
    private int adamT;
    private double[] cachedRaw;
    private double[] cachedZb;
    private double[] gradCache;

    /**
     * @param conditionedOnX true: x passes through and conditions y; false: the reverse
     * @param hidden         hidden width H of the s, t network
     * @param identityStart  zero last layer (the layer starts as the identity) or Glorot everywhere
     */
    public AffineCoupling(boolean conditionedOnX, int hidden, DataType type, long seed, boolean identityStart) {
        this(conditionedOnX, hidden, Activation.TANH, type, seed, identityStart);
    }

    /**
     * As above with a chosen hidden activation: tanh (smooth s and t, the default) or a cheaper
     * one such as {@link Activation#LEAKY_RELU} (piecewise-linear s and t, a faster density grid).
     */
    public AffineCoupling(boolean conditionedOnX, int hidden, Activation activation, DataType type, long seed,
                          boolean identityStart) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be positive, got " + hidden);
        }
        this.onX = conditionedOnX;
        this.hidden = hidden;
        this.type = type;
        this.net = new Mlp(type, activation, Activation.IDENTITY, seed, 1, hidden, hidden, 2);
        if (identityStart) {
            net.layer(net.numLayers() - 1).w().assign(0);
            net.layer(net.numLayers() - 1).b().assign(0);
        }
    }

    public boolean conditionedOnX() {
        return onX;
    }

    public int hidden() {
        return hidden;
    }

    /** The network (trainer thread only). */
    public Mlp network() {
        return net;
    }

    /** Runs the network on the conditioning values: {ŝ₀..ŝ_{n−1}, t₀..t_{n−1}}. */
    private double[] run(double[] cond, int n) {
        INDArray in = column(cond, n);
        INDArray out = net.forward(in);
        return out.reshape('f', new long[] {2L * n}).toDoubleVector();
    }

    private INDArray column(double[] v, int n) {
        double[] c = v.length == n ? v : java.util.Arrays.copyOf(v, n);
        INDArray a = Nd4j.create(c, new long[] {n, 1}, 'f');
        return type == DataType.DOUBLE ? a : a.castTo(type);
    }

    private static double scale(double raw) {
        return SCALE_BOUND * Math.tanh(raw / SCALE_BOUND);
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
        double[] st = run(a, n);
        cachedRaw = st;
        cachedZb = new double[n];
        for (int i = 0; i < n; i++) {
            double s = scale(st[i]);
            b[i] = (b[i] - st[n + i]) * Math.exp(-s);
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
        double[] gOut = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double raw = cachedRaw[i];
            double th = Math.tanh(raw / SCALE_BOUND);
            double e = Math.exp(-SCALE_BOUND * th);
            double gs = -gb[i] * cachedZb[i] - gLd;
            gOut[i] = gs * (1 - th * th);
            gOut[n + i] = -gb[i] * e;
            gb[i] *= e;
        }
        INDArray g = Nd4j.create(gOut, new long[] {n, 2}, 'f');
        INDArray gIn = net.backward(type == DataType.DOUBLE ? g : g.castTo(type));
        double[] gin = gIn.reshape('f', new long[] {n}).toDoubleVector();
        for (int i = 0; i < n; i++) {
            ga[i] += gin[i];
        }
        gradCache = null;
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        double za = onX ? zx : zy;
        double zb = onX ? zy : zx;
        double[] st = run(new double[] {za}, 1);
        double dRaw = net.backward(Nd4j.create(new double[] {1, 0}, new long[] {1, 2}, 'f').castTo(type)).getDouble(0);
        double dT = net.backward(Nd4j.create(new double[] {0, 1}, new long[] {1, 2}, 'f').castTo(type)).getDouble(0);
        double th = Math.tanh(st[0] / SCALE_BOUND);
        double s = SCALE_BOUND * th;
        double ds = (1 - th * th) * dRaw;
        double dbda = zb * Math.exp(s) * ds + dT;
        double dbdb = Math.exp(s);
        gradCache = null;
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
        return (int) net.numParams();
    }

    @Override
    public double[] params() {
        return net.toDoubleVector();
    }

    @Override
    public void setParams(double[] p) {
        net.setParams(p);
    }

    @Override
    public double[] gradients() {
        if (gradCache == null) {
            gradCache = net.gradients().toDoubleVector();
        }
        return gradCache.clone();
    }

    /**
     * The same fused libnd4j update as {@link dev.genlab.model.nn.Adam}, with the rate passed per
     * step so that a learning-rate slider keeps the moments (nn.Adam fixes its rate at construction).
     */
    @Override
    void adamStep(double learningRate) {
        if (adamM == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                adamM = Nd4j.zeros(type, net.numParams());
                adamV = Nd4j.zeros(type, net.numParams());
            }
            adamT = 0;
        }
        INDArray g = net.gradients();
        Nd4j.exec(new AdamUpdater(g, adamV, adamM, g, adamV, adamM, learningRate, 0.9, 0.999, 1e-8, adamT));
        adamT++;
        net.params().subi(g);
        gradCache = null;
    }

    @Override
    void resetOptimizer() {
        adamM = null;
        adamV = null;
    }
}
