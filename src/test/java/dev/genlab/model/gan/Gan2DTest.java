package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Activation;

/** Training, reconfiguration, evaluation, the divergence guard and checkpoints of {@link Gan2D}. */
class Gan2DTest {

    private static final ToyDistribution MIXTURE = ToyDistributions.byId("mixture");

    private static Gan2D.Config small() {
        return Gan2D.Config.defaults().withGenerator(2, 16).withDiscriminator(2, 16).withBatchSize(64);
    }

    @Test
    void configValidationNamesTheFieldAndTheRange() {
        Gan2D.Config c = Gan2D.Config.defaults();
        assertMessage(() -> c.withNoise(0, Gan2D.Noise.GAUSSIAN), "noise dim must be in 1..8, got 0");
        assertMessage(() -> c.withNoise(9, Gan2D.Noise.UNIFORM), "noise dim must be in 1..8, got 9");
        assertMessage(() -> c.withGenerator(5, 64), "G depth (hidden layers) must be in 1..4, got 5");
        assertMessage(() -> c.withDiscriminator(2, 3), "D width must be in 4..256, got 3");
        assertMessage(() -> c.withActivation(Activation.TANH), "hidden activation must be RELU or LEAKY_RELU, got TANH");
        assertMessage(() -> c.withLearningRates(0, 1e-3), "D learning rate must be in (0, 1.0], got 0.0");
        assertMessage(() -> c.withLearningRates(1e-3, Double.NaN), "G learning rate must be in (0, 1.0], got NaN");
        assertMessage(() -> c.withBatchSize(0), "batch size must be in 1..4096, got 0");
        assertMessage(() -> c.withSteps(0, 1), "D steps per round (k) must be in 1..20, got 0");
        assertMessage(() -> c.withGpWeight(-1), "gradient-penalty weight must be finite and ≥ 0, got -1.0");
        assertMessage(() -> c.withClip(0), "clip value must be finite and > 0, got 0.0");
        assertMessage(() -> c.withBetas(1.0, 0.999), "Adam beta1 must be in [0, 1), got 1.0");
        assertEquals(c, Gan2D.Config.fromHeader(c.toHeader()));
    }

