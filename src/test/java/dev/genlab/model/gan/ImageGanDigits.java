package dev.genlab.model.gan;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;

/**
 * The built-in digits as lessons 5 and 7 split them: the last 2,000 of the 10,000 held out, the
 * first 8,000 for training; grey levels in [0, 1] (not binarised: the GAN draws pixel means), with
 * their labels.
 */
final class ImageGanDigits {

    static final int SIDE = ProceduralDigits.SIZE;
    static final int D = SIDE * SIDE;
    static final int CLASSES = 10;

    final ImageDataset trainSet;
    final ImageDataset testSet;
    final float[] train;
    final int[] trainLabels;
    final float[] test;
    final int[] testLabels;

    private static ImageGanDigits cached;

    private ImageGanDigits() {
        ImageDataset all = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
        int n = all.size();
        int testCount = Math.min(2_000, n / 5);
        trainSet = all.subset(0, n - testCount);
        testSet = all.subset(n - testCount, n);
        train = trainSet.copyPixels();
        trainLabels = trainSet.labels();
        test = testSet.copyPixels();
        testLabels = testSet.labels();
    }

    static synchronized ImageGanDigits get() {
        if (cached == null) {
            cached = new ImageGanDigits();
        }
        return cached;
    }

    int trainCount() {
        return trainLabels.length;
    }

    int testCount() {
        return testLabels.length;
    }

    /** A random batch (with replacement) of training images into {@code out}, their labels into {@code labels}. */
    void batch(SplittableRandom rng, float[] out, int[] labels, int count) {
        for (int k = 0; k < count; k++) {
            int i = rng.nextInt(trainCount());
            System.arraycopy(train, i * D, out, k * D, D);
            if (labels != null) {
                labels[k] = trainLabels[i];
            }
        }
    }

    /** Trains {@code gan} for {@code steps} D+G steps of its configured batch; returns the last stats. */
    static ImageGanStats train(ImageGan gan, int steps, long seed) {
        ImageGanDigits data = get();
        int b = gan.config().batch();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[b * D];
        int[] y = gan.config().conditional() ? new int[b] : null;
        ImageGanStats s = null;
        for (int i = 0; i < steps; i++) {
            data.batch(rng, x, y, b);
            s = gan.step(x, y, rng);
        }
        return s;
    }

    /** Labels 0, 1, …, C−1, 0, 1, … for {@code count} conditional samples (null when unconditional). */
    static int[] cyclicLabels(ImageGan gan, int count) {
        if (!gan.config().conditional()) {
            return null;
        }
        int[] y = new int[count];
        Arrays.setAll(y, i -> i % gan.config().classes());
        return y;
    }
}
