package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuadratureTest {

    @Test
    void fivePointRuleMatchesPublishedNodesAndWeights() {
        Quadrature.Rule r = Quadrature.gaussLegendre(5);
        // Abramowitz & Stegun table 25.4.
        double a = Math.sqrt(5 - 2 * Math.sqrt(10.0 / 7)) / 3;
        double b = Math.sqrt(5 + 2 * Math.sqrt(10.0 / 7)) / 3;
        double[] nodes = {-b, -a, 0, a, b};
        double wa = (322 + 13 * Math.sqrt(70)) / 900;
        double wb = (322 - 13 * Math.sqrt(70)) / 900;
        double[] weights = {wb, wa, 128.0 / 225, wa, wb};
        for (int i = 0; i < 5; i++) {
            assertEquals(nodes[i], r.nodes()[i], 1e-15);
            assertEquals(weights[i], r.weights()[i], 1e-15);
        }
        assertEquals(2.0, Quadrature.gaussLegendre(1).weights()[0], 0);
    }

    @Test
    void exactForPolynomialsUpToDegreeTwoNMinusOne() {
        for (int n = 1; n <= 20; n++) {
            int deg = 2 * n - 1;
            double q = Quadrature.integrate(x -> Math.pow(x, deg) + Math.pow(x, deg - 1), 0, 1, 1, n);
            assertEquals(1.0 / (deg + 1) + 1.0 / deg, q, 1e-13, "n=" + n);
        }
    }

    @Test
    void compositeRuleConvergesOnASmoothIntegrand() {
        double q = Quadrature.integrate(Math::exp, -1, 2, 4, 8);
        assertEquals(Math.exp(2) - Math.exp(-1), q, 1e-13);
    }
}
