package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.math.Gaussian;

/** Truth tests of both generator families: exact densities by the change of variables, sampling, ∂g/∂θ. */
class Generator1DTest {

    /** A varied set: two affine generators, a monotone one with 7 knots and uneven increments, one with 2 knots, one with 12. */
    static List<Generator1D> generators() {
        List<Generator1D> g = new ArrayList<>();
        g.add(new AffineGenerator(0.3, Math.log(0.8)));
        g.add(AffineGenerator.ofMeanSd(-4, 2.5));
        g.add(MonotoneGenerator.fromKnotValues(new double[] {-3, -2.5, -2.3, 0, 0.4, 2, 5}));
        g.add(new MonotoneGenerator(new double[] {1, 1.5}));
        SplittableRandom rng = new SplittableRandom(3);
        double[] t = new double[12];
        for (int i = 0; i < t.length; i++) {
            t[i] = -1 + 1.5 * rng.nextDouble();
        }
        g.add(new MonotoneGenerator(2.5, t));
        return g;
    }

    /** A z that is not within 1e-3 of a knot (so a finite difference does not straddle a kink). */
    static boolean awayFromKnots(Generator1D g, double z, double margin) {
        for (double k : g.knots()) {
            if (Math.abs(z - k) < margin) {
                return false;
            }
        }
        return true;
    }

    /** ∫ p_g = 1 to 1e-9 by Simpson, split at the knots' images where p_g jumps, over g(±10). */
    @Test
    void densityIntegratesToOne() {
        for (Generator1D g : generators()) {
            double q = Truth.simpsonPieces(g::density, g.apply(-10), g.apply(10), Truth.knotImages(g), 20_000);
            assertEquals(1, q, 1e-9, g.toString());
        }
    }

    /** The change of variables, exactly: p_g(g(z)) · g'(z) = φ(z) to 1e-12 relative, and g⁻¹(g(z)) = z. */
    @Test
    void changeOfVariablesHoldsPointwise() {
        for (Generator1D g : generators()) {
            for (double z = -7.3; z <= 7.3; z += 0.173) {
                double x = g.apply(z);
                double phi = Gaussian.density(z, 0, 1);
                assertEquals(phi, g.density(x) * g.derivative(z), 1e-12 * phi, g + " z=" + z);
                assertEquals(z, g.inverse(x), 1e-12 * Math.max(1, Math.abs(z)), g + " z=" + z);
                assertEquals(Gaussian.logDensity(z, 0, 1) - Math.log(g.derivative(z)), g.logDensity(x), 1e-12, g + " z=" + z);
            }
        }
    }

    /** dF_g/dx = p_g: a central difference of the cdf Φ(g⁻¹(x)) matches the density to 1e-6 between knots. */
    @Test
    void densityIsTheDerivativeOfTheCdf() {
        double h = 1e-5;
        for (Generator1D g : generators()) {
            for (double z = -4.1; z <= 4.1; z += 0.31) {
                if (!awayFromKnots(g, z, 1e-3)) {
                    continue;
                }
                double x = g.apply(z);
                double hx = h * g.derivative(z);
                double fd = (g.cdf(x + hx) - g.cdf(x - hx)) / (2 * hx);
                assertEquals(g.density(x), fd, 1e-6 * Math.max(1, g.density(x)), g + " z=" + z);
            }
        }
    }

    /**
     * Samples follow p_g: with 400,000 draws (seed 11), the fraction in [x − δ, x + δ] divided by 2δ (a finite
     * difference of the empirical cdf) is within 5 binomial standard errors plus 2 % of p_g(x) at 9 points between
     * knots, δ = 0.02 g'(z); and a KS test against F_g passes at the 1 % level.
     */
    @Test
    void samplesMatchTheDensity() {
        int n = 400_000;
        for (Generator1D g : generators()) {
            double[] s = g.sample(n, new SplittableRandom(11));
            Arrays.sort(s);
            for (double z = -2; z <= 2; z += 0.5) {
                double zz = awayFromKnots(g, z, 0.1) ? z : z + 0.2;
                double x = g.apply(zz);
                double d = 0.02 * g.derivative(zz);
                int count = countBetween(s, x - d, x + d);
                double est = count / (2.0 * d * n);
                double se = Math.sqrt(count) / (2.0 * d * n);
                assertEquals(g.density(x), est, 5 * se + 0.02 * g.density(x), g + " z=" + zz);
            }
            assertTrue(Truth.ks(s, g::cdf) < 1.63 / Math.sqrt(n), g.toString());
        }
    }

    private static int countBetween(double[] sorted, double lo, double hi) {
        return lowerBound(sorted, hi) - lowerBound(sorted, lo);
    }

    private static int lowerBound(double[] a, double v) {
        int i = Arrays.binarySearch(a, v);
        return i >= 0 ? i : -i - 1;
    }

