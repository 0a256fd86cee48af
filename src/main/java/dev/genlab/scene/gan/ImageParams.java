package dev.genlab.scene.gan;

import dev.genlab.data.ImageDataset;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.scene.KnobValues;

/**
 * What lesson 8's image panel needs from the knobs and the app: the images (lesson 5's data set, the
 * built-in digits unless another is loaded), the kind of GAN and how it starts, its training settings, and
 * what the figures pick (the conditional GAN's digit, the interpolation's two noise seeds and path).
 * Immutable.
 *
 * @param images      the data set, or null while the app has none yet
 * @param conditional a one-hot label into both networks (needs a labelled data set)
 * @param trained     start from the shipped checkpoint where it fits (the built-in digits), else fresh weights
 * @param loss        the generator's loss
 * @param rate        Adam's step size, for D and G
 * @param digit       the conditional GAN's label for the interpolation strip
 * @param from        seed of the strip's first noise vector
 * @param to          seed of the strip's last noise vector
 * @param spherical   interpolate along the great circle instead of the straight line
 */
public record ImageParams(ImageDataset images, boolean conditional, boolean trained, ImageGan.Loss loss, double rate,
                          int digit, int from, int to, boolean spherical) {

    public static ImageParams from(KnobValues v, ImageDataset images) {
        return new ImageParams(images, "cgan".equals(v.get(GanParams.IMG_MODEL)),
                "trained".equals(v.get(GanParams.IMG_START)),
                "minimax".equals(v.get(GanParams.IMG_LOSS)) ? ImageGan.Loss.MINIMAX : ImageGan.Loss.NON_SATURATING,
                v.get(GanParams.IMG_RATE), v.get(GanParams.IMG_DIGIT), v.get(GanParams.IMG_FROM),
                v.get(GanParams.IMG_TO), "spherical".equals(v.get(GanParams.IMG_PATH)));
    }

    /** Same images, same kind of GAN, same start: the running GAN can go on (a loss or rate change is adopted). */
    boolean sameModel(ImageParams o) {
        return images == o.images && conditional == o.conditional && trained == o.trained;
    }
}
