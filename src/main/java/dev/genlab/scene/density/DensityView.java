package dev.genlab.scene.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorBar;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.Extent;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.HoverProvider;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.ScatterLayer;

/**
 * The density scene's figures: the model's log-density as a heat map with the data, model
 * samples, outliers and component ellipses on top; the NLL curve per EM iteration against the
 * entropy floor; and read-outs. Draws only what a {@link DensitySnapshot} holds.
 */
final class DensityView extends BorderPane {

    // data sit where the density is high (yellow in viridis), so they are dark; samples a contrasting magenta
    static final Color DATA = Color.web("#1b1b1b");
    static final Color SAMPLE = Color.web("#e7298a");
    static final Color OUTLIER = Color.web("#d62728");
    static final Color PICKED = Color.web("#00bcd4");
    /** Nats of log-density the colour map spans below the peak. */
    static final double LOG_RANGE = 25;

    final Plot2D plot = new Plot2D();
    final HeatmapLayer heat = new HeatmapLayer();
    final EllipseLayer ellipses = new EllipseLayer();
    final ScatterLayer points = new ScatterLayer();
    final LineChartPlot curve = new LineChartPlot();
    final Label iteration = new Label();
    final Label trainNll = new Label();
    final Label testNll = new Label();
    final Label floor = new Label();
    final Label picked = new Label();
    final Label note = new Label();
    private final ColorBar bar;

    private LineChartPlot.Series trainSeries;
    private LineChartPlot.Series testSeries;
    private DensitySnapshot last;
    private boolean showResponsibilities;
    private double threshold = -6;
    private float[] pick;

    DensityView() {
        getStyleClass().add("density-view");
        heat.setColorMap(ColorMap.VIRIDIS);
        plot.layers().addAll(heat, ellipses, points);
        plot.setEqualAspect(true);
        plot.setXLabel("x\u2081");
        plot.setYLabel("x\u2082");
        plot.setId("density-plot");
        bar = ColorBar.of(heat, "log p\u03b8(x)");
        bar.setPrefWidth(70);
        plot.setHoverProvider((x, y) -> last == null || last.components() == 0 ? null
                : HoverProvider.format(x, y, "log p(x)", last.logDensity(x, y)));
        curve.setId("density-curve");
        curve.setPrefHeight(120);
        curve.setMinHeight(90);
        curve.keepHeightShare(this, 0.25);
        curve.yLabelProperty().bind(I18n.bind("density.nllAxis"));
        curve.xLabelProperty().bind(I18n.bind("density.iterationAxis"));
        iteration.setId("density-iteration");
        trainNll.setId("density-train-nll");
        testNll.setId("density-test-nll");
        floor.setId("density-floor");
        picked.setId("density-picked");
        note.setId("density-note");
        note.setWrapText(true);
        note.setMinHeight(Label.USE_PREF_SIZE);
        for (Label l : List.of(iteration, trainNll, testNll, floor, picked)) {
            l.getStyleClass().add("readout");
        }
        HBox figure = new HBox(4, plot, bar);
        HBox.setHgrow(plot, Priority.ALWAYS);
        VBox.setVgrow(figure, Priority.ALWAYS);
        FlowPane readouts = new FlowPane(16, 4, iteration, trainNll, testNll, floor, picked);
        readouts.setPadding(new Insets(4, 8, 0, 8));
        VBox box = new VBox(4, figure, readouts, note, curve);
        box.setPadding(new Insets(6));
        setCenter(box);
    }

    void setShowResponsibilities(boolean on) {
        showResponsibilities = on;
        redrawPoints();
    }

    void setContours(boolean on) {
        heat.setContourLevels(on ? 8 : 0);
    }

    void setThreshold(double t) {
        threshold = t;
        redrawPoints();
        showPick();
    }

    /** Marks a picked point (or clears the mark with null) and reads out its log-density. */
    void pick(float[] xy) {
        pick = xy;
        redrawPoints();
        showPick();
    }

