package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;

/**
 * The chain-rule properties of {@link PixelCnn} in double precision, each against an independent
 * truth: exact normalisation over all 2^16 images of 4 × 4, the autoregressive property by flipping
 * pixels, teacher-forced conditionals against logProb, the structural receptive field against
 * perturbations, and the hyperparameter round trip. Weights are random and large (masked weights
 * included, so a leaking mask would show).
 */
class PixelCnnTest {

    /** Random parameters, every one of them (the masked weights too), uniform in ±scale. */
    static void randomise(PixelCnn m, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[(int) m.numParams()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * r.nextDouble() - 1) * scale;
        }
        m.loadParams(v);
    }

    static byte[] randomImages(SplittableRandom r, int count, int pixels) {
        byte[] b = new byte[count * pixels];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextBoolean() ? 1 : 0);
        }
        return b;
    }

    @Test
    void probabilitiesOfAllFourByFourImagesSumToOne() {
        PixelCnn m = new PixelCnn(4, 4, 4, 2, 3, 3, DataType.DOUBLE, 11);
        randomise(m, 12, 1.0);
        double[] lp = m.logProb(BinaryImages.all(4, 4));
        assertEquals(1 << 16, lp.length);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : lp) {
            sum += Math.exp(v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(1.0, sum, 1e-6);
        // far from uniform (ln 2^-16 = -11.1 for every image), so the sum is a real test
        assertTrue(max - min > 5, "log-probabilities span only " + (max - min));
    }

    @Test
    void theDefaultArchitectureIsNormalisedOnThreeByFourToo() {
        // 7 × 7 type-A kernel larger than the image: padding alone decides what is seen
        PixelCnn m = new PixelCnn(3, 4, DataType.DOUBLE, 13);
        randomise(m, 14, 0.5);
        double sum = 0;
        for (double v : m.logProb(BinaryImages.all(3, 4))) {
            sum += Math.exp(v);
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void changingAPixelNeverChangesTheConditionalsUpToIt() {
        for (int[] shape : new int[][] {{4, 4, 3}, {6, 5, 5}}) {
            int rows = shape[0];
            int cols = shape[1];
            PixelCnn m = new PixelCnn(rows, cols, 3, 2, shape[2], 3, DataType.DOUBLE, 21);
            randomise(m, 22, 1.0);
            int d = rows * cols;
            SplittableRandom r = new SplittableRandom(23);
            boolean someLaterChanged = false;
            for (int trial = 0; trial < 3; trial++) {
                byte[] base = randomImages(r, 1, d);
                // the base image and, for every j, the base with pixel j flipped: one batch
                byte[] batch = new byte[(d + 1) * d];
                for (int j = 0; j <= d; j++) {
                    System.arraycopy(base, 0, batch, j * d, d);
                    if (j < d) {
                        batch[j * d + j] ^= 1;
                    }
                }
                double[] p = m.conditionalsExact(batch, d + 1);
                for (int j = 0; j < d; j++) {
                    for (int i = 0; i < d; i++) {
                        double before = p[d * d + i];
                        double after = p[j * d + i];
                        if (i <= j) {
                            assertEquals(before, after, 1e-12, "pixel " + j + " changed the conditional of " + i);
                        } else if (Math.abs(before - after) > 1e-6) {
                            someLaterChanged = true;
                        }
                    }
                }
            }
            assertTrue(someLaterChanged, "no conditional depends on any earlier pixel: the test would be vacuous");
        }
    }

    @Test
    void teacherForcedConditionalsMultiplyToTheProbability() {
        PixelCnn m = new PixelCnn(5, 6, 4, 3, 5, 3, DataType.DOUBLE, 31);
        randomise(m, 32, 1.0);
        int d = 30;
        byte[] images = randomImages(new SplittableRandom(33), 7, d);
        double[] p = m.conditionalsExact(images, 7);
        double[] lp = m.logProb(new BinaryImages(7, 5, 6, images));
        float[] pf = m.conditionals(images, 7);
        for (int i = 0; i < 7; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double q = p[i * d + j];
                s += Math.log(images[i * d + j] == 1 ? q : 1 - q);
                assertEquals(q, pf[i * d + j], 1e-6);
            }
            assertEquals(lp[i], s, 1e-9);
        }
    }

    @Test
    void receptiveFieldOfOneTypeALayerIsItsMask() {
        PixelCnn m = new PixelCnn(6, 6, 2, 3, 3, 3, DataType.DOUBLE, 41);
        int pixel = 2 * 6 + 3;
        boolean[] f = m.receptiveField(pixel, 1);
        boolean[] expected = new boolean[36];
        for (int q : new int[] {1 * 6 + 2, 1 * 6 + 3, 1 * 6 + 4, 2 * 6 + 2}) {
            expected[q] = true;
        }
        assertArrayEquals(expected, f);
        // the first pixel sees nothing, at any depth
        for (int depth = 1; depth <= m.depth(); depth++) {
            for (boolean b : m.receptiveField(0, depth)) {
                assertFalse(b);
            }
        }
    }

    @Test
    void receptiveFieldIsCausalGrowsWithDepthAndHasTheBlindSpot() {
        int rows = 9;
        int cols = 9;
        PixelCnn m = new PixelCnn(rows, cols, 2, 5, 3, 3, DataType.DOUBLE, 42);
        assertEquals(6, m.depth());
        for (int pixel = 0; pixel < rows * cols; pixel++) {
            boolean[] previous = null;
            for (int depth = 1; depth <= m.depth(); depth++) {
                boolean[] f = m.receptiveField(pixel, depth);
                for (int q = 0; q < f.length; q++) {
                    assertTrue(!f[q] || q < pixel, "pixel " + pixel + " sees the later pixel " + q);
                    if (previous != null) {
                        assertTrue(!previous[q] || f[q], "field shrank at depth " + depth);
                    }
                }
                previous = f;
            }
        }
        // pixel (6, 3): at row 6 − d the field reaches at most column 3 + d
        int r = 6;
        int c = 3;
        boolean[] full = m.receptiveField(r * cols + c, m.depth());
        assertTrue(full[(r - 1) * cols + c + 1]);
        assertTrue(full[(r - 2) * cols + c + 2]);
        assertTrue(full[r * cols]); // the whole row to the left, via the (0, −1) taps
        int blind = 0;
        for (int rr = 0; rr <= r; rr++) {
            for (int cc = 0; cc < cols; cc++) {
                int q = rr * cols + cc;
                if (q < r * cols + c && !full[q]) {
                    blind++;
                    assertTrue(cc - c > r - rr, "unexpected hole at (" + rr + ", " + cc + ")");
                }
            }
        }
        assertTrue(!full[(r - 1) * cols + c + 2] && !full[(r - 1) * cols + c + 5], "no blind spot");
        // growing the stack does not fill it
        PixelCnn deeper = new PixelCnn(rows, cols, 2, 12, 3, 3, DataType.DOUBLE, 43);
        assertFalse(deeper.receptiveField(r * cols + c, deeper.depth())[(r - 1) * cols + c + 2]);
        assertTrue(blind >= 5, "blind spot of " + blind + " pixels");
    }

    /** The structural field contains every input whose flip changes the output, and here equals it. */
    @Test
    void receptiveFieldMatchesPerturbations() {
        int rows = 7;
        int cols = 7;
        int d = rows * cols;
        for (int[] arch : new int[][] {{3, 3, 1}, {3, 3, 3}, {5, 3, 2}}) {
            PixelCnn m = new PixelCnn(rows, cols, 4, arch[2], arch[0], arch[1], DataType.DOUBLE, 51);
            randomise(m, 52, 1.0);
            // positive biases keep most ReLUs on, so that few dependences hide behind a unit that is off
            double[] v = m.saveParams();
            for (int l = 0; l < m.numConvs(); l++) {
                MaskedConv2d conv = m.conv(l);
                int nw = conv.inputs() * conv.outputs() * conv.kernel() * conv.kernel();
                for (int o = 0; o < conv.outputs(); o++) {
                    v[(int) m.paramOffset(l) + nw + o] = 1.5;
                }
            }
            m.loadParams(v);
            SplittableRandom r = new SplittableRandom(53);
            boolean[][] seen = new boolean[d][d];
            for (int trial = 0; trial < 4; trial++) {
                byte[] base = randomImages(r, 1, d);
                byte[] batch = new byte[(d + 1) * d];
                for (int q = 0; q <= d; q++) {
                    System.arraycopy(base, 0, batch, q * d, d);
                    if (q < d) {
                        batch[q * d + q] ^= 1;
                    }
                }
                double[] p = m.conditionalsExact(batch, d + 1);
                for (int q = 0; q < d; q++) {
                    for (int j = 0; j < d; j++) {
                        if (p[q * d + j] != p[d * d + j]) {
                            seen[j][q] = true;
                        }
                    }
                }
            }
            int structural = 0;
            int empirical = 0;
            for (int j = 0; j < d; j++) {
                boolean[] f = m.receptiveField(j, m.depth());
                for (int q = 0; q < d; q++) {
                    assertTrue(f[q] || !seen[j][q], "flipping " + q + " changed " + j + " outside its field");
                    structural += f[q] ? 1 : 0;
                    empirical += seen[j][q] ? 1 : 0;
                }
            }
            // ReLUs that stay off for every trial could hide a dependence; with four random bases none did
            assertEquals(structural, empirical, "structural and perturbed fields differ for " + arch[0] + "/"
                    + arch[1] + " x" + arch[2]);
        }
    }

    @Test
    void hyperparametersAndParamsRebuildTheSameModel() {
        PixelCnn m = new PixelCnn(5, 4, 3, 2, 5, 3, DataType.DOUBLE, 61);
        randomise(m, 62, 0.7);
        Map<String, String> h = m.hyperparameters();
        assertEquals("pixelcnn", h.get("model"));
        assertEquals("DOUBLE", h.get("dataType"));
        PixelCnn copy = PixelCnn.fromHyperparameters(h, m.saveParams());
        assertEquals(m.numParams(), copy.numParams());
        assertEquals(h, copy.hyperparameters());
        BinaryImages data = new BinaryImages(9, 5, 4, randomImages(new SplittableRandom(63), 9, 20));
        assertArrayEquals(m.logProb(data), copy.logProb(data), 0.0);

        PixelCnn single = new PixelCnn(5, 4, 3, 2, 5, 3, DataType.FLOAT, 64);
        float[] f = new float[(int) single.numParams()];
        double[] saved = single.saveParams();
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) saved[i];
        }
        PixelCnn fromFloats = PixelCnn.fromHyperparameters(single.hyperparameters(), f);
        assertEquals(DataType.FLOAT, fromFloats.dataType());
        assertArrayEquals(saved, fromFloats.saveParams(), 0.0);
        assertArrayEquals(single.logProb(data), fromFloats.logProb(data), 0.0);

        assertThrows(IllegalArgumentException.class, () -> PixelCnn.fromHyperparameters(Map.of("rows", "3"), saved));
        assertThrows(IllegalArgumentException.class, () -> m.loadParams(new double[3]));
    }

    @Test
    void isFiniteSeesANaN() {
        PixelCnn m = new PixelCnn(4, 4, 2, 1, 3, 3, DataType.FLOAT, 71);
        assertTrue(m.isFinite());
        double[] v = m.saveParams();
        v[v.length / 2] = Double.NaN;
        m.loadParams(v);
        assertFalse(m.isFinite());
    }

    @Test
    void maskedWeightsStartAtZeroAndDefaultsAreDocumented() {
        PixelCnn m = new PixelCnn(28, 28, DataType.FLOAT, 81);
        assertEquals(PixelCnn.DEFAULT_CHANNELS, m.channels());
        assertEquals(PixelCnn.DEFAULT_LAYERS, m.layers());
        assertEquals("raster", m.ordering().id());
        assertEquals(1 + PixelCnn.DEFAULT_LAYERS, m.depth());
        double[] v = m.saveParams();
        for (int l = 0; l < m.numConvs(); l++) {
            MaskedConv2d conv = m.conv(l);
            int block = conv.inputs() * conv.outputs();
            int nw = block * conv.kernel() * conv.kernel();
            for (int i = 0; i < nw; i++) {
                double w = v[(int) m.paramOffset(l) + i];
                assertEquals(i / block >= conv.taps(), w == 0.0, "layer " + l + " weight " + i);
            }
        }
    }
}
