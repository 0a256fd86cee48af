package dev.genlab.scene;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.util.Duration;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.controlsfx.control.Notifications;

import dev.genlab.i18n.I18n;

import dev.genlab.live.LiveModel;
import dev.genlab.live.SnapshotPump;
import dev.genlab.live.Trainer;

/**
 * A {@link LessonScene} whose model runs on a {@link Trainer}: the wiring every live scene shares.
 * Model knobs are sent to the trainer as an immutable params value; view-only knobs only redraw;
 * Play / Pause / Step / Speed / Reset act on the trainer; an {@link AnimationTimer} draws the
 * newest snapshot once a frame; leaving the scene stops the thread. Anything else the scene asks of
 * the running model (an edit, a click, a job) goes through {@link #send}, in order. Which knobs the
 * knob panel lists follows from the knobs' declarations ({@link Knob#in}, {@link Knob#actsWhen}).
 *
 * @param <M> the model, used on the trainer thread only
 * @param <P> the immutable knob values the model reads
 * @param <S> the immutable snapshot the view draws
 */
public abstract class TrainerScene<M extends LiveModel<P, S>, P, S> implements LessonScene {

    private final String id;
    private final double baseRate;
    /**
     * How long leaving the scene waits for its trainer thread to end, on the JavaFX thread. Most end at once; one in
     * a long computation ends when that is done, in the background (MemoryRoundsTest and the monkey check it does).
     */
    static final long LEAVE_WAIT_MS = 50;
    private final ParamSet params;
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<Predicate<String>> knobFilter = new SimpleObjectProperty<>(this, "knobFilter");
    private Trainer<M, P, S> trainer;
    private SnapshotPump<S> pump;
    private AnimationTimer frame;
    private S firstDrawn;
    private volatile Trainer.Event lastDivergence;
    /** Knob changes of a batch ({@link ParamSet#inBatch}) that wait for its end. */
    private boolean viewPending;
    private boolean pushPending;

