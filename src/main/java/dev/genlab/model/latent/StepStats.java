package dev.genlab.model.latent;

/**
 * What a {@link Vae} reports for a batch or a data set, per image, in nats:
 * <pre>
 *   reconstruction = E_q(z|x) log p(x|z)      (≤ 0 for Bernoulli pixels)
 *   kl             = KL(q(z|x) ‖ N(0, I)) = Σⱼ klPerDim[j]
 *   elbo           = reconstruction − kl      (≤ log p(x))
 * </pre>
 * The objective a step maximises is reconstruction − β·kl; the ELBO reported is always the β = 1
 * one. For the autoencoder kl = 0 and klPerDim is all zeros, so "elbo" is its reconstruction
 * log-likelihood at z = μ, not a bound on anything.
 *
 * @param klPerDim the closed-form KL of each latent dimension, averaged over the images
 */
public record StepStats(double elbo, double reconstruction, double kl, double[] klPerDim) {

    /** Copies klPerDim. */
    public StepStats {
        klPerDim = klPerDim.clone();
    }

    /** A copy of the per-dimension KL. */
    @Override
    public double[] klPerDim() {
        return klPerDim.clone();
    }

    /** Latent dimensions whose mean KL is below {@code threshold} nats (inactive units; 0.01 is usual). */
    public int inactiveDims(double threshold) {
        int n = 0;
        for (double k : klPerDim) {
            if (k < threshold) {
                n++;
            }
        }
        return n;
    }
}
