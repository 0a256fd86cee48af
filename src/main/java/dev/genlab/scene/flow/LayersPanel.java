package dev.genlab.scene.flow;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorBar;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HeatmapLayer;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.plot.WarpedGridLayer;
import dev.genlab.scene.ScenePanel;

/**
 * The 2-D layers panel: the base plane (grid, samples, the probe) and the plane after k layers,
 * where every grid cell is filled by the running log|det ∂f/∂z| at its centre (cool-warm:
 * blue contracts, so density rises; red expands, so it falls) or the model density shows
 * beneath the warped grid. The layer list edits the stack; the step buttons and the animation
 * morph samples and grid layer by layer, z → x (sampling) or x → z (inference), with the running
 * log-det sum. The selected layer's Jacobian at the probe is drawn as a matrix whose diagonal is
 * highlighted (a coupling's is triangular). The panel keeps its own view state: where the morph is,
 * the probe, the fill, and a notice (a refused matrix, a divergence) to show over the model's message.
 */
final class LayersPanel extends BorderPane implements ScenePanel<FlowLabSnapshot> {

    /** Layers per second of the morph. */
    static final double MORPH_RATE = 1.5;

    static final Color SAMPLE = Color.web("#e7298a");
    // the parts a lesson's text names, as {colour:KEY} with the keys of FlowScene.DESCRIPTOR
    /** Cells that shrink, log|det J| &lt; 0: the low end of the cells' {@link ColorMap#COOL_WARM} ({@code contract}). */
    static final FigureColour CONTRACT = FigureColour.COOL_BLUE;
    /** Cells that grow, log|det J| &gt; 0: the high end of {@link ColorMap#COOL_WARM} ({@code expand}). */
    static final FigureColour EXPAND = FigureColour.WARM_RED;
    /** The point whose Jacobian the panel shows ({@code probe}). */
    static final FigureColour PROBE = FigureColour.CYAN;

    final Plot2D basePlot = new Plot2D();
    final Plot2D mapped = new Plot2D();
    final WarpedGridLayer baseGrid = new WarpedGridLayer();
    final ScatterLayer baseSamples = new ScatterLayer();
    final HeatmapLayer heat = new HeatmapLayer();
    final WarpedGridLayer grid = new WarpedGridLayer();
    final ScatterLayer samples = new ScatterLayer();
    final ColorBar bar = new ColorBar();
    final ListView<String> list = new ListView<>();
    final ComboBox<String> kind = new ComboBox<>();
    private final javafx.beans.value.ChangeListener<java.util.Locale> languageListener;
    final Button add = new Button();
    final Button remove = new Button();
    final Button up = new Button();
    final Button down = new Button();
    final Button prev = new Button("\u25c0");
    final Button next = new Button("\u25b6");
    final Button animate = new Button();
    final ToggleButton inverse = new ToggleButton();
    final Label layerReadout = new Label();
    final Label det = new Label();
    final Label jacobianText = new Label();
    final Label[] jCells = new Label[4];
    final Label message = new Label();

