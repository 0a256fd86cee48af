package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {

    /** f(θ) = ½ c θ², so ∇f = c θ. */
    private static final double C = 3.0;

    @Test
    void adamFirstStepsEqualTheHandComputedUpdate() {
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        INDArray theta = Nd4j.createFromArray(2.0, -0.5);
        Adam adam = new Adam(2, DataType.DOUBLE, lr, b1, b2, eps);

        double[] expected = {2.0, -0.5};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 5; t++) {
            handStep(expected, m, v, t, lr, b1, b2, eps);
            adam.step(theta, theta.mul(C));
            assertArrayEquals(expected, theta.toDoubleVector(), 1e-14, "step " + t);
        }
        assertEquals(5, adam.steps());
    }

    /**
     * A learning rate changed mid-training (0.1 for 4 steps, then 0.01) keeps m, v and t: the steps
     * after the change are the paper's update with the old moments and the new α, computed by hand.
     */
    @Test
    void adamKeepsItsMomentsWhenTheLearningRateChanges() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        INDArray theta = Nd4j.createFromArray(2.0, -0.5);
        Adam adam = new Adam(2, DataType.DOUBLE, 0.1, b1, b2, eps);

        double[] expected = {2.0, -0.5};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 8; t++) {
            double lr = t <= 4 ? 0.1 : 0.01;
            if (t == 5) {
                // given four steps at 0.1, when the rate drops, then nothing the optimiser holds changes
                double[] m4 = adam.firstMoment();
                double[] v4 = adam.secondMoment();
                adam.setLearningRate(lr);
                assertArrayEquals(m4, adam.firstMoment(), 0);
                assertArrayEquals(v4, adam.secondMoment(), 0);
                assertArrayEquals(m, m4, 1e-15, "m after 4 steps");
                assertArrayEquals(v, v4, 1e-15, "v after 4 steps");
                assertEquals(4, adam.steps());
                assertEquals(0.01, adam.learningRate());
            }
            handStep(expected, m, v, t, lr, b1, b2, eps);
            adam.step(theta, theta.mul(C));
            assertArrayEquals(expected, theta.toDoubleVector(), 1e-14, "step " + t);
        }
        assertEquals(8, adam.steps());

        // a new Adam at the new rate (what lesson 5 used to build) takes another step: it forgot m and v
        INDArray restarted = Nd4j.createFromArray(2.0, -0.5);
        Adam first = new Adam(2, DataType.DOUBLE, 0.1, b1, b2, eps);
        for (int t = 0; t < 4; t++) {
            first.step(restarted, restarted.mul(C));
        }
        new Adam(2, DataType.DOUBLE, 0.01, b1, b2, eps).step(restarted, restarted.mul(C));
        INDArray kept = Nd4j.createFromArray(2.0, -0.5);
        Adam once = new Adam(2, DataType.DOUBLE, 0.1, b1, b2, eps);
        for (int t = 0; t < 4; t++) {
            once.step(kept, kept.mul(C));
        }
        once.setLearningRate(0.01);
        once.step(kept, kept.mul(C));
        // θ₂ crossed zero at 0.1 a step, so its kept moments are far from a fresh start's ±α
        assertTrue(Math.abs(kept.getDouble(1) - restarted.getDouble(1)) > 1e-3,
                kept.getDouble(1) + " vs " + restarted.getDouble(1));
    }

    /** Bias correction makes the first step exactly lr · sign(g), up to ε. */
    @Test
    void adamFirstStepIsTheLearningRateTimesTheSign() {
        INDArray theta = Nd4j.createFromArray(2.0, -0.5);
        new Adam(2, DataType.DOUBLE, 0.01).step(theta, theta.mul(C));
        assertArrayEquals(new double[] {1.99, -0.49}, theta.toDoubleVector(), 1e-8);
    }

    @Test
    void adamResetForgetsTheMoments() {
        INDArray a = Nd4j.createFromArray(1.0f);
        INDArray b = Nd4j.createFromArray(1.0f);
        Adam adam = new Adam(1, DataType.FLOAT, 0.1);
        adam.step(a, a.mul(C));
        adam.step(a, a.mul(C));
        adam.reset();
        a.assign(1.0f);

        adam.step(a, a.mul(C));
        new Adam(1, DataType.FLOAT, 0.1).step(b, b.mul(C));

        assertEquals(b.getFloat(0), a.getFloat(0));
        assertEquals(1, adam.steps());
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        INDArray theta = Nd4j.createFromArray(2.0, -0.5);
        Sgd sgd = new Sgd(0.1);
        sgd.step(theta, theta.mul(C));
        sgd.step(theta, theta.mul(C));
        // θ ← (1 − η c) θ twice
        assertArrayEquals(new double[] {2.0 * 0.49, -0.5 * 0.49}, theta.toDoubleVector(), 1e-15);
    }

    /** Adam step t written out by hand (Kingma & Ba 2015, Algorithm 1) on the loss C·θ²/2, whose gradient is C·θ. */
    private static void handStep(double[] theta, double[] m, double[] v, int t, double lr, double b1, double b2,
                                 double eps) {
        for (int i = 0; i < theta.length; i++) {
            double g = C * theta[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            theta[i] -= alpha * m[i] / (Math.sqrt(v[i]) + eps);
        }
    }
}
