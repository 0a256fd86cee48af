package dev.genlab.app;

import java.util.Optional;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamPanel;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;

/**
 * The scene side of the window: the active {@link LessonScene}'s view with its knob panel
 * below. Switching scenes deactivates the old one first, which stops its thread.
 */
final class SceneHost extends BorderPane {

    /** The knob panel takes at most this share of the scene's height; it scrolls beyond that. */
    static final double KNOBS_MAX_SHARE = 0.46;
    static final double KNOBS_MAX_SHARE_SMALL = 0.3;
    /** Below this height of the scene's area the knobs get {@link #KNOBS_MAX_SHARE_SMALL}. */
    static final double SMALL_HEIGHT = 520;

    private final ObjectProperty<LessonScene> scene = new SimpleObjectProperty<>(this, "scene");
    private final TitledPane knobs = new TitledPane();
    private ParamPanel panel;

    private final SceneContext context;

    SceneHost(SceneContext context) {
        this.context = context;
        getStyleClass().add("scene-host");
        setId("scene-host");
        knobs.textProperty().bind(I18n.bind("scene.knobs"));
        knobs.setCollapsible(true);
        knobs.setAnimated(false);
        knobs.setId("knobs");
        showEmpty();
    }

    ReadOnlyObjectProperty<LessonScene> lessonSceneProperty() {
        return scene;
    }

    Optional<LessonScene> current() {
        return Optional.ofNullable(scene.get());
    }

    /** Folds the knob panel away (presenter mode gives the figures the room) or opens it. */
    void setKnobsExpanded(boolean expanded) {
        knobs.setExpanded(expanded);
    }

    Optional<ParamPanel> panel() {
        return Optional.ofNullable(panel);
    }

    /** Shows a scene of this descriptor, reusing the current one when it is the same scene. */
    LessonScene show(SceneDescriptor d) {
        return show(d, s -> { });
    }

    /**
     * As {@link #show(SceneDescriptor)}; a scene made anew gets {@code prepare} (a step's preset) before it
     * starts, so its model is first built with the step's knobs, not the defaults.
     */
    LessonScene show(SceneDescriptor d, java.util.function.Consumer<LessonScene> prepare) {
        LessonScene s = scene.get();
        if (s != null && s.id().equals(d.id())) {
            return s;
        }
        clear();
        s = d.factory().apply(context);
        prepare.accept(s);
        panel = new ParamPanel(s.params());
        if (s.knobFilter() != null) {
            ParamPanel shown = panel;
            shown.showOnly(s.knobFilter().getValue());
            s.knobFilter().addListener((obs, o, n) -> shown.showOnly(n));
        }
        // both parts scroll rather than grow: a scene taller than the window must never push the
        // layout over the toolbar (a BorderPane lets an oversized centre overlap its top)
        ScrollPane knobScroll = bare(new ScrollPane(panel));
        knobScroll.setFitToWidth(true);
        // a small window (800 × 500) keeps the knobs to a third, so that the figures stay usable
        knobScroll.maxHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> getHeight() * (getHeight() < SMALL_HEIGHT ? KNOBS_MAX_SHARE_SMALL : KNOBS_MAX_SHARE),
                heightProperty()));
        attachAfterThisPulse(knobScroll);
        ScrollPane viewScroll = bare(new ScrollPane(s.view()));
        viewScroll.setFitToWidth(true);
        viewScroll.setFitToHeight(true);
        viewScroll.setId("scene-view-scroll");
        setCenter(viewScroll);
        setBottom(s.params().spec().knobs().isEmpty() ? null : knobs);
        scene.set(s);
        s.activate();
        return s;
    }

    /**
     * Puts the knobs into their pane in the pulse after the one that styles and lays out the scene's view, so that the
     * JavaFX thread does the two halves of a new scene's first pulse in two pulses (issue 16). In a fresh JVM the
     * first scenes opened cost one pulse of 150–210 ms of JavaFX-thread CPU (lesson 7 or 8 opened first in the monkey,
     * code not yet compiled), which with the render thread's frame and the compilers on a 2-core machine made stalls of
     * 260–340 ms. With the knobs a pulse later lesson 7's first opening took 99–110 ms of CPU in its longest stall.
     * The window shows the scene without its knobs for one frame. A window not showing has no pulse to wait for: the
     * knobs go in at once.
     */
    /**
     * Knob panels waiting for their pulse, in every window: the scene each waits in, by its listener (tests wait for
     * those in a showing window before they look; AppTestSupport).
     */
    static final java.util.Map<Runnable, javafx.scene.Scene> PENDING = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether a showing window still waits for a new scene's knobs. */
    static boolean knobsPending() {
        return PENDING.values().stream().anyMatch(sc -> sc.getWindow() != null && sc.getWindow().isShowing());
    }

    private void attachAfterThisPulse(javafx.scene.Node content) {
        ParamPanel mine = panel;
        javafx.scene.Scene sc = getScene();
        if (sc == null || sc.getWindow() == null || !sc.getWindow().isShowing()) {
            knobs.setContent(content);
            return;
        }
        knobs.setContent(null);
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            sc.removePostLayoutPulseListener(once[0]);
            PENDING.remove(once[0]);
            // the scene may have been left meanwhile (another opening within the same pulse)
            if (panel == mine) {
                knobs.setContent(content);
            }
        };
        PENDING.put(once[0], sc);
        sc.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    /** Leaves the current scene: its thread stops. */
    void clear() {
        LessonScene s = scene.get();
        if (s != null) {
            s.deactivate();
            scene.set(null);
        }
        panel = null;
        showEmpty();
    }

    private static ScrollPane bare(ScrollPane p) {
        p.setStyle("-fx-background-color: transparent; -fx-background-insets: 0; -fx-padding: 0;");
        return p;
    }

    private void showEmpty() {
        Label none = new Label();
        none.textProperty().bind(I18n.bind("scene.none"));
        none.setPadding(new Insets(24));
        setCenter(none);
        setBottom(null);
    }
}
