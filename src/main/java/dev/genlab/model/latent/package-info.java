/**
 * The exact mathematics of lesson 7, "Latent variables and the ELBO" (no JavaFX; ND4J only in
 * {@link dev.genlab.model.latent.Ppca#fitImages}):
 * <ul>
 *   <li>{@link dev.genlab.model.latent.LatentModel}: p(z) = N(0, I) and log p(x | z); its two
 *       implementations are {@link dev.genlab.model.latent.Ppca} (probabilistic PCA, Tipping &amp;
 *       Bishop 1999: closed-form fit, density, posterior) and
 *       {@link dev.genlab.model.latent.TinyDecoder} (a non-linear g with a non-Gaussian posterior);</li>
 *   <li>{@link dev.genlab.model.latent.DiagGaussian}: the variational family q(z);</li>
 *   <li>{@link dev.genlab.model.latent.PosteriorGrid}: p(z | x) and log p(x) by quadrature for a
 *       1-D or 2-D latent;</li>
 *   <li>{@link dev.genlab.model.latent.BoundParts}: log p(x) = ELBO + KL(q ‖ p(z|x)) and
 *       ELBO = reconstruction − KL(q ‖ p(z)), exact for pPCA, by Gauss–Hermite quadrature otherwise;</li>
 *   <li>{@link dev.genlab.model.latent.Estimators}: naive and importance-weighted (IWAE) Monte Carlo
 *       estimates of log p(x), their spread over repeats, Jensen's gap;</li>
 *   <li>{@link dev.genlab.model.latent.QFitter}: gradient ascent on the ELBO over q.</li>
 * </ul>
 * All classes are immutable or stateless, so any thread may call them; the only ND4J call,
 * {@code Ppca.fitImages}, belongs on a trainer thread after {@code model.nn.Nd4jReady.await()}.
 */
package dev.genlab.model.latent;
