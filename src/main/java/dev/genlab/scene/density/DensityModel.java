package dev.genlab.scene.density;

import java.util.Arrays;
import java.util.SplittableRandom;

import java.util.ArrayList;
import java.util.List;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.math.Gaussian2D;
import dev.genlab.math.LogMath;

/**
 * A K-component Gaussian mixture in the plane fitted by expectation-maximisation
 * (Dempster, Laird &amp; Rubin 1977; Bishop, PRML section 9.2):
 * <pre>
 * p(x) = sum_k pi_k N(x | mu_k, Sigma_k)
 * E-step: r_ik = pi_k N(x_i | mu_k, Sigma_k) / p(x_i)
 * M-step: N_k = sum_i r_ik,  pi_k = N_k / N,  mu_k = sum_i r_ik x_i / N_k,
 *         Sigma_k = sum_i r_ik (x_i - mu_k)(x_i - mu_k)^T / N_k
 * </pre>
 * Each EM iteration never lowers the log-likelihood. Nothing regularises the covariances: a
 * component that collapses onto one point sends the likelihood to infinity, which the trainer's
 * divergence guard catches and reports (that singularity is part of the lesson).
 *
 * <p>Plain Java rather than ND4J: with a few hundred 2-D points and at most 12 components one
 * iteration is ~10^5 flops, less than the fixed cost of the dozen ND4J calls it would take.
 */
public final class DensityModel implements LiveModel<DensityParams, DensitySnapshot> {

