/**
 * Exact numerical helpers in plain Java (doubles, no other GenLab package, no JavaFX, no ND4J):
 * stable log-domain arithmetic ({@link dev.genlab.math.LogMath}), univariate and bivariate
 * Gaussians with closed-form entropy and KL ({@link dev.genlab.math.Gaussian},
 * {@link dev.genlab.math.Gaussian2D}), Gauss–Legendre quadrature
 * ({@link dev.genlab.math.Quadrature}), 2-D grid integrals and entropy by quadrature
 * ({@link dev.genlab.math.GridIntegral}) and log I₀ ({@link dev.genlab.math.SpecialFunctions}).
 * These are the independent truths the app and its tests check models against.
 */
package dev.genlab.math;
