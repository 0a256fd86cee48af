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

    /**
     * The read-out's last D and G losses and step counts come back with the weights: after a NaN divergence they
     * were the diverged step's NaN (issue 16's abuse test, WGAN-GP with SGD at 0.1).
     */
    @Test
    void theDivergenceGuardRestoresTheLastLossesAndStepCounts() {
        ParamSet p = plane();
        GanLab lab = new GanLab();
        lab.reset(of(p));
        for (int i = 0; i < 3; i++) {
            lab.step(of(p));
        }
        Object good = lab.saveState();
        GanSnapshot saved = lab.snapshot(of(p));
        for (int i = 0; i < 4; i++) {
            lab.step(of(p));
        }
        lab.stepDOnly(of(p));
        lab.restoreState(good);
        GanSnapshot back = lab.snapshot(of(p));
        assertEquals(saved.stepLossD(), back.stepLossD());
        assertEquals(saved.stepLossG(), back.stepLossG());
        assertEquals(saved.dSteps(), back.dSteps());
        assertEquals(saved.gSteps(), back.gSteps());
    }

    /** The depth and noise-distribution knobs reach the config; depth restarts, the distribution is adopted live. */
    @Test
    void depthAndNoiseDistributionReachTheConfig() {
        Gan2D.Config c = of(plane("g_depth", "3", "d_depth", "1", "noise", "uniform")).config();
        assertEquals(3, c.gDepth());
        assertEquals(1, c.dDepth());
        assertEquals(Gan2D.Noise.UNIFORM, c.noise());
        assertEquals(Gan2D.Noise.GAUSSIAN, of(plane()).config().noise());
        assertEquals(2, of(plane()).config().gDepth());
        assertTrue(lab().needsReset(of(plane()), of(plane("g_depth", "4"))), "G depth restarts");
        assertTrue(lab().needsReset(of(plane()), of(plane("d_depth", "1"))), "D depth restarts");
        ParamSet p = plane();
        GanLab lab = new GanLab();
        lab.reset(of(p));
        lab.step(of(p));
        double[] g = lab.gan().parameters().generator();
        p.setText("noise", "uniform");
        assertFalse(lab.needsReset(of(plane()), of(p)), "the noise distribution is adopted while training");
        lab.step(of(p));
        assertEquals(Gan2D.Noise.UNIFORM, lab.gan().config().noise());
        assertEquals(2, lab.steps(), "no restart");
        assertNotEquals(g[0], lab.gan().parameters().generator()[0], "G went on training from its weights");
    }

    /** On uniform noise the warped grid spans its support [−1, 1]²: its first node is G(−1, −1). */
    @Test
    void theWarpedGridCoversUniformNoise() {
        ParamSet p = plane("noise", "uniform");
        GanLab lab = new GanLab();
        lab.reset(of(p));
        lab.step(of(p));
        GanSnapshot s = lab.snapshot(of(p));
        Gan2D.Points corner = lab.gan().generateAt(new double[][] {{-1, 1}, {-1, 1}});
        assertEquals(corner.xs()[0], s.warpXs()[0], 1e-12);
        assertEquals(corner.ys()[0], s.warpYs()[0], 1e-12);
        int last = s.warpXs().length - 1;
        assertEquals(corner.xs()[1], s.warpXs()[last], 1e-12, "the last node is G(1, 1)");
        ParamSet gauss = plane();
        GanLab other = new GanLab();
        other.reset(of(gauss));
        GanSnapshot sg = other.snapshot(of(gauss));
        Gan2D.Points far = other.gan().generateAt(new double[][] {{-GanLab.WARP_EXTENT}, {-GanLab.WARP_EXTENT}});
        assertEquals(far.xs()[0], sg.warpXs()[0], 1e-12, "Gaussian noise: [−2, 2]²");
    }

    private static GanLab lab() {
        return new GanLab();
    }

    private static GanLabParams drawn(ParamSet p, int n) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * i / Math.max(1, n);
            xs[i] = 2 * Math.cos(t) + 0.01 * (i % 7);
            ys[i] = Math.sin(t);
        }
        return GanLabParams.from(p.values(), new double[][] {xs, ys});
    }

    /** Drawn data: none waits with a note, 1, 2 and 10,000 points train, and the real samples are the points. */
    @Test
    void drawnPointsTrainFromOneToTenThousand() {
        ParamSet p = plane("data", "drawn", "batch", "64");
        GanLab lab = new GanLab();
        GanLabParams none = drawn(p, 0);
        lab.reset(none);
        assertEquals(0, lab.step(none));
        assertEquals(0, lab.steps(), "nothing to train on");
        lab.stepDOnly(none);
        lab.stepGOnly(none);
        GanSnapshot s0 = lab.snapshot(none);
        assertEquals(GanLab.NOTE_DRAW, s0.note());
        assertEquals(0, s0.dSteps() + s0.gSteps());
        assertEquals(0, s0.realXs().length);
        for (int n : new int[] {1, 2, 10_000}) {
            GanLabParams q = drawn(p, n);
            assertFalse(lab.needsReset(none, q), "drawing does not restart");
            long before = lab.steps();
            assertTrue(Double.isFinite(lab.step(q)), n + " points");
            assertEquals(before + 1, lab.steps());
            GanSnapshot s = lab.snapshot(q);
            assertEquals("", s.note());
            assertArrayEquals(q.drawnX(), s.realXs(), "the real samples are the drawn points");
            assertTrue(Double.isNaN(s.kl()), "no density, no KL");
            double[] e = s.extent();
            assertTrue(e[0] <= -GanLab.DRAWN_BOX && e[1] >= GanLab.DRAWN_BOX, "the plane holds the points");
        }
        assertEquals(3, lab.steps());
    }

    /** A checkpoint of a trained GAN restored into another lab shows the same fakes (float weights: 1e-4). */
    @Test
    void aRestoredCheckpointShowsTheSameGenerator() {
        ParamSet p = plane("seed", "5");
        GanLab a = new GanLab();
        a.reset(of(p));
        assertEquals(null, a.checkpoint(false), "nothing trained, nothing to keep");
        for (int i = 0; i < 25; i++) {
            a.step(of(p));
        }
        GanSnapshot sa = a.snapshot(of(p));
        dev.genlab.model.io.Checkpoint c = a.checkpoint(false);
        assertEquals("25", c.header().get(GanLab.ROUNDS_KEY));
        GanLab b = new GanLab();
        b.reset(of(plane("seed", "5")));
        GanSnapshot fresh = b.snapshot(of(p));
        assertTrue(Math.abs(fresh.fakeXs()[0] - sa.fakeXs()[0]) > 1e-3, "an untrained G differs");
        b.restore(Gan2D.fromCheckpoint(c), 25, of(p));
        GanSnapshot sb = b.snapshot(of(p));
        assertEquals(25, sb.rounds());
        for (int i = 0; i < sa.fakeXs().length; i++) {
            assertEquals(sa.fakeXs()[i], sb.fakeXs()[i], 1e-4);
            assertEquals(sa.fakeYs()[i], sb.fakeYs()[i], 1e-4);
        }
        b.step(of(p));
        assertEquals(26, b.steps(), "it trains on from the saved round");
        assertEquals(1, b.snapshot(of(p)).curveX().length, "its curve starts at the restore");
    }
}
