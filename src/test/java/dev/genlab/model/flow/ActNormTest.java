package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Glow's ActNorm (Kingma &amp; Dhariwal 2018, §3.1): data-dependent initialisation, inverse, log-det. */
class ActNormTest {

    /**
     * The first training batch sets the layer so that its output on that batch has mean 0 and variance 1
     * per coordinate, measured at the layer's own position: here behind a linear layer (data side), so
     * its input is that layer's inverse of the batch, not the batch.
     */
    @Test
    void firstBatchInitialisesToZeroMeanAndUnitVariance() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 500;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 4 + 2.5 * r.nextGaussian();
            ys[i] = -1 + 0.3 * r.nextGaussian() + 0.2 * xs[i];
        }
        ActNorm a = new ActNorm();
        LinearLayer dataSide = new LinearLayer(1.2, 0.4, -0.3, 0.8, 0.5, -0.2);
        Flow f = new Flow(Base2D.NORMAL).add(a).add(dataSide);
        assertFalse(a.isInitialised());
        double[] before = {0.7, -0.3};
        double[] x = {before[0]};
        double[] y = {before[1]};
        a.inverse(x, y, 1, null);
        assertArrayEquals(before, new double[] {x[0], y[0]}, 0.0, "uninitialised: the identity");

        f.backprop(xs, ys, n);
        assertTrue(a.isInitialised());
        // the ActNorm's input: the batch through the data-side layer's inverse
        double[][] in = new Flow(Base2D.NORMAL).add(dataSide).inverse(xs, ys, null);
        double[] ox = in[0].clone();
        double[] oy = in[1].clone();
        a.inverse(ox, oy, n, null);
        for (double[] v : new double[][] {ox, oy}) {
            double m = 0;
            for (double t : v) {
                m += t;
            }
            m /= n;
            double q = 0;
            for (double t : v) {
                q += (t - m) * (t - m);
            }
            assertEquals(0, m, 1e-12, "mean");
            assertEquals(1, q / n, 1e-12, "variance");
        }
        // later batches train it; they do not initialise it again
        double[] p = a.params();
        double[] other = new double[n];
        java.util.Arrays.fill(other, 3);
        f.backprop(other, xs, n);
        assertArrayEquals(p, a.params(), 0.0);
        assertTrue(Double.isFinite(f.trainStep(xs, ys, n, 0.01)));
        assertFalse(java.util.Arrays.equals(p, a.params()), "a step moves the parameters");
    }

    /** Inverse undoes forward, and log|det| is Σ log|s| = λ₁ + λ₂, against central differences of the sampling map. */
    @Test
    void inverseAndLogDetAgainstFiniteDifferences() {
        ActNorm a = new ActNorm(0.9, -1.4, 0.6, 2.1);
        assertArrayEquals(new double[] {Math.exp(0.9), Math.exp(-1.4)}, a.scale(), 1e-15);
        SplittableRandom r = new SplittableRandom(8);
        double h = 1e-5;
        for (int k = 0; k < 20; k++) {
            double zx = 2 * r.nextGaussian();
            double zy = 2 * r.nextGaussian();
            double[] xs = {zx + h, zx - h, zx, zx, zx};
            double[] ys = {zy, zy, zy + h, zy - h, zy};
            double[] ld = new double[5];
            a.forward(xs, ys, 5, ld);
            double[] fd = {(xs[0] - xs[1]) / (2 * h), (xs[2] - xs[3]) / (2 * h), (ys[0] - ys[1]) / (2 * h),
                (ys[2] - ys[3]) / (2 * h)};
            double fdLogDet = Math.log(Math.abs(fd[0] * fd[3] - fd[1] * fd[2]));
            assertEquals(fdLogDet, ld[4], 1e-8, "forward log|det ∂f/∂z|");
            assertEquals(-(Math.log(a.scale()[0]) + Math.log(a.scale()[1])), ld[4], 1e-14, "−Σ log|s|");
            double[] jac = a.jacobian(zx, zy);
            for (int i = 0; i < 4; i++) {
                assertEquals(fd[i], jac[i], 1e-7 * (1 + Math.abs(fd[i])));
            }
            double[] il = new double[1];
            double[] bx = {xs[4]};
            double[] by = {ys[4]};
            a.inverse(bx, by, 1, il);
            assertEquals(zx, bx[0], 1e-13 * (1 + Math.abs(zx)));
            assertEquals(zy, by[0], 1e-13 * (1 + Math.abs(zy)));
            assertEquals(0.9 - 1.4, il[0], 1e-15, "inverse log-det Σ log|s|");
        }
    }

    @Test
    void refusesScalesOutOfRangeAndConstantDataStaysFinite() {
        assertThrows(IllegalArgumentException.class, () -> new ActNorm(40, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ActNorm(Double.NaN, 0, 0, 0));
        ActNorm a = new ActNorm();
        double[] c = new double[10];
        java.util.Arrays.fill(c, 2);
        a.initialise(c, c.clone(), 10);
        assertEquals("", a.health(), "a constant coordinate takes σ = " + ActNorm.MIN_STD);
    }
}
