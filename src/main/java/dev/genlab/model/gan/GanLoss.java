package dev.genlab.model.gan;

/**
 * The losses a {@link Gan2D} can train with. D's output d(x) is a logit for the first two, a
 * least-squares score for {@link #LEAST_SQUARES} and a critic value for the Wasserstein ones;
 * σ is the logistic sigmoid, softplus(t) = log(1 + eᵗ), expectations are batch means.
 *
 * <ul>
 *   <li>{@link #MINIMAX}: Goodfellow et al. 2014, "Generative Adversarial Nets", NeurIPS, eq. 1 as
 *       written: L_D = −E log σ(d(x_r)) − E log(1 − σ(d(x_f))), L_G = E log(1 − σ(d(x_f))) (the
 *       saturating generator loss: its gradient σ(d) vanishes when D confidently rejects fakes).</li>
 *   <li>{@link #NON_SATURATING}: the same D loss, L_G = −E log σ(d(x_f)) (the paper's Section 3
 *       heuristic; strong gradients early in training).</li>
 *   <li>{@link #LEAST_SQUARES}: Mao et al. 2017, "Least Squares Generative Adversarial Networks",
 *       ICCV, with a = 0, b = c = 1: L_D = ½E(d(x_r) − 1)² + ½E d(x_f)², L_G = ½E(d(x_f) − 1)².</li>
 *   <li>{@link #WGAN_GP}: Gulrajani et al. 2017, "Improved Training of Wasserstein GANs", NeurIPS:
 *       L_D = E d(x_f) − E d(x_r) + λ E(‖∇ₓ d(x̂)‖ − 1)², x̂ = εx_r + (1 − ε)x_f, ε ~ U[0, 1];
 *       L_G = −E d(x_f). The norm is taken as √(‖∇ₓ d‖² + 10⁻¹²), so the penalty's gradient exists where
 *       ∇ₓ d = 0 (a dead critic); that moves the norm by 5·10⁻¹³ / ‖∇ₓ d‖.</li>
 *   <li>{@link #WGAN_CLIP}: Arjovsky, Chintala &amp; Bottou 2017, "Wasserstein GAN", ICML: the same
 *       critic and generator losses without the penalty; after every critic update each critic
 *       parameter is clipped to [−c, c].</li>
 * </ul>
 */
public enum GanLoss {
    MINIMAX,
    NON_SATURATING,
    LEAST_SQUARES,
    WGAN_GP,
    WGAN_CLIP;

    /** True for the Wasserstein losses, whose D is a critic with an unbounded real output. */
    public boolean isWasserstein() {
        return this == WGAN_GP || this == WGAN_CLIP;
    }

    /** True when D's output is a logit, so D(x) = σ(d(x)) is a probability of "real". */
    public boolean isProbabilistic() {
        return this == MINIMAX || this == NON_SATURATING;
    }
}
