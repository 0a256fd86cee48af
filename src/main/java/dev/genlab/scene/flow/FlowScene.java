package dev.genlab.scene.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

import dev.genlab.i18n.I18n;
import dev.genlab.live.LiveModel;
import dev.genlab.live.Trainer;
import dev.genlab.model.flow.LinearLayer;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;

/**
 * Lesson 6's scene, the change of variables, in three panels. <b>1-D</b>: a base density pushed
 * through an affine map, a tanh warp, a piecewise-linear or rational-quadratic spline with
 * draggable knots, or a fold that breaks the formula; p_z, f with intervals and their images,
 * |f'| and p_x, with ∫ p_x and the cursor's p_z × Jacobian read-out. <b>Layers</b>: a 2-D flow the
 * student stacks from linear, planar, radial, coupling and permutation layers, the base plane
 * and the warped grid coloured by log|det J|, stepped or animated layer by layer in either
 * direction. <b>Training</b>: the same flow fitted by maximum likelihood to a toy set or drawn
 * points, its density, samples, latent codes and QQ plot, and the NLL against H(p).
 *
 * <p>The 1-D panel is computed on the JavaFX thread; the flow lives on the trainer thread.
 */
public final class FlowScene extends TrainerScene<FlowParams, FlowLabSnapshot> {

