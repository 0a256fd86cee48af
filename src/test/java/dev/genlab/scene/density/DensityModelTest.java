package dev.genlab.scene.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.model.mixture.GaussianMixtureEm;
import dev.genlab.scene.ParamSet;

/**
 * Lesson 1's wiring: what a snapshot reports is the fitted mixture's (the EM math itself is tested in
 * {@code model.mixture.GaussianMixtureEmTest}), runs repeat by seed, and the data, floor and guard.
 */
class DensityModelTest {

    static DensityParams params(String dataset, int k, String init, int seed) {
        ParamSet p = new ParamSet(DensityParams.SPEC);
        p.apply(Map.of("dataset", dataset, "components", String.valueOf(k), "init", init,
                "seed", String.valueOf(seed), "points", "400", "samples", "300"));
        return DensityParams.from(p.values(), new double[0], new double[0]);
    }

    /** The mixture's log-density written out with an explicit 2x2 inverse, independent of Gaussian2D. */
    static double directLogDensity(DensitySnapshot s, double x, double y) {
        double total = 0;
        for (int j = 0; j < s.components(); j++) {
            double a = s.covs()[3 * j];
            double b = s.covs()[3 * j + 1];
            double c = s.covs()[3 * j + 2];
            double det = a * c - b * b;
            double dx = x - s.means()[2 * j];
            double dy = y - s.means()[2 * j + 1];
            double q = (c * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
            total += s.weights()[j] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
        }
        return Math.log(total);
    }

    @Test
    void reportedNumbersMatchDirectComputation() {
        DensityModel m = new DensityModel();
        DensityParams p = params("moons", 4, "kmeanspp", 11);
        m.reset(p);
        for (int i = 0; i < 20; i++) {
            m.step(p);
        }
        DensitySnapshot s = m.snapshot(p);
        // average log-likelihood = mean of log p over the training points
        double sum = 0;
        for (int i = 0; i < s.dataX().length; i++) {
            double direct = directLogDensity(s, s.dataX()[i], s.dataY()[i]);
            sum += direct;
            assertEquals(direct, s.dataLogP()[i], 1e-4, "per-point log p (stored as float)");
        }
        // the data are stored as floats in the snapshot; the model saw doubles
        assertEquals(sum / s.dataX().length, s.avgLogLikelihood(), 1e-5);
        // the grid and the hover read-out are the same density
        double[] e = s.extent();
        int r = 37;
        int c = 90;
        double x = e[0] + (c + 0.5) * (e[1] - e[0]) / s.gridW();
        double y = e[2] + (r + 0.5) * (e[3] - e[2]) / s.gridH();
        assertEquals(directLogDensity(s, x, y), s.grid()[r * s.gridW() + c], 1e-4);
        assertEquals(directLogDensity(s, 0.3, -0.2), s.logDensity(0.3, -0.2), 1e-10);
    }

    /** The knobs reach EM as they say: the same draws, seeding and iterations give the same mixture. */
    @ParameterizedTest
    @CsvSource({"kmeanspp,KMEANS_PP", "random,RANDOM"})
    void theSnapshotIsTheMixtureEmFitsToTheSameDraws(String knob, GaussianMixtureEm.Init init) {
        DensityModel m = new DensityModel();
        DensityParams p = params("moons", 4, knob, 11);
        m.reset(p);
        for (int i = 0; i < 10; i++) {
            m.step(p);
        }
        DensitySnapshot s = m.snapshot(p);

        SplittableRandom rng = new SplittableRandom(11);
        double[] xs = new double[400];
        double[] ys = new double[400];
        double[] tx = new double[400];
        double[] ty = new double[400];
        ToyDistribution moons = ToyDistributions.byId("moons");
        moons.sample(400, rng, xs, ys);
        moons.sample(400, rng, tx, ty);
        GaussianMixtureEm em = new GaussianMixtureEm(xs, ys, 4);
        em.initialise(init, rng);
        double ll = em.eStep();
        for (int i = 0; i < 10; i++) {
            em.mStep();
            ll = em.eStep();
        }
        assertArrayEquals(em.weights(), s.weights(), 0);
        assertArrayEquals(em.means(), s.means(), 0);
        assertArrayEquals(em.covs(), s.covs(), 0);
        assertEquals(ll, s.history()[10], 0);
        assertEquals(em.averageLogLikelihood(tx, ty), s.testHistory()[10], 0);
        assertEquals(moons.entropy(), s.entropy(), 0);
    }

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        double[] a = run(9);
        double[] b = run(9);
        double[] c = run(10);
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private static double[] run(int seed) {
        DensityModel m = new DensityModel();
        DensityParams p = params("spiral", 5, "kmeanspp", seed);
        m.reset(p);
        for (int i = 0; i < 15; i++) {
            m.step(p);
        }
        return m.snapshot(p).history();
    }

    @Test
    void tooFewDrawnPointsAskForMore() {
        ParamSet ps = new ParamSet(DensityParams.SPEC);
        ps.apply(Map.of("dataset", "drawn", "components", "3"));
        DensityParams p = DensityParams.from(ps.values(), new double[] {0, 1}, new double[] {0, 1});
        DensityModel m = new DensityModel();
        m.reset(p);
        DensitySnapshot s = m.snapshot(p);
        assertEquals("need-points", s.message());
        assertEquals(0, s.components());
        assertTrue(Double.isNaN(s.entropy()));
    }

    /**
     * Drawn data has no held-out set: the snapshot carries no held-out curve rather than one of NaN (issue 16's
     * abuse test found a NaN there at every iteration), and every number it reports is finite.
     */
    @Test
    void drawnDataHasNoHeldOutCurveAndNoNaN() {
        ParamSet ps = new ParamSet(DensityParams.SPEC);
        ps.apply(Map.of("dataset", "drawn", "components", "2"));
        SplittableRandom r = new SplittableRandom(3);
        double[] xs = new double[200];
        double[] ys = new double[200];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (i % 2 == 0 ? -1 : 1) + 0.3 * r.nextGaussian();
            ys[i] = 0.3 * r.nextGaussian();
        }
        DensityParams p = DensityParams.from(ps.values(), xs, ys);
        DensityModel m = new DensityModel();
        m.reset(p);
        for (int i = 0; i < 5; i++) {
            assertTrue(Double.isFinite(m.step(p)), "iteration " + i);
        }
        DensitySnapshot s = m.snapshot(p);
        assertEquals(6, s.history().length, "the start and five iterations");
        assertEquals(0, s.testHistory().length, "no held-out set, no held-out curve");
        assertTrue(Double.isNaN(s.testLogLikelihood()), "and no held-out value to show");
        for (double v : s.history()) {
            assertTrue(Double.isFinite(v), "training curve " + java.util.Arrays.toString(s.history()));
        }
    }

