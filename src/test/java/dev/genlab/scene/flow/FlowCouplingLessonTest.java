package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.genlab.data.ToyDistributions;
import dev.genlab.lesson.LessonPresets;
import dev.genlab.model.flow.Base2D;
import dev.genlab.model.flow.Flow;
import dev.genlab.model.flow.FlowLayer;
import dev.genlab.scene.ParamSet;

/**
 * Lesson 6's steps "A normalizing flow, term by term" and "Additive or affine coupling" against the live
 * model they describe: each step's merged preset, the steps the text asks for, and every number it quotes,
 * through {@link FlowLab} as the trainer drives it (paused snapshots on the training panel).
 */
class FlowCouplingLessonTest {

    static final String LESSON = "06-change-of-variables";

    static FlowParams params(ParamSet v) {
        return FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
    }

    static FlowLab lab(FlowParams p, FlowLab.View view) {
        FlowLab lab = new FlowLab();
        lab.reset(p);
        lab.show(view);
        return lab;
    }

    static FlowLabSnapshot train(FlowLab lab, FlowParams p, int steps) {
        for (int i = 0; i < steps; i++) {
            assertTrue(Double.isFinite(lab.step(p)), "step " + i);
        }
        assertTrue(lab.isHealthy());
        return lab.snapshot(p);
    }

    static final FlowLab.View TRAIN = new FlowLab.View(FlowParams.Panel.TRAIN, -1, 0.8, 0.6);

