package dev.genlab.model.latent;

import dev.genlab.math.LogMath;

/**
 * A latent variable model with the prior p(z) = N(0, I) and a likelihood p(x | z): what lesson 7's
 * bound panel needs.
 *
 * <pre>
 *   p(x) = ∫ p(z) p(x | z) dz,   log p(x, z) = log p(z) + log p(x | z),
 *   log p(z) = −(M/2) log 2π − ½ ‖z‖²
 * </pre>
 * Implementations are immutable, so every method may be called from any thread.
 */
public interface LatentModel {

    /** D, the length of x. */
    int dataDim();

    /** M, the length of z. */
    int latentDim();

    /** log p(x | z). */
    double logLikelihood(double[] x, double[] z);

    /** log p(z) = log N(z; 0, I). */
    default double logPrior(double[] z) {
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return -0.5 * (z.length * LogMath.LOG_2PI + s);
    }

    /** log p(x, z) = log p(z) + log p(x | z). */
    default double logJoint(double[] x, double[] z) {
        return logPrior(z) + logLikelihood(x, z);
    }
}
