package dev.genlab.model.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.model.mixture.GaussianMixtureEm.Init;

/**
 * EM on a Gaussian mixture against independent truths: Gaussian densities written out with an
 * explicit 2 × 2 inverse, the M-step's weighted sums done again from the responsibilities, the
 * closed-form fit of one Gaussian, numeric integration, and EM's monotone likelihood.
 */
class GaussianMixtureEmTest {

    static double[][] draw(String toy, int n, long seed) {
        ToyDistribution d = ToyDistributions.byId(toy);
        double[] xs = new double[n];
        double[] ys = new double[n];
        d.sample(n, new SplittableRandom(seed), xs, ys);
        return new double[][] {xs, ys};
    }

    static GaussianMixtureEm fitted(String toy, int k, Init init, long seed, int iterations) {
        double[][] d = draw(toy, 400, seed);
        GaussianMixtureEm em = new GaussianMixtureEm(d[0], d[1], k);
        em.initialise(init, new SplittableRandom(seed));
        em.eStep();
        for (int i = 0; i < iterations; i++) {
            em.mStep();
            em.eStep();
        }
        return em;
    }

    /** N(x | μ_j, Σ_j) written out with an explicit 2 × 2 inverse, independent of Gaussian2D. */
    static double[] directJoint(GaussianMixtureEm em, double x, double y) {
        int k = em.components();
        double[] joint = new double[k];
        for (int j = 0; j < k; j++) {
            double a = em.covs()[3 * j];
            double b = em.covs()[3 * j + 1];
            double c = em.covs()[3 * j + 2];
            double det = a * c - b * b;
            double dx = x - em.means()[2 * j];
            double dy = y - em.means()[2 * j + 1];
            double q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
            joint[j] = em.weights()[j] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        }
        return joint;
    }

    @ParameterizedTest
    @CsvSource({"mixture,3,KMEANS_PP,1", "moons,2,RANDOM,2", "moons,8,KMEANS_PP,3", "rings,6,KMEANS_PP,4",
            "spiral,10,RANDOM,5", "checkerboard,5,KMEANS_PP,6", "mixture,1,RANDOM,7"})
    void emNeverLowersTheLogLikelihood(String toy, int k, Init init, int seed) {
        double[][] d = draw(toy, 400, seed);
        GaussianMixtureEm em = new GaussianMixtureEm(d[0], d[1], k);
        em.initialise(init, new SplittableRandom(seed));
        double before = em.eStep();
        int iterations = 0;
        for (int i = 0; i < 60; i++) {
            em.mStep();
            if (!em.isHealthy()) {
                break; // a collapse is the guard's business; monotonicity held until then
            }
            double after = em.eStep();
            assertTrue(after >= before - 1e-10, "iteration " + i + ": " + before + " -> " + after);
            before = after;
            iterations++;
        }
        assertTrue(iterations > 10, "EM ran");
    }

    @Test
    void theEStepIsBayesRuleAndTheLikelihoodIsTheMeanLogDensity() {
        GaussianMixtureEm em = fitted("moons", 4, Init.KMEANS_PP, 11, 5);
        double[][] d = draw("moons", 400, 11);
        double ll = em.eStep();
        double sum = 0;
        for (int i = 0; i < d[0].length; i++) {
            double[] joint = directJoint(em, d[0][i], d[1][i]);
            double p = Arrays.stream(joint).sum();
            sum += Math.log(p);
            double[] r = em.responsibilities(i);
            for (int j = 0; j < joint.length; j++) {
                assertEquals(joint[j] / p, r[j], 1e-12, "r_" + i + j);
            }
            assertEquals(1.0, Arrays.stream(r).sum(), 1e-12);
            assertEquals(Math.log(p), em.logDensity(d[0][i], d[1][i]), 1e-10);
        }
        assertEquals(sum / d[0].length, ll, 1e-10);
        assertEquals(ll, em.averageLogLikelihood(d[0], d[1]), 1e-12);
        double[] out = new double[4];
        double lp = em.logJoint(0.3, -0.2, out);
        double[] joint = directJoint(em, 0.3, -0.2);
        for (int j = 0; j < 4; j++) {
            assertEquals(Math.log(joint[j]), out[j], 1e-10);
        }
        assertEquals(Math.log(Arrays.stream(joint).sum()), lp, 1e-10);
    }

