package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The D-dimensional flow: inverse and log-det against finite differences on small D, parameter gradients
 * against finite differences, a density that integrates to 1, and maximum likelihood on 8 × 8 digits.
 */
class DequantFlowTest {

    /** A small flow with every part non-trivial: random couplings and an ActNorm fitted to spread points. */
    static DequantFlow small(int dims, int couplings, long seed) {
        List<boolean[]> masks = new java.util.ArrayList<>();
        for (int k = 0; k < couplings; k++) {
            boolean[] m = k % 2 == 0 ? DequantFlow.halves(dims, k % 4 == 0) : new boolean[dims];
            if (k % 2 == 1) {
                for (int d = 0; d < dims; d++) {
                    m[d] = (d % 2 == 0) == (k % 4 == 1);
                }
            }
            masks.add(m);
        }
        DequantFlow f = new DequantFlow(dims, masks, 6, seed, false);
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[][] pts = new double[50][dims];
        for (double[] p : pts) {
            for (int d = 0; d < dims; d++) {
                p[d] = 0.5 + 0.2 * (d + 1) * r.nextGaussian();
            }
        }
        f.initialiseActNorm(pts);
        return f;
    }

    @Test
    void inverseUndoesForwardAndLogDetMatchesFiniteDifferences() {
        int dims = 4;
        DequantFlow f = small(dims, 4, 3);
        SplittableRandom r = new SplittableRandom(5);
        double h = 1e-6;
        for (int trial = 0; trial < 10; trial++) {
            double[] z = new double[dims];
            for (int d = 0; d < dims; d++) {
                z[d] = r.nextGaussian();
            }
            // the D columns of ∂f/∂z by central differences: 2D points through forward at once
            double[][] pts = new double[2 * dims + 1][];
            for (int d = 0; d < dims; d++) {
                pts[2 * d] = z.clone();
                pts[2 * d][d] += h;
                pts[2 * d + 1] = z.clone();
                pts[2 * d + 1][d] -= h;
            }
            pts[2 * dims] = z.clone();
            double[] ld = new double[2 * dims + 1];
            double[][] x = f.forward(pts, ld);
            double[][] jac = new double[dims][dims];
            for (int d = 0; d < dims; d++) {
                for (int e = 0; e < dims; e++) {
                    jac[e][d] = (x[2 * d][e] - x[2 * d + 1][e]) / (2 * h);
                }
            }
            double fdLogDet = logAbsDet(jac);
            assertEquals(fdLogDet, ld[2 * dims], 1e-6, "log|det ∂f/∂z| at trial " + trial);
            double[] il = new double[1];
            double[][] back = f.inverse(new double[][] {x[2 * dims]}, il);
            for (int d = 0; d < dims; d++) {
                assertEquals(z[d], back[0][d], 1e-10 * (1 + Math.abs(z[d])));
            }
            assertEquals(-ld[2 * dims], il[0], 1e-10, "the inverse's log-det is minus the forward one");
        }
    }

    /** log|det A| by Gaussian elimination with partial pivoting. */
    static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double s = 0;
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            s += Math.log(Math.abs(m[c][c]));
            for (int r = c + 1; r < n; r++) {
                double k = m[r][c] / m[c][c];
                for (int q = c; q < n; q++) {
                    m[r][q] -= k * m[c][q];
                }
            }
        }
        return s;
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        DequantFlow f = small(5, 3, 9);
        SplittableRandom r = new SplittableRandom(2);
        double[][] batch = new double[16][5];
        for (double[] p : batch) {
            for (int d = 0; d < 5; d++) {
                p[d] = 0.5 + 0.3 * r.nextGaussian();
            }
        }
        double nll = f.backprop(batch);
        assertEquals(f.nll(batch), nll, 1e-12, "backprop's NLL");
        double[] g = f.gradients();
        double[] p = f.params();
        double h = 1e-6;
        int checked = 0;
        for (int i = 0; i < p.length; i += i < 10 ? 1 : 7) {
            double[] q = p.clone();
            q[i] = p[i] + h;
            f.setParams(q);
            double plus = f.nll(batch);
            q[i] = p[i] - h;
            f.setParams(q);
            double minus = f.nll(batch);
            f.setParams(p);
            double fd = (plus - minus) / (2 * h);
            assertEquals(fd, g[i], 1e-6 + 1e-5 * Math.abs(fd), "parameter " + i + " of " + p.length);
            checked++;
        }
        assertTrue(checked > 30);
    }

    /** D = 2: ∫ p over a box holding nearly all the mass is 1 (Gauss–Legendre, 8 × 8 panels of 20² nodes). */
    @Test
    void twoDimensionalDensityIntegratesToOne() {
        DequantFlow f = small(2, 4, 12);
        double[][] s = f.sample(20000, new SplittableRandom(1));
        double lo0 = Double.POSITIVE_INFINITY, hi0 = Double.NEGATIVE_INFINITY;
        double lo1 = lo0, hi1 = hi0;
        for (double[] p : s) {
            lo0 = Math.min(lo0, p[0]);
            hi0 = Math.max(hi0, p[0]);
            lo1 = Math.min(lo1, p[1]);
            hi1 = Math.max(hi1, p[1]);
        }
        double w0 = 0.5 * (hi0 - lo0);
        double w1 = 0.5 * (hi1 - lo1);
        double mass = DequantizationTest.integrate(f, lo0 - w0, hi0 + w0, lo1 - w1, hi1 + w1, 8);
        assertEquals(1, mass, 0.005);
    }

    /** Maximum likelihood on dequantised 8 × 8 digits: the bits per dimension fall well below the uniform log₂ K. */
    @Test
    void trainingOnDigitsLowersTheBitsPerDimension() {
        int k = 16;
        int[][] train = Dequantization.digits(2000, 2026, 8, k);
        int[][] test = Dequantization.digits(500, 7, 8, k);
        DequantFlow f = DequantFlow.forImages(8, 8, 4, 32, 1);
        SplittableRandom rng = new SplittableRandom(4);
        double before = Dequantization.bitsPerDim(f, test, k, 1, new SplittableRandom(9));
        System.out.printf("8×8 digits, K = %d: untrained (ActNorm not yet initialised), held-out bits/dim ≤ %.4f%n", k,
                before);
        int[][] batch = new int[64][];
        double bpd = Double.NaN;
        for (int s = 1; s <= 300; s++) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = train[rng.nextInt(train.length)];
            }
            assertTrue(Double.isFinite(f.trainStep(batch, k, rng, 2e-3)), "step " + s);
            if (s % 100 == 0) {
                bpd = Dequantization.bitsPerDim(f, test, k, 1, new SplittableRandom(9));
                System.out.printf("8×8 digits, K = %d: step %d, held-out bits/dim ≤ %.4f (uniform %.1f)%n", k, s, bpd,
                        Math.log(k) / Math.log(2));
            }
        }
        assertTrue(f.actNormInitialised());
        assertEquals("", f.health());
        assertTrue(bpd < before - 0.3, "bits/dim " + before + " -> " + bpd);
        assertTrue(bpd < 0.8 * Math.log(k) / Math.log(2), "below the uniform model's log₂ K: " + bpd);
    }
}
