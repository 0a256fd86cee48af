package dev.genlab.scene.autoregressive;

import java.util.Locale;
import java.util.StringJoiner;

import javafx.geometry.Insets;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.PlotLayer;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.scene.Grids;

/**
 * The continuous panel: RNADE's density p(x₁, x₂) as a heat map over the training points with the slice x₁ = a
 * marked, and beside it the two conditionals it is made of, p(x₁) and p(x₂ | x₁ = a), each with its weighted
 * Gaussians over the truth; under them the held-out NLL against the best Gaussian and H(p).
 */
final class RnadePanel extends VBox {

    static final FigureColour TRUTH = FigureColour.GREY;
    static final FigureColour MODEL = FigureColour.BLUE;
    static final FigureColour COMPONENTS = FigureColour.ORANGE;
    static final FigureColour SLICE = FigureColour.VERMILION;
    static final FigureColour GAUSSIAN = FigureColour.SKY_BLUE;
    static final FigureColour PREVIOUS = FigureColour.LIGHT_GREY;

    final Plot2D density = new Plot2D();
    final CurvePlot marginal = new CurvePlot();
    final CurvePlot conditional = new CurvePlot();
    final LineChartPlot nll = new LineChartPlot();
    final Label readout = new Label();
    final Label sliceText = new Label();
    /** What the curves' colours mean (one caption for both plots: legends would take their height). */
    final Label key = new Label();
    private final HeatmapLayer heat = new HeatmapLayer();
    private final ScatterLayer points = new ScatterLayer();
    private final SliceLayer sliceLine = new SliceLayer();
    private RnadeView last;
    private LineChartPlot.Series nllSeries;
    private String curvesRun = "";
    /** The run before the last new network on the same data (for comparison on the chart); empty if none. */
    private double[] previousX = new double[0];
    private double[] previousY = new double[0];
    private int previousK;
    /** The language the chart's series and lines were named in. */
    private Locale namedIn;

    RnadePanel() {
        setId("ar-continuous");
        density.setId("ar-continuous-density");
        marginal.setId("ar-continuous-marginal");
        conditional.setId("ar-continuous-conditional");
        nll.setId("ar-continuous-nll");
        readout.setId("ar-continuous-readout");
        sliceText.setId("ar-continuous-slice");
        key.setId("ar-continuous-key");
        Grids.readout(readout, sliceText, key);
        marginal.setLegendVisible(false);
        conditional.setLegendVisible(false);
        conditional.setYLabel("p(x\u2082 | x\u2081)");
        heat.setColorMap(ColorMap.VIRIDIS);
        points.setMarkerRadius(1.3);
        points.setOpacity(0.55);
        density.layers().addAll(heat, points, sliceLine);
        density.setEqualAspect(true);
        density.setXLabel("x\u2081");
        density.setYLabel("x\u2082");
        marginal.setXLabel("x\u2081");
        marginal.setYLabel("p(x\u2081)");
        conditional.setXLabel("x\u2082");
        nll.xLabelProperty().bind(I18n.bind("ar.continuous.chartX"));
        nll.yLabelProperty().bind(I18n.bind("ar.continuous.chartY"));
        for (var f : new dev.genlab.plot.AxesFigure[] {density, marginal, conditional}) {
            f.setMinSize(100, 90);
            f.setPrefSize(300, 200);
        }
        nll.setPrefHeight(150);
        nll.setMinHeight(90);
        // at least a quarter of the panel's height, as every chart a lecture shows (PresenterLayoutTest at 1080)
        nll.keepHeightShare(this, 0.26);
        // the map over the NLL chart on the left; the two conditionals, the figure's subject, take the whole right
        VBox left = new VBox(4, density, nll);
        VBox.setVgrow(density, Priority.ALWAYS);
        VBox curves = new VBox(2, key, marginal, conditional, sliceText);
        VBox.setVgrow(marginal, Priority.ALWAYS);
        VBox.setVgrow(conditional, Priority.ALWAYS);
        left.setMinSize(0, 0);
        curves.setMinSize(0, 0);
        var top = Grids.row(new double[] {52, 48}, left, curves);
        VBox.setVgrow(top, Priority.ALWAYS);
        setSpacing(4);
        setPadding(new Insets(4, 6, 4, 6));
        getChildren().addAll(top, readout);
    }

    RnadeView last() {
        return last;
    }

