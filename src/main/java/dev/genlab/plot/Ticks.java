package dev.genlab.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick positions at "nice" 1-2-5 steps and their labels. */
public final class Ticks {

    private Ticks() {
    }

    /** The 1, 2 or 5 times a power of ten nearest to range / target. */
    public static double niceStep(double range, int target) {
        double raw = range / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * mag;
    }

    /** Multiples of a nice step inside [min, max], about target of them. */
    public static double[] linear(double min, double max, int target) {
        if (!(max > min)) {
            return new double[0];
        }
        double step = niceStep(max - min, target);
        double first = Math.ceil(min / step - 1e-9) * step;
        List<Double> out = new ArrayList<>();
        for (double v = first; v <= max + step * 1e-9; v = first + out.size() * step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** As {@link #linear}, for an axis of whole numbers: the step is never below 1 (a range of one step 5000 is
     *  5000 and 5001, not 5000.0, 5000.5, 5001.0). */
    public static double[] whole(double min, double max, int target) {
        if (!(max > min) || niceStep(max - min, target) >= 1) {
            return linear(min, max, target);
        }
        List<Double> out = new ArrayList<>();
        for (double v = Math.ceil(min); v <= max; v++) {
            out.add(v);
        }
        // zoomed in between two whole numbers: fractions rather than an axis without labels
        return out.isEmpty() ? linear(min, max, target) : out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Powers of ten inside [min, max] (min &gt; 0); every k-th decade when there are many. */
    public static double[] log(double min, double max, int target) {
        if (!(max > 0) || !Double.isFinite(max)) {
            return new double[0];
        }
        if (!(min > 0) || !Double.isFinite(min)) {
            // a range reaching 0 (a margin padded below a tiny value): ticks over the top twelve
            // decades; log10(0) cast to int would have counted decades from Integer.MIN_VALUE
            min = max * 1e-12;
        }
        int lo = (int) Math.ceil(Math.log10(min) - 1e-9);
        int hi = (int) Math.floor(Math.log10(max) + 1e-9);
        int every = Math.max(1, (int) Math.ceil((hi - lo + 1) / (double) Math.max(1, target)));
        List<Double> out = new ArrayList<>();
        for (int e = lo; e <= hi; e++) {
            if (Math.floorMod(e, every) == 0) {
                out.add(Math.pow(10, e));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A label for tick value v on an axis with the given step: just enough decimals; "0" for a
     *  value negligible next to the step. */
    public static String format(double v, double step) {
        if (Math.abs(v) < Math.abs(step) * 1e-6) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.1e", v);
            return s.replace(".0e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A compact label for a value with no step to go by (colour bar ends, read-outs). */
    public static String format(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 1e4 || a < 1e-2) {
            return format(v, a);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
