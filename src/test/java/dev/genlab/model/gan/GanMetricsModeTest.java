package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.data.GaussianMixture2D;

/**
 * {@link GanMetrics#modeCoverage} on the lesson's 8-Gaussian ring (radius 2, sd 0.05) with sample sets
 * built here: all in one mode, evenly over all 8, some modes empty, points far from every mode, and
 * samples of the ring itself, whose off-mode fraction has an exact value: the squared Mahalanobis
 * distance of a 2-D Gaussian sample is χ² with 2 degrees of freedom, so P(beyond 3 sd) = e^−4.5 ≈ 0.0111
 * (the modes are 15 sd apart, so a sample is essentially never nearer another mode's mean).
 */
class GanMetricsModeTest {

    private static final GaussianMixture2D RING = GanPresets.ring();
    private static final double SD = 0.05;
    private static final double OFF_FRACTION = Math.exp(-4.5);

    private static double meanX(int k) {
        return 2 * Math.cos(2 * Math.PI * k / 8);
    }

    private static double meanY(int k) {
        return 2 * Math.sin(2 * Math.PI * k / 8);
    }

    /** n points per listed mode, Gaussian around its mean with the ring's sd (this test's own sampler). */
    private static double[][] around(int[] perMode, long seed) {
        int total = Arrays.stream(perMode).sum();
        double[] xs = new double[total];
        double[] ys = new double[total];
        SplittableRandom r = new SplittableRandom(seed);
        int t = 0;
        for (int k = 0; k < perMode.length; k++) {
            for (int i = 0; i < perMode[k]; i++) {
                xs[t] = meanX(k) + SD * r.nextGaussian();
                ys[t++] = meanY(k) + SD * r.nextGaussian();
            }
        }
        return new double[][] {xs, ys};
    }

    /** |x − n p| within 5 binomial standard deviations. */
    private static void assertBinomial(double p, int n, int x, String what) {
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(x - n * p) < 5 * sd, what + ": " + x + " vs " + n * p + " ± " + sd);
    }

    @Test
    void samplesOfTheRingCoverAllModesEvenlyAndMissTheChiSquareTail() {
        int n = 80_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        RING.sample(n, new SplittableRandom(3), xs, ys);
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(RING, xs, ys);
        assertEquals(8, c.modes());
        assertEquals(8, c.covered());
        assertBinomial(OFF_FRACTION, n, c.offMode(), "off-mode samples");
        for (int k = 0; k < 8; k++) {
            assertBinomial((1 - OFF_FRACTION) / 8, n, c.counts()[k], "mode " + k);
        }
        // multinomial counts of 10⁴ per mode: 1 − H/log 8 is about (K − 1) / (2 n log K) ≈ 2·10⁻⁵
        assertTrue(c.evenness() > 0.999 && c.evenness() <= 1, "evenness " + c.evenness());
    }

    @Test
    void allInOneModeIsOneCoveredModeOfEvennessOne() {
        int[] per = new int[8];
        per[3] = 5000;
        double[][] s = around(per, 4);
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(RING, s[0], s[1]);
        assertEquals(1, c.covered());
        assertEquals(1.0, c.evenness());
        int[] counts = c.counts();
        for (int k = 0; k < 8; k++) {
            if (k != 3) {
                assertEquals(0, counts[k], "mode " + k);
            }
        }
        assertEquals(5000, counts[3] + c.offMode());
        assertBinomial(OFF_FRACTION, 5000, c.offMode(), "off-mode samples");
    }

    @Test
    void pointsExactlyOnEveryMeanAreEvenlySpread() {
        double[] xs = new double[80];
        double[] ys = new double[80];
        for (int t = 0; t < 80; t++) {
            xs[t] = meanX(t % 8);
            ys[t] = meanY(t % 8);
        }
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(RING, xs, ys);
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10}, c.counts());
        assertEquals(8, c.covered());
        assertEquals(0, c.offMode());
        assertEquals(1.0, c.evenness(), 1e-12);
    }

    /** Modes 0, 2, 5 held 2 : 2 : 1, the rest empty: 3 covered, evenness H(0.4, 0.4, 0.2) / log 3. */
    @Test
    void someModesEmpty() {
        int[] per = {2000, 0, 2000, 0, 0, 1000, 0, 0};
        double[][] s = around(per, 5);
        GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(RING, s[0], s[1]);
        assertEquals(3, c.covered());
        int[] counts = c.counts();
        for (int k : new int[] {1, 3, 4, 6, 7}) {
            assertEquals(0, counts[k], "mode " + k);
        }
        double on = counts[0] + counts[2] + counts[5];
        double h = 0;
        for (int k : new int[] {0, 2, 5}) {
            h -= counts[k] / on * Math.log(counts[k] / on);
        }
        assertEquals(h / Math.log(3), c.evenness(), 1e-12);
        double ideal = -(0.8 * Math.log(0.4) + 0.2 * Math.log(0.2)) / Math.log(3);
        assertEquals(ideal, c.evenness(), 0.01, "near the 2 : 2 : 1 split's evenness " + ideal);
        // a mode with fewer than 10 % of its fair share n/K is not covered: 30 of 5030 is below 62.9
        int[] withStraggler = {2000, 0, 2000, 0, 0, 1000, 0, 30};
        double[][] s2 = around(withStraggler, 6);
        GanMetrics.ModeCoverage c2 = GanMetrics.modeCoverage(RING, s2[0], s2[1]);
        assertTrue(c2.counts()[7] > 0);
        assertEquals(3, c2.covered(), "a straggling mode is seen but not covered");
    }

    /**
     * Points on no mode: the centre (40 sd from every mean), a wider circle (radius 3, 20 sd out), and
     * half-way between neighbouring modes on the ring itself (2 · 2 sin(π/16) = 0.78 from both, 15.6 sd).
     */
    @Test
    void pointsFarFromEveryModeAreOffMode() {
        double[] xs = new double[25];
        double[] ys = new double[25];
        for (int k = 0; k < 8; k++) {
            double a = 2 * Math.PI * (k + 0.5) / 8;
            xs[k] = 2 * Math.cos(a);
            ys[k] = 2 * Math.sin(a);
            xs[8 + k] = 3 * Math.cos(2 * Math.PI * k / 8);
            ys[8 + k] = 3 * Math.sin(2 * Math.PI * k / 8);
        }
        // 8 more points at 2.9 sd beside mode 1 and one exactly at the centre
        for (int i = 0; i < 8; i++) {
            double a = 2 * Math.PI * i / 8;
            xs[16 + i] = meanX(1) + 2.9 * SD * Math.cos(a);
            ys[16 + i] = meanY(1) + 2.9 * SD * Math.sin(a);
        }
        GanMetrics.ModeCoverage far = GanMetrics.modeCoverage(RING, Arrays.copyOf(xs, 16), Arrays.copyOf(ys, 16));
        assertEquals(0, far.covered());
        assertEquals(16, far.offMode());
        assertEquals(1.0, far.offModeFraction());
        assertEquals(0.0, far.evenness());
        GanMetrics.ModeCoverage mixed = GanMetrics.modeCoverage(RING, xs, ys);
        assertEquals(17, mixed.offMode(), "the 16 far points and the centre");
        assertArrayEquals(new int[] {0, 8, 0, 0, 0, 0, 0, 0}, mixed.counts());
        assertEquals(1, mixed.covered());
        assertEquals(17 / 25.0, mixed.offModeFraction(), 1e-15);
    }
}
