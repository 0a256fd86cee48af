package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Gaussian2DTest {

    private final Gaussian2D g = new Gaussian2D(0.5, -1.0, 2.0, 0.9, 0.8);

    @Test
    void logDensityMatchesExplicitInverseFormula() {
        double sxx = 2.0;
        double sxy = 0.9;
        double syy = 0.8;
        double det = sxx * syy - sxy * sxy;
        double i11 = syy / det;
        double i12 = -sxy / det;
        double i22 = sxx / det;
        for (double[] p : new double[][] {{0, 0}, {0.5, -1}, {3, 2}, {-4, -5}, {1.7, -0.3}}) {
            double dx = p[0] - 0.5;
            double dy = p[1] + 1.0;
            double q = i11 * dx * dx + 2 * i12 * dx * dy + i22 * dy * dy;
            double direct = Math.log(Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det)));
            assertEquals(direct, g.logDensity(p[0], p[1]), 1e-12);
        }
        double[] l = g.cholesky();
        assertEquals(sxx, l[0] * l[0], 1e-14);
        assertEquals(sxy, l[1] * l[0], 1e-14);
        assertEquals(syy, l[1] * l[1] + l[2] * l[2], 1e-14);
    }

    @Test
    void closedFormEntropyMatchesQuadrature() {
        double sx = Math.sqrt(2.0);
        double sy = Math.sqrt(0.8);
        double[] box = {0.5 - 9 * sx, 0.5 + 9 * sx, -1 - 9 * sy, -1 + 9 * sy};
        double mass = GridIntegral.mass(g::logDensity, box[0], box[1], box[2], box[3], 400);
        double h = GridIntegral.entropy(g::logDensity, box[0], box[1], box[2], box[3], 400);
        assertEquals(1.0, mass, 1e-9);
        assertEquals(g.entropy(), h, 1e-8);
        assertEquals(1 + Math.log(2 * Math.PI) + 0.5 * Math.log(2.0 * 0.8 - 0.81), g.entropy(), 1e-14);
    }

    @Test
    void klMatchesQuadrature() {
        Gaussian2D q = new Gaussian2D(-0.3, 0.2, 1.0, -0.2, 1.5);
        double kl = GridIntegral.midpoint((x, y) -> g.density(x, y) * (g.logDensity(x, y) - q.logDensity(x, y)),
                -12, 13, -10, 8, 500);
        assertEquals(kl, g.kl(q), 1e-7);
        assertEquals(0.0, g.kl(g), 1e-14);
    }

    @Test
    void samplesHaveTheRequestedMeanAndCovariance() {
        SplittableRandom rng = new SplittableRandom(42);
        int n = 200_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            g.sample(rng, xs, i, ys, i);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i];
            my += ys[i];
        }
        mx /= n;
        my /= n;
        double cxx = 0;
        double cxy = 0;
        double cyy = 0;
        for (int i = 0; i < n; i++) {
            cxx += (xs[i] - mx) * (xs[i] - mx);
            cxy += (xs[i] - mx) * (ys[i] - my);
            cyy += (ys[i] - my) * (ys[i] - my);
        }
        // Tolerances are ~6 standard errors (e.g. √(2·2²/n) ≈ 0.0063 for σxx).
        assertEquals(0.5, mx, 0.02);
        assertEquals(-1.0, my, 0.012);
        assertEquals(2.0, cxx / n, 0.04);
        assertEquals(0.9, cxy / n, 0.03);
        assertEquals(0.8, cyy / n, 0.016);
    }

    @Test
    void rejectsCovarianceThatIsNotPositiveDefinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Gaussian2D(0, 0, 1, 1.5, 1));
        assertTrue(e.getMessage().contains("not positive definite"), e.getMessage());
        assertTrue(e.getMessage().contains("correlation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Gaussian2D(0, 0, -1, 0, 1));
        assertTrue(e.getMessage().contains("variances must be > 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Gaussian2D(Double.NaN, 0, 1, 0, 1));
        assertTrue(e.getMessage().contains("mean must be finite"), e.getMessage());
    }
}
