package dev.genlab.scene.gan;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanMetrics;
import dev.genlab.model.gan.GanPresets;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * Lesson 8's live model: a {@link Gan2D} trained on a 2-D data set, on the trainer thread. It trains only
 * while the plane panel shows (a step on the 1-D game's panel does nothing here). A change of data set,
 * network widths, noise dimension, minibatch feature or seed starts again ({@link #needsReset}); the
 * loss, optimiser, learning rates, batch size and D steps per round are adopted as it trains
 * ({@link Gan2D#reconfigure}: the weights, and Adam's moments unless the optimiser kind changed, are kept).
 *
 * <p>A snapshot always carries the loss curves; while playing the fake samples, warped grid and arrows
 * are renewed at most every {@value #POINTS_EVERY_MS} ms, the 128 × 128 D(x) map (3–6 ms in float) every
 * {@value #HEAT_EVERY_MS} ms, and the divergences and mode coverage every {@value #METRICS_EVERY_MS} ms;
 * paused, everything is renewed for the state training stopped at.
 */
public final class GanLab implements LiveModel<GanLabParams, GanSnapshot> {

    /** Real samples drawn once per reset, and fake samples of a fixed noise set, shown in the plane. */
    static final int SHOWN_SAMPLES = 1000;
    /** Samples of G the divergences and mode coverage are measured on (the noise seed is fixed too). */
    static final int METRIC_SAMPLES = 2000;
    static final long METRIC_SEED = 99;
    static final long FAKE_SEED = 7;
    static final int ARROWS = 64;
    static final int WARP_NODES = 15;
    /** The warped grid covers [−2, 2]² of the Gaussian noise (most of its mass). */
    static final double WARP_EXTENT = 2;
    static final int MAX_CURVE_POINTS = 1500;
    static final long POINTS_EVERY_MS = 50;
    /**
     * While playing the map is renewed on a 90 ms schedule (11 a second; a snapshot that comes late does not
     * push the next one back), at 3–6 ms each about 5 % of the trainer.
     */
    static final long HEAT_EVERY_MS = 90;
    static final long METRICS_EVERY_MS = 2000;

    private Gan2D gan;
    private ToyDistribution data;
    private String dataId;
    private double[] extent;
    private double[] realXs;
    private double[] realYs;
    private long rounds;
    private Gan2D.GStep lastG;
    private double[] cx = new double[256];
    private double[] cd = new double[256];
    private double[] cg = new double[256];
    private boolean playing;
    // cached parts and when they were renewed
    private double[] fakeXs;
    private double[] fakeYs;
    private Gan2D.WarpedGrid warp;
    private double[][] arrows;
    private long pointsRound = -1;
    private long pointsNs;
    private float[] heat;
    private Gan2D.Output output;
    private long heatRound = -1;
    private long heatNs;
    private long metricsRound = -1;
    private long metricsNs;
    private double kl = Double.NaN;
    private double js = Double.NaN;
    private int modes;
    private int covered;
    private double evenness = Double.NaN;
    /** Bumped when the GAN's config changes without a reset, so every part is renewed. */
    private long configVersion;
    private long pointsVersion = -1;
    private long heatVersion = -1;

    /** The data set of an id: a toy distribution's, or "ring8", the 8-Gaussian ring of {@link GanPresets#ring()}. */
    public static ToyDistribution data(String id) {
        return "ring8".equals(id) ? GanPresets.ring() : ToyDistributions.byId(id);
    }

    @Override
    public void reset(GanLabParams p) {
        dataId = p.data();
        data = data(dataId);
        gan = new Gan2D(p.config());
        double[] b = data.bounds();
        double mx = 0.1 * (b[1] - b[0]);
        double my = 0.1 * (b[3] - b[2]);
        extent = new double[] {b[0] - mx, b[1] + mx, b[2] - my, b[3] + my};
        realXs = new double[SHOWN_SAMPLES];
        realYs = new double[SHOWN_SAMPLES];
        data.sample(SHOWN_SAMPLES, new SplittableRandom(p.config().seed() + 1_000_003L), realXs, realYs);
        rounds = 0;
        lastG = null;
        pointsRound = -1;
        heatRound = -1;
        metricsRound = -1;
        kl = Double.NaN;
        js = Double.NaN;
        modes = data instanceof GaussianMixture2D m ? m.size() : 0;
        covered = 0;
        evenness = Double.NaN;
        configVersion++;
    }

    /** Adopts knob changes that keep the networks (loss, optimiser, rates, batch, k). */
    private void adopt(GanLabParams p) {
        if (!p.config().equals(gan.config())) {
            gan.reconfigure(p.config());
            configVersion++;
        }
    }

    @Override
    public double step(GanLabParams p) {
        if (p.panel() != Panel.PLANE) {
            return 0;
        }
        adopt(p);
        Gan2D.Round r = gan.step(data);
        lastG = r.gSteps().get(r.gSteps().size() - 1);
        int i = (int) rounds;
        if (i == cx.length) {
            cx = Arrays.copyOf(cx, 2 * i);
            cd = Arrays.copyOf(cd, 2 * i);
            cg = Arrays.copyOf(cg, 2 * i);
        }
        rounds++;
        cx[i] = rounds;
        cd[i] = r.lossD();
        cg[i] = r.lossG();
        return r.lossD() + r.lossG();
    }

    /**
     * One discriminator step alone, outside the rounds (the panel's "One D step"): D moves, G does not,
     * so the heat map changes and the fake points stay. Every cached part is renewed.
     */
    public void stepDOnly(GanLabParams p) {
        adopt(p);
        gan.stepD(data);
        configVersion++;
        metricsRound = -1;
    }

    /**
     * One generator step alone (the panel's "One G step"): G moves against the current D, D does not, so
     * the fake points move along the arrows and the heat map stays.
     */
    public void stepGOnly(GanLabParams p) {
        adopt(p);
        lastG = gan.stepG();
        configVersion++;
        metricsRound = -1;
    }

    @Override
    public boolean needsReset(GanLabParams before, GanLabParams after) {
        return !before.sameGan(after);
    }

    private record State(Gan2D.Parameters parameters, long rounds) {
    }

    @Override
    public Object saveState() {
        return new State(gan.parameters(), rounds);
    }

    @Override
    public void restoreState(Object state) {
        if (state instanceof State s) {
            gan.setParameters(s.parameters());
            rounds = s.rounds();
            configVersion++;
        }
    }

    @Override
    public boolean isHealthy() {
        return gan == null || gan.isFinite();
    }

    @Override
    public long steps() {
        return rounds;
    }

    @Override
    public void playingChanged(boolean now) {
        playing = now;
    }

    @Override
    public GanSnapshot snapshot(GanLabParams p) {
        adopt(p);
        long now = System.nanoTime();
        boolean pointsStale = pointsRound != rounds || pointsVersion != configVersion;
        if (fakeXs == null || pointsStale && (!playing || now - pointsNs >= POINTS_EVERY_MS * 1_000_000L)) {
            Gan2D.Points f = gan.generate(SHOWN_SAMPLES, FAKE_SEED);
            fakeXs = f.xs();
            fakeYs = f.ys();
            warp = gan.mapGrid(WARP_EXTENT, WARP_NODES, WARP_NODES);
            arrows = arrows();
            pointsRound = rounds;
            pointsVersion = configVersion;
            pointsNs = now;
        }
        boolean heatStale = heatRound != rounds || heatVersion != configVersion;
        if (heat == null || heatStale && (!playing || now - heatNs >= HEAT_EVERY_MS * 1_000_000L)) {
            Gan2D.Grid g = gan.discriminatorGrid(extent, GanSnapshot.HEAT_N, GanSnapshot.HEAT_N);
            double[] v = g.values();
            float[] h = new float[v.length];
            for (int k = 0; k < v.length; k++) {
                h[k] = (float) v[k];
            }
            heat = h;
            output = g.output();
            heatRound = rounds;
            heatVersion = configVersion;
            long period = HEAT_EVERY_MS * 1_000_000L;
            heatNs = playing && now - heatNs < 2 * period ? heatNs + period : now;
        }
        if (metricsRound != rounds && (!playing || now - metricsNs >= METRICS_EVERY_MS * 1_000_000L)) {
            measure();
            metricsNs = now;
        }
        int n = (int) rounds;
        int stride = Math.max(1, (n + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        int m = n == 0 ? 0 : (n - 1) / stride + 1;
        double[] x = new double[m];
        double[] d = new double[m];
        double[] g = new double[m];
        for (int k = 0; k < m; k++) {
            // the last round always in, so the curve ends where training is
            int at = Math.min(n - 1, k * stride + (n - 1) % stride);
            x[k] = cx[at];
            d[k] = cd[at];
            g[k] = cg[at];
        }
        return new GanSnapshot(rounds, dataId, gan.config().loss(), realXs, realYs, fakeXs, fakeYs, heat, extent.clone(),
                output, warp.rows(), warp.cols(), warp.xs(), warp.ys(), arrows[0], arrows[1], arrows[2], arrows[3], x, d,
                g, metricsRound, kl, js, modes, covered, evenness, gan.dStepsTaken(), gan.gStepsTaken());
    }

    /** KL and JS of {@value #METRIC_SAMPLES} samples of G against the data, and for a mixture its mode coverage. */
    private void measure() {
        Gan2D.Points s = gan.generate(METRIC_SAMPLES, METRIC_SEED);
        GanMetrics.Divergences dv = GanMetrics.divergences(data, s.xs(), s.ys());
        kl = dv.kl();
        js = dv.js();
        if (data instanceof GaussianMixture2D mix) {
            GanMetrics.ModeCoverage c = GanMetrics.modeCoverage(mix, s.xs(), s.ys());
            modes = c.modes();
            covered = c.covered();
            evenness = c.evenness();
        }
        metricsRound = rounds;
    }

    /** The first {@value #ARROWS} points of the last G step's fake batch and −n ∂L_G/∂x there (where G pushes them). */
    private double[][] arrows() {
        if (lastG == null) {
            return new double[][] {new double[0], new double[0], new double[0], new double[0]};
        }
        double[] fx = lastG.fakeXs();
        double[] fy = lastG.fakeYs();
        double[] gx = lastG.gradXs();
        double[] gy = lastG.gradYs();
        int n = fx.length;
        int k = Math.min(ARROWS, n);
        double[][] a = new double[4][k];
        for (int i = 0; i < k; i++) {
            a[0][i] = fx[i];
            a[1][i] = fy[i];
            a[2][i] = -n * gx[i];
            a[3][i] = -n * gy[i];
        }
        return a;
    }

    // ---------------------------------------------------------------- for tests

    /** The GAN being trained (tests read its config). */
    Gan2D gan() {
        return gan;
    }
}
