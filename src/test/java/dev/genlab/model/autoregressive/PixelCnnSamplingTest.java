package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.DiscreteChiSquare;

/**
 * Sampling by {@link PixelCnn#complete}: sample frequencies over the 64 images of 2 × 3 against
 * exp(logProb) (Pearson's chi-square at a false-failure probability of 10⁻⁶, the same test as
 * {@code dev.genlab.data.ChiSquare} and {@code model.discrete.SamplingTest}; and the same samples
 * must fail against another model); completions keep the given pixels; the conditionals a
 * completion draws from (computed on the pixel's dependency cone only) equal the teacher-forced ones.
 */
class PixelCnnSamplingTest {

    private static final int SAMPLES = 40_000;
    /** Upper-tail standard normal quantile for p = 10⁻⁶. */

    @Test
    void samplesFollowExpLogProbAndNotAnotherModel() {
        PixelCnn m = new PixelCnn(2, 3, 4, 2, 3, 3, DataType.DOUBLE, 5);
        PixelCnnTest.randomise(m, 6, 1.0);
        PixelCnn other = new PixelCnn(2, 3, 4, 2, 3, 3, DataType.DOUBLE, 5);
        PixelCnnTest.randomise(other, 7, 1.0);
        AutoregressiveModel.Completion c = m.complete(new byte[SAMPLES * 6], SAMPLES, 0, new SplittableRandom(8));
        assertEquals(6, c.advance(100));
        assertTrue(c.done());
        byte[] x = c.images();
        long[] counts = new long[64];
        for (int s = 0; s < SAMPLES; s++) {
            int index = 0;
            for (int j = 0; j < 6; j++) {
                index |= x[s * 6 + j] << j; // BinaryImages.all: pixel j is bit j
            }
            counts[index]++;
        }
        double[] own = chiSquare(counts, probabilities(m));
        assertTrue(own[0] < own[1], "chi2 " + own[0] + " above " + own[1]);
        double[] against = chiSquare(counts, probabilities(other));
        assertTrue(against[0] > against[1], "samples fit another model too: chi2 " + against[0]);
    }

    private static double[] probabilities(PixelCnn m) {
        double[] lp = m.logProb(BinaryImages.all(2, 3));
        double[] p = new double[lp.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(lp[i]);
        }
        return p;
    }

    private static double[] chiSquare(long[] observed, double[] p) {
        return DiscreteChiSquare.test(observed, p, SAMPLES);
    }

    @Test
    void completionKeepsTheGivenPixelsAndDrawsFromTheTeacherForcedConditionals() {
        // 12 rows and a reach of 2 + 3 = 5 rows: most pixels see only part of the image
        PixelCnn m = new PixelCnn(12, 7, 3, 3, 5, 3, DataType.DOUBLE, 9);
        PixelCnnTest.randomise(m, 10, 1.0);
        assertEquals(5, m.reach());
        int d = 84;
        int count = 3;
        int from = 30;
        byte[] given = PixelCnnTest.randomImages(new SplittableRandom(11), count, d);
        AutoregressiveModel.Completion c = m.complete(given, count, from, new SplittableRandom(12));
        assertEquals(from, c.step());
        int checked = 0;
        while (!c.done()) {
            int step = c.step();
            float[] next = c.nextConditionals();
            byte[] now = c.images();
            double[] forced = m.conditionalsExact(now, count);
            for (int i = 0; i < count; i++) {
                assertEquals(forced[i * d + step], next[i], 1e-6, "step " + step + " image " + i);
                for (int j = 0; j < from; j++) {
                    assertEquals(given[i * d + j], now[i * d + j], "given pixel " + j + " changed");
                }
            }
            checked++;
            assertEquals(Math.min(7, d - step), c.advance(7));
        }
        assertEquals(d - from, c.step() - from);
        assertTrue(checked > 5);
        float[] after = c.nextConditionals();
        assertTrue(Float.isNaN(after[0]));
        assertEquals(0, c.advance(3));
        // the completion owns a copy: the caller's array is untouched
        assertArrayEquals(PixelCnnTest.randomImages(new SplittableRandom(11), count, d), given);
    }

    @Test
    void conditionalsFromTheConeEqualTheFullForwardPass() {
        PixelCnn m = new PixelCnn(14, 6, 3, 4, 7, 3, DataType.DOUBLE, 13);
        PixelCnnTest.randomise(m, 14, 1.0);
        int d = 84;
        byte[] x = PixelCnnTest.randomImages(new SplittableRandom(15), 2, d);
        double[] full = m.conditionalsExact(x, 2);
        for (int j = 0; j < d; j++) {
            double[] cone = m.conditionalAt(x, 2, j);
            for (int i = 0; i < 2; i++) {
                assertEquals(full[i * d + j], cone[i], 1e-12, "pixel " + j);
            }
        }
    }

    @Test
    void equalSeedsDrawEqualSamples() {
        PixelCnn m = new PixelCnn(5, 5, 3, 2, 3, 3, DataType.FLOAT, 16);
        AutoregressiveModel.Completion a = m.complete(new byte[4 * 25], 4, 0, new SplittableRandom(17));
        AutoregressiveModel.Completion b = m.complete(new byte[4 * 25], 4, 0, new SplittableRandom(17));
        a.advance(25);
        b.advance(10);
        b.advance(15);
        assertArrayEquals(a.images(), b.images());
        AutoregressiveModel.Completion other = m.complete(new byte[4 * 25], 4, 0, new SplittableRandom(18));
        other.advance(25);
        assertFalse(java.util.Arrays.equals(a.images(), other.images()));
    }
}
