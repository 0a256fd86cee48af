package dev.genlab.model.gan;

import java.util.function.DoubleUnaryOperator;

import dev.genlab.math.LogMath;

/**
 * A GAN discriminator on the real line, D(x) = σ(a(x)) ∈ (0, 1), the probability that x came from
 * the data rather than from the generator (Goodfellow et al. 2014, §3). It is given by its logit
 * a(x), so every log the game needs is a stable softplus:
 * <pre>
 *   log D(x)       = log σ(a) = −softplus(−a)
 *   log(1 − D(x))  = log σ(−a) = −softplus(a)
 * </pre>
 * and by da/dx, which the generator's reparameterised gradient backpropagates through.
 */
public interface Discriminator1D {

    /** a(x) = log D(x) − log(1 − D(x)). */
    double logit(double x);

    /** da/dx. */
    double logitDerivative(double x);

    /** D(x) = σ(a(x)). */
    default double value(double x) {
        return LogMath.sigmoid(logit(x));
    }

    /** log D(x) = −softplus(−a(x)). */
    default double logValue(double x) {
        return -LogMath.log1pExp(-logit(x));
    }

    /** log(1 − D(x)) = −softplus(a(x)). */
    default double logOneMinusValue(double x) {
        return -LogMath.log1pExp(logit(x));
    }

    /** The discriminator with logit a and its derivative da/dx (for tests and one-off curves). */
    static Discriminator1D ofLogit(DoubleUnaryOperator logit, DoubleUnaryOperator logitDerivative) {
        return new Discriminator1D() {
            @Override
            public double logit(double x) {
                return logit.applyAsDouble(x);
            }

            @Override
            public double logitDerivative(double x) {
                return logitDerivative.applyAsDouble(x);
            }
        };
    }
}
