package dev.genlab.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The common losses, each returning its value and its gradient with respect to the network's
 * output, ready for {@link Mlp#backward}. Inputs are n × d batches of rows; every loss is summed
 * over the d columns and averaged over the n rows, so for images it is the per-image negative
 * log-likelihood in nats, and for d = 1 the usual mean.
 *
 * <ul>
 *   <li>{@link #squaredError}: L = (1/n) Σ (ŷ − y)², dL/dŷ = 2 (ŷ − y) / n</li>
 *   <li>{@link #bernoulliWithLogits}: binary cross-entropy of targets y ∈ [0, 1] under
 *       p = σ(z): L = (1/n) Σ [max(z, 0) − z y + log(1 + e^−|z|)], which equals
 *       −y log σ(z) − (1 − y) log(1 − σ(z)) but never overflows; dL/dz = (σ(z) − y) / n</li>
 *   <li>{@link #gaussianNll}: −log N(x; μ, e^s) with s the log-variance:
 *       L = (1/n) Σ ½ [log 2π + s + (x − μ)² e^−s];
 *       dL/dμ = −(x − μ) e^−s / n, dL/ds = ½ [1 − (x − μ)² e^−s] / n</li>
 * </ul>
 *
 * Gradients and temporaries are allocated in the current workspace. Trainer thread only.
 */
public final class Loss {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Loss() {
    }

    /** A loss value and its gradient with respect to the one input it was differentiated by. */
    public record Value(double loss, INDArray gradient) {
    }

    /** The Gaussian negative log-likelihood and its gradients with respect to both inputs. */
    public record GaussianValue(double loss, INDArray gradMean, INDArray gradLogVariance) {
    }

    /** Squared error of predictions against targets, summed over columns, mean over rows. */
    public static Value squaredError(INDArray prediction, INDArray target) {
        checkSameShape(prediction, target);
        double n = prediction.rows();
        INDArray diff = prediction.sub(target);
        double norm = diff.norm2Number().doubleValue();
        return new Value(norm * norm / n, diff.muli(2 / n));
    }

    /** Binary cross-entropy of targets in [0, 1] given logits z (before the sigmoid). */
    public static Value bernoulliWithLogits(INDArray logits, INDArray target) {
        checkSameShape(logits, target);
        double n = logits.rows();
        INDArray softplusOfMinusAbs = Transforms.log1p(Transforms.exp(Transforms.abs(logits, true).negi(), false), false);
        INDArray perElement = Transforms.relu(logits, true).subi(logits.mul(target)).addi(softplusOfMinusAbs);
        double loss = perElement.sumNumber().doubleValue() / n;
        INDArray gradient = Transforms.sigmoid(logits, true).subi(target).divi(n);
        return new Value(loss, gradient);
    }

    /** Negative log-likelihood of x under a diagonal Gaussian with mean μ and log-variance s. */
    public static GaussianValue gaussianNll(INDArray x, INDArray mean, INDArray logVariance) {
        checkSameShape(x, mean);
        checkSameShape(x, logVariance);
        double n = x.rows();
        INDArray diff = x.sub(mean);
        INDArray precision = Transforms.exp(logVariance.neg(), false);
        INDArray scaled = diff.mul(precision);
        INDArray mahalanobis = scaled.mul(diff);
        double loss = 0.5 * (LOG_2PI * x.length() + logVariance.sumNumber().doubleValue()
                + mahalanobis.sumNumber().doubleValue()) / n;
        INDArray gradMean = scaled.negi().divi(n);
        INDArray gradLogVariance = mahalanobis.rsubi(1).muli(0.5 / n);
        return new GaussianValue(loss, gradMean, gradLogVariance);
    }

    private static void checkSameShape(INDArray a, INDArray b) {
        if (!a.equalShapes(b)) {
            throw new IllegalArgumentException("shapes differ: " + a.shapeInfoToString() + " vs " + b.shapeInfoToString());
        }
    }
}
