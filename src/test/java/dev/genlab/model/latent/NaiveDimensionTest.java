package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Naive Monte Carlo gets worse with the latent dimension: pPCA fitted with M = 1, 2, 4, 8 latents on
 * the same synthetic D = 16 data (drawn from a pPCA with 8 latent directions of decaying scale); the
 * spread (sd over 40 repeats) of the naive estimate at K = 1,000 for the same points grows with M.
 *
 * <p>Measured for the five points (rows) and M = 1, 2, 4, 8 (columns), in nats:
 * <pre>
 *   0.075  0.246  1.572  38.4
 *   0.061  0.097  0.532  21.2
 *   0.047  0.093  0.474  25.7
 *   0.091  0.245  1.633  47.1
 *   0.049  0.118  0.573  28.1
 * </pre>
 * The test asserts what was measured: each step up in M multiplies the sd by more than 1.5 at every
 * point. The prior covers the posterior's volume worse in every extra direction, so the largest of the
 * K weights dominates more and more; at M = 8 the estimate is useless at K = 1,000.
 */
class NaiveDimensionTest {

    static final int[] LATENTS = {1, 2, 4, 8};

    static double[][] spreads() {
        SplittableRandom rng = new SplittableRandom(41);
        int d = 16;
        double[][] w = new double[d][8];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < 8; j++) {
                w[i][j] = 2 * Math.pow(0.85, j) * rng.nextGaussian();
            }
        }
        Ppca truth = Ppca.of(new double[d], w, 0.1);
        double[][] data = new double[5000][];
        for (int n = 0; n < data.length; n++) {
            data[n] = truth.sample(rng);
        }
        double[][] sd = new double[5][LATENTS.length];
        for (int a = 0; a < LATENTS.length; a++) {
            Ppca p = Ppca.fit(data, LATENTS[a]);
            for (int t = 0; t < 5; t++) {
                double[] x = data[t];
                sd[t][a] = Estimators.repeat(r -> Estimators.naive(p, x, 1000, r), 40, 42 + t).sd();
            }
        }
        return sd;
    }

    @Test
    void spreadGrowsWithLatentDimension() {
        double[][] sd = spreads();
        for (int t = 0; t < sd.length; t++) {
            for (int a = 1; a < LATENTS.length; a++) {
                assertTrue(sd[t][a] > 1.5 * sd[t][a - 1], "point " + t + ": sd at M = " + LATENTS[a] + " is " + sd[t][a]
                        + ", at M = " + LATENTS[a - 1] + " " + sd[t][a - 1]);
            }
        }
    }
}
