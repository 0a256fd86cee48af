package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truth tests of {@link BoundParts}: the two decompositions of log p(x) on pPCA, where every term is known. */
class BoundPartsTest {

    static DiagGaussian randomQ(int m, SplittableRandom rng) {
        double[] mu = new double[m];
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            mu[j] = -4 + 8 * rng.nextDouble();
            sd[j] = 0.05 + 2.95 * rng.nextDouble();
        }
        return new DiagGaussian(mu, sd);
    }

    /**
     * For 200 random q (means in ±4, sds in [0.05, 3]) on pPCA with M = 1 and M = 2: log p(x) = ELBO + KL(q ‖ p(z|x))
     * to 1e-6 (four independently computed closed forms), KL ≥ 0, ELBO = reconstruction − klPrior.
     */
    @Test
    void evidenceIsElboPlusKl() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int m = 1; m <= 2; m++) {
            Ppca p = DenseTruth.randomPpca(5, m, 1.3, 0.3, rng);
            for (int t = 0; t < 200; t++) {
                double[] x = p.sample(rng);
                DiagGaussian q = randomQ(m, rng);
                BoundParts b = BoundParts.exact(p, x, q);
                assertEquals(b.logEvidence(), b.elbo() + b.klPosterior(), 1e-6);
                assertTrue(b.klPosterior() >= 0);
                assertEquals(b.reconstruction() - b.klPrior(), b.elbo(), 1e-12);
                assertEquals(q.klToStandardNormal(), b.klPrior(), 1e-12);
                assertEquals(p.logDensity(x), b.logEvidence(), 0);
            }
        }
    }

    /**
     * With a 1-D latent the diagonal posterior is the posterior: KL ≈ 0 there (1e-10) and the ELBO is
     * tight; any change of its mean or sd makes KL positive. With a 2-D latent the marginal sds drop
     * the correlation, so KL stays positive.
     */
    @Test
    void klVanishesExactlyAtThePosterior() {
        SplittableRandom rng = new SplittableRandom(22);
        Ppca p = DenseTruth.randomPpca(4, 1, 1, 0.5, rng);
        double[] x = p.sample(rng);
        DiagGaussian post = p.posteriorDiagonal(x);
        BoundParts b = BoundParts.exact(p, x, post);
        assertEquals(0, b.klPosterior(), 1e-10);
        assertEquals(b.logEvidence(), b.elbo(), 1e-9);
        for (double dm : new double[] {-0.01, 0.01}) {
            assertTrue(BoundParts.exact(p, x, new DiagGaussian(new double[] {post.mean(0) + dm}, post.sd())).klPosterior() > 1e-6);
            assertTrue(BoundParts.exact(p, x, new DiagGaussian(post.mean(), new double[] {post.sd(0) * (1 + dm)})).klPosterior() > 1e-6);
        }
        Ppca p2 = DenseTruth.randomPpca(4, 2, 1, 0.5, rng);
        double[] x2 = p2.sample(rng);
        double[][] c = p2.posteriorCovariance();
        double rho = c[0][1] / Math.sqrt(c[0][0] * c[1][1]);
        // KL(N(m, diag Σ) ‖ N(m, Σ)) = ½[tr(Σ⁻¹ diag Σ) − 2 + log(|Σ| / |diag Σ|)] = ρ²/(1 − ρ²) + ½ log(1 − ρ²)
        // for a 2-D Σ with correlation ρ
        assertTrue(Math.abs(rho) > 0.05, "the example needs a correlated posterior: ρ = " + rho);
        assertEquals(rho * rho / (1 - rho * rho) + 0.5 * Math.log(1 - rho * rho), BoundParts.exact(p2, x2, p2.posteriorDiagonal(x2)).klPosterior(), 1e-10);
    }

    /** The closed-form reconstruction E_q[log p(x|z)] equals a Monte Carlo mean over 100,000 draws within 4 standard errors. */
    @Test
    void reconstructionMatchesMonteCarlo() {
        SplittableRandom rng = new SplittableRandom(23);
        Ppca p = DenseTruth.randomPpca(5, 2, 1, 0.4, rng);
        for (int t = 0; t < 5; t++) {
            double[] x = p.sample(rng);
            DiagGaussian q = randomQ(2, rng);
            int n = 100_000;
            double s = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double v = p.logLikelihood(x, q.sample(rng));
                s += v;
                ss += v * v;
            }
            double mean = s / n;
            double se = Math.sqrt((ss / n - mean * mean) / n);
            double rec = BoundParts.exact(p, x, q).reconstruction();
            assertTrue(Math.abs(rec - mean) < 4 * se, rec + " vs " + mean + " ± " + se);
        }
    }

    /**
     * byQuadrature (Gauss–Hermite reconstruction, grid evidence, KL by difference) agrees with exact on
     * pPCA with M = 1 and M = 2 to 1e-6 in every part: what makes the non-linear case trustworthy.
     */
    @Test
    void quadratureAgreesWithExactOnPpca() {
        SplittableRandom rng = new SplittableRandom(24);
        for (int m = 1; m <= 2; m++) {
            Ppca p = DenseTruth.randomPpca(5, m, 1, 0.5, rng);
            for (int t = 0; t < 5; t++) {
                double[] x = p.sample(rng);
                PosteriorGrid g = PosteriorGrid.compute(p, x, -10, 10, m == 1 ? 2001 : 401);
                for (int k = 0; k < 10; k++) {
                    DiagGaussian q = randomQ(m, rng);
                    BoundParts e = BoundParts.exact(p, x, q);
                    BoundParts b = BoundParts.byQuadrature(p, x, q, g);
                    assertEquals(e.logEvidence(), b.logEvidence(), 1e-6);
                    assertEquals(e.reconstruction(), b.reconstruction(), 1e-6 * Math.max(1, Math.abs(e.reconstruction())));
                    assertEquals(e.klPrior(), b.klPrior(), 1e-12);
                    assertEquals(e.elbo(), b.elbo(), 1e-6 * Math.max(1, Math.abs(e.elbo())));
                    assertEquals(e.klPosterior(), b.klPosterior(), 1e-6 * Math.max(1, Math.abs(e.klPosterior())));
                }
            }
        }
    }

    /** On the non-linear banana decoder, the ELBO stays below the grid's log p(x) for any diagonal q, even the best one near the main mode. */
    @Test
    void bananaElboIsBelowEvidence() {
        SplittableRandom rng = new SplittableRandom(25);
        for (int m = 1; m <= 2; m++) {
            TinyDecoder dec = TinyDecoder.banana(m);
            double[] x = dec.decode(m == 1 ? new double[] {0.4} : new double[] {0.4, 0.3});
            PosteriorGrid g = PosteriorGrid.compute(dec, x, -6, 6, m == 1 ? 2001 : 301);
            for (int k = 0; k < 50; k++) {
                BoundParts b = BoundParts.byQuadrature(dec, x, randomQ(m, rng), g);
                assertTrue(b.klPosterior() > 0, "KL " + b.klPosterior());
            }
        }
    }
}
