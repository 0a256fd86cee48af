package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ActivationTest {

    /** The textbook formula in plain Java, the truth for {@link Activation#forward}. */
    private static DoubleUnaryOperator formula(Activation a) {
        return switch (a) {
            case TANH -> Math::tanh;
            case RELU -> z -> Math.max(0, z);
            case LEAKY_RELU -> z -> z > 0 ? z : Activation.LEAKY_SLOPE * z;
            case SIGMOID -> z -> 1 / (1 + Math.exp(-z));
            case SOFTPLUS -> z -> Math.log1p(Math.exp(z));
            case IDENTITY -> z -> z;
        };
    }

    /** Pre-activations in [−3, 3] but at least 0.05 from the kink of the rectifiers. */
    private static INDArray inputs(long seed) {
        INDArray z = GradCheck.uniform(new SplittableRandom(seed), 6, 5, 0.05, 3);
        SplittableRandom signs = new SplittableRandom(seed + 1);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 5; j++) {
                if (signs.nextBoolean()) {
                    z.putScalar(i, j, -z.getDouble(i, j));
                }
            }
        }
        return z;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesFormula(Activation a) {
        INDArray z = inputs(11);
        double[] expected = GradCheck.flat(z);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = formula(a).applyAsDouble(expected[i]);
        }
        assertArrayEquals(expected, GradCheck.flat(a.forward(z)), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMatchesFiniteDifferences(Activation a) {
        INDArray z = inputs(12);
        INDArray upstream = GradCheck.uniform(new SplittableRandom(13), 6, 5, -1, 1);

        INDArray gradZ = a.backward(z, a.forward(z), upstream);

        GradCheck.assertClose(a.name(), gradZ, GradCheck.numeric(z, () -> GradCheck.dot(a.forward(z), upstream)));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void columnMajorInputGivesTheSameResult(Activation a) {
        INDArray z = inputs(14);
        INDArray zf = z.dup('f');
        INDArray upstream = GradCheck.uniform(new SplittableRandom(15), 6, 5, -1, 1).dup('f');
        assertArrayEquals(GradCheck.flat(a.forward(z)), GradCheck.flat(a.forward(zf)), 0);
        assertArrayEquals(GradCheck.flat(a.backward(z, a.forward(z), upstream.dup('c'))),
                GradCheck.flat(a.backward(zf, a.forward(zf), upstream)), 0);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void worksInSinglePrecision(Activation a) {
        INDArray z = inputs(16);
        assertArrayEquals(GradCheck.flat(a.forward(z)), GradCheck.flat(a.forward(z.castTo(DataType.FLOAT))), 1e-6);
    }
}
