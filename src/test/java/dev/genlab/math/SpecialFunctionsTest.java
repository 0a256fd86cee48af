package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    @Test
    void matchesPublishedValues() {
        // Abramowitz & Stegun table 9.8 / mpmath besseli(0, x).
        assertEquals(0.0, SpecialFunctions.logBesselI0(0), 0);
        assertEquals(Math.log(1.2660658777520082), SpecialFunctions.logBesselI0(1), 1e-15);
        assertEquals(Math.log(2815.716628466254), SpecialFunctions.logBesselI0(10), 1e-14);
        assertEquals(Math.log(2815.716628466254), SpecialFunctions.logBesselI0(-10), 1e-14);
    }

    @Test
    void matchesIntegralRepresentationOnBothBranches() {
        // log I₀(x) = x + log((1/π) ∫_0^π e^{x(cos θ − 1)} dθ), integrated by Gauss–Legendre.
        for (double x : new double[] {0.1, 3, 17, 29.9, 30.1, 45, 120, 800, 5000}) {
            double scaled = Quadrature.integrate(t -> Math.exp(x * (Math.cos(t) - 1)), 0, Math.PI, 200, 10) / Math.PI;
            double expected = x + Math.log(scaled);
            assertEquals(expected, SpecialFunctions.logBesselI0(x), 1e-12 * Math.max(1, expected), "x=" + x);
        }
        assertEquals(Math.exp(-800 + SpecialFunctions.logBesselI0(800)), SpecialFunctions.besselI0Scaled(800), 1e-15);
    }
}
