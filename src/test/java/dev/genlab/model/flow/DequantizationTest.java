package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.math.Quadrature;

/**
 * Uniform dequantisation: the bits-per-dimension conversion against a direct computation, and the
 * bound log P(x) ≥ E_u[log p((x+u)/K)] − D log K against P(x) integrated over its cell by quadrature.
 */
class DequantizationTest {

    private static final double LN2 = Math.log(2);

    /**
     * A flow with no couplings is its ActNorm: a factorised Gaussian, y_d ~ N(−b_d/s_d, 1/s_d²). The
     * bits per dimension from {@link Dequantization#evaluate} equal −(1/D) Σ_d log₂ of each dimension's
     * density, computed here from the normal formula on the same noise, plus log₂ K.
     */
    @Test
    void bitsPerDimensionMatchADirectComputation() {
        int dims = 6;
        int k = 8;
        SplittableRandom r = new SplittableRandom(1);
        int[][] x = new int[30][dims];
        for (int[] row : x) {
            for (int d = 0; d < dims; d++) {
                row[d] = r.nextInt(k);
            }
        }
        for (boolean standard : new boolean[] {true, false}) {
            DequantFlow f = new DequantFlow(dims, List.of(), 4, 1, true);
            double[] lambda = new double[dims];
            double[] bias = new double[dims];
            if (!standard) {
                double[] p = new double[2 * dims];
                for (int d = 0; d < dims; d++) {
                    lambda[d] = 0.3 * d - 0.5;
                    bias[d] = 0.2 * d - 0.4;
                    p[d] = lambda[d];
                    p[dims + d] = bias[d];
                }
                f.setParams(p);
            }
            int draws = 3;
            Dequantization.Evaluation e = Dequantization.evaluate(f, x, k, draws, new SplittableRandom(5));
            SplittableRandom u = new SplittableRandom(5);
            double log2Sum = 0;
            for (int t = 0; t < draws; t++) {
                for (int[] row : x) {
                    for (int d = 0; d < dims; d++) {
                        double y = (row[d] + u.nextDouble()) / k;
                        double s = Math.exp(lambda[d]);
                        double mu = -bias[d] / s;
                        double sigma = 1 / s;
                        double dens = Math.exp(-0.5 * Math.pow((y - mu) / sigma, 2)) / (sigma * Math.sqrt(2 * Math.PI));
                        log2Sum += Math.log(dens) / LN2;
                    }
                }
            }
            double direct = -log2Sum / (draws * x.length * dims) + Math.log(k) / LN2;
            assertEquals(direct, e.bitsPerDim(), 1e-12, standard ? "N(0, I)" : "scaled and shifted");
            assertEquals(e.discreteNllBound() / (dims * LN2), e.bitsPerDim(), 1e-12);
            assertEquals(e.continuousNll() + dims * Math.log(k), e.discreteNllBound(), 1e-12, "the −D log K term");
        }
        // every dequantised point lies in its own image's cell
        for (double[] y : Dequantization.dequantise(x, k, new SplittableRandom(6))) {
            assertTrue(java.util.Arrays.stream(Dequantization.levelsOf(y, k)).allMatch(v -> v >= 0 && v < k));
        }
        double[][] y0 = Dequantization.dequantise(x, k, new SplittableRandom(6));
        for (int i = 0; i < x.length; i++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(x[i], Dequantization.levelsOf(y0[i], k));
        }
        assertEquals(3, Dequantization.bitsPerDim(-64 * 3 * LN2, 64), 1e-12);
        assertEquals(Math.log(16) / LN2, Dequantization.bitsPerDim(
                Dequantization.discreteLowerBound(0, 64, 16), 64), 1e-12, "the uniform density on [0, 1)^D: log₂ K");
    }

