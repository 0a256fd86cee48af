package dev.genlab.model.flow.onedim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.model.flow.PlanarLayer;

/**
 * The inverse of every monotone map the app solves for: exact to rounding wherever the sliders or
 * training can take it, checked by mapping the answer forward again (an independent evaluation).
 */
class RootSolveTest {

    /** The case an independent check found wrong: a = −2.85, b = −2.05, c = −1.5 at x = 0.6. */
    @Test
    void theTanhWarpThatCycledIsSolved() {
        TanhWarp w = new TanhWarp(-2.85, -2.05, -1.5);
        double z = w.inverse(0.6);
        assertEquals(0.6, w.forward(z), 1e-12);
    }

    /** Every slider setting of lesson 6's tanh warp (a, b, c in [−3, 3] by 0.05) at x across the plot. */
    @Test
    void theTanhWarpInvertsOverTheWholeSliderBox() {
        int checked = 0;
        double worst = 0;
        for (int ia = -60; ia <= 60; ia += 1) {
            for (int ib = -60; ib <= 60; ib += 1) {
                double a = ia * 0.05;
                double b = ib * 0.05;
                if (!TanhWarp.refusal(a, b).isEmpty()) {
                    continue;
                }
                for (int ic = -60; ic <= 60; ic += 15) {
                    TanhWarp w = new TanhWarp(a, b, ic * 0.05);
                    for (double x = -6; x <= 6; x += 0.3) {
                        double err = Math.abs(w.forward(w.inverse(x)) - x);
                        worst = Math.max(worst, err);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 500_000, "checked " + checked);
        assertTrue(worst < 1e-10, "worst |f(f⁻¹(x)) − x| = " + worst);
    }

    /**
     * Planar layers as training leaves them (wᵀû up to 20): sampling solves for α; a sample mapped
     * back by the closed-form inverse lands where it started.
     */
    @Test
    void planarSamplingIsExactForStrongLayers() {
        SplittableRandom r = new SplittableRandom(3);
        double worst = 0;
        for (int t = 0; t < 400; t++) {
            double th = 2 * Math.PI * r.nextDouble();
            double norm = 0.5 + 4 * r.nextDouble();
            double w1 = norm * Math.cos(th);
            double w2 = norm * Math.sin(th);
            double k = -0.9 + 21 * r.nextDouble();
            // û with wᵀû = k, plus a sideways part
            double side = 3 * r.nextGaussian();
            double u1 = k * w1 / (norm * norm) - side * w2 / norm;
            double u2 = k * w2 / (norm * norm) + side * w1 / norm;
            PlanarLayer layer = new PlanarLayer(w1, w2, u1, u2, 2 * r.nextGaussian());
            int n = 250;
            double[] zx = new double[n];
            double[] zy = new double[n];
            for (int i = 0; i < n; i++) {
                zx[i] = 3 * r.nextGaussian();
                zy[i] = 3 * r.nextGaussian();
            }
            double[] x = zx.clone();
            double[] y = zy.clone();
            layer.forward(x, y, n, null);
            layer.inverse(x, y, n, null);
            for (int i = 0; i < n; i++) {
                worst = Math.max(worst, Math.hypot(x[i] - zx[i], y[i] - zy[i]));
            }
        }
        assertTrue(worst < 1e-8, "worst round trip error " + worst);
    }

    @Test
    void aBracketThatHoldsNoRootIsReportedNotGuessed() {
        assertThrows(ArithmeticException.class,
                () -> RootSolve.increasing(z -> z, z -> 1, 5, -1, 1), "the root 5 is outside [−1, 1]");
        assertThrows(ArithmeticException.class,
                () -> RootSolve.increasing(z -> Double.NaN, z -> 1, 0, -1, 1), "a map that is not finite");
    }

    @Test
    void aSteepFlatStepIsStillSolved() {
        // f nearly flat then steep: Newton from the middle overshoots back and forth
        double z = RootSolve.increasing(v -> Math.atan(50 * v) + 0.001 * v, v -> 50 / (1 + 2500 * v * v) + 0.001,
                1.2, -10, 10);
        assertEquals(1.2, Math.atan(50 * z) + 0.001 * z, 1e-12);
    }
}