    @Test
    void theMStepIsTheResponsibilityWeightedMaximumLikelihoodFit() {
        GaussianMixtureEm em = fitted("rings", 3, Init.RANDOM, 4, 2);
        double[][] d = draw("rings", 400, 4);
        int n = d[0].length;
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = em.responsibilities(i);
        }
        em.mStep();
        for (int j = 0; j < 3; j++) {
            double nk = 0;
            double ux = 0;
            double uy = 0;
            for (int i = 0; i < n; i++) {
                nk += r[i][j];
                ux += r[i][j] * d[0][i];
                uy += r[i][j] * d[1][i];
            }
            ux /= nk;
            uy /= nk;
            double cxx = 0;
            double cxy = 0;
            double cyy = 0;
            for (int i = 0; i < n; i++) {
                cxx += r[i][j] * (d[0][i] - ux) * (d[0][i] - ux) / nk;
                cxy += r[i][j] * (d[0][i] - ux) * (d[1][i] - uy) / nk;
                cyy += r[i][j] * (d[1][i] - uy) * (d[1][i] - uy) / nk;
            }
            assertEquals(nk / n, em.weights()[j], 1e-12);
            assertArrayEquals(new double[] {ux, uy}, Arrays.copyOfRange(em.means(), 2 * j, 2 * j + 2), 1e-12);
            double lambda = lambda(d);
            assertArrayEquals(new double[] {cxx + lambda, cxy, cyy + lambda}, Arrays.copyOfRange(em.covs(), 3 * j, 3 * j + 3),
                    1e-12);
        }
        assertEquals(1.0, Arrays.stream(em.weights()).sum(), 1e-12);
    }

    @Test
    void oneComponentIsTheClosedFormMaximumLikelihoodFit() {
        GaussianMixtureEm em = fitted("moons", 1, Init.RANDOM, 3, 1);
        double[][] d = draw("moons", 400, 3);
        int n = d[0].length;
        double mx = Arrays.stream(d[0]).sum() / n;
        double my = Arrays.stream(d[1]).sum() / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (d[0][i] - mx) * (d[0][i] - mx) / n;
            sxy += (d[0][i] - mx) * (d[1][i] - my) / n;
            syy += (d[1][i] - my) * (d[1][i] - my) / n;
        }
        assertArrayEquals(new double[] {mx, my}, em.means(), 1e-12);
        // the maximum-likelihood fit plus the regulariser λI, λ = 10⁻³ × the data's mean variance per axis
        double lambda = 1e-3 * 0.5 * (sxx + syy);
        assertArrayEquals(new double[] {sxx + lambda, sxy, syy + lambda}, em.covs(), 1e-12);
        assertEquals(1.0, em.weights()[0], 1e-12);
    }

    /** λ of the M-step, from the data: 10⁻³ × the mean of the two axes' variances. */
    static double lambda(double[][] d) {
        int n = d[0].length;
        double mx = Arrays.stream(d[0]).sum() / n;
        double my = Arrays.stream(d[1]).sum() / n;
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += ((d[0][i] - mx) * (d[0][i] - mx) + (d[1][i] - my) * (d[1][i] - my)) / (2.0 * n);
        }
        return 1e-3 * v;
    }

    @Test
    void theFittedDensityIntegratesToOne() {
        GaussianMixtureEm em = fitted("rings", 6, Init.KMEANS_PP, 5, 30);
        int n = 600;
        double lo = -8;
        double hi = 8;
        double h = (hi - lo) / n;
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                total += Math.exp(em.logDensity(lo + (i + 0.5) * h, lo + (j + 0.5) * h)) * h * h;
            }
        }
        assertEquals(1.0, total, 1e-3);
    }

    @Test
    void initialMeansAreDistinctDataPointsAndCovariancesTheDataOverK() {
        double[][] d = draw("spiral", 300, 8);
        for (Init init : Init.values()) {
            GaussianMixtureEm em = new GaussianMixtureEm(d[0], d[1], 5);
            em.initialise(init, new SplittableRandom(8));
            double[] m = em.means();
            for (int j = 0; j < 5; j++) {
                int at = -1;
                for (int i = 0; i < d[0].length; i++) {
                    if (d[0][i] == m[2 * j] && d[1][i] == m[2 * j + 1]) {
                        at = i;
                    }
                }
                assertTrue(at >= 0, init + ": mean " + j + " is a data point");
                for (int l = 0; l < j; l++) {
                    assertFalse(m[2 * l] == m[2 * j] && m[2 * l + 1] == m[2 * j + 1], init + ": distinct means");
                }
            }
            double cx = Arrays.stream(d[0]).sum() / 300;
            double vxx = Arrays.stream(d[0]).map(x -> (x - cx) * (x - cx)).sum() / 300;
            assertEquals(vxx / 5 + 1e-3, em.covs()[0], 1e-12);
            assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, em.weights(), 1e-15);
        }
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        GaussianMixtureEm a = fitted("spiral", 5, Init.KMEANS_PP, 9, 15);
        GaussianMixtureEm b = fitted("spiral", 5, Init.KMEANS_PP, 9, 15);
        double[][] d = draw("spiral", 400, 9);
        GaussianMixtureEm c = new GaussianMixtureEm(d[0], d[1], 5);
        c.initialise(Init.KMEANS_PP, new SplittableRandom(10));
        c.eStep();
        for (int i = 0; i < 15; i++) {
            c.mStep();
            c.eStep();
        }
        assertArrayEquals(a.means(), b.means(), 0);
        assertArrayEquals(a.covs(), b.covs(), 0);
        assertFalse(Arrays.equals(a.means(), c.means()));
    }

    @Test
    void samplesFollowTheModel() {
        GaussianMixtureEm em = new GaussianMixtureEm(new double[] {0, 1, 2}, new double[] {0, 1, 0}, 2);
        em.setParameters(new double[] {0.25, 0.75}, new double[] {-2, 0, 3, 1}, new double[] {0.5, 0, 0.5, 1, 0.3, 0.4});
        SplittableRandom rng = new SplittableRandom(5);
        int n = 40_000;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < n; i++) {
            double[] z = em.sample(rng);
            sumX += z[0];
            sumY += z[1];
        }
        // E x = 0.25·(−2) + 0.75·3 = 1.75, E y = 0.75; Var x = Σ π (σxx + μx²) − (E x)² = 4.9375
        assertEquals(1.75, sumX / n, 4 * Math.sqrt(4.9375 / n));
        assertEquals(0.75, sumY / n, 4 * Math.sqrt((0.25 * 0.5 + 0.75 * 1.4 - 0.75 * 0.75) / n));
    }

    @Test
    void aCollapsedOrBrokenComponentIsUnhealthy() {
        GaussianMixtureEm em = new GaussianMixtureEm(new double[] {0, 1, 2}, new double[] {0, 1, 0}, 2);
        double[] w = {0.5, 0.5};
        em.setParameters(w, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 1, 0.5, 1});
        assertTrue(em.isHealthy());
        em.setParameters(w, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 1e-6, 0, 1e-6}); // log det ≈ −27.6
        assertFalse(em.isHealthy());
        em.setParameters(w, new double[] {Double.NaN, 0, 1, 1}, new double[] {1, 0, 1, 1, 0, 1});
        assertFalse(em.isHealthy());
        em.setParameters(w, new double[] {0, 0, 1, 1}, new double[] {1, 1, 1, 1, 0, 1}); // singular
        assertFalse(em.isHealthy());
        assertThrows(IllegalArgumentException.class, () -> new GaussianMixtureEm(new double[] {0, 1}, new double[] {0, 1}, 3));
    }
}
