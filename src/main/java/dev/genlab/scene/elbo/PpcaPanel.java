package dev.genlab.scene.elbo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javafx.geometry.Insets;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.live.UiFirst;
import dev.genlab.scene.Grids;
import dev.genlab.data.ToyDistributions;
import dev.genlab.i18n.I18n;
import dev.genlab.model.latent.Estimators;
import dev.genlab.model.latent.Ppca;
import dev.genlab.model.latent.PpcaSubspace;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.HoverProvider;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.PlotLayer;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.ScenePanel;

/**
 * Panel 1 of lesson 7: probabilistic PCA with one latent on points in the plane, solved exactly.
 * Left, the data and the fitted model: its exact log p(x) as a heat map, the line {W z + b} with
 * z's scale marked on it, and the generative process (Play / Step draw z, put W z + b on the line and add
 * the noise ε). Right, the exact posterior p(z|x) of the chosen point against the prior, and the naive
 * Monte Carlo estimate of log p(x) from K prior samples: its spread over repeats as K grows, beside
 * the exact value.
 *
 * <p>All of it is closed-form arithmetic on a few hundred points, computed on the JavaFX thread when a
 * knob moves, except the estimator's millions of samples, which run on one background thread
 * ({@link #drawMonteCarlo}).
 */
final class PpcaPanel extends LocalPanel {

    static final FigureColour LINE = FigureColour.VERMILION;
    static final FigureColour GENERATED = FigureColour.ORANGE;
    static final FigureColour POINT = FigureColour.CYAN;
    static final FigureColour EXACT = FigureColour.BLUE;
    static final FigureColour PRIOR = FigureColour.GREY;
    static final int POINTS = 400;
    static final int GRID = 128;
    static final double EXTENT = 4;
    static final int REPEATS = 20;
    static final int KEEP_GENERATED = 150;

    final Plot2D plane = new Plot2D();
    private final HeatmapLayer heat = new HeatmapLayer();
    private final ScatterLayer points = new ScatterLayer();
    private final ModelLayer modelLayer = new ModelLayer();
    final CurvePlot posterior = new CurvePlot();
    final CurvePlot monteCarlo = new CurvePlot();
    final Label fitReadout = new Label();
    final Label mcReadout = new Label();
    final Label message = new Label();

    private final ParamSet params;
    private final List<double[]> drawn = new ArrayList<>();
    private final List<double[]> generated = new ArrayList<>();
    private final SplittableRandom generator = new SplittableRandom(17);
    private double[][] data = new double[0][];
    private Ppca model;
    private double[] lastZ;
    private double[] lastMean;
    private double[] lastX;
    private double estimate = Double.NaN;
    private double spread = Double.NaN;
    private double exact = Double.NaN;

