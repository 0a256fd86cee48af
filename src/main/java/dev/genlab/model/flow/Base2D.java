package dev.genlab.model.flow;

import java.util.random.RandomGenerator;

import dev.genlab.math.LogMath;

/**
 * The base (latent) density p_z of a 2-D flow, a product of two independent standard marginals:
 * <ul>
 *   <li>{@link #NORMAL}: N(0, I₂), log p = −log 2π − ‖z‖²/2, ∇ log p = −z</li>
 *   <li>{@link #LOGISTIC}: the standard logistic per coordinate (NICE's prior, Dinh, Krueger &amp;
 *       Bengio 2015), log p(u) = −u − 2 log(1 + e^{−u}), ∇ = −tanh(u/2), CDF σ(u); heavier tails</li>
 * </ul>
 * The marginal CDF and quantile serve a QQ plot of the latent codes of the data.
 */
public enum Base2D {
    NORMAL {
        @Override
        public double logDensity(double x, double y) {
            return -LogMath.LOG_2PI - 0.5 * (x * x + y * y);
        }

        @Override
        double dLog(double u) {
            return -u;
        }

        @Override
        public double marginalCdf(double u) {
            return 0.5 * erfc(-u / Math.sqrt(2));
        }

        @Override
        public double marginalQuantile(double q) {
            if (!(q > 0 && q < 1)) {
                return q <= 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            // Newton on the CDF from the logistic guess; converges in a few steps
            double u = 0.625 * Math.log(q / (1 - q));
            for (int i = 0; i < 60; i++) {
                double pdf = Math.exp(-0.5 * u * u - 0.5 * LogMath.LOG_2PI);
                double step = (marginalCdf(u) - q) / Math.max(pdf, 1e-300);
                u -= Math.max(-1, Math.min(1, step));
                if (Math.abs(step) < 1e-12) {
                    break;
                }
            }
            return u;
        }

        @Override
        public void sample(int n, RandomGenerator rng, double[] xs, double[] ys) {
            for (int i = 0; i < n; i++) {
                xs[i] = rng.nextGaussian();
                ys[i] = rng.nextGaussian();
            }
        }
    },
    LOGISTIC {
        @Override
        public double logDensity(double x, double y) {
            return log1(x) + log1(y);
        }

        private double log1(double u) {
            double a = Math.abs(u);
            return -a - 2 * Math.log1p(Math.exp(-a));
        }

        @Override
        double dLog(double u) {
            return -Math.tanh(0.5 * u);
        }

        @Override
        public double marginalCdf(double u) {
            return LogMath.sigmoid(u);
        }

        @Override
        public double marginalQuantile(double q) {
            return Math.log(q / (1 - q));
        }

        @Override
        public void sample(int n, RandomGenerator rng, double[] xs, double[] ys) {
            for (int i = 0; i < n; i++) {
                xs[i] = marginalQuantile(open(rng));
                ys[i] = marginalQuantile(open(rng));
            }
        }

        private double open(RandomGenerator rng) {
            double u;
            do {
                u = rng.nextDouble();
            } while (u == 0);
            return u;
        }
    };

    /** log p_z(x, y). */
    public abstract double logDensity(double x, double y);

    /** d log p / du of one marginal (the gradient is separable). */
    abstract double dLog(double u);

    /** P(U ≤ u) of one coordinate. */
    public abstract double marginalCdf(double u);

    /** The q-quantile of one coordinate, 0 &lt; q &lt; 1. */
    public abstract double marginalQuantile(double q);

    /** n independent draws into xs, ys. */
    public abstract void sample(int n, RandomGenerator rng, double[] xs, double[] ys);

    /**
     * erfc by the Chebyshev-fitted formula erfcc of Numerical Recipes in C (2nd ed., §6.2), fractional error
     * below 1.2·10⁻⁷ everywhere: plenty for a QQ plot.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
