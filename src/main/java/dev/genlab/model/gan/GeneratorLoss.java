package dev.genlab.model.gan;

import dev.genlab.math.LogMath;

/**
 * The generator's per-sample loss as a function of d = D(G(z)), minimised by the generator
 * (Goodfellow et al. 2014, §3 and the paragraph after eq. 1):
 * <pre>
 *   SATURATING:      ℓ(d) = log(1 − d)  = −softplus(a),   dℓ/da = −σ(a)     = −d
 *   NON_SATURATING:  ℓ(d) = −log d      =  softplus(−a),  dℓ/da = −σ(−a)    = −(1 − d)
 * </pre>
 * with a the discriminator's logit, d = σ(a). Both push d up. Early in training D rejects the
 * fakes confidently (d → 0, a → −∞): the saturating loss's slope in the logit, −d, vanishes, so
 * the generator "starves", while the non-saturating one's, −(1 − d), tends to −1. The ratio of the
 * two slopes is (1 − d)/d. In d itself the slopes are −1/(1 − d) and −1/d.
 */
public enum GeneratorLoss {

    /** ℓ = log(1 − D): the minimax game's own term. */
    SATURATING {
        @Override
        public double value(double d) {
            return Math.log1p(-d);
        }

        @Override
        public double derivative(double d) {
            return -1 / (1 - d);
        }

        @Override
        public double valueOfLogit(double a) {
            return -LogMath.log1pExp(a);
        }

        @Override
        public double derivativeWrtLogit(double a) {
            return -LogMath.sigmoid(a);
        }
    },

    /** ℓ = −log D: the "−log D trick", same fixed point, strong gradients early on. */
    NON_SATURATING {
        @Override
        public double value(double d) {
            return -Math.log(d);
        }

        @Override
        public double derivative(double d) {
            return -1 / d;
        }

        @Override
        public double valueOfLogit(double a) {
            return LogMath.log1pExp(-a);
        }

        @Override
        public double derivativeWrtLogit(double a) {
            return -LogMath.sigmoid(-a);
        }
    };

    /** ℓ(d), 0 &lt; d &lt; 1. */
    public abstract double value(double d);

    /** dℓ/dd. */
    public abstract double derivative(double d);

    /** ℓ(σ(a)), stable for any finite a. */
    public abstract double valueOfLogit(double a);

    /** d ℓ(σ(a)) / da. */
    public abstract double derivativeWrtLogit(double a);
}
