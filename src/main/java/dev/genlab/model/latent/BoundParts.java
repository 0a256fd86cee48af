package dev.genlab.model.latent;

/**
 * The evidence lower bound for one data point x and one q(z), and its two decompositions
 * (Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes", eqs. 1–3; Jordan et al. 1999):
 * <pre>
 *   log p(x) = ELBO(q) + KL(q(z) ‖ p(z | x))
 *   ELBO(q)  = E_q[log p(x, z) − log q(z)] = E_q[log p(x | z)] − KL(q(z) ‖ p(z))
 *            = reconstruction − klPrior
 * </pre>
 * Since KL ≥ 0, ELBO ≤ log p(x), with equality exactly when q is the posterior.
 *
 * @param logEvidence    log p(x)
 * @param elbo           ELBO(q) = reconstruction − klPrior
 * @param reconstruction E_q[log p(x | z)]
 * @param klPrior        KL(q ‖ p(z)), p(z) = N(0, I)
 * @param klPosterior    KL(q ‖ p(z | x))
 */
public record BoundParts(double logEvidence, double elbo, double reconstruction, double klPrior, double klPosterior) {

    /** Gauss–Hermite nodes per latent dimension in {@link #byQuadrature(LatentModel, double[], DiagGaussian, PosteriorGrid)} for a 1-D latent. */
    public static final int NODES_1D = 64;
    /** The same for a 2-D latent (a tensor rule of 40 × 40 = 1,600 evaluations). */
    public static final int NODES_2D = 40;

    /**
     * Every term in closed form for pPCA: reconstruction by {@link Ppca#expectedLogLikelihood},
     * klPrior by {@link DiagGaussian#klToStandardNormal}, klPosterior between Gaussians by
     * {@link Ppca#klToPosterior}, logEvidence by {@link Ppca#logDensity}. The four are computed
     * independently, so log p(x) = ELBO + KL(q ‖ p(z|x)) holds here as a fact, not by definition.
     */
    public static BoundParts exact(Ppca model, double[] x, DiagGaussian q) {
        requireDim(model, q);
        double rec = model.expectedLogLikelihood(x, q);
        double klp = q.klToStandardNormal();
        return new BoundParts(model.logDensity(x), rec - klp, rec, klp, model.klToPosterior(x, q));
    }

    /**
     * For any model with latentDim 1 or 2: reconstruction E_q[log p(x|z)] by Gauss–Hermite
     * quadrature in q's own coordinates, z = μ + s ⊙ t (t the nodes of N(0,1); {@link #NODES_1D}
     * nodes, or {@link #NODES_2D}² in 2-D, exact for polynomials of degree up to 127 resp. 79 in
     * t and accurate to ~1e-10 for a smooth g), klPrior in closed form, logEvidence from
     * {@code grid} (which must be the grid of this model and x), and
     * <pre>
     *   klPosterior = logEvidence − elbo.
     * </pre>
     * Here that identity is the <em>definition</em> of klPosterior: there is no closed form for a
     * non-linear decoder. It is tested independently on pPCA, where {@link #exact} computes the
     * KL by itself and the two agree to 1e-6.
     */
    public static BoundParts byQuadrature(LatentModel model, double[] x, DiagGaussian q, PosteriorGrid grid) {
        int n = model.latentDim() == 1 ? NODES_1D : NODES_2D;
        return byQuadrature(model, x, q, grid, n);
    }

    /** {@link #byQuadrature(LatentModel, double[], DiagGaussian, PosteriorGrid)} with {@code nodes} Gauss–Hermite nodes per latent dimension. */
    public static BoundParts byQuadrature(LatentModel model, double[] x, DiagGaussian q, PosteriorGrid grid, int nodes) {
        requireDim(model, q);
        if (grid.model().latentDim() != model.latentDim()) {
            throw new IllegalArgumentException("the grid belongs to a model with another latent dimension");
        }
        double rec = expectedLogLikelihood(model, x, q, nodes);
        double klp = q.klToStandardNormal();
        double elbo = rec - klp;
        return new BoundParts(grid.logEvidence(), elbo, rec, klp, grid.logEvidence() - elbo);
    }

    /**
     * E_q[log p(x | z)] = E_{t~N(0,I)}[log p(x | μ + s ⊙ t)] ≈ Σ_i w_i log p(x | μ + s ⊙ t_i) by a
     * Gauss–Hermite rule of {@code nodes} points per dimension (a tensor product in 2-D), for a
     * latent of dimension 1 or 2.
     */
    public static double expectedLogLikelihood(LatentModel model, double[] x, DiagGaussian q, int nodes) {
        GaussHermite.Rule r = GaussHermite.rule(nodes);
        double[] t = r.nodes();
        double[] w = r.weights();
        double s = 0;
        if (q.dim() == 1) {
            double[] z = new double[1];
            for (int i = 0; i < t.length; i++) {
                z[0] = q.mean(0) + q.sd(0) * t[i];
                s += w[i] * model.logLikelihood(x, z);
            }
        } else if (q.dim() == 2) {
            double[] z = new double[2];
            for (int j = 0; j < t.length; j++) {
                z[1] = q.mean(1) + q.sd(1) * t[j];
                double inner = 0;
                for (int i = 0; i < t.length; i++) {
                    z[0] = q.mean(0) + q.sd(0) * t[i];
                    inner += w[i] * model.logLikelihood(x, z);
                }
                s += w[j] * inner;
            }
        } else {
            throw new IllegalArgumentException("quadrature needs a 1-D or 2-D latent, not " + q.dim());
        }
        return s;
    }

    private static void requireDim(LatentModel model, DiagGaussian q) {
        if (model.latentDim() != q.dim()) {
            throw new IllegalArgumentException("q has dimension " + q.dim() + ", the model's latent " + model.latentDim());
        }
    }
}