    /** ∂g(z)/∂θ against central differences of g (h = 1e-6) to 1e-8, inside and beyond the knots' range. */
    @Test
    void paramGradientMatchesFiniteDifferences() {
        double h = 1e-6;
        for (Generator1D g : generators()) {
            double[] theta = g.params();
            for (double z = -6.05; z <= 6.05; z += 0.37) {
                double[] grad = g.paramGradient(z);
                for (int j = 0; j < theta.length; j++) {
                    double[] tp = theta.clone();
                    double[] tm = theta.clone();
                    tp[j] += h;
                    tm[j] -= h;
                    double fd = (g.withParams(tp).apply(z) - g.withParams(tm).apply(z)) / (2 * h);
                    assertEquals(fd, grad[j], 1e-8 * Math.max(1, Math.abs(fd)), g + " z=" + z + " θ_" + j);
                }
            }
        }
    }

    /** d/dx log p_g = −z/g'(z) against a central difference of log p_g between knots. */
    @Test
    void scoreMatchesFiniteDifferences() {
        double h = 1e-6;
        for (Generator1D g : generators()) {
            for (double z = -5.1; z <= 5.1; z += 0.3) {
                if (!awayFromKnots(g, z, 1e-3)) {
                    continue;
                }
                double x = g.apply(z);
                double hx = h * g.derivative(z);
                double fd = (g.logDensity(x + hx) - g.logDensity(x - hx)) / (2 * hx);
                assertEquals(fd, g.dLogDensity(x), 1e-6 * Math.max(1, Math.abs(fd)), g + " z=" + z);
            }
        }
    }

    /** Any real parameter vector gives a strictly increasing map; knot values round-trip; withParams leaves the original alone. */
    @Test
    void monotoneForEveryParameterVector() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int rep = 0; rep < 50; rep++) {
            double[] t = new double[2 + rng.nextInt(10)];
            for (int i = 0; i < t.length; i++) {
                t[i] = -8 + 16 * rng.nextDouble();
            }
            MonotoneGenerator g = new MonotoneGenerator(t);
            double prev = Double.NEGATIVE_INFINITY;
            for (double z = -6; z <= 6; z += 0.01) {
                double x = g.apply(z);
                assertTrue(x > prev, "not increasing at z=" + z);
                prev = x;
            }
            MonotoneGenerator back = MonotoneGenerator.fromKnotValues(g.knotValues());
            assertArrayEquals(g.knotValues(), back.knotValues(), 1e-12 * (1 + Math.abs(g.knotValues()[0])));
        }
        MonotoneGenerator g = MonotoneGenerator.fromKnotValues(new double[] {0, 1, 3});
        MonotoneGenerator h = g.withParams(new double[] {5, 0, 0});
        assertArrayEquals(new double[] {0, 1, 3}, g.knotValues(), 1e-15);
        assertArrayEquals(new double[] {5, 6, 7}, h.knotValues(), 1e-15);
        assertArrayEquals(new double[] {-3, 0, 3}, g.knots(), 0);
    }

    /** Knots on a line give exactly N(μ, s²) (and the affine generator is N(μ, s²) with its own parameters). */
    @Test
    void knotsOnALineGiveAGaussian() {
        MonotoneGenerator m = MonotoneGenerator.affine(9, 1.5, 0.7);
        AffineGenerator a = AffineGenerator.ofMeanSd(1.5, 0.7);
        assertEquals(1.5, a.mu(), 0);
        assertEquals(0.7, a.scale(), 1e-15);
        for (double x = -3; x <= 6; x += 0.13) {
            assertEquals(Gaussian.logDensity(x, 1.5, 0.7), m.logDensity(x), 1e-12);
            assertEquals(Gaussian.logDensity(x, 1.5, 0.7), a.logDensity(x), 1e-12);
        }
    }

    /** Invalid parameters are rejected with a message. */
    @Test
    void invalidParametersAreRejected() {
        Mixture1DTest.assertMessage("strictly increasing", () -> MonotoneGenerator.fromKnotValues(new double[] {0, 1, 1}));
        Mixture1DTest.assertMessage("at least 2", () -> MonotoneGenerator.fromKnotValues(new double[] {0}));
        Mixture1DTest.assertMessage("parameter 1 must be finite", () -> new MonotoneGenerator(new double[] {0, Double.NaN}));
        Mixture1DTest.assertMessage("expected 2 parameters", () -> new AffineGenerator(0, 0).withParams(new double[] {1, 2, 3}));
        Mixture1DTest.assertMessage("parameter 0 must be finite", () -> new AffineGenerator(Double.POSITIVE_INFINITY, 0));
        Mixture1DTest.assertMessage("not positive and finite", () -> new AffineGenerator(0, 800));
        Mixture1DTest.assertMessage("scale must be positive", () -> AffineGenerator.ofMeanSd(0, 0));
        Mixture1DTest.assertMessage("expected 3 parameters", () -> MonotoneGenerator.affine(3, 0, 1).withParams(new double[] {1, 2}));
    }
}
