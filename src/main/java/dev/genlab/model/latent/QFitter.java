package dev.genlab.model.latent;

/**
 * "Fit q": one step of gradient ascent on ELBO(q) over q's mean μ and log standard deviation
 * ρ = log s (so s stays positive):
 * <pre>
 *   μ ← μ + η ∂ELBO/∂μ,   ρ ← ρ + η ∂ELBO/∂ρ,   s = e^ρ.
 * </pre>
 * For pPCA the gradient is analytic: with r = x − b, c_j = ‖W_{:,j}‖², and the closed-form ELBO of
 * {@link BoundParts#exact},
 * <pre>
 *   ∂ELBO/∂μ   = Wᵀ(r − Wμ)/σ² − μ
 *   ∂ELBO/∂ρ_j = 1 − s_j² (1 + c_j/σ²)
 * </pre>
 * whose zero is the posterior mean and s_j² = σ²/(σ² + c_j) = σ²/M_jj: the best diagonal q
 * (mean-field: the inverse of the posterior <em>precision</em>'s diagonal, which for a 1-D latent
 * is the exact posterior). For any other model with a 1-D or 2-D latent the gradient is the
 * central difference (step 10⁻⁵) of the Gauss–Hermite ELBO of {@link BoundParts#byQuadrature}; the
 * nodes are fixed, so that ELBO is a smooth deterministic function of (μ, ρ) and the difference is
 * accurate to ~10⁻⁹. Plain gradient ascent converges for η below 2 / (largest curvature): for pPCA the curvature
 * in μ is the largest eigenvalue of M/σ² and in ρ_j about 2 at the optimum. Stateless.
 */
public final class QFitter {

    private static final double H = 1e-5;

    private QFitter() {
    }

    /** One ascent step with the analytic pPCA gradient. */
    public static DiagGaussian step(Ppca model, double[] x, DiagGaussian q, double learningRate) {
        return apply(q, gradient(model, x, q), learningRate);
    }

    /**
     * One ascent step with the central-difference gradient of the quadrature ELBO (latentDim 1 or 2).
     * A {@link Ppca} passed as a LatentModel takes the analytic step instead (same fixed point, any M).
     */
    public static DiagGaussian step(LatentModel model, double[] x, DiagGaussian q, double learningRate) {
        if (model instanceof Ppca p) {
            return step(p, x, q, learningRate);
        }
        return apply(q, gradient(model, x, q), learningRate);
    }

    /** (∂ELBO/∂μ, ∂ELBO/∂ρ), length 2M, analytic for pPCA (class comment). */
    public static double[] gradient(Ppca model, double[] x, DiagGaussian q) {
        int m = model.latentDim();
        double[][] w = model.w();
        double s2 = model.sigma2();
        double[] mu = q.mean();
        double[] res = model.mean();
        double[] wmu = Linalg.mul(w, mu);
        for (int i = 0; i < res.length; i++) {
            res[i] = x[i] - res[i] - wmu[i];
        }
        double[] wtr = Linalg.mulTransposed(w, res);
        double[] g = new double[2 * m];
        for (int j = 0; j < m; j++) {
            g[j] = wtr[j] / s2 - mu[j];
            double c = 0;
            for (double[] row : w) {
                c += row[j] * row[j];
            }
            double sj2 = q.sd(j) * q.sd(j);
            g[m + j] = 1 - sj2 * (1 + c / s2);
        }
        return g;
    }

    /**
     * (∂ELBO/∂μ, ∂ELBO/∂ρ), length 2M, by central differences of the Gauss–Hermite ELBO
     * ({@link BoundParts#expectedLogLikelihood} with {@link BoundParts#NODES_1D} or
     * {@link BoundParts#NODES_2D} nodes, minus the closed-form KL to the prior).
     */
    public static double[] gradient(LatentModel model, double[] x, DiagGaussian q) {
        return fdGradient(model, x, q);
    }

    private static double[] fdGradient(LatentModel model, double[] x, DiagGaussian q) {
        int m = q.dim();
        int nodes = m == 1 ? BoundParts.NODES_1D : BoundParts.NODES_2D;
        double[] mu = q.mean();
        double[] rho = new double[m];
        for (int j = 0; j < m; j++) {
            rho[j] = Math.log(q.sd(j));
        }
        double[] g = new double[2 * m];
        for (int k = 0; k < 2 * m; k++) {
            g[k] = (elboAt(model, x, mu, rho, k, +H, nodes) - elboAt(model, x, mu, rho, k, -H, nodes)) / (2 * H);
        }
        return g;
    }

    private static double elboAt(LatentModel model, double[] x, double[] mu, double[] rho, int k, double dh, int nodes) {
        int m = mu.length;
        double[] mu2 = mu.clone();
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            sd[j] = Math.exp(rho[j] + (k == m + j ? dh : 0));
        }
        if (k < m) {
            mu2[k] += dh;
        }
        DiagGaussian q = new DiagGaussian(mu2, sd);
        return BoundParts.expectedLogLikelihood(model, x, q, nodes) - q.klToStandardNormal();
    }

    /**
     * One ascent step; each coordinate moves at most {@link #MAX_STEP} (μ in its units, log σ in nats). Far from
     * the data the non-linear decoder's gradient is huge: at x = (−4, −4) with q = N(−4, 3²) a raw step took σ to
     * exp(−hundreds) = 0, which no Gaussian has, and "fit q" threw on every frame (found by the UI monkey).
     */
    private static DiagGaussian apply(DiagGaussian q, double[] g, double lr) {
        int m = q.dim();
        double[] mu = q.mean();
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            mu[j] += bounded(lr * g[j]);
            sd[j] = q.sd(j) * Math.exp(bounded(lr * g[m + j]));
        }
        return new DiagGaussian(mu, sd);
    }

    /** The largest move of one coordinate in one step. */
    static final double MAX_STEP = 1;

    private static double bounded(double step) {
        return Double.isFinite(step) ? Math.max(-MAX_STEP, Math.min(MAX_STEP, step)) : 0;
    }
}