    PpcaPanel(ParamSet params) {
        this.params = params;
        setId("elbo-ppca");
        plane.setId("elbo-ppca-plane");
        posterior.setId("elbo-ppca-posterior");
        monteCarlo.setId("elbo-ppca-mc");
        heat.setColorMap(ColorMap.VIRIDIS);
        plane.layers().addAll(heat, points, modelLayer);
        plane.setEqualAspect(true);
        plane.setDataExtent(Extent.square(EXTENT));
        plane.setXLabel("x\u2081");
        plane.setYLabel("x\u2082");
        plane.setHoverProvider((x, y) -> model == null ? null
                : HoverProvider.format(x, y, "log p(x)", model.logDensity(new double[] {x, y})));
        posterior.xLabelProperty().set("z");
        monteCarlo.xLabelProperty().bind(I18n.bind("elbo.mc.axisK"));
        monteCarlo.yLabelProperty().bind(I18n.bind("elbo.mc.axisLogP"));
        for (var f : List.of(plane, posterior, monteCarlo)) {
            f.setMinSize(140, 120);
        }
        for (Label l : List.of(fitReadout, mcReadout, message)) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(USE_PREF_SIZE);
        }
        fitReadout.setId("elbo-ppca-fit");
        mcReadout.setId("elbo-ppca-mc-readout");
        message.setId("elbo-ppca-message");
        message.setStyle("-fx-text-fill: #c0392b;");
        javafx.scene.Node right = Grids.column(new double[] {50, 50}, posterior, monteCarlo);
        javafx.scene.Node top = Grids.row(new double[] {55, 45}, plane, right);
        VBox readouts = new VBox(2, fitReadout, mcReadout, message);
        readouts.setPadding(new Insets(4, 8, 2, 8));
        setCenter(top);
        setBottom(readouts);
    }

    @Override
    public Enum<?> id() {
        return ElboParams.Panel.PPCA;
    }


    /** A click in the plane: a new point in "drawn" data, else the point x whose posterior is shown. */
    void clicked(double x, double y) {
        if ("drawn".equals(params.get(ElboParams.DATA))) {
            drawn.add(new double[] {x, y});
            recompute();
        } else {
            params.set(ElboParams.X1, clamp(x));
            params.set(ElboParams.X2, clamp(y));
        }
    }

    private static double clamp(double v) {
        return Math.max(-4, Math.min(4, Math.round(v * 20) / 20.0));
    }

    void clearDrawn() {
        drawn.clear();
        generated.clear();
    }

    int drawnCount() {
        return drawn.size();
    }

    Ppca model() {
        return model;
    }

    double estimate() {
        return estimate;
    }

    double exact() {
        return exact;
    }

    /** The data set of the knobs: a noisy line from a known pPCA, the two moons, or the drawn points. */
    private double[][] dataFor(String id, double noise) {
        if ("drawn".equals(id)) {
            return drawn.toArray(double[][]::new);
        }
        double[] xs = new double[POINTS];
        double[] ys = new double[POINTS];
        if ("moons".equals(id)) {
            ToyDistributions.byId("moons").sample(POINTS, new SplittableRandom(3), xs, ys);
        } else {
            // x = w z + b + ε with w = (1.6, 0.9), b = (0.3, −0.2): a true pPCA with one latent
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < POINTS; i++) {
                double z = gauss(r);
                xs[i] = 1.6 * z + 0.3 + noise * gauss(r);
                ys[i] = 0.9 * z - 0.2 + noise * gauss(r);
            }
        }
        double[][] out = new double[POINTS][];
        for (int i = 0; i < POINTS; i++) {
            out[i] = new double[] {xs[i], ys[i]};
        }
        return out;
    }

    static double gauss(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** pPCA with one latent fitted to the knobs' data, without drawing (null below three points). */
    Ppca fitCurrent() {
        double[][] d = dataFor(params.get(ElboParams.DATA), params.get(ElboParams.NOISE));
        return d.length < 3 ? null : Ppca.fit(d, 1);
    }

    /** Refits and redraws everything from the knobs. */
    @Override
    void recompute() {
        PlotTheme theme = PlotTheme.current();
        data = dataFor(params.get(ElboParams.DATA), params.get(ElboParams.NOISE));
        message.setText("");
        points.clear();
        if (data.length > 0) {
            float[] xs = new float[data.length];
            float[] ys = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                xs[i] = (float) data[i][0];
                ys[i] = (float) data[i][1];
            }
            points.put(new ScatterLayer.Series(I18n.get("elbo.legend.data"), xs, ys, theme.text(), Marker.CIRCLE));
        }
        if (data.length < 3) {
            model = null;
            heat.setData(new float[] {Float.NaN}, 1, 1, Extent.square(EXTENT));
            modelLayer.model = null;
            message.setText(I18n.get("elbo.ppca.needPoints", data.length));
            posterior.remove("post");
            fitReadout.setText("");
            mcGeneration.incrementAndGet(); // a job still running draws nothing
            mcPending = false;
            mcReadout.setText("");
            plane.redraw();
            return;
        }
        model = Ppca.fit(data, 1);
        float[] logp = toFloat(model.logDensityGrid2D(-EXTENT, EXTENT, -EXTENT, EXTENT, GRID, GRID));
        heat.setData(logp, GRID, GRID, Extent.square(EXTENT));
        // the top 12 nats: below that the colour would only show the far corners' tails
        double top = Double.NEGATIVE_INFINITY;
        for (float v : logp) {
            top = Math.max(top, v);
        }
        heat.setRange(top - 12, top);
        modelLayer.model = model;
        double[] x = {params.get(ElboParams.X1), params.get(ElboParams.X2)};
        modelLayer.x = x;
        if (!generated.isEmpty()) {
            putGenerated();
        } else {
            plane.redraw();
        }
        drawPosterior(x, theme);
        drawMonteCarlo(x, theme);
        double[] w = {model.w()[0][0], model.w()[1][0]};
        fitReadout.setText(I18n.get("elbo.ppca.fit", fmt(w[0]), fmt(w[1]), fmt(model.mean()[0]), fmt(model.mean()[1]),
                fmt(model.sigma2()), fmt(model.eigenvalues()[0]), fmt(model.eigenvalues()[1])));
    }

    private void drawPosterior(double[] x, PlotTheme theme) {
        double mu = model.posteriorMean(x)[0];
        double var = model.posteriorCovariance()[0][0];
        int n = 300;
        double[] zs = new double[n];
        double[] post = new double[n];
        double[] prior = new double[n];
        for (int i = 0; i < n; i++) {
            double z = -4 + 8.0 * i / (n - 1);
            zs[i] = z;
            post[i] = Math.exp(-0.5 * (z - mu) * (z - mu) / var) / Math.sqrt(2 * Math.PI * var);
            prior[i] = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        }
        posterior.yLabelProperty().set("p(z), p(z | x)");
        posterior.put(new CurvePlot.Curve("p(z)", zs, prior, PRIOR.color(), false));
        posterior.put(new CurvePlot.Curve("p(z | x)", zs, post, POINT.color(), true));
    }

    /** The curve's K: 10^(0.25 i), i = 0 … 20. */
    static final int CURVE_POINTS = 21;
    static final double CURVE_STEP = 0.25;

    /**
     * The Monte Carlo work runs here, latest wins: the curve is about 4.6 million prior samples and
     * the knob's K up to 2 million more, 0.3–0.5 s on one core, which on the JavaFX thread froze the
     * window at every knob move or click. One daemon thread for every panel (a job holds its panel only
     * while it runs).
     */
    private static final java.util.concurrent.ExecutorService MONTE_CARLO =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                // lowered like a trainer: background work that yields the cores to the window
                Thread t = new Thread(() -> {
                    dev.genlab.live.BackgroundPriority.lowerThisThread();
                    r.run();
                }, "elbo-monte-carlo");
                t.setDaemon(true);
                return t;
            });

    /** What the curve depends on: the fitted model's numbers and the point. */
    private record McKey(double w1, double w2, double b1, double b2, double sigma2, double x1, double x2) {
        static McKey of(Ppca m, double[] x) {
            return new McKey(m.w()[0][0], m.w()[1][0], m.mean()[0], m.mean()[1], m.sigma2(), x[0], x[1]);
        }
    }

    /** The estimator's spread over {@link #REPEATS} at each K of the curve. */
    private record McCurve(McKey key, Estimators.Spread[] spreads) {
    }

    private final java.util.concurrent.atomic.AtomicLong mcGeneration = new java.util.concurrent.atomic.AtomicLong();
    /** The last curve computed (JavaFX thread). */
    private McCurve mcCurve;
    private volatile boolean mcPending;

    /**
     * The naive estimator's mean ± sd over repeats for K = 1 … 10⁵, and at the knob's K: from the
     * cached curve when only K moved to one of its points, else computed on {@link #MONTE_CARLO} and
     * drawn when it arrives (the readout says it is running meanwhile).
     */
    private void drawMonteCarlo(double[] x, PlotTheme theme) {
        exact = model.logDensity(x);
        double kLog = params.get(ElboParams.K_LOG);
        int k = (int) Math.round(Math.pow(10, kLog));
        McKey key = McKey.of(model, x);
        long generation = mcGeneration.incrementAndGet();
        int onCurve = (int) Math.round(kLog / CURVE_STEP);
        boolean atCurvePoint = Math.abs(kLog - onCurve * CURVE_STEP) < 1e-9 && onCurve >= 0 && onCurve < CURVE_POINTS;
        if (mcCurve != null && mcCurve.key().equals(key) && atCurvePoint) {
            mcPending = false;
            showMonteCarlo(mcCurve, mcCurve.spreads()[onCurve], kLog, k, theme);
            return;
        }
        mcPending = true;
        mcReadout.setText(I18n.get("elbo.mc.running", k, fmt(exact), REPEATS));
        Ppca m = model;
        McCurve cached = mcCurve;
        MONTE_CARLO.execute(() -> {
            // opening the step starts this job: the window is laid out first (CI, 2026-12-05: this thread had
            // 160 ms of the 233 ms the window waited when lesson 7's step 8 opened)
            if (!UiFirst.awaitTurnOrInterrupt() || generation != mcGeneration.get()) {
                return; // a newer knob move came first
            }
            McCurve curve = cached != null && cached.key().equals(key) ? cached
                    : curve(m, x, key, () -> generation != mcGeneration.get());
            if (curve == null) {
                return; // a newer knob move, or the scene was left (leave)
            }
            Estimators.Spread now = atCurvePoint ? curve.spreads()[onCurve]
                    : Estimators.repeat(r -> PpcaSubspace.naive(m, x, k, r), REPEATS, 99);
            javafx.application.Platform.runLater(() -> {
                if (generation == mcGeneration.get()) {
                    mcCurve = curve;
                    mcPending = false;
                    showMonteCarlo(curve, now, kLog, k, PlotTheme.current());
                }
            });
        });
    }

    /**
     * The scene is left: a curve being computed stops at its next K instead of taking a core for up to half a
     * second from the scene opened next (the 30-minute monkey, 2026-12-05: 90 ms of a 234 ms wait of the window
     * opening lesson 2 after lesson 7).
     */
    void leave() {
        mcGeneration.incrementAndGet();
        mcPending = false;
    }

    /** The spread at every K of the curve (seed 100 + i at the i-th K); null once {@code stale} says so. */
    private static McCurve curve(Ppca m, double[] x, McKey key, java.util.function.BooleanSupplier stale) {
        Estimators.Spread[] spreads = new Estimators.Spread[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            if (stale.getAsBoolean()) {
                return null;
            }
            int k = (int) Math.round(Math.pow(10, CURVE_STEP * i));
            spreads[i] = Estimators.repeat(r -> PpcaSubspace.naive(m, x, k, r), REPEATS, 100 + i);
        }
        CURVES_COMPUTED.incrementAndGet();
        return new McCurve(key, spreads);
    }

    /** Curves computed to their end in this JVM (tests: a job of a scene left stops). */
    private static final java.util.concurrent.atomic.AtomicLong CURVES_COMPUTED = new java.util.concurrent.atomic.AtomicLong();

    static long curvesComputed() {
        return CURVES_COMPUTED.get();
    }

    private void showMonteCarlo(McCurve curve, Estimators.Spread now, double kLog, int k, PlotTheme theme) {
        double[] logK = new double[CURVE_POINTS];
        double[] mean = new double[CURVE_POINTS];
        double[] lo = new double[CURVE_POINTS];
        double[] hi = new double[CURVE_POINTS];
        double[] ex = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            Estimators.Spread s = curve.spreads()[i];
            logK[i] = CURVE_STEP * i;
            mean[i] = s.mean();
            lo[i] = s.mean() - s.sd();
            hi[i] = s.mean() + s.sd();
            ex[i] = exact;
        }
        monteCarlo.clearCurves();
        monteCarlo.put(new CurvePlot.Curve(I18n.get("elbo.mc.exact"), logK, ex, EXACT.color(), false));
        monteCarlo.put(new CurvePlot.Curve(I18n.get("elbo.mc.plusSd"), logK, hi, theme.seriesColor(1), false));
        monteCarlo.put(new CurvePlot.Curve(I18n.get("elbo.mc.mean"), logK, mean, theme.seriesColor(3), false));
        monteCarlo.put(new CurvePlot.Curve(I18n.get("elbo.mc.minusSd"), logK, lo, theme.seriesColor(1), false));
        estimate = now.mean();
        spread = now.sd();
        double[] values = now.values();
        double[] px = new double[values.length];
        java.util.Arrays.fill(px, kLog);
        monteCarlo.setPoints(px, values, POINT.color());
        mcReadout.setText(I18n.get("elbo.mc.readout", k, fmt(estimate), fmt(spread), fmt(exact), REPEATS));
    }

    /** True while a Monte Carlo job's result has not been drawn yet. */
    boolean monteCarloPending() {
        return mcPending;
    }

    /** One sample of the generative process: z ~ N(0, 1), then W z + b on the line, then + ε. */
    void generateOne() {
        if (model == null) {
            return;
        }
        double z = gauss(generator);
        double[] m = model.decode(new double[] {z});
        double s = Math.sqrt(model.sigma2());
        double[] x = {m[0] + s * gauss(generator), m[1] + s * gauss(generator)};
        lastZ = new double[] {z};
        lastMean = m;
        lastX = x;
        generated.add(x);
        while (generated.size() > KEEP_GENERATED) {
            generated.remove(0);
        }
        putGenerated();
    }

    private void putGenerated() {
        float[] gx = new float[generated.size()];
        float[] gy = new float[generated.size()];
        for (int i = 0; i < gx.length; i++) {
            gx[i] = (float) generated.get(i)[0];
            gy[i] = (float) generated.get(i)[1];
        }
        points.put(new ScatterLayer.Series(I18n.get("elbo.legend.generated"), gx, gy, GENERATED.color(),
                Marker.TRIANGLE));
        modelLayer.lastZ = lastZ;
        modelLayer.lastMean = lastMean;
        modelLayer.lastX = lastX;
        plane.redraw();
    }

    int generatedCount() {
        return generated.size();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The fitted line {W z + b} with z = −2 … 2 marked on it, a circle of radius σ round it at b, the point
     * x and its posterior mean's image, and the last generated sample: z's point on the line, and the
     * noise that carried it to x.
     */
    private static final class ModelLayer extends PlotLayer {
        Ppca model;
        double[] x;
        double[] lastZ;
        double[] lastMean;
        double[] lastX;

        @Override
        public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
            if (model == null) {
                return;
            }
            double lw = theme.lineWidth();
            double[] a = model.decode(new double[] {-6});
            double[] b = model.decode(new double[] {6});
            g.setStroke(LINE.color());
            g.setLineWidth(lw * 1.4);
            g.strokeLine(t.px(a[0]), t.py(a[1]), t.px(b[0]), t.py(b[1]));
            g.setFill(LINE.color());
            g.setFont(theme.font());
            for (int z = -2; z <= 2; z++) {
                double[] p = model.decode(new double[] {z});
                g.fillOval(t.px(p[0]) - 3 * lw, t.py(p[1]) - 3 * lw, 6 * lw, 6 * lw);
                g.fillText("z=" + z, t.px(p[0]) + 5, t.py(p[1]) - 5);
            }
            // the noise's scale: a circle of radius σ round b
            double s = Math.sqrt(model.sigma2());
            double[] b0 = model.mean();
            g.setLineWidth(lw);
            g.strokeOval(t.px(b0[0] - s), t.py(b0[1] + s), t.px(b0[0] + s) - t.px(b0[0] - s),
                    t.py(b0[1] - s) - t.py(b0[1] + s));
            if (x != null) {
                double[] m = model.decode(model.posteriorMean(x));
                g.setStroke(POINT.color());
                g.setLineDashes(4, 3);
                g.strokeLine(t.px(x[0]), t.py(x[1]), t.px(m[0]), t.py(m[1]));
                g.setLineDashes(null);
                g.setFill(POINT.color());
                g.fillOval(t.px(x[0]) - 5 * lw, t.py(x[1]) - 5 * lw, 10 * lw, 10 * lw);
                g.setStroke(theme.text());
                g.strokeOval(t.px(x[0]) - 5 * lw, t.py(x[1]) - 5 * lw, 10 * lw, 10 * lw);
                g.setFill(theme.text());
                g.fillText("x", t.px(x[0]) + 7, t.py(x[1]) + 4);
            }
            if (lastMean != null) {
                g.setStroke(GENERATED.color());
                g.setLineWidth(lw * 1.2);
                g.strokeLine(t.px(lastMean[0]), t.py(lastMean[1]), t.px(lastX[0]), t.py(lastX[1]));
                g.setFill(GENERATED.color());
                g.fillRect(t.px(lastMean[0]) - 4 * lw, t.py(lastMean[1]) - 4 * lw, 8 * lw, 8 * lw);
                g.fillText(String.format(Locale.ROOT, "z = %.2f", lastZ[0]), t.px(lastMean[0]) + 6,
                        t.py(lastMean[1]) + 14);
            }
        }
    }
}
