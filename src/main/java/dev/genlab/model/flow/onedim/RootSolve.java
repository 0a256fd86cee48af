package dev.genlab.model.flow.onedim;

import java.util.function.DoubleUnaryOperator;

/** Newton's method safeguarded by bisection for an increasing function on a bracket. */
public final class RootSolve {

    private RootSolve() {
    }

    /**
     * The z in [lo, hi] with f(z) = target, for f increasing with f(lo) ≤ target ≤ f(hi); to
     * rounding (at most 200 iterations; Newton converges in a handful).
     */
    public static double increasing(DoubleUnaryOperator f, DoubleUnaryOperator df, double target, double lo, double hi) {
        double z = 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++) {
            double r = f.applyAsDouble(z) - target;
            if (r == 0) {
                return z;
            }
            if (r > 0) {
                hi = z;
            } else {
                lo = z;
            }
            double step = r / df.applyAsDouble(z);
            double next = z - step;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - z) <= 1e-15 * (1 + Math.abs(z)) || hi - lo <= 1e-15 * (1 + Math.abs(z))) {
                return next;
            }
            z = next;
        }
        return z;
    }
}
