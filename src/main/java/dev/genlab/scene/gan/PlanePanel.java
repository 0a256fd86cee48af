package dev.genlab.scene.gan;

import java.util.Locale;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanMetrics;
import dev.genlab.plot.ArrowLayer;
import dev.genlab.plot.ColorBar;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.HoverProvider;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.plot.WarpedGridLayer;
import dev.genlab.scene.Grids;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ScenePanel;

/**
 * Lesson 8's second panel: a 2-D GAN trained live ({@link GanLab}). One plane with layers the student
 * toggles by view-only knobs (D(x) as a heat map, G's warped noise grid, the real and the fake samples, the
 * arrows along which G pushes its fakes), the D and G losses over the rounds under it, and a read-out:
 * rounds, losses, KL and JS with their estimator, and for a mixture the modes covered.
 */
final class PlanePanel extends BorderPane implements ScenePanel<GanSnapshot> {

    static final FigureColour REAL = FigureColour.BLUE;
    static final FigureColour FAKE = FigureColour.ORANGE;
    /** The ends of the D(x) map's colours (ColorMap.COOL_WARM): "real" and "fake". */
    static final FigureColour SAYS_REAL = FigureColour.WARM_RED;
    static final FigureColour SAYS_FAKE = FigureColour.COOL_BLUE;
    static final Color GRID = Color.web("#5a5a5a");
    static final Color ARROW = Color.web("#1b1b1b");

