package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truth tests of {@link QFitter}: gradient ascent on the ELBO. */
class QFitterTest {

    /**
     * On pPCA with a 1-D latent, 400 steps (lr 0.05) from a poor q (mean 3 away, sd 0.1) raise the
     * exact ELBO at every step and bring KL(q ‖ p(z|x)) below 1e-4; q ends at the exact posterior.
     */
    @Test
    void fitsThePosteriorOfOneDimensionalPpca() {
        Ppca p = EstimatorsTest.ONE_D;
        double[] x = EstimatorsTest.X;
        DiagGaussian post = p.posteriorDiagonal(x);
        DiagGaussian q = new DiagGaussian(new double[] {post.mean(0) + 3}, new double[] {0.1});
        double elbo = BoundParts.exact(p, x, q).elbo();
        for (int i = 0; i < 400; i++) {
            q = QFitter.step(p, x, q, 0.05);
            double next = BoundParts.exact(p, x, q).elbo();
            assertTrue(next >= elbo - 1e-12, "step " + i + ": " + next + " < " + elbo);
            elbo = next;
        }
        assertTrue(BoundParts.exact(p, x, q).klPosterior() < 1e-4);
        assertEquals(post.mean(0), q.mean(0), 1e-3);
        assertEquals(post.sd(0), q.sd(0), 1e-3);
    }

    /**
     * The same with the quadrature gradient of step(LatentModel, ...), on pPCA hidden behind a plain
     * LatentModel (so that step cannot take the analytic path).
     */
    @Test
    void quadratureGradientFitsToo() {
        Ppca ppca = EstimatorsTest.ONE_D;
        LatentModel p = new LatentModel() {
            @Override
            public int dataDim() {
                return ppca.dataDim();
            }

            @Override
            public int latentDim() {
                return ppca.latentDim();
            }

            @Override
            public double logLikelihood(double[] x, double[] z) {
                return ppca.logLikelihood(x, z);
            }
        };
        double[] x = EstimatorsTest.X;
        DiagGaussian q = new DiagGaussian(new double[] {-2}, new double[] {2});
        for (int i = 0; i < 400; i++) {
            q = QFitter.step(p, x, q, 0.05);
        }
        assertTrue(BoundParts.exact(EstimatorsTest.ONE_D, x, q).klPosterior() < 1e-4);
    }

    /** The analytic pPCA gradient equals the central difference of the quadrature ELBO (M = 1 and 2), to 1e-6. */
    @Test
    void analyticGradientMatchesDifferences() {
        SplittableRandom rng = new SplittableRandom(51);
        for (int m = 1; m <= 2; m++) {
            Ppca p = DenseTruth.randomPpca(4, m, 1, 0.4, rng);
            for (int t = 0; t < 10; t++) {
                double[] x = p.sample(rng);
                DiagGaussian q = BoundPartsTest.randomQ(m, rng);
                double[] a = QFitter.gradient(p, x, q);
                double[] f = QFitter.gradient((LatentModel) p, x, q);
                for (int k = 0; k < a.length; k++) {
                    assertEquals(a[k], f[k], 1e-6 * Math.max(1, Math.abs(a[k])), "component " + k);
                }
            }
        }
    }

    /**
     * With a 2-D latent the fixed point is the mean-field q: the posterior mean and variances σ²/M_jj
     * (the inverse of the precision's diagonal), narrower than the marginal sds of posteriorDiagonal.
     */
    @Test
    void twoDimensionalLatentReachesMeanField() {
        SplittableRandom rng = new SplittableRandom(52);
        Ppca p = DenseTruth.randomPpca(5, 2, 1, 0.5, rng);
        double[] x = p.sample(rng);
        DiagGaussian q = DiagGaussian.standard(2);
        for (int i = 0; i < 3000; i++) {
            q = QFitter.step(p, x, q, 0.02);
        }
        assertArrayEquals(p.posteriorMean(x), q.mean(), 1e-6);
        double[][] w = p.w();
        for (int j = 0; j < 2; j++) {
            double mjj = p.sigma2();
            for (double[] row : w) {
                mjj += row[j] * row[j];
            }
            assertEquals(Math.sqrt(p.sigma2() / mjj), q.sd(j), 1e-6);
            assertTrue(q.sd(j) < p.posteriorDiagonal(x).sd(j));
        }
        assertTrue(BoundParts.exact(p, x, q).klPosterior() > 1e-3, "a diagonal q cannot reach a correlated posterior");
    }

    /** On the banana decoder (M = 1 and 2), steps with a small rate raise the quadrature ELBO monotonically, and the KL to the non-Gaussian posterior stays positive. */
    @Test
    void bananaElboRises() {
        for (int m = 1; m <= 2; m++) {
            TinyDecoder dec = TinyDecoder.banana(m);
            double[] x = dec.decode(m == 1 ? new double[] {0.4} : new double[] {0.4, 0.3});
            PosteriorGrid g = PosteriorGrid.compute(dec, x, -6, 6, m == 1 ? 1201 : 241);
            DiagGaussian q = new DiagGaussian(m == 1 ? new double[] {-2} : new double[] {-2, 1}, m == 1 ? new double[] {1} : new double[] {1, 1});
            double elbo = BoundParts.byQuadrature(dec, x, q, g).elbo();
            double start = elbo;
            for (int i = 0; i < 200; i++) {
                q = QFitter.step(dec, x, q, 0.002);
                double next = BoundParts.byQuadrature(dec, x, q, g).elbo();
                assertTrue(next >= elbo - 1e-9, "step " + i + ": " + next + " < " + elbo);
                elbo = next;
            }
            BoundParts end = BoundParts.byQuadrature(dec, x, q, g);
            assertTrue(end.elbo() > start + 1, "the ELBO rose from " + start + " to " + end.elbo());
            assertTrue(end.klPosterior() > 0.01, "KL " + end.klPosterior());
        }
    }

    /** Found by the UI monkey: far from the data a raw step took σ to 0 and "fit q" threw on every frame. */
    @Test
    void aStepFarFromTheDataKeepsAGaussian() {
        TinyDecoder d = TinyDecoder.banana(1);
        for (double x1 = -4; x1 <= 4; x1 += 0.5) {
            for (double x2 = -4; x2 <= 4; x2 += 0.5) {
                for (double m : new double[] {-4, 0, 4}) {
                    for (double s : new double[] {0.05, 1, 3}) {
                        DiagGaussian q = new DiagGaussian(new double[] {m}, new double[] {s});
                        DiagGaussian n = QFitter.step(d, new double[] {x1, x2}, q, 0.05);
                        assertTrue(n.sd()[0] > 0 && Double.isFinite(n.sd()[0]) && Double.isFinite(n.mean()[0]));
                        assertTrue(Math.abs(Math.log(n.sd()[0] / s)) <= QFitter.MAX_STEP + 1e-12);
                        assertTrue(Math.abs(n.mean()[0] - m) <= QFitter.MAX_STEP + 1e-12);
                    }
                }
            }
        }
    }
}
