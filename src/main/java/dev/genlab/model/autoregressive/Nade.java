package dev.genlab.model.autoregressive;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Loss;
import dev.genlab.model.nn.StepWorkspace;

/**
 * NADE, the neural autoregressive distribution estimator (Larochelle &amp; Murray 2011, "The Neural
 * Autoregressive Distribution Estimator", AISTATS). With o the ordering, D pixels and H hidden
 * units, step t (0-based) has
 * <pre>
 *   a_t = c + Σ_{s&lt;t} W[:, o(s)] x_{o(s)}          (H-vector; a_0 = c)
 *   h_t = σ(a_t)
 *   z_t = b_{o(t)} + V[o(t), :] · h_t
 *   p(x_{o(t)} = 1 | x_{o(&lt;t)}) = σ(z_t)
 *   −ln p(x) = Σ_t softplus(z_t) − x_{o(t)} z_t
 * </pre>
 * with W (H × D), c (H), V (D × H), b (D): 2DH + D + H parameters, W shared by all conditionals.
 * Because a_{t+1} = a_t + W[:, o(t)] x_{o(t)}, one image costs O(DH), not O(D²H).
 *
 * <p><b>Batched forward.</b> For a batch of B images every a_t comes from one inclusive cumulative
 * sum along the steps of the B × H × D tensor P[k, :, t] = W'[:, t] x'_{k,t}, where W' = [c, W[:, o(0)],
 * …, W[:, o(D−2)]] and x'_k = [1, x_{k,o(0)}, …, x_{k,o(D−2)}] prepend c as a pixel that is always on
 * (the exclusive sum over the real pixels shifted by one step). Then h = σ(A), and z is the sum over
 * the hidden axis of h ⊙ Vᵀ_o plus b_o.
 *
 * <p><b>Backward</b> of L = (1/B) Σ_k −ln p(x_k), with g_{k,t} = (σ(z_{k,t}) − x_{k,o(t)}) / B:
 * <pre>
 *   dL/db_{o(t)} = Σ_k g_{k,t}
 *   dL/dV[o(t), :] = Σ_k g_{k,t} h_{k,t}
 *   δ_{k,t} = g_{k,t} V[o(t), :] ⊙ h_{k,t} ⊙ (1 − h_{k,t})        (dL/da_{k,t})
 *   dL/dP[k, :, s] = Σ_{t≥s} δ_{k,t}                              (a reverse cumulative sum)
 *   dL/dW'[:, s] = Σ_k x'_{k,s} dL/dP[k, :, s]
 * </pre>
 * so dL/dc = dL/dW'[:, 0], dL/dW[:, o(s)] = dL/dW'[:, s+1] and dL/dW[:, o(D−1)] = 0 (the last pixel
 * conditions nothing). Every step of this is a handful of ND4J ops on B × H × D arrays
 * ({@link Engine#ND4J}). The default {@link Engine#JAVA} computes the same sums per image in plain
 * Java ({@link NadeKernel}), and since x is binary it evaluates h only once per run of steps between
 * on pixels: on the built-in digits (13 % of pixels on) that was about five times the ND4J pass's
 * speed on one core, whose cost is dominated by the D·H sigmoids and the two cumulative sums.
 *
 * <p><b>Sampling</b> ({@link #complete}) is sequential by nature; it runs in plain Java on a copy of
 * the parameters with the O(H) update a ← a + W[:, o(t)] x_{o(t)} per pixel and image.
 *
 * <p>Parameters sit in one flat vector in the order W (column-major, so W[:, j] is contiguous), c,
 * V (row-major, so V[j, :] is contiguous), b. Initialisation from the seed: W and V uniform in
 * ±√(6 / (D + H)) (Glorot &amp; Bengio 2010), b = c = 0; {@link #initOutputBiasFromMarginals} sets
 * b to the logits of the data's pixel marginals.
 *
 * <p>Trainer thread only (the INDArrays and the step workspace belong to it); a {@link Completion}
 * holds its own copy of the parameters and may run on any one thread.
 */
