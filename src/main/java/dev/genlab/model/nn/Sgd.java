package dev.genlab.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Plain stochastic gradient descent, θ ← θ − η g (Robbins &amp; Monro 1951). One op per step. */
public final class Sgd implements Optimizer {

    private final double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void step(INDArray params, INDArray grads) {
        Nd4j.getBlasWrapper().level1().axpy(params.length(), -learningRate, grads, params);
    }

    @Override
    public void reset() {
        // stateless
    }
}
