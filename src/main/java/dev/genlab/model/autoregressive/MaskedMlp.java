package dev.genlab.model.autoregressive;

import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Loss;
import dev.genlab.model.nn.Mlp;
import dev.genlab.model.nn.StepWorkspace;

/**
 * An autoregressive model of binary images whose logits are an {@link Mlp} with masked weights,
 * x → … → z, p(x_i = 1 | x_{o(&lt;t)}) = σ(z_i): {@link Made} (hidden layers, masks from degrees) and
 * {@link Fvsbn} (no hidden layer: one strictly lower-triangular logistic layer). The masks make logit i
 * depend only on the pixels before i in the ordering, so one forward pass gives every conditional of a
 * batch and −ln p(x) = Σ_i softplus(z_i) − x_i z_i exactly.
 *
 * <p>The masks are applied once: the masked weights are zeroed at construction and every gradient is
 * multiplied by its mask after back-propagation, so Adam (whose update is 0 for a gradient that has
 * always been 0) never moves them and the forward pass is a plain {@link Mlp} pass: two gemms per
 * layer per step, no mask product. {@link #numParams()} counts the stored vector (masked zeros
 * included, the layout {@link #params()} and checkpoints share); {@link #numFreeParams()} the
 * connections the masks keep plus the biases. Parameters are {@link Mlp}'s layout: layer by layer,
 * W (in × out, column-major) then b.
 *
 * <p>Trainer thread only (the INDArrays and the step workspace belong to it).
 */
public abstract class MaskedMlp implements AutoregressiveModel {

    /** Images per evaluation pass. */
    private static final int EVAL_BATCH = 500;

    protected final int rows;
    protected final int cols;
    protected final int d;
    protected final PixelOrdering ordering;
    protected final DataType type;
    protected final Mlp mlp;
    /** Per layer, the mask as a 0/1 array shaped like that layer's W (in × out, column-major). */
    private final INDArray[] maskArrays;
    private final long freeParams;
    private final StepWorkspace workspace;

