package dev.genlab.model.gan;

/**
 * The affine generator x = g(z) = μ + s·z with s = e^ρ &gt; 0, parameters θ = (μ, ρ = log s), so
 * p_g = N(μ, s²) exactly and any real θ is valid:
 * <pre>
 *   g'(z)      = s
 *   ∂g/∂μ      = 1
 *   ∂g/∂ρ      = s·z
 *   log p_g(x) = log φ((x − μ)/s) − log s
 * </pre>
 * With p_data = N(μ*, σ*²) the game's optimum p_g = p_data (Goodfellow et al. 2014, Theorem 1) is
 * inside this family: μ = μ*, s = σ*.
 */
public final class AffineGenerator implements Generator1D {

    private final double mu;
    private final double logS;
    private final double s;

    /** x = μ + e^{logS} z; both finite. */
    public AffineGenerator(double mu, double logS) {
        double[] t = Generator1D.checkParams(new double[] {mu, logS}, 2);
        this.mu = t[0];
        this.logS = t[1];
        this.s = Math.exp(logS);
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("log s = " + logS + " gives a scale that is not positive and finite");
        }
    }

    /** The generator of N(μ, s²), s &gt; 0. */
    public static AffineGenerator ofMeanSd(double mu, double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("the scale must be positive and finite, got " + s);
        }
        return new AffineGenerator(mu, Math.log(s));
    }

    /** μ. */
    public double mu() {
        return mu;
    }

    /** s = e^ρ. */
    public double scale() {
        return s;
    }

    @Override
    public int numParams() {
        return 2;
    }

    @Override
    public double[] params() {
        return new double[] {mu, logS};
    }

    @Override
    public AffineGenerator withParams(double[] theta) {
        double[] t = Generator1D.checkParams(theta, 2);
        return new AffineGenerator(t[0], t[1]);
    }

    @Override
    public double apply(double z) {
        return mu + s * z;
    }

    @Override
    public double derivative(double z) {
        return s;
    }

    @Override
    public double inverse(double x) {
        return (x - mu) / s;
    }

    @Override
    public void paramGradient(double z, double[] out) {
        out[0] = 1;
        out[1] = s * z;
    }

    @Override
    public double logDensity(double x) {
        return StdNormal.logPdf((x - mu) / s) - logS;
    }

    @Override
    public double dLogDensity(double x) {
        return -(x - mu) / (s * s);
    }

    @Override
    public String toString() {
        return String.format("AffineGenerator[μ=%.4g, s=%.4g]", mu, s);
    }
}
