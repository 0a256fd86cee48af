package dev.genlab.scene;

import java.util.List;

import javafx.scene.Node;

/**
 * One panel of a scene with several (lesson 6 has a 1-D panel, a layers panel and a training panel):
 * its node, how it draws a snapshot, and its knobs, which are the knobs declared {@link Knob#in} it
 * plus those of every panel. A multi-panel scene is a list of these in a {@link PanelHost}; the
 * scene itself only wires them to its trainer.
 *
 * @param <S> the snapshot the scene's model publishes
 */
public interface ScenePanel<S> {

    /** The value of the scene's panel knob that shows this panel. */
    Enum<?> id();

    Node node();

    /** Draws a snapshot; on the JavaFX thread, only while this panel is shown. */
    void draw(S snapshot);

    /** Called when the panel becomes the one shown, before it is asked to draw. */
    default void shown() {
    }

    /** Called once a frame while shown (an animation's clock). */
    default void frame() {
    }

    /** The knobs the knob panel lists beside this panel (before their {@link Knob#actsWhen} conditions). */
    default List<Knob<?>> knobs(ParamSpec spec) {
        return spec.typed().stream().filter(k -> k.panels().isEmpty() || k.panels().contains(id())).toList();
    }
}
