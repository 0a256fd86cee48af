package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.model.gan.ImageGan.Config;

/**
 * A short fixed-seed run of the default GAN ({@link Config#digits()}, seed 11) on the first 8,000
 * built-in digits. First {@link #D_ONLY} discriminator steps alone: D learns to reject G's grey
 * blobs, the mean D(G(z)) over 1,000 fresh samples falls near 0. Then {@link #STEPS} D+G steps:
 * G climbs back to where D is unsure, and the nearest-centroid classifier finds most digits among
 * 1,000 samples. Measured: mean D(G(z)) 0.0027 after the D steps, 0.110 after the D+G steps;
 * 7 classes with at least 2 % of the samples, evenness 0.676 (counts 38, 494, 2, 79, 71, 47, 89, 3,
 * 0, 177: early on G favours ones). The thresholds leave margin: &lt; 0.02, &gt; 0.05, ≥ 6, &gt; 0.55.
 */
class ImageGanTrainingTest {

    static final int D_ONLY = 100;
    static final int STEPS = 1_200;
    static final int SAMPLES = 1_000;

    @Test
    void theGeneratorClimbsOutOfRejectionAndDrawsMostDigits() {
        ImageGanDigits data = ImageGanDigits.get();
        ImageGan gan = new ImageGan(Config.digits().withSeed(11));
        SplittableRandom rng = new SplittableRandom(12);
        float[] x = new float[64 * ImageGanDigits.D];
        for (int i = 0; i < D_ONLY; i++) {
            data.batch(rng, x, null, 64);
            gan.stepD(x, null, rng);
        }
        double rejected = meanD(gan, new SplittableRandom(13));
        long t0 = System.nanoTime();
        ImageGanDigits.train(gan, STEPS, 14);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double accepted = meanD(gan, new SplittableRandom(13));
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(data.trainSet);
        NearestCentroidClassifier.Coverage c = clf.coverage(clf.classify(gan.sample(SAMPLES, null, new SplittableRandom(15)), SAMPLES));
        System.out.printf(Locale.ROOT, "D(G(z)) %.4f after %d D steps, %.4f after %d D+G steps (%.1f s); %s%n",
                rejected, D_ONLY, accepted, STEPS, seconds, c);
        assertTrue(gan.isFinite());
        assertTrue(rejected < 0.02, "D(G(z)) after D alone: " + rejected);
        assertTrue(accepted > 0.05, "D(G(z)) after training: " + accepted);
        assertTrue(c.covered() >= 6, "coverage " + c);
        assertTrue(c.evenness() > 0.55, "coverage " + c);
    }

    private static double meanD(ImageGan gan, SplittableRandom rng) {
        double[] d = gan.discriminate(gan.sample(SAMPLES, null, rng), null, SAMPLES);
        double s = 0;
        for (double v : d) {
            s += v;
        }
        return s / SAMPLES;
    }
}
