package dev.genlab.plot;

import java.util.function.IntToDoubleFunction;

/** A rectangle in data coordinates, e.g. the visible part of a plot or the area a heatmap covers. */
public record Extent(double xMin, double xMax, double yMin, double yMax) {

    public Extent {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("empty extent " + xMin + ".." + xMax + " x " + yMin + ".." + yMax);
        }
    }

    /** A square extent [-r, r]^2. */
    public static Extent square(double r) {
        return new Extent(-r, r, -r, r);
    }

    public double width() {
        return xMax - xMin;
    }

    public double height() {
        return yMax - yMin;
    }

    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    /** The smallest extent holding both; either may be null. */
    public static Extent union(Extent a, Extent b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new Extent(Math.min(a.xMin, b.xMin), Math.max(a.xMax, b.xMax),
                Math.min(a.yMin, b.yMin), Math.max(a.yMax, b.yMax));
    }

    /** The bounds of the points (xs[k], ys[k]) ignoring NaN, widened if degenerate; null if there are none. */
    public static Extent of(float[] xs, float[] ys) {
        return of(xs.length, k -> xs[k], k -> ys[k]);
    }

    /** As {@link #of(float[], float[])} for double coordinates. */
    public static Extent of(double[] xs, double[] ys) {
        return of(xs.length, k -> xs[k], k -> ys[k]);
    }

    private static Extent of(int n, IntToDoubleFunction xs, IntToDoubleFunction ys) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double x = xs.applyAsDouble(k);
            double y = ys.applyAsDouble(k);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
            }
        }
        return x0 > x1 ? null : around(x0, x1, y0, y1);
    }

    /**
     * An extent from possibly degenerate bounds: an empty side is widened by one unit (or by 10 %
     * of the value) so that a single point or a constant series still gets a drawable range.
     */
    public static Extent around(double xMin, double xMax, double yMin, double yMax) {
        double[] x = widen(xMin, xMax);
        double[] y = widen(yMin, yMax);
        return new Extent(x[0], x[1], y[0], y[1]);
    }

    private static double[] widen(double lo, double hi) {
        if (hi > lo) {
            return new double[] {lo, hi};
        }
        double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        return new double[] {lo - d, hi + d};
    }
}
