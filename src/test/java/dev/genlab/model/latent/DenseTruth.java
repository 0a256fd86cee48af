package dev.genlab.model.latent;

import java.util.SplittableRandom;

/**
 * The tests' own dense linear algebra, written independently of the package's {@code Linalg}
 * (Gauss–Jordan elimination with partial pivoting instead of Cholesky, subspace iteration instead of
 * Jacobi), so that a truth test compares two different computations.
 */
final class DenseTruth {

    private DenseTruth() {
    }

    /** A⁻¹ and log|A| by Gauss–Jordan with partial pivoting; {0: inverse rows..., } packed as a record. */
    record Inverse(double[][] inverse, double logAbsDet) {
    }

    static Inverse invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        double logDet = 0;
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            double[] t = m[col];
            m[col] = m[piv];
            m[piv] = t;
            double p = m[col][col];
            logDet += Math.log(Math.abs(p));
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col && m[r][col] != 0) {
                    double f = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return new Inverse(inv, logDet);
    }

    /** log N(x; mu, cov) with the dense inverse and determinant. */
    static double logNormal(double[] x, double[] mu, double[][] cov) {
        Inverse inv = invert(cov);
        int n = x.length;
        double q = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                q += (x[i] - mu[i]) * inv.inverse()[i][j] * (x[j] - mu[j]);
            }
        }
        return -0.5 * (n * Math.log(2 * Math.PI) + inv.logAbsDet() + q);
    }

    /** The sample covariance (1/N) Σ (x − x̄)(x − x̄)ᵀ. */
    static double[][] sampleCovariance(double[][] data) {
        int n = data.length;
        int d = data[0].length;
        double[] mean = new double[d];
        for (double[] x : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[j] / n;
            }
        }
        double[][] s = new double[d][d];
        for (double[] x : data) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s[i][j] += (x[i] - mean[i]) * (x[j] - mean[j]) / n;
                }
            }
        }
        return s;
    }

    /** An orthonormal basis (D × M, columns) of the top-M eigenspace of symmetric S by subspace iteration. */
    static double[][] topSubspace(double[][] s, int m, int iterations) {
        int d = s.length;
        SplittableRandom rng = new SplittableRandom(7);
        double[][] q = new double[d][m];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                q[i][j] = rng.nextGaussian();
            }
        }
        orthonormalise(q);
        for (int it = 0; it < iterations; it++) {
            double[][] y = new double[d][m];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < m; j++) {
                    double v = 0;
                    for (int k = 0; k < d; k++) {
                        v += s[i][k] * q[k][j];
                    }
                    y[i][j] = v;
                }
            }
            orthonormalise(y);
            q = y;
        }
        return q;
    }

    /** Modified Gram–Schmidt on the columns, twice (for accuracy). */
    static void orthonormalise(double[][] q) {
        int d = q.length;
        int m = q[0].length;
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += q[i][j] * q[i][k];
                    }
                    for (int i = 0; i < d; i++) {
                        q[i][j] -= dot * q[i][k];
                    }
                }
                double norm = 0;
                for (int i = 0; i < d; i++) {
                    norm += q[i][j] * q[i][j];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < d; i++) {
                    q[i][j] /= norm;
                }
            }
        }
    }

    /** The orthogonal projection A (AᵀA)⁻¹ Aᵀ onto the column space of A (D × M). */
    static double[][] projection(double[][] a) {
        int d = a.length;
        int m = a[0].length;
        double[][] ata = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < d; k++) {
                    ata[i][j] += a[k][i] * a[k][j];
                }
            }
        }
        double[][] inv = invert(ata).inverse();
        double[][] p = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double v = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < m; j++) {
                        v += a[r][i] * inv[i][j] * a[c][j];
                    }
                }
                p[r][c] = v;
            }
        }
        return p;
    }

    /** A random pPCA model: b ~ N(0,1), W ~ N(0, scale²), σ² given. */
    static Ppca randomPpca(int d, int m, double scale, double sigma2, SplittableRandom rng) {
        double[] b = new double[d];
        double[][] w = new double[d][m];
        for (int i = 0; i < d; i++) {
            b[i] = rng.nextGaussian();
            for (int j = 0; j < m; j++) {
                w[i][j] = scale * rng.nextGaussian();
            }
        }
        return Ppca.of(b, w, sigma2);
    }

    static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }
}
