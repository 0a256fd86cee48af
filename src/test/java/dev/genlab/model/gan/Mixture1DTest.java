package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.math.Gaussian;

/** Truth tests of {@link Mixture1D}: normalisation, tails, cdf, sampling, edits and validation. */
class Mixture1DTest {

    static final Mixture1D THREE = new Mixture1D(new double[] {2, 1, 1}, new double[] {-2, 0.5, 3}, new double[] {0.6, 0.3, 1.2});

    /** ∫ p = 1 to 1e-9 by a 200,000-step trapezoid rule on ±10 sds, for one, two and three components. */
    @Test
    void pdfIntegratesToOne() {
        Mixture1D[] ms = {
            Mixture1D.gaussian(1, 0.05),
            new Mixture1D(new double[] {0.3, 0.7}, new double[] {-5, 5}, new double[] {1, 2}),
            THREE,
        };
        for (Mixture1D m : ms) {
            Interval r = m.bounds(10);
            assertEquals(1, Truth.trapezoid(m::pdf, r.lo(), r.hi(), 200_000), 1e-9, m.toString());
        }
    }

    /** Weights are normalised: (2, 1, 1) becomes (½, ¼, ¼); p is that mixture of Gaussian densities. */
    @Test
    void pdfIsTheWeightedSumOfComponents() {
        assertArrayEquals(new double[] {0.5, 0.25, 0.25}, THREE.weights(), 1e-15);
        for (double x = -6; x <= 6; x += 0.37) {
            double p = 0.5 * Gaussian.density(x, -2, 0.6) + 0.25 * Gaussian.density(x, 0.5, 0.3) + 0.25 * Gaussian.density(x, 3, 1.2);
            assertEquals(p, THREE.pdf(x), 1e-15 + 1e-13 * p, "x=" + x);
            assertEquals(Math.log(p), THREE.logPdf(x), 1e-12, "x=" + x);
        }
    }

    /**
     * Far in the tails every component's density underflows (pdf = 0) but log p stays finite and equals the
     * dominant component's log density plus its log weight: at x = 400 the widest component (σ = 1.2, μ = 3)
     * dominates the others by e^{−(huge)}.
     */
    @Test
    void logPdfIsStableInTheTails() {
        double x = 400;
        assertEquals(0, THREE.pdf(x), 0);
        double expected = Math.log(0.25) + Gaussian.logDensity(x, 3, 1.2);
        assertEquals(expected, THREE.logPdf(x), 1e-9 * Math.abs(expected));
        assertTrue(Double.isFinite(THREE.logPdf(-1e6)));
    }

    /** The score d/dx log p matches a central difference of log p to 1e-7. */
    @Test
    void scoreMatchesFiniteDifference() {
        double h = 1e-5;
        for (double x = -8; x <= 8; x += 0.29) {
            double fd = (THREE.logPdf(x + h) - THREE.logPdf(x - h)) / (2 * h);
            assertEquals(fd, THREE.dLogPdf(x), 1e-6 * Math.max(1, Math.abs(fd)), "x=" + x);
        }
    }

    /** Φ at published values (values from mpmath at 30 digits): absolute 1e-14, relative 1e-13 in the tails (z ≤ −5). */
    @Test
    void standardNormalCdfAtKnownValues() {
        assertEquals(0.5, StdNormal.cdf(0), 1e-16);
        assertEquals(0.8413447460685429, StdNormal.cdf(1), 1e-14);
        assertEquals(0.024997895148220435, StdNormal.cdf(-1.96), 1e-14);
        assertEquals(0.9986501019683699, StdNormal.cdf(3), 1e-14);
        assertEquals(2.866515718791939e-07, StdNormal.cdf(-5), 1e-13 * 2.87e-7);
        assertEquals(1.279812543885835e-12, StdNormal.cdf(-7), 1e-13 * 1.28e-12);
        assertEquals(6.220960574271785e-16, StdNormal.cdf(-8), 1e-13 * 6.22e-16);
        assertEquals(7.619853024160527e-24, StdNormal.cdf(-10), 1e-13 * 7.62e-24);
        assertEquals(2.7536241186062337e-89, StdNormal.cdf(-20), 1e-13 * 2.75e-89);
        assertEquals(3.190891672910896e-14, StdNormal.cdf(-7.5), 1e-13 * 3.19e-14);
        assertEquals(1, StdNormal.cdf(40), 0);
    }

