package dev.genlab.model.autoregressive;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

import dev.genlab.model.autoregressive.MaskedConv2d.Grid;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.nn.Activation;

/**
 * PixelCNN for binary images (van den Oord, Kalchbrenner &amp; Kavukcuoglu 2016, "Pixel Recurrent
 * Neural Networks", ICML, §3.5 and Figure 2): a stack of masked convolutions whose output at pixel
 * j sees only the pixels before j in raster order, so one forward pass yields every conditional of
 * <pre>
 *   p(x) = Π_j p(x_j | x_1, …, x_{j−1}),   p(x_j = 1 | x_&lt;j) = σ(z_j),
 * </pre>
 * j = r·cols + c row-major. The network on a 1 × rows × cols input x:
 * <pre>
 *   h₁ = ReLU(conv_{k₁}(x; W₁ ⊙ M_A) + b₁)                1 → C channels
 *   h_l = ReLU(conv_k(h_{l−1}; W_l ⊙ M_B) + b_l)          C → C, l = 2 … L+1
 *   z = conv_{1×1}(h_{L+1}; W_o) + b_o                      C → 1: the logits
 * </pre>
 * every convolution with stride 1 and zero padding ("same"). With p = (k − 1)/2 the centre tap of a
 * k × k kernel, the masks keep the taps (u, v) with u &lt; p, or u = p and v &lt; p (type A, centre
 * excluded: the first layer must not see x_j itself), or v ≤ p (type B: later layers may read
 * their own position, which by then carries only information about x_&lt;j). There is one input
 * channel, so the paper's colour-channel masking does not arise.
 *
 * <p>The loss is the Bernoulli negative log-likelihood from the logits, in the stable form
 * <pre>
 *   −ln p(x) = Σ_j [max(z_j, 0) − z_j x_j + ln(1 + e^{−|z_j|})],   ∂/∂z_j = σ(z_j) − x_j,
 * </pre>
 * averaged over the batch. Back-propagation is written out: dL/dz_l = [z_l &gt; 0] ⊙ dL/dh_l through
 * each ReLU, and the convolution's gradients as in {@link MaskedConv2d}, where dL/dW is the
 * unmasked gradient times M: masked weights get exactly zero.
 *
 * <p>Stacking masked layers leaves a blind spot (the paper's motivation for the gated PixelCNN of
 * van den Oord et al. 2016b): with 3 × 3 kernels the field of pixel (r, c) never contains
 * (r − d, c + e) for e &gt; d, however deep the stack ({@link #receptiveField}).
 *
 * <p>All parameters live in one flat vector, layer after layer (W, then b; the layout of W is
 * {@link MaskedConv2d}'s); masked weights are initialised to zero, never used and never get a
 * gradient. Sampling ({@link #complete}) is one step per pixel, each evaluating only the
 * activations the next pixel depends on ({@link PixelCnnCone}).
 *
 * <p>Trainer thread only: the arrays belong to the thread that made them. The temporaries of a
 * pass go to an ND4J workspace of the calling thread (one per thread and model).
 */
public final class PixelCnn implements AutoregressiveModel {

    /*
     * Defaults for 28 × 28 digits, measured with FLOAT on the shared 2-core machine (other builds
     * running, PixelCnnBenchTest / an exploration run): a training step on a batch of 32 took a
     * median 130–235 ms with C = 16, L = 4 (≈ 140–240 examples/s), 290–580 ms with C = 24 and
     * 550 ms with C = 32; L = 5 cost about as much as L = 4, a 5 × 5 first kernel no less than
     * 7 × 7. One 784-pixel sample takes ≈ 0.4–0.6 s, sixteen ≈ 1.4–1.9 s.
     */

    /** Default feature channels C. */
    public static final int DEFAULT_CHANNELS = 16;
    /** Default number L of type-B layers after the type-A one. */
    public static final int DEFAULT_LAYERS = 4;
    /** Default kernel k₁ of the type-A layer: it alone sees 3 rows up and 3 columns to each side. */
    public static final int DEFAULT_FIRST_KERNEL = 7;
    /** Default kernel k of the type-B layers. */
    public static final int DEFAULT_KERNEL = 3;
    /** The batch size the defaults were measured with (16 gave fewer examples per second). */
    public static final int DEFAULT_BATCH = 32;
    /** Adam learning rate that trains the defaults (and {@code PixelCnnTrainingTest}'s model) well. */
    public static final double DEFAULT_LEARNING_RATE = 3e-3;