    /** Grid resolution of the density heat map. */
    public static final int GRID = 128;
    /** Width over height of the heat map's extent, about that of the plot beside the lesson text. */
    static final double GRID_ASPECT = 1.6;
    /** A covariance with log-determinant under this has collapsed onto a point. */
    static final double MIN_LOG_DET = -25;

    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] testX = new double[0];
    private double[] testY = new double[0];
    private double entropy = Double.NaN;
    private double[] bounds = {-4, 4, -4, 4};
    private String message = "";

    private int k;
    private double[] w;
    private double[] mx;
    private double[] my;
    private double[] sxx;
    private double[] sxy;
    private double[] syy;
    private double[] history = new double[0];
    private double[] testHistory = new double[0];
    private long steps;
    private boolean poisoned;
    private double[][] logR = new double[0][];

    @Override
    public void reset(DensityParams p) {
        SplittableRandom rng = new SplittableRandom(p.seed());
        message = "";
        if (p.isDrawn()) {
            xs = p.drawnX();
            ys = p.drawnY();
            testX = new double[0];
            testY = new double[0];
            entropy = Double.NaN;
            bounds = new double[] {-4, 4, -4, 4};
        } else {
            ToyDistribution toy = truth(p);
            xs = new double[p.points()];
            ys = new double[p.points()];
            toy.sample(p.points(), rng, xs, ys);
            // a held-out set of the same size: its NLL estimates the cross-entropy, which H(p) bounds below
            testX = new double[p.points()];
            testY = new double[p.points()];
            toy.sample(p.points(), rng, testX, testY);
            // a fixed shape ships H(p) as a constant; the editable mixture integrates it here, on the
            // trainer thread (≤ 60 ms for 8 modes, once per reset)
            entropy = toy.entropy();
            bounds = toy.bounds().clone();
        }
        k = p.components();
        steps = 0;
        if (xs.length < Math.max(2, k)) {
            message = "need-points";
            k = 0;
            allocate(0);
            history = new double[0];
            testHistory = new double[0];
            return;
        }
        allocate(k);
        initialise(p.init(), rng);
        history = new double[] {eStep()};
        testHistory = new double[] {testLogLikelihood()};
    }

    private void allocate(int n) {
        w = new double[n];
        mx = new double[n];
        my = new double[n];
        sxx = new double[n];
        sxy = new double[n];
        syy = new double[n];
        logR = new double[xs.length][n];
    }

    /** Means from data points (uniformly, or k-means++ D^2 seeding); every covariance the data's. */
    private void initialise(String init, SplittableRandom rng) {
        int n = xs.length;
        double cx = mean(xs);
        double cy = mean(ys);
        double vxx = 0;
        double vxy = 0;
        double vyy = 0;
        for (int i = 0; i < n; i++) {
            vxx += (xs[i] - cx) * (xs[i] - cx);
            vxy += (xs[i] - cx) * (ys[i] - cy);
            vyy += (ys[i] - cy) * (ys[i] - cy);
        }
        vxx /= n;
        vxy /= n;
        vyy /= n;
        double shrink = 1.0 / Math.max(1, k);
        int[] chosen = new int[k];
        if ("random".equals(init)) {
            int[] perm = rng.ints(0, n).distinct().limit(k).toArray();
            System.arraycopy(perm, 0, chosen, 0, k);
        } else {
            chosen[0] = rng.nextInt(n);
            double[] d2 = new double[n];
            Arrays.fill(d2, Double.POSITIVE_INFINITY);
            for (int j = 1; j < k; j++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double dx = xs[i] - xs[chosen[j - 1]];
                    double dy = ys[i] - ys[chosen[j - 1]];
                    d2[i] = Math.min(d2[i], dx * dx + dy * dy);
                    total += d2[i];
                }
                double u = rng.nextDouble() * total;
                int pick = n - 1;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u <= 0) {
                        pick = i;
                        break;
                    }
                }
                chosen[j] = pick;
            }
        }
        for (int j = 0; j < k; j++) {
            w[j] = 1.0 / k;
            mx[j] = xs[chosen[j]];
            my[j] = ys[chosen[j]];
            // a fraction of the data covariance, so that K components start as K distinct blobs
            sxx[j] = vxx * shrink + 1e-3;
            sxy[j] = vxy * shrink;
            syy[j] = vyy * shrink + 1e-3;
        }
    }

    /**
     * The true distribution: a toy shape, or for {@code mixture} the editable one, trueModes
     * equal-weight Gaussians (sigma = 0.4) evenly spaced on a circle of radius trueSeparation.
     */
    static ToyDistribution truth(DensityParams p) {
        if (!DensityParams.MIXTURE.equals(p.dataset())) {
            return ToyDistributions.byId(p.dataset());
        }
        int m = p.trueModes();
        List<GaussianMixture2D.Component> cs = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            double a = Math.PI / 2 + 2 * Math.PI * j / m;
            double r = m == 1 ? 0 : p.trueSeparation();
            cs.add(GaussianMixture2D.Component.of(1.0 / m, r * Math.cos(a), r * Math.sin(a), 0.16, 0, 0.16));
        }
        return new GaussianMixture2D(cs);
    }

    /** Fills log r_ik and returns the average log-likelihood of the data. */
    private double eStep() {
        int n = xs.length;
        double total = 0;
        double[] logW = new double[k];
        Gaussian2D[] g = new Gaussian2D[k];
        for (int j = 0; j < k; j++) {
            logW[j] = Math.log(w[j]);
            g[j] = gaussian(j);
        }
        for (int i = 0; i < n; i++) {
            double[] r = logR[i];
            for (int j = 0; j < k; j++) {
                r[j] = logW[j] + g[j].logDensity(xs[i], ys[i]);
            }
            double lse = LogMath.logSumExp(r);
            for (int j = 0; j < k; j++) {
                r[j] -= lse;
            }
            total += lse;
        }
        return total / n;
    }

    private void mStep() {
        int n = xs.length;
        for (int j = 0; j < k; j++) {
            double nk = 0;
            double ax = 0;
            double ay = 0;
            for (int i = 0; i < n; i++) {
                double r = Math.exp(logR[i][j]);
                nk += r;
                ax += r * xs[i];
                ay += r * ys[i];
            }
            if (nk < 1e-10) {
                w[j] = 0; // an empty component keeps its place and takes no mass
                continue;
            }
            double ux = ax / nk;
            double uy = ay / nk;
            double cxx = 0;
            double cxy = 0;
            double cyy = 0;
            for (int i = 0; i < n; i++) {
                double r = Math.exp(logR[i][j]);
                double dx = xs[i] - ux;
                double dy = ys[i] - uy;
                cxx += r * dx * dx;
                cxy += r * dx * dy;
                cyy += r * dy * dy;
            }
            w[j] = nk / n;
            mx[j] = ux;
            my[j] = uy;
            sxx[j] = cxx / nk;
            sxy[j] = cxy / nk;
            syy[j] = cyy / nk;
        }
    }

    @Override
    public double step(DensityParams p) {
        if (k == 0) {
            return 0; // too few drawn points to fit: nothing to do until the user adds some
        }
        mStep();
        if (poisoned) {
            poisoned = false;
            mx[0] = Double.NaN;
        }
        if (!isHealthy()) {
            return Double.NaN;
        }
        double ll = eStep();
        steps++;
        history = append(history, ll);
        testHistory = append(testHistory, testLogLikelihood());
        return ll;
    }

    /** Average log-likelihood of the held-out points, NaN when there are none. */
    private double testLogLikelihood() {
        if (testX.length == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (int i = 0; i < testX.length; i++) {
            total += logDensity(testX[i], testY[i]);
        }
        return total / testX.length;
    }

    /** log p_theta(x, y) of the current mixture. */
    public double logDensity(double x, double y) {
        double[] t = new double[k];
        for (int j = 0; j < k; j++) {
            t[j] = Math.log(w[j]) + gaussian(j).logDensity(x, y);
        }
        return LogMath.logSumExp(t);
    }

    private static double[] append(double[] a, double v) {
        double[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    @Override
    public boolean needsReset(DensityParams before, DensityParams after) {
        return !before.sameModel(after);
    }

    private record State(double[] w, double[] mx, double[] my, double[] sxx, double[] sxy, double[] syy,
                         double[] history, double[] testHistory, long steps) {
    }

    @Override
    public Object saveState() {
        return new State(w.clone(), mx.clone(), my.clone(), sxx.clone(), sxy.clone(), syy.clone(), history.clone(), testHistory.clone(), steps);
    }

    @Override
    public void restoreState(Object state) {
        State s = (State) state;
        w = s.w().clone();
        mx = s.mx().clone();
        my = s.my().clone();
        sxx = s.sxx().clone();
        sxy = s.sxy().clone();
        syy = s.syy().clone();
        history = s.history().clone();
        testHistory = s.testHistory().clone();
        steps = s.steps();
        if (k > 0) {
            eStep();
        }
    }

    @Override
    public boolean isHealthy() {
        for (int j = 0; j < k; j++) {
            double det = sxx[j] * syy[j] - sxy[j] * sxy[j];
            if (!Double.isFinite(mx[j]) || !Double.isFinite(my[j]) || !Double.isFinite(w[j])
                    || !(sxx[j] > 0) || !(syy[j] > 0) || !(det > 0) || Math.log(det) < MIN_LOG_DET) {
                return false;
            }
        }
        return true;
    }

    /** Makes the next step break the model (a NaN mean), to exercise the divergence guard. */
    public void poison() {
        poisoned = true;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public DensitySnapshot snapshot(DensityParams p) {
        int n = xs.length;
        float[] dx = new float[n];
        float[] dy = new float[n];
        int[] comp = new int[n];
        float[] lp = new float[n];
        for (int i = 0; i < n; i++) {
            dx[i] = (float) xs[i];
            dy[i] = (float) ys[i];
        }
        double[] ext = p.view() != null ? p.view() : widen(bounds, GRID_ASPECT);
        float[] grid = new float[GRID * GRID];
        float[] sx = new float[0];
        float[] sy = new float[0];
        if (k > 0) {
            Gaussian2D[] g = new Gaussian2D[k];
            double[] logW = new double[k];
            for (int j = 0; j < k; j++) {
                g[j] = gaussian(j);
                logW[j] = Math.log(w[j]);
            }
            double[] t = new double[k];
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int j = 0; j < k; j++) {
                    t[j] = logW[j] + g[j].logDensity(xs[i], ys[i]);
                    if (t[j] > t[best]) {
                        best = j;
                    }
                }
                comp[i] = best;
                lp[i] = (float) LogMath.logSumExp(t);
            }
            double cw = (ext[1] - ext[0]) / GRID;
            double ch = (ext[3] - ext[2]) / GRID;
            for (int r = 0; r < GRID; r++) {
                double y = ext[2] + (r + 0.5) * ch;
                for (int c = 0; c < GRID; c++) {
                    double x = ext[0] + (c + 0.5) * cw;
                    for (int j = 0; j < k; j++) {
                        t[j] = logW[j] + g[j].logDensity(x, y);
                    }
                    grid[r * GRID + c] = (float) LogMath.logSumExp(t);
                }
            }
            // a fixed stream of random numbers mapped through the current model: samples move smoothly as it learns
            SplittableRandom rng = new SplittableRandom(p.seed() * 7919L + 17);
            sx = new float[p.samples()];
            sy = new float[p.samples()];
            for (int s = 0; s < p.samples(); s++) {
                double u = rng.nextDouble();
                int j = 0;
                while (j < k - 1 && (u -= w[j]) > 0) {
                    j++;
                }
                double[] z = g[j].sample(rng);
                sx[s] = (float) z[0];
                sy[s] = (float) z[1];
            }
        } else {
            Arrays.fill(grid, Float.NaN);
        }
        double[] means = new double[2 * k];
        double[] covs = new double[3 * k];
        for (int j = 0; j < k; j++) {
            means[2 * j] = mx[j];
            means[2 * j + 1] = my[j];
            covs[3 * j] = sxx[j];
            covs[3 * j + 1] = sxy[j];
            covs[3 * j + 2] = syy[j];
        }
        return new DensitySnapshot(steps, dx, dy, comp, lp, sx, sy, grid, GRID, GRID, ext, w.clone(), means, covs,
                history.clone(), testHistory.clone(), entropy, bounds.clone(), message);
    }

    /** Bounds grown (never cut) to width/height = aspect, so the heat map fills a wide plot. */
    static double[] widen(double[] b, double aspect) {
        double w = b[1] - b[0];
        double h = b[3] - b[2];
        double cx = (b[0] + b[1]) / 2;
        double cy = (b[2] + b[3]) / 2;
        if (w / h < aspect) {
            w = h * aspect;
        } else {
            h = w / aspect;
        }
        return new double[] {cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2};
    }

    private Gaussian2D gaussian(int j) {
        return new Gaussian2D(mx[j], my[j], sxx[j], sxy[j], syy[j]);
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }
}