    @Test
    void theFloorOfOneTrueModeIsTheGaussianEntropy() {
        ParamSet ps = new ParamSet(DensityParams.SPEC);
        ps.apply(Map.of("dataset", "mixture", "true_modes", "1"));
        DensityModel m = new DensityModel();
        DensityParams p = DensityParams.from(ps.values(), new double[0], new double[0]);
        m.reset(p);
        // H = log(2 pi e) + 0.5 log det Sigma, Sigma = 0.16 I
        assertEquals(Math.log(2 * Math.PI * Math.E) + Math.log(0.16), m.snapshot(p).entropy(), 1e-4);
    }

    @Test
    void trueModesSitOnTheCircle() {
        ParamSet ps = new ParamSet(DensityParams.SPEC);
        ps.apply(Map.of("true_modes", "4", "true_separation", "2"));
        var truth = DensityModel.truth(DensityParams.from(ps.values(), new double[0], new double[0]));
        // the density peaks at (0, 2) (a mode) and is far lower at the centre
        assertTrue(truth.logDensity(0, 2) > truth.logDensity(0, 0) + 5);
        assertEquals(truth.logDensity(0, 2), truth.logDensity(-2, 0), 1e-9, "modes are alike");
    }

    @Test
    void poisonMakesTheModelUnhealthy() {
        DensityModel m = new DensityModel();
        DensityParams p = params("mixture", 2, "random", 3);
        m.reset(p);
        assertTrue(m.isHealthy());
        m.poison();
        assertFalse(Double.isFinite(m.step(p)) && m.isHealthy());
    }
}
