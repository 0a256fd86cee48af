package dev.genlab.model.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", ICLR). At step t = 1, 2, ...
 * with gradient g:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g
 *   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − α_t m / (√v + ε̂),   α_t = α √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 * </pre>
 * This is the bias-corrected update in the form the paper gives at the end of its Section 2
 * (the ε̂ form, also TensorFlow's); it equals Algorithm 1's θ ← θ − α m̂ / (√v̂ + ε) with
 * ε = ε̂ / √(1 − β₂ᵗ). The moments are one libnd4j {@code adam_updater} op, so a step is two ops
 * whatever the number of parameters.
 *
 * <p>The step size α may change between steps ({@link #setLearningRate}): m, v and t carry on, as
 * in a learning-rate schedule (the paper's α_t is already per step), so a learning-rate knob
 * moved during training does not restart the optimiser. Only {@link #reset()} forgets them.
 *
 * <p>The moments are allocated once, outside any workspace, for a parameter vector of a fixed
 * length. Trainer thread only.
 */
public final class Adam implements Optimizer {

    private double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final INDArray m;
    private final INDArray v;
    private int t;

    /** Adam with the paper's defaults β₁ = 0.9, β₂ = 0.999, ε̂ = 1e-8. */
    public Adam(long size, DataType type, double learningRate) {
        this(size, type, learningRate, 0.9, 0.999, 1e-8);
    }

    public Adam(long size, DataType type, double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = requireRate(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.m = Dense.detachedZeros(type, size);
        this.v = Dense.detachedZeros(type, size);
    }

    /** The Adam optimiser for all of an MLP's parameters. */
    public static Adam forParams(Mlp mlp, double learningRate) {
        return new Adam(mlp.numParams(), mlp.params().dataType(), learningRate);
    }

    /** Overwrites {@code grads} with the update, then subtracts it from {@code params}. */
    @Override
    public void step(INDArray params, INDArray grads) {
        // the op's iteration counts from 0 and raises the betas to iteration + 1
        Nd4j.exec(new AdamUpdater(grads, v, m, grads, v, m, learningRate, beta1, beta2, epsilon, t));
        t++;
        params.subi(grads);
    }

    /** α for the steps from now on; the moments and the step count are kept. */
    public void setLearningRate(double learningRate) {
        this.learningRate = requireRate(learningRate);
    }

    public double learningRate() {
        return learningRate;
    }

    /** A copy of the first moment m (for tests and diagnostics). */
    public double[] firstMoment() {
        return m.toDoubleVector();
    }

    /** A copy of the second moment v. */
    public double[] secondMoment() {
        return v.toDoubleVector();
    }

    private static double requireRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be finite and not negative, got " + rate);
        }
        return rate;
    }

    @Override
    public void reset() {
        m.assign(0);
        v.assign(0);
        t = 0;
    }

    /** Steps taken since construction or {@link #reset()}. */
    public int steps() {
        return t;
    }
}
