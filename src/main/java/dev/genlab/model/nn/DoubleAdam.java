package dev.genlab.model.nn;

/**
 * Adam (Kingma &amp; Ba 2015) on a plain {@code double[]} of parameters, for the small models written in plain
 * Java (flows, RNADE) where an ND4J call would cost more than the arithmetic. In the form of libnd4j's fused
 * updater: α_t = α √(1 − β₂ᵗ)/(1 − β₁ᵗ), m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ −= α_t m / (√v + ε),
 * β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸. The rate comes per step, so a learning-rate change keeps m and v.
 */
public final class DoubleAdam {

    private final double[] m;
    private final double[] v;
    private int t;

    public DoubleAdam(int size) {
        m = new double[size];
        v = new double[size];
    }

    /** One step on p with the gradient g (same length as the optimiser). */
    public void step(double[] p, double[] g, double learningRate) {
        update(p, g, m, v, ++t, learningRate);
    }

    /** Forgets the moments (after a diverged run restored, whose moments may hold NaN). */
    public void reset() {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(v, 0);
        t = 0;
    }

    /** Adam step t in place, with moments m and v kept by the caller. */
    public static void update(double[] p, double[] g, double[] m, double[] v, int t, double lr) {
        double b1 = 0.9;
        double b2 = 0.999;
        double at = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] -= at * m[i] / (Math.sqrt(v[i]) + 1e-8);
        }
    }
}
