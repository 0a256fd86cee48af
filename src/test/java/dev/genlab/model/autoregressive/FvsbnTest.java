package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.ParameterCounts;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * The fully visible sigmoid belief net against independent truths: its parameter count by the
 * formula n(n + 1)/2, each conditional by the logistic regression written out, the gradient by finite
 * differences and by the closed form (σ(z_i) − x_i) x_j, normalisation over every image, and the
 * sampler's running sums against the forward pass.
 */
class FvsbnTest {

    /** A DOUBLE FVSBN with every parameter drawn from N(0, scale²), then masked. */
    static Fvsbn randomFvsbn(int rows, int cols, PixelOrdering o, long seed, double scale) {
        Fvsbn f = new Fvsbn(rows, cols, o, DataType.DOUBLE, seed);
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[] p = new double[(int) f.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = scale * NadeTest.gaussian(r);
        }
        f.loadParams(p);
        return f;
    }

    /** w_ij (input j into output i) from the stored layout: W in × out column-major, then b. */
    static double w(double[] p, int d, int i, int j) {
        return p[i * d + j];
    }

    @Test
    void parametersAreNTimesNPlusOneOverTwo() {
        for (int[] s : new int[][] {{2, 3}, {4, 4}, {28, 28}}) {
            int n = s[0] * s[1];
            Fvsbn f = new Fvsbn(s[0], s[1], PixelOrdering.random(s[0], s[1], 5), DataType.FLOAT, 1);
            assertEquals(ParameterCounts.fvsbn(n), BigInteger.valueOf(f.numFreeParams()), n + " pixels");
            assertEquals((long) n * n + n, f.numParams(), "stored: the dense D x D layer and the biases");
            assertEquals((long) n * n, f.multiplyAddsPerImage());
        }
        assertEquals(307_720, new Fvsbn(28, 28, DataType.FLOAT, 1).numFreeParams());
    }

    @Test
    void eachConditionalIsALogisticRegressionOnTheEarlierPixels() {
        PixelOrdering o = PixelOrdering.random(2, 4, 3);
        Fvsbn f = randomFvsbn(2, 4, o, 7, 1.0);
        int d = 8;
        double[] p = f.saveParams();
        int[] pos = o.position();
        SplittableRandom r = new SplittableRandom(2);
        byte[] x = NadeTest.randomBits(r, 5 * d);
        float[] c = f.conditionals(x, 5);
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < d; i++) {
                double z = p[d * d + i];
                for (int j = 0; j < d; j++) {
                    if (pos[j] < pos[i]) {
                        z += w(p, d, i, j) * x[k * d + j];
                    } else {
                        assertEquals(0.0, w(p, d, i, j), 0.0, "masked: output " + i + ", input " + j);
                    }
                }
                assertEquals(1 / (1 + Math.exp(-z)), c[k * d + i], 1e-6, "image " + k + ", pixel " + i);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferencesAndTheClosedForm() {
        PixelOrdering o = PixelOrdering.random(2, 3, 4);
        Fvsbn f = randomFvsbn(2, 3, o, 11, 0.8);
        int d = 6;
        SplittableRandom r = new SplittableRandom(6);
        BinaryImages data = new BinaryImages(8, 2, 3, NadeTest.randomBits(r, 8 * d));
        int[] batch = {0, 1, 2, 3, 4, 5, 6, 7, 2};
        f.lossAndGradients(data, batch);
        double[] analytic = f.gradients().toDoubleVector();
        double[] p0 = f.saveParams();
        // closed form: dL/dw_ij = mean_k (σ(z_i) − x_i) x_j, dL/db_i = mean_k (σ(z_i) − x_i)
        byte[] bits = new byte[batch.length * d];
        for (int k = 0; k < batch.length; k++) {
            System.arraycopy(data.image(batch[k]), 0, bits, k * d, d);
        }
        float[] q = f.conditionals(bits, batch.length);
        int[] pos = o.position();
        for (int i = 0; i < d; i++) {
            double gb = 0;
            for (int k = 0; k < batch.length; k++) {
                gb += (q[k * d + i] - bits[k * d + i]) / (double) batch.length;
            }
            assertEquals(gb, analytic[d * d + i], 1e-6, "b_" + i);
            for (int j = 0; j < d; j++) {
                double g = 0;
                for (int k = 0; k < batch.length; k++) {
                    g += (q[k * d + i] - bits[k * d + i]) * bits[k * d + j] / (double) batch.length;
                }
                assertEquals(pos[j] < pos[i] ? g : 0.0, analytic[i * d + j], 1e-6, "w_" + i + "," + j);
            }
        }
        double h = 1e-6;
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < p0.length; i++) {
            if (p0[i] == 0) {
                continue;
            }
            double[] p = p0.clone();
            p[i] = p0[i] + h;
            f.loadParams(p);
            double up = f.lossAndGradients(data, batch);
            p[i] = p0[i] - h;
            f.loadParams(p);
            double down = f.lossAndGradients(data, batch);
            double numeric = (up - down) / (2 * h);
            diff += (numeric - analytic[i]) * (numeric - analytic[i]);
            norm += analytic[i] * analytic[i];
        }
        f.loadParams(p0);
        assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
    }

    @Test
    void probabilitiesOfAllImagesSumToOne() {
        BinaryImages all = BinaryImages.all(2, 5);
        Fvsbn f = randomFvsbn(2, 5, PixelOrdering.random(2, 5, 9), 3, 1.3);
        double s = 0;
        for (double lp : f.logProb(all)) {
            s += Math.exp(lp);
        }
        assertEquals(1.0, s, 1e-9);
    }

    @Test
    void completionConditionalsAreTheForwardPassConditionals() {
        PixelOrdering o = PixelOrdering.random(2, 4, 8);
        Fvsbn f = randomFvsbn(2, 4, o, 51, 1.0);
        byte[] start = {1, 0, 1, 1, 0, 1, 0, 0};
        AutoregressiveModel.Completion run = f.complete(start, 1, 3, new SplittableRandom(9));
        while (!run.done()) {
            float[] next = run.nextConditionals();
            int j = o.order()[run.step()];
            assertEquals(f.conditionals(run.images(), 1)[j], next[0], 1e-6, "step " + run.step());
            run.advance(1);
        }
        byte[] out = run.images();
        for (int t = 0; t < 3; t++) {
            assertEquals(start[o.order()[t]], out[o.order()[t]], "a given pixel changed");
        }
        boolean[] field = f.receptiveField(o.order()[4], 1);
        for (int t = 0; t < 8; t++) {
            assertEquals(t < 4, field[o.order()[t]], "the whole past, nothing else");
        }
    }
}
