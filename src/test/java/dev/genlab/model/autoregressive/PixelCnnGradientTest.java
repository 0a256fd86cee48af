package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;

/**
 * {@link PixelCnn#lossAndGradients} against central finite differences in double precision, on
 * every parameter of a tiny instance; checked layer by layer, weights and biases separately, and
 * the masked weights must get exactly zero (their finite difference is zero too: they are unused).
 */
class PixelCnnGradientTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-6;

    @Test
    void everyLayerMatchesFiniteDifferences() {
        check(new PixelCnn(3, 4, 3, 2, 3, 3, DataType.DOUBLE, 1), 2);
        // a 5 × 5 type-A kernel, 3 × 3 type-B kernels on a taller image, one type-B layer
        check(new PixelCnn(5, 3, 2, 1, 5, 3, DataType.DOUBLE, 3), 4);
    }

    private static void check(PixelCnn m, long seed) {
        PixelCnnTest.randomise(m, seed, 0.8);
        int d = m.pixels();
        BinaryImages data = new BinaryImages(5, m.rows(), m.cols(),
                PixelCnnTest.randomImages(new SplittableRandom(seed + 1), 5, d));
        int[] batch = {0, 3, 1, 4, 3};
        double loss = m.lossAndGradients(data, batch);
        double[] analytic = m.gradients().toDoubleVector();
        assertEquals(-mean(m.logProb(data), batch), loss, 1e-10, "loss is the mean -ln p");

        double[] theta = m.saveParams();
        double[] numeric = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double old = theta[i];
            theta[i] = old + H;
            m.loadParams(theta);
            double plus = -mean(m.logProb(data), batch);
            theta[i] = old - H;
            m.loadParams(theta);
            double minus = -mean(m.logProb(data), batch);
            theta[i] = old;
            numeric[i] = (plus - minus) / (2 * H);
        }
        m.loadParams(theta);

        for (int l = 0; l < m.numConvs(); l++) {
            MaskedConv2d conv = m.conv(l);
            int block = conv.inputs() * conv.outputs();
            int off = (int) m.paramOffset(l);
            int kept = block * conv.taps();
            int nw = block * conv.kernel() * conv.kernel();
            assertClose("layer " + l + " weights", analytic, numeric, off, off + kept);
            assertClose("layer " + l + " biases", analytic, numeric, off + nw, off + nw + conv.outputs());
            for (int i = off + kept; i < off + nw; i++) {
                assertEquals(0.0, analytic[i], 0.0, "masked weight " + (i - off) + " of layer " + l);
                assertEquals(0.0, numeric[i], 1e-9, "masked weight " + (i - off) + " of layer " + l + " is used");
            }
        }
    }

    private static double mean(double[] logProb, int[] batch) {
        double s = 0;
        for (int i : batch) {
            s += logProb[i];
        }
        return s / batch.length;
    }

    /** ‖a − n‖ / (‖a‖ + ‖n‖) over entries [from, to) must stay below {@link #TOLERANCE}. */
    private static void assertClose(String what, double[] a, double[] n, int from, int to) {
        double diff = 0;
        double sa = 0;
        double sn = 0;
        for (int i = from; i < to; i++) {
            diff += (a[i] - n[i]) * (a[i] - n[i]);
            sa += a[i] * a[i];
            sn += n[i] * n[i];
        }
        assertTrue(sa > 0, what + ": analytic gradient is all zero");
        double rel = Math.sqrt(diff) / (Math.sqrt(sa) + Math.sqrt(sn));
        assertTrue(rel < TOLERANCE, what + ": relative error " + rel);
    }
}
