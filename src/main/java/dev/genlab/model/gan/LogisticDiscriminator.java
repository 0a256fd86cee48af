package dev.genlab.model.gan;

/**
 * The slider-driven discriminator D(x) = σ(w₂x² + w₁x + w₀): logistic regression on (1, x, x²).
 * With w₂ &lt; 0 its "accept" region {D &gt; ½} is an interval, so it can bracket a mode; with
 * w₂ = 0 it is a threshold at x = −w₀/w₁. Between two Gaussians of equal variance D* itself has
 * this form with w₂ = 0, and with unequal variances with w₂ ≠ 0:
 * <pre>
 *   a*(x) = log N(x; μ_d, σ_d²) − log N(x; μ_g, σ_g²)
 *         = (1/(2σ_g²) − 1/(2σ_d²)) x² + (μ_d/σ_d² − μ_g/σ_g²) x + const,
 * </pre>
 * see {@link #optimalBetweenGaussians}. Immutable.
 *
 * @param w0 constant term
 * @param w1 linear coefficient
 * @param w2 quadratic coefficient
 */
public record LogisticDiscriminator(double w0, double w1, double w2) implements Discriminator1D {

    /** Rejects non-finite coefficients. */
    public LogisticDiscriminator {
        if (!Double.isFinite(w0) || !Double.isFinite(w1) || !Double.isFinite(w2)) {
            throw new IllegalArgumentException("coefficients must be finite, got " + w0 + ", " + w1 + ", " + w2);
        }
    }

    /**
     * D* between N(μ_d, σ_d²) (data) and N(μ_g, σ_g²) (generator), which is exactly quadratic-logistic:
     * w₂ = 1/(2σ_g²) − 1/(2σ_d²), w₁ = μ_d/σ_d² − μ_g/σ_g², w₀ = μ_g²/(2σ_g²) − μ_d²/(2σ_d²) + log(σ_g/σ_d).
     */
    public static LogisticDiscriminator optimalBetweenGaussians(double muD, double sdD, double muG, double sdG) {
        double vd = sdD * sdD;
        double vg = sdG * sdG;
        return new LogisticDiscriminator(
                muG * muG / (2 * vg) - muD * muD / (2 * vd) + Math.log(sdG / sdD),
                muD / vd - muG / vg,
                1 / (2 * vg) - 1 / (2 * vd));
    }

    @Override
    public double logit(double x) {
        return (w2 * x + w1) * x + w0;
    }

    @Override
    public double logitDerivative(double x) {
        return 2 * w2 * x + w1;
    }
}
