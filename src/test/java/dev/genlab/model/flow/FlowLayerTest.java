package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * The truths every layer type (and stacks of eight) must satisfy: f⁻¹(f(z)) = z, the analytic
 * Jacobian and log|det| against central finite differences, and a density that integrates to 1.
 */
class FlowLayerTest {

    @Test
    void inverseUndoesForwardAndBack() {
        SplittableRandom r = new SplittableRandom(1);
        for (Map.Entry<String, Supplier<Flow>> e : FlowTestLayers.singles().entrySet()) {
            Flow f = e.getValue().get();
            int n = 500;
            double[] zx = new double[n];
            double[] zy = new double[n];
            for (int i = 0; i < n; i++) {
                zx[i] = 2 * r.nextGaussian();
                zy[i] = 2 * r.nextGaussian();
            }
            double[] ldF = new double[n];
            double[][] x = f.forward(zx, zy, ldF);
            double[] ldI = new double[n];
            double[][] z = f.inverse(x[0], x[1], ldI);
            double worst = 0;
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.max(Math.abs(z[0][i] - zx[i]), Math.abs(z[1][i] - zy[i])));
                assertEquals(-ldF[i], ldI[i], 1e-8, e.getKey() + ": inverse log-det is minus the forward one");
            }
            assertTrue(worst < 1e-5, e.getKey() + ": |f⁻¹(f(z)) − z| up to " + worst);
            // and x → z → x
            double[][] back = f.forward(z[0], z[1], null);
            for (int i = 0; i < n; i++) {
                assertEquals(x[0][i], back[0][i], 1e-5 * (1 + Math.abs(x[0][i])), e.getKey());
                assertEquals(x[1][i], back[1][i], 1e-5 * (1 + Math.abs(x[1][i])), e.getKey());
            }
        }
    }

    @Test
    void analyticJacobianAndLogDetMatchFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(2);
        double h = 1e-5;
        for (Map.Entry<String, Supplier<Flow>> e : FlowTestLayers.singles().entrySet()) {
            Flow f = e.getValue().get();
            for (double[] z : FlowTestLayers.randomPoints(r, 40, 1.5)) {
                double[][] p = f.forward(new double[] {z[0] + h, z[0] - h, z[0], z[0]},
                        new double[] {z[1], z[1], z[1] + h, z[1] - h}, null);
                double[] fd = {
                    (p[0][0] - p[0][1]) / (2 * h), (p[0][2] - p[0][3]) / (2 * h),
                    (p[1][0] - p[1][1]) / (2 * h), (p[1][2] - p[1][3]) / (2 * h)};
                double[] j = f.jacobian(z[0], z[1]);
                for (int k = 0; k < 4; k++) {
                    assertEquals(fd[k], j[k], 1e-5 * (1 + Math.abs(fd[k])), e.getKey() + " J[" + k + "] at (" + z[0] + ", " + z[1] + ")");
                }
                double[] ld = new double[1];
                f.forward(new double[] {z[0]}, new double[] {z[1]}, ld);
                double fdLogDet = Math.log(Math.abs(fd[0] * fd[3] - fd[1] * fd[2]));
                assertEquals(fdLogDet, ld[0], 1e-3, e.getKey() + " log|det J| at (" + z[0] + ", " + z[1] + ")");
            }
        }
    }

    /** The app's single-precision networks: the pass-through coordinate is exact, so the round trip still is. */
    @Test
    void floatCouplingsInvertExactlyAndStayNormalised() {
        Flow f = FlowTestLayers.couplings8(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        double[][] s = f.sample(2000, new SplittableRandom(5));
        double[][] z = f.inverse(s[0], s[1], null);
        double[][] x = f.forward(z[0], z[1], null);
        for (int i = 0; i < 2000; i++) {
            assertEquals(s[0][i], x[0][i], 1e-9 * (1 + Math.abs(s[0][i])));
            assertEquals(s[1][i], x[1][i], 1e-9 * (1 + Math.abs(s[1][i])));
        }
        double[] box = box(f.sample(20000, new SplittableRandom(6)));
        assertEquals(1, f.densityGrid(box[0], box[1], box[2], box[3], 320).mass(), 0.01);
    }

    @Test
    void couplingJacobianIsTriangular() {
        double[] jx = new AffineCoupling(true, 8, org.nd4j.linalg.api.buffer.DataType.DOUBLE, 4, false).jacobian(0.3, -0.7);
        assertEquals(1, jx[0]);
        assertEquals(0, jx[1]);
        double[] jy = new AffineCoupling(false, 8, org.nd4j.linalg.api.buffer.DataType.DOUBLE, 4, false).jacobian(0.3, -0.7);
        assertEquals(0, jy[2]);
        assertEquals(1, jy[3]);
    }

    /** ∫ p_x over a box holding the samples, midpoint rule: within 1 % of 1 for every layer and stack. */
    @Test
    void transformedDensityIntegratesToOne() {
        for (Map.Entry<String, Supplier<Flow>> e : FlowTestLayers.singles().entrySet()) {
            Flow f = e.getValue().get();
            double[][] s = f.sample(20000, new SplittableRandom(3));
            double[] box = box(s);
            Flow.DensityGrid g = f.densityGrid(box[0], box[1], box[2], box[3], 320);
            assertEquals(1, g.mass(), 0.01, e.getKey() + " over " + java.util.Arrays.toString(box));
        }
    }

    /** The samples' bounding box widened by half its size on every side (the tails hold the last ~10⁻⁴). */
    static double[] box(double[][] s) {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < s[0].length; i++) {
            b[0] = Math.min(b[0], s[0][i]);
            b[1] = Math.max(b[1], s[0][i]);
            b[2] = Math.min(b[2], s[1][i]);
            b[3] = Math.max(b[3], s[1][i]);
        }
        double wx = 0.5 * (b[1] - b[0]);
        double wy = 0.5 * (b[3] - b[2]);
        return new double[] {b[0] - wx, b[1] + wx, b[2] - wy, b[3] + wy};
    }

    @Test
    void cellAreasApproachTheJacobianDeterminant() {
        Flow f = FlowTestLayers.mixed8();
        Flow.CellGrid c = f.cells(-2, 2, -2, 2, 200);
        for (int j = 10; j < 200; j += 37) {
            for (int i = 5; i < 200; i += 41) {
                assertEquals(c.logDetCentre()[j * 200 + i], c.logAreaRatio(i, j), 1e-3, "cell " + i + ", " + j);
            }
        }
    }

    @Test
    void traceStepsThroughEveryLayerAndBack() {
        Flow f = FlowTestLayers.mixed8();
        double[] zx = {0.1, -1.2, 0.8};
        double[] zy = {0.4, 0.3, -0.9};
        Flow.Trace down = f.trace(zx, zy, true);
        assertEquals(9, down.xs().length);
        double[] ld = new double[3];
        double[][] x = f.forward(zx, zy, ld);
        Flow.Trace up = f.trace(x[0], x[1], false);
        for (int i = 0; i < 3; i++) {
            assertEquals(x[0][i], down.xs()[8][i], 1e-12);
            assertEquals(ld[i], down.logDet()[8][i], 1e-12);
            assertEquals(zx[i], up.xs()[8][i], 1e-6);
            assertEquals(-ld[i], up.logDet()[8][i], 1e-6);
            // the inference trace visits the sampling trace's states in reverse
            assertEquals(down.xs()[5][i], up.xs()[3][i], 1e-6);
        }
        assertEquals(f.layer(7).name(), up.layerNames()[0]);
        Flow.Decomposition d = f.decompose(x[0][1], x[1][1]);
        assertEquals(f.logDensity(new double[] {x[0][1]}, new double[] {x[1][1]})[0], d.logPx(), 1e-12);
        assertEquals(d.logPx(), d.logPz() + d.logDetInverse(), 1e-12);
    }

    @Test
    void nonInvertibleParametersAreRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearLayer(1, 2, 2, 4, 0, 0));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
        assertFalse(LinearLayer.refusal(1, 2, 2, 4).isEmpty());
        LinearLayer ok = LinearLayer.identity();
        assertThrows(IllegalArgumentException.class, () -> ok.setParams(new double[] {0, 0, 0, 0, 0, 0}));
        assertEquals(1, ok.matrix()[0], "a refused setParams keeps the old parameters");
        e = assertThrows(IllegalArgumentException.class, () -> new PlanarLayer(1, 0, -1.5, 0, 0));
        assertTrue(e.getMessage().contains("−1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PlanarLayer(0, 0, 1, 0, 0));
        e = assertThrows(IllegalArgumentException.class, () -> new RadialLayer(0, 0, 1, -1.2));
        assertTrue(e.getMessage().contains("not invertible"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RadialLayer(0, 0, 0, 1));
        // the planar layer keeps the û a UI gave it, and any raw u is invertible
        PlanarLayer p = new PlanarLayer(1, 0.5, 0.3, -0.2, 0.1);
        assertEquals(0.3, p.u()[0], 1e-12);
        assertEquals(-0.2, p.u()[1], 1e-12);
        PlanarLayer raw = PlanarLayer.fromRaw(new double[] {1, 0, -50, 3, 0});
        assertTrue(raw.w()[0] * raw.u()[0] + raw.w()[1] * raw.u()[1] > -1);
        assertEquals("", raw.health());
    }
}
