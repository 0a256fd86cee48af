package dev.genlab.model.discrete;

/**
 * A Markov chain of order k along a pixel ordering o: each pixel depends on the k pixels visited just
 * before it (the first k on the fewer they have),
 * <pre>
 *   p(x) = Π_t p(x_{o_t} | x_{o_{t−1}}, …, x_{o_{t−min(t,k)}}),
 *   p(x_{o_t} = 1 | c) = (N¹_{t,c} + α) / (N_{t,c} + 2α),
 * </pre>
 * with Σ_t 2^{min(t,k)} free parameters: 1 + 2(n − 1) = 2n − 1 for k = 1 (the Markov assumption
 * x_{t+1} ⊥ x_{1..t−1} | x_t), n for k = 0 (independent pixels), 2^n − 1 for k ≥ n − 1 (the full
 * chain rule). The context index has bit b = x_{o_{t−1−b}}, so it is a shift register along the
 * ordering. Unseen contexts with α = 0 give ½. k is bounded by the table size (at most 2^22
 * conditionals): up to k = 12 at 28 × 28.
 */
public final class MarkovModel extends ConditionalTableModel {

    private final int k;
    private final int[] masks;
    /** 2·offset[t]. */
    private final int[] slots;

    public MarkovModel(PixelOrdering ordering, int k, double alpha) {
        super(ordering, contextPixels(ordering, k), alpha);
        this.k = k;
        masks = new int[order.length];
        for (int t = 0; t < masks.length; t++) {
            masks[t] = (1 << Math.min(t, k)) - 1;
        }
        slots = new int[order.length];
        for (int t = 0; t < slots.length; t++) {
            slots[t] = 2 * offset[t];
        }
    }

    private static int[][] contextPixels(PixelOrdering ordering, int k) {
        if (k < 0 || k > 30) {
            throw new IllegalArgumentException("Markov order k must be in 0..30, got " + k);
        }
        int[] o = ordering.order();
        int[][] ctx = new int[o.length][];
        for (int t = 0; t < o.length; t++) {
            ctx[t] = new int[Math.min(t, k)];
            for (int b = 0; b < ctx[t].length; b++) {
                ctx[t][b] = o[t - 1 - b];
            }
        }
        return ctx;
    }

    @Override
    void contexts(byte[] image, int[] out) {
        int[] slot = slots;
        int c = 0;
        out[0] = 0;
        for (int t = 1; t < out.length; t++) {
            c = ((c << 1) | image[order[t - 1]]) & masks[t];
            out[t] = slot[t] + 2 * c;
        }
    }

    @Override
    public String id() {
        return "markov-" + k;
    }

    public int k() {
        return k;
    }
}
