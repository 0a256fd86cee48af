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
 * <p>All of it is closed-form arithmetic on a few hundred points (plus the estimator's samples),
 * computed on the JavaFX thread when a knob moves.
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

    /** The naive estimator's mean ± sd over repeats for K = 1 … 10⁵, and at the knob's K. */
    private void drawMonteCarlo(double[] x, PlotTheme theme) {
        exact = model.logDensity(x);
        int steps = 21;
        double[] logK = new double[steps];
        double[] mean = new double[steps];
        double[] lo = new double[steps];
        double[] hi = new double[steps];
        double[] ex = new double[steps];
        for (int i = 0; i < steps; i++) {
            logK[i] = 0.25 * i;
            int k = (int) Math.round(Math.pow(10, logK[i]));
            Estimators.Spread s = Estimators.repeat(r -> PpcaSubspace.naive(model, x, k, r), REPEATS, 100 + i);
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
        double kLog = params.get(ElboParams.K_LOG);
        int k = (int) Math.round(Math.pow(10, kLog));
        Estimators.Spread now = Estimators.repeat(r -> PpcaSubspace.naive(model, x, k, r), REPEATS, 99);
        estimate = now.mean();
        spread = now.sd();
        float[] px = new float[now.values().length];
        float[] py = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) kLog;
            py[i] = (float) now.values()[i];
        }
        monteCarlo.setPoints(toDouble(px), toDouble(py), POINT.color());
        mcReadout.setText(I18n.get("elbo.mc.readout", k, fmt(estimate), fmt(spread), fmt(exact), REPEATS));
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

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
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
