package dev.genlab.model.gan;

import java.util.Arrays;
import java.util.random.RandomGenerator;
/**
 * A one-dimensional Gaussian mixture, the data distribution p_data of lesson 8's 1-D GAN game:
 * <pre>
 *   p(x)     = Σ_k π_k N(x; μ_k, σ_k²),     π_k ≥ 0, Σ_k π_k = 1, σ_k &gt; 0
 *   log p(x) = logsumexp_k [log π_k − ½ log(2π) − log σ_k − (x − μ_k)²/(2σ_k²)]
 *   F(x)     = Σ_k π_k Φ((x − μ_k)/σ_k)
 * </pre>
 * The log density is a log-sum-exp, so it stays finite (and accurate) far in the tails where every
 * component's density underflows to 0.
 *
 * <p>Immutable: weights are normalised on construction and every edit ({@link #withComponent},
 * {@link #withAdded}, {@link #withRemoved}) returns a new mixture. Plain Java; any thread.
 */
public final class Mixture1D {

    /**
     * Half-width of {@link #bounds()} in component standard deviations: 2Φ(−6.2) = 5.6e-10, so each
     * component, and therefore the mixture, has less than 1e-9 of its mass outside.
     */
    public static final double BOUNDS_SDS = 6.2;

    private final double[] weights;
    private final double[] means;
    private final double[] sds;
    private final double[] logWeights;
    private final double[] logSds;

