package dev.genlab.scene;

import java.io.IOException;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.scene.Node;

import dev.genlab.model.io.Checkpoint;

/**
 * A live scene shown beside a lesson's text. The application shell owns one at a time:
 * it calls {@link #activate()} when the scene becomes visible and {@link #deactivate()} when
 * it is left, which must stop any thread the scene started.
 *
 * <p>Play / Pause / Step / Speed / Reset in the toolbar act through this interface.
 */
public interface LessonScene {

    /** The scene id used in lesson front matter. */
    String id();

    ParamSet params();

    /** The scene's root node (figures plus read-outs; the shell adds the knob panel). */
    Node view();

    /** The figure that File → Export figure… saves, if any. */
    default Optional<Node> exportableFigure() {
        return Optional.of(view());
    }

    void activate();

    void deactivate();

    /** True while the scene advances on its own. */
    BooleanProperty playingProperty();

    /** Steps per second multiplier, 0.1 to 10. */
    DoubleProperty speedProperty();

    /** One update (one iteration, one batch of samples, ...). */
    void step();

    /** Knobs to defaults and the model to its initial state. */
    void reset();

    /**
     * Which knobs the panel shows now (a scene with several panels hides the others' knobs); null
     * shows them all. The shell follows changes of the value.
     */
    default javafx.beans.value.ObservableValue<java.util.function.Predicate<String>> knobFilter() {
        return null;
    }

    /**
     * A step of the lesson was opened (after its preset): read-outs tied to a point the student picked
     * or hovered belong to the step they were made in and go.
     */
    default void stepOpened() {
    }

    /**
     * The trained state that File → Save scenario writes beside the knobs, as a checkpoint (a model's weights,
     * and in its header what else the state needs), or empty: by default a scene has none and its knobs are
     * the whole scenario. On the JavaFX thread; a scene whose model lives on a trainer thread asks it there.
     *
     * @throws IOException when the state cannot be had (the message says why)
     */
    default Optional<Checkpoint> trainedState() throws IOException {
        return Optional.empty();
    }

    /**
     * Puts back a state that {@link #trainedState} wrote, after the scenario's knobs were set; on the JavaFX
     * thread. Everything is checked first: a state that does not fit the scene or its knobs throws an
     * IllegalArgumentException whose message says why, and then nothing has changed.
     */
    default void restoreTrainedState(Checkpoint state) {
        throw new IllegalArgumentException("scene '" + id() + "' keeps no trained state");
    }

    /** A short, translated line the status bar shows (e.g. what the last step did), or "". */
    ReadOnlyStringProperty statusProperty();
}
