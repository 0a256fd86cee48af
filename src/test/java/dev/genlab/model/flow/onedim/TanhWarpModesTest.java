package dev.genlab.model.flow.onedim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Lesson 6, "A smooth warp", says: with c = 0 and a standard normal base, p_x has two bumps exactly
 * when a·b·(2b² − 1) > 1, so that a = 0.8 (b = 1) only flattens the top and a = 2 splits it. Checked
 * here by counting the local maxima of p_x(x) = φ(z) / f'(z), x = f(z), on a fine grid of z (f is
 * increasing, so maxima along z are maxima along x), over the knobs' box; settings within 3 % of
 * the boundary, where the two bumps are too shallow for a grid to separate, are left out.
 */
class TanhWarpModesTest {

    private static int modes(TanhWarp f) {
        int n = 40_001;
        double prev = Double.NaN;
        double prev2 = Double.NaN;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double z = -8 + 16.0 * i / (n - 1);
            double p = Math.exp(-0.5 * z * z) / f.derivative(z);
            if (i >= 2 && prev > prev2 && prev >= p) {
                count++;
            }
            prev2 = prev;
            prev = p;
        }
        return count;
    }

    @Test
    void twoBumpsExactlyWhenTheLessonSays() {
        int checked = 0;
        for (double a = -3; a <= 3.0001; a += 0.1) {
            for (double b = -3; b <= 3.0001; b += 0.1) {
                if (a * b < TanhWarp.MIN_AB) {
                    continue;
                }
                double q = a * b * (2 * b * b - 1);
                if (Math.abs(q - 1) < 0.03) {
                    continue;
                }
                int m = modes(new TanhWarp(a, b, 0));
                assertEquals(q > 1 ? 2 : 1, m, String.format("a = %.1f, b = %.1f: ab(2b²-1) = %.3f", a, b, q));
                checked++;
            }
        }
        assertTrue(checked > 2000, "settings checked: " + checked);
        assertEquals(1, modes(new TanhWarp(0.8, 1, 0)), "a = 0.8, b = 1: one flat-topped bump");
        assertEquals(2, modes(new TanhWarp(2, 1, 0)), "a = 2, b = 1: two bumps");
    }
}
