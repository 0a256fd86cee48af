package dev.genlab.math;

import java.util.function.DoubleUnaryOperator;

/**
 * One-dimensional Gauss–Legendre quadrature.
 *
 * <p>An n-point rule on [−1, 1] uses the roots t_i of the Legendre polynomial P_n and weights
 * w_i = 2 / ((1 − t_i²) P_n'(t_i)²); it is exact for polynomials of degree ≤ 2n − 1. On [a, b]:
 * <pre>
 *   ∫_a^b f(s) ds ≈ (b − a)/2 · Σ_i w_i f((a + b)/2 + (b − a)/2 · t_i).
 * </pre>
 * The composite rule splits [a, b] into equal panels and applies the n-point rule to each; for
 * an analytic integrand its error falls geometrically with n and as h^{2n} with the panel width h.
 * Roots are found by Newton's method from the Chebyshev-like guess cos(π(i − ¼)/(n + ½)) and
 * the three-term recurrence (Golub &amp; Welsch give the alternative eigenvalue method).
 */
public final class Quadrature {

    /** Nodes in [−1, 1] and their weights, ascending. */
    public record Rule(double[] nodes, double[] weights) {
        public int size() {
            return nodes.length;
        }
    }

    private Quadrature() {
    }

    /** The n-point Gauss–Legendre rule on [−1, 1], n ≥ 1. */
    public static Rule gaussLegendre(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one node, got " + n);
        }
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = t;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (t * p1 - p0) / (t * t - 1);
                double dt = p1 / dp;
                t -= dt;
                if (Math.abs(dt) < 1e-16) {
                    break;
                }
            }
            x[i] = -t;
            x[n - 1 - i] = t;
            w[i] = 2 / ((1 - t * t) * dp * dp);
            w[n - 1 - i] = w[i];
        }
        return new Rule(x, w);
    }

    /** ∫_a^b f by the composite rule: {@code panels} equal panels of {@code nodesPerPanel} points. */
    public static double integrate(DoubleUnaryOperator f, double a, double b, int panels, int nodesPerPanel) {
        Rule rule = gaussLegendre(nodesPerPanel);
        double h = (b - a) / panels;
        double sum = 0;
        for (int p = 0; p < panels; p++) {
            double mid = a + (p + 0.5) * h;
            double panel = 0;
            for (int i = 0; i < rule.size(); i++) {
                panel += rule.weights()[i] * f.applyAsDouble(mid + 0.5 * h * rule.nodes()[i]);
            }
            sum += 0.5 * h * panel;
        }
        return sum;
    }
}
