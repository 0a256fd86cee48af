package dev.genlab.scene.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.model.flow.LinearLayer;
import dev.genlab.scene.Knob;
import dev.genlab.scene.PanelHost;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;
import dev.genlab.scene.flow.FlowParams.Panel;

/**
 * Lesson 6's scene, the change of variables, in three panels. <b>1-D</b> ({@link OneDimPanel}): a base
 * density pushed through an affine map, a tanh warp, a spline with draggable knots, or a fold that
 * breaks the formula. <b>Layers</b> ({@link LayersPanel}): a 2-D flow the student stacks from linear,
 * planar, radial, coupling and permutation layers, its warped grid coloured by log|det J|, morphed layer
 * by layer. <b>Training</b> ({@link TrainPanel}): the same flow fitted by maximum likelihood, its density,
 * samples, latent codes and QQ plot, with the NLL against H(p) ({@link NllStrip}).
 *
 * <p>This class only wires: knobs to the trainer, buttons and clicks to commands for {@link FlowLab}
 * (sent through the trainer's channel), and what the view shows to an explicit {@link FlowLab.View}
 * request. The 1-D panel is computed on the JavaFX thread; the flow lives on the trainer thread.
 */
public final class FlowScene extends TrainerScene<FlowLab, FlowParams, FlowLabSnapshot> {

