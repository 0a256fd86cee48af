package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.math.Gaussian2D;
import dev.genlab.math.GridIntegral;
import dev.genlab.math.Quadrature;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ToyDistributionsTest {

    static Iterable<String> ids() {
        return ToyDistributions.ids();
    }

    @ParameterizedTest
    @MethodSource("ids")
    void densityIntegratesToOneOverItsBounds(String id) {
        ToyDistribution p = ToyDistributions.byId(id);
        double[] b = p.bounds();
        double mass = GridIntegral.mass(p::logDensity, b[0], b[1], b[2], b[3], 300);
        System.out.printf("%-12s mass over bounds (300x300 midpoint) = %.8f, error %.2e%n", id, mass, mass - 1);
        assertEquals(1.0, mass, 0.01);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void samplesMatchTheDensity(String id) {
        ToyDistribution p = ToyDistributions.byId(id);
        int n = 50_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        p.sample(n, new SplittableRandom(20_240_601L), xs, ys);
        ChiSquare.Result r = ChiSquare.test(p, xs, ys, n, 20, 6);
        System.out.printf("%-12s chi-square %.1f on %d df (reject above %.1f, p = 1e-6)%n", id, r.statistic(),
                r.degreesOfFreedom(), r.critical());
        assertTrue(!r.rejects(), id + ": " + r);
    }

    /**
     * The H(p) each default shape ships as a constant is what the quadrature gives (recomputed here,
     * 360² midpoint rule over the widened bounds; up to 1.4 s for the spiral).
     */
    @ParameterizedTest
    @MethodSource("ids")
    void shippedEntropyIsTheQuadrature(String id) {
        AbstractToyDistribution p = (AbstractToyDistribution) ToyDistributions.byId(id);
        long t0 = System.nanoTime();
        double shipped = p.entropy();
        long ns = System.nanoTime() - t0;
        double quadrature = p.quadratureEntropy();
        System.out.printf("%-12s H shipped %.12f, by quadrature %.12f (shipped value read in %d µs)%n", id, shipped,
                quadrature, ns / 1000);
        assertEquals(quadrature, shipped, 1e-10);
        assertTrue(ns < 5_000_000L, id + ": entropy() of a default shape should be a constant, took " + ns + " ns");
    }

    @Test
    void otherShapesIntegrateTheirOwnEntropy() {
        // the same shapes built through their parameters: integrated on first use, equal to the constants
        assertEquals(TwoMoons.DEFAULT_ENTROPY, new TwoMoons(0.1).entropy(), 1e-10);
        assertEquals(Spiral.DEFAULT_ENTROPY, new Spiral(2, 0.1).entropy(), 1e-10);
        assertEquals(Rings.DEFAULT_ENTROPY, new Rings(3, 2, 0.1).entropy(), 1e-10);
        // other parameters, other entropies: more noise spreads the rings
        double wider = new Rings(3, 2, 0.2).entropy();
        assertTrue(wider > Rings.DEFAULT_ENTROPY + 0.1, "rings with σ = 0.2: H = " + wider);
        // an edited mixture is not the default one
        GaussianMixture2D edited = new GaussianMixture2D().withMean(2, 0.5, 2.5);
        assertEquals(edited.quadratureEntropy(), edited.entropy(), 0);
        assertTrue(Math.abs(edited.entropy() - GaussianMixture2D.DEFAULT_ENTROPY) > 1e-3);
        // the checkerboard's closed form, on another board
        Checkerboard board = new Checkerboard(3, 1.5);
        assertEquals(board.quadratureEntropy(), board.entropy(), 1e-12);
        assertEquals(Math.log(5), board.entropy(), 1e-12);
    }

    @Test
    void chiSquareTestRejectsMoonsSamplesAgainstRingsDensity() {
        int n = 50_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        new TwoMoons().sample(n, new SplittableRandom(20_240_601L), xs, ys);
        ChiSquare.Result r = ChiSquare.test(new Rings(), xs, ys, n, 20, 6);
        System.out.printf("moons samples vs rings density: chi-square %.3g on %d df (reject above %.1f)%n",
                r.statistic(), r.degreesOfFreedom(), r.critical());
        assertTrue(r.rejects());
    }

    @ParameterizedTest
    @MethodSource("ids")
    void quadratureEntropyAgreesWithMonteCarloEntropyOfExactSamples(String id) {
        ToyDistribution p = ToyDistributions.byId(id);
        int n = 20_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        p.sample(n, new SplittableRandom(99), xs, ys);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double lp = p.logDensity(xs[i], ys[i]);
            sum += lp;
            sumSq += lp * lp;
        }
        double mc = -sum / n;
        double se = Math.sqrt(Math.max(sumSq / n - mc * mc, 0) / n);
        System.out.printf("%-12s H by quadrature %.5f, Monte Carlo %.5f ± %.5f%n", id, p.entropy(), mc, se);
        assertEquals(mc, p.entropy(), 5 * se + 1e-9);
    }

    @Test
    void oneComponentMixtureHasTheGaussianEntropy() {
        Gaussian2D g = new Gaussian2D(0.3, -0.2, 0.5, 0.2, 0.4);
        GaussianMixture2D m = new GaussianMixture2D(java.util.List.of(new GaussianMixture2D.Component(2.0, g)));
        assertEquals(g.entropy(), m.entropy(), 1e-7);
        assertEquals(g.logDensity(0.1, 0.7), m.logDensity(0.1, 0.7), 1e-14);
    }

    @Test
    void checkerboardIsExact() {
        Checkerboard c = new Checkerboard();
        assertEquals(Math.log(8), c.entropy(), 1e-12);
        assertEquals(-Math.log(8), c.logDensity(-1.5, -1.5), 0);
        assertEquals(Double.NEGATIVE_INFINITY, c.logDensity(-0.5, -1.5));
        assertEquals(Double.NEGATIVE_INFINITY, c.logDensity(2.5, 0));
    }

    @Test
    void ringsClosedFormMatchesTheAngularIntegral() {
        Rings rings = new Rings(3, 2, 0.1);
        double s = 0.1;
        double[] radii = {2.0 / 3, 4.0 / 3, 2.0};
        double total = 4.0;
        for (double[] pt : new double[][] {{0.7, 0.1}, {0.0, 1.3}, {-1.4, -1.4}, {0.05, 0.02}, {2.6, 0.3}}) {
            double direct = 0;
            for (double r : radii) {
                double w = r / total;
                direct += w / (2 * Math.PI) * Quadrature.integrate(phi -> {
                    double dx = pt[0] - r * Math.cos(phi);
                    double dy = pt[1] - r * Math.sin(phi);
                    return Math.exp(-(dx * dx + dy * dy) / (2 * s * s)) / (2 * Math.PI * s * s);
                }, 0, 2 * Math.PI, 200, 10);
            }
            assertEquals(Math.log(direct), rings.logDensity(pt[0], pt[1]), 1e-9, "at " + pt[0] + "," + pt[1]);
        }
    }

    @Test
    void moonsArcIntegralMatchesAnIndependentFineQuadrature() {
        TwoMoons moons = new TwoMoons(0.1);
        double s = 0.1;
        double worst = 0;
        SplittableRandom rng = new SplittableRandom(5);
        double[] b = moons.bounds();
        for (int k = 0; k < 300; k++) {
            double x = b[0] + (b[1] - b[0]) * rng.nextDouble();
            double y = b[2] + (b[3] - b[2]) * rng.nextDouble();
            double direct = 0;
            for (int sign = -1; sign <= 1; sign += 2) {
                int sg = sign;
                direct += 0.5 / Math.PI * Quadrature.integrate(t -> {
                    double dx = x - sg * (Math.cos(t) - 0.5);
                    double dy = y - sg * (Math.sin(t) - 0.25);
                    return Math.exp(-(dx * dx + dy * dy) / (2 * s * s)) / (2 * Math.PI * s * s);
                }, 0, Math.PI, 400, 12);
            }
            if (direct > 1e-12) {
                worst = Math.max(worst, Math.abs(moons.density(x, y) / direct - 1));
            }
        }
        System.out.printf("moons: worst relative density error vs 4800-node quadrature: %.2e%n", worst);
        assertTrue(worst < 1e-6, "relative error " + worst);
    }

    @Test
    void spiralQuadratureIsConvergedWherePointsCanBe() {
        Spiral coarse = new Spiral();
        Spiral fine = new Spiral(2, 0.1, 0.5);
        SplittableRandom rng = new SplittableRandom(6);
        double worst = 0;
        for (int k = 0; k < 300; k++) {
            double x = -2.5 + 5 * rng.nextDouble();
            double y = -2.5 + 5 * rng.nextDouble();
            double lf = fine.logDensity(x, y);
            if (lf > -25) {
                worst = Math.max(worst, Math.abs(Math.expm1(coarse.logDensity(x, y) - lf)));
            }
        }
        System.out.printf("spiral: worst relative density error vs 4x finer panels: %.2e%n", worst);
        assertTrue(worst < 1e-6, "relative error " + worst);
    }

    @Test
    void mixtureEditsReturnNewMixtures() {
        GaussianMixture2D m = new GaussianMixture2D();
        GaussianMixture2D m2 = m.withMean(0, 3, 4).withWeight(1, 10).withCovariance(2, 1, 0.5, 1);
        assertEquals(-1.0, m.components().get(0).gaussian().meanX());
        assertEquals(3.0, m2.components().get(0).gaussian().meanX());
        assertEquals(10 / 10.65, m2.mixingWeight(1), 1e-12);
        assertEquals(4, m.withComponent(GaussianMixture2D.Component.of(1, 0, 0, 1, 0, 1)).size());
        assertEquals(2, m.withoutComponent(0).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.withCovariance(0, 1, 2, 1));
        assertTrue(e.getMessage().contains("not positive definite"));
        assertThrows(IllegalArgumentException.class,
                () -> m.withoutComponent(0).withoutComponent(0).withoutComponent(0));
    }

    @Test
    void registryKnowsItsIds() {
        for (String id : ToyDistributions.ids()) {
            assertEquals(id, ToyDistributions.byId(id).id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToyDistributions.byId("x"));
        assertTrue(e.getMessage().contains("moons"));
    }
}
