package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.LessonPresets;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanPresets;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * Lesson 8's plane steps against the live model they describe: each step's merged preset, the rounds the
 * text asks for, and the numbers it quotes, through {@link GanLab} as the trainer drives it (paused
 * snapshots, so the measures are taken at the round named).
 */
class GanPlaneLessonTest {

    static ParamSet knobs(String heading, String... overrides) {
        return LessonPresets.knobs(GameStateTest.LESSON, heading, GanParams.SPEC, overrides);
    }

    static GanSnapshot train(GanLab lab, ParamSet p, int rounds) {
        GanLabParams lp = GanLabParams.from(p.values());
        for (int i = 0; i < rounds; i++) {
            assertTrue(Double.isFinite(lab.step(lp)), "round " + i);
        }
        assertTrue(lab.isHealthy());
        return lab.snapshot(lp);
    }

    /** "JS starts above 0.55 nat … below 0.45 nat after 1,500 rounds. It does not reach 0." */
    @Test
    void onTheMoonsJsFallsButNotToZero() {
        ParamSet p = knobs("A GAN in the plane");
        assertEquals(Panel.PLANE, p.get(GanParams.PANEL));
        assertEquals(Gan2D.Config.defaults(), GanLabParams.from(p.values()).config(),
                "the text's networks: 2 × 64 ReLU, 2-D noise, Adam 0.001, batch 256, one D step");
        GanLab lab = new GanLab();
        lab.reset(GanLabParams.from(p.values()));
        GanSnapshot s0 = lab.snapshot(GanLabParams.from(p.values()));
        GanSnapshot s = train(lab, p, 1500);
        System.out.printf("moons: JS %.3f at round 0, %.3f at 1500 (KL %.3f)%n", s0.js(), s.js(), s.kl());
        assertTrue(s0.js() > 0.55 && s0.js() <= Math.log(2), "JS at the start " + s0.js());
        assertTrue(s.js() < 0.45, "JS after 1,500 rounds " + s.js());
        assertTrue(s.js() > 0.2, "JS after 1,500 rounds is not near 0: " + s.js());
        assertEquals(2000, GanLab.METRIC_SAMPLES, "the text's 2,000 samples");
        assertEquals(128, dev.genlab.model.gan.GanMetrics.GRID, "the text's 128 × 128 grid");
    }

    /** "every one of them points uphill on D": −∂L_G/∂x raises D at each arrow's foot. */
    @Test
    void theArrowsPointUphillOnD() {
        ParamSet p = knobs("A GAN in the plane");
        GanLab lab = new GanLab();
        lab.reset(GanLabParams.from(p.values()));
        GanSnapshot s = train(lab, p, 200);
        Gan2D gan = lab.gan();
        int up = 0;
        for (int i = 0; i < s.arrowXs().length; i++) {
            double x = s.arrowXs()[i];
            double y = s.arrowYs()[i];
            double len = Math.hypot(s.arrowDxs()[i], s.arrowDys()[i]);
            double h = 1e-3 / len;
            double d0 = at(gan, x, y);
            double d1 = at(gan, x + h * s.arrowDxs()[i], y + h * s.arrowDys()[i]);
            if (d1 > d0) {
                up++;
            }
        }
        System.out.println("arrows uphill on D: " + up + " of " + s.arrowXs().length);
        assertEquals(s.arrowXs().length, up);
    }

    private static double at(Gan2D gan, double x, double y) {
        double e = 1e-9;
        return gan.discriminatorGrid(new double[] {x - e, x + e, y - e, y + e}, 1, 1).values()[0];
    }

    /**
     * "after 1,500 rounds no more than 3 of the 8" and, with the loss switched to non-saturating while it
     * plays, "1,000 rounds later it still covers no more than 3 of the 8".
     */
    @Test
    void theCollapsePresetCollapsesAndSwitchingTheLossLateDoesNotUndoIt() {
        ParamSet p = knobs("Mode collapse on a ring");
        GanLabParams lp = GanLabParams.from(p.values());
        assertEquals(GanPresets.collapse().config(), lp.config(), "the step is GanPresets' collapse set-up");
        GanLab lab = new GanLab();
        lab.reset(lp);
        GanSnapshot s = train(lab, p, 1500);
        System.out.println("ring, minimax: " + s.covered() + " of " + s.modes() + " modes at round " + s.rounds());
        assertEquals(8, s.modes());
        assertEquals(0.10, dev.genlab.model.gan.GanMetrics.DEFAULT_COVERED_FRACTION, "a tenth of its fair share");
        assertEquals(3.0, dev.genlab.model.gan.GanMetrics.DEFAULT_MAX_SD, "within three standard deviations");
        assertTrue(s.covered() <= 3, "covered " + s.covered());
        p.setText("gan_loss", "non_saturating");
        assertTrue(!lab.needsReset(lp, GanLabParams.from(p.values())), "the loss changes while it trains");
        GanSnapshot t = train(lab, p, 1000);
        System.out.println("then non-saturating: " + t.covered() + " of 8 at round " + t.rounds());
        assertEquals(2500, t.rounds());
        assertTrue(t.covered() <= 3, "covered " + t.covered());
    }

    /** "a new seed starts both networks again … all 8 modes covered … evenness above 0.9". */
    @Test
    void startingAgainNonSaturatingCoversTheRing() {
        ParamSet before = knobs("Mode collapse on a ring");
        ParamSet p = knobs("Starting again");
        GanLabParams lp = GanLabParams.from(p.values());
        GanLab lab = new GanLab();
        assertTrue(lab.needsReset(GanLabParams.from(before.values()), lp), "opening the step starts again");
        assertEquals(GanPresets.nonSaturating().config().withSeed(2), lp.config(),
                "GanPresets' non-saturating remedy, seed 2");
        lab.reset(lp);
        GanSnapshot s = train(lab, p, 1500);
        System.out.println("ring, non-saturating, seed 2: " + s.covered() + " of 8, evenness " + s.evenness());
        assertEquals(8, s.covered());
        assertTrue(s.evenness() > 0.9, "evenness " + s.evenness());
    }
}
