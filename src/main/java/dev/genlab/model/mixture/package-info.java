/**
 * Mixture models fitted by expectation-maximisation, in plain Java (no ND4J, no JavaFX):
 * {@link dev.genlab.model.mixture.GaussianMixtureEm}, a K-component Gaussian mixture in the plane
 * (lesson 1's model; {@code scene.density.DensityModel} wires it to the trainer).
 */
package dev.genlab.model.mixture;