public final class Nade implements AutoregressiveModel {

    /** The model id in checkpoints and in {@link #id()}. */
    public static final String ID = "nade";

    /** The classpath resource of the shipped checkpoint trained on the built-in digits. */
    public static final String DIGITS_CHECKPOINT = "/genlab/checkpoints/nade-digits.bin.gz";

    /** At most this many B·H·D elements per forward pass tensor (~16 MB of floats): sets the evaluation batch. */
    private static final long MAX_TENSOR = 4_000_000;

    private final int rows;
    private final int cols;
    private final int d;
    private final int hidden;
    private final PixelOrdering ordering;
    private final int[] order;
    private final int[] position;
    private final boolean identityOrder;
    private final DataType type;

    private final INDArray params;
    private final INDArray grads;
    private final INDArray w;
    private final INDArray c;
    private final INDArray v;
    private final INDArray b;
    private final INDArray gradW;
    private final INDArray gradC;
    private final INDArray gradV;
    private final INDArray gradB;
    private final StepWorkspace workspace;
    private final NadeKernel kernel;
    private double[] gradScratch;
    private final double[] paramScratch;
    private final float[] floatScratch;
    private Engine engine = Engine.JAVA;

    /**
     * How {@link #lossAndGradients}, {@link #logProb} and {@link #conditionals} compute: both give
     * the same numbers (to rounding).
     */
    public enum Engine {
        /**
         * The batched ND4J pass of the class documentation: cumulative sums over B × H × D tensors,
         * D·H sigmoids per image.
         */
        ND4J,
        /**
         * {@link NadeKernel}: per image in plain Java, one sigmoid per hidden unit and run of steps
         * between on pixels; the default, because it is several times faster on binary images with
         * few pixels on (NadeBenchTest).
         */
        JAVA
    }

    /**
     * @param hidden   H, the number of hidden units
     * @param ordering the order of the chain rule; its size must be rows × cols
     * @param type     DataType.FLOAT for the app, DOUBLE for exact tests
     * @param seed     seed of the initialisation of W and V
     */
    public Nade(int rows, int cols, int hidden, PixelOrdering ordering, DataType type, long seed) {
        Objects.requireNonNull(ordering, "ordering");
        if (rows <= 0 || cols <= 0 || hidden <= 0) {
            throw new IllegalArgumentException("need a positive size and hidden units, got " + rows + "x" + cols
                    + " with " + hidden + " hidden units");
        }
        if (ordering.rows() != rows || ordering.cols() != cols) {
            throw new IllegalArgumentException("ordering is for " + ordering.rows() + "x" + ordering.cols()
                    + " images, the model for " + rows + "x" + cols);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("NADE runs in FLOAT or DOUBLE, not " + type);
        }
        this.rows = rows;
        this.cols = cols;
        this.d = rows * cols;
        this.hidden = hidden;
        this.ordering = ordering;
        this.order = ordering.order();
        this.position = ordering.position();
        boolean identity = true;
        for (int t = 0; t < d; t++) {
            identity &= order[t] == t;
        }
        this.identityOrder = identity;
        this.type = type;
        long n = 2L * d * hidden + d + hidden;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            params = Nd4j.zeros(type, n);
            grads = Nd4j.zeros(type, n);
        }
        long hd = (long) hidden * d;
        w = params.get(NDArrayIndex.interval(0, hd)).reshape('f', true, hidden, d);
        c = params.get(NDArrayIndex.interval(hd, hd + hidden));
        v = params.get(NDArrayIndex.interval(hd + hidden, 2 * hd + hidden)).reshape('c', true, d, hidden);
        b = params.get(NDArrayIndex.interval(2 * hd + hidden, n));
        gradW = grads.get(NDArrayIndex.interval(0, hd)).reshape('f', true, hidden, d);
        gradC = grads.get(NDArrayIndex.interval(hd, hd + hidden));
        gradV = grads.get(NDArrayIndex.interval(hd + hidden, 2 * hd + hidden)).reshape('c', true, d, hidden);
        gradB = grads.get(NDArrayIndex.interval(2 * hd + hidden, n));
        workspace = new StepWorkspace("nade");
        kernel = new NadeKernel(d, hidden, order);
        if (params.offset() != 0 || params.data().length() != n || grads.offset() != 0 || grads.data().length() != n) {
            throw new IllegalStateException("parameter buffers are not plain flat vectors");
        }
        paramScratch = new double[(int) n];
        floatScratch = new float[(int) n];

