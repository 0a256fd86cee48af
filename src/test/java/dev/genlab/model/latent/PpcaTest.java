package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truth tests of {@link Ppca}: density against a dense computation, the ML fit against the sample covariance's eigenspace, the exact posterior against a grid. */
class PpcaTest {

    /** log p(x) by Woodbury equals log N(x; b, WWᵀ + σ²I) by a dense Gauss–Jordan inverse, to 1e-9. */
    @Test
    void logDensityMatchesDenseGaussian() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            Ppca p = DenseTruth.randomPpca(5, 2, 0.5 + rng.nextDouble() * 2, 0.05 + rng.nextDouble(), rng);
            double[][] c = new double[5][5];
            double[][] w = p.w();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    c[i][j] = w[i][0] * w[j][0] + w[i][1] * w[j][1] + (i == j ? p.sigma2() : 0);
                }
            }
            for (int k = 0; k < 5; k++) {
                double[] x = new double[5];
                for (int i = 0; i < 5; i++) {
                    x[i] = 3 * rng.nextGaussian();
                }
                assertEquals(DenseTruth.logNormal(x, p.mean(), c), p.logDensity(x), 1e-9);
            }
        }
    }

    /** The 2-D grid holds logDensity at the cell centres, row-major ny × nx. */
    @Test
    void gridIsCellCentresRowMajor() {
        Ppca p = DenseTruth.randomPpca(2, 1, 1, 0.3, new SplittableRandom(2));
        double[] g = p.logDensityGrid2D(-2, 2, -1, 3, 4, 3);
        assertEquals(12, g.length);
        // row j = 2 (y = -1 + 2.5 * 4/3), column i = 1 (x = -2 + 1.5)
        assertEquals(p.logDensity(new double[] {-0.5, -1 + 2.5 * 4.0 / 3}), g[2 * 4 + 1], 1e-12);
    }

    /**
     * On 200,000 points drawn from a known pPCA (D = 6, M = 2): σ² is the mean of the discarded
     * eigenvalues of the sample covariance (computed here by subspace iteration: (tr S − tr QᵀSQ)/(D − M))
     * to 1e-9 and near the true σ²; span(W) is the top-2 eigenspace (projections agree to 1e-8); the
     * model covariance is near the true one.
     */
    @Test
    void fitIsTheClosedFormMaximumLikelihood() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] wTrue = {{2, 0}, {1, 1}, {0, 2}, {-1, 1}, {0.5, -1.5}, {1, 0.5}};
        double s2True = 0.5;
        Ppca truth = Ppca.of(new double[] {1, -1, 0, 2, 0, 3}, wTrue, s2True);
        double[][] data = new double[200_000][];
        for (int n = 0; n < data.length; n++) {
            data[n] = truth.sample(rng);
        }
        Ppca fit = Ppca.fit(data, 2);

        double[][] s = DenseTruth.sampleCovariance(data);
        double[][] q = DenseTruth.topSubspace(s, 2, 300);
        double trace = 0;
        for (int i = 0; i < 6; i++) {
            trace += s[i][i];
        }
        double top = 0;
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 6; a++) {
                for (int b = 0; b < 6; b++) {
                    top += q[a][j] * s[a][b] * q[b][j];
                }
            }
        }
        assertEquals((trace - top) / 4, fit.sigma2(), 1e-9);
        assertEquals(s2True, fit.sigma2(), 0.01);
        assertTrue(DenseTruth.maxAbsDiff(DenseTruth.projection(q), DenseTruth.projection(fit.w())) < 1e-8);

        double[] ev = fit.eigenvalues();
        assertEquals(6, ev.length);
        for (int i = 1; i < 6; i++) {
            assertTrue(ev[i] <= ev[i - 1]);
        }
        assertTrue(DenseTruth.maxAbsDiff(truth.covariance(), fit.covariance()) < 0.05,
                "fitted covariance near the true one: " + DenseTruth.maxAbsDiff(truth.covariance(), fit.covariance()));
        assertTrue(DenseTruth.maxAbsDiff(s, fit.covariance()) < 0.02);
    }

    /** fitImages (ND4J gemm + LAPACK syev) agrees with fit (Jacobi) on the same 600 images of 16 pixels, to 1e-4. */
    @Test
    void fitImagesAgreesWithFit() {
        SplittableRandom rng = new SplittableRandom(4);
        int count = 600;
        int dim = 16;
        double[][] basis = new double[dim][3];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < 3; j++) {
                basis[i][j] = 0.15 * rng.nextGaussian() * (3 - j);
            }
        }
        float[] pixels = new float[count * dim];
        double[][] rows = new double[count][dim];
        for (int n = 0; n < count; n++) {
            double[] z = {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            for (int i = 0; i < dim; i++) {
                double v = 0.5 + 0.05 * rng.nextGaussian();
                for (int j = 0; j < 3; j++) {
                    v += basis[i][j] * z[j];
                }
                float f = (float) Math.min(1, Math.max(0, v));
                pixels[n * dim + i] = f;
                rows[n][i] = f;
            }
        }
        for (int m : new int[] {1, 3}) {
            Ppca a = Ppca.fit(rows, m);
            Ppca b = Ppca.fitImages(pixels, count, dim, m);
            assertArrayEquals(a.mean(), b.mean(), 1e-6);
            assertEquals(a.sigma2(), b.sigma2(), 1e-4 * a.sigma2());
            assertArrayEquals(a.eigenvalues(), b.eigenvalues(), 1e-4 * a.eigenvalues()[0]);
            assertTrue(DenseTruth.maxAbsDiff(a.w(), b.w()) < 1e-4, "W differs by " + DenseTruth.maxAbsDiff(a.w(), b.w()));
        }
    }

    /**
     * The exact posterior N(M⁻¹Wᵀ(x − b), σ²M⁻¹) matches the moments of p(z|x) on a grid, for a 1-D and
     * a 2-D latent, and the grid's log p(x) matches logDensity to 1e-6.
     */
    @Test
    void exactPosteriorMatchesGrid() {
        SplittableRandom rng = new SplittableRandom(5);
        Ppca p1 = DenseTruth.randomPpca(3, 1, 1.2, 0.4, rng);
        Ppca p2 = DenseTruth.randomPpca(4, 2, 1.0, 0.5, rng);
        for (Ppca p : new Ppca[] {p1, p2}) {
            for (int t = 0; t < 3; t++) {
                double[] x = p.sample(rng);
                PosteriorGrid g = PosteriorGrid.compute(p, x, -9, 9, p.latentDim() == 1 ? 1201 : 361);
                assertEquals(p.logDensity(x), g.logEvidence(), 1e-6);
                assertArrayEquals(p.posteriorMean(x), g.posteriorMean(), 1e-7);
                assertTrue(DenseTruth.maxAbsDiff(p.posteriorCovariance(), g.posteriorCovariance()) < 1e-7);
                DiagGaussian d = p.posteriorDiagonal(x);
                for (int j = 0; j < p.latentDim(); j++) {
                    assertEquals(Math.sqrt(g.posteriorCovariance()[j][j]), d.sd(j), 1e-7);
                }
                double[] z = d.mean();
                assertEquals(p.logJoint(x, z) - p.logDensity(x), g.logPosterior(z), 1e-6);
            }
        }
    }

    /** decode and sample follow x = Wz + b + e: the sample mean and covariance approach b and WWᵀ + σ²I. */
    @Test
    void samplesFollowTheGenerativeProcess() {
        SplittableRandom rng = new SplittableRandom(6);
        Ppca p = DenseTruth.randomPpca(3, 2, 1, 0.2, rng);
        assertArrayEquals(p.mean(), p.decode(new double[2]), 0);
        double[][] data = new double[100_000][];
        for (int n = 0; n < data.length; n++) {
            data[n] = p.sample(rng);
        }
        assertTrue(DenseTruth.maxAbsDiff(p.covariance(), DenseTruth.sampleCovariance(data)) < 0.05);
    }
}
