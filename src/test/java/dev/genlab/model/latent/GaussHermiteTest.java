package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Gauss–Hermite rule integrates the moments of N(0,1): E[t^{2k}] = (2k − 1)!!, odd moments 0. */
class GaussHermiteTest {

    @Test
    void momentsOfTheStandardNormal() {
        for (int n : new int[] {1, 2, 5, 40, 64}) {
            GaussHermite.Rule r = GaussHermite.rule(n);
            for (int p = 0; p <= Math.min(2 * n - 1, 12); p++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += r.weights()[i] * Math.pow(r.nodes()[i], p);
                }
                double truth = p % 2 == 1 ? 0 : doubleFactorial(p - 1);
                // E|t|^p bounds the size of the terms; the rule is exact up to rounding relative to that
                assertEquals(truth, s, 1e-12 * Math.max(1, doubleFactorial(p - 1 + p % 2)), "n = " + n + ", moment " + p);
            }
        }
        // a non-polynomial: E[cos t] = e^{-1/2}
        GaussHermite.Rule r = GaussHermite.rule(40);
        double s = 0;
        for (int i = 0; i < 40; i++) {
            s += r.weights()[i] * Math.cos(r.nodes()[i]);
        }
        assertEquals(Math.exp(-0.5), s, 1e-13);
    }

    private static double doubleFactorial(int k) {
        double f = 1;
        for (int i = k; i > 1; i -= 2) {
            f *= i;
        }
        return f;
    }
}