        SplittableRandom rng = new SplittableRandom(seed);
        double limit = Math.sqrt(6.0 / (d + hidden));
        double[] init = new double[(int) n];
        for (int i = 0; i < 2 * hd + hidden; i++) {
            init[i] = i >= hd && i < hd + hidden ? 0 : (2 * rng.nextDouble() - 1) * limit;
        }
        loadParams(init);
    }

    /** A NADE with raster ordering. */
    public Nade(int rows, int cols, int hidden, DataType type, long seed) {
        this(rows, cols, hidden, PixelOrdering.raster(rows, cols), type, seed);
    }

    // ---------------------------------------------------------------- checkpoints

    /**
     * A NADE rebuilt from a checkpoint written by {@link #toCheckpoint}: the header's rows, cols,
     * hidden and ordering (its id and, when present, the explicit order; else the id and
     * "ordering.seed") and the parameters.
     *
     * @throws IllegalArgumentException with a readable message if the checkpoint is not a NADE's or
     *         its header and parameters do not fit together
     */
    public static Nade fromCheckpoint(Checkpoint checkpoint, DataType type) {
        if (!ID.equals(checkpoint.modelId())) {
            throw new IllegalArgumentException("the checkpoint holds a '" + checkpoint.modelId()
                    + "' model, not a NADE");
        }
        int rows = checkpoint.intValue("rows");
        int cols = checkpoint.intValue("cols");
        int hidden = checkpoint.intValue("hidden");
        String orderingId = checkpoint.value("ordering");
        PixelOrdering ordering;
        String explicit = checkpoint.header().get("ordering.order");
        if (explicit != null) {
            int[] o;
            try {
                o = Arrays.stream(explicit.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the checkpoint's 'ordering.order' is not a list of pixel indices");
            }
            ordering = new PixelOrdering(orderingId, rows, cols, o);
        } else {
            String seed = checkpoint.header().getOrDefault("ordering.seed", "0");
            ordering = PixelOrdering.byId(orderingId, rows, cols, Long.parseLong(seed));
        }
        Nade nade = new Nade(rows, cols, hidden, ordering, type, 0);
        float[] p = checkpoint.params();
        if (p.length != nade.numParams()) {
            throw new IllegalArgumentException("the checkpoint has " + p.length + " parameters; a NADE of "
                    + rows + "x" + cols + " with " + hidden + " hidden units needs " + nade.numParams());
        }
        double[] values = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            values[i] = p[i];
        }
        nade.loadParams(values);
        return nade;
    }

    /** The shipped checkpoint ({@link #DIGITS_CHECKPOINT}) read from the classpath. */
    public static Checkpoint digitsCheckpoint() throws Checkpoint.CheckpointException {
        return Checkpoint.readResource(DIGITS_CHECKPOINT);
    }

    /** The NADE of the shipped checkpoint, trained on the built-in digits (28 × 28, raster). */
    public static Nade loadDigits(DataType type) throws Checkpoint.CheckpointException {
        return fromCheckpoint(digitsCheckpoint(), type);
    }

    /**
     * This model's architecture (rows, cols, hidden, ordering and its explicit order) and its
     * parameters in single precision, plus the given extra header entries (training metadata).
     */
    public Checkpoint toCheckpoint(Map<String, String> extra) {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("rows", Integer.toString(rows));
        header.put("cols", Integer.toString(cols));
        header.put("hidden", Integer.toString(hidden));
        header.put("ordering", ordering.id());
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < d; t++) {
            sb.append(t == 0 ? "" : ",").append(order[t]);
        }
        header.put("ordering.order", sb.toString());
        header.putAll(extra);
        return new Checkpoint(ID, header, params.toFloatVector());
    }

    // ---------------------------------------------------------------- training

    /**
     * Sets b to the logits of the smoothed pixel marginals of {@code data}, p_j = (N¹_j + α)/(N + 2α)
     * (the {@link IndependentModel} fit): with V = 0 the model would then be that independent model.
     */
    public void initOutputBiasFromMarginals(BinaryImages data, double alpha) {
        checkSize(data);
        IndependentModel ind = new IndependentModel(rows, cols, alpha);
        ind.fit(data);
        double[] p = ind.marginals();
        double[] logits = new double[d];
        for (int j = 0; j < d; j++) {
            double q = Math.min(Math.max(p[j], 1e-6), 1 - 1e-6);
            logits[j] = Math.log(q / (1 - q));
        }
        b.assign(Nd4j.createFromArray(logits).castTo(type));
    }

    @Override
    public double lossAndGradients(BinaryImages data, int[] batch) {
        checkSize(data);
        if (batch.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        byte[] bits = new byte[batch.length * d];
        for (int k = 0; k < batch.length; k++) {
            System.arraycopy(data.image(batch[k]), 0, bits, k * d, d);
        }
        if (engine == Engine.JAVA) {
            double[] p = paramsCopy();
            if (gradScratch == null) {
                gradScratch = new double[p.length];
            }
            double[] grad = gradScratch;
            Arrays.fill(grad, 0);
            double nll = 0;
            double scale = 1.0 / batch.length;
            for (int k = 0; k < batch.length; k++) {
                nll += kernel.forward(p, bits, k * d, null, 0);
                kernel.backward(p, bits, k * d, scale, grad);
            }
            assignFrom(grads, grad);
            return nll / batch.length;
        }
        try (MemoryWorkspace ws = workspace.open()) {
            int n = batch.length;
            Forward f = forward(bits, 0, n, true);
            Loss.Value loss = Loss.bernoulliWithLogits(f.logits, f.x);
            backward(f, loss.gradient());
            return loss.loss();
        }
    }

    /** What backward needs from forward; all in the step's workspace. */
    private record Forward(INDArray x, INDArray xShifted, INDArray h, INDArray vt, INDArray logits) {
    }

    /**
     * Logits of images from..from+n of {@code bits}, in step order (n × D). With {@code keep} it also
     * keeps h for backward; the arrays live in the current workspace.
     */
    private Forward forward(byte[] bits, int from, int n, boolean keep) {
        INDArray x = stepOrdered(bits, from, n, false);
        INDArray xs = stepOrdered(bits, from, n, true);
        INDArray wo = identityOrder ? w : w.getColumns(order);
        INDArray wShift = Nd4j.createUninitialized(type, new long[] {hidden, d}, 'c');
        wShift.getColumn(0).assign(c);
        if (d > 1) {
            wShift.get(NDArrayIndex.all(), NDArrayIndex.interval(1, d))
                    .assign(wo.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d - 1)));
        }
        INDArray vt = (identityOrder ? v : v.getRows(order)).transpose().dup('c');

        INDArray h = Nd4j.createUninitialized(type, new long[] {n, hidden, d}, 'c');
        Nd4j.exec(new MulOp(xs.reshape(n, 1, d), wShift.reshape(1, hidden, d), h));
        cumsumLastAxis(h, false);
        Transforms.sigmoid(h, false);
        INDArray hv = Nd4j.createUninitialized(type, new long[] {n, hidden, d}, 'c');
        Nd4j.exec(new MulOp(h, vt.reshape(1, hidden, d), hv));
        INDArray logits = hv.sum(1);
        logits.addiRowVector(identityOrder ? b : b.get(NDArrayIndex.indices(toLong(order))));
        return new Forward(x, xs, keep ? h : null, vt, logits);
    }

    private void backward(Forward f, INDArray g) {
        int n = (int) g.rows();
        INDArray h = f.h;
        INDArray m = Nd4j.createUninitialized(type, new long[] {n, hidden, d}, 'c');
        Nd4j.exec(new MulOp(h, g.reshape(n, 1, d), m));
        INDArray gb = g.sum(0);
        INDArray gvt = m.sum(0); // H × D: dL/dV[o(t), :] in column t
        // δ = g V ⊙ h ⊙ (1 − h), reusing h's and m's storage
        h.rsubi(1);
        Nd4j.exec(new MulOp(m, f.vt.reshape(1, hidden, d), m));
        m.muli(h);
        cumsumLastAxis(m, true);
        Nd4j.exec(new MulOp(m, f.xShifted.reshape(n, 1, d), m));
        INDArray gwShift = m.sum(0); // H × D

        gradC.assign(gwShift.getColumn(0));
        INDArray gwo = Nd4j.zeros(type, hidden, d);
        if (d > 1) {
            gwo.get(NDArrayIndex.all(), NDArrayIndex.interval(0, d - 1))
                    .assign(gwShift.get(NDArrayIndex.all(), NDArrayIndex.interval(1, d)));
        }
        if (identityOrder) {
            gradW.assign(gwo);
            gradV.assign(gvt.transpose());
            gradB.assign(gb);
        } else {
            gradW.assign(gwo.getColumns(position));
            gradV.assign(gvt.transpose().getRows(position));
            gradB.assign(gb.get(NDArrayIndex.indices(toLong(position))));
        }
    }

    /**
     * Running sums along the last axis of a fresh row-major array, in place (from the end when
     * {@code reverse}). ND4J 1.0.0-M2.1's {@code CumSum} op leaks native memory on every call: about
     * 1 MB for a 51 × 100 × 784 float array inside a workspace, and the whole array (17 MB) outside
     * one, measured with javacpp's physical bytes over 300 calls; lesson 5's benches and tests evaluate
     * thousands of images through it. So the sums run here, over the array's own memory (a direct
     * buffer view, no copy): one pass, about as fast as the op.
     */
    static void cumsumLastAxis(INDArray a, boolean reverse) {
        if (a.ordering() != 'c' || a.isView() || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("a fresh row-major array is needed");
        }
        int len = (int) a.size(a.rank() - 1);
        long rows = a.length() / len;
        int off = (int) a.offset();
        if (a.dataType() == DataType.FLOAT) {
            java.nio.FloatBuffer f = a.data().asNioFloat();
            for (long r = 0; r < rows; r++) {
                int base = off + (int) (r * len);
                float s = 0;
                for (int t = 0; t < len; t++) {
                    int i = base + (reverse ? len - 1 - t : t);
                    s += f.get(i);
                    f.put(i, s);
                }
            }
        } else if (a.dataType() == DataType.DOUBLE) {
            java.nio.DoubleBuffer f = a.data().asNioDouble();
            for (long r = 0; r < rows; r++) {
                int base = off + (int) (r * len);
                double s = 0;
                for (int t = 0; t < len; t++) {
                    int i = base + (reverse ? len - 1 - t : t);
                    s += f.get(i);
                    f.put(i, s);
                }
            }
        } else {
            throw new IllegalArgumentException("float or double, not " + a.dataType());
        }
    }

    /** n × D images in step order; shifted: [1, x_{o(0)}, …, x_{o(D−2)}]. */
    private INDArray stepOrdered(byte[] bits, int from, int n, boolean shifted) {
        double[] out = new double[n * d];
        for (int k = 0; k < n; k++) {
            int base = (from + k) * d;
            int row = k * d;
            if (shifted) {
                out[row] = 1;
                for (int t = 1; t < d; t++) {
                    out[row + t] = bits[base + order[t - 1]];
                }
            } else {
                for (int t = 0; t < d; t++) {
                    out[row + t] = bits[base + order[t]];
                }
            }
        }
        if (type == DataType.DOUBLE) {
            return Nd4j.create(out, new long[] {n, d}, 'c');
        }
        float[] f = new float[out.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) out[i];
        }
        return Nd4j.create(f, new long[] {n, d}, 'c');
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    // ---------------------------------------------------------------- evaluation

    /** Images per forward pass so that a B × H × D tensor stays below {@link #MAX_TENSOR} elements. */
    int evalBatch() {
        return (int) Math.max(1, MAX_TENSOR / ((long) hidden * d));
    }

    @Override
    public double[] logProb(BinaryImages data) {
        checkSize(data);
        byte[] bits = data.bits();
        double[] out = new double[data.count()];
        if (engine == Engine.JAVA) {
            double[] p = paramsCopy();
            for (int k = 0; k < out.length; k++) {
                if (k % 32 == 0) {
                    AutoregressiveModel.stopIfInterrupted();
                }
                out[k] = -kernel.forward(p, bits, k * d, null, 0);
            }
            return out;
        }
        int batch = evalBatch();
        for (int from = 0; from < data.count(); from += batch) {
            int n = Math.min(batch, data.count() - from);
            AutoregressiveModel.stopIfInterrupted();
            try (MemoryWorkspace ws = workspace.open()) {
                Forward f = forward(bits, from, n, false);
                INDArray z = f.logits;
                // −ln p = Σ_t max(z, 0) − x z + ln(1 + e^−|z|)
                INDArray nll = Transforms.relu(z, true).subi(z.mul(f.x))
                        .addi(Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false));
                double[] s = nll.sum(1).toDoubleVector();
                for (int k = 0; k < n; k++) {
                    out[from + k] = -s[k];
                }
            }
        }
        return out;
    }

    @Override
    public float[] conditionals(byte[] images, int count) {
        double[] p = conditionalsExact(images, count);
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        return out;
    }

    /** {@link #conditionals} in the model's precision (the tests' DOUBLE), entry i·n + j. */
    double[] conditionalsExact(byte[] images, int count) {
        checkImages(images, count);
        double[] out = new double[count * d];
        if (engine == Engine.JAVA) {
            double[] p = paramsCopy();
            for (int k = 0; k < count; k++) {
                kernel.forward(p, images, k * d, out, k * d);
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = 1 / (1 + Math.exp(-out[i]));
            }
            return out;
        }
        int batch = evalBatch();
        for (int from = 0; from < count; from += batch) {
            int n = Math.min(batch, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                double[] p = Transforms.sigmoid(forward(images, from, n, false).logits, false)
                        .ravel().toDoubleVector();
                for (int k = 0; k < n; k++) {
                    int row = (from + k) * d;
                    for (int t = 0; t < d; t++) {
                        out[row + order[t]] = p[k * d + t];
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- sampling

    @Override
    public Completion complete(byte[] images, int count, int fromStep, SplittableRandom rng) {
        checkImages(images, count);
        if (fromStep < 0 || fromStep > d) {
            throw new IllegalArgumentException("fromStep must be in 0.." + d + ", got " + fromStep);
        }
        return new NadeCompletion(paramsCopy().clone(), images.clone(), count, fromStep, rng);
    }

    /**
     * Sequential sampling on a parameter copy: per image the running pre-activation a and
     * h = σ(a) (H doubles each), per step p = σ(b_{o(t)} + V[o(t), :]·h) and a draw; when the pixel
     * comes out on, a += W[:, o(t)] and h is recomputed (otherwise h stays as it is).
     */
    private final class NadeCompletion extends SequentialCompletion {
        private final double[] p;
        private final double[] a;
        private final double[] hid;

        NadeCompletion(double[] p, byte[] x, int count, int fromStep, SplittableRandom rng) {
            super(ordering.order(), x, count, fromStep, rng);
            this.p = p;
            this.a = new double[count * hidden];
            this.hid = new double[count * hidden];
            int hd = hidden * d;
            for (int k = 0; k < count; k++) {
                System.arraycopy(p, hd, a, k * hidden, hidden);
                updateHidden(k);
            }
            replayGiven(fromStep);
        }

        /** a += W[:, pixel] and h = σ(a) again. */
        @Override
        protected void turnedOn(int k, int pixel) {
            int off = pixel * hidden;
            int ao = k * hidden;
            for (int i = 0; i < hidden; i++) {
                a[ao + i] += p[off + i];
            }
            updateHidden(k);
        }

        private void updateHidden(int k) {
            int ao = k * hidden;
            for (int i = 0; i < hidden; i++) {
                hid[ao + i] = 1 / (1 + Math.exp(-a[ao + i]));
            }
        }

        @Override
        protected void computeNext(int j) {
            int vo = hidden * d + hidden + j * hidden;
            double bj = p[2 * hidden * d + hidden + j];
            for (int k = 0; k < count; k++) {
                double z = bj + NadeKernel.dot(p, vo, hid, k * hidden, hidden);
                next[k] = (float) (1 / (1 + Math.exp(-z)));
            }
        }
    }

    // ---------------------------------------------------------------- structure and parameters

    @Override
    public boolean[] receptiveField(int pixel, int depth) {
        Objects.checkIndex(pixel, d);
        if (depth != 1) {
            throw new IllegalArgumentException("NADE has one layer: depth must be 1, got " + depth);
        }
        boolean[] field = new boolean[d];
        for (int j = 0; j < d; j++) {
            field[j] = position[j] < position[pixel];
        }
        return field;
    }

    @Override
    public int depth() {
        return 1;
    }

    @Override
    public double[] saveParams() {
        return paramsCopy().clone();
    }

    @Override
    public void loadParams(double[] values) {
        if (values.length != params.length()) {
            throw new IllegalArgumentException("expected " + params.length() + " values, got " + values.length);
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            params.assign(Nd4j.createFromArray(values).castTo(type));
        }
    }

    @Override
    public boolean isFinite() {
        return Nd4j.getExecutioner().exec(new MatchCondition(params, Conditions.notFinite())).getInt(0) == 0;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    public int hidden() {
        return hidden;
    }

    /** One image's conditionals p(x_j = 1 | x_{o(&lt;t)}) by pixel j, and the multiply-adds they took. */
    public record Pass(double[] conditionals, long multiplyAdds) {
    }

    /**
     * The conditionals of one image in plain Java, the hidden pre-activation kept as a running sum:
     * a ← a + W[:, o(t)] x_{o(t)} after each pixel (H multiply-adds, done for off pixels too, so the count is
     * the formula's), then z_t = b + V[o(t), :] · σ(a) (H more). What {@link #multiplyAddsPerImage} counts.
     */
    public Pass incrementalPass(byte[] image) {
        return pass(image, true);
    }

    /**
     * The same conditionals with every a_t = c + Σ_{s&lt;t} W[:, o(s)] x_{o(s)} summed from scratch: H·t
     * multiply-adds at step t, what {@link #naiveMultiplyAddsPerImage} counts.
     */
    public Pass naivePass(byte[] image) {
        return pass(image, false);
    }

    private Pass pass(byte[] image, boolean incremental) {
        int d = pixels();
        if (image.length != d) {
            throw new IllegalArgumentException("an image of " + d + " pixels, not " + image.length);
        }
        double[] p = saveParams();
        int cOff = d * hidden;
        int vOff = cOff + hidden;
        int bOff = vOff + d * hidden;
        int[] o = ordering.order();
        double[] a = new double[hidden];
        System.arraycopy(p, cOff, a, 0, hidden);
        double[] out = new double[d];
        long macs = 0;
        for (int t = 0; t < d; t++) {
            if (!incremental) {
                System.arraycopy(p, cOff, a, 0, hidden);
                for (int s = 0; s < t; s++) {
                    int w = o[s] * hidden;
                    for (int k = 0; k < hidden; k++) {
                        a[k] += p[w + k] * image[o[s]];
                    }
                    macs += hidden;
                }
            }
            int j = o[t];
            double z = p[bOff + j];
            for (int k = 0; k < hidden; k++) {
                z += p[vOff + j * hidden + k] / (1 + Math.exp(-a[k]));
            }
            macs += hidden;
            out[j] = 1 / (1 + Math.exp(-z));
            if (incremental) {
                int w = j * hidden;
                for (int k = 0; k < hidden; k++) {
                    a[k] += p[w + k] * image[j];
                }
                macs += hidden;
            }
        }
        return new Pass(out, macs);
    }

    /**
     * Multiply-adds of ln p(x) for one image in the incremental form: D updates a ← a + W[:, o(t)] x_{o(t)}
     * of H each, and D output products V_{o(t)} · h_t of H each, 2DH (the skipped off pixels not subtracted).
     */
    public long multiplyAddsPerImage() {
        long d = pixels();
        return 2 * d * hidden;
    }

    /**
     * Multiply-adds of the same conditionals with every pre-activation recomputed from scratch,
     * a_t = c + W[:, o(&lt;t)] x_{o(&lt;t)}: H(0 + 1 + … + (D − 1)) = H·D(D − 1)/2, plus the D output products.
     */
    public long naiveMultiplyAddsPerImage() {
        long d = pixels();
        return hidden * d * (d - 1) / 2 + d * hidden;
    }

    public DataType dataType() {
        return type;
    }

    @Override
    public PixelOrdering ordering() {
        return ordering;
    }

    @Override
    public long numParams() {
        return params.length();
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public INDArray gradients() {
        return grads;
    }

    public Engine engine() {
        return engine;
    }

    /** Chooses how the passes compute; the parameters and results do not depend on it. */
    public void setEngine(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The parameters as doubles, read straight from the off-heap buffer (a tenth of the time of
     * {@code toDoubleVector()}, which was 2 ms here for 157k floats).
     */
    private double[] paramsCopy() {
        double[] out = paramScratch;
        if (type == DataType.DOUBLE) {
            params.data().asNioDouble().get(0, out);
        } else {
            java.nio.FloatBuffer fb = params.data().asNioFloat();
            float[] f = floatScratch;
            fb.get(0, f);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    /** Writes {@code values} into a detached flat vector's off-heap buffer (params or grads). */
    private void assignFrom(INDArray target, double[] values) {
        if (type == DataType.DOUBLE) {
            target.data().asNioDouble().put(0, values);
        } else {
            float[] f = floatScratch;
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.data().asNioFloat().put(0, f);
        }
    }

    /** Frees the step workspace; on the trainer thread, when the model is discarded. */
    public void close() {
        workspace.destroy();
    }

    private void checkSize(BinaryImages data) {
        if (data.rows() != rows || data.cols() != cols) {
            throw new IllegalArgumentException("images are " + data.rows() + "x" + data.cols() + ", the model is "
                    + rows + "x" + cols);
        }
    }

    private void checkImages(byte[] images, int count) {
        if (count < 0 || images.length != (long) count * d) {
            throw new IllegalArgumentException(images.length + " bits are not " + count + " images of " + d
                    + " pixels");
        }
    }
}
