package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {

    @Test
    void logDensityMatchesTextbookFormula() {
        double mu = 0.7;
        double s = 1.3;
        double x = -0.4;
        double direct = Math.log(1 / (s * Math.sqrt(2 * Math.PI)) * Math.exp(-(x - mu) * (x - mu) / (2 * s * s)));
        assertEquals(direct, Gaussian.logDensity(x, mu, s), 1e-14);
    }

    @Test
    void entropyAndKlMatchQuadrature() {
        double mu1 = 0.3;
        double s1 = 0.8;
        double mu2 = -0.5;
        double s2 = 1.7;
        double h = Quadrature.integrate(x -> -Gaussian.density(x, mu1, s1) * Gaussian.logDensity(x, mu1, s1),
                mu1 - 12 * s1, mu1 + 12 * s1, 64, 10);
        assertEquals(h, Gaussian.entropy(s1), 1e-12);
        double kl = Quadrature.integrate(
                x -> Gaussian.density(x, mu1, s1) * (Gaussian.logDensity(x, mu1, s1) - Gaussian.logDensity(x, mu2, s2)),
                mu1 - 12 * s1, mu1 + 12 * s1, 64, 10);
        assertEquals(kl, Gaussian.kl(mu1, s1, mu2, s2), 1e-12);
        assertEquals(0.0, Gaussian.kl(mu1, s1, mu1, s1), 0);
    }

    @Test
    void samplesHaveTheRightMoments() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double v = Gaussian.sample(2.0, 0.5, rng);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        // Standard errors: 0.5/√n ≈ 0.0011 for the mean, 0.25·√(2/n) ≈ 0.0008 for the variance.
        assertEquals(2.0, mean, 0.006);
        assertEquals(0.25, var, 0.004);
    }

    @Test
    void rejectsNonPositiveSigma() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gaussian.logDensity(0, 0, 0));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}