    /**
     * The mixture Σ_k w_k N(μ_k, σ_k²) / Σ_k w_k.
     *
     * @param weights non-negative, finite, not all 0 (normalised here)
     * @param means   finite
     * @param sds     positive and finite
     * @throws IllegalArgumentException on empty or unequal arrays, or any value out of range (NaN and ±∞ included)
     */
    public Mixture1D(double[] weights, double[] means, double[] sds) {
        if (weights == null || means == null || sds == null) {
            throw new IllegalArgumentException("weights, means and sds must not be null");
        }
        int k = weights.length;
        if (k == 0) {
            throw new IllegalArgumentException("a mixture needs at least one component");
        }
        if (means.length != k || sds.length != k) {
            throw new IllegalArgumentException("weights, means and sds need the same length, got "
                    + k + ", " + means.length + ", " + sds.length);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            if (!Double.isFinite(weights[i]) || weights[i] < 0) {
                throw new IllegalArgumentException("weight " + i + " must be finite and non-negative, got " + weights[i]);
            }
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("mean " + i + " must be finite, got " + means[i]);
            }
            if (!Double.isFinite(sds[i]) || !(sds[i] > 0)) {
                throw new IllegalArgumentException("standard deviation " + i + " must be positive and finite, got " + sds[i]);
            }
            sum += weights[i];
        }
        if (!(sum > 0) || !Double.isFinite(sum)) {
            throw new IllegalArgumentException("the weights must have a positive finite sum, got " + sum);
        }
        this.weights = new double[k];
        this.logWeights = new double[k];
        this.logSds = new double[k];
        for (int i = 0; i < k; i++) {
            this.weights[i] = weights[i] / sum;
            this.logWeights[i] = Math.log(this.weights[i]);
            this.logSds[i] = Math.log(sds[i]);
        }
        this.means = means.clone();
        this.sds = sds.clone();
    }

    /** The single Gaussian N(μ, σ²). */
    public static Mixture1D gaussian(double mean, double sd) {
        return new Mixture1D(new double[] {1}, new double[] {mean}, new double[] {sd});
    }

    /** Number of components K. */
    public int size() {
        return weights.length;
    }

    /** π_i (normalised). */
    public double weight(int i) {
        return weights[i];
    }

    /** μ_i. */
    public double mean(int i) {
        return means[i];
    }

    /** σ_i. */
    public double sd(int i) {
        return sds[i];
    }

    /** A copy of the normalised weights. */
    public double[] weights() {
        return weights.clone();
    }

    /** A copy of the means. */
    public double[] means() {
        return means.clone();
    }

    /** A copy of the standard deviations. */
    public double[] sds() {
        return sds.clone();
    }

    /** log p(x) by log-sum-exp over components; finite for every finite x. */
    public double logPdf(double x) {
        if (weights.length == 1) {
            return componentLogPdf(0, x);
        }
        double m = Double.NEGATIVE_INFINITY;
        double[] t = new double[weights.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = logWeights[i] + componentLogPdf(i, x);
            m = Math.max(m, t[i]);
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        double s = 0;
        for (double v : t) {
            s += Math.exp(v - m);
        }
        return m + Math.log(s);
    }

    /** p(x) = exp(log p(x)). */
    public double pdf(double x) {
        return Math.exp(logPdf(x));
    }

    /**
     * The score d/dx log p(x) = Σ_k r_k(x) · (−(x − μ_k)/σ_k²), with responsibilities
     * r_k(x) = π_k N(x; μ_k, σ_k²) / p(x) computed in the log domain.
     */
    public double dLogPdf(double x) {
        double lp = logPdf(x);
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            double r = Math.exp(logWeights[i] + componentLogPdf(i, x) - lp);
            s -= r * (x - means[i]) / (sds[i] * sds[i]);
        }
        return s;
    }

    /** F(x) = Σ_k π_k Φ((x − μ_k)/σ_k). */
    public double cdf(double x) {
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i] * StdNormal.cdf((x - means[i]) / sds[i]);
        }
        return Math.min(1, s);
    }

    /** One draw: a component k with probability π_k, then μ_k + σ_k ε with ε ~ N(0, 1). */
    public double sample(RandomGenerator rng) {
        double u = rng.nextDouble();
        int k = 0;
        double c = weights[0];
        while (u >= c && k < weights.length - 1) {
            k++;
            c += weights[k];
        }
        return means[k] + sds[k] * rng.nextGaussian();
    }

    /** n independent draws. */
    public double[] sample(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of samples: " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sample(rng);
        }
        return out;
    }

    /**
     * [min_k (μ_k − cσ_k), max_k (μ_k + cσ_k)] with c = {@link #BOUNDS_SDS}: the mass outside is at
     * most Σ_k π_k · 2Φ(−c) = 5.6e-10.
     */
    public Interval bounds() {
        return bounds(BOUNDS_SDS);
    }

    /** [min_k (μ_k − cσ_k), max_k (μ_k + cσ_k)] for c &gt; 0 standard deviations. */
    public Interval bounds(double c) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < weights.length; i++) {
            lo = Math.min(lo, means[i] - c * sds[i]);
            hi = Math.max(hi, means[i] + c * sds[i]);
        }
        return new Interval(lo, hi);
    }

    /**
     * This mixture with component i replaced by (weight, mean, sd): the other components keep their
     * current normalised weights and the whole is normalised again (so a component whose weight is
     * set to w ends with w / (1 − π_i + w)). For a UI that moves, resizes or re-weights a component.
     */
    public Mixture1D withComponent(int i, double weight, double mean, double sd) {
        checkIndex(i);
        double[] w = weights.clone();
        double[] m = means.clone();
        double[] s = sds.clone();
        w[i] = weight;
        m[i] = mean;
        s[i] = sd;
        return new Mixture1D(w, m, s);
    }

    /** This mixture with component i's mean set to {@code mean}. */
    public Mixture1D withMean(int i, double mean) {
        checkIndex(i);
        return withComponent(i, weights[i], mean, sds[i]);
    }

    /** This mixture with component i's standard deviation set to {@code sd}. */
    public Mixture1D withSd(int i, double sd) {
        checkIndex(i);
        return withComponent(i, weights[i], means[i], sd);
    }

    /** This mixture with one more component of (unnormalised) weight w, then normalised again. */
    public Mixture1D withAdded(double weight, double mean, double sd) {
        int k = weights.length;
        double[] w = Arrays.copyOf(weights, k + 1);
        double[] m = Arrays.copyOf(means, k + 1);
        double[] s = Arrays.copyOf(sds, k + 1);
        w[k] = weight;
        m[k] = mean;
        s[k] = sd;
        return new Mixture1D(w, m, s);
    }

    /** This mixture without component i, the rest normalised again; a mixture keeps at least one component. */
    public Mixture1D withRemoved(int i) {
        checkIndex(i);
        int k = weights.length;
        if (k == 1) {
            throw new IllegalArgumentException("cannot remove the only component of a mixture");
        }
        double[] w = new double[k - 1];
        double[] m = new double[k - 1];
        double[] s = new double[k - 1];
        for (int j = 0, o = 0; j < k; j++) {
            if (j != i) {
                w[o] = weights[j];
                m[o] = means[j];
                s[o] = sds[j];
                o++;
            }
        }
        if (!(sum(w) > 0)) {
            throw new IllegalArgumentException("removing component " + i + " leaves only components of weight 0");
        }
        return new Mixture1D(w, m, s);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Mixture1D[");
        for (int i = 0; i < weights.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(String.format("%.3g·N(%.3g, %.3g²)", weights[i], means[i], sds[i]));
        }
        return b.append(']').toString();
    }

    private double componentLogPdf(int i, double x) {
        double z = (x - means[i]) / sds[i];
        return StdNormal.logPdf(z) - logSds[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= weights.length) {
            throw new IllegalArgumentException("no component " + i + " in a mixture of " + weights.length);
        }
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
