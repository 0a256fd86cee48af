package dev.genlab.model.gan;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * One of {@link ImageGan}'s two networks: an MLP
 * <pre>
 *   a₁ = x W₁ + y U + b₁,   hₖ = leaky(aₖ),   aₖ₊₁ = hₖ Wₖ₊₁ + bₖ₊₁,   output = a_L (no activation)
 * </pre>
 * for a batch of row vectors x (n × in) and, when {@code labels} &gt; 0, their one-hot labels
 * y (n × C): the conditional GAN's concatenation [x, y] (Mirza &amp; Osindero 2014) written as a
 * second product y U instead of a copy into a wider array. leaky(a) = max(a, s·a) with slope
 * s ∈ [0, 1) (s = 0: ReLU). The caller applies the output's sigmoid (G's pixels, D's probability).
 *
 * <p>Back-propagation of G = ∂L/∂a_L: ∂Wₖ = hₖ₋₁ᵀ Gₖ, ∂bₖ = 1ᵀ Gₖ, ∂U = yᵀ G₁,
 * Gₖ₋₁ = (Gₖ Wₖᵀ) ⊙ leaky′(hₖ₋₁) (leaky′ = 1 where h &gt; 0, else s; h and a have the same sign;
 * for ReLU a 0/1 step of h, because libnd4j's leaky derivative is 1 at h = 0, where ReLU puts every a &lt; 0),
 * and ∂L/∂x = G₁ W₁ᵀ. When the parameter gradients are not wanted (G's step back-propagates through
 * a frozen D) their gemms are skipped.
 *
 * <p>All parameters live in one flat detached vector (so one Adam call updates a network), layer by
 * layer: W₁ (in × h₁, column-major), U (C × h₁, column-major, only when conditional), b₁, then
 * Wₖ, bₖ. The gradients have the same layout. Every product is one {@code Nd4j.gemm} into a new
 * column-major array (STACK.md). Initialisation: Glorot-uniform, W ~ U(±√(6/(fan_in + fan_out)))
 * with fan_in = in + C for the first layer (Glorot &amp; Bengio 2010), biases 0.
 *
 * <p>Trainer thread only; a forward and its backward inside one workspace scope.
 */
final class ImageGanNet {

    private final DataType type;
    private final int in;
    private final int labels;
    private final int[] widths;
    private final double slope;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] w;
    private final INDArray[] b;
    private final INDArray[] gw;
    private final INDArray[] gb;
    private final INDArray u;
    private final INDArray gu;
    /** Input of each layer in the last forward: x, h₁, …, h_{L−1}. */
    private final INDArray[] inputs;
    private INDArray lastLabels;
    private INDArray onesStore;

    /**
     * @param widths the hidden widths then the output width
     * @param slope  the hidden layers' leaky slope (0 = ReLU)
     */
    ImageGanNet(DataType type, long seed, int in, int labels, int[] widths, double slope) {
        this.type = type;
        this.in = in;
        this.labels = labels;
        this.widths = widths.clone();
        this.slope = slope;
        int layers = widths.length;
        long size = size(in, labels, widths);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            params = Nd4j.zeros(type, size);
            grads = Nd4j.zeros(type, size);
        }
        w = new INDArray[layers];
        b = new INDArray[layers];
        gw = new INDArray[layers];
        gb = new INDArray[layers];
        inputs = new INDArray[layers];
        long at = 0;
        INDArray uView = null;
        INDArray guView = null;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] init = new double[(int) size];
        for (int k = 0; k < layers; k++) {
            int fanIn = k == 0 ? in : widths[k - 1];
            int out = widths[k];
            double limit = Math.sqrt(6.0 / (fanIn + (k == 0 ? labels : 0) + out));
            w[k] = matrix(params, at, fanIn, out);
            gw[k] = matrix(grads, at, fanIn, out);
            for (long i = 0; i < (long) fanIn * out; i++) {
                init[(int) (at + i)] = (2 * rng.nextDouble() - 1) * limit;
            }
            at += (long) fanIn * out;
            if (k == 0 && labels > 0) {
                uView = matrix(params, at, labels, out);
                guView = matrix(grads, at, labels, out);
                for (long i = 0; i < (long) labels * out; i++) {
                    init[(int) (at + i)] = (2 * rng.nextDouble() - 1) * limit;
                }
                at += (long) labels * out;
            }
            b[k] = matrix(params, at, 1, out);
            gb[k] = matrix(grads, at, 1, out);
            at += out;
        }
        u = uView;
        gu = guView;
        setParams(init);
    }

    /** Parameters of an in (+ C labels) → widths… MLP. */
    static long size(int in, int labels, int[] widths) {
        long n = 0;
        int prev = in;
        for (int k = 0; k < widths.length; k++) {
            n += (long) prev * widths[k] + widths[k];
            if (k == 0) {
                n += (long) labels * widths[0];
            }
            prev = widths[k];
        }
        return n;
    }

    private static INDArray matrix(INDArray flat, long at, int rows, int cols) {
        return flat.get(NDArrayIndex.interval(at, at + (long) rows * cols)).reshape('f', true, rows, cols);
    }

    /**
     * The output a_L (n × out, column-major, in the current workspace) for x (n × in, column-major)
     * and, when conditional, one-hot y (n × C, column-major).
     */
    INDArray forward(INDArray x, INDArray y) {
        if (x.columns() != in || x.dataType() != type) {
            throw new IllegalArgumentException("expected n × " + in + " " + type + ", got " + x.shapeInfoToString());
        }
        if ((labels > 0) != (y != null)) {
            throw new IllegalArgumentException(labels > 0 ? "this network needs one-hot labels" : "this network takes no labels");
        }
        lastLabels = y;
        INDArray h = x;
        long n = x.rows();
        for (int k = 0; k < widths.length; k++) {
            inputs[k] = h;
            INDArray a = Nd4j.createUninitialized(type, new long[] {n, widths[k]}, 'f');
            Nd4j.gemm(ones(n), b[k], a, false, false, 1.0, 0.0);
            Nd4j.gemm(h, w[k], a, false, false, 1.0, 1.0);
            if (k == 0 && y != null) {
                Nd4j.gemm(y, u, a, false, false, 1.0, 1.0);
            }
            if (k < widths.length - 1) {
                Nd4j.exec(new LeakyReLU(a, a, slope));
            }
            h = a;
        }
        return h;
    }

    /**
     * Back-propagates ∂L/∂a_L of the last forward: with {@code parameterGradients} overwrites the
     * gradient vector; returns ∂L/∂x when {@code inputGradient}, else null.
     */
    INDArray backward(INDArray gradOut, boolean parameterGradients, boolean inputGradient) {
        INDArray g = gradOut;
        long n = g.rows();
        for (int k = widths.length - 1; k >= 0; k--) {
            INDArray h = inputs[k];
            if (parameterGradients) {
                Nd4j.gemm(h, g, gw[k], true, false, 1.0, 0.0);
                Nd4j.gemm(ones(n), g, gb[k], true, false, 1.0, 0.0);
                if (k == 0 && lastLabels != null) {
                    Nd4j.gemm(lastLabels, g, gu, true, false, 1.0, 0.0);
                }
            }
            if (k == 0 && !inputGradient) {
                return null;
            }
            INDArray gh = Nd4j.createUninitialized(type, new long[] {n, h.columns()}, 'f');
            Nd4j.gemm(g, w[k], gh, false, true, 1.0, 0.0);
            if (k > 0) {
                INDArray d = Nd4j.createUninitialized(type, h.shape(), 'f');
                if (slope == 0) {
                    Nd4j.exec(new Step(h, d, 0.0)); // [h > 0]; libnd4j's leaky derivative is 1 at h = 0
                } else {
                    Nd4j.exec(new LeakyReLUDerivative(h, d, slope));
                }
                gh.muli(d);
            }
            g = gh;
        }
        return g;
    }

    /** A column of n ones outside any workspace. */
    private INDArray ones(long n) {
        if (onesStore == null || onesStore.rows() < n) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                onesStore = Nd4j.ones(type, n, 1).dup('f');
            }
        }
        return onesStore.rows() == n ? onesStore : onesStore.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
    }

    /** The flat parameter vector (live). */
    INDArray params() {
        return params;
    }

    /** The flat gradient vector of the last backward with parameter gradients (live). */
    INDArray gradients() {
        return grads;
    }

    long numParams() {
        return params.length();
    }

    float[] toFloatVector() {
        return params.toFloatVector();
    }

    void setParams(float[] values, int from) {
        int n = (int) params.length();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            params.assign(Nd4j.createFromArray(Arrays.copyOfRange(values, from, from + n)).castTo(type));
        }
    }

    private void setParams(double[] values) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            params.assign(Nd4j.createFromArray(values).castTo(type));
        }
    }

    boolean isFinite() {
        return Nd4j.getExecutioner().exec(new MatchCondition(params, Conditions.notFinite())).getInt(0) == 0;
    }
}
