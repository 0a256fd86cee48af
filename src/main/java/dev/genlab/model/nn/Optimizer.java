package dev.genlab.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A first-order optimiser that updates a flat parameter vector in place. Trainer thread only. */
public interface Optimizer {

    /**
     * One descent step on {@code params} from {@code grads} (same length). The gradient array
     * may be overwritten: it is spent once the step is taken.
     */
    void step(INDArray params, INDArray grads);

    /** Forgets accumulated state (moments, step count), e.g. after the divergence guard restored parameters. */
    void reset();
}
