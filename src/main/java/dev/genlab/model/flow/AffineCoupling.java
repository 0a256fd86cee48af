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
 * both from the same parameters ({@link CouplingLayer}, shared with NICE's {@link AdditiveCoupling}). {@code type} DOUBLE computes everything in double with an exact tanh
 * (gradient checks); FLOAT, the app's, uses a float-accurate rational tanh and single precision on
 * large batches. Confined to one thread.
 */
public final class AffineCoupling extends CouplingLayer {

    /** |s| ≤ S: one layer scales its coordinate by at most e^S. */
    public static final double SCALE_BOUND = 3.0;

    private double[] cachedZb = new double[0];

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
        super(conditionedOnX, hidden, activation, type, seed, identityStart, true);
    }

    private double scale(double raw) {
        return SCALE_BOUND * tanh(raw / SCALE_BOUND);
    }

    @Override
    void couple(double[] b, double[] st, int n, double[] logDet, boolean forward) {
        for (int i = 0; i < n; i++) {
            double s = scale(st[i]);
            if (forward) {
                b[i] = b[i] * Math.exp(s) + st[n + i];
            } else {
                b[i] = (b[i] - st[n + i]) * Math.exp(-s);
            }
            if (logDet != null) {
                logDet[i] += forward ? s : -s;
            }
        }
    }

    @Override
    void inverseKeeping(double[] b, double[] st, int n, double[] logDet) {
        if (cachedZb.length < n) {
            cachedZb = new double[n];
        }
        couple(b, st, n, logDet, false);
        System.arraycopy(b, 0, cachedZb, 0, n);
    }

    @Override
    void backCouple(double[] gb, double[] st, int n, double gLd, double[] gOut) {
        for (int i = 0; i < n; i++) {
            double th = tanh(st[i] / SCALE_BOUND);
            double e = Math.exp(-SCALE_BOUND * th);
            double gs = -gb[i] * cachedZb[i] - gLd;
            gOut[i] = gs * (1 - th * th);
            gOut[n + i] = -gb[i] * e;
            gb[i] *= e;
        }
    }

    @Override
    double[] slopes(double zb, double[] v) {
        double th = tanh(v[0] / SCALE_BOUND);
        double s = SCALE_BOUND * th;
        double ds = (1 - th * th) * v[2];
        return new double[] {zb * Math.exp(s) * ds + v[3], Math.exp(s)};
    }

    @Override
    public String name() {
        return conditionedOnX() ? "coupling (x → y)" : "coupling (y → x)";
    }
}
