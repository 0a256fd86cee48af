package dev.genlab.model.latent;

/**
 * The small dense linear algebra of this package, in plain doubles (row-major {@code double[][]}).
 *
 * <ul>
 *   <li>Cholesky A = L Lᵀ of a symmetric positive definite matrix, log|A| = 2 Σ log L_ii, and
 *       solves by forward and back substitution: the M × M matrices of pPCA (M ≤ a few dozen);</li>
 *   <li>the symmetric eigendecomposition A = U Λ Uᵀ by cyclic Jacobi rotations (Golub &amp; Van Loan,
 *       <i>Matrix Computations</i>, §8.5): each rotation zeroes one off-diagonal pair, the sum of the
 *       squared off-diagonal entries falls monotonically, and the result is accurate to rounding
 *       relative to ‖A‖. It costs O(D³) a sweep and ~6–10 sweeps, so it is meant for D up to ~100;
 *       {@link Ppca#fitImages} uses LAPACK for 784.</li>
 * </ul>
 * Package-private: the tests compute their truths with code of their own.
 */
final class Linalg {

    private Linalg() {
    }

    /** The lower Cholesky factor L of a symmetric positive definite A (A = L Lᵀ). */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("matrix is not positive definite (pivot " + s + ")");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** log|A| = 2 Σ log L_ii from A's Cholesky factor. */
    static double logDetFromCholesky(double[][] l) {
        double s = 0;
        for (int i = 0; i < l.length; i++) {
            s += Math.log(l[i][i]);
        }
        return 2 * s;
    }

    /** x with L Lᵀ x = b. */
    static double[] choleskySolve(double[][] l, double[] b) {
        int n = l.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** A⁻¹ from A's Cholesky factor, column by column; symmetric by construction. */
    static double[][] choleskyInverse(double[][] l) {
        int n = l.length;
        double[][] inv = new double[n][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = choleskySolve(l, e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (inv[i][j] + inv[j][i]);
                inv[i][j] = m;
                inv[j][i] = m;
            }
        }
        return inv;
    }

    /** The eigenvalues (descending) and unit eigenvectors (columns of {@code vectors}) of a symmetric matrix. */
    record Eigen(double[] values, double[][] vectors) {
    }

    /**
     * A = U Λ Uᵀ by cyclic Jacobi rotations; eigenvalues descending, each eigenvector's sign chosen so
     * that its entry of largest magnitude is positive (a canonical sign, so that two methods agree).
     */
    static Eigen symmetricEigen(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                scale += m[i][j] * m[i][j];
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    off += m[i][j] * m[i][j];
                }
            }
            if (off <= 1e-30 * scale || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = m[p][q];
                    if (apq == 0) {
                        continue;
                    }
                    // The rotation angle θ with tan 2θ = 2 a_pq / (a_qq − a_pp); t = tan θ, the smaller root.
                    double theta = (m[q][q] - m[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double mkp = m[k][p];
                        double mkq = m[k][q];
                        m[k][p] = c * mkp - s * mkq;
                        m[k][q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double mpk = m[p][k];
                        double mqk = m[q][k];
                        m[p][k] = c * mpk - s * mqk;
                        m[q][k] = s * mpk + c * mqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = m[i][i];
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(values[y], values[x]));
        double[] sorted = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            int src = order[j];
            sorted[j] = values[src];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][src];
            }
        }
        canonicalSigns(vectors);
        return new Eigen(sorted, vectors);
    }

    /** Flips each column so that its entry of largest magnitude (the first such) is positive. */
    static void canonicalSigns(double[][] vectors) {
        int n = vectors.length;
        int cols = n == 0 ? 0 : vectors[0].length;
        for (int j = 0; j < cols; j++) {
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (Math.abs(vectors[i][j]) > Math.abs(vectors[arg][j]) + 1e-12) {
                    arg = i;
                }
            }
            if (vectors[arg][j] < 0) {
                for (int i = 0; i < n; i++) {
                    vectors[i][j] = -vectors[i][j];
                }
            }
        }
    }

    /** A x for A (r × c) and x of length c. */
    static double[] mul(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            double[] row = a[i];
            for (int j = 0; j < x.length; j++) {
                s += row[j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Aᵀ x for A (r × c) and x of length r. */
    static double[] mulTransposed(double[][] a, double[] x) {
        int c = a.length == 0 ? 0 : a[0].length;
        double[] y = new double[c];
        for (int i = 0; i < a.length; i++) {
            double xi = x[i];
            double[] row = a[i];
            for (int j = 0; j < c; j++) {
                y[j] += row[j] * xi;
            }
        }
        return y;
    }

    /** A deep copy. */
    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
