package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truth tests of {@link Estimators} against pPCA's exact log p(x). */
class EstimatorsTest {

    static final Ppca ONE_D = Ppca.of(new double[] {0.5, -1, 0}, new double[][] {{1.5}, {-1}, {0.8}}, 0.5);
    static final double[] X = {2, -2.5, 1};

    /**
     * The naive estimator converges to log p(x): with K = 10⁵ it is within 0.01 nats (its sd there,
     * measured over 20 repeats, is below 0.005), and its mean absolute error over 20 repeats falls
     * from K = 100 to K = 10⁵.
     */
    @Test
    void naiveConverges() {
        double truth = ONE_D.logDensity(X);
        Estimators.Spread big = Estimators.repeat(r -> Estimators.naive(ONE_D, X, 100_000, r), 20, 31);
        Estimators.Spread small = Estimators.repeat(r -> Estimators.naive(ONE_D, X, 100, r), 20, 31);
        assertTrue(Math.abs(big.mean() - truth) < 0.01, big.mean() + " vs " + truth);
        assertTrue(big.sd() < 0.005, "sd " + big.sd());
        assertTrue(meanAbsError(big, truth) < meanAbsError(small, truth) / 5);
        double one = Estimators.naive(ONE_D, X, 100_000, new SplittableRandom(32));
        assertEquals(truth, one, 0.01);
    }

    static double meanAbsError(Estimators.Spread s, double truth) {
        return Arrays.stream(s.values()).map(v -> Math.abs(v - truth)).average().orElseThrow();
    }

    /**
     * Burda et al.'s Theorem 1, measured: with a poor q (mean off by 1, sd doubled) ELBO ≤ E[IWAE_K] ≤
     * log p(x) and E[IWAE_K] rises with K = 1, 2, 5, 10, 50; means over 4,000 repeats (fixed seed),
     * each comparison by more than 4 standard errors except ELBO vs E[IWAE_1], which are equal in
     * expectation and agree within 4 standard errors.
     */
    @Test
    void iwaeIsBetweenElboAndEvidenceAndRisesWithK() {
        double truth = ONE_D.logDensity(X);
        DiagGaussian post = ONE_D.posteriorDiagonal(X);
        DiagGaussian q = new DiagGaussian(new double[] {post.mean(0) + 1}, new double[] {2 * post.sd(0)});
        double elbo = BoundParts.exact(ONE_D, X, q).elbo();
        int repeats = 4000;
        double previous = Double.NEGATIVE_INFINITY;
        double previousSe = 0;
        for (int k : new int[] {1, 2, 5, 10, 50}) {
            Estimators.Spread s = Estimators.repeat(r -> Estimators.iwae(ONE_D, X, q, k, r), repeats, 33);
            double se = s.sd() / Math.sqrt(repeats);
            if (k == 1) {
                assertEquals(elbo, s.mean(), 4 * se);
            } else {
                assertTrue(s.mean() > elbo + 4 * se, "K = " + k + ": " + s.mean() + " vs ELBO " + elbo);
                assertTrue(s.mean() - previous > 4 * Math.hypot(se, previousSe), "K = " + k + ": " + s.mean() + " after " + previous);
            }
            assertTrue(s.mean() < truth, "K = " + k + ": " + s.mean() + " vs log p(x) " + truth);
            previous = s.mean();
            previousSe = se;
        }
    }

    /** With q the exact posterior (1-D latent) every weight p(x, z)/q(z) equals p(x): IWAE has zero variance and equals log p(x). */
    @Test
    void iwaeWithTheExactPosteriorIsExact() {
        double truth = ONE_D.logDensity(X);
        DiagGaussian post = ONE_D.posteriorDiagonal(X);
        double[] lw = Estimators.iwaeLogWeights(ONE_D, X, post, 1000, new SplittableRandom(34));
        for (double l : lw) {
            assertEquals(truth, l, 1e-10);
        }
        Estimators.Spread s = Estimators.repeat(r -> Estimators.iwae(ONE_D, X, post, 5, r), 50, 35);
        assertTrue(s.sd() < 1e-10);
        assertEquals(truth, s.mean(), 1e-10);
    }

    /** Jensen: the mean of the log-weights is at most the log of their mean; equal for equal weights; logMeanExp is log of the mean. */
    @Test
    void jensen() {
        SplittableRandom rng = new SplittableRandom(36);
        for (int t = 0; t < 100; t++) {
            double[] lw = Estimators.naiveLogWeights(ONE_D, X, 1 + rng.nextInt(50), rng);
            Estimators.Jensen j = Estimators.jensen(lw);
            assertTrue(j.meanOfLogs() <= j.logOfMean() + 1e-12);
            assertEquals(j.logOfMean() - j.meanOfLogs(), j.gap(), 0);
        }
        Estimators.Jensen eq = Estimators.jensen(new double[] {-3, -3, -3});
        assertEquals(eq.logOfMean(), eq.meanOfLogs(), 1e-14);
        assertEquals(Math.log((Math.exp(-1) + Math.exp(-2)) / 2), Estimators.logMeanExp(new double[] {-1, -2}), 1e-15);
    }

    /** repeat is a function of its seed, and its sd is the sample sd (n − 1). */
    @Test
    void repeatIsDeterministic() {
        Estimators.Spread a = Estimators.repeat(r -> r.nextDouble(), 10, 37);
        Estimators.Spread b = Estimators.repeat(r -> r.nextDouble(), 10, 37);
        assertTrue(Arrays.equals(a.values(), b.values()));
        Estimators.Spread c = Estimators.repeat(r -> 0, 3, 1);
        assertEquals(0, c.sd(), 0);
        double[] v = a.values();
        double m = Arrays.stream(v).average().orElseThrow();
        double ss = Arrays.stream(v).map(x -> (x - m) * (x - m)).sum();
        assertEquals(Math.sqrt(ss / 9), a.sd(), 1e-15);
        assertEquals(Arrays.stream(v).min().orElseThrow(), a.min(), 0);
    }
}