    final Plot2D plane = new Plot2D();
    final HeatmapLayer heat = new HeatmapLayer();
    final WarpedGridLayer warp = new WarpedGridLayer();
    final ScatterLayer real = new ScatterLayer();
    final ScatterLayer fake = new ScatterLayer();
    final ArrowLayer arrows = new ArrowLayer();
    final CurvePlot losses = new CurvePlot();
    final Label readout = new Label();
    final Label metrics = new Label();
    final Label estimator = new Label();
    final Label message = new Label();
    /** One discriminator step alone, then one generator step alone: the game's two moves, one at a time. */
    final javafx.scene.control.Button stepD = new javafx.scene.control.Button();
    final javafx.scene.control.Button stepG = new javafx.scene.control.Button();
    private final ColorBar bar;
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> relabel());
    private GanSnapshot last;

    PlanePanel() {
        setId("gan-plane");
        plane.setId("gan-plane-plot");
        losses.setId("gan-plane-losses");
        readout.setId("gan-plane-readout");
        metrics.setId("gan-plane-metrics");
        estimator.setId("gan-plane-estimator");
        message.setId("gan-plane-message");
        heat.setColorMap(ColorMap.COOL_WARM);
        warp.setLineColor(GRID);
        arrows.setColor(ARROW);
        real.setMarkerRadius(1.6);
        real.setOpacity(0.55);
        fake.setMarkerRadius(1.6);
        fake.setOpacity(0.75);
        plane.layers().addAll(heat, warp, real, fake, arrows);
        plane.setEqualAspect(true);
        plane.setXLabel("x\u2081");
        plane.setYLabel("x\u2082");
        plane.setHoverProvider((x, y) -> {
            GanSnapshot s = last;
            if (s == null || s.heat() == null) {
                return null;
            }
            double[] e = s.extent();
            int n = GanSnapshot.HEAT_N;
            int i = (int) Math.floor((x - e[0]) / (e[1] - e[0]) * n);
            int j = (int) Math.floor((y - e[2]) / (e[3] - e[2]) * n);
            if (i < 0 || j < 0 || i >= n || j >= n) {
                return null;
            }
            return HoverProvider.format(x, y, dLabel(s.output()), s.heat()[j * n + i]);
        });
        bar = ColorBar.of(heat, "D(x)");
        bar.setPrefWidth(84);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        losses.xLabelProperty().bind(I18n.bind("gan.axis.steps"));
        losses.yLabelProperty().bind(I18n.bind("gan.plane.lossAxis"));
        losses.setZoomPanEnabled(false);
        plane.setMinSize(160, 160);
        losses.setMinSize(160, 80);
        HBox top = new HBox(4, plane, bar);
        HBox.setHgrow(plane, Priority.ALWAYS);
        Grids.readout(readout, metrics, estimator, message);
        message.setStyle("-fx-text-fill: #c0392b;");
        estimator.setStyle("-fx-opacity: 0.75; -fx-font-size: 0.85em;");
        stepD.setId("gan-step-d");
        stepG.setId("gan-step-g");
        stepD.textProperty().bind(I18n.bind("gan.stepD"));
        stepG.textProperty().bind(I18n.bind("gan.stepG"));
        VBox bottom = new VBox(2, new HBox(6, stepD, stepG), readout, metrics, estimator, message);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        // the plane keeps one unit as long on x as on y: a row gives it the height, the losses sit beside it
        setCenter(Grids.row(new double[] {64, 36}, top, losses));
        setBottom(bottom);
        relabel();
    }

    @Override
    public Enum<?> id() {
        return GanParams.Panel.PLANE;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /** The layers the view-only knobs show. */
    void showLayers(KnobValues v) {
        real.setVisible(v.get(GanParams.SHOW_REAL));
        fake.setVisible(v.get(GanParams.SHOW_FAKE));
        heat.setVisible(v.get(GanParams.SHOW_D));
        bar.setVisible(v.get(GanParams.SHOW_D));
        warp.setVisible(v.get(GanParams.SHOW_GRID));
        arrows.setVisible(v.get(GanParams.SHOW_ARROWS));
    }

    @Override
    public void draw(GanSnapshot s) {
        GanSnapshot before = last;
        last = s;
        message.setText("");
        if (before == null || before.heat() != s.heat()) {
            double[] e = s.extent();
            Extent box = new Extent(e[0], e[1], e[2], e[3]);
            heat.setData(s.heat(), GanSnapshot.HEAT_N, GanSnapshot.HEAT_N, box);
            if (s.output() == Gan2D.Output.PROBABILITY) {
                heat.setRange(0, 1);
            } else {
                heat.setAutoRange();
            }
            bar.setLabel(dLabel(s.output()));
            if (!box.equals(plane.dataExtentProperty().get())) {
                plane.setDataExtent(box);
            }
        }
        if (before == null || before.realXs() != s.realXs()) {
            real.put(new ScatterLayer.Series(I18n.get("gan.series.real"), f(s.realXs()), f(s.realYs()), REAL.color(),
                    Marker.CIRCLE));
        }
        if (before == null || before.fakeXs() != s.fakeXs()) {
            fake.put(new ScatterLayer.Series(I18n.get("gan.series.fake"), f(s.fakeXs()), f(s.fakeYs()), FAKE.color(),
                    Marker.CIRCLE));
            warp.setGrid(s.warpCols() - 1, s.warpRows() - 1, f(s.warpXs()), f(s.warpYs()));
            double longest = 0;
            for (int i = 0; i < s.arrowDxs().length; i++) {
                longest = Math.max(longest, Math.hypot(s.arrowDxs()[i], s.arrowDys()[i]));
            }
            double[] e = s.extent();
            arrows.setScale(longest > 0 && Double.isFinite(longest) ? 0.08 * (e[1] - e[0]) / longest : 1);
            arrows.setArrows(f(s.arrowXs()), f(s.arrowYs()), f(s.arrowDxs()), f(s.arrowDys()));
        }
        losses.put(new CurvePlot.Curve("L_D", s.curveX(), s.curveD(), FigureColour.VERMILION.color(), false));
        losses.put(new CurvePlot.Curve("L_G", s.curveX(), s.curveG(), FigureColour.SKY_BLUE.color(), false));
        text();
    }

    void showError(String text) {
        message.setText(text);
    }

    private void relabel() {
        if (last != null) {
            bar.setLabel(dLabel(last.output()));
            real.clear();
            real.put(new ScatterLayer.Series(I18n.get("gan.series.real"), f(last.realXs()), f(last.realYs()),
                    REAL.color(), Marker.CIRCLE));
            fake.clear();
            fake.put(new ScatterLayer.Series(I18n.get("gan.series.fake"), f(last.fakeXs()), f(last.fakeYs()),
                    FAKE.color(), Marker.CIRCLE));
            text();
        }
    }

    private void text() {
        GanSnapshot s = last;
        readout.setText(I18n.get("gan.plane.readout", s.rounds(), I18n.get("gan.ganLoss." + word(s.loss())),
                fmt(s.lastD()), fmt(s.lastG())) + " " + I18n.get("gan.plane.subSteps", s.dSteps(), s.gSteps()));
        estimator.setText(I18n.get("gan.plane.estimatorLine", I18n.get("gan.plane.estimator")));
        if (s.metricsRound() < 0) {
            metrics.setText(I18n.get("gan.plane.noMetrics"));
            return;
        }
        String m = I18n.get("gan.plane.metrics", s.metricsRound(), fmt(s.kl()), fmt(s.js()), fmt(Math.log(2)),
                GanLab.METRIC_SAMPLES);
        if (s.modes() > 0) {
            m += " " + I18n.get("gan.plane.modes", s.covered(), s.modes(), fmt(s.evenness()));
        }
        metrics.setText(m);
    }

    /** What the heat map's value is: D(x) = σ(d(x)) for the logit losses, else the score or critic value d(x). */
    static String dLabel(Gan2D.Output output) {
        return switch (output) {
            case PROBABILITY -> "D(x)";
            case SCORE -> I18n.get("gan.plane.d.score");
            case CRITIC -> I18n.get("gan.plane.d.critic");
        };
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Three decimals; "–" for a number not computed yet (the losses before the first round). */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        return String.format(Locale.ROOT, "%.3f", Math.abs(v) < 5e-4 ? 0.0 : v);
    }

    private static float[] f(double[] d) {
        float[] o = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            o[i] = (float) d[i];
        }
        return o;
    }

    // ---------------------------------------------------------------- for tests

    GanSnapshot last() {
        return last;
    }

    /** GanMetrics' estimator, which the read-out names (the English bundle's text is this). */
    static String estimator() {
        return GanMetrics.estimatorName();
    }
}
