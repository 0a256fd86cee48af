package dev.genlab.math;

import java.util.function.DoubleBinaryOperator;

/**
 * Integrals of a function of two variables over a box [x0, x1] × [y0, y1] on an n × n grid.
 *
 * <ul>
 *   <li>Midpoint rule: ∫∫ f ≈ h_x h_y Σ_{i,j} f(x0 + (i+½)h_x, y0 + (j+½)h_y), h = width / n;
 *       error O(h²) for smooth f, and exact for a piecewise-constant f whose jumps lie on grid
 *       lines.</li>
 *   <li>Simpson's rule (n even): the tensor product of 1-D weights h/3 · (1, 4, 2, 4, …, 2, 4, 1)
 *       on n + 1 points per axis; error O(h⁴).</li>
 *   <li>Entropy: H(p) = −∫∫ p log p, integrated from log p by the midpoint rule with the
 *       convention 0 · log 0 = 0 (so supports with holes, log p = −∞, are fine).</li>
 * </ul>
 * Only the mass inside the box is counted; pick a box that covers ~all of it.
 */
public final class GridIntegral {

    private GridIntegral() {
    }

    /** ∫∫ f over the box by the n × n midpoint rule. */
    public static double midpoint(DoubleBinaryOperator f, double x0, double x1, double y0, double y1, int n) {
        requireBox(x0, x1, y0, y1, n);
        double hx = (x1 - x0) / n;
        double hy = (y1 - y0) / n;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double y = y0 + (j + 0.5) * hy;
            double row = 0;
            for (int i = 0; i < n; i++) {
                row += f.applyAsDouble(x0 + (i + 0.5) * hx, y);
            }
            sum += row;
        }
        return sum * hx * hy;
    }

    /** ∫∫ f over the box by composite Simpson with n (even) intervals per axis. */
    public static double simpson(DoubleBinaryOperator f, double x0, double x1, double y0, double y1, int n) {
        requireBox(x0, x1, y0, y1, n);
        if (n % 2 != 0) {
            throw new IllegalArgumentException("Simpson's rule needs an even number of intervals, got " + n);
        }
        double hx = (x1 - x0) / n;
        double hy = (y1 - y0) / n;
        double sum = 0;
        for (int j = 0; j <= n; j++) {
            double y = y0 + j * hy;
            double row = 0;
            for (int i = 0; i <= n; i++) {
                row += simpsonWeight(i, n) * f.applyAsDouble(x0 + i * hx, y);
            }
            sum += simpsonWeight(j, n) * row;
        }
        return sum * hx * hy / 9;
    }

    /** ∫∫ exp(logP) over the box (the mass of a density inside it), midpoint rule. */
    public static double mass(DoubleBinaryOperator logP, double x0, double x1, double y0, double y1, int n) {
        return midpoint((x, y) -> Math.exp(logP.applyAsDouble(x, y)), x0, x1, y0, y1, n);
    }

    /** H = −∫∫ p log p over the box from the log-density, midpoint rule, in nats. */
    public static double entropy(DoubleBinaryOperator logP, double x0, double x1, double y0, double y1, int n) {
        return -midpoint((x, y) -> {
            double lp = logP.applyAsDouble(x, y);
            return lp == Double.NEGATIVE_INFINITY ? 0 : Math.exp(lp) * lp;
        }, x0, x1, y0, y1, n);
    }

    private static int simpsonWeight(int i, int n) {
        if (i == 0 || i == n) {
            return 1;
        }
        return i % 2 == 1 ? 4 : 2;
    }

    private static void requireBox(double x0, double x1, double y0, double y1, int n) {
        if (!(x1 > x0) || !(y1 > y0)) {
            throw new IllegalArgumentException("empty box [" + x0 + ", " + x1 + "] × [" + y0 + ", " + y1 + "]");
        }
        if (n < 1) {
            throw new IllegalArgumentException("grid size must be positive, got " + n);
        }
    }
}
