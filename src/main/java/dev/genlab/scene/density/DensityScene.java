package dev.genlab.scene.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.scene.Node;


import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;

/**
 * Lesson 1's scene: a 2-D data set and a Gaussian mixture fitted to it by EM, live. It shows the
 * three things a generative model does: sampling (model samples), density evaluation (heat map,
 * hover, click-to-score with an outlier threshold) and features (responsibilities as colours).
 */
public final class DensityScene extends TrainerScene<DensityModel, DensityParams, DensitySnapshot> {

    public static final String ID = "density";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, DensityParams.SPEC, ctx -> new DensityScene());
    /** EM iterations per second at speed 1: slow enough to watch the ellipses move. */
    static final double BASE_RATE = 4;
    /** Minimum distance between points laid down by one drag, so a stroke is a trail, not a blob. */
    static final double DRAG_SPACING = 0.12;

    private final DensityView view = new DensityView();
    private final List<double[]> drawn = new ArrayList<>();
    private double[] viewSent;

    public DensityScene() {
        super(ID, DensityParams.SPEC, BASE_RATE);
        view.plot.setOnDataClicked(this::clicked);
        params().property(DensityParams.DATASET).addListener((obs, o, n) -> updateDrawing());
        updateDrawing();
        viewKnobsChanged();
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(view);
    }

    @Override
    public void activate() {
        super.activate();
        viewSent = null; // a new model: tell it again what the plot shows (next frame)
    }

    @Override
    protected DensityModel newModel() {
        return new DensityModel();
    }

    @Override
    protected DensityParams currentParams() {
        double[][] d = xy(drawn);
        return DensityParams.from(params().values(), d[0], d[1]);
    }

    @Override
    protected void draw(DensitySnapshot snapshot) {
        view.show(snapshot);
    }

    @Override
    protected void viewKnobsChanged() {
        view.setShowResponsibilities(params().get(DensityParams.SHOW_RESPONSIBILITIES));
        view.setContours(params().get(DensityParams.SHOW_CONTOURS));
        view.setThreshold(params().get(DensityParams.OUTLIER_THRESHOLD));
    }

    /**
     * Zoom, pan and resizing change what the plot shows; the heat map is then evaluated over the
     * new extent (on the trainer thread), so the density always fills the plot.
     */
    @Override
    protected void everyFrame() {
        double[] shown = view.shownExtent();
        if (shown == null || viewSent != null && close(shown, viewSent)) {
            return;
        }
        viewSent = shown;
        send(m -> m.showExtent(shown));
    }

    @Override
    public void stepOpened() {
        view.pick(null);
        view.plot.clearHover();
    }

    @Override
    protected void beforeReset() {
        drawn.clear();
        view.pick(null);
    }

    @Override
    protected void diverged(Trainer.Event e) {
        reportDivergence(I18n.get("density.status.diverged", e.step(), e.message()));
    }

    public DensitySnapshot lastShown() {
        return view.last();
    }

    /** Breaks the model on the trainer thread so the divergence guard must act (tests, and a demo). */
    public void forceDivergence() {
        if (trainer() != null) {
            send(DensityModel::poison);
            trainer().stepOnce();
        }
    }

    private static boolean close(double[] a, double[] b) {
        double tol = 1e-3 * Math.max(a[1] - a[0], a[3] - a[2]);
        for (int i = 0; i < 4; i++) {
            if (Math.abs(a[i] - b[i]) > tol) {
                return false;
            }
        }
        return true;
    }

    /** In "draw your own", dragging lays points along the stroke (and right-drag still pans). */
    private void updateDrawing() {
        if (DensityParams.DRAWN.equals(params().get(DensityParams.DATASET))) {
            view.plot.setOnDataDragged((x, y) -> {
                double[] last = drawn.isEmpty() ? null : drawn.get(drawn.size() - 1);
                if (last == null || Math.hypot(x - last[0], y - last[1]) >= DRAG_SPACING) {
                    addDrawn(x, y);
                }
            });
        } else {
            view.plot.setOnDataDragged(null);
        }
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
        push();
        setStatus(I18n.get("density.status.drawn", drawn.size()));
    }

    /** A click adds a point to a drawn data set, and otherwise scores the clicked position. */
    private void clicked(double x, double y) {
        if (DensityParams.DRAWN.equals(params().get(DensityParams.DATASET))) {
            addDrawn(x, y);
        } else {
            view.pick(new float[] {(float) x, (float) y});
        }
    }
}
