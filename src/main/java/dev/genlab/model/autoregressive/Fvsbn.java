package dev.genlab.model.autoregressive;

import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.nn.Activation;

/**
 * The fully visible sigmoid belief net (Neal 1992; Frey 1998): a logistic regression per pixel on the
 * pixels before it in the ordering,
 * <pre>
 *   p(x_i = 1 | x_{o(&lt;t)}) = σ(b_i + Σ_{j before i} w_ij x_j),
 * </pre>
 * with nothing shared between the conditionals: n(n − 1)/2 weights and n biases, n(n + 1)/2 parameters
 * ({@link dev.genlab.model.discrete.ParameterCounts#fvsbn}). Stored as one dense D × D layer whose mask
 * keeps w_ij for j before i ({@link MaskedMlp}: a MADE without hidden units), so one gemm gives every
 * conditional of a batch; sampling keeps every logit as a running sum (z += W[j, :] when pixel j comes
 * out on), O(D) per on pixel and image.
 *
 * <p>Trainer thread only; a {@link Completion} holds its own copy of the parameters.
 */
public final class Fvsbn extends MaskedMlp {

    /** The model id in {@link #id()}. */
    public static final String ID = "fvsbn";

    public Fvsbn(int rows, int cols, PixelOrdering ordering, DataType type, long seed) {
        super(rows, cols, ordering, new boolean[][][] {mask(ordering.order())}, Activation.IDENTITY, type, seed, ID);
    }

    /** An FVSBN in raster order. */
    public Fvsbn(int rows, int cols, DataType type, long seed) {
        this(rows, cols, PixelOrdering.raster(rows, cols), type, seed);
    }

    /** [output i][input j]: j comes before i in the ordering. */
    static boolean[][] mask(int[] order) {
        int d = order.length;
        int[] position = new int[d];
        for (int t = 0; t < d; t++) {
            position[order[t]] = t;
        }
        boolean[][] m = new boolean[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = position[j] < position[i];
            }
        }
        return m;
    }

    @Override
    public String id() {
        return ID;
    }

    /** Every pixel before this one in the ordering: each conditional reads its whole past. */
    @Override
    public boolean[] receptiveField(int pixel, int depth) {
        Objects.checkIndex(pixel, d);
        int[] order = ordering.order();
        boolean[] field = new boolean[d];
        for (int t = 0; t < d && order[t] != pixel; t++) {
            field[order[t]] = true;
        }
        return field;
    }

    @Override
    public int depth() {
        return 1;
    }

    @Override
    public Completion complete(byte[] images, int count, int fromStep, SplittableRandom rng) {
        checkImages(images, count);
        if (fromStep < 0 || fromStep > d) {
            throw new IllegalArgumentException("fromStep must be in 0.." + d + ", got " + fromStep);
        }
        return new FvsbnCompletion(paramsCopy(), images.clone(), count, fromStep, rng);
    }

    /** Sequential sampling with every image's D logits kept as running sums. */
    private final class FvsbnCompletion extends SequentialCompletion {
        /** W (in × out, column-major: entry (j, i) at i·D + j), then b at D². */
        private final double[] p;
        private final double[] z;

        FvsbnCompletion(double[] p, byte[] x, int count, int fromStep, SplittableRandom rng) {
            super(ordering.order(), x, count, fromStep, rng);
            this.p = p;
            z = new double[count * d];
            for (int k = 0; k < count; k++) {
                System.arraycopy(p, d * d, z, k * d, d);
            }
            replayGiven(fromStep);
        }

        /** z_i += w_ij for every i: what pixel j, now on, adds to the later logits (masked entries are 0). */
        @Override
        protected void turnedOn(int k, int j) {
            int zo = k * d;
            for (int i = 0; i < d; i++) {
                z[zo + i] += p[i * d + j];
            }
        }

        @Override
        protected void computeNext(int j) {
            for (int k = 0; k < count; k++) {
                next[k] = (float) (1 / (1 + Math.exp(-z[k * d + j])));
            }
        }
    }
}