    private static void assertMessage(Runnable r, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aRoundIsKDStepsThenTheGSteps() {
        Gan2D gan = new Gan2D(small().withSteps(3, 2));
        Gan2D.Round r = gan.step(MIXTURE);
        assertEquals(3, r.dSteps().size());
        assertEquals(2, r.gSteps().size());
        assertEquals(List.of(0L, 1L, 2L), r.dSteps().stream().map(Gan2D.DStep::index).toList());
        assertEquals(List.of(0L, 1L), r.gSteps().stream().map(Gan2D.GStep::index).toList());
        assertEquals(3, gan.losses().d().length);
        assertEquals(2, gan.losses().g().length);
        assertEquals(r.lossD(), gan.losses().lastD());
        assertArrayEquals(Arrays.copyOfRange(gan.losses().d(), 1, 3), gan.losses(2).d());
        assertEquals(2, gan.losses(5).g().length);
        assertEquals(r.lossG(), gan.losses().lastG());
        Gan2D.DStep d = r.dSteps().get(0);
        assertEquals(64, d.realXs().length);
        assertEquals(64, d.fakeYs().length);
        assertEquals(64, r.gSteps().get(0).gradXs().length);
        // the G step changes G only, the D step D only
        Gan2D.Parameters before = gan.parameters();
        gan.stepG();
        assertArrayEquals(before.discriminator(), gan.parameters().discriminator());
        assertFalse(Arrays.equals(before.generator(), gan.parameters().generator()));
        before = gan.parameters();
        gan.stepD(MIXTURE);
        assertArrayEquals(before.generator(), gan.parameters().generator());
        assertFalse(Arrays.equals(before.discriminator(), gan.parameters().discriminator()));
    }

    @Test
    void weightClippingKeepsEveryCriticParameterInRange() {
        Gan2D gan = new Gan2D(small().withLoss(GanLoss.WGAN_CLIP).withClip(0.03).withLearningRates(0.05, 1e-3));
        assertTrue(Arrays.stream(gan.parameters().discriminator()).anyMatch(v -> Math.abs(v) > 0.03));
        gan.stepD(MIXTURE);
        double[] p = gan.parameters().discriminator();
        assertTrue(Arrays.stream(p).allMatch(v -> Math.abs(v) <= 0.03));
        assertTrue(Arrays.stream(p).anyMatch(v -> Math.abs(v) == 0.03), "some parameters sit on the bound");
        // other losses do not clip
        Gan2D gp = new Gan2D(small().withLoss(GanLoss.WGAN_GP).withClip(0.03));
        gp.stepD(MIXTURE);
        assertTrue(Arrays.stream(gp.parameters().discriminator()).anyMatch(v -> Math.abs(v) > 0.03));
    }

    @Test
    void subStepRecordsAreCopies() {
        Gan2D gan = new Gan2D(small());
        Gan2D.GStep s = gan.stepG();
        double[] arrows = s.gradXs();
        arrows[0] = 1e9;
        assertNotEquals(1e9, s.gradXs()[0]);
    }

    /**
     * A GAN on one correlated Gaussian learns its mean and covariance. GAN training does not settle:
     * the two players circle the equilibrium (Mescheder, Geiger &amp; Nowozin 2018), and the moments of G's
     * samples at any one step swing by 0.1 to 0.4 around the truth here. So the test averages the moments
     * of 5,000 samples taken every 25 rounds over rounds 751..1500 of the default config at η = 3·10⁻⁴;
     * the averages lie within 0.1 of the truth entry-wise (seeds 1, 2, 3 measured 0.050, 0.031, 0.043
     * as the largest error when this was written; at η = 10⁻³ the covariance came out 0.07 to 0.12 too small).
     */
    @Test
    void learnsASingleGaussian() {
        double mx = 1.0;
        double my = -0.5;
        double sxx = 0.5;
        double sxy = 0.2;
        double syy = 0.3;
        GaussianMixture2D data = new GaussianMixture2D(List.of(GaussianMixture2D.Component.of(1, mx, my, sxx, sxy, syy)));
        Gan2D gan = new Gan2D(Gan2D.Config.defaults().withLearningRates(3e-4, 3e-4).withSeed(2));
        double[] avg = new double[5];
        int count = 0;
        for (int r = 1; r <= 1500; r++) {
            gan.step(data);
            if (r > 750 && r % 25 == 0) {
                double[] m = moments(gan.generate(5000, r));
                for (int i = 0; i < 5; i++) {
                    avg[i] += m[i];
                }
                count++;
            }
        }
        assertTrue(gan.isFinite());
        for (int i = 0; i < 5; i++) {
            avg[i] /= count;
        }
        String got = String.format("mean (%.3f, %.3f), cov (%.3f, %.3f, %.3f)", avg[0], avg[1], avg[2], avg[3], avg[4]);
        assertEquals(mx, avg[0], 0.1, got);
        assertEquals(my, avg[1], 0.1, got);
        assertEquals(sxx, avg[2], 0.1, got);
        assertEquals(sxy, avg[3], 0.1, got);
        assertEquals(syy, avg[4], 0.1, got);
    }

    /** {mean x, mean y, var x, cov xy, var y} (1/n). */
    private static double[] moments(Gan2D.Points p) {
        double[] xs = p.xs();
        double[] ys = p.ys();
        double ax = Arrays.stream(xs).average().orElseThrow();
        double ay = Arrays.stream(ys).average().orElseThrow();
        double cxx = 0;
        double cxy = 0;
        double cyy = 0;
        for (int i = 0; i < xs.length; i++) {
            cxx += (xs[i] - ax) * (xs[i] - ax);
            cxy += (xs[i] - ax) * (ys[i] - ay);
            cyy += (ys[i] - ay) * (ys[i] - ay);
        }
        return new double[] {ax, ay, cxx / xs.length, cxy / xs.length, cyy / xs.length};
    }

    @Test
    void reconfigureKeepsWeightsUnlessTheArchitectureChanges() {
        Gan2D gan = new Gan2D(small());
        for (int i = 0; i < 5; i++) {
            gan.step(MIXTURE);
        }
        Gan2D.Parameters p = gan.parameters();
        Gan2D.Config c = gan.config();
        Gan2D.Config knobs = c.withLoss(GanLoss.WGAN_GP).withLearningRates(2e-3, 5e-4).withBatchSize(32)
                .withSteps(4, 1).withGpWeight(5).withClip(0.05).withBetas(0.9, 0.99).withNoise(2, Gan2D.Noise.UNIFORM);
        Gan2D.Reconfigured r = gan.reconfigure(knobs);
        assertTrue(r.keptWeights());
        assertFalse(r.optimiserReset());
        assertArrayEquals(p.generator(), gan.parameters().generator());
        assertArrayEquals(p.discriminator(), gan.parameters().discriminator());
        Gan2D.Round round = gan.step(MIXTURE);
        assertEquals(4, round.dSteps().size());
        assertEquals(32, round.dSteps().get(0).realXs().length);
        assertTrue(gan.isFinite());

        p = gan.parameters();
        r = gan.withConfig(gan.config().withOptimiser(Gan2D.Optimiser.SGD, 0.01, 0.01));
        assertTrue(r.keptWeights());
        assertTrue(r.optimiserReset());
        assertArrayEquals(p.generator(), gan.parameters().generator());

        r = gan.reconfigure(gan.config().withDiscriminator(3, 16));
        assertEquals(new Gan2D.Reconfigured(false, true, true), r);
        assertArrayEquals(p.generator(), gan.parameters().generator());
        assertNotEquals(p.discriminator().length, gan.parameters().discriminator().length);

        p = gan.parameters();
        r = gan.reconfigure(gan.config().withMinibatchFeature(true));
        assertEquals(new Gan2D.Reconfigured(false, true, true), r);
        assertArrayEquals(p.generator(), gan.parameters().generator());

        p = gan.parameters();
        r = gan.reconfigure(gan.config().withNoise(5, Gan2D.Noise.GAUSSIAN));
        assertEquals(new Gan2D.Reconfigured(true, false, true), r);
        assertArrayEquals(p.discriminator(), gan.parameters().discriminator());

        r = gan.reconfigure(gan.config().withSeed(99));
        assertEquals(new Gan2D.Reconfigured(true, true, true), r);
        gan.step(MIXTURE);
        assertTrue(gan.isFinite());
        assertEquals(gan.losses().d().length, gan.dStepsTaken());
    }

    @Test
    void drawnSetsOfOneAndTwoPointsTrainWithoutNaN() {
        double[][][] sets = {{{0.5}, {-0.25}}, {{-1, 1}, {0.5, 0.5}}};
        for (double[][] set : sets) {
            DataSource2D src = Gan2D.pointSource(set[0], set[1]);
            for (GanLoss loss : GanLoss.values()) {
                for (boolean mb : new boolean[] {false, true}) {
                    for (int batch : new int[] {1, 2, 64}) {
                        Gan2D gan = new Gan2D(small().withLoss(loss).withMinibatchFeature(mb).withBatchSize(batch));
                        for (int i = 0; i < 60; i++) {
                            Gan2D.Round r = gan.step(src);
                            for (double x : r.dSteps().get(0).realXs()) {
                                assertTrue(Arrays.stream(set[0]).anyMatch(v -> v == x), "real points come from the set");
                            }
                        }
                        String what = set[0].length + " points, " + loss + ", minibatch " + mb + ", batch " + batch;
                        assertTrue(gan.isFinite(), what);
                        assertTrue(Double.isFinite(gan.losses().lastD()) && Double.isFinite(gan.losses().lastG()), what);
                        Gan2D.Grid grid = gan.discriminatorGrid(new double[] {-2, 2, -2, 2}, 8, 8);
                        assertTrue(Arrays.stream(grid.values()).allMatch(Double::isFinite), what);
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Gan2D.pointSource(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Gan2D.pointSource(new double[] {1}, new double[] {1, 2}));
    }

    /** Learning rate 1 with either optimiser: training never throws, and isFinite() tells the truth. */
    @Test
    void topLearningRatesStayFiniteOrSaySo() {
        int diverged = 0;
        for (GanLoss loss : GanLoss.values()) {
            for (Gan2D.Optimiser opt : Gan2D.Optimiser.values()) {
                Gan2D gan = new Gan2D(small().withLoss(loss).withOptimiser(opt, 1.0, 1.0).withMinibatchFeature(loss == GanLoss.LEAST_SQUARES));
                Gan2D.Parameters good = gan.parameters();
                for (int i = 0; i < 100; i++) {
                    Gan2D.Round r = gan.step(MIXTURE);
                    boolean finiteNow = Double.isFinite(r.lossD()) && Double.isFinite(r.lossG())
                            && Arrays.stream(gan.parameters().generator()).allMatch(Double::isFinite)
                            && Arrays.stream(gan.parameters().discriminator()).allMatch(Double::isFinite);
                    assertEquals(finiteNow, gan.isFinite(), loss + " " + opt + " round " + i);
                    if (!finiteNow) {
                        diverged++;
                        // the divergence guard's restore brings it back
                        gan.setParameters(good);
                        assertTrue(gan.isFinite(), "restored: healthy again although the curves keep the NaN");
                        gan.stepD(MIXTURE);
                        gan.stepG();
                        assertTrue(Arrays.stream(gan.parameters().generator()).allMatch(Double::isFinite));
                        break;
                    }
                    if (i % 10 == 0) {
                        good = gan.parameters();
                    }
                }
                gan.discriminatorGrid(new double[] {-3, 3, -3, 3}, 16, 16);
                gan.generate(100, 1);
                gan.mapGrid(2, 5, 5);
            }
        }
        System.out.println("top learning rates: " + diverged + " of " + 2 * GanLoss.values().length
                + " settings produced a non-finite value within 100 rounds");
    }

    @Test
    void discriminatorGridIsDOnTheCellCentres() {
        Gan2D gan = new Gan2D(small().withActivation(Activation.LEAKY_RELU).withMinibatchFeature(true));
        double[] extent = {-3, 1, -2, 2};
        Gan2D.Grid before = gan.discriminatorGrid(extent, 8, 8); // before any step: a generated batch's statistic
        assertTrue(Arrays.stream(before.values()).allMatch(Double::isFinite));
        for (int i = 0; i < 20; i++) {
            gan.step(MIXTURE);
        }
        // the grid holds the statistic of the last fake batch D saw; compare with one point at a time
        Gan2D.GStep last = gan.stepG();
        double stat = Gan2D.minibatchStat(last.fakeXs(), last.fakeYs(), 64);
        assertTrue(stat > 0);
        Gan2D.Grid grid = gan.discriminatorGrid(extent, 40, 30);
        assertEquals(Gan2D.Output.PROBABILITY, grid.output());
        assertEquals(1200, grid.values().length);
        for (int[] ij : new int[][] {{0, 0}, {39, 29}, {17, 5}}) {
            double x = -3 + (ij[0] + 0.5) * 0.1;
            double y = -2 + (ij[1] + 0.5) * (4.0 / 30);
            // NS: ℓ = softplus(−o), so σ(o) = exp(−ℓ)
            double expected = Math.exp(-gan.frozenStatPointLoss(x, y, stat));
            assertEquals(expected, grid.value(ij[0], ij[1]), 1e-12);
        }
        Gan2D.Grid again = gan.discriminatorGrid(extent, 40, 30);
        assertArrayEquals(grid.values(), again.values());
        assertTrue(again.min() >= 0 && again.max() <= 1);
        assertEquals(Gan2D.Output.CRITIC, withLoss(GanLoss.WGAN_CLIP).discriminatorGrid(extent, 4, 4).output());
        assertEquals(Gan2D.Output.SCORE, withLoss(GanLoss.LEAST_SQUARES).discriminatorGrid(extent, 4, 4).output());
        assertThrows(IllegalArgumentException.class, () -> gan.discriminatorGrid(new double[] {1, 0, 0, 1}, 4, 4));
    }

    private static Gan2D withLoss(GanLoss loss) {
        return new Gan2D(small().withLoss(loss));
    }

    @Test
    void generateIsRepeatableAndLeavesTrainingAlone() {
        Gan2D a = new Gan2D(small());
        Gan2D b = new Gan2D(small());
        a.step(MIXTURE);
        b.step(MIXTURE);
        Gan2D.Points p1 = a.generate(1000, 42);
        Gan2D.Points p2 = a.generate(1000, 42);
        assertArrayEquals(p1.xs(), p2.xs());
        assertArrayEquals(p1.ys(), p2.ys());
        assertFalse(Arrays.equals(p1.xs(), a.generate(1000, 43).xs()));
        Gan2D.Round ra = a.step(MIXTURE);
        Gan2D.Round rb = b.step(MIXTURE);
        assertEquals(rb.lossD(), ra.lossD());
        assertEquals(rb.lossG(), ra.lossG());
        assertArrayEquals(a.parameters().generator(), b.parameters().generator());
    }

    @Test
    void mapGridIsGOnASliceOfNoiseSpace() {
        Gan2D gan = new Gan2D(small().withNoise(4, Gan2D.Noise.UNIFORM));
        gan.step(MIXTURE);
        Gan2D.WarpedGrid w = gan.mapGrid(1.0, 3, 5);
        double[][] z = {{-1, 0.5, 1}, {-1, 0, 1}, {0, 0, 0}, {0, 0, 0}};
        Gan2D.Points p = gan.generateAt(z);
        assertEquals(p.xs()[0], w.xs()[0], 1e-15); // node (row 0, col 0) = (−1, −1)
        assertEquals(p.ys()[1], w.ys()[1 * 5 + 3], 1e-15); // (row 1, col 3) = (0.5, 0)
        assertEquals(p.xs()[2], w.xs()[2 * 5 + 4], 1e-15); // (row 2, col 4) = (1, 1)
        Gan2D one = new Gan2D(small().withNoise(1, Gan2D.Noise.GAUSSIAN));
        Gan2D.WarpedGrid line = one.mapGrid(2.0, 4, 6);
        for (int r = 1; r < 4; r++) {
            assertArrayEquals(Arrays.copyOfRange(line.xs(), 0, 6), Arrays.copyOfRange(line.xs(), 6 * r, 6 * r + 6));
        }
    }

    @Test
    void checkpointRoundTripAndMismatchRefusal() throws Exception {
        Gan2D gan = new Gan2D(small().withMinibatchFeature(true).withLoss(GanLoss.LEAST_SQUARES));
        for (int i = 0; i < 10; i++) {
            gan.step(MIXTURE);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        gan.toCheckpoint().write(bytes);
        Checkpoint read = Checkpoint.read(new ByteArrayInputStream(bytes.toByteArray()));
        Gan2D back = Gan2D.fromCheckpoint(read);
        assertEquals(gan.config(), back.config());
        assertEquals(10, back.gStepsTaken());
        double[] a = gan.parameters().generator();
        double[] b = back.parameters().generator();
        for (int i = 0; i < a.length; i++) {
            assertEquals((float) a[i], b[i], 0.0);
        }
        Gan2D.Points pa = gan.generate(200, 3);
        Gan2D.Points pb = back.generate(200, 3);
        assertArrayEquals(pa.xs(), pb.xs(), 1e-4);

        Gan2D other = new Gan2D(small().withDiscriminator(3, 16).withMinibatchFeature(true)
                .withLoss(GanLoss.LEAST_SQUARES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(read));
        assertEquals("the GAN checkpoint does not match this model's config: dDepth is 2 in the checkpoint but 3 here",
                e.getMessage());
        Gan2D lr = new Gan2D(gan.config().withLearningRates(0.5, 0.5));
        e = assertThrows(IllegalArgumentException.class, () -> lr.load(read));
        assertTrue(e.getMessage().contains("lrD is 0.001 in the checkpoint but 0.5 here"), e.getMessage());
        Checkpoint foreign = new Checkpoint("nade", read.header(), read.params());
        e = assertThrows(IllegalArgumentException.class, () -> Gan2D.fromCheckpoint(foreign));
        assertEquals("not a 2-D GAN checkpoint: its model id is 'nade', expected 'gan2d'", e.getMessage());
        // the same config loads and restores the parameters
        Gan2D same = new Gan2D(gan.config());
        same.load(read);
        assertArrayEquals(back.parameters().discriminator(), same.parameters().discriminator());
    }
}