    public static final String ID = "flow";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, FlowParams.SPEC,
            Map.of("contract", LayersPanel.CONTRACT, "expand", LayersPanel.EXPAND, "probe", LayersPanel.PROBE),
            ctx -> new FlowScene());
    /** Adam steps per second at speed 1 while playing. */
    static final double BASE_RATE = 20;

    private final BorderPane root = new BorderPane();
    private final OneDimPanel oneDim;
    private final LayersPanel layers = new LayersPanel();
    private final TrainPanel train = new TrainPanel();
    private final DequantPanel dequant = new DequantPanel();
    private final NllStrip strip = new NllStrip();
    private final PanelHost<FlowLabSnapshot> panels;
    private final List<double[]> drawn = new ArrayList<>();
    private FlowLabSnapshot last;
    private int selected = -1;
    /** The data point the training panel's read-out decomposes (NaN: the first shown data point). */
    private double markX = Double.NaN;
    private double markY = Double.NaN;
    private String matrixRefusal = "";
    private boolean reverting;
    private int gridRefreshes;
    private volatile long lastDrawNs;
    /** The last divergence report, shown until training goes on (Play, Step, Reset). */
    private String divergence = "";

    public FlowScene() {
        super(ID, FlowParams.SPEC, BASE_RATE);
        oneDim = new OneDimPanel(params());
        panels = new PanelHost<>(root, List.of(oneDim, layers, train, dequant));
        root.setId("flow-view");
        strip.chart.keepHeightShare(root, 0.25);
        // the NLL chart under the dequantisation panel's pictures keeps a quarter of the scene too (presenter
        // mode at 1280 x 720 squeezed it to 129 px of 538 for the pictures above)
        dequant.chart.keepHeightShare(root, 0.26);
        wire();
        playingProperty().addListener((obs, o, n) -> {
            if (n) {
                setDivergence("");
            }
        });
        for (Knob<Double> m : FlowParams.MATRIX) {
            params().property(m).addListener((obs, o, n) -> matrixMoved(m, o));
        }
        viewKnobsChanged();
    }

    private void wire() {
        layers.add.setOnAction(e -> {
            String kind = layers.kind.getValue();
            int at = selected >= 0 ? selected + 1 : Integer.MAX_VALUE;
            FlowParams p = currentParams();
            edit(l -> l.add(kind, at, p));
            if (selected >= 0) {
                selectLater(selected + 1);
            }
        });
        layers.remove.setOnAction(e -> {
            int i = selected;
            if (i >= 0) {
                edit(l -> l.remove(i));
            }
        });
        layers.up.setOnAction(e -> moveSelected(-1));
        layers.down.setOnAction(e -> moveSelected(1));
        layers.list.getSelectionModel().selectedIndexProperty().addListener((obs, o, n) -> {
            selected = n.intValue();
            sendView();
        });
        layers.prev.setOnAction(e -> layers.stepBy(-1));
        layers.next.setOnAction(e -> layers.stepBy(1));
        layers.animate.setOnAction(e -> layers.animate());
        layers.inverse.selectedProperty().addListener((obs, o, n) -> layers.repaint());
        layers.basePlot.setOnDataClicked((x, y) -> {
            layers.setProbe(x, y);
            sendView();
        });
        layers.mapped.setHoverProvider(layers::hover);
        train.density.setOnDataClicked((x, y) -> {
            if (FlowParams.DRAWN.equals(params().get(FlowParams.DATASET))) {
                addDrawn(x, y);
            }
            // the point whose log p(x) the read-out decomposes term by term
            markX = x;
            markY = y;
            sendView();
        });
    }

    /** Adds drawn points as x, y pairs in one go (a click adds one; tests add many): one new data set. */
    public void addDrawn(double... xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("points come as x, y pairs; got " + xy.length + " numbers");
        }
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Double.isFinite(xy[i]) && Double.isFinite(xy[i + 1])) {
                drawn.add(new double[] {xy[i], xy[i + 1]});
            }
        }
        setStatus(I18n.get("flow.status.drawn", drawn.size()));
        push();
    }

    /** An edit of the stack, applied on the trainer thread; the morph restarts at the data plane. */
    private void edit(java.util.function.Consumer<FlowLab> e) {
        send(e);
        layers.restartMorph();
    }

    /** Tells the model what the view shows: the panel, the selected layer and the probe. */
    private void sendView() {
        FlowLab.View v = new FlowLab.View(params().get(FlowParams.PANEL), selected, layers.probeX(), layers.probeY(),
                markX, markY);
        send(l -> l.show(v));
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

    /** A matrix slider moved: a singular A is refused with a message and the slider goes back. */
    private void matrixMoved(Knob<Double> knob, Object old) {
        if (reverting) {
            return;
        }
        double a = params().get(FlowParams.M11);
        double b = params().get(FlowParams.M12);
        double c = params().get(FlowParams.M21);
        double d = params().get(FlowParams.M22);
        if (LinearLayer.refusal(a, b, c, d).isEmpty()) {
            matrixRefusal = "";
            layers.setNotice(notice());
            return;
        }
        matrixRefusal = I18n.get("flow.singular", fmt(a * d - b * c));
        setStatus(matrixRefusal);
        reverting = true;
        try {
            params().set(knob, (Double) old);
        } finally {
            reverting = false;
        }
        layers.setNotice(notice());
    }

    /** What the layers panel shows over the model's own message: a refused matrix, else a divergence. */
    private String notice() {
        return !matrixRefusal.isEmpty() ? matrixRefusal : divergence;
    }

    private void setDivergence(String msg) {
        divergence = msg;
        dequant.setNote(msg);
        layers.setNotice(notice());
        if (last != null && stripShown()) {
            strip.show(last, divergence, panels.isShown(Panel.TRAIN));
        }
    }

    /** The NLL strip sits under the two 2-D panels; the 1-D and the dequantisation panels have their own read-outs. */
    private boolean stripShown() {
        return panels.isShown(Panel.LAYERS) || panels.isShown(Panel.TRAIN);
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
    public void activate() {
        super.activate();
        sendView();
    }

    @Override
    protected FlowLab newModel() {
        return new FlowLab();
    }

    @Override
    protected FlowParams currentParams() {
        return FlowParams.from(params().values(), xy(drawn));
    }

    @Override
    protected void draw(FlowLabSnapshot s) {
        lastDrawNs = System.nanoTime();
        if (last == null || last.density() != s.density()) {
            gridRefreshes++;
        }
        last = s;
        panels.draw(s);
        if (stripShown()) {
            strip.show(s, divergence, panels.isShown(Panel.TRAIN));
        }
    }

    @Override
    protected void viewKnobsChanged() {
        Panel panel = params().get(FlowParams.PANEL);
        layers.setDensityFill(params().get(FlowParams.FILL).equals("density"));
        if (panels.show(panel)) {
            root.setBottom(panel == Panel.ONED || panel == Panel.DEQUANT ? null : strip);
            strip.setChartShown(panel == Panel.TRAIN);
            if (last != null && stripShown()) {
                strip.show(last, divergence, panel == Panel.TRAIN);
            }
            sendView();
        } else if (panel == Panel.ONED) {
            oneDim.recompute();
        }
    }

    @Override
    protected void everyFrame() {
        panels.frame();
    }

    @Override
    public void stepOpened() {
        layers.mapped.clearHover();
        layers.basePlot.clearHover();
        train.density.clearHover();
    }

    @Override
    protected void beforeReset() {
        drawn.clear();
        oneDim.resetKnots();
        selected = -1;
        markX = Double.NaN;
        markY = Double.NaN;
        layers.resetView();
        matrixRefusal = "";
    }

    @Override
    public void step() {
        setDivergence("");
        super.step();
    }

    @Override
    public void reset() {
        divergence = "";
        dequant.setNote("");
        super.reset();
        viewKnobsChanged();
        oneDim.recompute();
        sendView();
    }

    @Override
    protected void diverged(Trainer.Event e) {
        String msg = I18n.get("flow.status.diverged", e.step(), e.message());
        reportDivergence(msg);
        setDivergence(msg);
        strip.setNote(msg);
    }

    // ---------------------------------------------------------------- for tests and benches

    public FlowLabSnapshot lastShown() {
        return last;
    }

    /** Breaks the flow on the trainer thread so the divergence guard must act (tests, and a demo). */
    public void forceDivergence() {
        if (trainer() != null) {
            send(FlowLab::poison);
            trainer().stepOnce();
        }
    }

    /** Position of the morph in layers (0 = base plane). */
    public double morphPosition() {
        return layers.morphPosition();
    }

    public boolean morphing() {
        return layers.morphing();
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

    /** Marks a data point on the training panel, as a click on its density plot does. */
    public void markPoint(double x, double y) {
        markX = x;
        markY = y;
        sendView();
    }

    public void selectLayer(int i) {
        layers.list.getSelectionModel().select(i);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
