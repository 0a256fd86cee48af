package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Truth tests of {@link DiagGaussian}. */
class DiagGaussianTest {

    /**
     * KL(q ‖ p) in closed form equals the Monte Carlo mean of log q(z) − log p(z), z ~ q (200,000
     * draws), within 4 standard errors; and klToStandardNormal is the special case p = N(0, I).
     */
    @Test
    void klMatchesMonteCarlo() {
        SplittableRandom rng = new SplittableRandom(11);
        DiagGaussian q = new DiagGaussian(new double[] {0.5, -1, 2}, new double[] {0.7, 1.5, 0.3});
        DiagGaussian p = new DiagGaussian(new double[] {0, 0.5, 1}, new double[] {1.2, 1, 0.8});
        for (DiagGaussian target : new DiagGaussian[] {p, DiagGaussian.standard(3)}) {
            int n = 200_000;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < n; i++) {
                double[] z = q.sample(rng);
                double v = q.logDensity(z) - target.logDensity(z);
                sum += v;
                sumSq += v * v;
            }
            double mean = sum / n;
            double se = Math.sqrt((sumSq / n - mean * mean) / n);
            double kl = DiagGaussian.kl(q, target);
            assertTrue(Math.abs(kl - mean) < 4 * se, "closed form " + kl + " vs MC " + mean + " ± " + se);
        }
        assertEquals(DiagGaussian.kl(q, DiagGaussian.standard(3)), q.klToStandardNormal(), 1e-12);
        assertEquals(0, DiagGaussian.kl(q, q), 1e-15);
    }

    /** log q integrates to the Gaussian formula: the density at the mean is Π 1/(√(2π) s_j); samples have the right moments. */
    @Test
    void densityAndSamples() {
        DiagGaussian q = new DiagGaussian(new double[] {1, -2}, new double[] {0.5, 2});
        assertEquals(-Math.log(2 * Math.PI * 0.5 * 2), q.logDensity(new double[] {1, -2}), 1e-12);
        SplittableRandom rng = new SplittableRandom(12);
        double m0 = 0;
        double v1 = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double[] z = q.sample(rng);
            m0 += z[0] / n;
            v1 += (z[1] + 2) * (z[1] + 2) / n;
        }
        assertEquals(1, m0, 4 * 0.5 / Math.sqrt(n));
        assertEquals(4, v1, 0.1);
        assertEquals(2, q.dim());
    }

    /** The record is immutable: changing a returned or passed array changes nothing; bad sds are refused. */
    @Test
    void immutableAndValidated() {
        double[] mean = {1};
        DiagGaussian q = new DiagGaussian(mean, new double[] {1});
        mean[0] = 5;
        q.mean()[0] = 7;
        assertEquals(1, q.mean(0));
        assertThrows(IllegalArgumentException.class, () -> new DiagGaussian(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new DiagGaussian(new double[] {0}, new double[] {1, 1}));
    }
}
