package dev.genlab.math;

/**
 * Numerically stable log-domain arithmetic.
 *
 * <ul>
 *   <li>{@code logSumExp(a) = m + log Σ_i exp(a_i − m)} with {@code m = max_i a_i}, so no term
 *       overflows and at least one term equals 1;</li>
 *   <li>{@code log1pExp(x) = log(1 + e^x)} (softplus) = {@code max(x,0) + log1p(e^{−|x|})};</li>
 *   <li>{@code log1mExp(x) = log(1 − e^x)} for {@code x ≤ 0}, using {@code log(−expm1(x))} for
 *       {@code x > −ln 2} and {@code log1p(−e^x)} otherwise (Mächler 2012, "Accurately computing
 *       log(1 − exp(−|a|))").</li>
 * </ul>
 * An empty sum, or one whose terms are all {@code −∞}, is {@code −∞} (log 0).
 */
public final class LogMath {

    /** log(2π). */
    public static final double LOG_2PI = Math.log(2 * Math.PI);

    private LogMath() {
    }

    /** {@code log(e^a + e^b)}. */
    public static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double m = Math.max(a, b);
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** {@code log Σ_i e^{a_i}} over the whole array. */
    public static double logSumExp(double[] a) {
        return logSumExp(a, 0, a.length);
    }

    /** {@code log Σ_{from ≤ i < to} e^{a_i}}. */
    public static double logSumExp(double[] a, int from, int to) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (a[i] > m) {
                m = a[i];
            }
        }
        if (m == Double.NEGATIVE_INFINITY || m == Double.POSITIVE_INFINITY || Double.isNaN(m)) {
            return m;
        }
        double s = 0;
        for (int i = from; i < to; i++) {
            s += Math.exp(a[i] - m);
        }
        return m + Math.log(s);
    }

    /** {@code log(1 + e^x)}, the softplus, without overflow for large x. */
    public static double log1pExp(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** {@code log(1 − e^x)} for {@code x ≤ 0}; {@code −∞} at 0, NaN for positive x. */
    public static double log1mExp(double x) {
        if (x > 0) {
            return Double.NaN;
        }
        return x > -Math.log(2) ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /** The logistic sigmoid {@code 1 / (1 + e^{−x})}, evaluated without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** {@code x log x} with the limit value 0 at x = 0 (the convention of entropy sums). */
    public static double xLogX(double x) {
        return x == 0 ? 0 : x * Math.log(x);
    }
}
