package dev.genlab.data;

import dev.genlab.math.GridIntegral;

/**
 * Shares the entropy of the toy distributions: a default shape ships its H(p) as a constant (see
 * {@link #shipEntropy}); any other shape integrates it once, on first use ({@link #quadratureEntropy}).
 */
abstract class AbstractToyDistribution implements ToyDistribution {

    /** Grid for the entropy integral: midpoint rule, n × n over {@link #entropyBox()}. */
    static final int ENTROPY_GRID = 360;

    private volatile double entropy = Double.NaN;

    /** The shipped constant, or the quadrature computed once per instance (seconds for a spiral). */
    @Override
    public double entropy() {
        double h = entropy;
        if (Double.isNaN(h)) {
            h = quadratureEntropy();
            entropy = h;
        }
        return h;
    }

    /**
     * Gives this instance its H(p) as a constant computed offline, for the default shapes (called by
     * their no-argument constructors); {@code ToyDistributionsTest} recomputes each one by quadrature.
     */
    final void shipEntropy(double h) {
        entropy = h;
    }

    /**
     * H(p) = −∫∫ p log p by the n × n midpoint rule ({@link #ENTROPY_GRID}) over {@link #entropyBox()}:
     * how the shipped constants were computed. The integrand is smooth and negligible at the box's
     * edges, so the midpoint rule converges faster than any power of the grid step here: grids of
     * 360, 720 and 1440 agree to 10⁻¹², and a box twice as wide changes H by under 10⁻¹¹.
     */
    double quadratureEntropy() {
        double[] b = entropyBox();
        return GridIntegral.entropy(this::logDensity, b[0], b[1], b[2], b[3], ENTROPY_GRID);
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
