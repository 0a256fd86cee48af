package dev.genlab.model.nn;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected layer y = x W + b for a batch of row vectors x (n × in), with W (in × out)
 * and b (1 × out).
 *
 * <p>Back-propagation of an upstream gradient G = dL/dy (n × out):
 * dL/dW = xᵀ G, dL/db = 1ᵀ G (the column sums), dL/dx = G Wᵀ. The parameter gradients overwrite
 * {@link #gradW()} and {@link #gradB()} (they do not accumulate).
 *
 * <p>W is column-major and every product, the bias terms included, is one {@code Nd4j.gemm}
 * into a preallocated or column-major result, the fast path on this machine (see STACK.md). W and b may be views into a
 * larger flat parameter buffer (that is how {@link Mlp} keeps one buffer for all its layers).
 * Initialisation is Glorot-uniform, W ~ U(−√(6/(in+out)), √(6/(in+out))), b = 0
 * (Glorot &amp; Bengio 2010).
 *
 * <p>Trainer thread only; {@link #forward} and {@link #backward} of one step inside one
 * workspace scope, because forward keeps a reference to its input for backward.
 */
public final class Dense {

    private final int in;
    private final int out;
    private final INDArray w;
    private final INDArray b;
    private final INDArray gradW;
    private final INDArray gradB;
    private INDArray lastInput;
    private INDArray onesStore;
    private INDArray ones;

    /** A layer with its own parameter and gradient storage, Glorot-initialised from {@code seed}. */
    public Dense(int in, int out, DataType type, long seed) {
        this(in, out, detachedZeros(type, size(in, out)), detachedZeros(type, size(in, out)));
        initialise(new SplittableRandom(seed));
    }

    /**
     * A layer whose parameters and gradients live in the given flat vectors of length
     * {@link #size(int, int)}: first W in column-major order, then b. The values are used as they are.
     */
    Dense(int in, int out, INDArray params, INDArray grads) {
        this.in = in;
        this.out = out;
        this.w = matrixView(params, in, out);
        this.b = rowView(params, in, out);
        this.gradW = matrixView(grads, in, out);
        this.gradB = rowView(grads, in, out);
    }

    /** Number of parameters of an in → out layer: in·out weights and out biases. */
    public static long size(int in, int out) {
        return (long) in * out + out;
    }

    /** y = x W + b, a new column-major n × out array in the current workspace. */
    public INDArray forward(INDArray x) {
        if (x.rank() != 2 || x.columns() != in || x.dataType() != w.dataType()) {
            throw new IllegalArgumentException("expected n x " + in + " " + w.dataType() + " input, got "
                    + x.shapeInfoToString());
        }
        lastInput = x;
        INDArray y = Nd4j.createUninitialized(w.dataType(), new long[] {x.rows(), out}, 'f');
        // y = 1 b, then y += x W: the rank-1 gemm costs less than half of addiRowVector here
        Nd4j.gemm(ones(x.rows()), b, y, false, false, 1.0, 0.0);
        Nd4j.gemm(x, w, y, false, false, 1.0, 1.0);
        return y;
    }

    /**
     * Fills {@link #gradW()} and {@link #gradB()} from G = dL/dy for the last {@link #forward}
     * input and returns dL/dx (a new array), or null when {@code inputGradient} is false.
     */
    public INDArray backward(INDArray gradY, boolean inputGradient) {
        if (lastInput == null) {
            throw new IllegalStateException("backward before forward");
        }
        Nd4j.gemm(lastInput, gradY, gradW, true, false, 1.0, 0.0);
        Nd4j.gemm(ones(gradY.rows()), gradY, gradB, true, false, 1.0, 0.0);
        if (!inputGradient) {
            return null;
        }
        INDArray gradX = Nd4j.createUninitialized(w.dataType(), new long[] {gradY.rows(), in}, 'f');
        Nd4j.gemm(gradY, w, gradX, false, true, 1.0, 0.0);
        return gradX;
    }

    /** A column of n ones, outside any workspace, grown as needed. */
    private INDArray ones(long n) {
        if (ones == null || ones.rows() != n) {
            if (onesStore == null || onesStore.rows() < n) {
                onesStore = detachedZeros(w.dataType(), n).addi(1).reshape('f', true, n, 1);
            }
            ones = onesStore.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        }
        return ones;
    }

    void initialise(SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (in + out));
        double[] values = new double[in * out];
        for (int i = 0; i < values.length; i++) {
            values[i] = (2 * random.nextDouble() - 1) * limit;
        }
        // a column-major matrix's flat buffer is its columns one after another
        w.assign(Nd4j.create(values, new long[] {in, out}, 'f').castTo(w.dataType()));
        b.assign(0);
    }

    /** The weights (in × out, column-major); a live view, trainer thread only. */
    public INDArray w() {
        return w;
    }

    /** The biases (1 × out); a live view, trainer thread only. */
    public INDArray b() {
        return b;
    }

    /** dL/dW from the last {@link #backward}; a live view. */
    public INDArray gradW() {
        return gradW;
    }

    /** dL/db from the last {@link #backward}; a live view. */
    public INDArray gradB() {
        return gradB;
    }

    public int inputs() {
        return in;
    }

    public int outputs() {
        return out;
    }

    /** A zero vector outside any workspace, for state that must outlive every step. */
    static INDArray detachedZeros(DataType type, long length) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(type, length);
        }
    }

    private static INDArray matrixView(INDArray flat, int rows, int cols) {
        INDArray part = flat.get(NDArrayIndex.interval(0, (long) rows * cols));
        return part.reshape('f', true, rows, cols);
    }

    private static INDArray rowView(INDArray flat, int in, int out) {
        INDArray part = flat.get(NDArrayIndex.interval((long) in * out, size(in, out)));
        return part.reshape('f', true, 1, out);
    }
}
