package dev.genlab.scene.families;

import java.util.List;

/**
 * What the families comparison has measured so far: one row per family that has run, in the order they
 * run, and what the next one is.
 *
 * @param rows       the finished rows
 * @param next       the family that runs at the next step, or null when every row is done
 * @param notes      message keys about the images, space separated ("" for none)
 * @param trainCount binarised training images of the counting models
 * @param evalCount  held-out images every exact NLL and the ELBO are measured on
 * @param shipped    true on the built-in digits, where the shipped networks were trained
 */
public record FamiliesSnapshot(List<Row> rows, Family next, String notes, int trainCount, int evalCount,
                               boolean shipped) {

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
        /** No trained network for these images: nothing measured. */
        NOT_TRAINED
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
     * @param detail          what defines the model (order k, hidden units, training steps): a bundle key and its arguments
     * @param samples         the grid's images in [0, 1], each side × side
     * @param side            the samples' side in pixels
     */
    public record Row(Family family, Kind kind, double nll, double se, int images, double estimate,
                      int estimateImages, int estimateK, double sampleMs, int draws, long params,
                      long generatorParams, int latent, List<String> detail, List<float[]> samples, int side) {

        public Row {
            detail = List.copyOf(detail);
            samples = List.copyOf(samples);
        }

        public boolean measured() {
            return kind != Kind.NOT_TRAINED;
        }
    }
}
