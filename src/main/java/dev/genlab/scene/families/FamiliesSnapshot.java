package dev.genlab.scene.families;

import java.util.List;

/**
 * What the families comparison has measured so far: one row per family that has finished, in the order they
 * run, the family in progress and how far it is.
 *
 * @param rows          the finished rows
 * @param next          the family in progress or the one the next step starts; null when every row is done
 * @param current       the network in training, evaluation or sampling now; null between families
 * @param notes         message keys about the images, space separated ("" for none)
 * @param trainCount    binarised training images of the counting models (and of NADE and PixelCNN)
 * @param evalCount     held-out images every exact NLL and the ELBO are measured on
 * @param target        the stated quality: the Markov chain's held-out −ln p(x), nats per image (NaN before the data)
 * @param budgetSeconds each network's training time
 * @param classes       classes of the images the GAN's coverage counts (0: no labels, no stated quality for the GAN)
 */
public record FamiliesSnapshot(List<Row> rows, Family next, Progress current, String notes, int trainCount,
                               int evalCount, double target, int budgetSeconds, int classes) {

    public FamiliesSnapshot {
        rows = List.copyOf(rows);
    }

    /** The families, in the order a run measures them. */
    public enum Family {
        INDEPENDENT, MARKOV, NADE, PIXELCNN, FLOW, VAE, GAN;

        /** The bundle key's word: families.family.&lt;id&gt;. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a family's number is. */
    public enum Kind {
        /** −ln p(x) itself, exactly. */
        EXACT,
        /** −ELBO, an upper bound on −ln p(x), with an importance-sampled estimate beside it. */
        BOUND,
        /** An upper bound on −ln P(x) of other data (the flow's 8 × 8 digits at 16 levels), in bits per dimension. */
        OTHER_DATA,
        /** The model defines no likelihood. */
        NONE,
        /** No network could be trained (ND4J did not load): nothing measured. */
        NOT_TRAINED
    }

    /** How a family's time to the stated quality reads. */
    public enum QualityKind {
        /** The Markov chain: its fit time; its held-out NLL is the target. */
        SETS_TARGET,
        /** A counting model at or below the target: its fit time. */
        FIT,
        /** A counting model above the target: more time changes nothing. */
        NEVER,
        /** A network's training time at its first evaluation at the target or better. */
        REACHED,
        /** A network that did not reach the target within its budget (best value reached given). */
        NOT_REACHED,
        /** No stated quality for this family on these images (the GAN without labels). */
        NO_CRITERION,
        /** Not measured. */
        NONE
    }

    /**
     * A family's time to the stated quality.
     *
     * @param kind           how to read it
     * @param seconds        fit time (counting models), training time at the first evaluation that met the target
     *                       (REACHED), or training time in all (NOT_REACHED); NaN otherwise
     * @param best           the best evaluated value (nats, bits/dim for the flow, classes covered for the GAN)
     * @param trainSteps     optimiser steps taken (0 for the counting models)
     * @param reachedStep    the step count at the evaluation that met the target; −1 if none
     * @param evalSeconds    training time at each evaluation
     * @param evalValues     the value evaluated there
     */
    public record Quality(QualityKind kind, double seconds, double best, long trainSteps, long reachedStep,
                          double[] evalSeconds, double[] evalValues) {

        static Quality none() {
            return new Quality(QualityKind.NONE, Double.NaN, Double.NaN, 0, -1, new double[0], new double[0]);
        }
    }

    /**
     * The network in progress.
     *
     * @param family         which
     * @param phase          "training", "evaluating" (the budget is spent: the last read-out), "sampling"
     * @param trainedSeconds training time so far (training steps only)
     * @param budgetSeconds  its budget
     * @param trainSteps     optimiser steps so far
     * @param latest         the latest evaluated value (NaN before the first)
     * @param reachedSeconds training time at which it met the target, or NaN
     */
    public record Progress(Family family, String phase, double trainedSeconds, double budgetSeconds, long trainSteps,
                           double latest, double reachedSeconds) {
    }

    /**
     * One family's measurements.
     *
     * @param nll             mean −ln p(x) in nats per image (EXACT), −ELBO (BOUND), the bound on −ln P(x) in
     *                        nats per 8 × 8 image (OTHER_DATA); NaN otherwise
     * @param se              standard error of nll over the images (NaN when not measured)
     * @param images          images nll is averaged over
     * @param estimate        BOUND: the importance-sampled −ln p(x) estimate; OTHER_DATA: bits per dimension
     * @param estimateImages  images the estimate is averaged over
     * @param estimateK       samples of q per image of the estimate
     * @param sampleMs        median time to draw one image with the family's own sampler, ms
     * @param draws           how many draws that median is of
     * @param params          parameters of the whole model (a GAN: G and D)
     * @param generatorParams the parameters that draw a sample (the GAN's G), or −1 when that is all of them
     * @param latent          dimensions of the latent space; 0 for none
     * @param detail          what defines the model (order k, hidden units): a bundle key and its arguments
     * @param samples         the grid's images in [0, 1], each side × side
     * @param side            the samples' side in pixels
     * @param quality         its time to the stated quality
     */
    public record Row(Family family, Kind kind, double nll, double se, int images, double estimate,
                      int estimateImages, int estimateK, double sampleMs, int draws, long params,
                      long generatorParams, int latent, List<String> detail, List<float[]> samples, int side,
                      Quality quality) {

        public Row {
            detail = List.copyOf(detail);
            samples = List.copyOf(samples);
        }

        public boolean measured() {
            return kind != Kind.NOT_TRAINED;
        }
    }
}
