package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * RNADE against independent truths: the gradient by finite differences, the 2-D density integrating to 1
 * by quadrature, the samples' moments against the density's, and training that lowers the NLL of a
 * two-cluster toy below the best single Gaussian's.
 */
class RnadeTest {

    static Rnade random(int dims, int hidden, int k, long seed, double scale) {
        Rnade m = new Rnade(dims, hidden, k, seed);
        SplittableRandom r = new SplittableRandom(seed + 9);
        double[] p = m.params();
        for (int i = 0; i < p.length; i++) {
            p[i] += scale * (2 * r.nextDouble() - 1);
        }
        return m;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Rnade m = random(3, 5, 3, 4, 0.4);
        SplittableRandom r = new SplittableRandom(1);
        double[] data = new double[6 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = 2 * r.nextDouble() - 1;
        }
        int[] rows = {0, 1, 2, 3, 4, 5, 1};
        m.lossAndGradient(data, rows);
        double[] analytic = m.gradient().clone();
        double[] p = m.params();
        double h = 1e-6;
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = m.lossAndGradient(data, rows);
            p[i] = keep - h;
            double down = m.lossAndGradient(data, rows);
            p[i] = keep;
            double numeric = (up - down) / (2 * h);
            diff += (numeric - analytic[i]) * (numeric - analytic[i]);
            norm += analytic[i] * analytic[i];
        }
        assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
    }

    /** ∫∫ p, E[x₁] and E[x₂] by the midpoint rule on [−12, 12]². */
    static double[] quadrature(Rnade m) {
        int n = 600;
        double lo = -12;
        double step = 24.0 / n;
        double mass = 0;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double[] x = {lo + (i + 0.5) * step, lo + (j + 0.5) * step};
                double q = Math.exp(m.logDensity(x)) * step * step;
                mass += q;
                m1 += q * x[0];
                m2 += q * x[1];
            }
        }
        return new double[] {mass, m1, m2};
    }

    @Test
    void theDensityIntegratesToOneAndTheSamplesFollowIt() {
        Rnade m = random(2, 6, 3, 7, 0.8);
        double[] q = quadrature(m);
        assertEquals(1.0, q[0], 1e-4, "the 2-D density integrates to 1");
        int n = 40_000;
        double[] s = m.sample(n, new SplittableRandom(3));
        for (int d = 0; d < 2; d++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                mean += s[i * 2 + d];
                sq += s[i * 2 + d] * s[i * 2 + d];
            }
            mean /= n;
            double se = Math.sqrt((sq / n - mean * mean) / n);
            assertEquals(q[1 + d], mean, 4 * se, "E[x" + (d + 1) + "]");
        }
    }

    @Test
    void trainingOnTwoClustersBeatsTheBestGaussian() {
        // x₁ ~ ±1.5 with noise 0.3, x₂ = x₁² − 1 plus noise 0.2: bimodal and curved
        SplittableRandom r = new SplittableRandom(5);
        int n = 2_000;
        double[] data = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x1 = (r.nextBoolean() ? 1.5 : -1.5) + 0.3 * gaussian(r);
            data[2 * i] = x1;
            data[2 * i + 1] = x1 * x1 - 1 + 0.2 * gaussian(r);
        }
        Rnade m = new Rnade(2, 16, 4, 1);
        double[] p = m.params();
        double[] mom = new double[p.length];
        double[] vel = new double[p.length];
        int[] batch = new int[64];
        for (int t = 1; t <= 1500; t++) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = r.nextInt(n);
            }
            m.lossAndGradient(data, batch);
            double[] g = m.gradient();
            for (int i = 0; i < p.length; i++) {
                mom[i] = 0.9 * mom[i] + 0.1 * g[i];
                vel[i] = 0.999 * vel[i] + 0.001 * g[i] * g[i];
                p[i] -= 0.01 * (mom[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(vel[i] / (1 - Math.pow(0.999, t))) + 1e-8);
            }
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double nll = m.lossAndGradient(data, all);
        // the best full-covariance Gaussian's NLL: ½ ln det(2πe Σ)
        double[] mean = new double[2];
        for (int i = 0; i < n; i++) {
            mean[0] += data[2 * i] / n;
            mean[1] += data[2 * i + 1] / n;
        }
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double a = data[2 * i] - mean[0];
            double b = data[2 * i + 1] - mean[1];
            sxx += a * a / n;
            syy += b * b / n;
            sxy += a * b / n;
        }
        double gaussianNll = 0.5 * Math.log(Math.pow(2 * Math.PI * Math.E, 2) * (sxx * syy - sxy * sxy));
        assertTrue(nll < gaussianNll - 0.5, "RNADE " + nll + " nats against the best Gaussian's " + gaussianNll);
    }

    private static double gaussian(SplittableRandom r) {
        return NadeTest.gaussian(r);
    }
}