    public static final String ID = "flow";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, FlowParams.SPEC, ctx -> new FlowScene());
    /** Adam steps per second at speed 1 while playing. */
    static final double BASE_RATE = 20;
    /** Layers per second of the morph. */
    static final double MORPH_RATE = 1.5;

    private final BorderPane root = new BorderPane();
    private final OneDimPanel oneDim;
    private final LayersPanel layers = new LayersPanel();
    private final TrainPanel train = new TrainPanel();
    private final LineChartPlot chart = new LineChartPlot();
    private final Label nll = new Label();
    private final Label note = new Label();
    private final VBox bottom;
    private final List<double[]> drawn = new ArrayList<>();
    private volatile FlowLab lab;
    private LineChartPlot.Series batchSeries;
    private double chartEntropy = Double.NaN;
    private FlowLabSnapshot last;
    private int selected = -1;
    private double probeX = 0.8;
    private double probeY = 0.6;
    private double pos = Double.NaN;
    private double target = Double.NaN;
    private long lastFrame = -1;
    private String matrixRefusal = "";
    private boolean reverting;
    private int gridRefreshes;
    private String filterKey = "";
    private volatile long lastDrawNs;
    /** The last divergence report, shown until training goes on (Play, Step, Reset). */
    private String divergence = "";
    private final javafx.beans.property.ObjectProperty<java.util.function.Predicate<String>> knobFilter =
            new javafx.beans.property.SimpleObjectProperty<>(this, "knobFilter");
    private static final java.util.Set<String> ONED = java.util.Set.of("panel", "transform", "base1d", "intervals");
    private static final java.util.Set<String> TRAIN = java.util.Set.of("panel", "dataset", "flow_type", "layers",
            "hidden", "learning_rate", "batch", "base", "seed");
    private static final java.util.Set<String> MATRIX = java.util.Set.of("m11", "m12", "m21", "m22", "fill");

    public FlowScene() {
        super(ID, FlowParams.SPEC, BASE_RATE);
        oneDim = new OneDimPanel(params());
        root.setId("flow-view");
        chart.setId("flow-nll-chart");
        chart.setPrefHeight(110);
        chart.setMinHeight(80);
        chart.xLabelProperty().bind(I18n.bind("flow.chartX"));
        chart.yLabelProperty().bind(I18n.bind("flow.chartY"));
        nll.setId("flow-nll");
        nll.getStyleClass().add("readout");
        nll.setWrapText(true);
        nll.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.setId("flow-note");
        note.getStyleClass().add("readout");
        note.setWrapText(true);
        note.setStyle("-fx-text-fill: #c0392b;");
        bottom = new VBox(2, nll, note, chart);
        bottom.setPadding(new Insets(0, 8, 6, 8));
        wire();
        playingProperty().addListener((obs, o, n) -> {
            if (n) {
                divergence = "";
            }
            push();
        });
        for (String m : List.of("m11", "m12", "m21", "m22")) {
            params().property(m).addListener((obs, o, n) -> matrixMoved(m, o));
        }
        viewKnobsChanged();
    }

    private void wire() {
        layers.add.setOnAction(e -> {
            String kind = layers.kind.getValue();
            int at = selected >= 0 ? selected + 1 : Integer.MAX_VALUE;
            edit(l -> l.add(kind, at, currentParams()));
            if (selected >= 0) {
                selectLater(selected + 1);
            }
            pos = Double.NaN;
        });
        layers.remove.setOnAction(e -> {
            int i = selected;
            if (i >= 0) {
                edit(l -> l.remove(i));
                pos = Double.NaN;
            }
        });
        layers.up.setOnAction(e -> moveSelected(-1));
        layers.down.setOnAction(e -> moveSelected(1));
        layers.list.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> {
            selected = n.intValue();
            push();
        });
        layers.prev.setOnAction(e -> stepTo(Math.round(current()) - 1));
        layers.next.setOnAction(e -> stepTo(Math.round(current()) + 1));
        layers.animate.setOnAction(e -> animate());
        layers.inverse.selectedProperty().addListener((obs, o, n) -> redrawLayers());
        layers.basePlot.setOnDataClicked((x, y) -> {
            probeX = x;
            probeY = y;
            push();
        });
        layers.mapped.setHoverProvider(layers::hover);
        train.density.setOnDataClicked((x, y) -> {
            if (FlowParams.DRAWN.equals(params().getChoice("dataset"))) {
                drawn.add(new double[] {x, y});
                setStatus(I18n.get("flow.status.drawn", drawn.size()));
                push();
            }
        });
    }

    private void selectLater(int i) {
        Platform.runLater(() -> {
            if (i < layers.list.getItems().size()) {
                layers.list.getSelectionModel().select(i);
            }
        });
    }

    private void moveSelected(int by) {
        int i = selected;
        int j = i + by;
        int size = last == null ? 0 : last.layers();
        if (i >= 0 && j >= 0 && j < size) {
            edit(l -> l.move(i, j));
            selectLater(j);
        }
    }

    private void edit(java.util.function.Consumer<FlowLab> e) {
        FlowLab l = lab;
        if (l != null && trainer() != null) {
            l.edit(e);
            trainer().redraw();
        }
    }

    /** A matrix slider moved: a singular A is refused with a message and the slider goes back. */
    private void matrixMoved(String knob, Object old) {
        if (reverting) {
            return;
        }
        double a = params().getDouble("m11");
        double b = params().getDouble("m12");
        double c = params().getDouble("m21");
        double d = params().getDouble("m22");
        String why = LinearLayer.refusal(a, b, c, d);
        if (why.isEmpty()) {
            matrixRefusal = "";
            return;
        }
        matrixRefusal = I18n.get("flow.singular", fmt(a * d - b * c));
        setStatus(matrixRefusal);
        reverting = true;
        try {
            params().set(knob, old);
        } finally {
            reverting = false;
        }
        layers.message.setText(matrixRefusal);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(root);
    }

    @Override
    protected LiveModel<FlowParams, FlowLabSnapshot> newModel() {
        FlowLab l = new FlowLab();
        lab = l;
        return l;
    }

    @Override
    protected FlowParams currentParams() {
        double[] xs = new double[drawn.size()];
        double[] ys = new double[drawn.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = drawn.get(i)[0];
            ys[i] = drawn.get(i)[1];
        }
        return FlowParams.from(params().snapshot(), xs, ys, playingProperty().get(), selected, probeX, probeY);
    }

    @Override
    protected void draw(FlowLabSnapshot s) {
        lastDrawNs = System.nanoTime();
        if (last == null || last.density() != s.density()) {
            gridRefreshes++;
        }
        boolean newStack = last == null || last.layers() != s.layers();
        last = s;
        if (newStack || Double.isNaN(pos)) {
            pos = s.layers();
            target = Double.NaN;
        }
        redrawLayers();
        if ("train".equals(params().getChoice("panel"))) {
            train.draw(s);
        }
        showNll(s);
    }

    private void redrawLayers() {
        if (last != null && "layers".equals(params().getChoice("panel"))) {
            layers.draw(last, pos, layers.inverse.isSelected(), params().getChoice("fill").equals("density"));
            if (!matrixRefusal.isEmpty()) {
                layers.message.setText(matrixRefusal);
            } else if (!divergence.isEmpty()) {
                layers.message.setText(divergence);
            }
        }
    }

    private void showNll(FlowLabSnapshot s) {
        String m = s.message();
        note.setText(!divergence.isEmpty() ? divergence : "train".equals(params().getChoice("panel")) && !m.isEmpty()
                ? m.startsWith("flow.") ? I18n.get(m) : m : "");
        note.setManaged(!note.getText().isEmpty());
        String floor = Double.isNaN(s.entropy()) ? I18n.get("flow.noFloor")
                : I18n.get("flow.floor", fmt3(s.entropy()), fmt3(s.heldOutNll() - s.entropy()));
        nll.setText(Double.isNaN(s.heldOutNll()) ? I18n.get("flow.nll.none")
                : I18n.get("flow.nll", s.steps(), fmt3(s.heldOutNll()), Double.isNaN(s.nll()) ? "\u2014" : fmt3(s.nll()),
                        s.layers(), s.numParams()) + " " + floor);
        double[] h = s.history();
        boolean entropyChanged = Double.compare(chartEntropy, s.entropy()) != 0;
        if (batchSeries == null || h.length < batchSeries.size() || entropyChanged) {
            chart.clearSeries();
            chart.clearReferenceLines();
            batchSeries = chart.addSeries(I18n.get("flow.series.batch"), Color.web("#1f77b4"));
            chartEntropy = s.entropy();
            if (!Double.isNaN(s.entropy())) {
                chart.addReferenceLine(s.entropy(), "H(p) = " + fmt3(s.entropy()), Color.web("#d62728"));
            }
        }
        for (int i = batchSeries.size(); i < h.length; i++) {
            batchSeries.append(i + 1, h[i]);
        }
    }

    @Override
    public javafx.beans.value.ObservableValue<java.util.function.Predicate<String>> knobFilter() {
        return knobFilter;
    }

    /** Only the knobs that act on the panel shown: the 1-D map's own parameters, or the 2-D flow's. */
    private java.util.function.Predicate<String> filterFor(String panel, String transform) {
        return switch (panel) {
            case "layers" -> id -> TRAIN.contains(id) || MATRIX.contains(id);
            case "train" -> TRAIN::contains;
            default -> id -> ONED.contains(id) || (id.equals("a") || id.equals("b"))
                    && (transform.equals("affine") || transform.equals("tanh")) || id.equals("c") && transform.equals("tanh");
        };
    }

    @Override
    protected void viewKnobsChanged() {
        String panel = params().getChoice("panel");
        String transform = params().getChoice("transform");
        String key = panel + "/" + transform;
        if (!key.equals(filterKey)) {
            filterKey = key;
            knobFilter.set(filterFor(panel, transform));
        }
        Node want = switch (panel) {
            case "layers" -> layers;
            case "train" -> train;
            default -> oneDim;
        };
        if (root.getCenter() != want) {
            root.setCenter(want);
            root.setBottom(want == oneDim ? null : bottom);
            // the layers panel needs the height for its figures: the NLL curve belongs to training
            if (want == train) {
                if (!bottom.getChildren().contains(chart)) {
                    bottom.getChildren().add(chart);
                }
            } else {
                bottom.getChildren().remove(chart);
            }
            push();
        }
        if (want == oneDim) {
            oneDim.recompute();
        } else {
            redrawLayers();
            if (last != null && want == train) {
                train.draw(last);
            }
        }
    }

    private double current() {
        return Double.isNaN(pos) ? 0 : pos;
    }

    private void stepTo(double k) {
        if (last == null) {
            return;
        }
        target = Math.max(0, Math.min(last.layers(), k));
        lastFrame = -1;
    }

    private void animate() {
        if (last == null) {
            return;
        }
        boolean inverse = layers.inverse.isSelected();
        pos = inverse ? last.layers() : 0;
        stepTo(inverse ? 0 : last.layers());
    }

    @Override
    protected void everyFrame() {
        if (Double.isNaN(target) || last == null) {
            return;
        }
        long now = System.nanoTime();
        double dt = lastFrame < 0 ? 1 / 60.0 : Math.min(0.1, (now - lastFrame) / 1e9);
        lastFrame = now;
        double d = target - pos;
        double stepBy = MORPH_RATE * dt;
        if (Math.abs(d) <= stepBy) {
            pos = target;
            target = Double.NaN;
        } else {
            pos += Math.signum(d) * stepBy;
        }
        redrawLayers();
    }

    @Override
    protected void beforeReset() {
        drawn.clear();
        oneDim.resetKnots();
        selected = -1;
        pos = Double.NaN;
        matrixRefusal = "";
        probeX = 0.8;
        probeY = 0.6;
    }

    @Override
    public void step() {
        divergence = "";
        super.step();
    }

    @Override
    public void reset() {
        divergence = "";
        super.reset();
        viewKnobsChanged();
        oneDim.recompute();
    }

    @Override
    protected void diverged(Trainer.Event e) {
        String msg = I18n.get("flow.status.diverged", e.step(), e.message());
        setStatus(msg);
        divergence = msg;
        layers.message.setText(msg);
        note.setText(msg);
        note.setManaged(true);
        if (root.getScene() != null && root.getScene().getWindow() != null && root.getScene().getWindow().isShowing()) {
            Notifications.create().owner(root).title(I18n.get("live.diverged.title")).text(msg)
                    .hideAfter(Duration.seconds(6)).showWarning();
        }
    }

    // ---------------------------------------------------------------- for tests and benches

    public FlowLabSnapshot lastShown() {
        return last;
    }

    /** Breaks the flow on the trainer thread so the divergence guard must act (tests, and a demo). */
    public void forceDivergence() {
        FlowLab l = lab;
        if (l != null && trainer() != null) {
            trainer().inject(m -> ((FlowLab) m).poison());
            trainer().stepOnce();
        }
    }

    /** Position of the morph in layers (0 = base plane). */
    public double morphPosition() {
        return current();
    }

    public boolean morphing() {
        return !Double.isNaN(target);
    }

    /** System.nanoTime() when the last snapshot was drawn (bench). */
    public long lastDrawNs() {
        return lastDrawNs;
    }

    /** How many different density grids have been drawn. */
    public int gridRefreshes() {
        return gridRefreshes;
    }

    /** Moves a spline knot as a drag would; returns the clamp's reason ("" if none). */
    public String dragKnot(int k, double z, double x) {
        return oneDim.moveKnot(k, z, x);
    }

    public dev.genlab.model.flow.onedim.ChangeOfVariables1D oneDimModel() {
        return oneDim.current();
    }

    /** Wall time of the last 1-D recomputation (ns). */
    public long oneDimComputeNs() {
        return oneDim.lastComputeNs();
    }

    public void selectLayer(int i) {
        layers.list.getSelectionModel().select(i);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
