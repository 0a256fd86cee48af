package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.LessonPresets;
import dev.genlab.model.gan.AffineGenerator;
import dev.genlab.model.gan.LogisticDiscriminator;
import dev.genlab.scene.ParamSet;

/**
 * Lesson 8's text, step by step, against the game it describes: each step's merged preset, the rounds
 * the text asks for, and the numbers it quotes (all by {@link dev.genlab.model.gan.Game1D}'s quadrature).
 */
class GameStateTest {

    static final String LESSON = "08-gan-minimax";

    /** The knobs after a step's preset, with overrides (knob id, value, …). */
    static ParamSet knobs(String heading, String... overrides) {
        return LessonPresets.knobs(LESSON, heading, GanParams.SPEC, overrides);
    }

    /**
     * Plays n rounds as the scene does (the generator's μ and s go back on the knobs); the last state.
     * Fails if a round leaves the sliders' range, where the scene would stop playing.
     */
    static GameState play(ParamSet p, GameState s, int n) {
        for (int i = 0; i < n; i++) {
            s.sync(p.values());
            AffineGenerator g = s.step(p.values());
            double lo = GanParams.G_SD.spec().min();
            double hi = GanParams.G_SD.spec().max();
            assertTrue(Math.abs(g.mu()) <= 4 && g.scale() >= lo && g.scale() <= hi,
                    "round " + i + " left the sliders' range (the scene would pause): " + g);
            s.applying(() -> {
                p.set(GanParams.G_MEAN, g.mu());
                p.set(GanParams.G_SD, g.scale());
                s.sync(p.values());
                s.shown(p.values(), true);
            });
        }
        return s;
    }

    static GameState.Shown shown(ParamSet p, GameState s) {
        s.sync(p.values());
        return s.shown(p.values(), false);
    }

