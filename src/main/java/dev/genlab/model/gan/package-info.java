/**
 * Lesson 8's GANs (Goodfellow et al. 2014, "Generative Adversarial Nets"), no JavaFX.
 *
 * <p>The exact one-dimensional game, plain Java in double precision, no ND4J:
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
 * These classes are immutable, so any thread may call them.
 *
 * <p>The 2-D GAN trained live, plain Java (ND4J's per-op cost dominates networks this small):
 * {@link dev.genlab.model.gan.Gan2D} (mutable; one trainer thread) with its five
 * {@link dev.genlab.model.gan.GanLoss losses}, {@link dev.genlab.model.gan.GanMetrics} (KL and JS on a 128 × 128
 * grid, mode coverage of a mixture) and {@link dev.genlab.model.gan.GanPresets} (the 8-Gaussian ring, a preset
 * that collapses and its remedies).
 *
 * <p>The image GAN on ND4J: {@link dev.genlab.model.gan.ImageGan} (MLP players on D-pixel images, optionally
 * conditional on a label; mutable, one trainer thread) and {@link dev.genlab.model.gan.NearestCentroidClassifier}
 * (which digits a GAN draws).
 */
package dev.genlab.model.gan;
