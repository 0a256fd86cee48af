package dev.genlab.model.gan;

import java.util.random.RandomGenerator;

/**
 * A GAN generator in one dimension: a strictly increasing map x = g_θ(z) of noise z ~ N(0, 1)
 * (Goodfellow et al. 2014, "Generative Adversarial Nets", §3: the generator's distribution p_g is
 * that of G(z) for z ~ p_z). Because g is a bijection of ℝ, p_g has an exact density by the change
 * of variables:
 * <pre>
 *   p_g(x)       = φ(z) / g'(z),   z = g⁻¹(x)
 *   log p_g(x)   = log φ(z) − log g'(z)
 *   F_g(x)       = Φ(g⁻¹(x))
 *   d/dx log p_g = −z / g'(z)       (both families are piecewise linear in z, so g'' = 0 between knots)
 * </pre>
 * and a reparameterised gradient: for any f, ∂/∂θ E_z[f(g_θ(z))] = E_z[f'(g_θ(z)) · ∂g_θ(z)/∂θ],
 * which {@link #paramGradient} supplies the last factor of.
 *
 * <p>Implementations are immutable ({@link #withParams} returns a new generator); any thread.
 */
public interface Generator1D {

    /** Number of parameters P. */
    int numParams();

    /** A copy of θ (length P). */
    double[] params();

    /** The same family with parameters θ (length P, every entry finite); this generator is unchanged. */
    Generator1D withParams(double[] theta);

    /** x = g(z). */
    double apply(double z);

    /** g'(z) &gt; 0; at a knot, the slope to its right. */
    double derivative(double z);

    /** z = g⁻¹(x). */
    double inverse(double x);

    /** Writes ∂g(z)/∂θ_j into {@code out[j]}, j = 0 … P − 1. */
    void paramGradient(double z, double[] out);

    /** ∂g(z)/∂θ as a new array. */
    default double[] paramGradient(double z) {
        double[] out = new double[numParams()];
        paramGradient(z, out);
        return out;
    }

    /**
     * The z at which g' jumps (the knots of a piecewise-linear map; none for an affine one). Their
     * images g(z_k) are where p_g jumps, so quadrature puts panel boundaries there.
     */
    default double[] knots() {
        return new double[0];
    }

    /** log p_g(x) = log φ(z) − log g'(z), z = g⁻¹(x). */
    default double logDensity(double x) {
        double z = inverse(x);
        return StdNormal.logPdf(z) - Math.log(derivative(z));
    }

    /** p_g(x) = φ(z) / g'(z), z = g⁻¹(x). */
    default double density(double x) {
        return Math.exp(logDensity(x));
    }

    /** d/dx log p_g(x) = −z / g'(z) (g'' = 0 a.e. for these piecewise-linear maps). */
    default double dLogDensity(double x) {
        double z = inverse(x);
        return -z / derivative(z);
    }

    /** F_g(x) = Φ(g⁻¹(x)). */
    default double cdf(double x) {
        return StdNormal.cdf(inverse(x));
    }

    /** n draws g(z_i), z_i ~ N(0, 1) from {@code rng}. */
    default double[] sample(int n, RandomGenerator rng) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot draw a negative number of samples: " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = apply(rng.nextGaussian());
        }
        return out;
    }

    /** [g(−c), g(c)]: all but 2Φ(−c) of p_g's mass. */
    default Interval bounds(double c) {
        return new Interval(apply(-c), apply(c));
    }

    /** Checks a parameter vector's length and finiteness; for implementations. */
    static double[] checkParams(double[] theta, int expected) {
        if (theta == null || theta.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " parameters, got "
                    + (theta == null ? "null" : String.valueOf(theta.length)));
        }
        for (int j = 0; j < theta.length; j++) {
            if (!Double.isFinite(theta[j])) {
                throw new IllegalArgumentException("parameter " + j + " must be finite, got " + theta[j]);
            }
        }
        return theta.clone();
    }
}
