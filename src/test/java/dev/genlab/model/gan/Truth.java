package dev.genlab.model.gan;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Independent reference rules for the gan tests: composite trapezoid and Simpson on even grids, no Gauss–Legendre. */
final class Truth {

    private Truth() {
    }

    /** Composite trapezoid rule on [a, b] with n steps. */
    static double trapezoid(DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double s = 0.5 * (f.applyAsDouble(a) + f.applyAsDouble(b));
        for (int i = 1; i < n; i++) {
            s += f.applyAsDouble(a + i * h);
        }
        return s * h;
    }

    /** Composite Simpson rule on [a, b] with n (even) steps. */
    static double simpson(DoubleUnaryOperator f, double a, double b, int n) {
        if (n % 2 != 0) {
            n++;
        }
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(a + i * h);
        }
        return s * h / 3;
    }

    /**
     * Simpson on [a, b] split at the given breakpoints (those inside (a, b)), n steps per piece, each
     * piece evaluated just inside its ends so a jump at a breakpoint is never sampled on the wrong side.
     */
    static double simpsonPieces(DoubleUnaryOperator f, double a, double b, double[] breaks, int n) {
        double[] c = Arrays.stream(breaks).filter(v -> v > a && v < b).sorted().toArray();
        double[] cuts = new double[c.length + 2];
        cuts[0] = a;
        System.arraycopy(c, 0, cuts, 1, c.length);
        cuts[cuts.length - 1] = b;
        double s = 0;
        for (int p = 0; p + 1 < cuts.length; p++) {
            double lo = cuts[p];
            double hi = cuts[p + 1];
            double eps = 1e-13 * Math.max(1, Math.abs(hi - lo));
            double left = lo;
            double right = hi;
            s += simpson(x -> f.applyAsDouble(Math.min(right - eps, Math.max(left + eps, x))), lo, hi, n);
        }
        return s;
    }

    /** The images g(z_k) of a generator's knots. */
    static double[] knotImages(Generator1D g) {
        return Arrays.stream(g.knots()).map(g::apply).toArray();
    }

    /** The Euclidean norm. */
    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Kolmogorov–Smirnov statistic sup_x |F_n(x) − F(x)| of the sample against F. */
    static double ks(double[] sample, DoubleUnaryOperator cdf) {
        double[] s = sample.clone();
        Arrays.sort(s);
        int n = s.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }
}
