package dev.genlab.scene.gan;

import java.util.Locale;

import dev.genlab.data.ImageDataset;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanLoss;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * What lesson 8's trainer reads: the panel shown (the lab trains only while the plane shows), the data set
 * and the 2-D GAN's config built from the knobs. Immutable.
 *
 * @param panel  the panel shown
 * @param data   a {@link dev.genlab.data.ToyDistributions} id or "ring8" ({@link dev.genlab.model.gan.GanPresets#ring()})
 * @param config the GAN: G and D with 2 hidden layers of the width knobs, ReLU, Gaussian noise, Adam β = (0.5, 0.999)
 * @param image  the image panel's GAN ({@link ImageLab})
 */
public record GanLabParams(Panel panel, String data, Gan2D.Config config, ImageParams image) {

    /** The knobs, without images (the image panel then says it has none). */
    public static GanLabParams from(KnobValues v) {
        return from(v, null);
    }

    public static GanLabParams from(KnobValues v, ImageDataset images) {
        Gan2D.Config c = Gan2D.Config.defaults()
                .withNoise(v.get(GanParams.NOISE_DIM), Gan2D.Noise.GAUSSIAN)
                .withGenerator(2, v.get(GanParams.G_WIDTH))
                .withDiscriminator(2, v.get(GanParams.D_WIDTH))
                .withLoss(GanLoss.valueOf(v.get(GanParams.GAN_LOSS).toUpperCase(Locale.ROOT)))
                .withOptimiser("sgd".equals(v.get(GanParams.OPTIMISER)) ? Gan2D.Optimiser.SGD : Gan2D.Optimiser.ADAM,
                        v.get(GanParams.LR_D), v.get(GanParams.LR_G))
                .withBatchSize(v.get(GanParams.BATCH))
                .withSteps(v.get(GanParams.K_D), 1)
                .withMinibatchFeature(v.get(GanParams.MINIBATCH))
                .withSeed(v.get(GanParams.SEED));
        return new GanLabParams(v.get(GanParams.PANEL), v.get(GanParams.DATA), c, ImageParams.from(v, images));
    }

    /** Same data, networks and seed: the running GAN can adopt the other config (loss, rates, batch, k…) as it trains. */
    boolean sameGan(GanLabParams o) {
        return data.equals(o.data) && config.seed() == o.config.seed() && config.sameGenerator(o.config)
                && config.sameDiscriminator(o.config);
    }
}
