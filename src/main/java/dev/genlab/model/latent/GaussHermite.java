package dev.genlab.model.latent;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Gauss–Hermite quadrature for expectations under the standard normal:
 * <pre>
 *   E_{ε~N(0,1)}[f(ε)] ≈ Σ_i w_i f(t_i),   exact when f is a polynomial of degree ≤ 2n − 1.
 * </pre>
 * Nodes and weights by Golub &amp; Welsch (1969, "Calculation of Gauss quadrature rules"): the
 * probabilists' Hermite polynomials satisfy He_{k+1}(t) = t He_k(t) − k He_{k−1}(t), so the nodes
 * are the eigenvalues of the symmetric tridiagonal Jacobi matrix with zero diagonal and
 * off-diagonal √k (k = 1 … n−1), and each weight is the squared first entry of the unit
 * eigenvector (the weights of N(0,1) sum to 1); nodes and weights are then symmetrised about 0. Rules are computed once per n and cached;
 * the arrays are never handed out.
 */
final class GaussHermite {

    /** Nodes t_i (descending) and weights w_i of the n-point rule. */
    record Rule(double[] nodes, double[] weights) {
    }

    private static final ConcurrentHashMap<Integer, Rule> RULES = new ConcurrentHashMap<>();

    private GaussHermite() {
    }

    /** The n-point rule for N(0, 1), n ≥ 1. */
    static Rule rule(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        return RULES.computeIfAbsent(n, GaussHermite::compute);
    }

    private static Rule compute(int n) {
        double[][] j = new double[n][n];
        for (int k = 1; k < n; k++) {
            j[k - 1][k] = Math.sqrt(k);
            j[k][k - 1] = Math.sqrt(k);
        }
        Linalg.Eigen e = Linalg.symmetricEigen(j);
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = e.vectors()[0][i] * e.vectors()[0][i];
            sum += w[i];
        }
        // The eigenvectors are unit to rounding; renormalising makes Σ w_i = 1 exactly.
        for (int i = 0; i < n; i++) {
            w[i] /= sum;
        }
        // The rule is symmetric about 0 (nodes descending, so node i pairs with node n − 1 − i);
        // symmetrising the rounding makes every odd moment exactly 0.
        double[] t = e.values();
        for (int i = 0; i < n / 2; i++) {
            int k = n - 1 - i;
            double node = 0.5 * (t[i] - t[k]);
            double weight = 0.5 * (w[i] + w[k]);
            t[i] = node;
            t[k] = -node;
            w[i] = weight;
            w[k] = weight;
        }
        if (n % 2 == 1) {
            t[n / 2] = 0;
        }
        return new Rule(t, w);
    }
}
