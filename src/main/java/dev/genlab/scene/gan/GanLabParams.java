package dev.genlab.scene.gan;

import java.util.Locale;

import dev.genlab.data.ImageDataset;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanLoss;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * What lesson 8's trainer reads: the panel shown (the lab trains only while the plane shows), the data set,
 * the 2-D GAN's config built from the knobs, and the points the student drew. Immutable: the drawn arrays are
 * never written after the scene made them (the scene makes new ones when a point is added or cleared, so the
 * lab can tell a new set by identity).
 *
 * @param panel  the panel shown
 * @param data   a {@link dev.genlab.data.ToyDistributions} id, "ring8" ({@link dev.genlab.model.gan.GanPresets#ring()})
 *               or {@link GanParams#DRAWN}
 * @param config the GAN: G and D with the depth and width knobs, ReLU, the noise knobs, Adam β = (0.5, 0.999)
 * @param drawnX the drawn points (used when data is {@link GanParams#DRAWN}; may be empty)
 * @param drawnY
 * @param image  the image panel's GAN ({@link ImageLab})
 */
public record GanLabParams(Panel panel, String data, Gan2D.Config config, double[] drawnX, double[] drawnY,
                           ImageParams image) {

    private static final double[] NONE = new double[0];

    /** The knobs, with no drawn points and no images (the image panel then says it has none). */
    public static GanLabParams from(KnobValues v) {
        return from(v, new double[][] {NONE, NONE}, null);
    }

    /** The knobs and the drawn points {xs, ys}, no images. */
    public static GanLabParams from(KnobValues v, double[][] drawn) {
        return from(v, drawn, null);
    }

    /** The knobs and the images, no drawn points. */
    public static GanLabParams from(KnobValues v, ImageDataset images) {
        return from(v, new double[][] {NONE, NONE}, images);
    }

    /** The knobs, the drawn points {xs, ys} and the scene's images. */
    public static GanLabParams from(KnobValues v, double[][] drawn, ImageDataset images) {
        Gan2D.Noise noise = "uniform".equals(v.get(GanParams.NOISE)) ? Gan2D.Noise.UNIFORM : Gan2D.Noise.GAUSSIAN;
        Gan2D.Config c = Gan2D.Config.defaults()
                .withNoise(v.get(GanParams.NOISE_DIM), noise)
                .withGenerator(v.get(GanParams.G_DEPTH), v.get(GanParams.G_WIDTH))
                .withDiscriminator(v.get(GanParams.D_DEPTH), v.get(GanParams.D_WIDTH))
                .withLoss(GanLoss.valueOf(v.get(GanParams.GAN_LOSS).toUpperCase(Locale.ROOT)))
                .withOptimiser("sgd".equals(v.get(GanParams.OPTIMISER)) ? Gan2D.Optimiser.SGD : Gan2D.Optimiser.ADAM,
                        v.get(GanParams.LR_D), v.get(GanParams.LR_G))
                .withBatchSize(v.get(GanParams.BATCH))
                .withSteps(v.get(GanParams.K_D), 1)
                .withMinibatchFeature(v.get(GanParams.MINIBATCH))
                .withSeed(v.get(GanParams.SEED));
        return new GanLabParams(v.get(GanParams.PANEL), v.get(GanParams.DATA), c, drawn[0], drawn[1],
                ImageParams.from(v, images));
    }

    /** Whether the GAN trains on drawn points. */
    public boolean drawn() {
        return GanParams.DRAWN.equals(data);
    }

    /**
     * Same data, networks and seed: the running GAN can adopt the other config (loss, rates, batch, k, noise
     * distribution…) as it trains. Drawn points added or cleared are followed too, without a restart.
     */
    boolean sameGan(GanLabParams o) {
        return data.equals(o.data) && config.seed() == o.config.seed() && config.sameGenerator(o.config)
                && config.sameDiscriminator(o.config);
    }
}
