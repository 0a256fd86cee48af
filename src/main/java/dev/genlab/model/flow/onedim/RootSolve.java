package dev.genlab.model.flow.onedim;

import java.util.function.DoubleUnaryOperator;

/**
 * Newton's method safeguarded by bisection for an increasing function on a bracket (the scheme of
 * Press et al., Numerical Recipes, 3rd ed., §9.4, "rtsafe"): a Newton step is taken only when it
 * lands inside the current bracket <em>and</em> halves the step before last; otherwise the bracket is
 * bisected. The bracket therefore shrinks at least geometrically whatever Newton does (an earlier
 * version let Newton steps cycle inside the bracket and returned an unconverged point), and near the
 * root Newton converges quadratically.
 */
public final class RootSolve {

    /** Enough for bisection alone to cross 2^200 of bracket width; Newton needs a handful. */
    static final int MAX_ITERATIONS = 400;

    private RootSolve() {
    }

    /**
     * The z in [lo, hi] with f(z) = target, for f increasing with f(lo) ≤ target ≤ f(hi); to
     * rounding (a relative 1e-15 of z's size).
     *
     * @throws ArithmeticException when the bracket holds no root, f is not finite there, or the
     *                             iteration did not converge: never an unconverged value
     */
    public static double increasing(DoubleUnaryOperator f, DoubleUnaryOperator df, double target, double lo, double hi) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi) || !Double.isFinite(target)) {
            throw new ArithmeticException("root solve: bad bracket [" + lo + ", " + hi + "] or target " + target);
        }
        double rLo = f.applyAsDouble(lo) - target;
        double rHi = f.applyAsDouble(hi) - target;
        if (!Double.isFinite(rLo) || !Double.isFinite(rHi)) {
            throw new ArithmeticException("root solve: the function is not finite on the bracket");
        }
        // a root at an end of the bracket (tanh saturated) may miss it by rounding
        double slack = 1e-12 * (1 + Math.abs(target));
        if (rLo >= 0 && rLo <= slack) {
            return lo;
        }
        if (rHi <= 0 && rHi >= -slack) {
            return hi;
        }
        if (rLo > 0 || rHi < 0) {
            throw new ArithmeticException("root solve: no root in [" + lo + ", " + hi + "]: f − target is " + rLo
                    + " and " + rHi + " at its ends");
        }
        double z = 0.5 * (lo + hi);
        double step = hi - lo;
        double stepBefore = step;
        double r = f.applyAsDouble(z) - target;
        double d = df.applyAsDouble(z);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            if (!Double.isFinite(r)) {
                throw new ArithmeticException("root solve: the function is not finite at " + z);
            }
            if (r == 0) {
                return z;
            }
            // Newton would leave [lo, hi], or is not at least halving the step before last: bisect
            boolean outside = ((z - hi) * d - r) * ((z - lo) * d - r) > 0;
            if (outside || !(Math.abs(2 * r) <= Math.abs(stepBefore * d))) {
                stepBefore = step;
                step = 0.5 * (hi - lo);
                z = lo + step;
            } else {
                stepBefore = step;
                step = r / d;
                z -= step;
            }
            if (Math.abs(step) <= 1e-15 * (1 + Math.abs(z))) {
                return z;
            }
            r = f.applyAsDouble(z) - target;
            d = df.applyAsDouble(z);
            if (r < 0) {
                lo = z;
            } else {
                hi = z;
            }
        }
        throw new ArithmeticException("root solve: no convergence in " + MAX_ITERATIONS + " iterations on ["
                + lo + ", " + hi + "]");
    }
}
