package dev.genlab.scene.flow;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.ScenePanel;
import dev.genlab.plot.ColorBar;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.HoverProvider;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.ScatterLayer;

/**
 * The training panel: the model's log-density as a heat map with the data and model samples; the
 * latent plane, where the data's codes z = f⁻¹(x) should look like the base samples beside them;
 * a QQ plot of those codes against the base's quantiles (on the diagonal when they are distributed
 * as p_z). The NLL curve against H(p) sits below every 2-D panel (see {@link FlowView}).
 */
final class TrainPanel extends BorderPane implements ScenePanel<FlowLabSnapshot> {

    static final Color DATA = Color.web("#1b1b1b");
    static final Color SAMPLE = Color.web("#e7298a");
    static final Color BASE = Color.web("#9e9e9e");
    static final double LOG_RANGE = 12;

    final Plot2D density = new Plot2D();
    final HeatmapLayer heat = new HeatmapLayer();
    final ScatterLayer points = new ScatterLayer();
    final Plot2D latent = new Plot2D();
    final ScatterLayer codes = new ScatterLayer();
    final CurvePlot qq = new CurvePlot();
    /** The held-out NLL split in its two parts, and log p(x) of the marked point term by term. */
    final javafx.scene.control.Label terms = new javafx.scene.control.Label();
    /** The marked point, drawn larger than the data in the layers panel's probe colour. */
    final ScatterLayer mark = new ScatterLayer();
    private final ColorBar bar;
    private FlowLabSnapshot last;

