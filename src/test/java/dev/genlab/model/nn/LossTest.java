package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossTest {

    private static final int N = 5;
    private static final int D = 3;

    private final SplittableRandom random = new SplittableRandom(41);
    private final INDArray a = GradCheck.uniform(random, N, D, -2, 2);
    private final INDArray b = GradCheck.uniform(random, N, D, -2, 2);
    private final INDArray probabilities = GradCheck.uniform(random, N, D, 0, 1);

    @Test
    void squaredErrorValueAndGradient() {
        double expected = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                double d = a.getDouble(i, j) - b.getDouble(i, j);
                expected += d * d / N;
            }
        }
        Loss.Value v = Loss.squaredError(a, b);

        assertEquals(expected, v.loss(), 1e-12);
        GradCheck.assertClose("mse", v.gradient(), GradCheck.numeric(a, () -> Loss.squaredError(a, b).loss()));
    }

    @Test
    void bernoulliWithLogitsValueAndGradient() {
        double expected = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                double p = 1 / (1 + Math.exp(-a.getDouble(i, j)));
                double y = probabilities.getDouble(i, j);
                expected -= (y * Math.log(p) + (1 - y) * Math.log(1 - p)) / N;
            }
        }
        Loss.Value v = Loss.bernoulliWithLogits(a, probabilities);

        assertEquals(expected, v.loss(), 1e-12);
        GradCheck.assertClose("bce", v.gradient(),
                GradCheck.numeric(a, () -> Loss.bernoulliWithLogits(a, probabilities).loss()));
    }

    @Test
    void bernoulliWithHugeLogitsStaysFiniteInSinglePrecision() {
        // σ(±200) rounds to exactly 0 or 1 in float, so the naive formula would give log 0
        INDArray logits = Nd4j.createFromArray(new float[][] {{200f, -200f, 200f}});
        INDArray targets = Nd4j.createFromArray(new float[][] {{1f, 1f, 0f}});

        Loss.Value v = Loss.bernoulliWithLogits(logits, targets);

        assertEquals(400, v.loss(), 1e-3);
        assertArrayEquals(new float[] {0f, -1f, 1f}, v.gradient().reshape(3).toFloatVector(), 1e-6f);
    }

    @Test
    void gaussianNllValueAndGradients() {
        INDArray logVar = GradCheck.uniform(random, N, D, -1, 1);
        double expected = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                double sigma = Math.exp(0.5 * logVar.getDouble(i, j));
                double z = (a.getDouble(i, j) - b.getDouble(i, j)) / sigma;
                expected -= (-0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI)) / N;
            }
        }
        Loss.GaussianValue v = Loss.gaussianNll(a, b, logVar);

        assertEquals(expected, v.loss(), 1e-12);
        GradCheck.assertClose("dL/dμ", v.gradMean(), GradCheck.numeric(b, () -> Loss.gaussianNll(a, b, logVar).loss()));
        GradCheck.assertClose("dL/ds", v.gradLogVariance(),
                GradCheck.numeric(logVar, () -> Loss.gaussianNll(a, b, logVar).loss()));
    }

    @Test
    void shapesMustAgree() {
        INDArray other = Nd4j.zeros(DataType.DOUBLE, N, D + 1);
        assertThrows(IllegalArgumentException.class, () -> Loss.squaredError(a, other));
        assertThrows(IllegalArgumentException.class, () -> Loss.gaussianNll(a, b, other));
    }
}
