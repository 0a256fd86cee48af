package dev.genlab.plot;

/** The value interval a colour map spans; log when colours follow log10 of the value. */
public record ValueRange(double min, double max, boolean log) {

    /** Where v sits on the colour scale, 0 at min and 1 at max; NaN if v is NaN (or not positive on a log scale). */
    public double fraction(double v) {
        if (log) {
            return v > 0 ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : Double.NaN;
        }
        return max > min ? (v - min) / (max - min) : 0.5;
    }

    /** The value at fraction f of the scale (inverse of {@link #fraction}). */
    public double valueAt(double f) {
        if (log) {
            return Math.pow(10, Math.log10(min) + f * (Math.log10(max) - Math.log10(min)));
        }
        return min + f * (max - min);
    }
}
