package dev.genlab.math;

/**
 * Special functions needed in closed-form densities.
 *
 * <p>The modified Bessel function of the first kind of order zero,
 * <pre>
 *   I₀(x) = (1/π) ∫_0^π e^{x cos θ} dθ = Σ_{k≥0} (x/2)^{2k} / (k!)²,
 * </pre>
 * appears in the density of a point on a circle of radius R blurred by isotropic Gaussian noise
 * σ: p(r) ∝ exp(−(r² + R²)/(2σ²)) I₀(rR/σ²). I₀ grows like e^x / √(2πx), so it overflows near
 * x ≈ 713; we compute the scaled log instead:
 * <pre>
 *   |x| ≤ 30:  log I₀(x) from the power series (all terms positive, no cancellation)
 *   |x| &gt; 30:  log I₀(x) = x − ½ log(2πx) + log Σ_k a_k,  a_0 = 1,  a_k = a_{k−1} (2k − 1)² / (8kx)
 * </pre>
 * The asymptotic series (Abramowitz &amp; Stegun 9.7.1) is summed until its terms stop shrinking;
 * at x = 30 its smallest term is below 10⁻²⁵, so both branches are accurate to rounding.
 */
public final class SpecialFunctions {

    private static final double SERIES_LIMIT = 30;

    private SpecialFunctions() {
    }

    /** log I₀(x); even in x, log I₀(0) = 0. */
    public static double logBesselI0(double x) {
        double ax = Math.abs(x);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (ax == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        if (ax <= SERIES_LIMIT) {
            double q = 0.25 * ax * ax;
            double term = 1;
            double sum = 1;
            for (int k = 1; k < 500; k++) {
                term *= q / ((double) k * k);
                sum += term;
                if (term < 1e-17 * sum) {
                    break;
                }
            }
            return Math.log(sum);
        }
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 200; k++) {
            double next = term * (2.0 * k - 1) * (2.0 * k - 1) / (8.0 * k * ax);
            if (next >= term) {
                break;
            }
            term = next;
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return ax - 0.5 * Math.log(2 * Math.PI * ax) + Math.log(sum);
    }

    /** The exponentially scaled e^{−|x|} I₀(x), in (0, 1]. */
    public static double besselI0Scaled(double x) {
        return Math.exp(logBesselI0(x) - Math.abs(x));
    }
}
