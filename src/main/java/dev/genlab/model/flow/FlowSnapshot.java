package dev.genlab.model.flow;

/**
 * An immutable picture of a training flow for the view thread: plain arrays only.
 *
 * @param steps        optimiser steps since the start
 * @param nll          batch NLL of the last step (nats)
 * @param nllHistory   batch NLL of the most recent steps, oldest first
 * @param density      model log-density on a grid over the data's bounds
 * @param sampleX      samples x = f(z), z ~ p_z
 * @param dataX        a data batch …
 * @param latentX      … and its codes z = f⁻¹(x) on the latent plane
 * @param qqX          {base quantiles, sorted latent x}; qqY the same for y
 * @param health       empty, or what is wrong with the flow
 */
public record FlowSnapshot(long steps, double nll, double[] nllHistory, Flow.DensityGrid density,
                           double[] sampleX, double[] sampleY, double[] dataX, double[] dataY,
                           double[] latentX, double[] latentY, double[][] qqX, double[][] qqY, String health) {
}
