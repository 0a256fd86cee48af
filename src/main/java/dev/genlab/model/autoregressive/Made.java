package dev.genlab.model.autoregressive;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Activation;

/**
 * MADE, the masked autoencoder for distribution estimation (Germain, Gregor, Murray &amp; Larochelle
 * 2015, "MADE: Masked Autoencoder for Distribution Estimation", ICML), on binary images of D pixels.
 * An MLP x → h¹ → … → hᴸ → logits with ReLU hidden units whose weights are multiplied by the masks of
 * {@link MadeMasks}, so that logit i depends only on the pixels before i in {@link #ordering()}:
 * <pre>
 *   h¹ = relu(x (W¹ ⊙ M¹) + b¹),  …,  z = hᴸ (V ⊙ Mᴸ⁺¹) + c
 *   p(x_i = 1 | x_{o(&lt;t)}) = σ(z_i),   −ln p(x) = Σ_i softplus(z_i) − x_i z_i
 * </pre>
 * One forward pass gives all D conditionals of a batch, hence the exact log-likelihood; sampling
 * needs D passes, one per pixel in the ordering ({@link #complete}).
 *
 * <p>Training, evaluation and the parameters are {@link MaskedMlp}'s (the masks applied once, stored
 * and free parameter counts, Mlp's layout), shared with {@link Fvsbn}.
 *
 * <p>Why ND4J and not a plain-Java kernel like {@link NadeKernel}: NADE's pass is O(DH) per image
 * because its hidden pre-activations are running sums, and on sparse binary digits it skips off
 * pixels; MADE's output layer is a dense H × D product per image with nothing to skip, which
 * {@code Nd4j.gemm} does near the core's peak while a Java loop runs at a few GFLOP/s (STACK.md). This
 * was decided from those FLOP counts, not by timing a plain-Java MADE beside this one; MadeBenchTest
 * times this one beside NADE on the same batches.
 *
 * <p>Trainer thread only (the INDArrays and the step workspace belong to it); a {@link Completion}
 * holds its own copy of the parameters and may run on any one thread.
 */
public final class Made extends MaskedMlp {

    /** The model id in checkpoints and in {@link #id()}. */
    public static final String ID = "made";

    private final MadeMasks masks;

    /**
     * @param hidden   widths of the hidden layers (the paper's MNIST model: one layer of 500)
     * @param ordering the order of the chain rule; its size must be rows × cols
     * @param type     DataType.FLOAT for the app, DOUBLE for exact tests
     * @param seed     seed of the weights (Glorot, as {@link Mlp}) and of the hidden degrees
     */
    public Made(int rows, int cols, int[] hidden, PixelOrdering ordering, DataType type, long seed) {
        this(rows, cols, ordering, new MadeMasks(ordering.order(), hidden, seed), type, seed);
    }

    /** A MADE with raster ordering. */
    public Made(int rows, int cols, int[] hidden, DataType type, long seed) {
        this(rows, cols, hidden, PixelOrdering.raster(rows, cols), type, seed);
    }

    private Made(int rows, int cols, PixelOrdering ordering, MadeMasks masks, DataType type, long seed) {
        super(rows, cols, ordering, masksOf(masks), Activation.RELU, type, seed, ID);
        this.masks = masks;
    }

