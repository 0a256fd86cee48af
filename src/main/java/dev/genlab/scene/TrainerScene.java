package dev.genlab.scene;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.application.Platform;

import dev.genlab.live.LiveModel;
import dev.genlab.live.SnapshotPump;
import dev.genlab.live.Trainer;

/**
 * A {@link LessonScene} whose model runs on a {@link Trainer}: the wiring every live scene shares.
 * Model knobs are sent to the trainer as an immutable params value; view-only knobs only redraw;
 * Play / Pause / Step / Speed / Reset act on the trainer; an {@link AnimationTimer} draws the
 * newest snapshot once a frame; leaving the scene stops the thread.
 *
 * @param <P> the immutable knob values the model reads
 * @param <S> the immutable snapshot the view draws
 */
public abstract class TrainerScene<P, S> implements LessonScene {

    private final String id;
    private final double baseRate;
    private final ParamSet params;
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private Trainer<P, S> trainer;
    private SnapshotPump<S> pump;
    private AnimationTimer frame;

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
            if (k.viewOnly()) {
                viewKnobsChanged();
            } else {
                push();
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
    }

    /** A new model; it is used on the trainer thread only. */
    protected abstract LiveModel<P, S> newModel();

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

    /** Called by Reset before the knobs return to their defaults (e.g. to forget drawn points). */
    protected void beforeReset() {
    }

    /** The trainer stopped a diverging model and restored its last good state; on the JavaFX thread. */
    protected void diverged(Trainer.Event e) {
        setStatus(e.message());
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
            diverged(e);
        }));
        trainer.start();
        trainer.setPlaying(playing.get());
        pump = new SnapshotPump<>(trainer, this::draw);
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
            trainer.stop();
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
    public final Trainer<P, S> trainer() {
        return trainer;
    }

    /** Draws the newest snapshot now instead of at the next frame (tests). */
    public final boolean pumpNow() {
        return pump != null && pump.pump();
    }
}
