package dev.genlab.math;

import java.util.random.RandomGenerator;

/**
 * The univariate normal distribution N(μ, σ²) in closed form.
 *
 * <pre>
 *   log N(x; μ, σ²)   = −½ log(2π) − log σ − (x − μ)² / (2σ²)
 *   H[N(μ, σ²)]       = ½ log(2π e σ²)
 *   KL(N(μ₁,σ₁²) ‖ N(μ₂,σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½
 * </pre>
 * The KL formula is the one every VAE ELBO uses per latent dimension (Kingma &amp; Welling 2014,
 * appendix B, with μ₂ = 0, σ₂ = 1).
 */
public final class Gaussian {

    private Gaussian() {
    }

    /** log N(x; μ, σ²); σ must be positive. */
    public static double logDensity(double x, double mu, double sigma) {
        requirePositive(sigma);
        double z = (x - mu) / sigma;
        return -0.5 * LogMath.LOG_2PI - Math.log(sigma) - 0.5 * z * z;
    }

    /** The density N(x; μ, σ²). */
    public static double density(double x, double mu, double sigma) {
        return Math.exp(logDensity(x, mu, sigma));
    }

    /** Differential entropy ½ log(2πeσ²) in nats. */
    public static double entropy(double sigma) {
        requirePositive(sigma);
        return 0.5 * (LogMath.LOG_2PI + 1) + Math.log(sigma);
    }

    /** KL(N(μ₁,σ₁²) ‖ N(μ₂,σ₂²)) in nats. */
    public static double kl(double mu1, double sigma1, double mu2, double sigma2) {
        requirePositive(sigma1);
        requirePositive(sigma2);
        double d = mu1 - mu2;
        return Math.log(sigma2 / sigma1) + (sigma1 * sigma1 + d * d) / (2 * sigma2 * sigma2) - 0.5;
    }

    /** One draw μ + σ·ε with ε ~ N(0, 1) from {@code rng}. */
    public static double sample(double mu, double sigma, RandomGenerator rng) {
        return mu + sigma * rng.nextGaussian();
    }

    private static void requirePositive(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("standard deviation must be positive and finite, got " + sigma);
        }
    }
}