    TrainPanel() {
        setId("flow-train");
        density.setId("flow-density-plot");
        latent.setId("flow-latent-plot");
        qq.setId("flow-qq");
        heat.setColorMap(ColorMap.VIRIDIS);
        density.layers().addAll(heat, points, mark);
        density.setEqualAspect(true);
        density.setXLabel("x\u2081");
        density.setYLabel("x\u2082");
        latent.layers().add(codes);
        latent.setEqualAspect(true);
        latent.setXLabel("z\u2081");
        latent.setYLabel("z\u2082");
        latent.setDataExtent(Extent.square(3.5));
        qq.xLabelProperty().bind(I18n.bind("flow.qqX"));
        qq.yLabelProperty().bind(I18n.bind("flow.qqY"));
        bar = ColorBar.of(heat, "log p(x)");
        bar.setPrefWidth(84);
        bar.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        density.setHoverProvider((x, y) -> {
            FlowLabSnapshot s = last;
            if (s == null || s.density() == null) {
                return null;
            }
            // the plot keeps one unit as long on x as on y, so its area can reach past the grid's box: nothing is
            // computed there, and the read-out says nothing rather than NaN (the 30-minute monkey, seed 20261208)
            return inside(s.density(), x, y) ? HoverProvider.format(x, y, "log p(x)", lookup(s, x, y)) : null;
        });
        for (var f : java.util.List.of(density, latent, qq)) {
            f.setMinSize(140, 140);
        }
        qq.setLegendVisible(false);
        VBox right = new VBox(2, latent, qq);
        VBox.setVgrow(latent, Priority.ALWAYS);
        VBox.setVgrow(qq, Priority.ALWAYS);
        HBox top = new HBox(4, density, bar, right);
        HBox.setHgrow(density, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        density.setPrefSize(420, 360);
        // the grid covers a square box and one unit is as long on x as on y: a plot area wider than
        // high left bands beside the heat map, so the figure is kept about square (its side margins
        // are ~28 px wider than its top and bottom ones) and the column on the right takes the rest
        density.maxWidthProperty().bind(density.heightProperty().add(28));
        latent.setPrefSize(220, 180);
        qq.setPrefSize(220, 180);
        terms.setId("flow-terms");
        terms.getStyleClass().add("readout");
        terms.setWrapText(true);
        terms.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(2, top, terms);
        VBox.setVgrow(top, Priority.ALWAYS);
        // little padding: in presenter mode at 1280 x 720 the read-out's lines leave the two stacked plots on
        // the right just a quarter of the scene's height each (PresenterLayoutTest)
        box.setPadding(new Insets(4, 6, 2, 6));
        setCenter(box);
    }

    static boolean inside(dev.genlab.model.flow.Flow.DensityGrid g, double x, double y) {
        return x >= g.x0() && x < g.x1() && y >= g.y0() && y < g.y1();
    }

    private static double lookup(FlowLabSnapshot s, double x, double y) {
        var g = s.density();
        int i = (int) Math.floor((x - g.x0()) / (g.x1() - g.x0()) * g.n());
        int j = (int) Math.floor((y - g.y0()) / (g.y1() - g.y0()) * g.n());
        if (i < 0 || j < 0 || i >= g.n() || j >= g.n()) {
            return Double.NaN;
        }
        return g.logDensity()[j * g.n() + i];
    }

    @Override
    public Enum<?> id() {
        return FlowParams.Panel.TRAIN;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /** The read-out under the figures: the NLL's two parts, then the marked point's log-density term by term. */
    static String termsText(FlowLabSnapshot s) {
        String split = Double.isNaN(s.heldOutNll()) ? ""
                : I18n.get("flow.split", fmt(s.heldOutLogPz()), fmt(s.heldOutLogDet()),
                        fmt(-(s.heldOutLogPz() + s.heldOutLogDet()))) + "\n";
        FlowLab.Speed sp = s.speed();
        if (sp != null) {
            String ms0 = String.format(Locale.ROOT, "%.2f", sp.densityNs() / 1e6);
            String ms1 = String.format(Locale.ROOT, "%.2f", sp.samplingNs() / 1e6);
            // only where the two directions differ in passes (MAF, IAF): the read-out stays short elsewhere
            if (sp.autoregressive()) {
                split += I18n.get("flow.speed.passes", sp.points(), ms0, sp.densityPasses(), ms1, sp.samplingPasses())
                        + "\n";
            }
        }
        FlowLab.PointTerms t = s.point();
        if (t == null) {
            return split + I18n.get("flow.terms.none");
        }
        StringBuilder sum = new StringBuilder();
        for (int k = 0; k < t.logDets().length; k++) {
            double v = t.logDets()[k];
            if (k == 0) {
                sum.append(fmt(v));
            } else {
                sum.append(v < 0 ? " \u2212 " : " + ").append(fmt(Math.abs(v)));
            }
        }
        return split + I18n.get("flow.terms", fmt(t.x()), fmt(t.y()), fmt(t.zx()), fmt(t.zy()), fmt(t.logPz()), sum,
                fmt(t.logPx()));
    }

    @Override
    public void draw(FlowLabSnapshot s) {
        FlowLabSnapshot before = last;
        last = s;
        terms.setText(termsText(s));
        // while playing most snapshots only carry a new NLL: redraw a figure only when its data changed
        boolean newGrid = before == null || before.density() != s.density();
        boolean newPoints = before == null || before.traceX() != s.traceX() || before.dataX().length != s.dataX().length;
        if (s.density() != null && newGrid) {
            var g = s.density();
            float[] v = new float[g.logDensity().length];
            float top = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) g.logDensity()[i];
                top = Math.max(top, v[i]);
            }
            Extent e = new Extent(g.x0(), g.x1(), g.y0(), g.y1());
            heat.setData(v, g.n(), g.n(), e);
            if (Float.isFinite(top)) {
                heat.setRange(top - LOG_RANGE, top);
            }
            if (!e.equals(density.dataExtentProperty().get())) {
                density.setDataExtent(e);
            }
        }
        if (!newPoints) {
            return;
        }
        int ns = s.samples();
        float[] sx = new float[ns];
        float[] sy = new float[ns];
        float[] zx = new float[ns];
        float[] zy = new float[ns];
        for (int i = 0; i < ns; i++) {
            sx[i] = (float) s.traceX()[s.layers()][i];
            sy[i] = (float) s.traceY()[s.layers()][i];
            zx[i] = (float) s.traceX()[0][i];
            zy[i] = (float) s.traceY()[0][i];
        }
        points.clear();
        points.setMarkerRadius(1.5);
        points.setOpacity(0.6);
        points.put(new ScatterLayer.Series(I18n.get("flow.series.samples"), sx, sy, SAMPLE, Marker.CROSS));
        points.put(new ScatterLayer.Series(I18n.get("flow.series.data"), f(s.dataX()), f(s.dataY()), DATA, Marker.CIRCLE));
        mark.clear();
        if (s.point() != null) {
            mark.setMarkerRadius(5);
            mark.put(new ScatterLayer.Series(I18n.get("flow.series.probe"), new float[] {(float) s.point().x()},
                    new float[] {(float) s.point().y()}, LayersPanel.PROBE.color(), Marker.SQUARE));
        }
        codes.clear();
        codes.setMarkerRadius(1.5);
        codes.setOpacity(0.7);
        codes.put(new ScatterLayer.Series(I18n.get("flow.series.base"), zx, zy, BASE, Marker.CIRCLE));
        codes.put(new ScatterLayer.Series(I18n.get("flow.series.codes"), f(s.latentX()), f(s.latentY()),
                Color.web("#0072B2"), Marker.CIRCLE));
        if (s.qqX()[0].length > 1) {
            double lo = Math.max(-4, Math.min(s.qqX()[0][0], s.qqY()[0][0]));
            double hi = Math.min(4, Math.max(s.qqX()[0][s.qqX()[0].length - 1], s.qqY()[0][s.qqY()[0].length - 1]));
            qq.put(new CurvePlot.Curve("y = x", new double[] {lo, hi}, new double[] {lo, hi}, BASE, false));
            qq.put(new CurvePlot.Curve("z\u2081", s.qqX()[0], clip(s.qqX()[1]), Color.web("#0072B2"), false));
            qq.put(new CurvePlot.Curve("z\u2082", s.qqY()[0], clip(s.qqY()[1]), Color.web("#D55E00"), false));
            qq.setDataExtent(new Extent(lo, hi, lo - 0.5, hi + 0.5));
        }
    }

    private static double[] clip(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = Math.max(-8, Math.min(8, v[i]));
        }
        return o;
    }

    private static float[] f(double[] d) {
        float[] o = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            o[i] = (float) d[i];
        }
        return o;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
