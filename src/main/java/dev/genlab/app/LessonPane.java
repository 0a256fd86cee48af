package dev.genlab.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;
import dev.genlab.lesson.LessonProblem;
import dev.genlab.lesson.LessonText;
import dev.genlab.lesson.Step;
import dev.genlab.lesson.render.MarkdownRenderer;
import dev.genlab.lesson.render.RenderOptions;
import dev.genlab.plot.FigureColour;

/**
 * The lesson side of the window: title, the current step rendered from Markdown, the lesson's
 * problems if it has any, and Previous / step counter / Next at the bottom.
 */
final class LessonPane extends BorderPane {

    private final MarkdownRenderer renderer;
    private final Label title = new Label();
    private final VBox problems = new VBox(2);
    private final ScrollPane scroll = new ScrollPane();
    private final Label counter = new Label();
    final Button previous = new Button();
    final Button next = new Button();

    LessonPane(MarkdownRenderer renderer) {
        this.renderer = renderer;
        getStyleClass().add("lesson-pane");
        title.getStyleClass().add("lesson-title");
        title.setId("lesson-title");
        title.setWrapText(true);
        problems.getStyleClass().add("lesson-problems");
        problems.setId("lesson-problems");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("lesson-scroll");
        scroll.setId("lesson-scroll");
        counter.setId("step-counter");
        counter.getStyleClass().add("step-counter");
        previous.setId("previous-step");
        next.setId("next-step");
        previous.textProperty().bind(I18n.bind("nav.previous"));
        next.textProperty().bind(I18n.bind("nav.next"));
        next.setDefaultButton(false);
        Region spring1 = new Region();
        Region spring2 = new Region();
        HBox.setHgrow(spring1, Priority.ALWAYS);
        HBox.setHgrow(spring2, Priority.ALWAYS);
        HBox nav = new HBox(8, previous, spring1, counter, spring2, next);
        nav.setAlignment(Pos.CENTER);
        nav.setPadding(new Insets(8));
        nav.getStyleClass().add("step-nav");
        VBox top = new VBox(6, title, problems);
        top.setPadding(new Insets(12, 12, 4, 12));
        setTop(top);
        setCenter(scroll);
        setBottom(nav);
    }

    /**
     * Shows step index of lesson in lang; options carry size, text colours and presenter mode, and
     * {@code colours} are what the text's {@code {colour:KEY}} placeholders name (its scene's).
     */
    void show(Lesson lesson, int index, String lang, RenderOptions options, Map<String, FigureColour> colours) {
        problems.getChildren().clear();
        List<LessonProblem> list = lesson.problems();
        if (!list.isEmpty() && !options.presenter()) {
            Label head = new Label(I18n.get("lesson.problems", list.size()));
            head.getStyleClass().add("problems-head");
            problems.getChildren().add(head);
            for (LessonProblem p : list) {
                Label l = new Label(p.toString());
                l.setWrapText(true);
                l.getStyleClass().add(p.fatal() ? "problem-fatal" : "problem");
                problems.getChildren().add(l);
            }
        }
        if (!lesson.isUsable()) {
            title.setText(lesson.id());
            scroll.setContent(renderer.render(I18n.get("lesson.broken"), options));
            counter.setText("");
            previous.setDisable(true);
            next.setDisable(true);
            return;
        }
        LessonText text = lesson.text(lang).orElseThrow();
        title.setText(text.title());
        int n = text.steps().size();
        int i = Math.max(0, Math.min(index, n - 1));
        Step step = text.steps().get(i);
        String notice = !lesson.hasLanguage(lang) ? "> " + I18n.get("lesson.fallback") + "\n\n" : "";
        VBox doc = renderer.render(notice + "## " + step.heading() + "\n\n" + step.body(),
                options.withColours(colours, Locale.forLanguageTag(text.lang())));
        doc.setPadding(new Insets(4, 16, 16, 16));
        scroll.setContent(doc);
        scroll.setVvalue(0);
        counter.setText(I18n.get("nav.counter", i + 1, n));
        previous.setDisable(i == 0);
        next.setDisable(i == n - 1);
    }

    /** The rendered document (tests read it). */
    VBox document() {
        return (VBox) scroll.getContent();
    }
}