    /**
     * @param masks  per layer, [unit of the layer above][unit of the layer below]: the connections kept;
     *               their widths give the network's sizes (D in, D out)
     * @param hidden the hidden layers' activation (the output's is the identity: logits)
     * @param seed   seed of the weights (Glorot, as {@link Mlp})
     * @param name   the model's name in its workspace id
     */
    protected MaskedMlp(int rows, int cols, PixelOrdering ordering, boolean[][][] masks, Activation hidden,
                        DataType type, long seed, String name) {
        Objects.requireNonNull(ordering, "ordering");
        if (ordering.rows() != rows || ordering.cols() != cols) {
            throw new IllegalArgumentException("ordering is for " + ordering.rows() + "x" + ordering.cols()
                    + " images, the model for " + rows + "x" + cols);
        }
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " runs in FLOAT or DOUBLE, not " + type);
        }
        this.rows = rows;
        this.cols = cols;
        this.d = rows * cols;
        this.ordering = ordering;
        this.type = type;
        int[] sizes = new int[masks.length + 1];
        sizes[0] = masks[0][0].length;
        for (int l = 0; l < masks.length; l++) {
            sizes[l + 1] = masks[l].length;
        }
        if (sizes[0] != d || sizes[masks.length] != d) {
            throw new IllegalArgumentException("the masks take " + sizes[0] + " inputs to " + sizes[masks.length]
                    + " outputs, not " + d);
        }
        long free = 0;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            mlp = new Mlp(type, hidden, Activation.IDENTITY, seed, sizes);
            maskArrays = new INDArray[masks.length];
            for (int l = 0; l < maskArrays.length; l++) {
                boolean[][] m = masks[l];
                int outs = m.length;
                int ins = m[0].length;
                double[] flat = new double[outs * ins];
                // column-major in × out: column o (the weights into unit o) is contiguous
                for (int o = 0; o < outs; o++) {
                    for (int i = 0; i < ins; i++) {
                        flat[o * ins + i] = m[o][i] ? 1 : 0;
                        free += m[o][i] ? 1 : 0;
                    }
                }
                free += outs;
                maskArrays[l] = Nd4j.create(flat, new long[] {ins, outs}, 'f').castTo(type);
                mlp.layer(l).w().muli(maskArrays[l]);
            }
        }
        freeParams = free;
        workspace = new StepWorkspace(name);
    }

    /**
     * Sets the output biases to the logits of the smoothed pixel marginals of {@code data}, as
     * {@link Nade#initOutputBiasFromMarginals}: the first pixel's conditional, which sees nothing,
     * starts at its marginal.
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
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            mlp.layer(maskArrays.length - 1).b().assign(Nd4j.createFromArray(logits).castTo(type).reshape(1, d));
        }
    }

    // ---------------------------------------------------------------- training

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
        try (MemoryWorkspace ws = workspace.open()) {
            INDArray x = input(bits, 0, batch.length);
            INDArray logits = mlp.forward(x);
            Loss.Value loss = Loss.bernoulliWithLogits(logits, x);
            mlp.backwardParams(loss.gradient());
            for (int l = 0; l < maskArrays.length; l++) {
                mlp.layer(l).gradW().muli(maskArrays[l]);
            }
            return loss.loss();
        }
    }

    /** Images from..from+n of {@code bits} as an n × D array (pixel index order) in the current workspace. */
    private INDArray input(byte[] bits, int from, int n) {
        if (type == DataType.DOUBLE) {
            double[] v = new double[n * d];
            for (int i = 0; i < v.length; i++) {
                v[i] = bits[from * d + i];
            }
            return Nd4j.create(v, new long[] {n, d}, 'c');
        }
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = bits[from * d + i];
        }
        return Nd4j.create(v, new long[] {n, d}, 'c');
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public double[] logProb(BinaryImages data) {
        checkSize(data);
        return logProb(data.bits(), data.count());
    }

    /** ln p(x) in nats of {@code count} images (bits image after image, row-major); one pass per 500 images. */
    public double[] logProb(byte[] images, int count) {
        checkImages(images, count);
        double[] out = new double[count];
        for (int from = 0; from < count; from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                INDArray x = input(images, from, n);
                INDArray z = mlp.forward(x);
                // −ln p = Σ_i max(z, 0) − x z + ln(1 + e^−|z|)
                INDArray nll = Transforms.relu(z, true).subi(z.mul(x))
                        .addi(Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false));
                double[] s = nll.sum(1).toDoubleVector();
                for (int k = 0; k < n; k++) {
                    out[from + k] = -s[k];
                }
            }
        }
        return out;
    }

    /** The logits z (n × D, entry k·D + i for pixel i of image k) of {@code count} images, one pass. */
    public double[] logits(byte[] images, int count) {
        checkImages(images, count);
        double[] out = new double[count * d];
        for (int from = 0; from < count; from += EVAL_BATCH) {
            int n = Math.min(EVAL_BATCH, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                double[] z = mlp.forward(input(images, from, n)).dup('c').ravel().toDoubleVector();
                System.arraycopy(z, 0, out, from * d, z.length);
            }
        }
        return out;
    }

    @Override
    public float[] conditionals(byte[] images, int count) {
        double[] z = logits(images, count);
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) (1 / (1 + Math.exp(-z[i])));
        }
        return out;
    }

    /**
     * The parameters as doubles, read in bulk from the off-heap buffer ({@code toDoubleVector()} was
     * about 2 ms per 157k floats in NADE; a 784-500-784 MADE has 785k).
     */
    protected double[] paramsCopy() {
        INDArray p = mlp.params();
        int n = (int) p.length();
        double[] out = new double[n];
        if (p.offset() != 0 || p.data().length() != n) {
            return p.toDoubleVector();
        }
        if (type == DataType.DOUBLE) {
            p.data().asNioDouble().get(0, out);
        } else {
            float[] f = new float[n];
            p.data().asNioFloat().get(0, f);
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- parameters

    @Override
    public double[] saveParams() {
        return paramsCopy();
    }

    /** Restores parameters; the masks are applied again, so masked entries stay exactly 0. */
    @Override
    public void loadParams(double[] values) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            mlp.setParams(values);
            for (int l = 0; l < maskArrays.length; l++) {
                mlp.layer(l).w().muli(maskArrays[l]);
            }
        }
    }

    @Override
    public boolean isFinite() {
        return mlp.isFinite();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    public DataType dataType() {
        return type;
    }

    @Override
    public PixelOrdering ordering() {
        return ordering;
    }

    /** Length of {@link #params()}: every stored weight, masked ones included, and the biases. */
    @Override
    public long numParams() {
        return mlp.numParams();
    }

    /** The weights the masks keep plus the biases: the parameters that can change. */
    public long numFreeParams() {
        return freeParams;
    }

    /**
     * Multiply-adds of one forward pass for one image, all D conditionals at once: Σ_l in_l · out_l, the
     * dense products the gemms compute (masked zeros included).
     */
    public long multiplyAddsPerImage() {
        int[] sizes = mlp.sizes();
        long n = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            n += (long) sizes[l] * sizes[l + 1];
        }
        return n;
    }

    @Override
    public INDArray params() {
        return mlp.params();
    }

    @Override
    public INDArray gradients() {
        return mlp.gradients();
    }

    /** Frees the step workspace; on the trainer thread, when the model is discarded. */
    public void close() {
        workspace.destroy();
    }

    protected void checkSize(BinaryImages data) {
        if (data.rows() != rows || data.cols() != cols) {
            throw new IllegalArgumentException("images are " + data.rows() + "x" + data.cols() + ", the model is "
                    + rows + "x" + cols);
        }
    }

    protected void checkImages(byte[] images, int count) {
        if (count < 0 || images.length != (long) count * d) {
            throw new IllegalArgumentException(images.length + " bits are not " + count + " images of " + d
                    + " pixels");
        }
    }
}
