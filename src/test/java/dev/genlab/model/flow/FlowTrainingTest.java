package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.PointSet;

/** Maximum-likelihood training reaches the data's entropy, the floor of the cross-entropy NLL. */
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
        FlowConfig c = new FlowConfig(FlowConfig.Kind.COUPLING, 6, 32, 3e-3, 256, Base2D.NORMAL, 3, DataType.FLOAT);
        FlowTraining t = new FlowTraining(c, DataSource2D.of(p));
        int budget = 3000;
        double nll = Double.NaN;
        long t0 = System.nanoTime();
        for (int s = 1; s <= budget; s++) {
            double batch = t.step();
            assertTrue(Double.isFinite(batch));
            if (s % 250 == 0) {
                nll = t.heldOutNll(20000, 99);
                System.out.printf("step %d  held-out NLL %.4f  H(p) %.4f  gap %.4f  %.1f s%n", s, nll, entropy,
                        nll - entropy, (System.nanoTime() - t0) / 1e9);
                if (nll - entropy < 0.1 && s >= 1000) {
                    break;
                }
            }
        }
        assertTrue(nll - entropy < 0.1, "held-out NLL " + nll + " vs H(p) " + entropy);
        assertTrue(nll - entropy > -0.03, "an NLL below the entropy means the estimate is broken: " + nll + " vs " + entropy);
        assertEquals("", t.health());
    }

    @Test
    void drawnPointsTrainAndSnapshotsArePlainArraysOfTheRightSize() {
        PointSet points = new PointSet();
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            points.add(r.nextGaussian() * 0.3 + (i % 2 == 0 ? 1 : -1), r.nextGaussian() * 0.3);
        }
        FlowConfig c = new FlowConfig(FlowConfig.Kind.COUPLING_LU, 3, 16, 5e-3, 64, Base2D.LOGISTIC, 2, DataType.FLOAT);
        FlowTraining t = new FlowTraining(c, DataSource2D.of(points.snapshot()));
        double first = t.step();
        Object saved = t.saveState();
        double[][] before = t.flow().saveParams();
        for (int i = 0; i < 300; i++) {
            t.step();
        }
        assertTrue(t.heldOutNll(2000, 1) < first, "training lowers the NLL");
        t.setConfig(c.withLearningRate(1e-3).withBatchSize(32));
        t.step();
        FlowSnapshot s = t.snapshot(32, 100, 50);
        assertEquals(32 * 32, s.density().logDensity().length);
        assertEquals(100, s.sampleX().length);
        assertEquals(50, s.latentX().length);
        assertEquals(50, s.qqX()[0].length);
        assertEquals(302, s.steps());
        assertEquals(302, s.nllHistory().length);
        t.restoreState(saved);
        assertEquals(1, t.steps());
        assertTrue(java.util.Arrays.deepEquals(before, t.flow().saveParams()), "restore brings back the saved parameters");
        assertTrue(FlowConfig.needsRebuild(c, c.withHidden(32)));
    }

    /** Planar and radial stacks train through their reparametrisations and stay invertible. */
    @Test
    void planarAndRadialStacksTrainAndStayInvertible() {
        for (FlowConfig.Kind kind : new FlowConfig.Kind[] {FlowConfig.Kind.PLANAR, FlowConfig.Kind.RADIAL}) {
            FlowConfig c = new FlowConfig(kind, 8, 1, 1e-2, 256, Base2D.NORMAL, 4, DataType.DOUBLE);
            FlowTraining t = new FlowTraining(c, DataSource2D.of(twoComponents()));
            double before = t.heldOutNll(4000, 3);
            for (int i = 0; i < 400; i++) {
                assertTrue(Double.isFinite(t.step()), kind + " step " + i);
            }
            double after = t.heldOutNll(4000, 3);
            assertTrue(after < before - 0.1, kind + ": NLL " + before + " -> " + after);
            assertEquals("", t.health(), kind.toString());
            double[][] s = t.flow().sample(200, new java.util.SplittableRandom(1));
            double[][] z = t.flow().inverse(s[0], s[1], null);
            double[][] x = t.flow().forward(z[0], z[1], null);
            for (int i = 0; i < 200; i++) {
                assertEquals(s[0][i], x[0][i], 1e-6, kind.toString());
            }
        }
    }
}
