package dev.genlab.model.latent;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Probabilistic PCA with fewer latents, read off one fit, and the naive Monte Carlo estimate of its
 * log p(x) at the cost of the latent dimension, not the data's.
 *
 * <p>The maximum-likelihood pPCA with M latents (Tipping &amp; Bishop 1999) is W_M = U_M (Λ_M − σ²_M I)^{1/2},
 * σ²_M = the mean of the D − M smallest eigenvalues of the sample covariance, b = the sample mean. One
 * eigendecomposition serves every M: a fit with M₀ latents holds U_{M₀} in its columns,
 * u_j = w_j / (λ_j − σ²_{M₀})^{1/2}, and all D eigenvalues. Lesson 7 fits once with 16 latents on the
 * images and shows M = 1 … 16 from it.
 *
 * <p>The naive estimator log (1/K) Σ_k p(x | z_k), z_k ~ N(0, I), needs log N(x; W z + b, σ² I) for each
 * sample: with r = x − b, a = Wᵀ r and G = Wᵀ W computed once,
 * ‖r − W z‖² = ‖r‖² − 2 zᵀ a + zᵀ G z, so each sample costs O(M²) instead of O(D M). On 784-pixel images
 * that is what makes K = 10⁵ samples, repeated, take milliseconds.
 */
public final class PpcaSubspace {

    private PpcaSubspace() {
    }

    /**
     * The maximum-likelihood pPCA with m latents (1 ≤ m ≤ the fit's latents), from a fit by
     * {@link Ppca#fit} or {@link Ppca#fitImages} (which keeps all eigenvalues).
     */
    public static Ppca withLatents(Ppca fit, int m) {
        double[] lambda = fit.eigenvalues();
        double[][] w = fit.w();
        int d = w.length;
        int m0 = w[0].length;
        if (m < 1 || m > m0 || lambda.length != d) {
            throw new IllegalArgumentException("m = " + m + " needs 1 ≤ m ≤ " + m0 + " and all " + d + " eigenvalues");
        }
        double sigma2 = 0;
        for (int i = m; i < d; i++) {
            sigma2 += lambda[i];
        }
        sigma2 = Math.max(sigma2 / (d - m), 1e-12);
        double s0 = fit.sigma2();
        double[][] wm = new double[d][m];
        for (int j = 0; j < m; j++) {
            double from = Math.sqrt(Math.max(lambda[j] - s0, 0));
            double to = Math.sqrt(Math.max(lambda[j] - sigma2, 0));
            double scale = from == 0 ? 0 : to / from;
            for (int i = 0; i < d; i++) {
                wm[i][j] = w[i][j] * scale;
            }
        }
        return Ppca.of(fit.mean(), wm, sigma2);
    }

    /** log N(x; W z + b, σ² I) for every z, by the O(M²) expansion; row-major K × M latents. */
    public static double[] logLikelihoods(Ppca model, double[] x, double[] zs, int k) {
        double[][] w = model.w();
        double[] b = model.mean();
        int d = w.length;
        int m = w[0].length;
        double s2 = model.sigma2();
        double rr = 0;
        double[] a = new double[m];
        for (int i = 0; i < d; i++) {
            double r = x[i] - b[i];
            rr += r * r;
            for (int j = 0; j < m; j++) {
                a[j] += w[i][j] * r;
            }
        }
        double[] g = new double[m * m];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                double wij = w[i][j];
                for (int l = 0; l < m; l++) {
                    g[j * m + l] += wij * w[i][l];
                }
            }
        }
        double c = -0.5 * d * Math.log(2 * Math.PI * s2);
        double[] out = new double[k];
        for (int s = 0; s < k; s++) {
            int o = s * m;
            double za = 0;
            double zgz = 0;
            for (int j = 0; j < m; j++) {
                za += zs[o + j] * a[j];
                double gz = 0;
                for (int l = 0; l < m; l++) {
                    gz += g[j * m + l] * zs[o + l];
                }
                zgz += zs[o + j] * gz;
            }
            out[s] = c - Math.max(rr - 2 * za + zgz, 0) / (2 * s2);
        }
        return out;
    }

    /** The naive estimate log (1/K) Σ p(x | z_k), z_k ~ N(0, I) drawn from rng. */
    public static double naive(Ppca model, double[] x, int k, SplittableRandom rng) {
        int m = model.w()[0].length;
        double[] zs = new double[k * m];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = gaussian(rng);
        }
        double[] l = logLikelihoods(model, x, zs, k);
        double max = Arrays.stream(l).max().orElse(Double.NEGATIVE_INFINITY);
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / k);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
