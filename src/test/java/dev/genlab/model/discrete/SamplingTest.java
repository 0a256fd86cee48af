package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Sample frequencies over the 16 images of 2x2 against the model's exact probabilities: Pearson's
 * chi-square, rejecting at a false-failure probability of 10⁻⁶. The same samples against another
 * model's probabilities must be rejected, so the test can tell models apart.
 */
class SamplingTest {

    private static final int SAMPLES = 100_000;
    /** Upper-tail standard normal quantile for p = 10⁻⁶. */

    static double[] probabilities(BinaryImageModel m) {
        BinaryImages all = BinaryImages.all(2, 2);
        double[] p = new double[all.count()];
        for (int x = 0; x < p.length; x++) {
            p[x] = Math.exp(m.logProb(all.image(x)));
        }
        return p;
    }

    static long[] sampleCounts(BinaryImageModel m, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] counts = new long[16];
        byte[] x = new byte[4];
        for (int s = 0; s < SAMPLES; s++) {
            m.sample(rng, x);
            counts[FullJointModel.index(x, 0, 4)]++;
        }
        return counts;
    }

    /** Chi-square statistic and its 1 − 10⁻⁶ quantile; bins expecting fewer than 5 are pooled. */
    static double[] chiSquare(long[] observed, double[] p) {
        return DiscreteChiSquare.test(observed, p, SAMPLES);
    }

    @Test
    void samplesFollowTheModelAndNotAnother() {
        BinaryImages train = TestImages.correlated(200, 2, 2, 21);
        IndependentModel independent = new IndependentModel(PixelOrdering.snake(2, 2), 0.5);
        BinaryImageModel[] models = {
            new FullJointModel(PixelOrdering.hilbert(2, 2), 0.5),
            new MarkovModel(PixelOrdering.raster(2, 2), 1, 0.5),
            new MarkovModel(PixelOrdering.hilbert(2, 2), 2, 0.5),
            new MarkovModel(PixelOrdering.random(2, 2, 4), 3, 0),
            new NeighbourhoodModel(2, 2, 4, 0.5),
        };
        independent.fit(train);
        double[] pIndependent = probabilities(independent);
        for (BinaryImageModel m : models) {
            m.fit(train);
            double[] own = probabilities(m);
            long[] counts = sampleCounts(m, 99);
            double[] fit = chiSquare(counts, own);
            System.out.printf("%s: chi2 %.1f (critical %.1f), against independent %.1f%n", m.id(), fit[0], fit[1],
                    chiSquare(counts, pIndependent)[0]);
            assertTrue(fit[0] < fit[1], m.id() + " chi2 " + fit[0] + " >= " + fit[1]);
            double[] wrong = chiSquare(counts, pIndependent);
            assertTrue(wrong[0] > wrong[1], m.id() + " samples pass as independent: " + wrong[0]);
            // and the other way round
            double[] back = chiSquare(sampleCounts(independent, 98), own);
            assertTrue(back[0] > back[1], "independent samples pass as " + m.id());
        }
        long[] own = sampleCounts(independent, 97);
        double[] fit = chiSquare(own, pIndependent);
        assertTrue(fit[0] < fit[1], "independent chi2 " + fit[0]);
    }

    @Test
    void samplingIsSeeded() {
        MarkovModel m = new MarkovModel(PixelOrdering.raster(7, 7), 3, 1);
        m.fit(TestImages.digits(7).subset(0, 300));
        byte[] a = new byte[49];
        byte[] b = new byte[49];
        m.sample(new SplittableRandom(5), a);
        m.sample(new SplittableRandom(5), b);
        assertArrayEquals(a, b);
    }
}
