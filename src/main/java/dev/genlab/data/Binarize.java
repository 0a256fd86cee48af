package dev.genlab.data;

import java.util.SplittableRandom;

/**
 * Turns grey images into 0/1 images, as binary models (Bernoulli likelihoods, counting lessons)
 * need.
 *
 * <ul>
 *   <li>threshold: x' = 1 if x ≥ t, else 0;</li>
 *   <li>stochastic (Salakhutdinov &amp; Murray 2008): x' ~ Bernoulli(x), i.e. x' = 1 if u &lt; x
 *       with u ~ U[0, 1) drawn from {@code SplittableRandom(seed)} pixel after pixel, so
 *       E[x'] = x and one seed gives one result.</li>
 * </ul>
 * Labels, size and name (with a suffix) are kept.
 */
public final class Binarize {

    private Binarize() {
    }

    /** 1 where the pixel is ≥ t, else 0. */
    public static ImageDataset threshold(ImageDataset ds, double t) {
        float[] p = ds.copyPixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] >= t ? 1f : 0f;
        }
        return ImageDataset.wrap(ds.name() + " (binary, t=" + t + ")", ds.rows(), ds.cols(), p, ds.labels());
    }

    /** 1 with probability equal to the pixel's intensity. */
    public static ImageDataset stochastic(ImageDataset ds, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = ds.copyPixels();
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextDouble() < p[i] ? 1f : 0f;
        }
        return ImageDataset.wrap(ds.name() + " (binary, sampled)", ds.rows(), ds.cols(), p, ds.labels());
    }
}
