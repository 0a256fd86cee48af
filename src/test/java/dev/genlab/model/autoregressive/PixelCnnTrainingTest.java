package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.nn.Adam;

/**
 * Adam on procedural digits (14 × 14, binarised at 0.5, FLOAT as in the app): a fixed number of
 * steps from a fixed seed must bring the held-out NLL below that of independent Bernoulli pixels
 * fitted on the same training images, and two runs with one seed must be bit-identical.
 */
class PixelCnnTrainingTest {

    private static final int SIZE = 14;
    private static final int TRAIN = 600;
    private static final int TEST = 200;
    private static final int BATCH = 32;

    private static BinaryImages digits() {
        return BinaryImages.from(ProceduralDigits.generate(TRAIN + TEST, 2024), SIZE, 0.5, TRAIN + TEST);
    }

    /** Trains a fresh model; returns the losses of every step. */
    private static double[] train(PixelCnn m, BinaryImages train, int steps, long seed) {
        Adam adam = new Adam(m.numParams(), m.dataType(), PixelCnn.DEFAULT_LEARNING_RATE);
        SplittableRandom r = new SplittableRandom(seed);
        int[] batch = new int[BATCH];
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < BATCH; i++) {
                batch[i] = r.nextInt(train.count());
            }
            losses[s] = m.lossAndGradients(train, batch);
            adam.step(m.params(), m.gradients());
        }
        return losses;
    }

    private static PixelCnn model() {
        return new PixelCnn(SIZE, SIZE, 16, 3, 5, 3, DataType.FLOAT, 7);
    }

    @Test
    void beatsIndependentPixelsOnHeldOutDigits() {
        BinaryImages all = digits();
        BinaryImages train = all.subset(0, TRAIN);
        BinaryImages test = all.subset(TRAIN, TRAIN + TEST);
        IndependentModel independent = new IndependentModel(SIZE, SIZE, 1.0);
        independent.fit(train);
        double baseline = independent.nll(test);

        PixelCnn m = model();
        double before = m.meanNll(test);
        double[] losses = train(m, train, 200, 8);
        double after = m.meanNll(test);
        System.out.printf("pixelcnn 14x14 held-out NLL %.2f -> %.2f nats, independent %.2f, last loss %.2f%n",
                before, after, baseline, losses[losses.length - 1]);
        assertTrue(m.isFinite());
        assertTrue(before > baseline, "an untrained model should not already beat the baseline");
        assertTrue(after < baseline, "held-out NLL " + after + " not below independent " + baseline);
    }

    @Test
    void twoRunsWithOneSeedAreBitIdentical() {
        BinaryImages train = digits().subset(0, TRAIN);
        PixelCnn a = model();
        PixelCnn b = model();
        double[] la = train(a, train, 15, 9);
        double[] lb = train(b, train, 15, 9);
        assertArrayEquals(la, lb, 0.0);
        assertArrayEquals(a.saveParams(), b.saveParams(), 0.0);
        // and the seed matters
        PixelCnn c = new PixelCnn(SIZE, SIZE, 16, 3, 5, 3, DataType.FLOAT, 8);
        assertTrue(train(c, train, 1, 9)[0] != la[0]);
    }
}