    private static final AtomicLong WORKSPACE_IDS = new AtomicLong();
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    /** Evaluation ({@link #logProb}, {@link #conditionals}) works on about this many pixels per pass. */
    private static final int EVAL_PIXELS = 1 << 16;

    private final int rows;
    private final int cols;
    private final int channels;
    private final int layers;
    private final int firstKernel;
    private final int kernel;
    private final DataType type;
    private final long seed;
    private final PixelOrdering ordering;
    private final MaskedConv2d[] convs;
    private final long[] offsets;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] pre;
    private final INDArray[] act;
    /** Rows above a pixel that its conditional can see: (k₁ − 1)/2 + L (k − 1)/2. */
    private final int reach;
    /** Zero ring around each image on the activation grids: the type-B layers' (k − 1)/2. */
    private final int gridPad;
    private final String workspaceId = "genlab-pixelcnn-" + WORKSPACE_IDS.incrementAndGet();
    private final Map<Grid, INDArray> interiors = new HashMap<>();
    private Grid lastGrid;
    private PixelCnnCone cone;
    private BinaryImages cachedData;
    private byte[] cachedBits;

    /** The default architecture ({@link #DEFAULT_CHANNELS} etc.) for rows × cols images. */
    public PixelCnn(int rows, int cols, DataType type, long seed) {
        this(rows, cols, DEFAULT_CHANNELS, DEFAULT_LAYERS, DEFAULT_FIRST_KERNEL, DEFAULT_KERNEL, type, seed);
    }

    /**
     * @param channels    feature channels C of every hidden layer
     * @param layers      number L ≥ 0 of type-B layers
     * @param firstKernel odd kernel k₁ ≥ 3 of the type-A layer
     * @param kernel      odd kernel k ≥ 1 of the type-B layers
     * @param type        DataType.FLOAT for the app, DOUBLE for tests
     * @param seed        seed of the initialisation: equal seeds give bit-identical models
     */
    public PixelCnn(int rows, int cols, int channels, int layers, int firstKernel, int kernel, DataType type,
            long seed) {
        if (rows < 1 || cols < 1 || channels < 1 || layers < 0) {
            throw new IllegalArgumentException("need positive sizes and layers >= 0, got " + rows + "x" + cols
                    + ", C = " + channels + ", L = " + layers);
        }
        if (firstKernel < 3 || firstKernel % 2 == 0 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("kernels must be odd (the first at least 3), got " + firstKernel
                    + " and " + kernel);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("FLOAT or DOUBLE, got " + type);
        }
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.layers = layers;
        this.firstKernel = firstKernel;
        this.kernel = kernel;
        this.type = type;
        this.seed = seed;
        this.ordering = PixelOrdering.raster(rows, cols);
        this.reach = (firstKernel - 1) / 2 + layers * ((kernel - 1) / 2);
        this.gridPad = layers == 0 ? 0 : (kernel - 1) / 2;
        int n = layers + 2;
        int[] ins = new int[n];
        int[] outs = new int[n];
        int[] ks = new int[n];
        int[] taps = new int[n];
        for (int l = 0; l < n; l++) {
            ins[l] = l == 0 ? 1 : channels;
            outs[l] = l == n - 1 ? 1 : channels;
            ks[l] = l == 0 ? firstKernel : l == n - 1 ? 1 : kernel;
            taps[l] = taps(ks[l], l == 0);
        }
        offsets = new long[n + 1];
        for (int l = 0; l < n; l++) {
            offsets[l + 1] = offsets[l] + MaskedConv2d.size(ins[l], outs[l], ks[l]);
        }
        params = detached(Nd4j.zeros(type, offsets[n]));
        grads = detached(Nd4j.zeros(type, offsets[n]));
        convs = new MaskedConv2d[n];
        for (int l = 0; l < n; l++) {
            convs[l] = new MaskedConv2d(ins[l], outs[l], ks[l], taps[l],
                    params.get(NDArrayIndex.interval(offsets[l], offsets[l + 1])),
                    grads.get(NDArrayIndex.interval(offsets[l], offsets[l + 1])));
        }
        pre = new INDArray[n - 1];
        act = new INDArray[n - 1];
        initialise(new SplittableRandom(seed), ins, outs, ks, taps);
    }

    /**
     * The taps of a k × k mask, row-major: type A keeps the rows above the centre and the taps
     * left of it; type B also the centre.
     */
    static boolean[] mask(int k, boolean typeA) {
        int p = (k - 1) / 2;
        boolean[] m = new boolean[k * k];
        for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
                m[u * k + v] = u < p || u == p && (typeA ? v < p : v <= p);
            }
        }
        return m;
    }

    /** How many taps {@link #mask} keeps; they are always its first ones in row-major order. */
    static int taps(int k, boolean typeA) {
        int p = (k - 1) / 2;
        return k * p + p + (typeA ? 0 : 1);
    }

    /**
     * He-uniform for the layers followed by a ReLU, W ~ U(±√(6 / fan_in)) with fan_in = in × the
     * taps the mask keeps (He et al. 2015); Glorot-uniform for the 1 × 1 output layer; biases 0;
     * masked weights 0.
     */
    private void initialise(SplittableRandom random, int[] ins, int[] outs, int[] ks, int[] taps) {
        double[] values = new double[(int) offsets[convs.length]];
        for (int l = 0; l < convs.length; l++) {
            int fanIn = ins[l] * taps[l];
            double limit = l == convs.length - 1 ? Math.sqrt(6.0 / (fanIn + outs[l])) : Math.sqrt(6.0 / fanIn);
            for (int o = 0; o < outs[l]; o++) {
                for (int i = 0; i < ins[l]; i++) {
                    for (int t = 0; t < taps[l]; t++) {
                        int at = MaskedConv2d.index(ins[l], outs[l], ks[l], o, i, t / ks[l], t % ks[l]);
                        values[(int) offsets[l] + at] = (2 * random.nextDouble() - 1) * limit;
                    }
                }
            }
        }
        loadParams(values);
    }

    /** Builds a model from {@link #hyperparameters()} and {@link #saveParams()} of another. */
    public static PixelCnn fromHyperparameters(Map<String, String> h, double[] params) {
        PixelCnn m = new PixelCnn(intOf(h, "rows"), intOf(h, "cols"), intOf(h, "channels"), intOf(h, "layers"),
                intOf(h, "firstKernel"), intOf(h, "kernel"), DataType.valueOf(required(h, "dataType")),
                Long.parseLong(required(h, "seed")));
        m.loadParams(params);
        return m;
    }

    /** As {@link #fromHyperparameters(Map, double[])} from single-precision parameters. */
    public static PixelCnn fromHyperparameters(Map<String, String> h, float[] params) {
        double[] d = new double[params.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = params[i];
        }
        return fromHyperparameters(h, d);
    }

    private static String required(Map<String, String> h, String key) {
        String v = h.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing hyperparameter '" + key + "'");
        }
        return v;
    }

    private static int intOf(Map<String, String> h, String key) {
        return Integer.parseInt(required(h, key));
    }

    /**
     * What {@link #fromHyperparameters} needs to rebuild this architecture (keys model, rows, cols,
     * channels, layers, firstKernel, kernel, dataType, seed); unmodifiable, in that order.
     */
    public Map<String, String> hyperparameters() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("model", id());
        h.put("rows", Integer.toString(rows));
        h.put("cols", Integer.toString(cols));
        h.put("channels", Integer.toString(channels));
        h.put("layers", Integer.toString(layers));
        h.put("firstKernel", Integer.toString(firstKernel));
        h.put("kernel", Integer.toString(kernel));
        h.put("dataType", type.name());
        h.put("seed", Long.toString(seed));
        return Collections.unmodifiableMap(h);
    }

    /**
     * This thread's workspace for the temporaries of one pass (ND4J keeps one per thread and id):
     * a pass makes about sixty arrays, and a bump allocator makes them nearly free.
     */
    private MemoryWorkspace workspace() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId);
    }

    static INDArray detached(INDArray a) {
        if (!a.isAttached()) {
            return a;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.detach();
        }
    }

    // ---------------------------------------------------------------- forward and backward

    /**
     * The logits of the n images starting at {@code starts[i]} in bits, as doubles indexed
     * image·pixels + pixel.
     */
    private double[] logits(byte[] bits, int[] starts, int n) {
        int h = rows;
        Grid g = new Grid(n, h, cols, gridPad);
        double[] onGrid;
        try (MemoryWorkspace ignored = workspace()) {
            onGrid = values(forward(bits, starts, g));
        }
        double[] z = new double[n * h * cols];
        for (int s = 0; s < n; s++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < cols; c++) {
                    z[(s * h + r) * cols + c] = onGrid[(int) g.at(s, r, c)];
                }
            }
        }
        return z;
    }

    /**
     * The network on grid g: the logits as a 1 × g.pixels() row (garbage on the ring). The type-A
     * layer's columns (its input at each kept tap) are gathered in plain Java straight from the bits.
     */
    INDArray forward(byte[] bits, int[] starts, Grid g) {
        int k = firstKernel;
        int p = (k - 1) / 2;
        int t0 = convs[0].taps();
        double[] colsA = new double[(int) (t0 * g.pixels())];
        for (int s = 0; s < g.n(); s++) {
            for (int r = 0; r < g.h(); r++) {
                for (int c = 0; c < g.w(); c++) {
                    int at = (int) g.at(s, r, c) * t0;
                    for (int t = 0; t < t0; t++) {
                        int rr = r + t / k - p;
                        int cc = c + t % k - p;
                        if (rr >= 0 && cc >= 0 && cc < cols) { // rr <= r: the mask never looks down
                            colsA[at + t] = bits[starts[s] + rr * cols + cc];
                        }
                    }
                }
            }
        }
        INDArray mask = interior(g);
        INDArray z = convs[0].forwardColumns(put(Nd4j.create(type, new long[] {t0, g.pixels()}, 'f'), colsA));
        for (int l = 0; l < pre.length; l++) {
            if (l > 0) {
                z = convs[l].forward(act[l - 1], g);
            }
            pre[l] = z;
            act[l] = Nd4j.create(type, new long[] {channels, g.pixels() + 2 * g.margin()}, 'f');
            INDArray a = MaskedConv2d.columns(act[l], g.margin(), g.pixels());
            Nd4j.exec(new RectifiedLinear(z, a, 0.0));
            a.muliRowVector(mask);
        }
        lastGrid = g;
        return convs[convs.length - 1].forward(act[pre.length - 1], g);
    }

    /** Fills {@link #gradients()} from dL/dz (1 × grid pixels, zero on the ring) of the last forward. */
    void backward(INDArray gradLogits) {
        Grid g = lastGrid;
        INDArray mask = interior(g);
        INDArray gradAct = convs[convs.length - 1].backward(gradLogits, true);
        for (int l = pre.length - 1; l >= 0; l--) {
            INDArray a = MaskedConv2d.columns(act[l], g.margin(), g.pixels());
            INDArray gradZ = Activation.RELU.backward(pre[l], a, MaskedConv2d.columns(gradAct, g.margin(), g.pixels()));
            gradZ.muliRowVector(mask);
            gradAct = convs[l].backward(gradZ, l > 0);
        }
    }

    /** The 0/1 row marking the image pixels of grid g, cached per grid. */
    private INDArray interior(Grid g) {
        INDArray m = interiors.get(g);
        if (m == null) {
            if (interiors.size() > 64) {
                interiors.clear();
            }
            m = detached(put(Nd4j.create(type, new long[] {1, g.pixels()}, 'f'), g.interior()));
            interiors.put(g, m);
        }
        return m;
    }

    /** Copies v into a new (not a view) array of the model's type in one bulk write; returns it. */
    private INDArray put(INDArray dst, double[] v) {
        if (dst.isView() || dst.length() != v.length) {
            throw new IllegalArgumentException("need a fresh array of " + v.length);
        }
        if (dst.dataType() == DataType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
            ((FloatPointer) dst.data().pointer()).put(f);
        } else {
            ((DoublePointer) dst.data().pointer()).put(v);
        }
        return dst;
    }

    private byte[] bitsOf(BinaryImages data) {
        if (data.rows() != rows || data.cols() != cols) {
            throw new IllegalArgumentException("model is for " + rows + "x" + cols + " images, got "
                    + data.rows() + "x" + data.cols());
        }
        // a record is immutable, so its one copy of the bits can be kept while the same set comes back
        if (data != cachedData) {
            cachedBits = data.bits();
            cachedData = data;
        }
        return cachedBits;
    }

    /** All entries of an array in its memory order (row-major for 'c', column-major for 'f'), as doubles. */
    static double[] values(INDArray a) {
        INDArray c = !a.isView() && a.data().length() == a.length() ? a : a.dup(a.ordering());
        if (c.dataType() == DataType.FLOAT) {
            float[] f = new float[(int) c.length()];
            ((FloatPointer) c.data().pointer()).get(f);
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        if (c.dataType() == DataType.DOUBLE) {
            double[] d = new double[(int) c.length()];
            ((DoublePointer) c.data().pointer()).get(d);
            return d;
        }
        return c.data().asDouble();
    }

    private static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    // ---------------------------------------------------------------- AutoregressiveModel

    @Override
    public String id() {
        return "pixelcnn";
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
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

    @Override
    public double lossAndGradients(BinaryImages data, int[] batch) {
        if (batch.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        byte[] bits = bitsOf(data);
        int d = pixels();
        int[] starts = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            starts[i] = java.util.Objects.checkIndex(batch[i], data.count()) * d;
        }
        try (MemoryWorkspace ignored = workspace()) {
            return lossAndGradients(bits, starts, d);
        }
    }

    private double lossAndGradients(byte[] bits, int[] starts, int d) {
        Grid grid = new Grid(starts.length, rows, cols, gridPad);
        double[] z = values(forward(bits, starts, grid));
        double[] g = new double[z.length];
        double n = starts.length;
        double loss = 0;
        for (int i = 0; i < starts.length; i++) {
            for (int j = 0; j < d; j++) {
                int at = (int) grid.at(i, j / cols, j % cols);
                double zz = z[at];
                int x = bits[starts[i] + j];
                loss += softplus(zz) - zz * x;
                g[at] = (sigmoid(zz) - x) / n;
            }
        }
        backward(put(Nd4j.create(type, new long[] {1, grid.pixels()}, 'f'), g));
        return loss / n;
    }

    /** Images per evaluation pass. */
    private int evalBatch() {
        return Math.max(1, Math.min(4096, EVAL_PIXELS / pixels()));
    }

    @Override
    public double[] logProb(BinaryImages data) {
        byte[] bits = bitsOf(data);
        int d = pixels();
        double[] out = new double[data.count()];
        int step = evalBatch();
        for (int from = 0; from < data.count(); from += step) {
            int n = Math.min(step, data.count() - from);
            AutoregressiveModel.stopIfInterrupted();
            int[] starts = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = (from + i) * d;
            }
            double[] z = logits(bits, starts, n);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double zz = z[i * d + j];
                    s -= softplus(zz) - zz * bits[starts[i] + j];
                }
                out[from + i] = s;
            }
        }
        return out;
    }

    @Override
    public float[] conditionals(byte[] images, int count) {
        int d = pixels();
        if (images.length < (long) count * d) {
            throw new IllegalArgumentException(count + " images need " + (long) count * d + " bits, got "
                    + images.length);
        }
        float[] out = new float[count * d];
        int step = evalBatch();
        for (int from = 0; from < count; from += step) {
            int n = Math.min(step, count - from);
            int[] starts = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = (from + i) * d;
            }
            double[] z = logits(images, starts, n);
            for (int i = 0; i < n * d; i++) {
                out[from * d + i] = (float) sigmoid(z[i]);
            }
        }
        return out;
    }

    /** As {@link #conditionals} in double precision (tests of a DOUBLE model need more than float). */
    double[] conditionalsExact(byte[] images, int count) {
        double[] z = logits(images, startsOf(count), count);
        for (int i = 0; i < z.length; i++) {
            z[i] = sigmoid(z[i]);
        }
        return z;
    }

    private int[] startsOf(int count) {
        int[] s = new int[count];
        for (int i = 0; i < count; i++) {
            s[i] = i * pixels();
        }
        return s;
    }

    /**
     * p(x_j = 1 | x_&lt;j) of pixel j for each of the {@code count} images, by {@link PixelCnnCone}:
     * in plain Java, from the current parameters, computing only the activations pixel j depends on.
     */
    double[] conditionalAt(byte[] images, int count, int pixel) {
        if (cone == null) {
            cone = new PixelCnnCone(this);
        }
        double[] theta = saveParams();
        double[] p = new double[count];
        for (int i = 0; i < count; i++) {
            p[i] = sigmoid(cone.logit(theta, images, i * pixels(), pixel));
        }
        return p;
    }

    @Override
    public Completion complete(byte[] images, int count, int fromStep, SplittableRandom rng) {
        if (images.length < (long) count * pixels() || count < 1) {
            throw new IllegalArgumentException("need count >= 1 and " + (long) count * pixels() + " bits");
        }
        if (fromStep < 0 || fromStep > pixels()) {
            throw new IllegalArgumentException("fromStep must be in 0.." + pixels() + ", got " + fromStep);
        }
        return new RasterCompletion(Arrays.copyOf(images, count * pixels()), count, fromStep, rng);
    }

    private final class RasterCompletion implements Completion {
        private final byte[] images;
        private final int count;
        private final SplittableRandom rng;
        private int step;
        private double[] next;

        RasterCompletion(byte[] images, int count, int fromStep, SplittableRandom rng) {
            this.images = images;
            this.count = count;
            this.step = fromStep;
            this.rng = rng;
        }

        @Override
        public int step() {
            return step;
        }

        @Override
        public boolean done() {
            return step >= pixels();
        }

        @Override
        public int advance(int maxSteps) {
            int drawn = 0;
            while (drawn < maxSteps && !done()) {
                double[] p = probabilities();
                int j = step; // raster: step t is pixel t
                for (int i = 0; i < count; i++) {
                    images[i * pixels() + j] = (byte) (rng.nextDouble() < p[i] ? 1 : 0);
                }
                next = null;
                step++;
                drawn++;
            }
            return drawn;
        }

        /** The conditionals of the pixel at the current step, from the parameters as they are now. */
        private double[] probabilities() {
            if (next == null) {
                next = conditionalAt(images, count, step);
            }
            return next;
        }

        @Override
        public float[] nextConditionals() {
            float[] out = new float[count];
            if (done()) {
                Arrays.fill(out, Float.NaN);
                return out;
            }
            double[] p = probabilities();
            for (int i = 0; i < count; i++) {
                out[i] = (float) p[i];
            }
            return out;
        }

        /** As {@link #nextConditionals()} in double precision. */
        double[] nextConditionalsExact() {
            return done() ? null : probabilities().clone();
        }

        @Override
        public byte[] images() {
            return images.clone();
        }

        @Override
        public int count() {
            return count;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed from the masks alone: the output at q of a masked layer reads its input at q + (u
     * − p, v − p) for every kept tap (u, v), where that is inside the image (zero padding). The field
     * is the set reached from {@code pixel} by walking back through the 1 × 1 output layer and
     * layers {@code depth}, …, 1. For 3 × 3 layers one step reaches at most one column right per
     * row up, so (r − 1, c + 2) and the whole wedge to the upper right stays unseen: the blind spot.
     */
    @Override
    public boolean[] receptiveField(int pixel, int depth) {
        java.util.Objects.checkIndex(pixel, pixels());
        if (depth < 1 || depth > depth()) {
            throw new IllegalArgumentException("depth must be in 1.." + depth() + ", got " + depth);
        }
        boolean[] current = new boolean[pixels()];
        current[pixel] = true;
        for (int l = depth - 1; l >= 0; l--) {
            int k = convs[l].kernel();
            int p = (k - 1) / 2;
            boolean[] m = convs[l].mask();
            boolean[] reached = new boolean[pixels()];
            for (int q = 0; q < current.length; q++) {
                if (!current[q]) {
                    continue;
                }
                int r = q / cols;
                int c = q % cols;
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        int rr = r + u - p;
                        int cc = c + v - p;
                        if (m[u * k + v] && rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                            reached[rr * cols + cc] = true;
                        }
                    }
                }
            }
            current = reached;
        }
        return current;
    }

    /** 1 + L: the type-A layer and the type-B ones. */
    @Override
    public int depth() {
        return layers + 1;
    }

    @Override
    public double[] saveParams() {
        return params.toDoubleVector();
    }

    @Override
    public void loadParams(double[] values) {
        if (values.length != params.length()) {
            throw new IllegalArgumentException("expected " + params.length() + " values, got " + values.length);
        }
        params.assign(Nd4j.createFromArray(values).castTo(type));
    }

    @Override
    public boolean isFinite() {
        MatchCondition notFinite = new MatchCondition(params, Conditions.notFinite());
        return Nd4j.getExecutioner().exec(notFinite).getInt(0) == 0;
    }

    // ---------------------------------------------------------------- architecture

    public int channels() {
        return channels;
    }

    /** L, the number of type-B layers. */
    public int layers() {
        return layers;
    }

    public int firstKernel() {
        return firstKernel;
    }

    public int kernel() {
        return kernel;
    }

    public DataType dataType() {
        return type;
    }

    /** Rows above a pixel that its conditional can depend on. */
    public int reach() {
        return reach;
    }

    /** The convolutions, type A first, the 1 × 1 output last; for tests. */
    MaskedConv2d conv(int l) {
        return convs[l];
    }

    int numConvs() {
        return convs.length;
    }

    /** Where layer l's parameters start in {@link #params()} (W first, then its biases). */
    long paramOffset(int l) {
        return offsets[l];
    }
}