    /**
     * @param id       the scene id (also names the trainer thread)
     * @param spec     the knobs
     * @param baseRate model updates per second at speed 1 while playing
     */
    protected TrainerScene(String id, ParamSpec spec, double baseRate) {
        this.id = id;
        this.baseRate = baseRate;
        this.params = new ParamSet(spec);
        spec.knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> {
            if (params.inBatch()) {
                // a preset sets many knobs: the filter, the trainer's knobs and the view follow once, at its end
                // (lesson 7 recomputed its bound panel on the JavaFX thread for every view knob of a step's preset)
                if (k.viewOnly()) {
                    viewPending = true;
                } else {
                    pushPending = true;
                }
                return;
            }
            updateKnobFilter();
            if (k.viewOnly()) {
                viewKnobsChanged();
            } else {
                push();
            }
        }));
        params.onBatchEnd(() -> {
            if (!viewPending && !pushPending) {
                return;
            }
            boolean view = viewPending;
            boolean model = pushPending;
            viewPending = false;
            pushPending = false;
            updateKnobFilter();
            // the knobs first: a command the view sends then acts on the model they make
            if (model) {
                push();
            }
            if (view) {
                viewKnobsChanged();
            }
        });
        updateKnobFilter();
        playing.addListener((obs, o, n) -> playingRuleChanged());
        speed.addListener((obs, o, n) -> {
            if (trainer != null) {
                trainer.setSpeed(n.doubleValue());
            }
        });
    }

    /** A new model; it is used on the trainer thread only. */
    protected abstract M newModel();

    /** The knob values (and anything else the model needs) as one immutable value. */
    protected abstract P currentParams();

    /** Draws a snapshot; on the JavaFX thread. */
    protected abstract void draw(S snapshot);

    /** A view-only knob changed: redraw without touching the model. */
    protected void viewKnobsChanged() {
    }

    /** Called every frame after the newest snapshot was drawn (e.g. to follow a plot's zoom). */
    protected void everyFrame() {
    }

    /**
     * Whether the trainer itself plays while the scene plays; true by default. A scene that paces its model
     * from the JavaFX thread by commands while playing (lesson 8's slow motion sends one sub-step at a time)
     * answers false then, and calls {@link #playingRuleChanged()} when its answer changes.
     */
    protected boolean trainerPlays() {
        return true;
    }

    /** Tells the trainer again whether to play: the scene plays and {@link #trainerPlays()}. */
    protected final void playingRuleChanged() {
        if (trainer != null) {
            trainer.setPlaying(playing.get() && trainerPlays());
        }
    }

    /** Called by Reset before the knobs return to their defaults (e.g. to forget drawn points). */
    protected void beforeReset() {
    }

    /**
     * The trainer stopped a diverging model and restored its last good state; on the JavaFX thread.
     * By default the event's message is reported ({@link #reportDivergence}).
     */
    protected void diverged(Trainer.Event e) {
        reportDivergence(e.message());
    }

    /**
     * Tells the student that training diverged: the status bar, and a notification beside the scene
     * while its window shows (a scene may also keep the message on its own figure).
     */
    protected final void reportDivergence(String message) {
        setStatus(message);
        Node owner = view();
        if (owner.getScene() != null && owner.getScene().getWindow() != null
                && owner.getScene().getWindow().isShowing()) {
            Notifications.create().owner(owner).title(I18n.get("live.diverged.title")).text(message)
                    .hideAfter(Duration.seconds(6)).showWarning();
        }
    }

    /** Drawn points as the two coordinate arrays a params record carries. */
    protected static double[][] xy(List<double[]> points) {
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i)[0];
            ys[i] = points.get(i)[1];
        }
        return new double[][] {xs, ys};
    }

    /**
     * Sends a command to the running model: applied on the trainer thread, in the order sent, before the
     * next step (see {@link Trainer#send}). Nothing happens while the scene is not active (no model).
     */
    protected final void send(Consumer<? super M> command) {
        if (trainer != null) {
            trainer.send(command);
        }
    }

    @Override
    public ObservableValue<Predicate<String>> knobFilter() {
        return knobFilter;
    }

    /** Lists the knobs that act for the current values; fires only when that list changes. */
    private void updateKnobFilter() {
        Predicate<String> shown = params.spec().shown(params.values());
        if (!shown.equals(knobFilter.get())) {
            knobFilter.set(shown);
        }
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final ParamSet params() {
        return params;
    }

    @Override
    public void activate() {
        if (trainer != null) {
            return;
        }
        trainer = new Trainer<>(id, newModel(), currentParams(), baseRate);
        trainer.setSpeed(speed.get());
        trainer.setEventListener(e -> Platform.runLater(() -> {
            playing.set(false);
            if (e.diverged()) {
                lastDivergence = e;
                diverged(e);
            }
        }));
        trainer.start();
        trainer.setPlaying(playing.get() && trainerPlays());
        firstDrawn = null;
        pump = new SnapshotPump<>(trainer, s -> {
            if (firstDrawn == null) {
                firstDrawn = s;
            }
            draw(s);
        });
        frame = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pump.pump();
                everyFrame();
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
            // the JavaFX thread waits a moment only: a step that does not check the interrupt (lesson 7's took
            // 0.6 s on a busy machine) ends on the trainer thread, which then stops, instead of stalling the window
            // (issue 16); a late event of the scene left is not reported
            trainer.setEventListener(null);
            trainer.stop(LEAVE_WAIT_MS);
            trainer = null;
        }
    }

    @Override
    public final BooleanProperty playingProperty() {
        return playing;
    }

    @Override
    public final DoubleProperty speedProperty() {
        return speed;
    }

    /** Exactly one model update; pauses first, as a step button should. */
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
        beforeReset();
        params.reset();
        if (trainer != null) {
            trainer.setParams(currentParams());
            trainer.reset();
        }
    }

    @Override
    public final ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    protected final void setStatus(String message) {
        status.set(message);
    }

    /** Sends the current knob values to the trainer. */
    protected final void push() {
        if (trainer != null) {
            trainer.setParams(currentParams());
        }
    }

    /** The running trainer, or null when the scene is not active (tests watch it). */
    public final Trainer<M, P, S> trainer() {
        return trainer;
    }

    /** The first snapshot drawn since the scene was last activated, or null (tests). */
    public final S firstDrawn() {
        return firstDrawn;
    }

    /** The last divergence the trainer reported since the scene was constructed, or null (tests). */
    public final Trainer.Event lastDivergence() {
        return lastDivergence;
    }

    /** Draws the newest snapshot now instead of at the next frame (tests). */
    public final boolean pumpNow() {
        return pump != null && pump.pump();
    }
}
