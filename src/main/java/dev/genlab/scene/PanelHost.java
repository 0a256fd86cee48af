package dev.genlab.scene;

import java.util.List;
import java.util.Objects;

import javafx.scene.layout.BorderPane;

/**
 * Shows one of a scene's {@link ScenePanel}s at a time in the centre of a border pane, hands the
 * newest snapshot to the panel shown, and the last one again to a panel as it comes into view.
 *
 * @param <S> the snapshot type
 */
public final class PanelHost<S> {

    private final BorderPane root;
    private final List<ScenePanel<S>> panels;
    private ScenePanel<S> shown;
    private S last;

    public PanelHost(BorderPane root, List<ScenePanel<S>> panels) {
        this.root = root;
        this.panels = List.copyOf(panels);
    }

    /** Shows the panel with this id; true if it was not the one shown. */
    public boolean show(Enum<?> id) {
        ScenePanel<S> want = panels.stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no panel " + id));
        if (want == shown) {
            return false;
        }
        shown = want;
        root.setCenter(want.node());
        want.shown();
        if (last != null) {
            want.draw(last);
        }
        return true;
    }

    /** The panel shown (null before the first {@link #show}). */
    public ScenePanel<S> shown() {
        return shown;
    }

    public boolean isShown(Enum<?> id) {
        return shown != null && shown.id() == id;
    }

    /** Draws a new snapshot in the panel shown. */
    public void draw(S snapshot) {
        last = Objects.requireNonNull(snapshot);
        if (shown != null) {
            shown.draw(snapshot);
        }
    }

    /** Draws the last snapshot again (a view-only knob changed). */
    public void redraw() {
        if (shown != null && last != null) {
            shown.draw(last);
        }
    }

    public void frame() {
        if (shown != null) {
            shown.frame();
        }
    }

    public S last() {
        return last;
    }
}
