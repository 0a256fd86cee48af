package dev.genlab.model.gan;

/**
 * A closed interval [lo, hi] of the real line, lo &lt; hi, both finite.
 *
 * @param lo left end
 * @param hi right end
 */
public record Interval(double lo, double hi) {

    /** Rejects non-finite ends and lo ≥ hi. */
    public Interval {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("an interval needs finite ends with lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** hi − lo. */
    public double width() {
        return hi - lo;
    }

    /** The smallest interval holding this one and {@code other}. */
    public Interval union(Interval other) {
        return new Interval(Math.min(lo, other.lo), Math.max(hi, other.hi));
    }

    /** lo ≤ x ≤ hi. */
    public boolean contains(double x) {
        return x >= lo && x <= hi;
    }
}
