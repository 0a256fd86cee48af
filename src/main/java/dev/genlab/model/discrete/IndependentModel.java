package dev.genlab.model.discrete;

/**
 * Independent pixels: p(x) = Π_j p_j^{x_j} (1 − p_j)^{1 − x_j} with the smoothed maximum-likelihood
 * estimate p_j = (N¹_j + α) / (N + 2α), N¹_j the training images with pixel j on. n free parameters
 * (Bishop, Pattern Recognition and Machine Learning, §2.1 / §9.3.3: a product of Bernoullis). The
 * ordering only fixes the step numbering of {@link #conditionalOne} and the sampling order.
 */
public final class IndependentModel extends ConditionalTableModel {

    public IndependentModel(PixelOrdering ordering, double alpha) {
        super(ordering, new int[ordering.pixels()][0], alpha);
    }

    public IndependentModel(int rows, int cols, double alpha) {
        this(PixelOrdering.raster(rows, cols), alpha);
    }

    /** Every context is empty: step t has the single conditional at entry t. */
    @Override
    void contexts(byte[] image, int[] out) {
        for (int t = 0; t < out.length; t++) {
            out[t] = 2 * t;
        }
    }

    @Override
    public String id() {
        return "independent";
    }

    /** p_j for every pixel j, row-major. */
    public double[] marginals() {
        double[] p = new double[order.length];
        byte[] none = new byte[order.length];
        for (int t = 0; t < order.length; t++) {
            p[order[t]] = conditionalOne(none, t);
        }
        return p;
    }
}