    /**
     * D = 2, K = 4: P(x) = ∫ p over each of the 16 cells [x/K, (x+1)/K)² by Gauss–Legendre quadrature.
     * Checks that the cells' masses add up to the mass of the unit square (≤ 1); that Monte Carlo over u
     * of K^{−D} E_u[p((x+u)/K)] reproduces P(x) (the equality the bound starts from); and Jensen:
     * log P(x) ≥ E_u[log p((x+u)/K)] − D log K for every cell, with a gap that is positive overall.
     */
    @Test
    void discreteLikelihoodIsBoundedByTheDequantisedOne() {
        int k = 4;
        int dims = 2;
        DequantFlow f = DequantFlowTest.small(dims, 4, 12);
        double sum = 0;
        double gap = 0;
        int m = 4000;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double cell = integrate(f, (double) a / k, (a + 1.0) / k, (double) b / k, (b + 1.0) / k, 2);
                sum += cell;
                double logP = Math.log(cell);
                int[][] x = new int[m][];
                for (int i = 0; i < m; i++) {
                    x[i] = new int[] {a, b};
                }
                double[] lp = f.logDensity(Dequantization.dequantise(x, k, new SplittableRandom(31L * a + b)));
                double mean = 0;
                double meanP = 0;
                for (double v : lp) {
                    mean += v;
                    meanP += Math.exp(v);
                }
                mean /= m;
                meanP /= m;
                double var = 0;
                double varP = 0;
                for (double v : lp) {
                    var += (v - mean) * (v - mean);
                    varP += (Math.exp(v) - meanP) * (Math.exp(v) - meanP);
                }
                double se = Math.sqrt(var / (m - 1) / m);
                double seP = Math.sqrt(varP / (m - 1) / m);
                double bound = Dequantization.discreteLowerBound(mean, dims, k);
                double mcP = Math.pow(k, -dims) * meanP;
                System.out.printf("cell (%d, %d): log P %.5f  MC log K^-D E p %.5f  bound %.5f  gap %.5f%n", a, b,
                        logP, Math.log(mcP), bound, logP - bound);
                assertEquals(cell, mcP, 4 * Math.pow(k, -dims) * seP + 1e-9, "P(x) = K^-D E_u p((x+u)/K)");
                assertTrue(logP >= bound - 4 * se, "cell " + a + ", " + b + ": log P " + logP + " < bound " + bound);
                assertTrue(Dequantization.bitsPerDim(logP, dims) <= Dequantization.bitsPerDim(bound - 4 * se, dims));
                gap += logP - bound;
            }
        }
        double square = integrate(f, 0, 1, 0, 1, 8);
        System.out.printf("Σ_x P(x) %.6f, mass of [0, 1)² %.6f, mean Jensen gap %.5f nats%n", sum, square, gap / (k * k));
        assertEquals(square, sum, 1e-6, "the cells tile the unit square");
        assertTrue(sum <= 1 + 1e-9);
        assertTrue(gap / (k * k) > 1e-3, "Jensen's gap is positive: " + gap / (k * k));
    }

    /** ∫∫ p over a box: panels × panels squares, a 20-point Gauss–Legendre rule on each axis of each. */
    static double integrate(DequantFlow f, double x0, double x1, double y0, double y1, int panels) {
        Quadrature.Rule rule = Quadrature.gaussLegendre(20);
        int q = rule.size();
        int side = panels * q;
        double[] nodesX = new double[side];
        double[] nodesY = new double[side];
        double[] wx = new double[side];
        double[] wy = new double[side];
        for (int p = 0; p < panels; p++) {
            double ax = x0 + (x1 - x0) * p / panels;
            double hx = (x1 - x0) / panels / 2;
            double ay = y0 + (y1 - y0) * p / panels;
            double hy = (y1 - y0) / panels / 2;
            for (int i = 0; i < q; i++) {
                nodesX[p * q + i] = ax + hx * (1 + rule.nodes()[i]);
                wx[p * q + i] = hx * rule.weights()[i];
                nodesY[p * q + i] = ay + hy * (1 + rule.nodes()[i]);
                wy[p * q + i] = hy * rule.weights()[i];
            }
        }
        double[][] pts = new double[side * side][];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                pts[j * side + i] = new double[] {nodesX[i], nodesY[j]};
            }
        }
        double[] lp = f.logDensity(pts);
        double s = 0;
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                s += wx[i] * wy[j] * Math.exp(lp[j * side + i]);
            }
        }
        return s;
    }
}
