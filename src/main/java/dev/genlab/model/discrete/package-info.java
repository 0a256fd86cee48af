/**
 * Counting models of binary images for the lessons "Parameter counting" and "The Markov
 * assumption", in plain Java (tables in arrays: no JavaFX, no ND4J). {@link
 * dev.genlab.model.discrete.BinaryImages} holds the data, {@link
 * dev.genlab.model.discrete.PixelOrdering} the order of generation, and every {@link
 * dev.genlab.model.discrete.BinaryImageModel} — full joint (2^n − 1 parameters), independent (n),
 * Markov of order k (2n − 1 for k = 1), causal neighbourhood — gives exact log-probabilities,
 * smoothed maximum-likelihood fits, exact samples and its parameter count as a {@code BigInteger}.
 * {@link dev.genlab.model.discrete.ParameterCounts} has the formulas, {@link
 * dev.genlab.model.discrete.MutualInformation} measures the (conditional) dependence between pixels.
 */
package dev.genlab.model.discrete;
