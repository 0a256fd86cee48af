package dev.genlab.model.gan;

/**
 * The optimal discriminator for a fixed generator (Goodfellow et al. 2014, Proposition 1):
 * <pre>
 *   D*(x) = p_data(x) / (p_data(x) + p_g(x)),   a*(x) = log p_data(x) − log p_g(x)
 *   d/dx a*(x) = d/dx log p_data − d/dx log p_g
 * </pre>
 * computed from log densities, so it is defined (and D* ∈ [0, 1] exactly) where both densities
 * underflow. It holds the generator it was made for: in the game the generator's gradient is
 * taken with D* held fixed. For {@link MonotoneGenerator} p_g, and so a*, jumps at the knots'
 * images; d/dx a* is the derivative between them.
 */
public final class OptimalDiscriminator implements Discriminator1D {

    private final Mixture1D data;
    private final Generator1D generator;

    /** D* for p_data = {@code data} against the frozen {@code generator}. */
    public OptimalDiscriminator(Mixture1D data, Generator1D generator) {
        if (data == null || generator == null) {
            throw new IllegalArgumentException("D* needs a data distribution and a generator");
        }
        this.data = data;
        this.generator = generator;
    }

    /** The data distribution. */
    public Mixture1D data() {
        return data;
    }

    /** The generator D* is optimal against. */
    public Generator1D generator() {
        return generator;
    }

    @Override
    public double logit(double x) {
        return data.logPdf(x) - generator.logDensity(x);
    }

    @Override
    public double logitDerivative(double x) {
        return data.dLogPdf(x) - generator.dLogDensity(x);
    }
}
