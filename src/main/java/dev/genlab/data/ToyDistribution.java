package dev.genlab.data;

import java.util.random.RandomGenerator;

/**
 * A 2-D distribution with an exact log-density and exact sampling, for lessons that compare a
 * model's density or samples with the truth.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ToyDistribution {

    /** A short stable identifier, as used by {@link ToyDistributions#byId}. */
    String id();

    /** log p(x, y) in nats; {@code −∞} off the support. */
    double logDensity(double x, double y);

    /** p(x, y). */
    default double density(double x, double y) {
        return Math.exp(logDensity(x, y));
    }

    /** Writes n independent draws to {@code xsOut[0..n)} and {@code ysOut[0..n)}. */
    void sample(int n, RandomGenerator rng, double[] xsOut, double[] ysOut);

    /** {xmin, xmax, ymin, ymax}: a box holding all but a negligible part (≲ 10⁻⁵) of the mass. */
    double[] bounds();

    /**
     * H(p) = −∫ p log p in nats. The built-in shapes in their default form ({@link ToyDistributions#byId})
     * return a constant shipped with their class (computed offline by quadrature) and the checkerboard
     * its closed form; any other shape integrates it over (a little more than) {@link #bounds()} on
     * first use, once per instance, which can take seconds (keep it off the JavaFX thread).
     */
    double entropy();
}
