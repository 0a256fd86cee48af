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
 * rounds, losses, KL and JS with their estimator, and for a mixture the modes covered. Above the plane a
 * model-overview strip ({@link ModelStrip}, a toggle), under it a colour key (real, fake, what D says). On the
 * drawn data set a click or a drag on the plane adds points (the scene takes them) and Clear removes them.
 *
 * <p>Slow motion ({@link #slowMotion}): after a G sub-step the fake points first stay where they were with
 * G's arrows on them, then glide to where the step moved them, so the student sees the push and its effect.
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
    /** Removes every drawn point (shown on the drawn data set only). */
    final javafx.scene.control.Button clear = new javafx.scene.control.Button();
    final ModelStrip strip = new ModelStrip();
    /** The colour key: real, fake, D says "real", D says "fake". */
    final javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(10, 2);
    /** What keeps the GAN from training (no drawn points yet), in the text's colour, not an error's. */
    final Label note = new Label();
    private final Label keySaysReal = new Label();
    private final Label keySaysFake = new Label();
    private boolean arrowsKnob;
    private boolean slow;
    private long slowPeriodNs;
    // a G sub-step in slow motion: the fakes held, then moved from -> to
    private float[] fromX;
    private float[] fromY;
    private float[] toX;
    private float[] toY;
    private long glideStart = -1;
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
        clear.setId("gan-clear-drawn");
        clear.textProperty().bind(I18n.bind("gan.clearDrawn"));
        clear.setVisible(false);
        clear.managedProperty().bind(clear.visibleProperty());
        note.setId("gan-plane-note");
        note.setWrapText(true);
        note.setStyle("-fx-font-weight: bold;");
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        legend.setId("gan-plane-legend");
        legend.getChildren().addAll(chip(REAL, true, new Label()), chip(FAKE, true, new Label()),
                chip(SAYS_REAL, false, keySaysReal), chip(SAYS_FAKE, false, keySaysFake));
        keySaysReal.managedProperty().bind(keySaysReal.visibleProperty());
        keySaysFake.managedProperty().bind(keySaysFake.visibleProperty());
        strip.managedProperty().bind(strip.visibleProperty());
        // the key shares the buttons' row: a row of its own took the plane's height in a 1280 × 800 window
        HBox buttons = new HBox(6, stepD, stepG, clear, legend);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(legend, Priority.ALWAYS);
        // the buttons keep their words; the key wraps onto more rows when the row is short
        for (Region r : new Region[] {stepD, stepG, clear}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        legend.setMinWidth(0);
        legend.setPrefWrapLength(120);
        legend.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        VBox bottom = new VBox(2, buttons, note, readout, metrics, estimator, message);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        // the plane keeps one unit as long on x as on y: a row gives it the height, the losses sit beside it
        setTop(strip);
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

    /** A key entry: a marker (a dot for samples, a square for the map's ends) and its name. */
    private static Label chip(FigureColour c, boolean dot, Label l) {
        l.setGraphic(dot ? new javafx.scene.shape.Circle(4, c.color())
                : new javafx.scene.shape.Rectangle(10, 10, c.color()));
        l.getStyleClass().add("readout");
        l.setStyle("-fx-font-size: 0.9em;");
        return l;
    }

    /** The layers the view-only knobs show. */
    void showLayers(KnobValues v) {
        real.setVisible(v.get(GanParams.SHOW_REAL));
        fake.setVisible(v.get(GanParams.SHOW_FAKE));
        heat.setVisible(v.get(GanParams.SHOW_D));
        bar.setVisible(v.get(GanParams.SHOW_D));
        keySaysReal.setVisible(v.get(GanParams.SHOW_D));
        keySaysFake.setVisible(v.get(GanParams.SHOW_D));
        warp.setVisible(v.get(GanParams.SHOW_GRID));
        arrowsKnob = v.get(GanParams.SHOW_ARROWS);
        arrows.setVisible(arrowsKnob || glideStart >= 0);
        strip.setVisible(v.get(GanParams.SHOW_STRIP));
        clear.setVisible(GanParams.DRAWN.equals(v.get(GanParams.DATA)));
    }

    /**
     * Slow motion on or off; {@code periodNs} is the time one sub-step stays on screen. Off, a glide in
     * progress ends at once and the strip lights nothing.
     */
    void slowMotion(boolean on, long periodNs) {
        slow = on;
        slowPeriodNs = periodNs;
        if (!on) {
            endGlide();
            strip.highlight(ModelStrip.Part.NONE);
        }
    }

    /** Once a frame: a G sub-step's fakes held for 40 % of the sub-step with the arrows on, then moved over 50 %. */
    @Override
    public void frame() {
        if (glideStart < 0) {
            return;
        }
        double t = (System.nanoTime() - glideStart) / (double) Math.max(1, slowPeriodNs);
        if (t >= 0.9) {
            endGlide();
            return;
        }
        double u = t <= 0.4 ? 0 : (t - 0.4) / 0.5;
        u = u * u * (3 - 2 * u);
        float[] x = new float[toX.length];
        float[] y = new float[toY.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (fromX[i] + u * (toX[i] - fromX[i]));
            y[i] = (float) (fromY[i] + u * (toY[i] - fromY[i]));
        }
        putFakes(x, y);
    }

    private void endGlide() {
        if (glideStart >= 0) {
            glideStart = -1;
            putFakes(toX, toY);
        }
        arrows.setVisible(arrowsKnob);
    }

    private void putFakes(float[] x, float[] y) {
        fake.put(new ScatterLayer.Series(I18n.get("gan.series.fake"), x, y, FAKE.color(), Marker.CIRCLE));
    }

    /** True while a slow-motion G sub-step's fakes are held or moving (tests). */
    boolean gliding() {
        return glideStart >= 0;
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
            boolean gStep = before != null && s.gSteps() == before.gSteps() + 1 && s.dSteps() == before.dSteps()
                    && s.fakeXs().length == before.fakeXs().length;
            if (slow && gStep) {
                // hold the fakes where they were with G's arrows on them, then let frame() move them
                fromX = glideStart >= 0 ? toX : f(before.fakeXs());
                fromY = glideStart >= 0 ? toY : f(before.fakeYs());
                toX = f(s.fakeXs());
                toY = f(s.fakeYs());
                glideStart = System.nanoTime();
                putFakes(fromX, fromY);
                arrows.setVisible(true);
            } else {
                if (glideStart >= 0) {
                    glideStart = -1;
                    arrows.setVisible(arrowsKnob);
                }
                putFakes(f(s.fakeXs()), f(s.fakeYs()));
            }
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
        strip.show(s);
        text();
    }

    void showError(String text) {
        message.setText(text);
    }

    private void relabel() {
        keySaysReal.setText(I18n.get("gan.legend.saysReal"));
        keySaysFake.setText(I18n.get("gan.legend.saysFake"));
        ((Label) legend.getChildren().get(0)).setText(I18n.get("gan.series.real"));
        ((Label) legend.getChildren().get(1)).setText(I18n.get("gan.series.fake"));
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
        // the last D and G step's losses, single steps too: slow motion and the step buttons play no rounds,
        // and the read-out showed "–" there while the strip above showed the numbers
        double d = Double.isNaN(s.stepLossD()) ? s.lastD() : s.stepLossD();
        double g = Double.isNaN(s.stepLossG()) ? s.lastG() : s.stepLossG();
        readout.setText(I18n.get("gan.plane.readout", s.rounds(), I18n.get("gan.ganLoss." + word(s.loss())),
                fmt(d), fmt(g)) + " " + I18n.get("gan.plane.subSteps", s.dSteps(), s.gSteps()));
        estimator.setText(I18n.get("gan.plane.estimatorLine", I18n.get("gan.plane.estimator")));
        note.setText(s.note().isEmpty() ? "" : I18n.get(s.note()));
        if (GanParams.DRAWN.equals(s.data())) {
            metrics.setText(I18n.get("gan.plane.drawnMetrics", s.realXs().length));
            return;
        }
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
