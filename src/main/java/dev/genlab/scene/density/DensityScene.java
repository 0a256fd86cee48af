package dev.genlab.scene.density;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;

import dev.genlab.i18n.I18n;
import dev.genlab.live.SnapshotPump;
import dev.genlab.live.Trainer;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneDescriptor;

/**
 * Lesson 1's scene: a 2-D data set and a Gaussian mixture fitted to it by EM, live. It shows the
 * three things a generative model does: sampling (model samples), density evaluation (heat map,
 * hover, click-to-score with an outlier threshold) and features (responsibilities as colours).
 */
public final class DensityScene implements LessonScene {

    public static final String ID = "density";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, DensityParams.SPEC, ctx -> new DensityScene());
    /** EM iterations per second at speed 1: slow enough to watch the ellipses move. */
    static final double BASE_RATE = 4;

    private final ParamSet params = new ParamSet(DensityParams.SPEC);
    private final DensityView view = new DensityView();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final List<double[]> drawn = new ArrayList<>();
    private Trainer<DensityParams, DensitySnapshot> trainer;
    private SnapshotPump<DensitySnapshot> pump;
    private AnimationTimer frame;
    private double[] viewSent;

    public DensityScene() {
        params.spec().knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> {
            if (k.viewOnly()) {
                applyViewKnobs();
            } else {
                pushParams();
            }
        }));
        playing.addListener((obs, o, n) -> {
            if (trainer != null) {
                trainer.setPlaying(n);
            }
        });
        speed.addListener((obs, o, n) -> {
            if (trainer != null) {
                trainer.setSpeed(n.doubleValue());
            }
        });
        view.plot.setOnDataClicked(this::clicked);
        params.property("dataset").addListener((obs, o, n) -> updateDrawing());
        updateDrawing();
        applyViewKnobs();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParamSet params() {
        return params;
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
        if (trainer != null) {
            return;
        }
        trainer = new Trainer<>(ID, new DensityModel(), currentParams(), BASE_RATE);
        trainer.setSpeed(speed.get());
        trainer.setEventListener(e -> Platform.runLater(() -> diverged(e)));
        trainer.start();
        trainer.setPlaying(playing.get());
        pump = new SnapshotPump<>(trainer, view::show);
        frame = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pump.pump();
                followView();
            }
        };
        frame.start();
    }

    @Override
    public void deactivate() {
        playing.set(false);
        if (frame != null) {
            frame.stop();
            frame = null;
            pump = null;
        }
        if (trainer != null) {
            trainer.stop();
            trainer = null;
        }
    }

    @Override
    public BooleanProperty playingProperty() {
        return playing;
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }

    @Override
    public void step() {
        if (trainer != null) {
            playing.set(false);
            trainer.stepOnce();
        }
    }

    @Override
    public void reset() {
        playing.set(false);
        drawn.clear();
        view.pick(null);
        params.reset();
        if (trainer != null) {
            trainer.setParams(currentParams());
            trainer.reset();
        }
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The trainer (tests watch its thread and snapshots). */
    public Trainer<DensityParams, DensitySnapshot> trainer() {
        return trainer;
    }

    /** Draws the newest snapshot now instead of at the next frame (tests). */
    public boolean pumpNow() {
        return pump != null && pump.pump();
    }

    public DensitySnapshot lastShown() {
        return view.last();
    }

    /** Breaks the model on the trainer thread so the divergence guard must act (tests, and a demo). */
    public void forceDivergence() {
        if (trainer != null) {
            trainer.inject(m -> ((DensityModel) m).poison());
            trainer.stepOnce();
        }
    }

    private DensityParams currentParams() {
        double[] xs = new double[drawn.size()];
        double[] ys = new double[drawn.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = drawn.get(i)[0];
            ys[i] = drawn.get(i)[1];
        }
        return DensityParams.from(params.snapshot(), xs, ys, viewSent);
    }

    /**
     * Zoom, pan and resizing change what the plot shows; the heat map is then evaluated over the
     * new extent (on the trainer thread), so the density always fills the plot.
     */
    private void followView() {
        double[] shown = view.shownExtent();
        if (shown == null || viewSent != null && close(shown, viewSent)) {
            return;
        }
        viewSent = shown;
        pushParams();
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

    private void pushParams() {
        if (trainer != null) {
            trainer.setParams(currentParams());
        }
    }

    private void applyViewKnobs() {
        view.setShowResponsibilities(params.getToggle("show_responsibilities"));
        view.setContours(params.getToggle("show_contours"));
        view.setThreshold(params.getDouble("outlier_threshold"));
    }

    /** Minimum distance between points laid down by one drag, so a stroke is a trail, not a blob. */
    static final double DRAG_SPACING = 0.12;

    /** In "draw your own", dragging lays points along the stroke (and right-drag still pans). */
    private void updateDrawing() {
        if (DensityParams.DRAWN.equals(params.getChoice("dataset"))) {
            view.plot.setOnDataDragged((x, y) -> {
                double[] last = drawn.isEmpty() ? null : drawn.get(drawn.size() - 1);
                if (last == null || Math.hypot(x - last[0], y - last[1]) >= DRAG_SPACING) {
                    addPoint(x, y);
                }
            });
        } else {
            view.plot.setOnDataDragged(null);
        }
    }

    private void addPoint(double x, double y) {
        drawn.add(new double[] {x, y});
        pushParams();
        status.set(I18n.get("density.status.drawn", drawn.size()));
    }

    /** A click adds a point to a drawn data set, and otherwise scores the clicked position. */
    private void clicked(double x, double y) {
        if (DensityParams.DRAWN.equals(params.getChoice("dataset"))) {
            addPoint(x, y);
        } else {
            view.pick(new float[] {(float) x, (float) y});
        }
    }

    private void diverged(Trainer.Event e) {
        playing.set(false);
        String msg = I18n.get("density.status.diverged", e.step(), e.message());
        status.set(msg);
        if (view.getScene() != null && view.getScene().getWindow() != null && view.getScene().getWindow().isShowing()) {
            Notifications.create().owner(view).title(I18n.get("live.diverged.title")).text(msg)
                    .hideAfter(Duration.seconds(6)).showWarning();
        }
    }
}