    void show(DensitySnapshot s) {
        boolean newData = last == null || last.dataX() != s.dataX();
        last = s;
        heat.setData(s.grid(), s.gridW(), s.gridH(), extent(s.extent()));
        float top = Float.NEGATIVE_INFINITY;
        for (float v : s.grid()) {
            top = Math.max(top, v);
        }
        if (Float.isFinite(top)) {
            // far from the data log p plunges to -100s; colour the 25 nats below the peak, where the mass is
            heat.setRange(top - LOG_RANGE, top);
        }
        Extent home = extent(s.bounds());
        if (!home.equals(plot.dataExtentProperty().get())) {
            plot.setDataExtent(home);
        }
        ellipses.setComponents(s.weights(), s.means(), s.covs());
        redrawPoints();
        iteration.setText(s.regulariser() > 0
                ? I18n.get("density.iterationRegularised", s.iteration(), String.format(java.util.Locale.ROOT, "%.2g", s.regulariser()))
                : I18n.get("density.iteration", s.iteration()));
        trainNll.setText(s.components() == 0 ? "" : I18n.get("density.trainNll", fmt(-s.avgLogLikelihood())));
        testNll.setText(Double.isNaN(s.testLogLikelihood()) ? "" : I18n.get("density.testNll", fmt(-s.testLogLikelihood())));
        floor.setText(Double.isNaN(s.entropy()) ? I18n.get("density.noFloor") : I18n.get("density.floor", fmt(s.entropy())));
        note.setText(s.message().isEmpty() ? "" : I18n.get("density.note." + s.message()));
        showPick();
        if (newData || trainSeries == null || s.history().length < trainSeries.size()) {
            rebuildCurve(s);
        } else {
            appendCurve(s);
        }
    }

    private void rebuildCurve(DensitySnapshot s) {
        curve.clearSeries();
        curve.clearReferenceLines();
        trainSeries = curve.addSeries(I18n.get("density.seriesTrain"), Color.web("#1f77b4"));
        testSeries = s.testHistory().length > 0 && !Double.isNaN(s.testHistory()[0])
                ? curve.addSeries(I18n.get("density.seriesTest"), Color.web("#ff7f0e")) : null;
        if (!Double.isNaN(s.entropy())) {
            curve.addReferenceLine(s.entropy(), "H(p) = " + fmt(s.entropy()), OUTLIER);
        }
        appendCurve(s);
    }

    private void appendCurve(DensitySnapshot s) {
        for (int i = trainSeries.size(); i < s.history().length; i++) {
            trainSeries.append(i, -s.history()[i]);
            if (testSeries != null) {
                testSeries.append(i, -s.testHistory()[i]);
            }
        }
    }

    private void redrawPoints() {
        points.clear();
        DensitySnapshot s = last;
        if (s == null) {
            return;
        }
        int n = s.dataX().length;
        List<Float> ox = new ArrayList<>();
        List<Float> oy = new ArrayList<>();
        if (showResponsibilities && s.components() > 0) {
            PlotTheme theme = PlotTheme.current();
            for (int j = 0; j < s.components(); j++) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    count += s.dataComponent()[i] == j ? 1 : 0;
                }
                float[] x = new float[count];
                float[] y = new float[count];
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if (s.dataComponent()[i] == j) {
                        x[c] = s.dataX()[i];
                        y[c++] = s.dataY()[i];
                    }
                }
                points.put(new ScatterLayer.Series(I18n.get("density.component", j + 1), x, y, theme.seriesColor(j), Marker.CIRCLE));
            }
        } else {
            points.put(new ScatterLayer.Series(I18n.get("density.seriesData"), s.dataX(), s.dataY(), DATA, Marker.CIRCLE));
        }
        for (int i = 0; i < n; i++) {
            if (s.dataLogP()[i] < threshold) {
                ox.add(s.dataX()[i]);
                oy.add(s.dataY()[i]);
            }
        }
        if (!ox.isEmpty()) {
            points.put(new ScatterLayer.Series(I18n.get("density.seriesOutliers"), toArray(ox), toArray(oy), OUTLIER, Marker.TRIANGLE));
        }
        if (s.sampleX().length > 0) {
            points.put(new ScatterLayer.Series(I18n.get("density.seriesSamples"), s.sampleX(), s.sampleY(), SAMPLE, Marker.CROSS));
        }
        if (pick != null) {
            points.put(new ScatterLayer.Series(I18n.get("density.seriesPicked"), new float[] {pick[0]}, new float[] {pick[1]},
                    PICKED, Marker.SQUARE));
        }
    }

    private void showPick() {
        if (pick == null || last == null || last.components() == 0) {
            picked.setText("");
            return;
        }
        double lp = last.logDensity(pick[0], pick[1]);
        String key = lp < threshold ? "density.pickedOutlier" : "density.picked";
        picked.setText(I18n.get(key, fmt(pick[0]), fmt(pick[1]), fmt(lp)));
    }

    /** The extent the plot really shows (after fitting the aspect ratio), or null before the first paint. */
    double[] shownExtent() {
        PlotTransform t = plot.getTransform();
        if (t == null || !(t.width() > 0) || !(t.height() > 0)) {
            return null;
        }
        double x0 = t.dataX(t.left());
        double x1 = t.dataX(t.right());
        double y0 = t.dataY(t.bottom());
        double y1 = t.dataY(t.top());
        return new double[] {Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)};
    }

    private static Extent extent(double[] e) {
        return new Extent(e[0], e[1], e[2], e[3]);
    }

    DensitySnapshot last() {
        return last;
    }

    private static float[] toArray(List<Float> l) {
        float[] a = new float[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