    @Test
    void theOptimalDiscriminatorBeatsEveryLogisticOneAndTheIdentityHolds() {
        ParamSet p = knobs("The best discriminator");
        assertEquals("logistic", p.get(GanParams.DISCRIMINATOR));
        GameState s = new GameState();
        GameState.Shown a = shown(p, s);
        assertTrue(a.d() instanceof LogisticDiscriminator);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            p.set(GanParams.D_W0, -10 + 20 * r.nextDouble());
            p.set(GanParams.D_W1, -10 + 20 * r.nextDouble());
            p.set(GanParams.D_W2, -5 + 10 * r.nextDouble());
            GameState.Shown b = shown(p, s);
            assertTrue(b.value() < b.optimal(), "V(D, G) " + b.value() + " below V(D*, G) " + b.optimal());
            assertEquals(-Math.log(4) + 2 * b.jsd(), b.optimal(), 1e-9);
        }
    }

    @Test
    void farApartTheJsdIsLog2AndOnTheDataItIsZero() {
        ParamSet p = knobs("What the generator minimises", "g_mean", "4", "g_sd", "0.5");
        GameState s = new GameState();
        GameState.Shown far = shown(p, s);
        assertEquals(Math.log(2), far.jsd(), 5e-4, "JSD is log 2 to three decimals");
        assertEquals(0, far.optimal(), 1e-3);
        p.set(GanParams.G_MEAN, -1.5);
        p.set(GanParams.G_SD, 0.5);
        GameState.Shown on = shown(p, s);
        assertEquals(0, on.jsd(), 1e-10);
        assertEquals(-Math.log(4), on.optimal(), 1e-9);
        for (double x = -4; x <= 4; x += 0.5) {
            assertEquals(0.5, on.game().optimalDiscriminator().value(x), 1e-12);
        }
    }

    @Test
    void playingAgainstTheOptimalDiscriminatorConvergesAndAStepOf2NeverSettles() {
        ParamSet p = knobs("Playing the game");
        GameState s = play(p, new GameState(), 80);
        GameState.Shown done = shown(p, s);
        assertTrue(done.jsd() < 1e-6, "JSD after 80 rounds: " + done.jsd());
        assertEquals(-1.5, p.get(GanParams.G_MEAN), 1e-3);
        assertEquals(0.5, p.get(GanParams.G_SD), 1e-3);

        ParamSet big = knobs("Playing the game", "g_rate", "2");
        GameState t = play(big, new GameState(), 200);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double jsdMin = Double.POSITIVE_INFINITY;
        double jsdMax = 0;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            play(big, t, 1);
            double m = big.get(GanParams.G_MEAN);
            double j = shown(big, t).jsd();
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
            jsdMin = Math.min(jsdMin, j);
            jsdMax = Math.max(jsdMax, j);
            seen.append(String.format(java.util.Locale.ROOT, " %.3f/%.3f", m, j));
        }
        assertTrue(lo < -1.5 && hi > -1.5 && hi - lo > 0.5, "μ keeps swinging across −1.5: " + lo + " … " + hi);
        assertTrue(jsdMin > 0.04 && jsdMax < 0.3, "the JSD between 0.05 and 0.29: " + jsdMin + " … " + jsdMax);
        double[] cycle = new double[9];
        for (int i = 0; i < 9; i++) {
            cycle[i] = big.get(GanParams.G_MEAN);
            play(big, t, 1);
        }
        assertEquals(cycle[0], cycle[8], 1e-6, "a cycle of eight rounds:" + seen);
        assertTrue(Math.abs(cycle[0] - cycle[4]) > 1e-3, "not of four:" + seen);
    }

    @Test
    void theSaturatingLossStarvesFarFromTheDataAndTheNonSaturatingOneDoesNot() {
        ParamSet p = knobs("Why log(1");
        GameState s = new GameState();
        GameState.Shown start = shown(p, s);
        assertTrue(start.meanD() < 5e-4, "E_g[D] is 0 to three decimals: " + start.meanD());
        double sat = norm(start.gradSat());
        double non = norm(start.gradNonSat());
        assertTrue(non > 100 * sat, "gradient sizes: saturating " + sat + ", non-saturating " + non);
        play(p, s, 100);
        assertEquals(4, p.get(GanParams.G_MEAN), 1e-3, "nothing moves");
        assertEquals(Math.log(2), shown(p, s).jsd(), 5e-4);

        ParamSet q = knobs("Why log(1", "loss", "non_saturating");
        GameState t = play(q, new GameState(), 20);
        assertTrue(shown(q, t).jsd() < 1e-3, "non-saturating: JSD after 20 rounds " + shown(q, t).jsd());
    }

    @Test
    void aNetworkDiscriminatorLetsTheGeneratorNearTheDataAndAWeakOneLetsItShrink() {
        ParamSet p = knobs("A discriminator that learns");
        GameState s = play(p, new GameState(), 200);
        double jsd5 = shown(p, s).jsd();
        assertTrue(jsd5 < 0.15, "5 D steps: JSD after 200 rounds " + jsd5);
        ParamSet q = knobs("A discriminator that learns", "d_steps", "1");
        GameState t = play(q, new GameState(), 200);
        double jsd1 = shown(q, t).jsd();
        assertTrue(q.get(GanParams.G_SD) < 0.3 && jsd1 > jsd5, "1 D step: s " + q.get(GanParams.G_SD) + ", JSD " + jsd1);
        GameState u = new GameState();
        ParamSet r = knobs("A discriminator that learns");
        u.sync(r.values());
        double before = u.shown(r.values(), false).value();
        u.trainNetwork(u.game(), GanScene.TRAIN_D_STEPS);
        GameState.Shown after = u.shown(r.values(), false);
        assertTrue(after.value() > before && after.value() <= after.optimal(), "Train D raises V towards V(D*, G): "
                + before + " -> " + after.value() + " (V* " + after.optimal() + ")");
    }

    @Test
    void onTwoBumpsTheLineSettlesBetweenThem() {
        ParamSet p = knobs("Two bumps");
        assertEquals(0.5, p.get(GanParams.DATA_WEIGHT_2), 0);
        GameState s = play(p, new GameState(), 300);
        GameState.Shown end = shown(p, s);
        assertEquals(0, p.get(GanParams.G_MEAN), 0.1);
        assertEquals(1.6, p.get(GanParams.G_SD), 0.1);
        assertEquals(0.13, end.jsd(), 0.01);
    }

    @Test
    void aMoveByHandRestartsTheHistoryAndARoundExtendsIt() {
        ParamSet p = knobs("Playing the game");
        GameState s = new GameState();
        shown(p, s);
        play(p, s, 5);
        assertEquals(5, s.steps());
        assertEquals(6, shown(p, s).history()[0].length, "rounds 0 … 5");
        p.set(GanParams.G_MEAN, 1.0);
        s.sync(p.values());
        assertEquals(0, s.steps(), "a move by hand starts the history again");
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
