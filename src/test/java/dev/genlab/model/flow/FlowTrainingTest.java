package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.PointSet;

/**
 * Maximum-likelihood training reaches the data's entropy, the floor of the cross-entropy NLL. The
 * flows are trained as the scene's FlowLab trains them: a fresh batch, {@link Flow#trainStep}.
 */
class FlowTrainingTest {

    static GaussianMixture2D twoComponents() {
        return new GaussianMixture2D(List.of(
                GaussianMixture2D.Component.of(0.5, -1.2, -0.4, 0.25, 0.10, 0.20),
                GaussianMixture2D.Component.of(0.5, 1.2, 0.6, 0.20, -0.08, 0.30)));
    }

    @Test
    void twoComponentMixtureReachesItsEntropyWithinATenthOfANat() {
        GaussianMixture2D p = twoComponents();
        double entropy = p.entropy();
        DataSource2D data = DataSource2D.of(p);
        Flow f = FlowTestLayers.couplingsLikeFlowLab(6, 32, DataType.FLOAT, Base2D.NORMAL, 3);
        SplittableRandom rng = new SplittableRandom(3 ^ 0x5DEECE66DL);
        double[] bx = new double[256];
        double[] by = new double[256];
        int budget = 3000;
        double nll = Double.NaN;
        long t0 = System.nanoTime();
        for (int s = 1; s <= budget; s++) {
            double batch = FlowTestLayers.step(f, data, rng, bx, by, 3e-3);
            assertTrue(Double.isFinite(batch));
            if (s % 250 == 0) {
                nll = FlowTestLayers.heldOutNll(f, data, 20000, 99);
                System.out.printf("step %d  held-out NLL %.4f  H(p) %.4f  gap %.4f  %.1f s%n", s, nll, entropy,
                        nll - entropy, (System.nanoTime() - t0) / 1e9);
                if (nll - entropy < 0.1 && s >= 1000) {
                    break;
                }
            }
        }
        assertTrue(nll - entropy < 0.1, "held-out NLL " + nll + " vs H(p) " + entropy);
        assertTrue(nll - entropy > -0.03, "an NLL below the entropy means the estimate is broken: " + nll + " vs " + entropy);
        assertEquals("", f.health());
    }

    @Test
    void drawnPointsTrainAndSavedParametersComeBack() {
        PointSet points = new PointSet();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            points.add(r.nextGaussian() * 0.3 + (i % 2 == 0 ? 1 : -1), r.nextGaussian() * 0.3);
        }
        DataSource2D data = DataSource2D.of(points.snapshot());
        Flow f = FlowTestLayers.couplingsWithLu(3, 16, DataType.FLOAT, Base2D.LOGISTIC, 2);
        SplittableRandom rng = new SplittableRandom(7);
        double[] bx = new double[64];
        double[] by = new double[64];
        double first = FlowTestLayers.step(f, data, rng, bx, by, 5e-3);
        double[][] before = f.saveParams();
        for (int i = 0; i < 300; i++) {
            FlowTestLayers.step(f, data, rng, bx, by, 5e-3);
        }
        assertTrue(FlowTestLayers.heldOutNll(f, data, 2000, 1) < first, "training lowers the NLL");
        // a new rate keeps the moments; a smaller batch too
        assertTrue(Double.isFinite(FlowTestLayers.step(f, data, rng, new double[32], new double[32], 1e-3)));
        f.restoreParams(before);
        f.resetOptimizer();
        assertTrue(java.util.Arrays.deepEquals(before, f.saveParams()), "restore brings back the saved parameters");
    }

    /** Planar and radial stacks train through their reparametrisations and stay invertible. */
    @Test
    void planarAndRadialStacksTrainAndStayInvertible() {
        DataSource2D data = DataSource2D.of(twoComponents());
        for (String kind : new String[] {"planar", "radial"}) {
            SplittableRandom init = new SplittableRandom(4);
            Flow f = kind.equals("planar") ? FlowTestLayers.planars(8, Base2D.NORMAL, init)
                    : FlowTestLayers.radials(8, Base2D.NORMAL, init);
            SplittableRandom rng = new SplittableRandom(4 ^ 0x5DEECE66DL);
            double[] bx = new double[256];
            double[] by = new double[256];
            double before = FlowTestLayers.heldOutNll(f, data, 4000, 3);
            for (int i = 0; i < 400; i++) {
                assertTrue(Double.isFinite(FlowTestLayers.step(f, data, rng, bx, by, 1e-2)), kind + " step " + i);
            }
            double after = FlowTestLayers.heldOutNll(f, data, 4000, 3);
            assertTrue(after < before - 0.1, kind + ": NLL " + before + " -> " + after);
            assertEquals("", f.health(), kind);
            double[][] s = f.sample(200, new SplittableRandom(1));
            double[][] z = f.inverse(s[0], s[1], null);
            double[][] x = f.forward(z[0], z[1], null);
            for (int i = 0; i < 200; i++) {
                assertEquals(s[0][i], x[0][i], 1e-6, kind);
            }
        }
    }
}