    LayersPanel() {
        setId("flow-layers");
        basePlot.setId("flow-base-plot");
        mapped.setId("flow-mapped-plot");
        basePlot.setEqualAspect(true);
        mapped.setEqualAspect(true);
        basePlot.setXLabel("z\u2081");
        basePlot.setYLabel("z\u2082");
        mapped.setXLabel("x\u2081");
        mapped.setYLabel("x\u2082");
        baseGrid.setCellOpacity(0);
        basePlot.layers().addAll(baseGrid, baseSamples);
        heat.setColorMap(ColorMap.VIRIDIS);
        mapped.layers().addAll(heat, grid, samples);
        bar.setColorMap(ColorMap.COOL_WARM);
        bar.setPrefWidth(84);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        list.setId("flow-layer-list");
        list.setPrefHeight(150);
        list.setMinHeight(90);
        kind.setId("flow-layer-kind");
        kind.getItems().setAll(FlowLab.KINDS);
        kind.setValue("coupling_x");
        kind.setConverter(kindNames());
        // a new converter makes the combo box draw its cells again, in the new language
        // (held here: a plain listener on the static language kept every closed lesson 6 alive)
        languageListener = I18n.listen((obs, o, n) -> kind.setConverter(kindNames()));
        add.setId("flow-add");
        remove.setId("flow-remove");
        up.setId("flow-up");
        down.setId("flow-down");
        prev.setId("flow-prev");
        next.setId("flow-next");
        animate.setId("flow-animate");
        inverse.setId("flow-inverse");
        add.textProperty().bind(I18n.bind("flow.add"));
        remove.textProperty().bind(I18n.bind("flow.remove"));
        up.textProperty().bind(I18n.bind("flow.up"));
        down.textProperty().bind(I18n.bind("flow.down"));
        animate.textProperty().bind(I18n.bind("flow.animate"));
        inverse.textProperty().bind(I18n.bind("flow.inverseDirection"));
        layerReadout.setId("flow-layer-readout");
        det.setId("flow-det");
        jacobianText.setId("flow-jacobian");
        message.setId("flow-message");
        message.setStyle("-fx-text-fill: #c0392b;");
        for (Label l : List.of(layerReadout, det, jacobianText, message)) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
        }
        GridPane matrix = new GridPane();
        matrix.setId("flow-jacobian-matrix");
        matrix.setHgap(2);
        matrix.setVgap(2);
        for (int i = 0; i < 4; i++) {
            Label c = new Label();
            c.setMinWidth(Region.USE_PREF_SIZE);
            c.setAlignment(Pos.CENTER);
            c.setPadding(new Insets(4));
            jCells[i] = c;
            matrix.add(c, i % 2, i / 2);
        }
        HBox figures = new HBox(6, basePlot, mapped, bar);
        HBox.setHgrow(basePlot, Priority.ALWAYS);
        HBox.setHgrow(mapped, Priority.ALWAYS);
        basePlot.setMinSize(150, 150);
        mapped.setMinSize(150, 150);
        basePlot.setPrefSize(400, 400);
        mapped.setPrefSize(400, 400);
        list.setPrefHeight(84);
        list.setMinHeight(70);
        for (Button b : List.of(add, remove, up, down, prev, next, animate)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        inverse.setMinWidth(Region.USE_PREF_SIZE);
        // as wide as its longest kind ("coupling (1st → 2nd coordinate)"): the flow pane wraps the buttons instead
        kind.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane edit = new FlowPane(4, 4, kind, add, remove, up, down, prev, next, animate, inverse);
        VBox controls = new VBox(4, list, edit);
        controls.setPrefWidth(410);
        controls.setMinWidth(300);
        controls.setMaxWidth(430);
        HBox jacobian = new HBox(8, matrix, jacobianText);
        HBox.setHgrow(jacobianText, Priority.ALWAYS);
        VBox readouts = new VBox(3, layerReadout, det, jacobian, message);
        for (Label l : List.of(layerReadout, det, jacobianText, message)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.setMaxWidth(Double.MAX_VALUE);
        }
        HBox lower = new HBox(10, controls, readouts);
        HBox.setHgrow(readouts, Priority.ALWAYS);
        VBox body = new VBox(6, figures, lower);
        VBox.setVgrow(figures, Priority.ALWAYS);
        setCenter(body);
        setPadding(new Insets(6));
    }

