package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.autoregressive.MadeMasks;

/**
 * MAF and IAF ({@link AutoregressiveFlow}, {@link MadeFlowLayer}) against independent truths:
 * round trips, the autoregressive structure by perturbation, log-dets and Jacobians against finite
 * differences, normalisation by quadrature, gradients against finite differences, and maximum
 * likelihood reaching a Gaussian's known entropy.
 */
class MafIafTest {

    static final AutoregressiveFlow.Kind[] KINDS = AutoregressiveFlow.Kind.values();

    static AutoregressiveFlow random(AutoregressiveFlow.Kind kind, int d, long seed) {
        int[] order = d == 2 ? new int[] {1, 0} : shuffled(d, seed);
        return new AutoregressiveFlow(kind, order, new int[] {12, 10}, DataType.DOUBLE, seed, false);
    }

    static int[] shuffled(int d, long seed) {
        int[] o = MadeMasks.identity(d);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = d - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }

    static double[] gaussians(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
        }
        return v;
    }

    @Test
    void inverseUndoesForwardAndLogDetsCancel() {
        for (AutoregressiveFlow.Kind kind : KINDS) {
            for (int d : new int[] {2, 5, 8}) {
                AutoregressiveFlow f = random(kind, d, 3 + d);
                int n = 200;
                double[] z = gaussians(new SplittableRandom(d), n * d, 1.5);
                double[] x = z.clone();
                double[] ldF = new double[n];
                f.forward(x, n, ldF);
                double[] back = x.clone();
                double[] ldI = new double[n];
                f.inverse(back, n, ldI);
                double moved = 0;
                for (int i = 0; i < n * d; i++) {
                    assertEquals(z[i], back[i], 1e-9, kind + " D=" + d);
                    moved = Math.max(moved, Math.abs(x[i] - z[i]));
                }
                assertTrue(moved > 0.1, "the layer is not the identity");
                for (int k = 0; k < n; k++) {
                    assertEquals(0, ldF[k] + ldI[k], 1e-9);
                }
                assertEquals(kind == AutoregressiveFlow.Kind.IAF ? 1 : d, f.passes(true));
                assertEquals(kind == AutoregressiveFlow.Kind.MAF ? 1 : d, f.passes(false));
            }
        }
    }

    @Test
    void eachCoordinateDependsOnlyOnEarlierOnes() {
        // MAF's density pass: z_i from x_{≤i}; IAF's sampling pass: x_i from z_{≤i} (perturbation, exact)
        for (AutoregressiveFlow.Kind kind : KINDS) {
            int d = 6;
            AutoregressiveFlow f = random(kind, d, 17);
            int[] pos = new int[d];
            int[] order = f.order();
            for (int t = 0; t < d; t++) {
                pos[order[t]] = t;
            }
            assertTrue(f.masks().violations().isEmpty());
            double[] u = gaussians(new SplittableRandom(2), d, 1);
            double[] base = u.clone();
            apply(f, base);
            for (int j = 0; j < d; j++) {
                double[] v = u.clone();
                v[j] += 0.37;
                apply(f, v);
                for (int i = 0; i < d; i++) {
                    if (pos[i] < pos[j]) {
                        assertEquals(base[i], v[i], 0.0, kind + ": coordinate " + i + " moved with " + j);
                    } else if (i == j) {
                        assertTrue(base[i] != v[i]);
                    }
                }
            }
        }
    }

    /** The one-pass direction: MAF's inverse, IAF's forward. */
    private static void apply(AutoregressiveFlow f, double[] u) {
        if (f.kind() == AutoregressiveFlow.Kind.MAF) {
            f.inverse(u, 1, null);
        } else {
            f.forward(u, 1, null);
        }
    }

    @Test
    void logDetAndJacobianMatchFiniteDifferences() {
        double h = 1e-5;
        for (AutoregressiveFlow.Kind kind : KINDS) {
            for (int d : new int[] {2, 4, 7}) {
                AutoregressiveFlow f = random(kind, d, 40 + d);
                SplittableRandom r = new SplittableRandom(d);
                for (int trial = 0; trial < 5; trial++) {
                    double[] z = gaussians(r, d, 1.2);
                    double[] numeric = new double[d * d];
                    for (int j = 0; j < d; j++) {
                        double[] up = z.clone();
                        up[j] += h;
                        f.forward(up, 1, null);
                        double[] down = z.clone();
                        down[j] -= h;
                        f.forward(down, 1, null);
                        for (int i = 0; i < d; i++) {
                            numeric[i * d + j] = (up[i] - down[i]) / (2 * h);
                        }
                    }
                    double[] ld = new double[1];
                    f.forward(z.clone(), 1, ld);
                    assertEquals(Math.log(Math.abs(det(numeric, d))), ld[0], 1e-6, kind + " D=" + d);
                    double[] analytic = f.jacobian(z);
                    for (int e = 0; e < d * d; e++) {
                        assertEquals(numeric[e], analytic[e], 1e-6, kind + " D=" + d + " entry " + e);
                    }
                }
            }
        }
    }

    /** Determinant by Gaussian elimination with partial pivoting. */
    static double det(double[] m, int d) {
        double[] a = m.clone();
        double det = 1;
        for (int c = 0; c < d; c++) {
            int piv = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r * d + c]) > Math.abs(a[piv * d + c])) {
                    piv = r;
                }
            }
            if (piv != c) {
                for (int k = 0; k < d; k++) {
                    double t = a[c * d + k];
                    a[c * d + k] = a[piv * d + k];
                    a[piv * d + k] = t;
                }
                det = -det;
            }
            double p = a[c * d + c];
            det *= p;
            for (int r = c + 1; r < d; r++) {
                double q = a[r * d + c] / p;
                for (int k = c; k < d; k++) {
                    a[r * d + k] -= q * a[c * d + k];
                }
            }
        }
        return det;
    }

    @Test
    void densityIntegratesToOneOnAGrid() {
        for (AutoregressiveFlow.Kind kind : KINDS) {
            AutoregressiveFlow f = random(kind, 2, 5);
            int cells = 500;
            double lo = -15;
            double hi = 15;
            double step = (hi - lo) / cells;
            double[] pts = new double[cells * cells * 2];
            for (int a = 0; a < cells; a++) {
                for (int b = 0; b < cells; b++) {
                    int k = a * cells + b;
                    pts[2 * k] = lo + (a + 0.5) * step;
                    pts[2 * k + 1] = lo + (b + 0.5) * step;
                }
            }
            double mass = 0;
            for (double lp : f.logProb(pts, cells * cells)) {
                mass += Math.exp(lp) * step * step;
            }
            assertEquals(1.0, mass, 2e-3, kind.toString());
        }
        // stacked in a Flow beside a coupling, through the FlowLayer contract
        Flow flow = new Flow(Base2D.NORMAL)
                .add(new MadeFlowLayer(AutoregressiveFlow.Kind.MAF, true, 12, DataType.DOUBLE, 3, false))
                .add(new AffineCoupling(true, 8, DataType.DOUBLE, 4, false))
                .add(new MadeFlowLayer(AutoregressiveFlow.Kind.IAF, false, 12, DataType.DOUBLE, 5, false));
        assertEquals(1.0, flow.densityGrid(-15, 15, -15, 15, 400).mass(), 5e-3);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        for (AutoregressiveFlow.Kind kind : KINDS) {
            AutoregressiveFlow f = random(kind, 4, 71);
            // every parameter non-zero (hidden biases start at 0), so that exactly the masked ones are 0
            f.setParams(gaussians(new SplittableRandom(8), f.numParams(), 0.5));
            assertTrue(f.numFreeParams() < f.numParams());
            int n = 7;
            double[] x = gaussians(new SplittableRandom(3), n * 4, 1.3);
            f.backprop(x, n);
            double[] analytic = f.gradients();
            double[] p0 = f.params();
            double h = 1e-6;
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < p0.length; i++) {
                if (p0[i] == 0) {
                    assertEquals(0.0, analytic[i], 0.0, kind + ": masked parameter " + i);
                    continue;
                }
                double[] p = p0.clone();
                p[i] += h;
                f.setParams(p);
                double up = nll(f, x, n);
                p[i] = p0[i] - h;
                f.setParams(p);
                double down = nll(f, x, n);
                double numeric = (up - down) / (2 * h);
                diff += (numeric - analytic[i]) * (numeric - analytic[i]);
                norm += analytic[i] * analytic[i];
            }
            f.setParams(p0);
            assertTrue(Math.sqrt(diff / norm) < 1e-6, kind + ": relative error " + Math.sqrt(diff / norm));
        }
    }

    @Test
    void inputGradientsMatchFiniteDifferences() {
        // dL/dx returned by backward (what a layer below in a stack receives)
        for (AutoregressiveFlow.Kind kind : KINDS) {
            AutoregressiveFlow f = random(kind, 3, 81);
            double[] x = gaussians(new SplittableRandom(5), 3, 1.1);
            double[] w = {0.7, -1.3, 0.4};
            // L = w · z + 0.6 · log-det
            double[] z = x.clone();
            double[] ld = new double[1];
            f.inverseForTraining(z, 1, ld);
            double[] g = w.clone();
            f.backward(g, 1, 0.6);
            double h = 1e-6;
            for (int j = 0; j < 3; j++) {
                double[] up = x.clone();
                up[j] += h;
                double[] down = x.clone();
                down[j] -= h;
                double numeric = (loss(f, up, w) - loss(f, down, w)) / (2 * h);
                assertEquals(numeric, g[j], 1e-6, kind + " dL/dx_" + j);
            }
        }
    }

    private static double loss(AutoregressiveFlow f, double[] x, double[] w) {
        double[] z = x.clone();
        double[] ld = new double[1];
        f.inverse(z, 1, ld);
        double s = 0.6 * ld[0];
        for (int i = 0; i < w.length; i++) {
            s += w[i] * z[i];
        }
        return s;
    }

    private static double nll(AutoregressiveFlow f, double[] x, int n) {
        double s = 0;
        for (double lp : f.logProb(x, n)) {
            s -= lp;
        }
        return s / n;
    }

    @Test
    void maximumLikelihoodReachesAGaussiansEntropy() {
        // x₁ ~ N(0.5, 1), x₂ | x₁ ~ N(0.8 x₁, 0.6²) (in the order x₂ then x₁ the layer must learn the
        // reverse conditional): one affine autoregressive layer represents it exactly, so the NLL's
        // floor is the entropy ln(2πe) + ½ ln det Σ, det Σ = 0.36
        double entropy = Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(0.36);
        for (AutoregressiveFlow.Kind kind : KINDS) {
            AutoregressiveFlow f = new AutoregressiveFlow(kind, new int[] {0, 1}, new int[] {16, 16},
                    DataType.FLOAT, 9, true);
            SplittableRandom r = new SplittableRandom(12);
            int n = 256;
            double first = Double.NaN;
            for (int step = 0; step < 1500; step++) {
                double nll = f.trainStep(correlated(r, n), n, step < 1000 ? 0.01 : 0.002);
                if (step == 0) {
                    first = nll;
                }
            }
            double[] test = correlated(new SplittableRandom(99), 20_000);
            double nll = 0;
            for (double lp : f.logProb(test, 20_000)) {
                nll -= lp;
            }
            nll /= 20_000;
            assertTrue(first > entropy + 0.2, kind + ": started at " + first);
            assertEquals(entropy, nll, 0.03, kind + ": test NLL");
        }
    }

    static double[] correlated(SplittableRandom r, int n) {
        double[] e = gaussians(r, 2 * n, 1);
        double[] x = new double[2 * n];
        for (int k = 0; k < n; k++) {
            double x1 = 0.5 + e[2 * k];
            x[2 * k] = x1;
            x[2 * k + 1] = 0.8 * x1 + 0.6 * e[2 * k + 1];
        }
        return x;
    }

    @Test
    void largeBatchesThroughGemmAgreeWithThePlainJavaPass() {
        // FLOAT batches of ≥ GEMM_MIN_BATCH points take the float gemm; the same points in chunks below it do not
        for (AutoregressiveFlow.Kind kind : KINDS) {
            for (int d : new int[] {2, 5}) {
                AutoregressiveFlow f = new AutoregressiveFlow(kind, shuffled(d, 4), new int[] {24, 20, 16},
                        DataType.FLOAT, 13, false);
                int n = 4 * GaussianMade.GEMM_MIN_BATCH;
                double[] x = gaussians(new SplittableRandom(d), n * d, 1.4);
                double[] big = f.logProb(x, n);
                int chunk = GaussianMade.GEMM_MIN_BATCH / 2;
                for (int from = 0; from < n; from += chunk) {
                    double[] part = java.util.Arrays.copyOfRange(x, from * d, (from + chunk) * d);
                    double[] small = f.logProb(part, chunk);
                    for (int k = 0; k < chunk; k++) {
                        assertEquals(small[k], big[from + k], 1e-4 * (1 + Math.abs(small[k])), kind + " D=" + d);
                    }
                }
                double[] z = gaussians(new SplittableRandom(d + 1), n * d, 1);
                double[] xs = z.clone();
                f.forward(xs, n, null);
                double[] part = java.util.Arrays.copyOfRange(z, 0, chunk * d);
                f.forward(part, chunk, null);
                for (int i = 0; i < chunk * d; i++) {
                    assertEquals(part[i], xs[i], 1e-4 * (1 + Math.abs(part[i])), kind + " D=" + d + " sampling");
                }
            }
        }
    }

    @Test
    void madeLayersTrainInsideAFlow() {
        Flow flow = new Flow(Base2D.NORMAL)
                .add(new MadeFlowLayer(AutoregressiveFlow.Kind.MAF, false, 16, DataType.FLOAT, 1, true))
                .add(new MadeFlowLayer(AutoregressiveFlow.Kind.IAF, true, 16, DataType.FLOAT, 2, true));
        SplittableRandom r = new SplittableRandom(4);
        double[] probe = correlated(new SplittableRandom(7), 4_000);
        double[] px = new double[4_000];
        double[] py = new double[4_000];
        for (int k = 0; k < 4_000; k++) {
            px[k] = probe[2 * k];
            py[k] = probe[2 * k + 1];
        }
        double before = flow.nll(px, py);
        for (int step = 0; step < 800; step++) {
            double[] b = correlated(r, 128);
            double[] xs = new double[128];
            double[] ys = new double[128];
            for (int k = 0; k < 128; k++) {
                xs[k] = b[2 * k];
                ys[k] = b[2 * k + 1];
            }
            flow.trainStep(xs, ys, 128, 0.01);
        }
        double after = flow.nll(px, py);
        double entropy = Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(0.36);
        assertTrue(before > entropy + 0.2, "started at " + before);
        assertEquals(entropy, after, 0.05, "after training");
        assertEquals("", flow.health());
    }
}
