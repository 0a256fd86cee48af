package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.gan.ImageGan.Config;
import dev.genlab.model.gan.ImageGan.Loss;

/**
 * The hand-written backprop of {@link ImageGan} against central finite differences in DOUBLE on a
 * tiny instance (2 × 3 images, N = 3, hidden 5 and 4, 4 real images and 3 fakes, z and labels
 * fixed): D's gradient of L_D in D's parameters, G's gradient of L_G (through the frozen D and the
 * pixels' sigmoid) in G's parameters, for both generator losses, unconditional and conditional
 * (C = 3), one and two hidden layers, leaky and plain ReLU in G:
 * ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) &lt; 1e-6 per network. A generator pass must leave
 * D's gradient vector as it was (it never computes D's parameter gradients).
 */
class ImageGanGradientTest {

    static final double STEP = 1e-6;
    static final double TOLERANCE = 1e-6;
    static final int REAL = 4;
    static final int FAKE = 3;

    @ParameterizedTest(name = "{0} classes={1} layers G {2} D {3} slope {4}")
    @CsvSource({
        "NON_SATURATING, 0, 1, 1, 0.2",
        "MINIMAX, 0, 1, 1, 0.2",
        "NON_SATURATING, 3, 1, 1, 0.2",
        "MINIMAX, 3, 1, 1, 0.2",
        "NON_SATURATING, 0, 2, 2, 0.0",
        "MINIMAX, 3, 2, 2, 0.2",
        "NON_SATURATING, 3, 2, 1, 0.0",
    })
    void gradientsMatchFiniteDifferences(Loss loss, int classes, int gLayers, int dLayers, double slope) {
        Config config = new Config(2, 3, 3, 5, gLayers, slope, 4, dLayers, classes, loss, 2e-4, 2e-4, 0.5, FAKE, 7);
        ImageGan gan = new ImageGan(config, DataType.DOUBLE);
        SplittableRandom r = new SplittableRandom(11);
        // move every parameter (biases too) off its initial value; larger weights make D confident
        float[] p = gan.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.5 * r.nextGaussian());
        }
        gan.setParameters(p);
        int d = config.pixels();
        INDArray x = matrix(r, REAL, d, true);
        INDArray z = matrix(r, FAKE, config.noiseDim(), false);
        INDArray yReal = classes == 0 ? null : oneHot(r, REAL, classes);
        INDArray yFake = classes == 0 ? null : oneHot(r, FAKE, classes);

        INDArray[] params = gan.parameterGroups();
        INDArray[] grads = gan.gradientGroups();

        // D: L_D in D's parameters
        gan.discriminatorPass(x, yReal, z, yFake, true);
        double[] analyticD = grads[1].toDoubleVector();
        double[] numericD = numeric(params[1], () -> gan.discriminatorPass(x, yReal, z, yFake, false).dLoss());
        check("D", analyticD, numericD);

        // G: L_G in G's parameters, through D; D's gradient vector untouched
        gan.generatorPass(z, yFake, true);
        double[] analyticG = grads[0].toDoubleVector();
        double[] afterG = grads[1].toDoubleVector();
        for (int i = 0; i < afterG.length; i++) {
            assertTrue(afterG[i] == analyticD[i], "the generator pass changed D's gradient " + i);
        }
        double[] numericG = numeric(params[0], () -> gan.generatorPass(z, yFake, false).gLoss());
        check("G " + loss, analyticG, numericG);
    }

    private static double[] numeric(INDArray params, java.util.function.DoubleSupplier loss) {
        double[] out = new double[(int) params.length()];
        for (int i = 0; i < out.length; i++) {
            double old = params.getDouble(i);
            params.putScalar(i, old + STEP);
            double plus = loss.getAsDouble();
            params.putScalar(i, old - STEP);
            double minus = loss.getAsDouble();
            params.putScalar(i, old);
            out[i] = (plus - minus) / (2 * STEP);
        }
        return out;
    }

    private static void check(String what, double[] analytic, double[] numeric) {
        double diff = 0;
        double na = 0;
        double nn = 0;
        for (int i = 0; i < numeric.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += analytic[i] * analytic[i];
            nn += numeric[i] * numeric[i];
        }
        assertTrue(na > 1e-12, what + ": analytic gradient is all zero");
        double rel = Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn));
        assertTrue(rel < TOLERANCE, what + ": relative error " + rel);
    }

    private static INDArray matrix(SplittableRandom r, int rows, int cols, boolean pixels) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = pixels ? r.nextDouble() : r.nextGaussian();
            }
        }
        return Nd4j.createFromArray(v).dup('f');
    }

    private static INDArray oneHot(SplittableRandom r, int rows, int classes) {
        double[][] v = new double[rows][classes];
        for (double[] row : v) {
            row[r.nextInt(classes)] = 1;
        }
        return Nd4j.createFromArray(v).dup('f');
    }
}
