package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Mlp;

/**
 * The coupling layers' plain-Java network against the ND4J {@link Mlp} it replaced, on the same
 * weights; and the large-batch gemm path against the small-batch path.
 */
class CouplingNetTest {

    private static double[] points(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * r.nextGaussian();
        }
        return a;
    }

    @Test
    void plainJavaNetworkEqualsTheNd4jMlpOnTheSameWeights() {
        for (Activation act : new Activation[] {Activation.TANH, Activation.LEAKY_RELU}) {
            for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
                int h = 24;
                int n = 77;
                long seed = 42;
                // libnd4j's leaky ReLU takes its slope as a float (0.01f), so double agrees to ~1e-8 there
                double tol = type == DataType.FLOAT ? 2e-5 : act == Activation.LEAKY_RELU ? 1e-8 : 1e-12;
                String what = act + " " + type;
                Mlp mlp = new Mlp(type, act, Activation.IDENTITY, seed, 1, h, h, 2);
                CouplingNet net = new CouplingNet(h, act, type == DataType.DOUBLE, seed, false);
                // the same Glorot initialisation from the same seed, in the same flat layout
                assertArrayEquals(mlp.toDoubleVector(), net.p, type == DataType.DOUBLE ? 0 : 1e-7, what + ": initial weights");
                // random biases too, so that every parameter matters
                double[] q = net.p.clone();
                SplittableRandom r = new SplittableRandom(9);
                for (int i = 0; i < q.length; i++) {
                    q[i] += 0.3 * r.nextGaussian();
                }
                net.setParams(q);
                mlp.setParams(q);
                double[] a = points(n, 1);
                double[] out = new double[2 * n];
                net.forward(a, n, out, true);
                INDArray in = Nd4j.create(a, new long[] {n, 1}, 'f').castTo(type);
                double[] ref = mlp.forward(in).reshape('f', new long[] {2L * n}).toDoubleVector();
                for (int i = 0; i < 2 * n; i++) {
                    assertEquals(ref[i], out[i], tol * (1 + Math.abs(ref[i])), what + ": output " + i);
                }
                double[] gOut = points(2 * n, 2);
                double[] gIn = new double[n];
                net.backward(gOut, gIn);
                double[] refIn = mlp.backward(Nd4j.create(gOut, new long[] {n, 2}, 'f').castTo(type))
                        .reshape('f', new long[] {n}).toDoubleVector();
                double[] refG = mlp.gradients().toDoubleVector();
                for (int i = 0; i < n; i++) {
                    assertEquals(refIn[i], gIn[i], tol * (1 + Math.abs(refIn[i])) * 10, what + ": dL/da " + i);
                }
                double scale = 0;
                for (double g : refG) {
                    scale = Math.max(scale, Math.abs(g));
                }
                for (int i = 0; i < refG.length; i++) {
                    assertEquals(refG[i], net.g[i], tol * 10 * (1 + scale), what + ": gradient " + i);
                }
            }
        }
    }

    @Test
    void rationalTanhIsWithinFloatResolution() {
        for (double x = -12; x <= 12; x += 0.001) {
            assertEquals(Math.tanh(x), CouplingNet.tanhFast(x), 5e-7, "x = " + x);
            assertEquals(Math.tanh(x), CouplingNet.tanhFast((float) x), 1e-6, "float x = " + x);
            assertEquals(Math.tanh(x), CouplingNet.tanhExact(x), 1e-15, "exact x = " + x);
        }
        assertTrue(Double.isNaN(CouplingNet.tanhExact(Double.NaN)));
        assertEquals(1.0, CouplingNet.tanhExact(1000), 0);
        assertEquals(-1.0, CouplingNet.tanhExact(-1000), 0);
    }

    @Test
    void largeBatchGemmPathEqualsSmallBatchPath() {
        for (int h : new int[] {32, 64, 7}) {
            AffineCoupling c = new AffineCoupling(h % 2 == 0, h, DataType.FLOAT, 11 + h, false);
            double[] p = c.params();
            SplittableRandom r = new SplittableRandom(h);
            for (int i = 0; i < p.length; i++) {
                p[i] += 0.2 * r.nextGaussian();
            }
            c.setParams(p);
            int n = 3000;
            double[] a = points(n, 5);
            double[] small = c.runSmall(a, n);
            double[] large = c.runLarge(a, n);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(small[i], large[i], 2e-5 * (1 + Math.abs(small[i])) * Math.sqrt(h), "H " + h + " output " + i);
            }
            // new parameters reach the gemm's copy of W2
            p[c.numParams() / 2] += 1;
            c.setParams(p);
            double[] small2 = c.runSmall(a, n);
            double[] large2 = c.runLarge(a, n);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(small2[i], large2[i], 2e-5 * (1 + Math.abs(small2[i])) * Math.sqrt(h), "H " + h + " after a change, output " + i);
            }
        }
    }

    /** The 128 × 128 grid (one batch of 16384 points: the gemm path) equals the same points in small batches. */
    @Test
    void densityGridThroughTheGemmPathEqualsSmallBatches() {
        Flow f = FlowTestLayers.couplingsLikeFlowLab(8, 32, DataType.FLOAT, Base2D.NORMAL, 1);
        // a trained-looking flow: random last layers
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < f.size(); k++) {
            double[] p = f.layer(k).params();
            for (int i = 0; i < p.length; i++) {
                p[i] += 0.15 * r.nextGaussian();
            }
            f.layer(k).setParams(p);
        }
        Flow.DensityGrid g = f.densityGrid(-2, 3, -1.5, 2, 128);
        int n = 128 * 128;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int j = 0; j < 128; j++) {
            for (int i = 0; i < 128; i++) {
                xs[j * 128 + i] = -2 + (i + 0.5) * 5 / 128.0;
                ys[j * 128 + i] = -1.5 + (j + 0.5) * 3.5 / 128.0;
            }
        }
        int chunk = 1000;
        assertTrue(chunk < CouplingGemm.MIN_BATCH && n >= CouplingGemm.MIN_BATCH);
        double worst = 0;
        for (int s = 0; s < n; s += chunk) {
            int m = Math.min(chunk, n - s);
            double[] lp = f.logDensity(java.util.Arrays.copyOfRange(xs, s, s + m), java.util.Arrays.copyOfRange(ys, s, s + m));
            for (int i = 0; i < m; i++) {
                worst = Math.max(worst, Math.abs(lp[i] - g.logDensity()[s + i]));
                assertEquals(lp[i], g.logDensity()[s + i], 1e-3, "cell " + (s + i));
            }
        }
        System.out.println("grid: largest |Δ log p| between the gemm and the plain-Java path " + worst);
        // the same grid with the second core taking half of the points (lesson 6, paused): the same
        // numbers to float rounding (the two gemms are of other shapes), whichever thread computed a
        // cell; run twice so both threads' scratch is reused
        for (int rep = 0; rep < 2; rep++) {
            Flow.DensityGrid split = f.densityGrid(-2, 3, -1.5, 2, 128, true);
            for (int i = 0; i < n; i++) {
                assertEquals(g.logDensity()[i], split.logDensity()[i], 1e-5, "cell " + i + " on two cores");
            }
        }
    }

    /** A trainer thread interrupted while its grid's other half runs (the scene is left) gets the whole grid, and its interrupt back. */
    @Test
    void anInterruptDuringTheSplitGridLosesNothing() throws Exception {
        Flow f = FlowTestLayers.couplingsLikeFlowLab(8, 32, DataType.FLOAT, Base2D.NORMAL, 1);
        Flow.DensityGrid alone = f.densityGrid(-2, 2, -2, 2, 128);
        Flow.DensityGrid[] got = new Flow.DensityGrid[1];
        boolean[] stillInterrupted = new boolean[1];
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            got[0] = f.densityGrid(-2, 2, -2, 2, 128, true);
            stillInterrupted[0] = Thread.interrupted();
        });
        t.start();
        t.join();
        assertTrue(stillInterrupted[0], "the interrupt is kept");
        for (int i = 0; i < alone.logDensity().length; i++) {
            assertEquals(alone.logDensity()[i], got[0].logDensity()[i], 1e-5, "cell " + i);
        }
    }

    /** A flow whose couplings keep per-layer scratch (double precision) is never split over two threads. */
    @Test
    void onlyThreadSafeLayersAreSplit() {
        assertTrue(FlowTestLayers.couplingsLikeFlowLab(2, 8, DataType.FLOAT, Base2D.NORMAL, 1).layers().stream()
                .allMatch(FlowLayer::concurrentInverse));
        Flow d = FlowTestLayers.couplingsLikeFlowLab(2, 8, DataType.DOUBLE, Base2D.NORMAL, 1);
        assertTrue(d.layers().stream().noneMatch(FlowLayer::concurrentInverse));
        assertEquals(d.densityGrid(-2, 2, -2, 2, 64).mass(), d.densityGrid(-2, 2, -2, 2, 64, true).mass(), 0.0);
    }
}
