package dev.genlab.model.gan;

import dev.genlab.math.LogMath;

/**
 * The standard normal N(0, 1): log φ, φ and Φ in double precision.
 *
 * <pre>
 *   log φ(z) = −½ log(2π) − z²/2
 *   Φ(z)     = ∫_{−∞}^z φ(t) dt
 * </pre>
 * For |z| &lt; 3, Φ is Hart's (1968) rational approximation 5666 as published by West (2005, "Better
 * approximations to cumulative normal functions", Wilmott Magazine), a ratio of polynomials times
 * e^{−z²/2} (absolute error near 1e-16); beyond, Laplace's continued fraction for the tail, 60 deep
 * (relative error near 1e-15 however far out, where Φ(z) ≈ φ(z)/|z|).
 */
final class StdNormal {

    /** ½ log(2π). */
    static final double HALF_LOG_2PI = 0.5 * LogMath.LOG_2PI;
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private StdNormal() {
    }

    /** log φ(z). */
    static double logPdf(double z) {
        return -HALF_LOG_2PI - 0.5 * z * z;
    }

    /** φ(z). */
    static double pdf(double z) {
        return Math.exp(logPdf(z));
    }

    /** Φ(z) = P(Z ≤ z). */
    static double cdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        double a = Math.abs(z);
        double c;
        if (a > 37) {
            c = 0;
        } else {
            double e = Math.exp(-0.5 * a * a);
            if (a < 3) {
                double b = 3.52624965998911e-02 * a + 0.700383064443688;
                b = b * a + 6.37396220353165;
                b = b * a + 33.912866078383;
                b = b * a + 112.079291497871;
                b = b * a + 221.213596169931;
                b = b * a + 220.206867912376;
                c = e * b;
                b = 8.83883476483184e-02 * a + 1.75566716318264;
                b = b * a + 16.064177579207;
                b = b * a + 86.7807322029461;
                b = b * a + 296.564248779674;
                b = b * a + 637.333633378831;
                b = b * a + 793.826512519948;
                b = b * a + 440.413735824752;
                c /= b;
            } else {
                // Laplace's continued fraction 1 − Φ(a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))), 60 deep:
                // relative error ~1e-15 for a ≥ 3 (Hart's rational function, and West's 5-deep fraction
                // beyond 7.07, leave relative errors of 1e-10 to 3e-9 out there).
                double b = a;
                for (int k = 60; k >= 1; k--) {
                    b = a + k / b;
                }
                c = e / b / SQRT_2PI;
            }
        }
        return z > 0 ? 1 - c : c;
    }
}
