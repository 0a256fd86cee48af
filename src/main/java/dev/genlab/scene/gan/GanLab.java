package dev.genlab.scene.gan;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanMetrics;
import dev.genlab.model.gan.GanPresets;
import dev.genlab.model.io.Checkpoint;
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
 *
 * <p>On drawn points ({@link GanParams#DRAWN}) it trains on {@link Gan2D#pointSource} of them, follows points
 * added or cleared without a restart, and does nothing (a note says to draw) while there are none; KL, JS and
 * mode coverage need a density, so they are not measured there.
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

    /** The plane's extent on drawn points before any lies outside it. */
    static final double DRAWN_BOX = 3;
    /** The warped grid over uniform noise: its whole support [−1, 1]². */
    static final double WARP_EXTENT_UNIFORM = 1;
    /** A note key the snapshot carries while the drawn data set is empty. */
    static final String NOTE_DRAW = "gan.note.drawSome";

    private Gan2D gan;
    /** The toy distribution, or null on drawn points (no density: no KL, JS or modes). */
    private ToyDistribution data;
    /** Where the batches come from; null on drawn points while there are none. */
    private DataSource2D source;
    private double[] drawnSeen;
    /** Entries of the loss curves (a restored GAN's rounds start with no curve). */
    private int curveN;
    /** Single D or G step commands applied, a step or not (not reset: the scene counts what it sent). */
    private long subSteps;
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
    /** The image panel's GAN, built the first time that panel shows after a reset. */
    private final ImageLab images = new ImageLab();
    private ImageSnapshot imagePart;
    private Panel shown = Panel.GAME;
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
        gan = new Gan2D(p.config());
        if (p.drawn()) {
            data = null;
            drawnSeen = null;
            followDrawn(p);
        } else {
            data = data(dataId);
            source = DataSource2D.of(data);
            double[] b = data.bounds();
            double mx = 0.1 * (b[1] - b[0]);
            double my = 0.1 * (b[3] - b[2]);
            extent = new double[] {b[0] - mx, b[1] + mx, b[2] - my, b[3] + my};
            realXs = new double[SHOWN_SAMPLES];
            realYs = new double[SHOWN_SAMPLES];
            data.sample(SHOWN_SAMPLES, new SplittableRandom(p.config().seed() + 1_000_003L), realXs, realYs);
        }
        rounds = 0;
        curveN = 0;
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
        images.forget();
        imagePart = null;
    }

    @Override
    public void close() {
        images.close();
    }

    /** Adopts knob changes that keep the networks (loss, optimiser, rates, batch, k, noise distribution) and new drawn points. */
    private void adopt(GanLabParams p) {
        if (!p.config().equals(gan.config())) {
            gan.reconfigure(p.config());
            configVersion++;
        }
        if (p.drawn() && GanParams.DRAWN.equals(dataId) && p.drawnX() != drawnSeen) {
            followDrawn(p);
        }
    }

    /**
     * The drawn points as the data: they are the real samples shown (all of them), batches are drawn from them
     * with replacement, and the plane is [−{@value #DRAWN_BOX}, {@value #DRAWN_BOX}]² grown to hold every point.
     */
    private void followDrawn(GanLabParams p) {
        double[] xs = p.drawnX();
        double[] ys = p.drawnY();
        drawnSeen = xs;
        source = xs.length == 0 ? null : Gan2D.pointSource(xs, ys);
        realXs = xs.clone();
        realYs = ys.clone();
        double[] e = {-DRAWN_BOX, DRAWN_BOX, -DRAWN_BOX, DRAWN_BOX};
        for (int i = 0; i < xs.length; i++) {
            e[0] = Math.min(e[0], xs[i]);
            e[1] = Math.max(e[1], xs[i]);
            e[2] = Math.min(e[2], ys[i]);
            e[3] = Math.max(e[3], ys[i]);
        }
        extent = e;
        configVersion++;
    }

    /** Whether there is anything to train on (drawn data with no points: not). */
    boolean canTrain() {
        return source != null;
    }

    @Override
    public double step(GanLabParams p) {
        shown = p.panel();
        if (p.panel() == Panel.IMAGES) {
            return images.step(p.image());
        }
        if (p.panel() != Panel.PLANE) {
            return 0;
        }
        adopt(p);
        if (source == null) {
            return 0;
        }
        Gan2D.Round r = gan.step(source);
        lastG = r.gSteps().get(r.gSteps().size() - 1);
        int i = curveN++;
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
        subSteps++;
        adopt(p);
        if (source == null) {
            return;
        }
        gan.stepD(source);
        configVersion++;
        metricsRound = -1;
    }

    /**
     * One generator step alone (the panel's "One G step"): G moves against the current D, D does not, so
     * the fake points move along the arrows and the heat map stays.
     */
    public void stepGOnly(GanLabParams p) {
        subSteps++;
        adopt(p);
        if (source == null) {
            return;
        }
        lastG = gan.stepG();
        configVersion++;
        metricsRound = -1;
    }

    @Override
    public boolean needsReset(GanLabParams before, GanLabParams after) {
        return !before.sameGan(after);
    }

    private record State(Gan2D.Parameters parameters, Gan2D.Progress progress, long rounds, int curveN,
                         Object images) {
    }

    @Override
    public Object saveState() {
        return new State(gan.parameters(), gan.progress(), rounds, curveN, images.saveState());
    }

    @Override
    public void restoreState(Object state) {
        if (state instanceof State s) {
            gan.setParameters(s.parameters());
            // the read-out's last D and G losses and step counts are the restored state's, not the undone steps'
            gan.rewind(s.progress());
            rounds = s.rounds();
            curveN = s.curveN();
            configVersion++;
            images.restoreState(s.images());
        }
    }

    @Override
    public boolean isHealthy() {
        return (gan == null || gan.isFinite()) && images.isHealthy();
    }

    /** The steps of the panel trained last: the plane's rounds, or the image GAN's D+G steps. */
    @Override
    public long steps() {
        return shown == Panel.IMAGES ? images.steps() : rounds;
    }

    @Override
    public void playingChanged(boolean now) {
        playing = now;
        images.playingChanged(now);
    }

    @Override
    public GanSnapshot snapshot(GanLabParams p) {
        shown = p.panel();
        // a trainer stopped meanwhile (the scene was left) ends between the parts, which take milliseconds to tens
        LiveModel.stopIfInterrupted();
        if (p.panel() == Panel.IMAGES) {
            imagePart = images.snapshot(p.image());
            LiveModel.stopIfInterrupted();
        }
        adopt(p);
        boolean planeCurrent = fakeXs != null && pointsRound == rounds && pointsVersion == configVersion
                && heatRound == rounds && heatVersion == configVersion;
        if (p.panel() != Panel.PLANE && planeCurrent) {
            // the plane is hidden and its pictures are those of the GAN as it is: they stand, only the image
            // part (or nothing) is new. After a reset they are renewed even while hidden, so a snapshot never
            // pairs the new GAN's round count with the old GAN's points (Reset passes through the default panel)
            return planeSnapshot();
        }
        long now = System.nanoTime();
        boolean pointsStale = pointsRound != rounds || pointsVersion != configVersion;
        if (fakeXs == null || pointsStale && (!playing || now - pointsNs >= POINTS_EVERY_MS * 1_000_000L)) {
            Gan2D.Points f = gan.generate(SHOWN_SAMPLES, FAKE_SEED);
            fakeXs = f.xs();
            fakeYs = f.ys();
            warp = gan.mapGrid(gan.config().noise() == Gan2D.Noise.UNIFORM ? WARP_EXTENT_UNIFORM : WARP_EXTENT,
                    WARP_NODES, WARP_NODES);
            arrows = arrows();
            pointsRound = rounds;
            pointsVersion = configVersion;
            pointsNs = now;
        }
        LiveModel.stopIfInterrupted();
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
        if (data != null && metricsRound != rounds && (!playing || now - metricsNs >= METRICS_EVERY_MS * 1_000_000L)) {
            measure();
            metricsNs = now;
        }
        return planeSnapshot();
    }

    private GanSnapshot planeSnapshot() {
        int n = curveN;
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
        Gan2D.Losses last = gan.losses(1);
        return new GanSnapshot(rounds, dataId, gan.config().loss(), realXs, realYs, fakeXs, fakeYs, heat, extent.clone(),
                output, warp.rows(), warp.cols(), warp.xs(), warp.ys(), arrows[0], arrows[1], arrows[2], arrows[3], x, d,
                g, metricsRound, kl, js, modes, covered, evenness, gan.dStepsTaken(), gan.gStepsTaken(),
                last.lastD(), last.lastG(), source == null ? NOTE_DRAW : "", gan.config(), subSteps, imagePart);
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

    // ---------------------------------------------------------------- saved scenarios

    /** Header key of the rounds trained, beside {@link Gan2D#toCheckpoint}'s config and step counts. */
    static final String ROUNDS_KEY = "rounds";

    /**
     * The trained GAN as a checkpoint ({@link Gan2D#toCheckpoint}, plus the rounds), for a saved scenario; on
     * the trainer thread (a command). Null when nothing has trained yet, unless {@code evenUntrained} (drawn
     * points are kept with the GAN's weights, trained or not).
     */
    public Checkpoint checkpoint(boolean evenUntrained) {
        if (!evenUntrained && gan.dStepsTaken() == 0 && gan.gStepsTaken() == 0) {
            return null;
        }
        Checkpoint c = gan.toCheckpoint();
        Map<String, String> h = new LinkedHashMap<>(c.header());
        h.put(ROUNDS_KEY, Long.toString(rounds));
        return new Checkpoint(c.modelId(), h, c.params());
    }

    /**
     * Puts a GAN read from a saved scenario in place of the one training (a command, after the scenario's knobs
     * reached the trainer): the scene built and checked it against the knobs {@code p} first, so nothing here can
     * fail half-way. The rounds go on from the saved count; the loss curves start empty.
     */
    public void restore(Gan2D restored, long savedRounds, GanLabParams p) {
        if (!p.data().equals(dataId) || !p.config().sameGenerator(gan.config())
                || !p.config().sameDiscriminator(gan.config()) || p.config().seed() != gan.config().seed()) {
            reset(p);
        }
        adopt(p);
        gan = restored;
        rounds = savedRounds;
        curveN = 0;
        lastG = null;
        metricsRound = -1;
        configVersion++;
    }

    // ---------------------------------------------------------------- for tests

    /** The GAN being trained (tests read its config). */
    Gan2D gan() {
        return gan;
    }
}
