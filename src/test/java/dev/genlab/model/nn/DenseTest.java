package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class DenseTest {

    @Test
    void forwardEqualsTripleLoop() {
        SplittableRandom r = new SplittableRandom(1);
        Dense layer = new Dense(7, 5, DataType.DOUBLE, 2);
        layer.b().assign(GradCheck.uniform(r, 1, 5, -1, 1));
        INDArray x = GradCheck.uniform(r, 9, 7, -2, 2);

        double[][] y = layer.forward(x).toDoubleMatrix();

        double[][] xs = x.toDoubleMatrix();
        double[][] w = layer.w().toDoubleMatrix();
        double[] b = layer.b().toDoubleVector();
        for (int i = 0; i < 9; i++) {
            double[] expected = new double[5];
            for (int j = 0; j < 5; j++) {
                double s = b[j];
                for (int k = 0; k < 7; k++) {
                    s += xs[i][k] * w[k][j];
                }
                expected[j] = s;
            }
            assertArrayEquals(expected, y[i], 1e-12, "row " + i);
        }
    }

    @Test
    void forwardInSinglePrecisionMatchesDouble() {
        SplittableRandom r = new SplittableRandom(3);
        Dense d64 = new Dense(4, 3, DataType.DOUBLE, 4);
        Dense d32 = new Dense(4, 3, DataType.FLOAT, 4);
        INDArray x = GradCheck.uniform(r, 6, 4, -1, 1);

        double[][] y64 = d64.forward(x).toDoubleMatrix();
        double[][] y32 = d32.forward(x.castTo(DataType.FLOAT)).toDoubleMatrix();

        for (int i = 0; i < 6; i++) {
            assertArrayEquals(y64[i], y32[i], 1e-6);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(5);
        Dense layer = new Dense(4, 3, DataType.DOUBLE, 6);
        layer.b().assign(GradCheck.uniform(r, 1, 3, -1, 1));
        INDArray x = GradCheck.uniform(r, 5, 4, -1, 1);
        INDArray upstream = GradCheck.uniform(r, 5, 3, -1, 1);

        layer.forward(x);
        INDArray gradX = layer.backward(upstream, true);

        GradCheck.assertClose("dL/dW", layer.gradW(),
                GradCheck.numeric(layer.w(), () -> GradCheck.dot(layer.forward(x), upstream)));
        GradCheck.assertClose("dL/db", layer.gradB(),
                GradCheck.numeric(layer.b(), () -> GradCheck.dot(layer.forward(x), upstream)));
        GradCheck.assertClose("dL/dx", gradX,
                GradCheck.numeric(x, () -> GradCheck.dot(layer.forward(x), upstream)));
    }

    @Test
    void inputGradientCanBeSkipped() {
        Dense layer = new Dense(2, 2, DataType.DOUBLE, 7);
        INDArray x = GradCheck.uniform(new SplittableRandom(8), 3, 2, -1, 1);
        layer.forward(x);
        assertNull(layer.backward(x, false));
        assertEquals(6, Dense.size(2, 2));
    }
}