    /** F(b) − F(a) = ∫_a^b p by Simpson (40,000 steps) to 1e-12, on several intervals. */
    @Test
    void cdfMatchesTheIntegralOfThePdf() {
        double lo = THREE.bounds(12).lo();
        for (double b = -5; b <= 7; b += 1.3) {
            double q = Truth.simpson(THREE::pdf, lo, b, 40_000);
            assertEquals(q, THREE.cdf(b) - THREE.cdf(lo), 1e-12, "b=" + b);
        }
    }

    /**
     * 5,000 draws (seed 7) pass a Kolmogorov–Smirnov test against F at the 1 % level (D &lt; 1.63/√n = 0.023);
     * against the mixture with the first two weights swapped they fail it, so the test can fail.
     */
    @Test
    void samplesFollowTheCdf() {
        int n = 5000;
        double[] s = THREE.sample(n, new SplittableRandom(7));
        double bound = 1.63 / Math.sqrt(n);
        double d = Truth.ks(s, THREE::cdf);
        assertTrue(d < bound, "KS statistic " + d + " ≥ " + bound);
        Mixture1D swapped = new Mixture1D(new double[] {1, 2, 1}, THREE.means(), THREE.sds());
        assertTrue(Truth.ks(s, swapped::cdf) > bound);
    }

    /** bounds() leaves out less than 1e-9 of the mass (and more than 1e-11, so it is not wastefully wide). */
    @Test
    void boundsHoldAllButABillionth() {
        for (Mixture1D m : new Mixture1D[] {THREE, Mixture1D.gaussian(0, 1), Mixture1D.gaussian(100, 1e-3)}) {
            Interval r = m.bounds();
            double outside = m.cdf(r.lo()) + (1 - m.cdf(r.hi()));
            assertTrue(outside < 1e-9 && outside > 1e-11, m + ": " + outside);
        }
    }

    /** Edits return new normalised mixtures and leave the original as it was. */
    @Test
    void editsReturnNewMixtures() {
        Mixture1D moved = THREE.withMean(1, 4);
        assertEquals(4, moved.mean(1), 0);
        assertEquals(0.5, THREE.mean(1), 0);
        Mixture1D resized = THREE.withSd(2, 0.1);
        assertEquals(0.1, resized.sd(2), 0);
        Mixture1D reweighted = THREE.withComponent(0, 0.0, -2, 0.6);
        assertArrayEquals(new double[] {0, 0.5, 0.5}, reweighted.weights(), 1e-15);
        Mixture1D added = THREE.withAdded(1, 10, 2);
        assertEquals(4, added.size());
        assertArrayEquals(new double[] {0.25, 0.125, 0.125, 0.5}, added.weights(), 1e-15);
        Mixture1D removed = THREE.withRemoved(0);
        assertArrayEquals(new double[] {0.5, 0.5}, removed.weights(), 1e-15);
        assertArrayEquals(new double[] {0.5, 3}, removed.means(), 0);
        assertEquals(3, THREE.size());
    }

    /** Invalid input is rejected with a message naming what is wrong. */
    @Test
    void invalidInputIsRejected() {
        double[] one = {1};
        assertMessage("standard deviation 0", () -> new Mixture1D(one, one, new double[] {0}));
        assertMessage("standard deviation 0", () -> new Mixture1D(one, one, new double[] {Double.NaN}));
        assertMessage("standard deviation 0", () -> new Mixture1D(one, one, new double[] {Double.POSITIVE_INFINITY}));
        assertMessage("mean 0", () -> new Mixture1D(one, new double[] {Double.NaN}, one));
        assertMessage("mean 0", () -> new Mixture1D(one, new double[] {Double.NEGATIVE_INFINITY}, one));
        assertMessage("weight 1", () -> new Mixture1D(new double[] {1, -0.5}, new double[] {0, 1}, new double[] {1, 1}));
        assertMessage("weight 0", () -> new Mixture1D(new double[] {Double.NaN}, one, one));
        assertMessage("weight 0", () -> new Mixture1D(new double[] {Double.POSITIVE_INFINITY}, one, one));
        assertMessage("positive finite sum", () -> new Mixture1D(new double[] {0, 0}, new double[] {0, 1}, new double[] {1, 1}));
        assertMessage("same length", () -> new Mixture1D(new double[] {1, 1}, one, one));
        assertMessage("at least one", () -> new Mixture1D(new double[0], new double[0], new double[0]));
        assertMessage("only component", () -> Mixture1D.gaussian(0, 1).withRemoved(0));
        assertMessage("no component 3", () -> THREE.withMean(3, 0));
        assertMessage("standard deviation 1", () -> THREE.withSd(1, -1));
    }

    static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' lacks '" + part + "'");
    }
}
