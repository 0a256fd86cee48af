package dev.genlab.model.latent;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import dev.genlab.math.LogMath;

/**
 * Monte Carlo estimators of log p(x) for a {@link LatentModel}.
 * <pre>
 *   naive:  log (1/K Σ_k p(x | z_k)),          z_k ~ p(z)
 *   IWAE:   log (1/K Σ_k p(x, z_k) / q(z_k)),  z_k ~ q(z)
 * </pre>
 * Both average unbiased estimates of p(x) inside the log, so by Jensen's inequality
 * E[estimate] ≤ log p(x); the gap shrinks as K grows. For IWAE, Burda, Grosse &amp; Salakhutdinov
 * (2016, "Importance Weighted Autoencoders", Theorem 1) show ELBO = E[IWAE_1] ≤ E[IWAE_K] ≤
 * E[IWAE_{K+1}] ≤ log p(x), and E[IWAE_K] → log p(x) when the weights are bounded. When q is
 * the exact posterior every weight equals p(x), so IWAE has zero variance. The naive estimator
 * samples the prior, which rarely lands where p(x | z) is large, and that gets exponentially worse
 * with the latent dimension. Sums are log-sum-exp, so K may be 10⁵ or more.
 */
public final class Estimators {

    private Estimators() {
    }

    /** The naive estimate log (1/K Σ p(x | z_k)), z_k ~ N(0, I), K ≥ 1. */
    public static double naive(LatentModel m, double[] x, int k, SplittableRandom rng) {
        return logMeanExp(naiveLogWeights(m, x, k, rng));
    }

    /** The IWAE estimate log (1/K Σ p(x, z_k)/q(z_k)), z_k ~ q, K ≥ 1. */
    public static double iwae(LatentModel m, double[] x, DiagGaussian q, int k, SplittableRandom rng) {
        return logMeanExp(iwaeLogWeights(m, x, q, k, rng));
    }

    /** The K log-weights log p(x | z_k), z_k ~ N(0, I), of the naive estimator (for plots and {@link #jensen}). */
    public static double[] naiveLogWeights(LatentModel m, double[] x, int k, SplittableRandom rng) {
        requireK(k);
        double[] lw = new double[k];
        double[] z = new double[m.latentDim()];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < z.length; j++) {
                z[j] = rng.nextGaussian();
            }
            lw[i] = m.logLikelihood(x, z);
        }
        return lw;
    }

    /** The K log-weights log p(x, z_k) − log q(z_k), z_k ~ q, of the IWAE estimator; their mean is a Monte Carlo ELBO. */
    public static double[] iwaeLogWeights(LatentModel m, double[] x, DiagGaussian q, int k, SplittableRandom rng) {
        requireK(k);
        if (q.dim() != m.latentDim()) {
            throw new IllegalArgumentException("q has dimension " + q.dim() + ", the model's latent " + m.latentDim());
        }
        double[] lw = new double[k];
        for (int i = 0; i < k; i++) {
            double[] z = q.sample(rng);
            lw[i] = m.logJoint(x, z) - q.logDensity(z);
        }
        return lw;
    }

    /** log (1/n Σ e^{a_i}), by log-sum-exp. */
    public static double logMeanExp(double[] a) {
        return LogMath.logSumExp(a) - Math.log(a.length);
    }

    /**
     * The spread of an estimator over repeats: mean, sample standard deviation (n − 1 in the
     * denominator; 0 for one repeat), min, max and every value in order.
     */
    public record Spread(double mean, double sd, double min, double max, double[] values) {
        /** Copies {@code values}. */
        public Spread {
            values = values.clone();
        }

        /** Every value (a copy). */
        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /**
     * Runs {@code estimator} {@code repeats} times, each with its own generator split in turn from
     * {@code new SplittableRandom(seed)}, so the result is a function of the seed.
     */
    public static Spread repeat(ToDoubleFunction<SplittableRandom> estimator, int repeats, long seed) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1");
        }
        SplittableRandom master = new SplittableRandom(seed);
        double[] v = new double[repeats];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            v[r] = estimator.applyAsDouble(master.split());
            sum += v[r];
            min = Math.min(min, v[r]);
            max = Math.max(max, v[r]);
        }
        double mean = sum / repeats;
        double ss = 0;
        for (double a : v) {
            ss += (a - mean) * (a - mean);
        }
        double sd = repeats > 1 ? Math.sqrt(ss / (repeats - 1)) : 0;
        return new Spread(mean, sd, min, max, v);
    }

    /**
     * Jensen's inequality for drawn samples: {@code logOfMean} = log (1/n Σ e^{ℓ_i}) and
     * {@code meanOfLogs} = (1/n) Σ ℓ_i of the log-weights ℓ. Since log is concave,
     * meanOfLogs ≤ logOfMean, with equality exactly when all ℓ_i are equal.
     */
    public record Jensen(double logOfMean, double meanOfLogs) {
        /** logOfMean − meanOfLogs ≥ 0. */
        public double gap() {
            return logOfMean - meanOfLogs;
        }
    }

    /** Both sides of Jensen's inequality for {@code logWeights} (at least one). */
    public static Jensen jensen(double[] logWeights) {
        if (logWeights.length == 0) {
            throw new IllegalArgumentException("no log-weights");
        }
        double s = 0;
        for (double l : logWeights) {
            s += l;
        }
        return new Jensen(logMeanExp(logWeights), s / logWeights.length);
    }

    private static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("K must be at least 1: " + k);
        }
    }
}
