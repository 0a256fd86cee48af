package dev.genlab.app;

import java.util.Locale;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.util.Duration;

import dev.genlab.i18n.I18n;
import dev.genlab.lesson.render.MarkdownRenderer;

/**
 * The lecturer's notes for a second screen (View → Lecture notes window): the current step's full text at reading
 * size whatever mode the main window is in, the next step's heading, and a timer, in a window of its own to keep
 * on the laptop while the main window, in presenter mode, fills the projector. Its keys are the main window's
 * (the same {@link Shortcut}s run the same actions) and its Previous / Next buttons move the lesson, so either
 * screen drives both.
 */
final class NotesWindow {

    private final Stage stage = new Stage();
    final LessonPane text;
    final Label nextHeading = new Label();
    final Label clock = new Label();
    final Button restart = new Button();
    private final Timeline tick;
    private long startedAt = System.nanoTime();

    /**
     * @param renderer what renders the lesson text (the main window's, sharing its formula cache)
     * @param keys     the main window's key handling: returns true when a key was a shortcut it acted on
     */
    NotesWindow(MarkdownRenderer renderer, java.util.function.Predicate<KeyEvent> keys, Runnable previous,
                Runnable next, Scene styledLike) {
        text = new LessonPane(renderer);
        text.previous.setOnAction(e -> previous.run());
        text.next.setOnAction(e -> next.run());
        nextHeading.setId("notes-next");
        nextHeading.setWrapText(true);
        nextHeading.getStyleClass().add("readout");
        clock.setId("notes-clock");
        clock.getStyleClass().add("notes-clock");
        clock.setStyle("-fx-font-size: 1.6em; -fx-font-family: monospace;");
        restart.setId("notes-restart");
        restart.textProperty().bind(I18n.bind("notes.restart"));
        restart.setOnAction(e -> restartTimer());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(10, nextHeading, spring, clock, restart);
        HBox.setHgrow(nextHeading, Priority.SOMETIMES);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        BorderPane root = new BorderPane(text);
        root.setTop(bar);
        root.getStyleClass().add("genlab");
        root.setId("notes-window");
        Scene scene = new Scene(root, 620, 760);
        scene.getStylesheets().setAll(styledLike.getStylesheets());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (keys.test(e)) {
                e.consume();
            }
        });
        stage.setScene(scene);
        stage.titleProperty().bind(I18n.bind("notes.title"));
        tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> showClock()));
        tick.setCycleCount(Timeline.INDEFINITE);
        showClock();
    }

    /** The root's theme class, as the main window's ("light", "dark"; the notes never take presenter mode). */
    void styleAs(String themeClass) {
        var c = stage.getScene().getRoot().getStyleClass();
        c.removeAll("dark", "light", "presenter");
        c.add(themeClass);
    }

    void show() {
        if (!stage.isShowing()) {
            restartTimer();
            tick.play();
        }
        stage.show();
        stage.toFront();
    }

    boolean isShowing() {
        return stage.isShowing();
    }

    void close() {
        tick.stop();
        stage.close();
    }

    void restartTimer() {
        startedAt = System.nanoTime();
        showClock();
    }

    /** Minutes and seconds since the window opened or the timer restarted. */
    String elapsed() {
        long s = (System.nanoTime() - startedAt) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void showClock() {
        clock.setText(elapsed());
    }

    /** The next step's heading, or that this is the lesson's last step. */
    void setNext(String heading) {
        nextHeading.setText(heading == null ? I18n.get("notes.last") : I18n.get("notes.next", heading.replace("$", "")));
    }

    Stage stage() {
        return stage;
    }
}
