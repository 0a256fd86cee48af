package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;

/** {@link GanMetrics}: the grid KL / JS estimator and mode coverage. */
class Gan2DMetricsTest {

    private static final ToyDistribution MIXTURE = ToyDistributions.byId("mixture");

    private static double[][] sample(ToyDistribution p, int n, long seed) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        p.sample(n, new SplittableRandom(seed), xs, ys);
        return new double[][] {xs, ys};
    }

    /**
     * Samples of p_data itself: the estimator's bias at N. Measured when this was written (default
     * mixture, 128², ε = 10⁻³): JS ≈ 0.009 nats and KL ≈ 0.07 at N = 100,000; JS ≈ 0.040 and KL ≈ 0.38
     * at N = 20,000. The bias falls roughly as 1/N (the histogram's noise over the few thousand cells
     * with mass); the test holds JS below 0.02 and KL below 0.15 at N = 10⁵ and checks that it shrinks
     * with N.
     */
    @Test
    void samplesOfTheDataThemselvesScoreNearZero() {
        double[][] big = sample(MIXTURE, 100_000, 1);
        GanMetrics.Divergences d = GanMetrics.divergences(MIXTURE, big[0], big[1]);
        System.out.printf("bias at N = 100000: JS %.4f KL %.4f%n", d.js(), d.kl());
        assertTrue(d.js() < 0.02, "JS " + d.js());
        assertTrue(d.kl() < 0.15, "KL " + d.kl());
        assertTrue(d.js() >= 0);
        double[][] small = sample(MIXTURE, 20_000, 2);
        GanMetrics.Divergences ds = GanMetrics.divergences(MIXTURE, small[0], small[1]);
        System.out.printf("bias at N = 20000: JS %.4f KL %.4f%n", ds.js(), ds.kl());
        assertTrue(ds.js() > d.js(), "the bias shrinks with N");
        assertEquals(100_000, d.samples());
        assertEquals(128, d.grid());
        assertTrue(d.outsideFraction() < 1e-3);
        assertTrue(GanMetrics.estimatorName().contains("midpoint"));
    }

    @Test
    void jsIsBoundedByLogTwoAndReachesItForAFarPointMass() {
        double[] far = new double[5000];
        Arrays.fill(far, 100.0);
        GanMetrics.Divergences d = GanMetrics.divergences(MIXTURE, far, far);
        assertTrue(d.js() <= Math.log(2));
        // disjoint supports but for the smoothing: ε·M = 16.4 pseudo-counts of 5016 sit in the box
        assertEquals(Math.log(2), d.js(), 0.01, "all mass off the box: disjoint supports");
        double[] farther = new double[500_000];
        Arrays.fill(farther, 100.0);
        assertEquals(Math.log(2), GanMetrics.divergences(MIXTURE, farther, farther).js(), 2e-4);
        // KL has no bound but the smoothing's: log(P_i (N + ε(M + 1)) / ε) ≈ 7 here
        assertTrue(d.kl() > 5, "KL " + d.kl());
        assertEquals(1.0, d.outsideFraction());
        // a point mass inside the box, at the densest cell's neighbourhood: large but bounded
        double[] xs = new double[5000];
        double[] ys = new double[5000];
        Arrays.fill(xs, -1.0);
        Arrays.fill(ys, -0.6);
        GanMetrics.Divergences inside = GanMetrics.divergences(MIXTURE, xs, ys);
        assertTrue(inside.js() > 0.5 && inside.js() <= Math.log(2), "JS " + inside.js());
        // non-finite samples count as outside, no exception
        double[] nan = {Double.NaN, 0.0};
        GanMetrics.Divergences withNan = GanMetrics.divergences(MIXTURE, nan, new double[] {0, Double.POSITIVE_INFINITY});
        assertEquals(1.0, withNan.outsideFraction());
        assertThrows(IllegalArgumentException.class, () -> GanMetrics.divergences(MIXTURE, new double[0], new double[0]));
    }

    @Test
    void jsIsSymmetricallyBoundedForAnyBoxAndEpsilon() {
        SplittableRandom r = new SplittableRandom(4);
        for (int k = 0; k < 20; k++) {
            int n = 1 + r.nextInt(500);
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = 4 * r.nextGaussian();
                ys[i] = 4 * r.nextGaussian();
            }
            double eps = Math.pow(10, -4 + 4 * r.nextDouble());
            GanMetrics.Divergences d = GanMetrics.divergences(MIXTURE, new double[] {-3, 3, -3, 3}, xs, ys,
                    8 + r.nextInt(120), eps);
            assertTrue(d.js() >= 0 && d.js() <= Math.log(2), "JS " + d.js());
            assertTrue(d.kl() >= 0);
        }
    }

    private static final GaussianMixture2D RING = GanPresets.ring(4, 2.0, 0.1);

    /** Hand-made samples on a 4-mode ring with sd 0.1: counts, off-mode points, coverage and evenness exactly. */
    @Test
    void modeCoverageCountsConstructedSamples() {
        // mode 0 at (2, 0): 30 points, one at 2.9 sd (in); mode 1 at (0, 2): 10 points; mode 2 at (−2, 0): 2 points;
        // mode 3: none; 8 off-mode points (3.1 sd from mode 0, the origin, far away, NaN)
        double[] xs = new double[50];
        double[] ys = new double[50];
        int k = 0;
        for (int i = 0; i < 29; i++) {
            xs[k] = 2;
            ys[k++] = 0.05;
        }
        xs[k] = 2.29;
        ys[k++] = 0;
        for (int i = 0; i < 10; i++) {
            xs[k] = 0.1;
            ys[k++] = 2;
        }
        xs[k] = -2;
        ys[k++] = 0;
        xs[k] = -2;
        ys[k++] = 0.2;
        xs[k] = 2.31;
        ys[k++] = 0;
        for (int i = 0; i < 5; i++) {
            xs[k] = 0;
            ys[k++] = 0;
        }
        xs[k] = 50;
        ys[k++] = 50;
        xs[k] = Double.NaN;
        ys[k++] = 0;
        assertEquals(50, k);
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(RING, xs, ys);
        assertArrayEquals(new int[] {30, 10, 2, 0}, c.counts());
        assertEquals(8, c.offMode());
        assertEquals(0.16, c.offModeFraction(), 1e-15);
        assertEquals(1.25, c.threshold(), 1e-15); // 10 % of 50 / 4
        assertEquals(3, c.covered());
        double[] q = {30 / 42.0, 10 / 42.0, 2 / 42.0};
        double h = -Arrays.stream(q).map(v -> v * Math.log(v)).sum();
        assertEquals(h / Math.log(3), c.evenness(), 1e-12);
        // a stricter coverage fraction: mode 2's 2 points are below 20 % of 12.5 = 2.5
        assertEquals(2, GanMetrics.modeCoverage(RING, xs, ys, 0.2, 3).covered());
    }

    @Test
    void evennessIsOneForEqualCountsAndDefinedForOneOrNoMode() {
        double[] xs = {2, 0, -2, 0};
        double[] ys = {0, 2, 0, -2};
        GanMetrics.ModeCoverage all = GanMetrics.modeCoverage(RING, xs, ys);
        assertEquals(4, all.covered());
        assertEquals(1.0, all.evenness(), 1e-12);
        GanMetrics.ModeCoverage one = GanMetrics.modeCoverage(RING, new double[] {2, 2}, new double[] {0, 0});
        assertEquals(1, one.covered());
        assertEquals(1.0, one.evenness());
        GanMetrics.ModeCoverage none = GanMetrics.modeCoverage(RING, new double[] {0}, new double[] {0});
        assertEquals(0, none.covered());
        assertEquals(0.0, none.evenness());
        assertEquals(1.0, none.offModeFraction());
    }

    /** A correlated component: the 3-sd test is Mahalanobis, not Euclidean. */
    @Test
    void onModeIsWithinThreeStandardDeviationsInTheComponentsMetric() {
        GaussianMixture2D m = new GaussianMixture2D(java.util.List.of(
                GaussianMixture2D.Component.of(1, 0, 0, 1.0, 0, 0.01),
                GaussianMixture2D.Component.of(1, 10, 0, 1.0, 0, 1.0)));
        // 2.5 along x (2.5 sd) is on mode 0; 0.35 along y (3.5 sd) is not, though nearer in Euclidean terms
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(m, new double[] {2.5, 0}, new double[] {0, 0.35});
        assertArrayEquals(new int[] {1, 0}, c.counts());
        assertEquals(1, c.offMode());
    }
}