    /**
     * "one log-determinant per layer, from layer 1 to layer 8, and their sum": the read-out's terms add up to
     * the flow's own log-density, and each term is −log|det| of that layer's forward Jacobian (an independent
     * computation: the 2×2 derivative of the sampling map) at the state the point has there.
     */
    @Test
    void theTermsOfTheMarkedPointAddUpToItsLogDensity() {
        ParamSet v = LessonPresets.knobs(LESSON, "A normalizing flow", FlowParams.SPEC);
        FlowParams p = params(v);
        assertEquals(FlowParams.Panel.TRAIN, v.get(FlowParams.PANEL));
        assertEquals("coupling", p.flowType());
        assertEquals(8, p.layers(), "the text's layers 1 to 8");
        for (double[] at : new double[][] {{Double.NaN, Double.NaN}, {0.5, -0.3}, {2.5, 2.5}}) {
            FlowLab lab = lab(p, new FlowLab.View(FlowParams.Panel.TRAIN, -1, 0.8, 0.6, at[0], at[1]));
            FlowLabSnapshot s = train(lab, p, 300);
            FlowLab.PointTerms t = s.point();
            if (Double.isNaN(at[0])) {
                assertEquals(s.dataX()[0], t.x(), 0.0, "no click yet: the first shown data point");
                assertEquals(s.dataY()[0], t.y(), 0.0);
            } else {
                assertEquals(at[0], t.x(), 0.0, "the clicked point");
                assertEquals(at[1], t.y(), 0.0);
            }
            assertEquals(8, t.logDets().length, "one term per layer");
            assertEquals(t.logPx(), t.logPz() + t.sumLogDets(), 1e-9, "the terms add up to Flow.logDensity");
            Flow f = lab.flowForBench();
            Flow.Decomposition d = f.decompose(t.x(), t.y());
            assertEquals(d.zx(), t.zx(), 1e-12);
            assertEquals(d.zy(), t.zy(), 1e-12);
            assertEquals(Base2D.NORMAL.logDensity(t.zx(), t.zy()), t.logPz(), 1e-12);
            // each term against the forward Jacobian's determinant at the state before that layer (sampling order)
            double[] zx = {t.zx()};
            double[] zy = {t.zy()};
            boolean someNonZero = false;
            for (int k = 0; k < f.size(); k++) {
                FlowLayer l = f.layer(k);
                double[] j = l.jacobian(zx[0], zy[0]);
                double det = j[0] * j[3] - j[1] * j[2];
                assertEquals(-Math.log(Math.abs(det)), t.logDets()[k], 1e-5 * (1 + Math.abs(t.logDets()[k])),
                        "layer " + (k + 1));
                someNonZero |= Math.abs(t.logDets()[k]) > 1e-3;
                l.forward(zx, zy, 1, null);
            }
            assertTrue(someNonZero, "affine couplings change areas");
            assertEquals(t.x(), zx[0], 1e-5, "the forward map returns to the point");
            assertEquals(t.y(), zy[0], 1e-5);
            // the line above: −(mean base term + mean log-det) is the held-out NLL, computed apart by Flow.nll
            assertEquals(s.heldOutNll(), -(s.heldOutLogPz() + s.heldOutLogDet()), 1e-4);
            String text = TrainPanel.termsText(s);
            assertTrue(text.contains(String.format(Locale.ROOT, "%.3f", t.logPx())), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "%.3f", s.heldOutNll())), text);
        }
    }

    /**
     * "each layer's term is 0.000 … the mean log-determinant … −log 2π ≈ −1.838 … below 1.838 nats … H(p) =
     * 1.008 … near step 1,500 … still above 2 nats … By step 1,500 … below 1.25 nats … mean log-determinant is
     * above 1".
     */
    @Test
    void niceStaysAboveItsCapAndRealNvpGoesBelowIt() {
        ParamSet v = LessonPresets.knobs(LESSON, "Additive or affine coupling", FlowParams.SPEC);
        FlowParams nice = params(v);
        assertEquals("coupling_additive", nice.flowType());
        assertEquals(8, nice.layers(), "eight layers");
        assertEquals("moons", nice.dataset());
        assertEquals(1, nice.seed());
        FlowLab lab = lab(nice, TRAIN);
        for (String k : lab.snapshot(nice).layerKinds()) {
            assertTrue(k.startsWith("coupling_additive_"), k);
        }
        double cap = -Math.log(2 * Math.PI);
        assertEquals(Base2D.NORMAL.logDensity(0, 0), cap, 1e-15);
        assertEquals("-1.838", String.format(Locale.ROOT, "%.3f", cap));
        assertEquals("1.008", String.format(Locale.ROOT, "%.3f", ToyDistributions.byId("moons").entropy()));
        for (int at : new int[] {1400, 1500, 1600, 2500}) {
            FlowLabSnapshot s = train(lab, nice, at - (int) lab.steps());
            System.out.printf("NICE step %d: held-out NLL %.4f, mean log-det %s, grid max log p %.4f%n", at,
                    s.heldOutNll(), s.heldOutLogDet(), max(s.density().logDensity()));
            assertEquals(0.0, s.heldOutLogDet(), 0.0, "volume-preserving: the mean log-det is exactly 0");
            for (double t : s.point().logDets()) {
                assertEquals(0.0, t, 0.0);
            }
            assertTrue(TrainPanel.termsText(s).contains("0.000 + 0.000"), TrainPanel.termsText(s));
            assertTrue(s.heldOutNll() > 2, "still above 2 nats near step 1,500: " + s.heldOutNll());
            assertTrue(max(s.density().logDensity()) <= cap + 1e-6, "the cap holds on the whole density grid");
        }
        v.set(FlowParams.FLOW_TYPE, "coupling");
        FlowParams realNvp = params(v);
        assertTrue(lab.needsReset(nice, realNvp), "switching the layer type starts again");
        FlowLab lab2 = lab(realNvp, TRAIN);
        FlowLabSnapshot s = train(lab2, realNvp, 1500);
        System.out.printf("RealNVP step 1500: held-out NLL %.4f, mean log-det %.4f%n", s.heldOutNll(), s.heldOutLogDet());
        assertTrue(s.heldOutNll() < 1.25, "RealNVP below 1.25 nats by step 1,500: " + s.heldOutNll());
        assertTrue(s.heldOutNll() < 1.838, "below NICE's cap");
        assertTrue(s.heldOutLogDet() > 1, "the mean log-det is above 1: " + s.heldOutLogDet());
    }

    /**
     * "times the density of 1,000 held-out points and of 1,000 samples, and counts the MADE passes each took: 8
     * for the density … 16 for the samples … the two counts swap … an IAF step also takes 16 passes where a MAF
     * step takes 8". The passes are counted by the networks as they run; the timings are only checked to be
     * measured (positive, shown), never against a threshold.
     */
    @Test
    void mafAndIafCountTheirPassesBothWays() {
        ParamSet v = LessonPresets.knobs(LESSON, "Autoregressive flows", FlowParams.SPEC);
        assertEquals(1000, FlowLab.HELD_OUT, "1,000 held-out points");
        for (String type : new String[] {"maf", "iaf"}) {
            v.set(FlowParams.FLOW_TYPE, type);
            FlowParams p = params(v);
            assertEquals(8, p.layers(), "eight layers");
            FlowLab lab = lab(p, TRAIN);
            FlowLabSnapshot s = train(lab, p, 200);
            for (String k : s.layerKinds()) {
                assertTrue(k.startsWith(type + "_"), k);
            }
            FlowLab.Speed sp = s.speed();
            System.out.printf("%s: density %d passes %.2f ms, sampling %d passes %.2f ms, held-out NLL %.3f%n", type,
                    sp.densityPasses(), sp.densityNs() / 1e6, sp.samplingPasses(), sp.samplingNs() / 1e6, s.heldOutNll());
            assertTrue(sp.autoregressive());
            assertEquals(1000, sp.points());
            assertEquals(type.equals("maf") ? 8 : 16, sp.densityPasses(), type + " density");
            assertEquals(type.equals("maf") ? 16 : 8, sp.samplingPasses(), type + " sampling");
            assertTrue(sp.densityNs() > 0 && sp.samplingNs() > 0);
            String text = TrainPanel.termsText(s);
            assertTrue(text.contains(String.format(Locale.ROOT, "%.2f ms and %d MADE passes", sp.densityNs() / 1e6,
                    sp.densityPasses())), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "%.2f ms and %d passes", sp.samplingNs() / 1e6,
                    sp.samplingPasses())), text);
            // a training step's passes, counted the same way
            long before = passes(lab.flowForBench());
            lab.step(p);
            assertEquals(type.equals("maf") ? 8 : 16, passes(lab.flowForBench()) - before, type + " training step");
            // the triangular Jacobian: log|det| = Σ α, the read-out's term against the layer's 2×2 derivative
            FlowLab.PointTerms t = s.point();
            assertEquals(t.logPx(), t.logPz() + t.sumLogDets(), 1e-9);
        }
        v.set(FlowParams.FLOW_TYPE, "coupling");
        FlowParams coupling = params(v);
        FlowLab plain = lab(coupling, TRAIN);
        FlowLabSnapshot c = plain.snapshot(coupling);
        assertTrue(!c.speed().autoregressive() && c.speed().densityPasses() == 0, "no MADE: no passes to count");
        assertTrue(!TrainPanel.termsText(c).contains("Timed"), "the timing line only where passes differ: "
                + TrainPanel.termsText(c));
    }

    /** A MADE layer that stops being finite is reported by name, as a coupling is; the lab keeps working. */
    @Test
    void aBrokenMafLayerIsNamed() {
        ParamSet v = LessonPresets.knobs(LESSON, "Autoregressive flows", FlowParams.SPEC);
        FlowParams p = params(v);
        FlowLab lab = lab(p, TRAIN);
        train(lab, p, 5);
        Object good = lab.saveState();
        lab.poison();
        assertTrue(!lab.isHealthy());
        assertTrue(lab.problem().startsWith("layer 1 (MAF"), lab.problem());
        lab.restoreState(good);
        assertTrue(lab.isHealthy());
        assertTrue(Double.isFinite(lab.step(p)));
        assertTrue(lab.snapshot(p).message().isEmpty());
    }

    /**
     * "four steps, 12 layers … its Jacobian is diagonal, and it is the identity until training starts … the
     * first batch has set its scale and shift" (mean 0 and variance 1 per coordinate, up to the one Adam step
     * that follows) and "log|det W| = log|s₁| + log|s₂|" against the determinant of W computed directly.
     */
    @Test
    void glowStepsActnormLuCoupling() {
        ParamSet v = LessonPresets.knobs(LESSON, "Glow's step", FlowParams.SPEC);
        FlowParams p = params(v);
        assertEquals("glow", p.flowType());
        assertEquals(FlowParams.Panel.LAYERS, v.get(FlowParams.PANEL));
        FlowLab lab = lab(p, new FlowLab.View(FlowParams.Panel.LAYERS, -1, 0.8, 0.6));
        FlowLabSnapshot s0 = lab.snapshot(p);
        assertEquals(12, s0.layers(), "four steps, 12 layers");
        Flow f = lab.flowForBench();
        for (int k = 0; k < f.size(); k += 3) {
            assertEquals("coupling_x", s0.layerKinds()[k]);
            assertEquals("lu", s0.layerKinds()[k + 1]);
            assertEquals("actnorm", s0.layerKinds()[k + 2]);
            double[] w = ((dev.genlab.model.flow.LuLinearLayer) f.layer(k + 1)).matrix();
            double[] q = f.layer(k + 1).params();
            assertEquals(Math.log(Math.abs(w[0] * w[3] - w[1] * w[2])), q[2] + q[3], 1e-12, "log|det W| = λ₁ + λ₂");
            double[] j = f.layer(k + 2).jacobian(0.3, -0.7);
            assertEquals(0.0, j[1], 0.0, "diagonal");
            assertEquals(0.0, j[2], 0.0, "diagonal");
            assertEquals(1.0, j[0], 0.0, "the identity before training");
            assertEquals(1.0, j[3], 0.0);
        }
        // the first batch, drawn as FlowLab draws it
        dev.genlab.data.DataSource2D data = dev.genlab.data.DataSource2D.of(ToyDistributions.byId(p.dataset()));
        double[] bx = new double[p.batch()];
        double[] by = new double[p.batch()];
        data.batch(p.batch(), new java.util.SplittableRandom(p.seed() ^ 0x5DEECE66DL), bx, by);
        train(lab, p, 1);
        // the data-side actnorm (the last layer) sees the batch itself: mean 0, variance 1 after it
        dev.genlab.model.flow.ActNorm a = (dev.genlab.model.flow.ActNorm) f.layer(f.size() - 1);
        assertTrue(a.isInitialised());
        double[] x = bx.clone();
        double[] y = by.clone();
        a.inverse(x, y, x.length, null);
        for (double[] c : new double[][] {x, y}) {
            double m = java.util.Arrays.stream(c).average().orElseThrow();
            double var = java.util.Arrays.stream(c).map(t -> (t - m) * (t - m)).average().orElseThrow();
            System.out.printf("actnorm after the first step: mean %.4f variance %.4f%n", m, var);
            assertEquals(0, m, 0.02, "mean 0 up to one Adam step");
            assertEquals(1, var, 0.03, "variance 1 up to one Adam step");
        }
        for (int k = 2; k < f.size(); k += 3) {
            double[] j = f.layer(k).jacobian(0.3, -0.7);
            assertTrue(Math.abs(j[0] - 1) > 0.05 || Math.abs(j[3] - 1) > 0.05, "actnorm " + k + " set by the batch");
        }
        FlowLabSnapshot s = train(lab, p, 300);
        System.out.printf("glow, 300 steps: held-out NLL %.3f%n", s.heldOutNll());
        assertTrue(s.heldOutNll() < 2, "it trains: " + s.heldOutNll());
    }

    private static long passes(dev.genlab.model.flow.Flow f) {
        long c = 0;
        for (var l : f.layers()) {
            if (l instanceof dev.genlab.model.flow.MadeFlowLayer m) {
                c += m.flow().passCount();
            }
        }
        return c;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
