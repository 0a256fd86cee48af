package dev.genlab.model.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Data a student draws can be degenerate: two straight strokes (an X) put whole components on a line,
 * where the maximum-likelihood covariance is singular. EM regularises Σ_k instead of diverging.
 */
class DegenerateDataTest {

    /** Points every 0.12 along the two diagonals of a square, as a mouse drag lays them. */
    static double[][] anX() {
        int m = 50;
        double[] xs = new double[2 * m];
        double[] ys = new double[2 * m];
        for (int i = 0; i < m; i++) {
            double t = -3 + 0.12 * i;
            xs[i] = t;
            ys[i] = t;
            xs[m + i] = t;
            ys[m + i] = -t;
        }
        return new double[][] {xs, ys};
    }

    @Test
    void twoStraightStrokesTrainWithoutDiverging() {
        double[][] d = anX();
        for (int k = 1; k <= 8; k++) {
            for (GaussianMixtureEm.Init init : GaussianMixtureEm.Init.values()) {
                GaussianMixtureEm em = new GaussianMixtureEm(d[0], d[1], k);
                em.initialise(init, new SplittableRandom(k));
                double ll = em.eStep();
                for (int it = 0; it < 200; it++) {
                    em.mStep();
                    ll = em.eStep();
                    assertTrue(Double.isFinite(ll) && em.isHealthy(), "K=" + k + " " + init + " iteration " + it + ": " + ll);
                }
            }
        }
    }

    @Test
    void theRegulariserIsAddedToEveryCovarianceAndScalesWithTheData() {
        double[][] d = anX();
        GaussianMixtureEm em = new GaussianMixtureEm(d[0], d[1], 2);
        em.initialise(GaussianMixtureEm.Init.KMEANS_PP, new SplittableRandom(1));
        assertEquals(GaussianMixtureEmTest.lambda(d), em.regulariser(), 1e-15);
        em.eStep();
        em.mStep();
        double[] c = em.covs();
        for (int j = 0; j < 2; j++) {
            double det = c[3 * j] * c[3 * j + 2] - c[3 * j + 1] * c[3 * j + 1];
            // a component on one line has one direction of variance λ at least: det ≥ λ · (its other variance)
            assertTrue(det > 0.5 * em.regulariser() * Math.min(c[3 * j], c[3 * j + 2]), "det " + det);
        }
    }
}
