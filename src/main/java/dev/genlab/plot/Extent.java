package dev.genlab.plot;

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
