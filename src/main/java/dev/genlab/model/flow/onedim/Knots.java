package dev.genlab.model.flow.onedim;

import java.util.Arrays;

/**
 * The knots (z_k, x_k), k = 0..K, of a monotone spline: both coordinates strictly increasing,
 * neighbours at least {@link #MIN_GAP} apart. That is what makes a piecewise-linear or
 * rational-quadratic spline through them strictly increasing, hence invertible. Immutable.
 */
public final class Knots {

    /** The smallest distance between neighbouring knots along either axis. */
    public static final double MIN_GAP = 1e-3;

    private final double[] zs;
    private final double[] xs;

    /** @throws IllegalArgumentException naming the first pair of knots that breaks monotonicity */
    public Knots(double[] zs, double[] xs) {
        if (zs.length != xs.length || zs.length < 2) {
            throw new IllegalArgumentException("need at least two knots with one z and one x each, got "
                    + zs.length + " and " + xs.length);
        }
        for (int k = 0; k < zs.length; k++) {
            if (!Double.isFinite(zs[k]) || !Double.isFinite(xs[k])) {
                throw new IllegalArgumentException("knot " + k + " is not finite");
            }
            if (k > 0) {
                String why = gapProblem(k, zs[k - 1], xs[k - 1], zs[k], xs[k]);
                if (!why.isEmpty()) {
                    throw new IllegalArgumentException(why);
                }
            }
        }
        this.zs = zs.clone();
        this.xs = xs.clone();
    }

    /** K + 1 knots evenly spaced on [lo, hi] on the identity line x = z. */
    public static Knots identity(double lo, double hi, int bins) {
        double[] z = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            z[k] = lo + (hi - lo) * k / bins;
        }
        return new Knots(z, z);
    }

    private static String gapProblem(int k, double z0, double x0, double z1, double x1) {
        if (!(z1 - z0 >= MIN_GAP)) {
            return "knot " + k + " must lie right of knot " + (k - 1) + " (z " + z1 + " ≤ " + z0 + " + " + MIN_GAP
                    + "): the spline would not be a function";
        }
        if (!(x1 - x0 >= MIN_GAP)) {
            return "knot " + k + " must lie above knot " + (k - 1) + " (x " + x1 + " ≤ " + x0 + " + " + MIN_GAP
                    + "): the spline would stop increasing and not be invertible";
        }
        return "";
    }

    /** The result of a drag: the knots actually used and, if the request was clamped, why. */
    public record Edit(Knots knots, boolean clamped, String reason) {
    }

    /**
     * Moves knot i towards (z, x), clamped to the open box between its neighbours (less
     * {@link #MIN_GAP}) so the spline stays monotone.
     */
    public Edit move(int i, double z, double x) {
        double zLo = i > 0 ? zs[i - 1] + MIN_GAP : Double.NEGATIVE_INFINITY;
        double zHi = i < zs.length - 1 ? zs[i + 1] - MIN_GAP : Double.POSITIVE_INFINITY;
        double xLo = i > 0 ? xs[i - 1] + MIN_GAP : Double.NEGATIVE_INFINITY;
        double xHi = i < xs.length - 1 ? xs[i + 1] - MIN_GAP : Double.POSITIVE_INFINITY;
        if (!Double.isFinite(z) || !Double.isFinite(x)) {
            return new Edit(this, true, "knot position must be finite");
        }
        double cz = Math.max(zLo, Math.min(zHi, z));
        double cx = Math.max(xLo, Math.min(xHi, x));
        double[] nz = zs.clone();
        double[] nx = xs.clone();
        nz[i] = cz;
        nx[i] = cx;
        StringBuilder why = new StringBuilder();
        if (cz != z) {
            why.append("z kept between the neighbouring knots (a spline must be a function of z)");
        }
        if (cx != x) {
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append("x kept between the neighbouring knots (f must increase to stay invertible)");
        }
        return new Edit(new Knots(nz, nx), why.length() > 0, why.toString());
    }

    public int size() {
        return zs.length;
    }

    public double z(int k) {
        return zs[k];
    }

    public double x(int k) {
        return xs[k];
    }

    public double[] zs() {
        return zs.clone();
    }

    public double[] xs() {
        return xs.clone();
    }

    /** The bin k with z_k ≤ z &lt; z_{k+1}, or −1 left of z_0, K right of z_K. */
    int binOfZ(double z) {
        return bin(zs, z);
    }

    int binOfX(double x) {
        return bin(xs, x);
    }

    private static int bin(double[] a, double v) {
        if (v < a[0]) {
            return -1;
        }
        if (v >= a[a.length - 1]) {
            return a.length - 1;
        }
        int k = Arrays.binarySearch(a, v);
        return k >= 0 ? k : -k - 2;
    }
}