    private static boolean[][][] masksOf(MadeMasks masks) {
        boolean[][][] m = new boolean[masks.layers()][][];
        for (int l = 0; l < m.length; l++) {
            m[l] = masks.mask(l);
        }
        return m;
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * A MADE rebuilt from a checkpoint written by {@link #toCheckpoint}: rows, cols, hidden widths,
     * the explicit ordering and the mask seed, then the parameters.
     */
    public static Made fromCheckpoint(Checkpoint checkpoint, DataType type) {
        if (!ID.equals(checkpoint.modelId())) {
            throw new IllegalArgumentException("the checkpoint holds a '" + checkpoint.modelId()
                    + "' model, not a MADE");
        }
        int rows = checkpoint.intValue("rows");
        int cols = checkpoint.intValue("cols");
        int[] hidden;
        int[] order;
        try {
            hidden = Arrays.stream(checkpoint.value("hidden").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            order = Arrays.stream(checkpoint.value("ordering.order").split(","))
                    .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's 'hidden' or 'ordering.order' is not a list of integers");
        }
        long maskSeed = Long.parseLong(checkpoint.value("mask.seed"));
        PixelOrdering ordering = new PixelOrdering(checkpoint.value("ordering"), rows, cols, order);
        Made made = new Made(rows, cols, ordering, new MadeMasks(order, hidden, maskSeed), type, 0);
        float[] p = checkpoint.params();
        if (p.length != made.numParams()) {
            throw new IllegalArgumentException("the checkpoint has " + p.length + " parameters; this MADE needs "
                    + made.numParams());
        }
        double[] values = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            values[i] = p[i];
        }
        made.loadParams(values);
        return made;
    }

    /** Architecture (rows, cols, hidden, ordering, mask seed) and parameters, plus {@code extra} header entries. */
    public Checkpoint toCheckpoint(Map<String, String> extra) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("rows", Integer.toString(rows));
        header.put("cols", Integer.toString(cols));
        StringBuilder h = new StringBuilder();
        for (int w : masks.hidden()) {
            h.append(h.length() == 0 ? "" : ",").append(w);
        }
        header.put("hidden", h.toString());
        header.put("ordering", ordering.id());
        StringBuilder sb = new StringBuilder();
        int[] order = ordering.order();
        for (int t = 0; t < d; t++) {
            sb.append(t == 0 ? "" : ",").append(order[t]);
        }
        header.put("ordering.order", sb.toString());
        header.put("mask.seed", Long.toString(masks.seed()));
        header.putAll(extra);
        return new Checkpoint(ID, header, mlp.toFloatVector());
    }

    // ---------------------------------------------------------------- training

    // ---------------------------------------------------------------- sampling

    @Override
    public Completion complete(byte[] images, int count, int fromStep, SplittableRandom rng) {
        checkImages(images, count);
        if (fromStep < 0 || fromStep > d) {
            throw new IllegalArgumentException("fromStep must be in 0.." + d + ", got " + fromStep);
        }
        return new MadeCompletion(paramsCopy(), images.clone(), count, fromStep, rng);
    }

    /**
     * Sequential sampling on a parameter copy: the first layer's pre-activation a¹ is a running sum
     * (a¹ += W¹[j, :] when pixel j comes out on), and the layers above are recomputed only for an
     * image whose last drawn pixel was on; then the next pixel's logit is c_i + V[:, i] · hᴸ. With
     * one hidden layer that is O(H) per pixel and image, NADE's cost; a deeper MADE pays O(H²) per
     * on pixel.
     */
    private final class MadeCompletion extends SequentialCompletion {
        private final int[] widths;
        /** The parameter copy in Mlp's layout: layer l's W (in × out, column-major, i.e. [out][in] row-major) at wOff[l]. */
        private final double[] p;
        private final int[] wOff;
        private final int[] bOff;
        private final double[] a1;
        private final double[][] h;
        private final boolean[] dirty;

        MadeCompletion(double[] p, byte[] x, int count, int fromStep, SplittableRandom rng) {
            super(ordering.order(), x, count, fromStep, rng);
            this.p = p;
            int layers = masks.layers();
            widths = new int[layers + 1];
            for (int l = 0; l <= layers; l++) {
                widths[l] = masks.width(l);
            }
            wOff = new int[layers];
            bOff = new int[layers];
            int off = 0;
            for (int l = 0; l < layers; l++) {
                wOff[l] = off;
                off += widths[l] * widths[l + 1];
                bOff[l] = off;
                off += widths[l + 1];
            }
            int h1 = widths[1];
            a1 = new double[count * h1];
            h = new double[layers][];
            for (int l = 1; l < layers; l++) {
                h[l] = new double[count * widths[l]];
            }
            dirty = new boolean[count];
            Arrays.fill(dirty, true);
            for (int k = 0; k < count; k++) {
                System.arraycopy(p, bOff[0], a1, k * h1, h1);
            }
            replayGiven(fromStep);
        }

        /** a¹ += W¹[pixel, :], read with stride D (no transposed copy: only on pixels pay for it). */
        @Override
        protected void turnedOn(int k, int pixel) {
            int h1 = widths[1];
            int ao = k * h1;
            int base = wOff[0] + pixel;
            for (int i = 0; i < h1; i++) {
                a1[ao + i] += p[base + i * d];
            }
            dirty[k] = true;
        }

        /** hᴸ of image k, recomputed from a¹ if its last pixel came out on. */
        private void refresh(int k) {
            if (!dirty[k]) {
                return;
            }
            int layers = masks.layers();
            int h1 = widths[1];
            for (int i = 0; i < h1; i++) {
                h[1][k * h1 + i] = Math.max(0, a1[k * h1 + i]);
            }
            for (int l = 1; l < layers - 1; l++) {
                int in = widths[l];
                int out = widths[l + 1];
                double[] wl = p;
                for (int o = 0; o < out; o++) {
                    double s = p[bOff[l] + o];
                    int wo = wOff[l] + o * in;
                    int ho = k * in;
                    for (int i = 0; i < in; i++) {
                        s += wl[wo + i] * h[l][ho + i];
                    }
                    h[l + 1][k * out + o] = Math.max(0, s);
                }
            }
            dirty[k] = false;
        }

        @Override
        protected void computeNext(int j) {
            int layers = masks.layers();
            int top = widths[layers - 1];
            double cj = p[bOff[layers - 1] + j];
            double[] ht = h[layers - 1];
            int vo = wOff[layers - 1] + j * top;
            for (int k = 0; k < count; k++) {
                refresh(k);
                double z = cj + NadeKernel.dot(p, vo, ht, k * top, top);
                next[k] = (float) (1 / (1 + Math.exp(-z)));
            }
        }
    }

    // ---------------------------------------------------------------- structure and parameters

    /** The degrees and masks (for drawing them and for the connectivity check). */
    public MadeMasks masks() {
        return masks;
    }

    /**
     * The inputs with a path to {@code pixel}'s conditional through the masks (depth must be 1: the
     * masks only make sense together). With random degrees some earlier pixels have none.
     */
    @Override
    public boolean[] receptiveField(int pixel, int depth) {
        Objects.checkIndex(pixel, d);
        if (depth != 1) {
            throw new IllegalArgumentException("MADE's masks count as one: depth must be 1, got " + depth);
        }
        long[] paths = masks.pathsTo(pixel);
        boolean[] field = new boolean[d];
        for (int j = 0; j < d; j++) {
            field[j] = paths[j] > 0;
        }
        return field;
    }

    @Override
    public int depth() {
        return 1;
    }

    @Override
    public String id() {
        return ID;
    }
}
