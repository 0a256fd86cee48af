package dev.genlab.model.flow;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.nn.Activation;

/**
 * NICE's additive coupling layer (Dinh, Krueger &amp; Bengio 2015, "NICE: Non-linear Independent
 * Components Estimation", ICLR workshop, §3.2–3.3) in two dimensions: the mask keeps the conditioning
 * coordinate a and shifts the other, b, by a learned function of a:
 * <pre>
 *   sampling   x_a = z_a,   x_b = z_b + t(z_a)
 *   inference  z_a = x_a,   z_b = x_b − t(x_a)
 *   Jacobian   [[1, 0], [t'(z_a), 1]] (for a = x): unit diagonal, so det = 1 and log|det| = 0
 * </pre>
 * whatever the network is: the layer is volume-preserving. A stack of them can bend and shear the
 * plane but never concentrate or spread mass, so it cannot turn a wide Gaussian into a narrow
 * ridge; RealNVP's {@link AffineCoupling} adds the scale e^{s(z_a)} for exactly that. NICE puts one
 * diagonal scaling layer at the top of the stack for the same reason; here that is an {@link ActNorm}
 * (a per-coordinate scale and bias) appended to the stack, left to the caller so that a pure NICE stack
 * shows what volume preservation costs.
 *
 * <p>The log-det is exactly 0: {@link #forward} and {@link #inverse} leave the {@code logDet} array
 * untouched rather than adding a computed zero. The t network is the same {@link CouplingNet} as
 * RealNVP's with the scale output left out (1 → H → H → 1), so at equal hidden width an additive layer
 * has H + 1 fewer parameters. Back-propagation (G = dL/dz): dL/dx_b = G_b, dL/dt = −G_b, then through
 * the network to dL/dx_a = G_a + (network input gradient); the log-det gradient does not reach it.
 * Confined to one thread.
 */
public final class AdditiveCoupling extends CouplingLayer {

    /**
     * @param conditionedOnX true: x passes through and conditions y; false: the reverse
     * @param hidden         hidden width H of the t network
     * @param type           FLOAT (the app) or DOUBLE (exact tanh, double everywhere: gradient checks)
     * @param identityStart  zero last layer (the layer starts as the identity) or Glorot everywhere
     */
    public AdditiveCoupling(boolean conditionedOnX, int hidden, DataType type, long seed, boolean identityStart) {
        this(conditionedOnX, hidden, Activation.TANH, type, seed, identityStart);
    }

    /** As above with a chosen hidden activation (tanh, {@link Activation#RELU}, {@link Activation#LEAKY_RELU}). */
    public AdditiveCoupling(boolean conditionedOnX, int hidden, Activation activation, DataType type, long seed,
                            boolean identityStart) {
        super(conditionedOnX, hidden, activation, type, seed, identityStart, false);
    }

    @Override
    void couple(double[] b, double[] st, int n, double[] logDet, boolean forward) {
        // log|det| = 0 exactly: nothing is added to logDet
        if (forward) {
            for (int i = 0; i < n; i++) {
                b[i] += st[n + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                b[i] -= st[n + i];
            }
        }
    }

    @Override
    void inverseKeeping(double[] b, double[] st, int n, double[] logDet) {
        couple(b, st, n, logDet, false);
    }

    @Override
    void backCouple(double[] gb, double[] st, int n, double gLd, double[] gOut) {
        for (int i = 0; i < n; i++) {
            gOut[i] = 0;
            gOut[n + i] = -gb[i];
        }
    }

    @Override
    double[] slopes(double zb, double[] v) {
        return new double[] {v[3], 1};
    }

    @Override
    public String name() {
        return conditionedOnX() ? "additive coupling (x → y)" : "additive coupling (y → x)";
    }
}