    /** Draws a new view (the same one again is skipped; a language change passes force). */
    void show(RnadeView v, boolean force) {
        if (v == null || v == last && !force) {
            return;
        }
        Locale locale = I18n.localeProperty().get();
        boolean newRun = last == null || force || !locale.equals(namedIn) || !v.toy().equals(last.toy())
                || v.components() != last.components() || v.nllX().length < nllSeries.size()
                || v.adamSteps() < last.adamSteps();
        namedIn = locale;
        if (last != null && (!v.toy().equals(last.toy())
                || v.adamSteps() < last.adamSteps() && v.nllX().length <= 1)) {
            // a new network: the one before stays on the chart if it trained on the same data
            boolean sameData = v.toy().equals(last.toy());
            previousX = sameData && last.nllX().length > 1 ? last.nllX() : new double[0];
            previousY = sameData && last.nllX().length > 1 ? last.nllY() : new double[0];
            previousK = last.components();
        }
        last = v;
        double[] b = v.bounds();
        Extent e = new Extent(b[0], b[1], b[2], b[3]);
        heat.setData(v.density(), v.gridSide(), v.gridSide(), e);
        density.setDataExtent(e);
        if (points.series().isEmpty() || newRun) {
            points.clear();
            points.put(new ScatterLayer.Series(I18n.get("ar.continuous.data"), v.pointsX(), v.pointsY(),
                    Color.gray(0.95), Marker.CIRCLE));
        }
        sliceLine.set(v.slice());
        String run = I18n.get("ar.continuous.truth") + v.components();
        if (!run.equals(curvesRun)) {
            // new names (language) or another number of components: none of the old curves may stay
            marginal.clearCurves();
            conditional.clearCurves();
            curvesRun = run;
        }
        put(marginal, v.x1(), v.marginalTruth(), v.marginal(), v.marginalComponents());
        put(conditional, v.x2(), v.conditionalTruth(), v.conditional(), v.conditionalComponents());
        key.setText(I18n.get("ar.continuous.key", TRUTH.label(locale), MODEL.label(locale), COMPONENTS.label(locale)));
        sliceText.setText(sliceText(v));
        if (newRun) {
            nll.clearSeries();
            nll.clearReferenceLines();
            if (previousX.length > 0) {
                nll.addSeries(I18n.get("ar.continuous.previous", previousK), PREVIOUS.color()).appendAll(previousX, previousY);
            }
            nllSeries = nll.addSeries(I18n.get("ar.continuous.heldOut"), MODEL.color());
            nll.addReferenceLine(v.gaussianNll(), I18n.get("ar.continuous.gaussian", fmt2(v.gaussianNll())),
                    GAUSSIAN.color());
            nll.addReferenceLine(v.entropy(), I18n.get("ar.continuous.floor", fmt2(v.entropy())), TRUTH.color());
        }
        for (int i = nllSeries.size(); i < v.nllX().length; i++) {
            nllSeries.append(v.nllX()[i], v.nllY()[i]);
        }
        readout.setText(readoutText(v));
    }

    private static void put(CurvePlot plot, double[] x, double[] truth, double[] model, double[][] parts) {
        if (truth != null) {
            plot.put(new CurvePlot.Curve(I18n.get("ar.continuous.truth"), x, truth, TRUTH.color(), true));
        } else {
            plot.remove(I18n.get("ar.continuous.truth"));
        }
        for (int k = 0; k < parts.length; k++) {
            String name = k == 0 ? I18n.get("ar.continuous.components") : I18n.get("ar.continuous.components") + " " + (k + 1);
            plot.put(new CurvePlot.Curve(name, x, parts[k], COMPONENTS.color(), false, k == 0));
        }
        plot.put(new CurvePlot.Curve("RNADE", x, model, MODEL.color(), false));
    }

    static String readoutText(RnadeView v) {
        return I18n.get("ar.continuous.readout", v.components(), v.hidden(), String.format(Locale.ROOT, "%,d", v.numParams()),
                String.format(Locale.ROOT, "%,d", v.adamSteps()), v.batch(), v.adamPerStep(), v.testPoints(),
                Double.isNaN(v.testNll()) ? "\u2014" : fmt2(v.testNll()), fmt2(v.gaussianNll()), fmt2(v.entropy()),
                String.format(Locale.ROOT, "%,d", v.trainPoints()));
    }

    static String sliceText(RnadeView v) {
        StringJoiner w = new StringJoiner(", ");
        for (double a : v.sliceWeights()) {
            w.add(fmt2(a));
        }
        return v.conditionalTruth() == null
                ? I18n.get("ar.continuous.sliceEmpty", fmt2(v.slice()), w.toString())
                : I18n.get("ar.continuous.slice", fmt2(v.slice()), w.toString());
    }

    static String fmt2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The vertical line x₁ = a across the density map. */
    static final class SliceLayer extends PlotLayer {
        private double at = Double.NaN;

        void set(double a) {
            if (a != at) {
                at = a;
                changed();
            }
        }

        @Override
        public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
            if (Double.isNaN(at)) {
                return;
            }
            double x = t.px(at);
            g.setStroke(SLICE.color());
            g.setLineWidth(theme.lineWidth() * 1.5);
            g.strokeLine(x, t.top(), x, t.bottom());
        }
    }
}
