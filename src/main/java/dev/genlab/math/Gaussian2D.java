package dev.genlab.math;

import java.util.random.RandomGenerator;

/**
 * A bivariate normal distribution N(μ, Σ) with mean μ = (μx, μy) and covariance
 * Σ = [[σxx, σxy], [σxy, σyy]], immutable.
 *
 * <p>Σ must be symmetric positive definite: σxx &gt; 0 and det Σ = σxx σyy − σxy² &gt; 0. Its
 * Cholesky factor Σ = L Lᵀ is
 * <pre>
 *   L = [[l11, 0], [l21, l22]],  l11 = √σxx,  l21 = σxy / l11,  l22 = √(σyy − l21²)
 * </pre>
 * and with d = (x − μx, y − μy):
 * <pre>
 *   log p(x, y) = −log(2π) − ½ log det Σ − ½ dᵀ Σ⁻¹ d,
 *   dᵀ Σ⁻¹ d   = ‖L⁻¹ d‖²,      sample = μ + L ε,  ε ~ N(0, I₂),
 *   H[p]       = 1 + log(2π) + ½ log det Σ       (nats).
 * </pre>
 */
public final class Gaussian2D {

    private final double mx;
    private final double my;
    private final double sxx;
    private final double sxy;
    private final double syy;
    private final double l11;
    private final double l21;
    private final double l22;
    private final double logDet;

    /**
     * @throws IllegalArgumentException if any value is not finite or Σ is not symmetric positive
     *                                  definite; the message names the offending quantity
     */
    public Gaussian2D(double mx, double my, double sxx, double sxy, double syy) {
        if (!Double.isFinite(mx) || !Double.isFinite(my)) {
            throw new IllegalArgumentException("mean must be finite, got (" + mx + ", " + my + ")");
        }
        if (!Double.isFinite(sxx) || !Double.isFinite(sxy) || !Double.isFinite(syy)) {
            throw new IllegalArgumentException("covariance entries must be finite, got ["
                    + sxx + ", " + sxy + "; " + sxy + ", " + syy + "]");
        }
        if (!(sxx > 0) || !(syy > 0)) {
            throw new IllegalArgumentException("covariance is not positive definite: variances must be > 0, got σxx="
                    + sxx + ", σyy=" + syy);
        }
        double det = sxx * syy - sxy * sxy;
        // Relative test: a correlation |ρ| this close to 1 makes Σ numerically singular.
        if (!(det > 1e-12 * sxx * syy)) {
            throw new IllegalArgumentException("covariance is not positive definite: det = σxx·σyy − σxy² = "
                    + det + " (correlation " + sxy / Math.sqrt(sxx * syy) + " must lie strictly inside (−1, 1))");
        }
        this.mx = mx;
        this.my = my;
        this.sxx = sxx;
        this.sxy = sxy;
        this.syy = syy;
        this.l11 = Math.sqrt(sxx);
        this.l21 = sxy / l11;
        this.l22 = Math.sqrt(syy - l21 * l21);
        this.logDet = 2 * (Math.log(l11) + Math.log(l22));
    }

    /** An isotropic Gaussian N((mx, my), σ² I). */
    public static Gaussian2D isotropic(double mx, double my, double sigma) {
        return new Gaussian2D(mx, my, sigma * sigma, 0, sigma * sigma);
    }

    public double meanX() {
        return mx;
    }

    public double meanY() {
        return my;
    }

    public double varX() {
        return sxx;
    }

    public double covXY() {
        return sxy;
    }

    public double varY() {
        return syy;
    }

    /** log det Σ. */
    public double logDeterminant() {
        return logDet;
    }

    /** The lower Cholesky factor as {l11, l21, l22}. */
    public double[] cholesky() {
        return new double[] {l11, l21, l22};
    }

    /** log p(x, y). */
    public double logDensity(double x, double y) {
        // Forward substitution: z = L⁻¹ d.
        double z1 = (x - mx) / l11;
        double z2 = (y - my - l21 * z1) / l22;
        return -LogMath.LOG_2PI - 0.5 * logDet - 0.5 * (z1 * z1 + z2 * z2);
    }

    /** p(x, y). */
    public double density(double x, double y) {
        return Math.exp(logDensity(x, y));
    }

    /** Differential entropy 1 + log(2π) + ½ log det Σ in nats. */
    public double entropy() {
        return 1 + LogMath.LOG_2PI + 0.5 * logDet;
    }

    /** One draw μ + Lε as {x, y}. */
    public double[] sample(RandomGenerator rng) {
        double[] out = new double[2];
        sample(rng, out, 0, out, 1);
        return out;
    }

    /** One draw μ + Lε written to {@code xs[ix]} and {@code ys[iy]}. */
    public void sample(RandomGenerator rng, double[] xs, int ix, double[] ys, int iy) {
        double e1 = rng.nextGaussian();
        double e2 = rng.nextGaussian();
        xs[ix] = mx + l11 * e1;
        ys[iy] = my + l21 * e1 + l22 * e2;
    }

    /** KL(this ‖ other) = ½ [tr(Σ₂⁻¹Σ₁) + (μ₂−μ₁)ᵀΣ₂⁻¹(μ₂−μ₁) − 2 + log det Σ₂ − log det Σ₁]. */
    public double kl(Gaussian2D other) {
        double det2 = other.sxx * other.syy - other.sxy * other.sxy;
        double i11 = other.syy / det2;
        double i12 = -other.sxy / det2;
        double i22 = other.sxx / det2;
        double trace = i11 * sxx + 2 * i12 * sxy + i22 * syy;
        double dx = other.mx - mx;
        double dy = other.my - my;
        double quad = i11 * dx * dx + 2 * i12 * dx * dy + i22 * dy * dy;
        return 0.5 * (trace + quad - 2 + other.logDet - logDet);
    }

    @Override
    public String toString() {
        return "N(μ=(" + mx + ", " + my + "), Σ=[" + sxx + ", " + sxy + "; " + sxy + ", " + syy + "])";
    }
}
