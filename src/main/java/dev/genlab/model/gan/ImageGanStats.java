package dev.genlab.model.gan;

/**
 * What a step of an {@link ImageGan} reports, measured on its batch before the update. With
 * D(x) = sigmoid(a(x)) the discriminator's probability that x is real, n real images xᵢ and n
 * fakes G(zᵢ):
 * <pre>
 *   dLoss = −(1/n) Σ log D(xᵢ) − (1/n) Σ log(1 − D(G(zᵢ)))      (= −V(D, G) on the batch; log 4 ≈ 1.386
 *                                                                  when D cannot tell, D ≡ ½)
 *   gLoss = −(1/n) Σ log D(G(zᵢ))           NON_SATURATING
 *         =  (1/n) Σ log(1 − D(G(zᵢ)))      MINIMAX (≤ 0; G minimises it)
 *   dReal = (1/n) Σ D(xᵢ),   dFake = (1/n) Σ D(G(zᵢ))
 * </pre>
 * (Goodfellow et al. 2014, "Generative Adversarial Nets", NeurIPS.) A figure a step did not
 * measure is NaN: a generator step alone sees no real images, so its dLoss and dReal are NaN.
 */
public record ImageGanStats(double dLoss, double gLoss, double dReal, double dFake) {
}
