package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.FloatAdam;

/**
 * MADE against independent truths: the masks' degrees re-derived from the paper's rules, the
 * autoregressive property by perturbing the network itself, normalisation over every image,
 * finite differences, sample frequencies (chi-square) and training on correlated data.
 */
class MadeTest {

    /** A DOUBLE MADE whose parameters are all drawn from N(0, scale²) (then masked), biases included. */
    static Made randomMade(int rows, int cols, int[] hidden, PixelOrdering o, long seed, double scale) {
        Made made = new Made(rows, cols, hidden, o, DataType.DOUBLE, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[] p = new double[(int) made.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scale * NadeTest.gaussian(r);
        }
        made.loadParams(p);
        return made;
    }

    @Test
    void degreesAndMasksFollowThePaper() {
        int[] order = PixelOrdering.random(3, 4, 5).order();
        MadeMasks m = new MadeMasks(order, new int[] {20, 15, 9}, 3);
        int d = 12;
        for (int t = 0; t < d; t++) {
            assertEquals(t + 1, m.degrees(0)[order[t]]);
        }
        int low = 1;
        for (int l = 1; l <= 3; l++) {
            int min = Integer.MAX_VALUE;
            for (int deg : m.degrees(l)) {
                assertTrue(deg >= low && deg <= d - 1, "degree " + deg + " of layer " + l);
                min = Math.min(min, deg);
            }
            low = min;
        }
        // masks re-derived from the degrees: ≥ between hidden layers, strictly > into the outputs
        for (int l = 0; l <= 3; l++) {
            boolean[][] mk = m.mask(l);
            int[] below = m.degrees(l);
            int[] above = l == 3 ? m.degrees(0) : m.degrees(l + 1);
            for (int o = 0; o < mk.length; o++) {
                for (int i = 0; i < mk[o].length; i++) {
                    assertEquals(l == 3 ? above[o] > below[i] : above[o] >= below[i], mk[o][i]);
                }
            }
        }
        assertTrue(m.violations().isEmpty());
        // the first pixel in the ordering sees nothing, every other sees at least one earlier pixel here
        long[][] c = m.connectivity();
        for (int j = 0; j < d; j++) {
            assertEquals(0, c[order[0]][j]);
        }
    }

    @Test
    void pathCountsAreTheProductOfTheMasks() {
        // independent: multiply the 0/1 masks as matrices
        MadeMasks m = new MadeMasks(PixelOrdering.random(2, 3, 9).order(), new int[] {7, 5}, 4);
        boolean[][] a = m.mask(0);
        boolean[][] b = m.mask(1);
        boolean[][] v = m.mask(2);
        long[][] c = m.connectivity();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                long paths = 0;
                for (int k2 = 0; k2 < 5; k2++) {
                    for (int k1 = 0; k1 < 7; k1++) {
                        paths += (v[i][k2] && b[k2][k1] && a[k1][j]) ? 1 : 0;
                    }
                }
                assertEquals(paths, c[i][j], "paths " + i + " <- " + j);
            }
        }
    }

    @Test
    void everyOutputIgnoresItselfAndLaterInputs() {
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(3, 3), PixelOrdering.random(3, 3, 21)}) {
            Made made = randomMade(3, 3, new int[] {12, 10}, o, 31, 1.0);
            int d = 9;
            int[] pos = o.position();
            long[][] c = made.masks().connectivity();
            SplittableRandom r = new SplittableRandom(4);
            for (int trial = 0; trial < 10; trial++) {
                byte[] x = NadeTest.randomBits(r, d);
                double[] base = made.logits(x, 1);
                for (int j = 0; j < d; j++) {
                    byte[] y = x.clone();
                    y[j] ^= 1;
                    double[] z = made.logits(y, 1);
                    for (int i = 0; i < d; i++) {
                        if (pos[i] <= pos[j]) {
                            assertEquals(base[i], z[i], 0.0, o.id() + ": output " + i + " moved with input " + j);
                        }
                        if (z[i] != base[i]) {
                            assertTrue(c[i][j] > 0, "output " + i + " moved with input " + j + " without a path");
                        }
                    }
                }
            }
        }
    }

    @Test
    void probabilitiesOfAllImagesSumToOne() {
        for (int[] shape : new int[][] {{2, 2}, {2, 4}, {2, 5}}) {
            int rows = shape[0];
            int cols = shape[1];
            BinaryImages all = BinaryImages.all(rows, cols);
            Made made = randomMade(rows, cols, new int[] {16, 12}, PixelOrdering.random(rows, cols, 3), 7, 1.2);
            double s = 0;
            for (double lp : made.logProb(all)) {
                s += Math.exp(lp);
            }
            assertEquals(1.0, s, 1e-9, rows + "x" + cols);
        }
        // FLOAT, the app's precision, over 2^10 images
        Made f = new Made(2, 5, new int[] {32}, DataType.FLOAT, 3);
        double s = 0;
        for (double lp : f.logProb(BinaryImages.all(2, 5))) {
            s += Math.exp(lp);
        }
        assertEquals(1.0, s, 1e-5);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Made made = randomMade(2, 3, new int[] {6, 5}, PixelOrdering.random(2, 3, 2), 13, 0.8);
        SplittableRandom r = new SplittableRandom(6);
        BinaryImages data = new BinaryImages(8, 2, 3, NadeTest.randomBits(r, 8 * 6));
        int[] batch = {0, 1, 2, 3, 4, 5, 6, 7, 2};
        made.lossAndGradients(data, batch);
        double[] analytic = made.gradients().toDoubleVector();
        double[] p0 = made.saveParams();
        double h = 1e-6;
        double diff = 0;
        double norm = 0;
        int masked = 0;
        for (int i = 0; i < p0.length; i++) {
            if (p0[i] == 0) {
                // a masked weight (a free one is never exactly 0 here): no gradient
                assertEquals(0.0, analytic[i], 0.0, "masked parameter " + i);
                masked++;
                continue;
            }
            double[] p = p0.clone();
            p[i] = p0[i] + h;
            made.loadParams(p);
            double up = made.lossAndGradients(data, batch);
            p[i] = p0[i] - h;
            made.loadParams(p);
            double down = made.lossAndGradients(data, batch);
            double numeric = (up - down) / (2 * h);
            diff += (numeric - analytic[i]) * (numeric - analytic[i]);
            norm += analytic[i] * analytic[i];
        }
        made.loadParams(p0);
        assertTrue(masked > 0);
        assertEquals(p0.length - masked, made.numFreeParams());
        assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
    }

    /** Images of a 3 × 3 "bar" source: a row or a column fully on, 5 % of pixels flipped. */
    static BinaryImages bars(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] bits = new byte[count * 9];
        for (int k = 0; k < count; k++) {
            int line = r.nextInt(6);
            for (int j = 0; j < 9; j++) {
                boolean on = line < 3 ? j / 3 == line : j % 3 == line - 3;
                bits[k * 9 + j] = (byte) ((on ^ r.nextDouble() < 0.05) ? 1 : 0);
            }
        }
        return new BinaryImages(count, 3, 3, bits);
    }

    @Test
    void trainingLearnsCorrelationsTheIndependentModelCannot() {
        BinaryImages train = bars(2_000, 1);
        BinaryImages test = bars(1_000, 2);
        Made made = new Made(3, 3, new int[] {64}, DataType.FLOAT, 5);
        made.initOutputBiasFromMarginals(train, 0.5);
        IndependentModel ind = new IndependentModel(3, 3, 0.5);
        ind.fit(train);
        double before = made.meanNll(test);
        assertEquals(ind.nll(test), before, 0.5, "marginal init starts near the independent model");
        FloatAdam adam = new FloatAdam(made.numParams());
        SplittableRandom r = new SplittableRandom(3);
        int[] batch = new int[64];
        for (int step = 0; step < 600; step++) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = r.nextInt(train.count());
            }
            made.lossAndGradients(train, batch);
            adam.step(made.params(), made.gradients(), 0.01);
        }
        double after = made.meanNll(test);
        // the source's entropy: 6 equally likely lines, then 9 independent 5 % flips
        double flip = -(0.05 * Math.log(0.05) + 0.95 * Math.log(0.95));
        double entropy = Math.log(6) + 9 * flip;
        assertTrue(after < ind.nll(test) - 1.0, "MADE " + after + " vs independent " + ind.nll(test));
        assertTrue(after > entropy - 0.1 && after < entropy + 0.4, "test NLL " + after + ", entropy " + entropy);
        // masked weights never moved
        INDArray p = made.params();
        double[] v = p.toDoubleVector();
        Made fresh = new Made(3, 3, new int[] {64}, DataType.FLOAT, 5);
        double[] f = fresh.saveParams();
        for (int i = 0; i < v.length; i++) {
            if (f[i] == 0 && isWeight(made, i)) {
                assertEquals(0.0, v[i], 0.0);
            }
        }
    }

    /** Whether flat index i is a weight (not a bias) in Mlp's layout. */
    static boolean isWeight(Made made, int i) {
        MadeMasks m = made.masks();
        int off = 0;
        for (int l = 0; l < m.layers(); l++) {
            int w = m.width(l) * m.width(l + 1);
            if (i < off + w) {
                return true;
            }
            off += w + m.width(l + 1);
            if (i < off) {
                return false;
            }
        }
        return false;
    }

    @Test
    void samplesFollowTheModelAndNotAnother() {
        PixelOrdering o = PixelOrdering.random(3, 3, 17);
        Made made = randomMade(3, 3, new int[] {10, 8}, o, 41, 1.2);
        Made other = randomMade(3, 3, new int[] {10, 8}, o, 42, 1.2);
        int n = NadeTest.SAMPLES;
        AutoregressiveModel.Completion run = made.complete(new byte[n * 9], n, 0, new SplittableRandom(1));
        assertEquals(9, run.advance(100));
        assertTrue(run.done());
        long[] observed = NadeTest.counts(run.images(), n, 9);
        double[] own = NadeTest.chiSquare(observed, probabilities(made), n);
        assertTrue(own[0] < own[1], "chi-square " + own[0] + " above critical " + own[1]);
        double[] wrong = NadeTest.chiSquare(observed, probabilities(other), n);
        assertTrue(wrong[0] > wrong[1], "another model's probabilities were not rejected: " + wrong[0]);
    }

    static double[] probabilities(Made made) {
        double[] lp = made.logProb(BinaryImages.all(made.rows(), made.cols()));
        double[] p = new double[lp.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(lp[i]);
        }
        return p;
    }

    @Test
    void completionConditionalsAreTheForwardPassConditionals() {
        // the cached sampler (running first-layer sums) against one full forward pass per prefix
        PixelOrdering o = PixelOrdering.random(2, 4, 8);
        Made made = randomMade(2, 4, new int[] {9, 7}, o, 51, 1.0);
        byte[] start = {1, 0, 1, 1, 0, 1, 0, 0};
        AutoregressiveModel.Completion run = made.complete(start, 1, 3, new SplittableRandom(9));
        while (!run.done()) {
            float[] next = run.nextConditionals();
            int j = o.order()[run.step()];
            float[] full = made.conditionals(run.images(), 1);
            assertEquals(full[j], next[0], 1e-6, "step " + run.step());
            run.advance(1);
        }
        byte[] out = run.images();
        for (int t = 0; t < 3; t++) {
            assertEquals(start[o.order()[t]], out[o.order()[t]], "a given pixel changed");
        }
    }

    @Test
    void checkpointRoundTrip() throws Exception {
        Made made = randomMade(3, 3, new int[] {10, 6}, PixelOrdering.random(3, 3, 4), 61, 0.7);
        Checkpoint cp = made.toCheckpoint(Map.of("steps", "0"));
        java.nio.file.Path file = java.nio.file.Files.createTempFile("made", ".bin.gz");
        try {
            cp.write(file);
            Made back = Made.fromCheckpoint(Checkpoint.read(file), DataType.DOUBLE);
            assertArrayEquals(made.masks().mask(0)[3], back.masks().mask(0)[3]);
            assertEquals(made.ordering(), back.ordering());
            BinaryImages all = BinaryImages.all(3, 3);
            double[] a = made.logProb(all);
            double[] b = back.logProb(all);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5);
            }
            assertNotEquals(0.0, a[0]);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
