package dev.genlab.model.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * A multilayer perceptron: a stack of {@link Dense} layers, each hidden one followed by the same
 * activation, the last by its own: h₀ = x, hₖ = f(hₖ₋₁ Wₖ + bₖ), output f_out(h_{L−1} W_L + b_L).
 * Back-propagation (Rumelhart, Hinton &amp; Williams 1986) runs the chain rule backwards through
 * {@link Activation#backward} and {@link Dense#backward}.
 *
 * <p>All parameters live in one flat vector ({@link #params()}, layer by layer: W column-major,
 * then b) and all gradients in another of the same layout ({@link #gradients()}), so an optimiser
 * updates the whole network with one op and the divergence guard saves and restores it as one
 * array. Weights are Glorot-uniform from a seed ({@link Dense}), so two networks built with the
 * same seed are bit-identical.
 *
 * <p>Trainer thread only. Parameters and gradients are always allocated outside workspaces;
 * {@link #forward} and {@link #backward} of one step must run inside one workspace scope.
 */
public final class Mlp {

    private final int[] sizes;
    private final Activation hidden;
    private final Activation output;
    private final Dense[] layers;
    private final INDArray params;
    private final INDArray grads;
    private final INDArray[] preActivations;
    private final INDArray[] activations;

    /**
     * @param type   DataType.FLOAT for the app, DOUBLE for gradient checks
     * @param hidden activation after every layer but the last
     * @param output activation after the last layer (often {@link Activation#IDENTITY})
     * @param seed   seed of the Glorot initialisation
     * @param sizes  layer widths from input to output, e.g. 2, 64, 64, 1
     */
    public Mlp(DataType type, Activation hidden, Activation output, long seed, int... sizes) {
        if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("need at least two positive sizes, got " + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
        this.hidden = hidden;
        this.output = output;
        long total = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            total += Dense.size(sizes[i], sizes[i + 1]);
        }
        params = Dense.detachedZeros(type, total);
        grads = Dense.detachedZeros(type, total);
        layers = new Dense[sizes.length - 1];
        preActivations = new INDArray[layers.length];
        activations = new INDArray[layers.length];
        SplittableRandom random = new SplittableRandom(seed);
        long offset = 0;
        for (int i = 0; i < layers.length; i++) {
            long n = Dense.size(sizes[i], sizes[i + 1]);
            layers[i] = new Dense(sizes[i], sizes[i + 1],
                    params.get(NDArrayIndex.interval(offset, offset + n)),
                    grads.get(NDArrayIndex.interval(offset, offset + n)));
            layers[i].initialise(random);
            offset += n;
        }
    }

    /** The network's output for a batch x (n × inputs), a new array in the current workspace. */
    public INDArray forward(INDArray x) {
        INDArray h = x;
        for (int i = 0; i < layers.length; i++) {
            preActivations[i] = layers[i].forward(h);
            h = activation(i).forward(preActivations[i]);
            activations[i] = h;
        }
        return h;
    }

    /**
     * Back-propagates dL/d(output) of the last {@link #forward}: fills {@link #gradients()} and
     * returns dL/dx (what a GAN's generator step needs from the discriminator).
     */
    public INDArray backward(INDArray gradOutput) {
        return backward(gradOutput, true);
    }

    /** As {@link #backward(INDArray)} but skips dL/dx, one matrix product less. */
    public void backwardParams(INDArray gradOutput) {
        backward(gradOutput, false);
    }

    private INDArray backward(INDArray gradOutput, boolean inputGradient) {
        INDArray g = gradOutput;
        for (int i = layers.length - 1; i >= 0; i--) {
            if (preActivations[i] == null) {
                throw new IllegalStateException("backward before forward");
            }
            g = activation(i).backward(preActivations[i], activations[i], g);
            g = layers[i].backward(g, i > 0 || inputGradient);
        }
        return g;
    }

    private Activation activation(int layer) {
        return layer == layers.length - 1 ? output : hidden;
    }

    /** All parameters as one flat live vector; optimisers update it in place. */
    public INDArray params() {
        return params;
    }

    /** dL/d{@link #params()} from the last backward, same layout; a live vector. */
    public INDArray gradients() {
        return grads;
    }

    public long numParams() {
        return params.length();
    }

    /** The layers, input first; their W and b are views into {@link #params()}. */
    public Dense layer(int i) {
        return layers[i];
    }

    public int numLayers() {
        return layers.length;
    }

    /** Layer widths from input to output (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** A copy of the parameters, safe to keep or hand to any thread. */
    public double[] toDoubleVector() {
        return params.toDoubleVector();
    }

    /** A copy of the parameters in single precision, safe to hand to any thread. */
    public float[] toFloatVector() {
        return params.toFloatVector();
    }

    /** Restores parameters saved with {@link #toDoubleVector()} (exact for FLOAT and DOUBLE). */
    public void setParams(double[] values) {
        if (values.length != params.length()) {
            throw new IllegalArgumentException("expected " + params.length() + " values, got " + values.length);
        }
        params.assign(Nd4j.createFromArray(values).castTo(params.dataType()));
    }

    /** True when no parameter is NaN or infinite; one reduction op. */
    public boolean isFinite() {
        MatchCondition notFinite = new MatchCondition(params, Conditions.notFinite());
        return Nd4j.getExecutioner().exec(notFinite).getInt(0) == 0;
    }
}
