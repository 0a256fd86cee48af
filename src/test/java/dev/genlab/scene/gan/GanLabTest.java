package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanLoss;
import dev.genlab.scene.ParamSet;

/** The plane's live model without a window: what it trains, what it keeps when knobs move, what it shows. */
class GanLabTest {

    static ParamSet plane(String... overrides) {
        ParamSet p = new ParamSet(GanParams.SPEC);
        p.setText("panel", "plane");
        for (int i = 0; i < overrides.length; i += 2) {
            p.setText(overrides[i], overrides[i + 1]);
        }
        return p;
    }

    static GanLabParams of(ParamSet p) {
        return GanLabParams.from(p.values());
    }

    @Test
    void itTrainsOnlyWhileThePlaneShows() {
        ParamSet p = plane();
        GanLab lab = new GanLab();
        lab.reset(of(p));
        p.setText("panel", "game");
        assertEquals(0, lab.step(of(p)));
        assertEquals(0, lab.steps());
        p.setText("panel", "plane");
        assertTrue(Double.isFinite(lab.step(of(p))));
        assertEquals(1, lab.steps());
        assertFalse(lab.needsReset(of(plane("panel", "game")), of(plane())), "showing a panel never restarts");
    }

    @Test
    void theKnobsBuildTheConfigTheySay() {
        Gan2D.Config c = of(plane("data", "ring8", "gan_loss", "wgan_gp", "optimiser", "sgd", "lr_d", "0.01",
                "lr_g", "0.0003", "batch", "64", "k_d", "5", "g_width", "32", "d_width", "128", "noise_dim", "3",
                "minibatch", "true", "seed", "7")).config();
        assertEquals(GanLoss.WGAN_GP, c.loss());
        assertEquals(Gan2D.Optimiser.SGD, c.optimiser());
        assertEquals(0.01, c.lrD());
        assertEquals(0.0003, c.lrG());
        assertEquals(64, c.batchSize());
        assertEquals(5, c.dSteps());
        assertEquals(32, c.gWidth());
        assertEquals(128, c.dWidth());
        assertEquals(3, c.noiseDim());
        assertTrue(c.minibatchFeature());
        assertEquals(7, c.seed());
        for (String loss : GanParams.GAN_LOSSES) {
            assertEquals(loss, PlanePanel.word(of(plane("gan_loss", loss)).config().loss()));
        }
    }

    /** The "knobs changeable while training": loss, optimiser, rates, batch and k keep the weights and the count. */
    @Test
    void trainingKnobsChangeWhileTrainingArchitectureAndDataStartAgain() {
        ParamSet p = plane();
        GanLab lab = new GanLab();
        lab.reset(of(p));
        for (int i = 0; i < 20; i++) {
            lab.step(of(p));
        }
        GanLabParams before = of(p);
        String[][] live = {{"gan_loss", "least_squares"}, {"optimiser", "sgd"}, {"lr_d", "0.003"}, {"lr_g", "0.0003"},
                {"batch", "64"}, {"k_d", "3"}};
        for (String[] kv : live) {
            p.setText(kv[0], kv[1]);
            assertFalse(lab.needsReset(before, of(p)), kv[0] + " must not restart");
            before = of(p);
        }
        lab.step(of(p));
        assertEquals(21, lab.steps(), "the rounds go on");
        assertEquals(of(p).config(), lab.gan().config(), "the running GAN adopted the knobs");
        assertEquals(20 + 3, lab.gan().dStepsTaken(), "20 rounds of 1 D step, then one of 3");
        GanSnapshot s = lab.snapshot(of(p));
        assertEquals(GanLoss.LEAST_SQUARES, s.loss());
        assertEquals(Gan2D.Output.SCORE, s.output());
        for (String[] kv : new String[][] {{"data", "spiral"}, {"seed", "2"}, {"g_width", "32"}, {"d_width", "32"},
                {"noise_dim", "1"}, {"minibatch", "true"}}) {
            assertTrue(lab.needsReset(of(p), of(plane(kv[0], kv[1], "gan_loss", "least_squares", "optimiser", "sgd",
                    "lr_d", "0.003", "lr_g", "0.0003", "batch", "64", "k_d", "3"))), kv[0] + " must restart");
        }
    }

    @Test
    void aSnapshotCarriesEveryLayerAndTheMeasures() {
        ParamSet p = plane("data", "ring8");
        GanLab lab = new GanLab();
        lab.reset(of(p));
        GanSnapshot s0 = lab.snapshot(of(p));
        assertEquals(0, s0.arrowXs().length, "no G step yet, no arrows");
        assertEquals(0, s0.metricsRound(), "paused: measured at once, at round 0");
        for (int i = 0; i < 5; i++) {
            lab.step(of(p));
        }
        GanSnapshot s = lab.snapshot(of(p));
        assertEquals(5, s.rounds());
        assertEquals(GanLab.SHOWN_SAMPLES, s.realXs().length);
        assertEquals(GanLab.SHOWN_SAMPLES, s.fakeXs().length);
        assertEquals(GanSnapshot.HEAT_N * GanSnapshot.HEAT_N, s.heat().length);
        assertEquals(Gan2D.Output.PROBABILITY, s.output());
        assertEquals(GanLab.WARP_NODES * GanLab.WARP_NODES, s.warpXs().length);
        assertEquals(GanLab.ARROWS, s.arrowXs().length);
        assertEquals(5, s.curveX().length);
        assertEquals(5, s.metricsRound(), "paused: measured for the round shown");
        assertTrue(s.js() >= 0 && s.js() <= Math.log(2) + 1e-9, "JS " + s.js());
        assertEquals(8, s.modes());
        assertArrayEquals(s0.realXs(), s.realXs(), "the real samples are a fixed set");
        assertNotEquals(s0.fakeXs()[0], s.fakeXs()[0], "the fakes moved with G");
        GanLab other = new GanLab();
        other.reset(of(plane()));
        GanSnapshot moons = other.snapshot(of(plane()));
        assertEquals(0, moons.modes(), "no modes to count on the moons");
    }

    @Test
    void theDivergenceGuardGoesBackToTheSavedRound() {
        ParamSet p = plane();
        GanLab lab = new GanLab();
        lab.reset(of(p));
        lab.step(of(p));
        Object good = lab.saveState();
        double[] g = lab.gan().parameters().generator();
        for (int i = 0; i < 10; i++) {
            lab.step(of(p));
        }
        lab.restoreState(good);
        assertEquals(1, lab.steps());
        assertArrayEquals(g, lab.gan().parameters().generator());
        assertTrue(lab.isHealthy());
        assertEquals(1, lab.snapshot(of(p)).curveX().length);
    }
}
