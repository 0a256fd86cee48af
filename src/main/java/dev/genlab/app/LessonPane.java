package dev.genlab.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.transform.Scale;

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
 *
 * <p>In presenter mode it is a band above the scene instead ({@link #setBand}): the lesson's title
 * and the step's heading on the left, the step's display formulas side by side in the middle, the
 * step buttons on the right. A column of half the window for a heading and a formula left the
 * figures too little room on a projector.
 */
final class LessonPane extends BorderPane {

    private final MarkdownRenderer renderer;
    private final Label title = new Label();
    private final VBox problems = new VBox(2);
    private final ScrollPane scroll = new ScrollPane();
    private final Label counter = new Label();
    final Button previous = new Button();
    final Button next = new Button();
    private final HBox nav;
    private final Region spring1 = new Region();
    private final Region spring2 = new Region();
    private final VBox top;
    private final StackPane bandHeading = new StackPane();
    private final FlowPane bandFormulas = new FlowPane();
    private final BorderPane band = new BorderPane();
    private boolean banded;

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
        HBox.setHgrow(spring1, Priority.ALWAYS);
        HBox.setHgrow(spring2, Priority.ALWAYS);
        nav = new HBox(8, previous, spring1, counter, spring2, next);
        nav.setAlignment(Pos.CENTER);
        nav.setPadding(new Insets(8));
        nav.getStyleClass().add("step-nav");
        top = new VBox(6, title, problems);
        top.setPadding(new Insets(12, 12, 4, 12));
        setTop(top);
        setCenter(scroll);
        setBottom(nav);

        bandHeading.setId("band-heading");
        bandHeading.setAlignment(Pos.CENTER_LEFT);
        bandFormulas.setId("band-formulas");
        bandFormulas.setHgap(48);
        bandFormulas.setVgap(4);
        bandFormulas.setAlignment(Pos.CENTER);
        bandFormulas.setPadding(new Insets(0, 16, 0, 16));
        band.getStyleClass().add("lesson-band");
        band.setId("lesson-band");
        band.setPadding(new Insets(6, 8, 6, 16));
    }

    /**
     * Presenter mode's band (true) or the side pane (false). The band never takes more than its
     * content's height; its title and heading wrap rather than push the buttons off the window.
     */
    void setBand(boolean on) {
        if (on == banded) {
            return;
        }
        banded = on;
        if (on) {
            setTop(null);
            setBottom(null);
            VBox heads = new VBox(2, title, bandHeading);
            heads.setAlignment(Pos.CENTER_LEFT);
            heads.setMaxWidth(Region.USE_PREF_SIZE);
            heads.prefWidthProperty().bind(widthProperty().multiply(0.3));
            title.getStyleClass().add("band-title");
            HBox buttons = new HBox(8, previous, counter, next);
            buttons.setAlignment(Pos.CENTER);
            buttons.setMinWidth(Region.USE_PREF_SIZE);
            heads.setMinWidth(0);
            band.setLeft(heads);
            band.setCenter(new ShrinkToFit(bandFormulas));
            band.setRight(buttons);
            BorderPane.setAlignment(buttons, Pos.CENTER);
            setCenter(band);
        } else {
            title.getStyleClass().remove("band-title");
            band.setLeft(null);
            band.setCenter(null);
            band.setRight(null);
            nav.getChildren().setAll(previous, spring1, counter, spring2, next);
            top.getChildren().setAll(title, problems);
            setTop(top);
            setCenter(scroll);
            setBottom(nav);
        }
    }

    boolean isBand() {
        return banded;
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
        RenderOptions opts = options.withColours(colours, Locale.forLanguageTag(text.lang()));
        if (banded) {
            // the heading through the renderer too: headings hold formulas ("$n$ parameters")
            RenderOptions small = new RenderOptions(opts.fontSize() * 0.6, opts.textColor(), opts.accentColor(),
                    true, opts.outputScale(), opts.linkHandler(), opts.colours(), opts.language());
            bandHeading.getChildren().setAll(renderer.render("## " + step.heading(), small).getChildren());
            // the body alone: its display formulas (and any sub-headings) side by side
            VBox doc = renderer.render(step.body(), opts);
            List<Node> blocks = new ArrayList<>(doc.getChildren());
            doc.getChildren().clear();
            bandFormulas.getChildren().setAll(blocks);
        } else {
            String notice = !lesson.hasLanguage(lang) ? "> " + I18n.get("lesson.fallback") + "\n\n" : "";
            VBox doc = renderer.render(notice + "## " + step.heading() + "\n\n" + step.body(), opts);
            doc.setPadding(new Insets(4, 16, 16, 16));
            scroll.setContent(doc);
            scroll.setVvalue(0);
        }
        counter.setText(I18n.get("nav.counter", i + 1, n));
        previous.setDisable(i == 0);
        next.setDisable(i == n - 1);
    }

    /**
     * The step's place before its text is rendered (see MainWindow's refreshTextSoon): the lesson's title, the
     * counter and the step buttons, as {@link #show} leaves them.
     */
    void showPosition(Lesson lesson, int index, String lang) {
        if (!lesson.isUsable()) {
            return;
        }
        LessonText text = lesson.text(lang).orElseThrow();
        int n = text.steps().size();
        int i = Math.max(0, Math.min(index, n - 1));
        title.setText(text.title());
        counter.setText(I18n.get("nav.counter", i + 1, n));
        previous.setDisable(i == 0);
        next.setDisable(i == n - 1);
    }

    /** The rendered document (tests read it): the side pane's, or in presenter mode the band's formulas. */
    Parent document() {
        return banded ? bandFormulas : (Parent) scroll.getContent();
    }

    /**
     * Lays its child out no narrower than the child's minimum width and scales it down to fit: a
     * formula wider than the band's middle shrinks instead of pushing the step buttons off the screen.
     */
    static final class ShrinkToFit extends Region {
        private final Region child;
        private final Scale scale = new Scale(1, 1, 0, 0);

        ShrinkToFit(Region child) {
            this.child = child;
            child.getTransforms().setAll(scale);
            getChildren().add(child);
        }

        private double factor(double width) {
            double need = child.minWidth(-1);
            return width > 0 && need > width ? width / need : 1;
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computePrefWidth(double height) {
            return child.prefWidth(-1);
        }

        @Override
        protected double computePrefHeight(double width) {
            if (width < 0) {
                return child.prefHeight(-1);
            }
            double f = factor(width);
            return child.prefHeight(Math.max(width / f, child.minWidth(-1))) * f;
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            double f = factor(getWidth());
            double w = f < 1 ? child.minWidth(-1) : getWidth();
            double h = child.prefHeight(w);
            child.resize(w, h);
            scale.setX(f);
            scale.setY(f);
            child.relocate(0, Math.max(0, (getHeight() - h * f) / 2));
        }
    }
}
