package dev.genlab.scene.markov;

/**
 * What the Markov view shows, computed on the trainer thread. Arrays are copies the trainer no
 * longer writes to.
 *
 * @param side        image side
 * @param family      "markov" or "neighbourhood"
 * @param ordering    the ordering the chosen family generates in (raster for neighbourhoods)
 * @param trainCount  images the models were fitted on
 * @param testCount   held-out images
 * @param xs          the x of the curves: k = 0..8 for the chain, m = 0..12 for neighbourhoods
 * @param trainNll    nats per image on the training images at each x
 * @param testNll     nats per image on the held-out images at each x (+inf where a held-out image has p = 0)
 * @param log10Params log10 of the free parameters at each x
 * @param best        index into xs of the smallest held-out NLL (-1 when none is finite)
 * @param previousOrdering the chain's ordering before the last change of ordering on the same images
 *                    and smoothing ("" when there is none to compare with)
 * @param previousTestNll its held-out NLL at each x (empty when none)
 * @param chosen      index into xs of the knob's k (or m): the model the sampler draws from
 * @param path        the ordering: path[t] is the row-major pixel drawn at step t
 * @param image       the sample so far: 0 or 1 for drawn pixels (the first {@code drawn} of path), others 0
 * @param drawn       pixels drawn in the current sample
 * @param current     the pixel drawn next (path[drawn]), -1 when the sample is complete
 * @param context     the pixels the next conditional depends on (model.context(drawn)); empty when complete
 * @param conditional p(x_current = 1 | context) from the drawn prefix; NaN when complete
 * @param sampleNll   -ln p of the pixels drawn so far, nats
 * @param sampleNumber which sample since the scene started (1, 2, ...)
 * @param pixel       pixel i of the mutual-information panel (row-major on this image)
 * @param farPixel    pixel j
 * @param neighbours  the neighbours of i that the conditional MI is given (up, down, left, right in the image)
 * @param mi          I(X_i; X_j) in nats, estimated on the training images
 * @param miGiven     I(X_i; X_j | neighbours of i) in nats
 * @param miMap       I(X_i; X_j) for every j (entry i set to 0: it would be the entropy)
 * @param miGivenMap  I(X_i; X_j | neighbours of i) for every j (0 at i and its neighbours)
 * @param message     "" or a message key (e.g. no images yet)
 */
public record MarkovSnapshot(int side, String family, String ordering, int trainCount, int testCount,
                             double[] xs, double[] trainNll, double[] testNll, double[] log10Params, int best,
                             String previousOrdering, double[] previousTestNll, int chosen, int[] path, byte[] image, int drawn, int current, int[] context,
                             double conditional, double sampleNll, long sampleNumber, int pixel, int farPixel,
                             int[] neighbours, double mi, double miGiven, double[] miMap, double[] miGivenMap,
                             String message) {

    public int pixels() {
        return side * side;
    }

    /** Nats per image as bits per pixel. */
    public double bitsPerPixel(double natsPerImage) {
        return natsPerImage / (pixels() * Math.log(2));
    }

    /** The x of the best held-out NLL, or -1. */
    public int bestX() {
        return best < 0 ? -1 : (int) xs[best];
    }

    public boolean complete() {
        return drawn == pixels();
    }
}
