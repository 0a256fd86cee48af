package dev.genlab.model.latent;

import java.util.SplittableRandom;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.scene.counting.CountingModel;

/**
 * The built-in digits as lesson 5 splits and binarises them (AutoregressiveLab.split,
 * CountingModel.binarise at 0.5): the last fifth, at most 2,000 images, held out; the images
 * before them for training. Pixels as count × 784 row-major floats 0/1 for {@link Vae}.
 */
final class VaeDigits {

    static final int SIDE = 28;
    static final int D = SIDE * SIDE;

    final BinaryImages trainBits;
    final BinaryImages testBits;
    final float[] train;
    final float[] test;

    private static VaeDigits cached;

    private VaeDigits() {
        ImageDataset d = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
        int n = d.size();
        int testCount = Math.min(2_000, n / 5);
        trainBits = CountingModel.binarise(d, SIDE, 0.5, n - testCount);
        testBits = CountingModel.binarise(d.subset(n - testCount, n), SIDE, 0.5, testCount);
        train = floats(trainBits);
        test = floats(testBits);
    }

    static synchronized VaeDigits get() {
        if (cached == null) {
            cached = new VaeDigits();
        }
        return cached;
    }

    int trainCount() {
        return trainBits.count();
    }

    int testCount() {
        return testBits.count();
    }

    static float[] floats(BinaryImages b) {
        float[] f = new float[b.count() * b.pixels()];
        byte[] bits = b.bits();
        for (int i = 0; i < f.length; i++) {
            f[i] = bits[i];
        }
        return f;
    }

    /** A random batch (with replacement) of training images into {@code out}. */
    void batch(SplittableRandom rng, float[] out, int count) {
        for (int k = 0; k < count; k++) {
            System.arraycopy(train, rng.nextInt(trainCount()) * D, out, k * D, D);
        }
    }

    /** Trains {@code vae} for {@code steps} Adam steps of {@code batch} images at a constant β. */
    static void train(Vae vae, int steps, int batch, double beta, double lr, long seed) {
        VaeDigits data = get();
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[batch * D];
        for (int s = 0; s < steps; s++) {
            data.batch(rng, x, batch);
            vae.step(x, batch, beta, lr, rng);
        }
    }
}
