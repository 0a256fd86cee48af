package dev.genlab.model.autoregressive;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * A neural autoregressive model of binary images: the chain rule along {@link #ordering()},
 * p(x) = Π_t p(x_{o(t)} | x_{o(1)}, …, x_{o(t−1)}), with every conditional a Bernoulli whose
 * probability a network computes from the pixels before it. Unlike the counting models of
 * {@code model.discrete} the context is the whole past, and the parameters are shared between
 * the conditionals (NADE: one hidden layer; PixelCNN: masked convolutions).
 *
 * <p>Pixels are row-major indices j = r·cols + c everywhere; the ordering maps a step t to the
 * pixel {@code ordering().order()[t]}. All parameters sit in one flat vector ({@link #params()})
 * and all gradients in another of the same layout, so {@link dev.genlab.model.nn.Adam} updates
 * the whole model with one op. Trainer thread only: the INDArrays belong to the thread that
 * made them.
 */
public interface AutoregressiveModel {

    /** "nade" or "pixelcnn". */
    String id();

    int rows();

    int cols();

    default int pixels() {
        return rows() * cols();
    }

    /** The order in which the model factorises p(x) (PixelCNN: raster). */
    PixelOrdering ordering();

    long numParams();

    /** All parameters as one flat live vector; an optimiser updates it in place. */
    INDArray params();

    /** dL/d{@link #params()} of the last {@link #lossAndGradients}, same layout; a live vector. */
    INDArray gradients();

    /**
     * Forward and backward pass on the images {@code batch[k]} of {@code data}: fills
     * {@link #gradients()} with the gradient of the batch's mean −ln p(x).
     *
     * @return that mean −ln p(x) in nats per image, before any update
     */
    double lossAndGradients(BinaryImages data, int[] batch);

    /** ln p(x) in nats of every image of the set, evaluated in batches. */
    double[] logProb(BinaryImages data);

    /**
     * Throws {@link java.util.concurrent.CancellationException} when the current thread was interrupted: long
     * evaluations call it between batches, so a trainer that is stopped (a scene left) ends promptly. The
     * interrupt stays set.
     */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    /** Mean −ln p(x) in nats per image over the set. */
    default double meanNll(BinaryImages data) {
        double[] lp = logProb(data);
        double s = 0;
        for (double v : lp) {
            s -= v;
        }
        return lp.length == 0 ? Double.NaN : s / lp.length;
    }

    /**
     * The teacher-forced conditionals of {@code count} images (bits image after image, row-major):
     * entry i·n + j is p(x_j = 1 | the pixels before j in the ordering, read from image i). One
     * forward pass; the bits at and after j do not influence entry j.
     */
    float[] conditionals(byte[] images, int count);

    /**
     * Starts sampling, in the model's ordering, the pixels at steps {@code fromStep} and later of
     * copies of the given images; the pixels before {@code fromStep} stay as given (fromStep = 0
     * draws fresh samples). Advance it with {@link Completion#advance}: one sequential step per pixel.
     */
    Completion complete(byte[] images, int count, int fromStep, SplittableRandom rng);

    /**
     * The input pixels the conditional of {@code pixel} can depend on, by the network's structure
     * (NADE: every pixel earlier in the ordering; PixelCNN: the masked stack's receptive field,
     * which misses some earlier pixels: the blind spot).
     *
     * @param depth how many of the model's masked layers to count (1 … {@link #depth()})
     */
    boolean[] receptiveField(int pixel, int depth);

    /** Number of masked layers that {@link #receptiveField} can count (NADE: 1). */
    int depth();

    /** A copy of the parameters, safe to keep or hand to any thread. */
    double[] saveParams();

    /** Restores parameters from {@link #saveParams()} (exact for FLOAT and DOUBLE). */
    void loadParams(double[] values);

    /** True when no parameter is NaN or infinite. */
    boolean isFinite();

    /** Pixel-by-pixel sampling of a batch of images, advanced in slices of steps. */
    interface Completion {

        /** The next step to draw (count of steps drawn so far plus fromStep); pixels() when done. */
        int step();

        boolean done();

        /**
         * Draws up to {@code maxSteps} more pixels of every image, each from its exact conditional.
         *
         * @return the number of steps drawn
         */
        int advance(int maxSteps);

        /**
         * p(x = 1) of the pixel at {@link #step()} for every image, as computed for the draw that
         * comes next (NaN when done).
         */
        float[] nextConditionals();

        /** A copy of the images as they stand (count × pixels bits). */
        byte[] images();

        int count();
    }

    /** Frees what the model holds outside the heap (its ND4J step workspace); on the thread that trains it. */
    default void close() {
    }
}
