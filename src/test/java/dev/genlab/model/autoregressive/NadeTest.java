package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.DiscreteChiSquare;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * NADE's probabilities against independent truths: normalisation over every image, the
 * autoregressive property, a from-scratch evaluation of the paper's equations, finite differences,
 * and sample frequencies.
 */
class NadeTest {

    /** A DOUBLE NADE whose parameters are all drawn from N(0, scale²), so b and c are not zero either. */
    static Nade randomNade(int rows, int cols, int hidden, PixelOrdering ordering, long seed, double scale) {
        Nade nade = new Nade(rows, cols, hidden, ordering, DataType.DOUBLE, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[] p = new double[(int) nade.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scale * gaussian(r);
        }
        nade.loadParams(p);
        return nade;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static byte[] randomBits(SplittableRandom r, int n) {
        byte[] x = new byte[n];
        for (int i = 0; i < n; i++) {
            x[i] = (byte) r.nextInt(2);
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(Nade.Engine.class)
    void probabilitiesOfAllImagesSumToOne(Nade.Engine engine) {
        BinaryImages all = BinaryImages.all(4, 4);
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(4, 4), PixelOrdering.random(4, 4, 7)}) {
            Nade nade = randomNade(4, 4, 6, o, 11, 1.5);
            nade.setEngine(engine);
            double[] lp = nade.logProb(all);
            double sum = 0;
            for (double v : lp) {
                sum += Math.exp(v);
            }
            assertEquals(1.0, sum, 1e-6, o.id());
            // far from uniform, so the sum is not 1 by accident of symmetric parameters
            double max = java.util.Arrays.stream(lp).max().orElseThrow();
            assertTrue(Math.exp(max) > 20.0 / all.count(), o.id() + ": max p " + Math.exp(max));
        }
    }

    /** The equations of the class Javadoc, evaluated per step from scratch in plain Java. */
    static double[] referenceConditionals(Nade nade, byte[] x) {
        int d = nade.pixels();
        int h = nade.hidden();
        double[] p = nade.saveParams();
        int[] o = nade.ordering().order();
        double[] out = new double[d];
        for (int t = 0; t < d; t++) {
            double z = p[2 * h * d + h + o[t]];
            for (int i = 0; i < h; i++) {
                double a = p[h * d + i];
                for (int s = 0; s < t; s++) {
                    a += p[o[s] * h + i] * x[o[s]]; // W[i, o(s)], column-major
                }
                z += p[h * d + h + o[t] * h + i] / (1 + Math.exp(-a)); // V[o(t), i], row-major
            }
            out[o[t]] = 1 / (1 + Math.exp(-z));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Nade.Engine.class)
    void conditionalsFollowThePapersEquations(Nade.Engine engine) {
        SplittableRandom r = new SplittableRandom(3);
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(3, 5), PixelOrdering.snake(3, 5),
                PixelOrdering.random(3, 5, 2)}) {
            Nade nade = randomNade(3, 5, 7, o, 5, 1.0);
            nade.setEngine(engine);
            int count = 6;
            byte[] x = randomBits(r, count * 15);
            double[] got = nade.conditionalsExact(x, count);
            float[] gotFloat = nade.conditionals(x, count);
            for (int k = 0; k < count; k++) {
                byte[] img = java.util.Arrays.copyOfRange(x, k * 15, (k + 1) * 15);
                double[] want = referenceConditionals(nade, img);
                for (int j = 0; j < 15; j++) {
                    assertEquals(want[j], got[k * 15 + j], 1e-12, o.id() + " image " + k + " pixel " + j);
                    assertEquals(want[j], gotFloat[k * 15 + j], 1e-6);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Nade.Engine.class)
    void laterPixelsNeverChangeEarlierConditionals(Nade.Engine engine) {
        SplittableRandom r = new SplittableRandom(8);
        PixelOrdering o = PixelOrdering.random(4, 4, 13);
        int[] order = o.order();
        Nade nade = randomNade(4, 4, 8, o, 9, 1.0);
        nade.setEngine(engine);
        int d = 16;
        int changedLater = 0;
        for (int rep = 0; rep < 5; rep++) {
            byte[] x = randomBits(r, d);
            double[] base = nade.conditionalsExact(x, 1);
            for (int t = 0; t < d; t++) {
                byte[] y = x.clone();
                y[order[t]] ^= 1;
                double[] flipped = nade.conditionalsExact(y, 1);
                for (int s = 0; s <= t; s++) {
                    assertEquals(base[order[s]], flipped[order[s]], 1e-12, "step " + s + " after flipping step " + t);
                }
                for (int s = t + 1; s < d; s++) {
                    if (Math.abs(base[order[s]] - flipped[order[s]]) > 1e-9) {
                        changedLater++;
                    }
                }
            }
        }
        // with random weights every later conditional does depend on the flipped pixel
        assertEquals(5 * d * (d - 1) / 2, changedLater);
    }

    @ParameterizedTest
    @EnumSource(Nade.Engine.class)
    void logProbIsTheSumOfTheLogConditionals(Nade.Engine engine) {
        SplittableRandom r = new SplittableRandom(4);
        Nade nade = randomNade(5, 4, 9, PixelOrdering.hilbert(5, 4), 21, 1.2);
        nade.setEngine(engine);
        int count = 50;
        int d = 20;
        byte[] x = randomBits(r, count * d);
        double[] p = nade.conditionalsExact(x, count);
        double[] lp = nade.logProb(new BinaryImages(count, 5, 4, x));
        for (int k = 0; k < count; k++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double q = p[k * d + j];
                s += Math.log(x[k * d + j] == 1 ? q : 1 - q);
            }
            assertEquals(s, lp[k], 1e-10 * Math.max(1, Math.abs(s)));
        }
    }

    @ParameterizedTest
    @EnumSource(Nade.Engine.class)
    void gradientsMatchCentralFiniteDifferences(Nade.Engine engine) {
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(3, 3), PixelOrdering.random(3, 3, 5)}) {
            Nade nade = randomNade(3, 3, 4, o, 31, 0.8);
            nade.setEngine(engine);
            SplittableRandom r = new SplittableRandom(6);
            BinaryImages data = new BinaryImages(7, 3, 3, randomBits(r, 63));
            int[] batch = {0, 1, 2, 3, 4, 5, 6, 2};
            nade.lossAndGradients(data, batch);
            double[] analytic = nade.gradients().toDoubleVector();
            INDArray params = nade.params();
            double[] numeric = new double[analytic.length];
            double eps = 1e-6;
            for (int i = 0; i < numeric.length; i++) {
                double old = params.getDouble(i);
                params.putScalar(i, old + eps);
                double plus = nade.lossAndGradients(data, batch);
                params.putScalar(i, old - eps);
                double minus = nade.lossAndGradients(data, batch);
                params.putScalar(i, old);
                numeric[i] = (plus - minus) / (2 * eps);
            }
            int h = 4;
            int d = 9;
            String[] names = {"W", "c", "V", "b"};
            int[] from = {0, h * d, h * d + h, 2 * h * d + h};
            int[] to = {h * d, h * d + h, 2 * h * d + h, 2 * h * d + h + d};
            for (int blk = 0; blk < 4; blk++) {
                double diff = 0;
                double na = 0;
                double nn = 0;
                for (int i = from[blk]; i < to[blk]; i++) {
                    diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                    na += analytic[i] * analytic[i];
                    nn += numeric[i] * numeric[i];
                }
                assertTrue(na > 1e-8, names[blk] + ": analytic gradient is zero");
                double rel = Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn));
                assertTrue(rel < 1e-7, o.id() + " " + names[blk] + ": relative error " + rel);
            }
            // the last pixel in the ordering conditions nothing: its column of W has zero gradient
            int last = o.order()[d - 1];
            for (int i = 0; i < h; i++) {
                assertEquals(0.0, analytic[last * h + i]);
                assertEquals(0.0, numeric[last * h + i], 1e-9);
            }
        }
    }

    // ------------------------------------------------------------------ sampling

    static final int SAMPLES = 100_000;

    static double[] chiSquare(long[] observed, double[] p, long n) {
        return DiscreteChiSquare.test(observed, p, n);
    }

    static long[] counts(byte[] images, int count, int d) {
        long[] c = new long[1 << d];
        for (int k = 0; k < count; k++) {
            int idx = 0;
            for (int j = 0; j < d; j++) {
                idx |= images[k * d + j] << j;
            }
            c[idx]++;
        }
        return c;
    }

    static double[] probabilities(Nade nade) {
        double[] lp = nade.logProb(BinaryImages.all(nade.rows(), nade.cols()));
        double[] p = new double[lp.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(lp[i]);
        }
        return p;
    }

    @Test
    void samplesFollowTheModelAndNotAnother() {
        PixelOrdering o = PixelOrdering.random(3, 3, 17);
        Nade nade = randomNade(3, 3, 5, o, 41, 1.5);
        Nade other = randomNade(3, 3, 5, o, 42, 1.5);
        AutoregressiveModel.Completion run = nade.complete(new byte[SAMPLES * 9], SAMPLES, 0, new SplittableRandom(1));
        assertEquals(9, run.advance(100));
        assertTrue(run.done());
        long[] observed = counts(run.images(), SAMPLES, 9);
        double[] own = chiSquare(observed, probabilities(nade), SAMPLES);
        assertTrue(own[0] < own[1], "chi-square " + own[0] + " above critical " + own[1]);
        double[] wrong = chiSquare(observed, probabilities(other), SAMPLES);
        assertTrue(wrong[0] > wrong[1], "another model's probabilities were not rejected: " + wrong[0]);
    }

    @Test
    void completionFollowsTheConditionalOfTheGivenPixels() {
        // p(x_rest | x_given) = p(x) / Σ p over images agreeing on the given pixels: an exact truth
        PixelOrdering o = PixelOrdering.raster(3, 3);
        Nade nade = randomNade(3, 3, 5, o, 43, 1.5);
        int fromStep = 4;
        byte[] given = {1, 0, 1, 1, 0, 0, 0, 0, 0};
        byte[] images = new byte[SAMPLES * 9];
        for (int k = 0; k < SAMPLES; k++) {
            System.arraycopy(given, 0, images, k * 9, 9);
        }
        AutoregressiveModel.Completion run = nade.complete(images, SAMPLES, fromStep, new SplittableRandom(2));
        while (!run.done()) {
            run.advance(2);
        }
        long[] observed = counts(run.images(), SAMPLES, 9);
        double[] p = probabilities(nade);
        double mass = 0;
        for (int i = 0; i < p.length; i++) {
            if ((i & 15) == 0b1101) {
                mass += p[i];
            } else {
                assertEquals(0, observed[i], "a given pixel changed");
                p[i] = 0;
            }
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= mass;
        }
        double[] chi = chiSquare(observed, p, SAMPLES);
        assertTrue(chi[0] < chi[1], "chi-square " + chi[0] + " above critical " + chi[1]);
    }

    @Test
    void completionKeepsGivenPixelsAndReportsTheTeacherForcedConditionals() {
        PixelOrdering o = PixelOrdering.random(4, 5, 3);
        int[] order = o.order();
        Nade nade = randomNade(4, 5, 6, o, 51, 1.0);
        SplittableRandom r = new SplittableRandom(12);
        int count = 8;
        int d = 20;
        int fromStep = 7;
        byte[] start = randomBits(r, count * d);
        AutoregressiveModel.Completion run = nade.complete(start, count, fromStep, new SplittableRandom(5));
        assertEquals(fromStep, run.step());
        float[][] reported = new float[d][];
        while (!run.done()) {
            int t = run.step();
            reported[t] = run.nextConditionals();
            assertArrayEquals(reported[t], run.nextConditionals(), "asking twice must not change them");
            assertEquals(Math.min(3, d - t), run.advance(3));
        }
        assertEquals(d, run.step());
        assertEquals(0, run.advance(5));
        assertTrue(Float.isNaN(run.nextConditionals()[0]));
        byte[] done = run.images();
        assertEquals(count, run.count());
        double[] teacher = nade.conditionalsExact(done, count);
        for (int k = 0; k < count; k++) {
            for (int t = 0; t < d; t++) {
                int j = k * d + order[t];
                if (t < fromStep) {
                    assertEquals(start[j], done[j], "given pixel at step " + t + " changed");
                } else if (t % 3 == (fromStep % 3)) {
                    // the conditional reported before each slice of 3 steps
                    assertEquals(teacher[j], reported[t][k], 1e-6, "image " + k + " step " + t);
                }
            }
        }
        // a completion works on copies: the caller's array and the model stay untouched
        assertFalse(java.util.Arrays.equals(start, done));
    }

    @Test
    void everyNextConditionalEqualsTheTeacherForcedOne() {
        PixelOrdering o = PixelOrdering.snake(4, 4);
        int[] order = o.order();
        Nade nade = randomNade(4, 4, 6, o, 61, 1.0);
        int count = 5;
        AutoregressiveModel.Completion run = nade.complete(new byte[count * 16], count, 0, new SplittableRandom(9));
        float[][] reported = new float[16][];
        for (int t = 0; t < 16; t++) {
            reported[t] = run.nextConditionals();
            assertEquals(1, run.advance(1));
        }
        double[] teacher = nade.conditionalsExact(run.images(), count);
        for (int k = 0; k < count; k++) {
            for (int t = 0; t < 16; t++) {
                assertEquals(teacher[k * 16 + order[t]], reported[t][k], 1e-6);
            }
        }
    }

    @Test
    void bothEnginesComputeTheSameNumbers() {
        SplittableRandom r = new SplittableRandom(77);
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(6, 5), PixelOrdering.random(6, 5, 4)}) {
            Nade java = randomNade(6, 5, 11, o, 81, 1.0);
            Nade nd4j = randomNade(6, 5, 11, o, 81, 1.0);
            java.setEngine(Nade.Engine.JAVA);
            nd4j.setEngine(Nade.Engine.ND4J);
            BinaryImages data = new BinaryImages(40, 6, 5, randomBits(r, 40 * 30));
            int[] batch = {3, 1, 4, 1, 5, 9, 2, 6, 35, 38};
            assertEquals(nd4j.lossAndGradients(data, batch), java.lossAndGradients(data, batch), 1e-11);
            double[] gj = java.gradients().toDoubleVector();
            double[] gn = nd4j.gradients().toDoubleVector();
            for (int i = 0; i < gj.length; i++) {
                assertEquals(gn[i], gj[i], 1e-12, "gradient " + i);
            }
            assertArrayEquals(nd4j.logProb(data), java.logProb(data), 1e-11);
            assertArrayEquals(nd4j.conditionalsExact(data.bits(), 40), java.conditionalsExact(data.bits(), 40), 1e-13);
        }
    }

    @Test
    void receptiveFieldIsEveryEarlierPixel() {
        PixelOrdering o = PixelOrdering.random(3, 4, 8);
        Nade nade = new Nade(3, 4, 5, o, DataType.DOUBLE, 1);
        int[] pos = o.position();
        assertEquals(1, nade.depth());
        for (int j = 0; j < 12; j++) {
            boolean[] field = nade.receptiveField(j, 1);
            int size = 0;
            for (int i = 0; i < 12; i++) {
                assertEquals(pos[i] < pos[j], field[i]);
                size += field[i] ? 1 : 0;
            }
            assertEquals(pos[j], size);
        }
        assertThrows(IllegalArgumentException.class, () -> nade.receptiveField(0, 2));
    }

    @Test
    void parametersRoundTripAndFiniteness() {
        Nade nade = randomNade(3, 3, 4, PixelOrdering.raster(3, 3), 71, 1.0);
        assertEquals(2 * 9 * 4 + 9 + 4, nade.numParams());
        assertEquals(dev.genlab.model.discrete.ParameterCounts.nade(9, 4).longValue(), nade.numParams());
        double[] saved = nade.saveParams();
        Nade copy = new Nade(3, 3, 4, PixelOrdering.raster(3, 3), DataType.DOUBLE, 72);
        assertNotEquals(saved[0], copy.saveParams()[0]);
        copy.loadParams(saved);
        assertArrayEquals(saved, copy.saveParams());
        assertTrue(copy.isFinite());
        saved[5] = Double.NaN;
        copy.loadParams(saved);
        assertFalse(copy.isFinite());
        assertThrows(IllegalArgumentException.class, () -> copy.loadParams(new double[3]));
    }

    @Test
    void freshModelIsSeededAndFloatAgreesWithDouble() {
        Nade a = new Nade(4, 4, 6, DataType.DOUBLE, 5);
        Nade b = new Nade(4, 4, 6, DataType.DOUBLE, 5);
        assertArrayEquals(a.saveParams(), b.saveParams());
        Nade f = new Nade(4, 4, 6, DataType.FLOAT, 5);
        BinaryImages data = new BinaryImages(20, 4, 4, randomBits(new SplittableRandom(1), 320));
        double[] lpd = a.logProb(data);
        double[] lpf = f.logProb(data);
        for (int i = 0; i < lpd.length; i++) {
            assertEquals(lpd[i], lpf[i], 1e-4);
        }
        assertEquals(a.lossAndGradients(data, new int[] {1, 2, 3}), f.lossAndGradients(data, new int[] {1, 2, 3}), 1e-4);
    }
}
