package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.LessonPresets;
import dev.genlab.model.flow.DequantFlow;
import dev.genlab.model.flow.Dequantization;
import dev.genlab.scene.ParamSet;

/**
 * Lesson 6's step "Dequantisation: a flow on pixels" against the live model: the panel's flow trained
 * through {@link FlowLab} as the trainer drives it (the view on the dequantisation panel), and every number
 * the text quotes. The read-out's figures are checked against a direct computation from the flow.
 */
class FlowDequantLessonTest {

    static final String LESSON = "06-change-of-variables";

    static FlowParams params(ParamSet v) {
        return FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
    }

    static final FlowLab.View DEQUANT = new FlowLab.View(FlowParams.Panel.DEQUANT, -1, 0.8, 0.6);

    static DequantLab.View trainTo(FlowLab lab, FlowParams p, int steps) {
        while (lab.steps() < steps) {
            assertTrue(Double.isFinite(lab.step(p)), "step " + lab.steps());
        }
        assertTrue(lab.isHealthy());
        FlowLabSnapshot s = lab.snapshot(p);
        assertEquals(steps, s.dequant().steps());
        return s.dequant();
    }

    /** "K = 16 … D = 64 … four couplings … log₂ 16 = 4 … −D ln K = −177.4". */
    @Test
    void theSetUpTheTextDescribes() {
        assertEquals(16, DequantLab.LEVELS);
        assertEquals(64, DequantLab.DIMS);
        assertEquals(4, DequantLab.COUPLINGS);
        assertEquals(4.0, Math.log(16) / Math.log(2), 1e-12);
        assertEquals("-177.4", String.format(Locale.ROOT, "%.1f", -64 * Math.log(16)));
        int[][][] d = DequantLab.data();
        assertEquals(DequantLab.TRAIN, d[0].length);
        for (int[] img : d[0]) {
            assertEquals(64, img.length);
            for (int v : img) {
                assertTrue(v >= 0 && v < 16);
            }
        }
    }

    /**
     * "By step 250 the flow is below 2 bits/dim, and it keeps falling … with the noise, no model's expected NLL
     * goes below −D ln K", with the read-out's figures recomputed from the flow and Jensen's bound checked
     * against a Monte Carlo estimate of log P(x) itself.
     */
    @Test
    void withNoiseTheBoundFallsBelowTwoBitsPerDimension() {
        ParamSet v = LessonPresets.knobs(LESSON, "Dequantisation", FlowParams.SPEC);
        assertEquals(FlowParams.Panel.DEQUANT, v.get(FlowParams.PANEL));
        FlowParams p = params(v);
        assertTrue(p.dequantNoise());
        FlowLab lab = new FlowLab();
        lab.reset(p);
        lab.show(DEQUANT);
        DequantLab.View start = trainTo(lab, p, 0);
        DequantLab.View at250 = trainTo(lab, p, 250);
        DequantLab.View at500 = trainTo(lab, p, 500);
        System.out.printf("noise: bits/dim %.3f at 0, %.3f at 250, %.3f at 500%n", start.bitsPerDim(),
                at250.bitsPerDim(), at500.bitsPerDim());
        assertTrue(at250.bitsPerDim() < 2, "below 2 bits/dim by step 250: " + at250.bitsPerDim());
        assertTrue(at500.bitsPerDim() < at250.bitsPerDim(), "and it keeps falling");
        double floor = -DequantLab.DIMS * Math.log(DequantLab.LEVELS);
        assertTrue(at500.dequantNll() > floor, "the dequantised NLL stays above -D ln K");
        // the read-out's figures, recomputed: the same fixed noise draw of the held-out digits
        DequantFlow f = lab.dequantForTests().flow();
        int[][] test = DequantLab.data()[1];
        double direct = DequantLab.nll(f, Dequantization.dequantise(test, 16, new SplittableRandom(99)));
        assertEquals(direct, at500.dequantNll(), 1e-9);
        assertEquals(direct + 64 * Math.log(16), at500.discreteBound(), 1e-9);
        assertEquals((direct + 64 * Math.log(16)) / (64 * Math.log(2)), at500.bitsPerDim(), 1e-12);
        String text = DequantPanel.readoutText(at500);
        assertTrue(text.contains(String.format(Locale.ROOT, "%.3f bits/dim", at500.bitsPerDim())), text);
        // Jensen: log P(x) = log E_u p((x+u)/K) − D log K is at least E_u log p((x+u)/K) − D log K
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 5; i++) {
            int[][] one = new int[200][];
            java.util.Arrays.fill(one, test[i]);
            double[] lp = f.logDensity(Dequantization.dequantise(one, 16, r));
            double mean = java.util.Arrays.stream(lp).average().orElseThrow();
            double max = java.util.Arrays.stream(lp).max().orElseThrow();
            double logMeanExp = max + Math.log(java.util.Arrays.stream(lp).map(x -> Math.exp(x - max)).average()
                    .orElseThrow());
            assertTrue(logMeanExp >= mean, "Jensen for image " + i);
            assertTrue(logMeanExp - 64 * Math.log(16) <= 1e-9, "a probability: log P(x) <= 0, image " + i + ": "
                    + (logMeanExp - 64 * Math.log(16)));
        }
    }

    /**
     * "set Dequantisation noise to uniform noise off, which starts again … Within 250 steps the NLL crosses the
     * line … a negative number of bits per dimension … the honest bound … above 4 bits/dim".
     */
    @Test
    void withoutNoiseTheDensityOnTheLatticeGrowsWithoutBound() {
        ParamSet v = LessonPresets.knobs(LESSON, "Dequantisation", FlowParams.SPEC);
        FlowParams withNoise = params(v);
        v.setText("dequant_noise", "off");
        FlowParams p = params(v);
        assertTrue(!p.dequantNoise());
        FlowLab lab = new FlowLab();
        assertTrue(lab.needsReset(withNoise, p), "switching the noise starts again");
        lab.reset(p);
        lab.show(DEQUANT);
        double floor = -DequantLab.DIMS * Math.log(DequantLab.LEVELS);
        double previous = Double.POSITIVE_INFINITY;
        for (int at : new int[] {250, 500, 1000}) {
            DequantLab.View s = trainTo(lab, p, at);
            System.out.printf("noise off, step %d: lattice NLL %.1f (%.3f bits/dim), honest bound %.3f bits/dim%n", at,
                    s.latticeNll(), s.latticeBitsPerDim(), s.bitsPerDim());
            assertTrue(s.latticeNll() < floor, "below -D ln K at step " + at + ": " + s.latticeNll());
            assertTrue(s.latticeBitsPerDim() < 0, "negative bits/dim at step " + at);
            assertTrue(s.bitsPerDim() > 4, "the honest bound is worse than uniform at step " + at + ": " + s.bitsPerDim());
            assertTrue(s.history()[at - 1] < floor, "the batch NLL crossed the line");
            assertTrue(DequantPanel.readoutText(s).endsWith(dev.genlab.i18n.I18n.get("flow.dq.impossible")));
            assertTrue(s.latticeNll() < previous + 30, "no recovery: " + s.latticeNll());
            previous = s.latticeNll();
        }
    }
}
