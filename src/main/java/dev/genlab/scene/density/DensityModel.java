package dev.genlab.scene.density;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.model.mixture.GaussianMixtureEm;

/**
 * Lesson 1's live model: the data (a toy distribution's draws, a held-out set of the same size, or
 * the user's points) and a Gaussian mixture fitted to them by EM, one iteration a step. The EM math
 * is {@link GaussianMixtureEm}; this class wires it to the trainer: params in (data, K, seeding,
 * seed), snapshots out (the density grid, per-point log-densities and components, model samples,
 * the log-likelihood curves and the true distribution's entropy H(p), which bounds the held-out NLL).
 * A collapsed component makes {@link #isHealthy()} false, which the trainer's divergence guard
 * catches and reports (that singularity is part of the lesson).
 */
public final class DensityModel implements LiveModel<DensityParams, DensitySnapshot> {

    /** Grid resolution of the density heat map. */
    public static final int GRID = 128;
    /** Width over height of the heat map's extent, about that of the plot beside the lesson text. */
    static final double GRID_ASPECT = 1.6;
    /** A covariance with log-determinant under this has collapsed onto a point. */
    static final double MIN_LOG_DET = GaussianMixtureEm.MIN_LOG_DET;

    private double[] xs = new double[0];
    private double[] ys = new double[0];
    private double[] testX = new double[0];
    private double[] testY = new double[0];
    private double entropy = Double.NaN;
    private double[] bounds = {-4, 4, -4, 4};
    /** What the plot shows (xMin, xMax, yMin, yMax), where the heat map is evaluated; null: the data's bounds. */
    private double[] extent;
    private String message = "";

    /** The fit; null when there are too few points for K components. */
    private GaussianMixtureEm em;
    private double[] history = new double[0];
    private double[] testHistory = new double[0];
    private long steps;
    private boolean poisoned;

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
        steps = 0;
        int k = p.components();
        if (xs.length < Math.max(2, k)) {
            message = "need-points";
            em = null;
            history = new double[0];
            testHistory = new double[0];
            return;
        }
        em = new GaussianMixtureEm(xs, ys, k);
        em.initialise("random".equals(p.init()) ? GaussianMixtureEm.Init.RANDOM : GaussianMixtureEm.Init.KMEANS_PP,
                rng);
        history = new double[] {em.eStep()};
        // drawn data has no held-out set: no curve, rather than a curve of NaN
        testHistory = testX.length == 0 ? new double[0] : new double[] {em.averageLogLikelihood(testX, testY)};
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

    @Override
    public double step(DensityParams p) {
        if (em == null) {
            return 0; // too few drawn points to fit: nothing to do until the user adds some
        }
        em.mStep();
        if (poisoned) {
            poisoned = false;
            double[] means = em.means();
            means[0] = Double.NaN;
            em.setParameters(em.weights(), means, em.covs());
        }
        if (!isHealthy()) {
            return Double.NaN;
        }
        double ll = em.eStep();
        steps++;
        history = append(history, ll);
        if (testX.length > 0) {
            testHistory = append(testHistory, em.averageLogLikelihood(testX, testY));
        }
        return ll;
    }

    /** log p_theta(x, y) of the current mixture. */
    public double logDensity(double x, double y) {
        return em == null ? Double.NEGATIVE_INFINITY : em.logDensity(x, y);
    }

    private static double[] append(double[] a, double v) {
        double[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = v;
        return b;
    }

    /**
     * The view's request: evaluate the heat map over this extent from now on (zoom, pan and resizing
     * change what the plot shows). A command, on the trainer thread.
     */
    public void showExtent(double[] xMinMaxYMinMax) {
        double[] e = xMinMaxYMinMax.clone();
        if (e.length != 4 || !(e[1] > e[0]) || !(e[3] > e[2])) {
            throw new IllegalArgumentException("an extent is xMin < xMax, yMin < yMax");
        }
        extent = e;
    }

    @Override
    public boolean needsReset(DensityParams before, DensityParams after) {
        return !before.sameModel(after);
    }

    private record State(double[] w, double[] means, double[] covs, double[] history, double[] testHistory,
                         long steps) {
    }

    @Override
    public Object saveState() {
        return em == null ? new State(new double[0], new double[0], new double[0], history.clone(),
                testHistory.clone(), steps)
                : new State(em.weights(), em.means(), em.covs(), history.clone(), testHistory.clone(), steps);
    }

    @Override
    public void restoreState(Object state) {
        State s = (State) state;
        history = s.history().clone();
        testHistory = s.testHistory().clone();
        steps = s.steps();
        if (em != null) {
            em.setParameters(s.w(), s.means(), s.covs());
            em.eStep();
        }
    }

    @Override
    public boolean isHealthy() {
        return em == null || em.isHealthy();
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
        double[] ext = extent != null ? extent : widen(bounds, GRID_ASPECT);
        float[] grid = new float[GRID * GRID];
        float[] sx = new float[0];
        float[] sy = new float[0];
        int k = em == null ? 0 : em.components();
        if (k > 0) {
            double[] t = new double[k];
            for (int i = 0; i < n; i++) {
                lp[i] = (float) em.logJoint(xs[i], ys[i], t);
                int best = 0;
                for (int j = 0; j < k; j++) {
                    if (t[j] > t[best]) {
                        best = j;
                    }
                }
                comp[i] = best;
            }
            double cw = (ext[1] - ext[0]) / GRID;
            double ch = (ext[3] - ext[2]) / GRID;
            for (int r = 0; r < GRID; r++) {
                double y = ext[2] + (r + 0.5) * ch;
                for (int c = 0; c < GRID; c++) {
                    double x = ext[0] + (c + 0.5) * cw;
                    grid[r * GRID + c] = (float) em.logJoint(x, y, t);
                }
            }
            // a fixed stream of random numbers mapped through the current model: samples move smoothly as it learns
            SplittableRandom rng = new SplittableRandom(p.seed() * 7919L + 17);
            sx = new float[p.samples()];
            sy = new float[p.samples()];
            for (int s = 0; s < p.samples(); s++) {
                double[] z = em.sample(rng);
                sx[s] = (float) z[0];
                sy[s] = (float) z[1];
            }
        } else {
            Arrays.fill(grid, Float.NaN);
        }
        double[] weights = k > 0 ? em.weights() : new double[0];
        double[] means = k > 0 ? em.means() : new double[0];
        double[] covs = k > 0 ? em.covs() : new double[0];
        return new DensitySnapshot(steps, dx, dy, comp, lp, sx, sy, grid, GRID, GRID, ext, weights, means, covs,
                history.clone(), testHistory.clone(), entropy, bounds.clone(), message,
                em == null ? 0 : em.regulariser());
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
}
