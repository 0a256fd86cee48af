package dev.genlab.scene.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.i18n.I18n;
import dev.genlab.lesson.LessonPresets;
import dev.genlab.lesson.Step;
import dev.genlab.model.autoregressive.Made;
import dev.genlab.model.autoregressive.MadeMasks;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * MADE in the neural autoregressive scene: the figure of its masks and its connectivity check against
 * a brute-force dependency test of the network itself, and every number the two MADE steps of the
 * lesson quote, replayed with their presets (seed 1) on the built-in digits. That MADE's probabilities
 * of all 2ⁿ images sum to 1 is {@code MadeTest.probabilitiesOfAllImagesSumToOne}.
 */
class AutoregressiveMadeTest {

    static final String LESSON = "05-neural-autoregressive";
    static final String TRAIN_STEP = "MADE: masks make";
    static final String MASK_STEP = "MADE's masks";
    static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
    }

    static AutoregressiveParams params(String step, String... overrides) {
        return AutoregressiveParams.from(LessonPresets.knobs(LESSON, step, AutoregressiveParams.SPEC, overrides).values(),
                digits);
    }

    static AutoregressiveLab lab(AutoregressiveParams p) {
        AutoregressiveLab lab = new AutoregressiveLab(StandardModels.INSTANCE);
        lab.reset(p);
        return lab;
    }

    /** A step's text in English and in Korean (the numbers are the same in both). */
    static String text(String heading) {
        StringBuilder sb = new StringBuilder();
        var lesson = LessonPresets.lessons().find(LESSON).orElseThrow();
        var en = LessonPresets.steps(LESSON);
        var ko = lesson.text("ko").orElseThrow().steps();
        for (int i = 0; i < en.size(); i++) {
            if (en.get(i).heading().startsWith(heading)) {
                return en.get(i).body() + "\n" + ko.get(i).body();
            }
        }
        throw new AssertionError("no step " + heading);
    }

    static void quoted(String text, long v) {
        String n = String.format(Locale.ROOT, "%,d", v);
        assertTrue(text.split(java.util.regex.Pattern.quote(n), -1).length == 3, n + " quoted in both languages");
    }

    // ---------------------------------------------------------------- the figure against the network itself

    /**
     * Which outputs depend on which inputs, found by flipping each input of the network and watching
     * its logits: with every weight and bias positive (then masked) every hidden unit is active and a
     * path changes its output by a positive amount, so an output moves exactly when a path joins them.
     */
    static boolean[][] dependsByPerturbation(Made made, int trials, long seed) {
        int d = made.pixels();
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[(int) made.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = 0.1 + r.nextDouble();
        }
        made.loadParams(p);
        boolean[][] dep = new boolean[d][d];
        for (int t = 0; t < trials; t++) {
            byte[] x = new byte[d];
            for (int j = 0; j < d; j++) {
                x[j] = (byte) r.nextInt(2);
            }
            double[] base = made.logits(x, 1);
            for (int j = 0; j < d; j++) {
                byte[] y = x.clone();
                y[j] ^= 1;
                double[] z = made.logits(y, 1);
                for (int i = 0; i < d; i++) {
                    dep[i][j] |= Math.abs(z[i] - base[i]) > 1e-12;
                }
            }
        }
        return dep;
    }

    @Test
    void theFiguresConnectivityIsWhatPerturbingTheNetworksInputsShows() {
        for (long seed : new long[] {1, 2, 3, 4}) {
            int[] hidden = {seed % 2 == 0 ? 6 : 12};
            PixelOrdering o = seed < 3 ? PixelOrdering.raster(3, 3) : PixelOrdering.random(3, 3, seed);
            Made made = new Made(3, 3, hidden, o, DataType.DOUBLE, seed);
            boolean[][] dep = dependsByPerturbation(made, 8, seed);
            MadeView v = MadeView.of(made.masks());
            int[] order = o.order();
            int[] position = new int[9];
            for (int t = 0; t < 9; t++) {
                position[order[t]] = t;
            }
            long allowed = 0;
            long forbidden = 0;
            for (int i = 0; i < 9; i++) {
                for (int j = 0; j < 9; j++) {
                    assertEquals(dep[i][j], v.connected()[position[i] * 9 + position[j]],
                            "seed " + seed + ": output " + i + ", input " + j);
                    if (dep[i][j]) {
                        if (position[j] < position[i]) {
                            allowed++;
                        } else {
                            forbidden++;
                        }
                    }
                }
            }
            MadeMasks.Check c = v.check();
            assertEquals(new MadeMasks.Check(36, allowed, 45, forbidden), c, "seed " + seed);
            assertEquals(0, forbidden, "no output sees itself or a later input");
            assertTrue(c.autoregressive());
            // the drawn masks are the model's, rows by degree
            int[] m = made.masks().degrees(1);
            int[] sorted = m.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(java.util.Arrays.toString(sorted), java.util.Arrays.toString(v.degrees()));
            for (int r = 0; r < v.hidden(); r++) {
                for (int s = 0; s < 9; s++) {
                    assertEquals(s + 1 <= v.degrees()[r], v.inMask()[r * 9 + s], "M1: position " + (s + 1) + " <= m");
                    assertEquals(s + 1 > v.degrees()[r], v.outMask()[r * 9 + s], "M2: position " + (s + 1) + " > m");
                }
            }
            assertEquals(made.masks().kept(0), v.keptIn());
            assertEquals(made.masks().kept(1), v.keptOut());
        }
    }

    // ---------------------------------------------------------------- the steps' numbers

    /**
     * "100,352 multiply-adds", "784 small steps", "101,200 stored", "51,024 can change", "all of its 101,200",
     * "recomputing each h_i from scratch would take 19,694,080".
     */
    @Test
    void theTrainingStepsCountsAreTheNetworks() {
        AutoregressiveParams p = params(TRAIN_STEP);
        assertEquals("made", p.model());
        assertEquals(64, p.hidden());
        AutoregressiveSnapshot made = lab(p).snapshot(p);
        AutoregressiveParams q = params(TRAIN_STEP, "model", "nade");
        AutoregressiveSnapshot nade = lab(q).snapshot(q);
        int d = 784;
        int h = 64;
        assertEquals("made", made.model());
        assertEquals(1, made.passes(), "one forward pass for all conditionals");
        assertEquals(d, nade.passes(), "one incremental step per pixel");
        assertEquals(2L * d * h, made.multiplyAdds(), "two dense products, D x H and H x D");
        assertEquals(2L * d * h, nade.multiplyAdds(), "a column of W and a row of V per pixel");
        assertEquals(h * (long) d * (d - 1) / 2 + (long) d * h, nade.naiveMultiplyAdds());
        assertEquals(2L * d * h + d + h, made.numParams(), "stored: W, V and both biases");
        assertEquals(2L * d * h + d + h, nade.numParams(), "NADE's 2nH + n + H");
        assertEquals(nade.numParams(), nade.freeParams());
        MadeView v = made.made();
        assertNotNull(v);
        assertNull(nade.made());
        assertEquals(v.keptIn() + v.keptOut() + d + h, made.freeParams(), "kept connections and biases");
        String text = text(TRAIN_STEP);
        quoted(text, made.multiplyAdds());
        quoted(text, made.freeParams());
        quoted(text, nade.naiveMultiplyAdds());
        assertTrue(text.contains(String.format(Locale.ROOT, "%,d", nade.numParams())));
        assertTrue(text.contains(d + " "), "784 steps");
        Locale before = I18n.getLocale();
        try {
            I18n.setLocale(Locale.ENGLISH);
            String line = AutoregressiveView.passes(made);
            assertTrue(line.contains("1 forward pass for all 784 conditionals") && line.contains("100,352"), line);
            String nadeLine = AutoregressiveView.passes(nade);
            assertTrue(nadeLine.contains("784 steps in a row") && nadeLine.contains("100,352")
                    && nadeLine.contains("19,694,080"), nadeLine);
        } finally {
            I18n.setLocale(before);
        }
    }

    /** "In our runs on the built-in digits MADE stayed well behind NADE for the first 600 steps." */
    @Test
    void madeStaysWellBehindNadeForTheFirst600Steps() throws Exception {
        AutoregressiveParams p = params(TRAIN_STEP);
        AutoregressiveParams q = params(TRAIN_STEP, "model", "nade");
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var made = two.submit(() -> train(p, 600));
            var nade = two.submit(() -> train(q, 600));
            AutoregressiveSnapshot a = made.get();
            AutoregressiveSnapshot b = nade.get();
            StringBuilder log = new StringBuilder();
            for (int i = 0; i < a.testX().length; i++) {
                log.append(String.format(Locale.ROOT, " %d: MADE %.1f NADE %.1f", (long) a.testX()[i], a.testY()[i],
                        b.testY()[i]));
            }
            for (int i = 0; i < a.testX().length; i++) {
                if (a.testX()[i] >= 100) {
                    assertTrue(a.testY()[i] > b.testY()[i], "behind at every evaluation from step 100:" + log);
                }
            }
            assertTrue(a.testNll() > b.testNll() + 10, "well behind at step 600:" + log);
        } finally {
            two.shutdownNow();
        }
    }

    static AutoregressiveSnapshot train(AutoregressiveParams p, int steps) {
        AutoregressiveLab lab = lab(p);
        for (int i = 0; i < steps; i++) {
            assertTrue(Double.isFinite(lab.step(p)));
        }
        return lab.snapshot(p);
    }

    /**
     * "of the 307,720 pairs of an output and an input at or after it, 0 are connected"; "298,457 of the
     * 306,936 allowed pairs"; "the centre pixel reads 376 of the 406 pixels before it"; with 16 units, more
     * gaps and the same check; some pixels read no input at all.
     */
    @Test
    void theMaskStepsCountsAreTheFiguresAndTheFieldsWithTheStepsSeed() {
        AutoregressiveParams p = params(MASK_STEP);
        assertEquals(AutoregressiveParams.Panel.FIELD, p.view());
        assertEquals(406, p.pixel());
        AutoregressiveSnapshot s = lab(p).snapshot(p);
        MadeMasks.Check c = s.made().check();
        assertEquals(784L * 785 / 2, c.forbiddenPairs());
        assertEquals(0, c.forbiddenConnected());
        assertEquals(784L * 783 / 2, c.allowedPairs());
        // the figure's count again, from the network's own receptive fields (one path-count product per pixel)
        Made made = (Made) lab(p).model();
        long connected = 0;
        for (int i = 0; i < 784; i++) {
            for (boolean b : made.receptiveField(i, 1)) {
                connected += b ? 1 : 0;
            }
        }
        assertEquals(connected, c.allowedConnected());
        int seen = 0;
        for (int q = 0; q < 784; q++) {
            seen += s.field()[q] ? 1 : 0;
            if (q >= 406) {
                assertTrue(!s.field()[q], "never the pixel itself or a later one");
            }
        }
        String text = text(MASK_STEP);
        quoted(text, c.forbiddenPairs());
        quoted(text, c.allowedPairs());
        quoted(text, c.allowedConnected());
        quoted(text, seen);
        quoted(text, 406);
        assertEquals(376, seen);
        // 16 hidden units: more gaps, the same check
        AutoregressiveParams p16 = params(MASK_STEP, "hidden", "16");
        MadeMasks.Check c16 = lab(p16).snapshot(p16).made().check();
        assertTrue(c16.allowedConnected() < c.allowedConnected(), c16 + " vs " + c);
        assertEquals(0, c16.forbiddenConnected());
        // a pixel early in the order reads no input at all: no unit has a degree below its position
        AutoregressiveLab l = lab(p);
        int empty = 0;
        for (int q = 1; q < 784; q++) {
            boolean any = false;
            for (boolean b : l.model().receptiveField(q, 1)) {
                any |= b;
            }
            empty += any ? 0 : 1;
        }
        assertTrue(empty > 0, "pixels other than the first that read nothing");
    }
}
