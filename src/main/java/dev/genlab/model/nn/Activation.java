package dev.genlab.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftPlusBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise activation functions a = f(z) and their back-propagation
 * dL/dz = f'(z) ⊙ dL/da.
 *
 * <ul>
 *   <li>{@link #TANH}: f(z) = tanh z, f'(z) = 1 − tanh² z</li>
 *   <li>{@link #RELU}: f(z) = max(0, z), f'(z) = [z &gt; 0] (Nair &amp; Hinton 2010)</li>
 *   <li>{@link #LEAKY_RELU}: f(z) = z for z &gt; 0, else 0.01 z (Maas, Hannun &amp; Ng 2013)</li>
 *   <li>{@link #SIGMOID}: f(z) = σ(z) = 1 / (1 + e^−z), f'(z) = σ(z)(1 − σ(z))</li>
 *   <li>{@link #SOFTPLUS}: f(z) = log(1 + e^z), f'(z) = σ(z)</li>
 *   <li>{@link #IDENTITY}: f(z) = z, f'(z) = 1</li>
 * </ul>
 *
 * Forward is one ND4J op. Backward is one fused libnd4j op for the rectifiers and softplus; tanh
 * and sigmoid take their derivative from the output a instead (1 − a², a(1 − a)), because the
 * fused {@code tanh_bp} / {@code sigmoid_bp} recompute f(z) and cost 3–4 times as much here
 * (256 × 64 floats: 37 µs against 160 µs for tanh). Results are allocated in the current
 * workspace. Trainer thread only (see the package documentation).
 */
public enum Activation {
    TANH {
        @Override
        public INDArray forward(INDArray z) {
            return Nd4j.exec(new Tanh(z, like(z)));
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return a.mul(a).rsubi(1).muli(gradA);
        }
    },
    RELU {
        @Override
        public INDArray forward(INDArray z) {
            return Nd4j.exec(new RectifiedLinear(z, like(z), 0.0));
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return Nd4j.exec(new RectifiedLinearDerivative(z, gradA, like(z)))[0];
        }
    },
    LEAKY_RELU {
        @Override
        public INDArray forward(INDArray z) {
            return Nd4j.exec(new LeakyReLU(z, like(z), LEAKY_SLOPE));
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return Nd4j.exec(new LeakyReLUBp(z, gradA, like(z), LEAKY_SLOPE))[0];
        }
    },
    SIGMOID {
        @Override
        public INDArray forward(INDArray z) {
            return Nd4j.exec(new Sigmoid(z, like(z)));
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return a.rsub(1).muli(a).muli(gradA);
        }
    },
    SOFTPLUS {
        @Override
        public INDArray forward(INDArray z) {
            return Nd4j.exec(new SoftPlus(z, like(z)));
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return Nd4j.exec(new SoftPlusBp(z, gradA, like(z)))[0];
        }
    },
    IDENTITY {
        @Override
        public INDArray forward(INDArray z) {
            return z;
        }

        @Override
        public INDArray backward(INDArray z, INDArray a, INDArray gradA) {
            return gradA;
        }
    };

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    /** a = f(z), a new array (or z itself for {@link #IDENTITY}). */
    public abstract INDArray forward(INDArray z);

    /**
     * dL/dz = f'(z) ⊙ dL/da, a new array (or gradA itself for {@link #IDENTITY}).
     *
     * @param z     the pre-activation given to {@link #forward}
     * @param a     what {@link #forward} returned for it
     * @param gradA dL/da
     */
    public abstract INDArray backward(INDArray z, INDArray a, INDArray gradA);

    private static INDArray like(INDArray z) {
        return Nd4j.createUninitialized(z.dataType(), z.shape(), z.ordering());
    }
}
