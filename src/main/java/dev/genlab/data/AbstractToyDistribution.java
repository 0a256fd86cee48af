package dev.genlab.data;

import dev.genlab.math.GridIntegral;

/** Shares the cached quadrature entropy of the toy distributions. */
abstract class AbstractToyDistribution implements ToyDistribution {

    /** Grid for the entropy integral: midpoint rule, n × n over {@link #entropyBox()}. */
    static final int ENTROPY_GRID = 360;

    private volatile double entropy = Double.NaN;

    @Override
    public double entropy() {
        double h = entropy;
        if (Double.isNaN(h)) {
            double[] b = entropyBox();
            h = GridIntegral.entropy(this::logDensity, b[0], b[1], b[2], b[3], ENTROPY_GRID);
            entropy = h;
        }
        return h;
    }

    /**
     * The box for the entropy integral: the bounds widened by a fifth of their size on each side,
     * because −p log p has heavier tails than p (at 5σ a Gaussian's box misses ~10⁻⁵ nats).
     */
    double[] entropyBox() {
        double[] b = bounds();
        double wx = 0.2 * (b[1] - b[0]);
        double wy = 0.2 * (b[3] - b[2]);
        return new double[] {b[0] - wx, b[1] + wx, b[2] - wy, b[3] + wy};
    }

    static void requireCapacity(int n, double[] xs, double[] ys) {
        if (n < 0 || xs.length < n || ys.length < n) {
            throw new IllegalArgumentException("need room for " + n + " samples, got arrays of "
                    + xs.length + " and " + ys.length);
        }
    }

    static double requirePositive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
        return v;
    }
}
