package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MlpTest {

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "SOFTPLUS", "LEAKY_RELU"})
    void gradientsMatchFiniteDifferences(Activation hidden) {
        Mlp mlp = new Mlp(DataType.DOUBLE, hidden, Activation.SIGMOID, 21, 3, 5, 4, 2);
        // non-zero biases so that their gradients are exercised away from the initial state
        mlp.params().addi(GradCheck.uniform(new SplittableRandom(22), 1, (int) mlp.numParams(), -0.1, 0.1)
                .reshape(mlp.numParams()));
        INDArray x = GradCheck.uniform(new SplittableRandom(23), 6, 3, -1, 1);
        INDArray upstream = GradCheck.uniform(new SplittableRandom(24), 6, 2, -1, 1);

        mlp.forward(x);
        INDArray gradX = mlp.backward(upstream);
        INDArray gradParams = mlp.gradients().dup();

        GradCheck.assertClose("dL/dθ", gradParams,
                GradCheck.numeric(mlp.params(), () -> GradCheck.dot(mlp.forward(x), upstream)));
        GradCheck.assertClose("dL/dx", gradX,
                GradCheck.numeric(x, () -> GradCheck.dot(mlp.forward(x), upstream)));
    }

    @Test
    void backwardParamsGivesTheSameParameterGradients() {
        Mlp mlp = new Mlp(DataType.DOUBLE, Activation.TANH, Activation.IDENTITY, 25, 2, 8, 1);
        INDArray x = GradCheck.uniform(new SplittableRandom(26), 4, 2, -1, 1);
        INDArray upstream = GradCheck.uniform(new SplittableRandom(27), 4, 1, -1, 1);
        mlp.forward(x);
        mlp.backward(upstream);
        double[] full = mlp.toDoubleVector().clone();
        double[] gradFull = mlp.gradients().toDoubleVector();

        mlp.forward(x);
        mlp.backwardParams(upstream);

        assertArrayEquals(gradFull, mlp.gradients().toDoubleVector(), 0);
        assertArrayEquals(full, mlp.toDoubleVector(), 0);
    }

    @Test
    void layersAreViewsIntoTheFlatParameters() {
        Mlp mlp = new Mlp(DataType.FLOAT, Activation.RELU, Activation.IDENTITY, 28, 2, 64, 64, 1);
        assertEquals(2 * 64 + 64 + 64 * 64 + 64 + 64 + 1, mlp.numParams());
        assertEquals(3, mlp.numLayers());

        mlp.layer(1).b().putScalar(3, 42f);

        assertEquals(42f, mlp.params().getFloat(2 * 64 + 64 + 64 * 64 + 3));
        assertEquals('f', mlp.layer(1).w().ordering());
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        Mlp a = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 29, 2, 16, 1);
        Mlp b = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 29, 2, 16, 1);
        Mlp c = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 30, 2, 16, 1);
        assertArrayEquals(a.toFloatVector(), b.toFloatVector());
        assertNotEquals(a.params(), c.params());
    }

    @Test
    void glorotInitialisationStaysWithinItsLimit() {
        Mlp mlp = new Mlp(DataType.DOUBLE, Activation.TANH, Activation.IDENTITY, 31, 10, 30);
        double limit = Math.sqrt(6.0 / 40);
        double[][] w = mlp.layer(0).w().toDoubleMatrix();
        double max = 0;
        for (double[] row : w) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        assertTrue(max <= limit && max > 0.9 * limit, "max |w| = " + max);
        assertEquals(0, mlp.layer(0).b().sumNumber().doubleValue());
    }

    @Test
    void flatParametersRoundTrip() {
        Mlp mlp = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 32, 2, 8, 8, 1);
        double[] saved = mlp.toDoubleVector();
        INDArray x = GradCheck.uniform(new SplittableRandom(33), 5, 2, -1, 1).castTo(DataType.FLOAT);
        float[] before = mlp.forward(x).dup().reshape(5).toFloatVector();

        mlp.params().muli(3).addi(1);
        assertNotEquals(saved[0], mlp.toDoubleVector()[0]);
        mlp.setParams(saved);

        assertArrayEquals(saved, mlp.toDoubleVector(), 0);
        assertArrayEquals(before, mlp.forward(x).dup().reshape(5).toFloatVector(), 0);
        assertThrows(IllegalArgumentException.class, () -> mlp.setParams(new double[3]));
    }

    @Test
    void aNanOrInfinityInAnyParameterIsNotFinite() {
        Mlp mlp = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 34, 2, 8, 1);
        assertTrue(mlp.isFinite());
        long last = mlp.numParams() - 1;

        mlp.params().putScalar(last, Float.NaN);
        assertFalse(mlp.isFinite());

        mlp.params().putScalar(last, 0f);
        assertTrue(mlp.isFinite());
        mlp.layer(0).w().putScalar(0, 1, Float.NEGATIVE_INFINITY);
        assertFalse(mlp.isFinite());
    }

    @Test
    void rejectsWrongInputWidthOrType() {
        Mlp mlp = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 35, 2, 4, 1);
        assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(GradCheck.uniform(new SplittableRandom(1), 3, 3, 0, 1).castTo(DataType.FLOAT)));
        assertThrows(IllegalArgumentException.class, () -> mlp.forward(GradCheck.uniform(new SplittableRandom(1), 3, 2, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, 1, 2));
    }
}
