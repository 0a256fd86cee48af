package dev.genlab.model.latent;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.math.Gaussian;
import dev.genlab.math.LogMath;

/**
 * A diagonal Gaussian q(z) = N(mean, diag(sd²)), the variational family of lesson 7.
 *
 * <pre>
 *   log q(z)        = Σ_j [ −½ log 2π − log s_j − (z_j − μ_j)² / (2 s_j²) ]
 *   z               = μ + s ⊙ ε,  ε ~ N(0, I)                         (reparameterisation)
 *   KL(q ‖ N(0, I)) = Σ_j [ ½ (μ_j² + s_j² − 1) − log s_j ]
 *   KL(q ‖ p)       = Σ_j [ log(t_j / s_j) + (s_j² + (μ_j − ν_j)²) / (2 t_j²) − ½ ],  p = N(ν, diag(t²))
 * </pre>
 * The KL to the standard normal is the regulariser of the VAE's ELBO (Kingma &amp; Welling 2014,
 * "Auto-Encoding Variational Bayes", appendix B). The record keeps defensive copies of its arrays
 * and hands out copies, so it is immutable.
 *
 * @param mean μ, one entry per latent dimension
 * @param sd   s, positive, same length
 */
public record DiagGaussian(double[] mean, double[] sd) {

    /** Checks the lengths and that every sd is positive and finite; copies both arrays. */
    public DiagGaussian {
        if (mean.length != sd.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and sd need the same, positive length");
        }
        mean = mean.clone();
        sd = sd.clone();
        for (double s : sd) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sd must be positive and finite: " + s);
            }
        }
    }

    /** N(0, I) in {@code dim} dimensions. */
    public static DiagGaussian standard(int dim) {
        double[] sd = new double[dim];
        Arrays.fill(sd, 1);
        return new DiagGaussian(new double[dim], sd);
    }

    /** μ (a copy). */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** s (a copy). */
    @Override
    public double[] sd() {
        return sd.clone();
    }

    /** The number of latent dimensions. */
    public int dim() {
        return mean.length;
    }

    /** μ_j without copying the array. */
    public double mean(int j) {
        return mean[j];
    }

    /** s_j without copying the array. */
    public double sd(int j) {
        return sd[j];
    }

    /** log q(z). */
    public double logDensity(double[] z) {
        double s = 0;
        for (int j = 0; j < mean.length; j++) {
            s += Gaussian.logDensity(z[j], mean[j], sd[j]);
        }
        return s;
    }

    /** One draw z = μ + s ⊙ ε, ε ~ N(0, I), from {@code rng}. */
    public double[] sample(SplittableRandom rng) {
        double[] z = new double[mean.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = mean[j] + sd[j] * rng.nextGaussian();
        }
        return z;
    }

    /** KL(q ‖ N(0, I)) = Σ_j [½(μ_j² + s_j² − 1) − log s_j], in nats. */
    public double klToStandardNormal() {
        double s = 0;
        for (int j = 0; j < mean.length; j++) {
            s += 0.5 * (mean[j] * mean[j] + sd[j] * sd[j] - 1) - Math.log(sd[j]);
        }
        return s;
    }

    /** The differential entropy ½ Σ_j log(2πe s_j²), in nats. */
    public double entropy() {
        double s = 0;
        for (double v : sd) {
            s += 0.5 * (LogMath.LOG_2PI + 1) + Math.log(v);
        }
        return s;
    }

    /** KL(q ‖ p) between two diagonal Gaussians of the same dimension, closed form, in nats. */
    public static double kl(DiagGaussian q, DiagGaussian p) {
        if (q.dim() != p.dim()) {
            throw new IllegalArgumentException("dimensions differ: " + q.dim() + " vs " + p.dim());
        }
        double s = 0;
        for (int j = 0; j < q.dim(); j++) {
            s += Gaussian.kl(q.mean[j], q.sd[j], p.mean[j], p.sd[j]);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiagGaussian g && Arrays.equals(mean, g.mean) && Arrays.equals(sd, g.sd);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(sd);
    }

    @Override
    public String toString() {
        return "DiagGaussian[mean=" + Arrays.toString(mean) + ", sd=" + Arrays.toString(sd) + "]";
    }
}
