package dev.genlab.model.discrete;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * A distribution p(x) over binary images x ∈ {0,1}^n with exact probabilities, fitted by counting.
 *
 * <p>Every implementation factorises p along its {@link #ordering()} as
 * p(x) = Π_t p(x_{order[t]} = 1 | x_{context(t)}), where context(t) is a subset of the pixels
 * visited before step t; the families differ only in how large that context is, hence in how many
 * free parameters they have (2^n − 1 for the full joint, n for independent pixels, 2n − 1 for a
 * first-order Markov chain). An instance is meant for one thread at a time (a scene's trainer).
 */
public interface BinaryImageModel {

    /** A short id, e.g. "markov-2". */
    String id();

    /** Free parameters of the family for this image size, exactly. */
    BigInteger parameterCount();

    /**
     * Numbers the model's tables hold (its probability table or its conditional probabilities);
     * {@code storedParameters() − normalisationConstraints()} is {@link #parameterCount()}.
     */
    long storedParameters();

    /** How many sum-to-one constraints tie the stored numbers together. */
    long normalisationConstraints();

    /**
     * Maximum-likelihood fit with additive smoothing α ≥ 0 on every count (given at construction);
     * replaces any earlier fit.
     *
     * @throws IllegalArgumentException if the images are not of the model's size
     */
    void fit(BinaryImages train);

    /** Exact ln p(x) of one image (its n bits, row-major); −∞ where α = 0 leaves a zero. */
    double logProb(byte[] image);

    /** Mean of −ln p(x) in nats per image over the set. */
    default double nll(BinaryImages data) {
        byte[] image = new byte[data.pixels()];
        double sum = 0;
        for (int i = 0; i < data.count(); i++) {
            System.arraycopy(data.raw(), i * image.length, image, 0, image.length);
            sum -= logProb(image);
        }
        return sum / data.count();
    }

    /**
     * The mean −ln p(x) over the images of the last {@link #fit}, computed from the counts alone
     * (Σ_entries count · ln p), so it costs no pass over the images; equals {@code nll(train)}.
     */
    double trainNll();

    /** Draws one image into {@code out} (length n). */
    void sample(RandomGenerator rng, byte[] out);

    /**
     * p(x_{order[t]} = 1 | the pixels visited before step t), reading those pixels from
     * {@code image} (the bits at order[t] and later are ignored). For the independent model this is
     * the marginal p_j; for the full joint it is the conditional summed out of the table.
     */
    double conditionalOne(byte[] image, int t);

    /** The pixels (row-major indices) the conditional at step t depends on. */
    int[] context(int t);

    PixelOrdering ordering();
}