    private static StringConverter<String> kindNames() {
        return new StringConverter<>() {
            @Override
            public String toString(String k) {
                return k == null ? "" : I18n.get("flow.kind." + k);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    /** Fills the Jacobian picture: the diagonal highlighted, an exact zero (a triangular matrix's) greyed. */
    void showJacobian(double[] j, boolean triangular) {
        for (int i = 0; i < 4; i++) {
            Label c = jCells[i];
            if (j == null) {
                c.setText("");
                c.setStyle("");
                continue;
            }
            c.setText(String.format(Locale.ROOT, "%.3f", j[i]));
            boolean diag = i == 0 || i == 3;
            boolean zero = j[i] == 0;
            c.setStyle(diag ? "-fx-background-color: #ffe08a; -fx-border-color: #b8860b; -fx-text-fill: black;"
                    : zero ? "-fx-background-color: #e0e0e0; -fx-text-fill: #808080;"
                    : "-fx-background-color: #cfe3f5; -fx-text-fill: black;");
            c.setUserData(diag ? "diagonal" : zero ? "zero" : "off");
        }
        if (j == null) {
            jacobianText.setText(I18n.get("flow.jacobian.none", PROBE.label(I18n.getLocale())));
        }
    }

    static Extent square(double r) {
        return Extent.square(r);
    }

    static ScatterLayer.Series series(String name, float[] x, float[] y, Color c) {
        return new ScatterLayer.Series(name, x, y, c, Marker.CIRCLE);
    }

    private FlowLabSnapshot last;
    private double pos;
    private boolean drawnInverse;
    private boolean drawnFill;
    private double drawnProbeX = Double.NaN;
    private double drawnProbeY = Double.NaN;
    /** The morph's position (NaN: at the data plane of the next snapshot) and where it is heading (NaN: still). */
    private double morph = Double.NaN;
    private double target = Double.NaN;
    private long lastFrame = -1;
    private double probeX = FlowLab.View.INITIAL.probeX();
    private double probeY = FlowLab.View.INITIAL.probeY();
    private boolean densityFill;
    private String notice = "";

    @Override
    public Enum<?> id() {
        return FlowParams.Panel.LAYERS;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public void draw(FlowLabSnapshot s) {
        boolean newStack = last == null || last.layers() != s.layers();
        if (newStack || Double.isNaN(morph)) {
            morph = s.layers();
            target = Double.NaN;
        }
        paint(s);
    }

    private void paint(FlowLabSnapshot s) {
        paint(s, morph, inverse.isSelected(), densityFill);
        if (!notice.isEmpty()) {
            message.setText(notice);
        }
    }

    /** Redraws the last snapshot (a view setting changed). */
    void repaint() {
        if (last != null) {
            paint(last);
        }
    }

    /** Forgets the morph position: the next snapshot is shown at the data plane. */
    void restartMorph() {
        morph = Double.NaN;
    }

    /** The morph position in layers (0 = base plane). */
    double morphPosition() {
        return Double.isNaN(morph) ? 0 : morph;
    }

    boolean morphing() {
        return !Double.isNaN(target);
    }

    /** Moves the morph one layer forward (+1) or back (−1). */
    void stepBy(int by) {
        stepTo(Math.round(morphPosition()) + by);
    }

    private void stepTo(double k) {
        if (last == null) {
            return;
        }
        target = Math.max(0, Math.min(last.layers(), k));
        lastFrame = -1;
    }

    /** Plays the morph through every layer in the direction chosen. */
    void animate() {
        if (last == null) {
            return;
        }
        boolean inv = inverse.isSelected();
        morph = inv ? last.layers() : 0;
        stepTo(inv ? 0 : last.layers());
    }

    @Override
    public void frame() {
        if (Double.isNaN(target) || last == null) {
            return;
        }
        long now = System.nanoTime();
        double dt = lastFrame < 0 ? 1 / 60.0 : Math.min(0.1, (now - lastFrame) / 1e9);
        lastFrame = now;
        double d = target - morph;
        double stepBy = MORPH_RATE * dt;
        if (Math.abs(d) <= stepBy) {
            morph = target;
            target = Double.NaN;
        } else {
            morph += Math.signum(d) * stepBy;
        }
        repaint();
    }

    double probeX() {
        return probeX;
    }

    double probeY() {
        return probeY;
    }

    void setProbe(double x, double y) {
        probeX = x;
        probeY = y;
    }

    void setDensityFill(boolean on) {
        densityFill = on;
        repaint();
    }

    /** A sentence the scene wants seen over the model's own message ("" for none). */
    void setNotice(String text) {
        notice = text;
        message.setText(text.isEmpty() && last != null ? modelMessage(last) : text);
    }

    /** The probe and the morph back to where a fresh scene starts. */
    void resetView() {
        probeX = FlowLab.View.INITIAL.probeX();
        probeY = FlowLab.View.INITIAL.probeY();
        morph = Double.NaN;
        target = Double.NaN;
        notice = "";
    }

    private static String modelMessage(FlowLabSnapshot s) {
        return s.message().startsWith("flow.") ? I18n.get(s.message()) : s.message();
    }

    FlowLabSnapshot last() {
        return last;
    }

    /** Where the morph is: 0 = base plane, K = data plane; fractional between layers. */
    double position() {
        return pos;
    }

    /**
     * Draws the snapshot with the samples and grid at position {@code at} (0 … K layers, fractional
     * positions interpolate between two layers' states: the morph).
     */
    private void paint(FlowLabSnapshot s, double at, boolean inverseDirection, boolean densityFill) {
        if (last != null && s.traceX() == last.traceX() && s.density() == last.density() && at == pos
                && inverseDirection == drawnInverse && densityFill == drawnFill && s.message().equals(last.message())
                && s.layerJacobian() == last.layerJacobian() && probeX == drawnProbeX && probeY == drawnProbeY) {
            last = s;
            return;
        }
        drawnInverse = inverseDirection;
        drawnFill = densityFill;
        drawnProbeX = probeX;
        drawnProbeY = probeY;
        last = s;
        int kMax = s.layers();
        pos = Math.max(0, Math.min(kMax, at));
        int k = (int) Math.floor(pos);
        double t = pos - k;
        if (k == kMax) {
            k = Math.max(0, kMax - 1);
            t = kMax == 0 ? 0 : 1;
        }
        int k1 = Math.min(kMax, k + 1);
        int n = s.cells();
        int m = n + 1;
        float[] vx = new float[m * m];
        float[] vy = new float[m * m];
        float[] bx = new float[m * m];
        float[] by = new float[m * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int c = s.corner(i, j);
                vx[j * m + i] = (float) lerp(s.traceX()[k][c], s.traceX()[k1][c], t);
                vy[j * m + i] = (float) lerp(s.traceY()[k][c], s.traceY()[k1][c], t);
                bx[j * m + i] = (float) s.traceX()[0][c];
                by[j * m + i] = (float) s.traceY()[0][c];
            }
        }
        float[] cells = new float[n * n];
        double maxAbs = 0.25;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int c = s.centre(i, j);
                double v = lerp(s.traceLogDet()[k][c], s.traceLogDet()[k1][c], t);
                cells[j * n + i] = (float) v;
                maxAbs = Math.max(maxAbs, Math.abs(s.traceLogDet()[kMax][c]));
            }
        }
        baseGrid.setGrid(n, n, bx, by);
        grid.setGrid(n, n, vx, vy);
        boolean atEnd = pos >= kMax - 1e-9;
        boolean heatOn = densityFill && atEnd && s.density() != null;
        grid.setCellValues(heatOn ? null : cells, ColorMap.COOL_WARM, -maxAbs, maxAbs);
        grid.setLineColor(heatOn ? Color.gray(1, 0.55) : null);
        heat.setVisible(heatOn);
        if (s.density() != null) {
            float[] v = new float[s.density().logDensity().length];
            float top = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) s.density().logDensity()[i];
                top = Math.max(top, v[i]);
            }
            heat.setData(v, s.density().n(), s.density().n(),
                    new Extent(s.density().x0(), s.density().x1(), s.density().y0(), s.density().y1()));
            if (Float.isFinite(top)) {
                heat.setRange(top - 12, top);
            }
        }
        bar.setRange(-maxAbs, maxAbs);
        bar.setLabel(I18n.get("flow.barLogDet"));
        int ns = s.samples();
        float[] sx = new float[ns];
        float[] sy = new float[ns];
        float[] zx = new float[ns];
        float[] zy = new float[ns];
        for (int i = 0; i < ns; i++) {
            sx[i] = (float) lerp(s.traceX()[k][i], s.traceX()[k1][i], t);
            sy[i] = (float) lerp(s.traceY()[k][i], s.traceY()[k1][i], t);
            zx[i] = (float) s.traceX()[0][i];
            zy[i] = (float) s.traceY()[0][i];
        }
        samples.clear();
        samples.setMarkerRadius(1.6);
        samples.setOpacity(0.7);
        samples.put(series(I18n.get("flow.series.samples"), sx, sy, SAMPLE));
        baseSamples.clear();
        baseSamples.setMarkerRadius(1.6);
        baseSamples.setOpacity(0.7);
        baseSamples.put(series(I18n.get("flow.series.base"), zx, zy, SAMPLE));
        baseSamples.put(new ScatterLayer.Series(I18n.get("flow.series.probe"), new float[] {(float) probeX},
                new float[] {(float) probeY}, PROBE.color(), Marker.SQUARE));
        if (basePlot.dataExtentProperty().get() == null) {
            basePlot.setDataExtent(Extent.square(FlowLab.BOX + 0.3));
        }
        Extent home = homeOf(s);
        if (!home.equals(mapped.dataExtentProperty().get())) {
            mapped.setDataExtent(home);
        }
        mapped.setXLabel(atEnd ? "x\u2081" : "z\u2081\u207d" + (int) Math.round(pos) + "\u207e");
        mapped.setYLabel(atEnd ? "x\u2082" : "z\u2082\u207d" + (int) Math.round(pos) + "\u207e");
        String[] names = s.layerNames();
        if (!list.getItems().equals(List.of(labels(s)))) {
            int sel = list.getSelectionModel().getSelectedIndex();
            list.getItems().setAll(labels(s));
            if (sel >= 0 && sel < names.length) {
                list.getSelectionModel().select(sel);
            }
        }
        if (list.getSelectionModel().getSelectedIndex() < 0 && s.layerJacobian() != null) {
            list.getSelectionModel().select(s.layerJacobian().layer());
        }
        int kShown = (int) Math.round(pos);
        double ld = s.meanLogDet(kShown);
        if (inverseDirection) {
            int done = kMax - kShown;
            layerReadout.setText(I18n.get("flow.readout.inverse", done, kMax, fmt(-(s.meanLogDet(kMax) - ld))));
        } else {
            layerReadout.setText(kShown == 0 ? I18n.get("flow.readout.base", kMax)
                    : I18n.get("flow.readout.forward", kShown, kMax, I18n.get("flow.kind." + s.layerKinds()[kShown - 1]),
                    fmt(ld)));
        }
        if (s.linearMatrix() != null) {
            double[] a = s.linearMatrix();
            double d = a[0] * a[3] - a[1] * a[2];
            det.setText(I18n.get("flow.det", s.linearIndex() + 1, fmt(a[0]), fmt(a[1]), fmt(a[2]), fmt(a[3]), fmt(d),
                    fmt(Math.abs(d))));
        } else {
            det.setText("");
        }
        message.setText(modelMessage(s));
        FlowLab.LayerJacobian lj = s.layerJacobian();
        double[] j = lj == null ? null : lj.matrix();
        String kindShown = j == null ? "" : s.layerKinds()[lj.layer()];
        // couplings and autoregressive (MAF, IAF) layers: triangular by construction
        boolean tri = kindShown.startsWith("coupling") || kindShown.startsWith("maf") || kindShown.startsWith("iaf");
        showJacobian(j, tri);
        if (j != null) {
            double dj = j[0] * j[3] - j[1] * j[2];
            String key = tri ? "flow.jacobian.triangular" : "flow.jacobian.full";
            jacobianText.setText(I18n.get(key, lj.layer() + 1, I18n.get("flow.kind." + s.layerKinds()[lj.layer()]),
                    fmt(lj.zx()), fmt(lj.zy()), fmt(dj), fmt(j[0] * j[3])));
        }
    }

    static String[] labels(FlowLabSnapshot s) {
        String[] out = new String[s.layers()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i + 1) + ". " + I18n.get("flow.kind." + s.layerKinds()[i]);
        }
        return out;
    }

    /** The mapped plane's home extent: the final warped grid and samples, a little padded. */
    static Extent homeOf(FlowLabSnapshot s) {
        double[] x = s.traceX()[s.layers()];
        double[] y = s.traceY()[s.layers()];
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (int i = s.samples(); i < s.centre(0, 0); i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        double lim = 12;
        x0 = Math.max(-lim, x0);
        y0 = Math.max(-lim, y0);
        x1 = Math.min(lim, x1);
        y1 = Math.min(lim, y1);
        double px = Math.max(0.3, 0.05 * (x1 - x0));
        double py = Math.max(0.3, 0.05 * (y1 - y0));
        // quantised, so that a slowly training flow does not rescale the axes every frame
        double q = 0.5;
        return new Extent(Math.floor((x0 - px) / q) * q, Math.ceil((x1 + px) / q) * q,
                Math.floor((y0 - py) / q) * q, Math.ceil((y1 + py) / q) * q);
    }

    /** Area before and after and the Jacobian determinant of the cell under (x, y) in the mapped plane, or null. */
    String hover(double x, double y) {
        FlowLabSnapshot s = last;
        if (s == null) {
            return null;
        }
        int k = (int) Math.round(pos);
        int n = s.cells();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (inQuad(s, k, i, j, x, y)) {
                    double before = s.cellAreaBefore();
                    double after = s.cellArea(k, i, j);
                    double ld = s.traceLogDet()[k][s.centre(i, j)];
                    return I18n.get("flow.hover", fmt(x), fmt(y), fmt(before), fmt(after), fmt(after / before),
                            fmt(Math.exp(ld)));
                }
            }
        }
        return HoverFormat.at(x, y);
    }

    private static boolean inQuad(FlowLabSnapshot s, int k, int i, int j, double x, double y) {
        int[] c = {s.corner(i, j), s.corner(i + 1, j), s.corner(i + 1, j + 1), s.corner(i, j + 1)};
        double[] px = s.traceX()[k];
        double[] py = s.traceY()[k];
        boolean inside = false;
        for (int a = 0, b = 3; a < 4; b = a++) {
            double xa = px[c[a]], ya = py[c[a]], xb = px[c[b]], yb = py[c[b]];
            if ((ya > y) != (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** Plain position read-out. */
    static final class HoverFormat {
        static String at(double x, double y) {
            return String.format(Locale.ROOT, "x=(%.2f, %.2f)", x, y);
        }
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
