package dev.genlab.plot;

/**
 * One axis' map between data values and pixels, linear or base-10 logarithmic. Pixel p0 is where
 * the value min lands (left or bottom), p1 where max lands; p1 &lt; p0 for a y axis.
 */
public record Scale(double min, double max, double p0, double p1, boolean log) {

    public double toPixel(double v) {
        return p0 + (p1 - p0) * fraction(v);
    }

    public double toData(double p) {
        double f = (p - p0) / (p1 - p0);
        if (log) {
            double lo = Math.log10(min);
            return Math.pow(10, lo + f * (Math.log10(max) - lo));
        }
        return min + f * (max - min);
    }

    /** Where v sits between min (0) and max (1); NaN for a non-positive value on a log scale. */
    public double fraction(double v) {
        if (log) {
            if (!(v > 0)) {
                return Double.NaN;
            }
            double lo = Math.log10(min);
            return (Math.log10(v) - lo) / (Math.log10(max) - lo);
        }
        return (v - min) / (max - min);
    }
}
