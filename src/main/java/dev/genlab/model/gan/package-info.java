/**
 * The exact mathematics of lesson 8's one-dimensional GAN game (Goodfellow et al. 2014,
 * "Generative Adversarial Nets"), plain Java in double precision, no JavaFX, no ND4J:
 * <ul>
 *   <li>{@link dev.genlab.model.gan.Mixture1D}: p_data, a 1-D Gaussian mixture a student can edit;</li>
 *   <li>{@link dev.genlab.model.gan.Generator1D}: x = g_θ(z), z ~ N(0, 1), with an exact density by the
 *       change of variables and ∂g/∂θ; {@link dev.genlab.model.gan.AffineGenerator} (μ + s z) and
 *       {@link dev.genlab.model.gan.MonotoneGenerator} (monotone piecewise linear);</li>
 *   <li>{@link dev.genlab.model.gan.Discriminator1D}: D(x) = σ(a(x)); {@link dev.genlab.model.gan.OptimalDiscriminator}
 *       (D* = p_data/(p_data + p_g)), {@link dev.genlab.model.gan.LogisticDiscriminator} (quadratic logit, slider
 *       driven), {@link dev.genlab.model.gan.MlpDiscriminator1D} (1 → H tanh → 1, trained on the exact V);</li>
 *   <li>{@link dev.genlab.model.gan.Game1D}: V(D, G), V(D*, G) = −log 4 + 2 JSD, the KLs, the generator's exact
 *       reparameterised gradient for the {@link dev.genlab.model.gan.GeneratorLoss saturating and non-saturating}
 *       losses, and one gradient step — all by Gauss–Legendre quadrature, no sampling.</li>
 * </ul>
 * Every class is immutable, so any thread may call them.
 */
package dev.genlab.model.gan;
