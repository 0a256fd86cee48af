package dev.genlab.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;

import org.controlsfx.control.StatusBar;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;
import dev.genlab.lesson.LessonCatalogue;
import dev.genlab.lesson.LessonText;
import dev.genlab.lesson.Step;
import dev.genlab.lesson.render.MarkdownRenderer;
import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.lesson.render.RenderOptions;
import dev.genlab.live.UiFirst;
import dev.genlab.plot.FigureExport;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/**
 * The main window: menus, the Play / Pause / Step / Speed / Reset toolbar, the lesson
 * navigator, the lesson text beside the live scene, and a status bar. It owns which lesson and
 * step are open, the theme, language, zoom and presenter mode.
 */
public final class MainWindow {

    public static final double MIN_ZOOM = 0.6;
    public static final double MAX_ZOOM = 2.5;
    static final double BASE_FONT = 13;
    static final List<Double> SPEEDS = List.of(0.25, 0.5, 1.0, 2.0, 4.0, 8.0);

    private final Stage stage;
    private final LessonCatalogue catalogue;
    private final SceneRegistry registry;
    private final AppPrefs prefs;
    private final Consumer<String> linkOpener;
    private final MarkdownRenderer renderer = new MarkdownRenderer(new MathRenderer());
    /** The lecturer's notes for a second screen, made when first opened. */
    private NotesWindow notes;

    private final ObjectProperty<Lesson> lesson = new SimpleObjectProperty<>(this, "lesson");
    private final IntegerProperty step = new SimpleIntegerProperty(this, "step", 0);
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);
    private final ObjectProperty<AppPrefs.Theme> theme = new SimpleObjectProperty<>(this, "theme");
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);

    private final BorderPane root = new BorderPane();
    private final Scene scene;
    /** Layout pulses still to pass before the trainers go on ({@link #uiFirst}); 0: they are not held. */
    private int settlePulses;
    /** The language changed while the window was not showing: its look follows when it shows. */
    private boolean languageStale;
    /** {@link #close} ran: the window renders nothing more, whatever its stage does next. */
    private boolean closed;
    /** Listeners on the stage, which outlives the window when a new window is put in it: close removes them. */
    private final javafx.beans.value.ChangeListener<Boolean> fullScreenListener;
    private final javafx.beans.value.ChangeListener<Boolean> showingListener;
    private final javafx.event.EventHandler<javafx.stage.WindowEvent> closeRequest = e -> close();
    static final int SETTLE_PULSES = 2;
    static final long SETTLE_MAX_MS = 600;
    private final MenuBar menuBar;
    private final ToolBar toolBar;
    private final TreeView<NavItem> navigator = new TreeView<>();
    private final LessonPane lessonPane = new LessonPane(renderer);
    private final DatasetController datasets;
    private final SceneHost sceneHost;
    private final SplitPane split = new SplitPane();
    /** The split, and in presenter mode the lesson's band above it. */
    private final BorderPane content = new BorderPane(split);
    private final StatusBar statusBar = new StatusBar();
    private final Label nd4jLabel = new Label();
    /** Stays in the status bar while the lesson files have problems (messages come and go). */
    private final Label problemsLabel = new Label();
    private final ToggleButton play = new ToggleButton();
    private final Button stepButton = new Button();
    private final Button resetButton = new Button();
    private final ComboBox<Double> speed = new ComboBox<>();
    private final Map<Shortcut, BooleanSupplier> actions;
    private FileDialogs fileDialogs = FileDialogs.NATIVE;
    private boolean lastInputWasKey;
    private boolean focusFromKeyboard;
    private boolean syncingNavigator;
    /** Language listeners, held here so that the static locale does not keep a closed window alive. */
    private final List<Object> keep = new java.util.ArrayList<>();
    private double[] dividers = {0.17, 0.48};
    /** The step's text waits for {@link #refreshTextSoon}'s job. */
    private boolean textPending;

    /** A navigator entry: a lesson (step -1) or one of its steps. */
    record NavItem(Lesson lesson, int step) {
    }

    public MainWindow(Stage stage, LessonCatalogue catalogue, SceneRegistry registry, AppPrefs prefs,
                      Consumer<String> linkOpener) {
        this.stage = stage;
        this.catalogue = catalogue;
        this.registry = registry;
        this.prefs = prefs;
        this.linkOpener = linkOpener;
        theme.set(prefs.theme());
        zoom.set(prefs.zoom());
        datasets = new DatasetController(prefs, this::showStatus);
        sceneHost = new SceneHost(new SceneContext(datasets.imagesProperty()));

        actions = buildActions();
        menuBar = buildMenus();
        toolBar = buildToolBar();
        buildNavigator();
        split.getItems().addAll(navigator, lessonPane, sceneHost);
        split.setDividerPositions(dividers);
        SplitPane.setResizableWithParent(navigator, false);
        statusBar.setId("status-bar");
        statusBar.setText("");
        nd4jLabel.setId("nd4j-status");
        problemsLabel.setId("lesson-problems-count");
        problemsLabel.setVisible(false);
        problemsLabel.setManaged(false);
        statusBar.getRightItems().addAll(problemsLabel, datasets.progressNode(), nd4jLabel);

        root.setTop(new VBox(menuBar, toolBar));
        root.setCenter(content);
        root.setBottom(statusBar);
        root.getStyleClass().add("genlab");
        root.setId("genlab-root");

        double[] b = prefs.windowBounds();
        scene = new Scene(root, b[2], b[3]);
        scene.getStylesheets().add(MainWindow.class.getResource("genlab.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        // remembers whether the focus owner was reached with a key (Tab) or a click (see focusKeeps);
        // Node.focusVisible would say so, but keyboard traversal does not set it on every platform
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> lastInputWasKey = true);
        scene.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> lastInputWasKey = false);
        scene.focusOwnerProperty().addListener((obs, o, n) -> focusFromKeyboard = lastInputWasKey);
        applyUserAgentStylesheet();
        stage.setScene(scene);
        if (Double.isFinite(b[0]) && Double.isFinite(b[1])) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setMaximized(prefs.maximized());
        stage.setOnCloseRequest(closeRequest);
        fullScreenListener = (obs, o, fs) -> {
            if (!fs && presenter.get()) {
                setPresenter(false);
            }
        };
        stage.fullScreenProperty().addListener(fullScreenListener);
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");

        lessonPane.previous.setOnAction(e -> previous());
        lessonPane.next.setOnAction(e -> next());
        sceneHost.lessonSceneProperty().addListener((obs, o, n) -> bindToolBar(o, n));
        bindToolBar(null, null);

        // pulses after a change of the window tell the trainers when it is laid out (UiFirst)
        scene.addPostLayoutPulseListener(this::laidOut);
        theme.addListener((obs, o, n) -> applyLook());
        zoom.addListener((obs, o, n) -> applyLook());
        presenter.addListener((obs, o, n) -> {
            uiFirst();
            layOutPresenter(n);
            applyLook();
        });
        keep.add(I18n.listen((obs, o, n) -> {
            prefs.setLocale(n);
            if (closed) {
                return;
            }
            // a window not shown yet renders nothing now: it catches up when it shows
            if (!stage.isShowing()) {
                languageStale = true;
                return;
            }
            applyLook();
            navigator.refresh();
        }));
        showingListener = (obs, o, showing) -> {
            if (showing && languageStale && !closed) {
                languageStale = false;
                applyLook();
                navigator.refresh();
            }
        };
        stage.showingProperty().addListener(showingListener);
        applyLook();
        reportCatalogueProblems();
    }

    /** Opens the remembered lesson and step (or the first lesson) and shows the window. */
    public void show() {
        Lesson start = catalogue.find(prefs.lessonId()).filter(Lesson::isUsable)
                .orElseGet(() -> catalogue.lessons().stream().filter(Lesson::isUsable).findFirst()
                        .orElse(catalogue.lessons().isEmpty() ? null : catalogue.lessons().get(0)));
        if (start != null) {
            open(start, start.id().equals(prefs.lessonId()) ? prefs.stepIndex() : 0);
        }
        stage.show();
        datasets.startup();
        // bound, not set: the line follows a change of language like every other label
        Nd4jLoader.start().thenAccept(s -> Platform.runLater(() -> {
            nd4jLabel.textProperty().bind(s.ok() ? I18n.bind("nd4j.ready", s.description(), s.seconds())
                    : I18n.bind("nd4j.failed", s.description()));
            nd4jLabel.setTooltip(new Tooltip(s.description()));
        }));
        if (!Nd4jLoader.start().isDone()) {
            nd4jLabel.textProperty().bind(I18n.bind("nd4j.loading"));
        }
    }

    // ---- lessons and steps ----

    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson;
    }

    public ReadOnlyIntegerProperty stepProperty() {
        return step;
    }

    public Optional<LessonScene> currentScene() {
        return sceneHost.current();
    }

    public LessonCatalogue catalogue() {
        return catalogue;
    }

    /** Opens a lesson at a step (clamped into range) and applies the step's preset. */
    public void open(Lesson l, int index) {
        uiFirst();
        boolean newLesson = lesson.get() != l;
        if (!l.isUsable()) {
            sceneHost.clear();
            lesson.set(l);
            step.set(0);
            refreshText();
            status("status.lessonBroken", l.id());
            syncNavigator();
            return;
        }
        LessonText text = l.text(I18n.lang()).orElseThrow();
        int i = Math.max(0, Math.min(index, text.steps().size() - 1));
        Optional<SceneDescriptor> d = registry.find(l.sceneId());
        if (d.isPresent()) {
            boolean[] made = {false};
            LessonScene s = sceneHost.show(d.get(), fresh -> {
                // a new scene starts at its defaults: the step's knobs before its model is first built
                made[0] = true;
                applyPreset(fresh, l, i);
            });
            if (!made[0]) {
                if (newLesson) {
                    s.reset();
                }
                applyPreset(s, l, i);
            }
            s.stepOpened();
        } else {
            sceneHost.clear();
        }
        lesson.set(l);
        step.set(i);
        prefs.setPosition(l.id(), i);
        refreshTextSoon();
        syncNavigator();
        stage.setTitle("GenLab — " + text.title());
    }

    /**
     * Renders the current step's text in a job of its own on the JavaFX thread, queued behind the one that opened the
     * step: a pulse that came due meanwhile styles and lays out the new scene first, and the text's nodes get the
     * next one, instead of one pulse doing both (issue 16: 0.26–0.35 s of JavaFX-thread CPU for lesson 8's first
     * opening in a fresh JVM, most of it in one pulse). Anything posted after the opening (a click, a test's next
     * call) runs after the text is there; the title, the step counter and the step buttons change at once.
     */
    private void refreshTextSoon() {
        // the title, the counter and the step buttons at once: they are a few labels
        Lesson l = lesson.get();
        if (l != null) {
            lessonPane.showPosition(l, step.get(), I18n.lang());
            lessonPane.previous.setDisable(!hasPrevious());
            lessonPane.next.setDisable(!hasNext());
        }
        if (textPending) {
            return;
        }
        textPending = true;
        Platform.runLater(() -> {
            if (textPending) {
                refreshText();
            }
        });
    }

    public void open(String lessonId, int index) {
        catalogue.find(lessonId).ifPresent(l -> open(l, index));
    }

    /**
     * A step's preset applies on top of the presets of the steps before it, over the knobs'
     * defaults: a step opens with the same knobs whichever way the student reached it.
     */
    private void applyPreset(LessonScene s, Lesson l, int index) {
        java.util.Map<String, String> merged = new java.util.LinkedHashMap<>();
        List<Step> steps = l.text(Lesson.BASE_LANG).orElseThrow().steps();
        for (int k = 0; k <= index; k++) {
            merged.putAll(steps.get(k).preset());
        }
        try {
            s.params().applyOverDefaults(merged);
        } catch (IllegalArgumentException e) {
            status("status.presetRefused", e.getMessage());
        }
    }

    /**
     * The window is about to build a step or lay itself out anew: the trainers wait ({@link UiFirst}) until
     * {@value #SETTLE_PULSES} layout pulses have passed since, or {@value #SETTLE_MAX_MS} ms. The first pulse styles
     * and lays out the change, the second the step's text (rendered in a job of its own, {@link #refreshTextSoon}).
     */
    private void uiFirst() {
        UiFirst.hold(SETTLE_MAX_MS);
        settlePulses = SETTLE_PULSES;
    }

    /** After each layout pulse: the trainers go on when the last change has been laid out. */
    private void laidOut() {
        if (settlePulses > 0 && --settlePulses == 0) {
            UiFirst.release();
        }
    }

    /** The next step, or the first step of the next usable lesson. */
    public void next() {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        if (l.isUsable() && step.get() < l.stepCount() - 1) {
            open(l, step.get() + 1);
            return;
        }
        List<Lesson> all = catalogue.lessons();
        for (int k = all.indexOf(l) + 1; k < all.size(); k++) {
            if (all.get(k).isUsable()) {
                open(all.get(k), 0);
                return;
            }
        }
    }

    /** The previous step, or the last step of the previous usable lesson. */
    public void previous() {
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        if (l.isUsable() && step.get() > 0) {
            open(l, step.get() - 1);
            return;
        }
        List<Lesson> all = catalogue.lessons();
        for (int k = all.indexOf(l) - 1; k >= 0; k--) {
            if (all.get(k).isUsable()) {
                open(all.get(k), all.get(k).stepCount() - 1);
                return;
            }
        }
    }

    private boolean hasNext() {
        Lesson l = lesson.get();
        if (l == null) {
            return false;
        }
        if (l.isUsable() && step.get() < l.stepCount() - 1) {
            return true;
        }
        List<Lesson> all = catalogue.lessons();
        return all.subList(all.indexOf(l) + 1, all.size()).stream().anyMatch(Lesson::isUsable);
    }

    private boolean hasPrevious() {
        Lesson l = lesson.get();
        if (l == null) {
            return false;
        }
        if (l.isUsable() && step.get() > 0) {
            return true;
        }
        List<Lesson> all = catalogue.lessons();
        return all.subList(0, Math.max(0, all.indexOf(l))).stream().anyMatch(Lesson::isUsable);
    }

    private void refreshText() {
        textPending = false;
        Lesson l = lesson.get();
        if (l == null) {
            return;
        }
        lessonPane.show(l, step.get(), I18n.lang(), renderOptions(),
                registry.find(l.sceneId()).map(SceneDescriptor::colours).orElse(Map.of()));
        lessonPane.previous.setDisable(!hasPrevious());
        lessonPane.next.setDisable(!hasNext());
        refreshNotes();
    }

    /** The notes window's text: the current step at reading size, and the next step's heading. */
    private void refreshNotes() {
        Lesson l = lesson.get();
        if (notes == null || !notes.isShowing() || l == null) {
            return;
        }
        boolean dark = theme.get() == AppPrefs.Theme.DARK;
        RenderOptions o = new RenderOptions(1.15 * BASE_FONT * zoom.get(), dark ? Color.web("#e6edf3") : Color.web("#1f2328"),
                dark ? Color.web("#4493f8") : Color.web("#0969da"), false, outputScale(), this::followLink);
        notes.text.show(l, step.get(), I18n.lang(), o, registry.find(l.sceneId()).map(SceneDescriptor::colours).orElse(Map.of()));
        notes.text.previous.setDisable(!hasPrevious());
        notes.text.next.setDisable(!hasNext());
        String next = l.text(I18n.lang()).filter(t -> step.get() + 1 < t.steps().size())
                .map(t -> t.steps().get(step.get() + 1).heading()).orElse(null);
        notes.setNext(next);
    }

    /** View → Lecture notes window: opens (or brings forward) the notes for a second screen. */
    void showNotes() {
        if (notes == null) {
            notes = new NotesWindow(renderer, e -> {
                for (Shortcut sc : Shortcut.ALL) {
                    if (sc.matches(e)) {
                        return actions.get(sc).getAsBoolean();
                    }
                }
                return false;
            }, this::previous, this::next, scene);
        }
        notes.show();
        applyLook();
    }

    /** The notes window, or null before it was first opened (tests). */
    NotesWindow notes() {
        return notes;
    }

    RenderOptions renderOptions() {
        boolean p = presenter.get();
        boolean dark = theme.get() == AppPrefs.Theme.DARK && !p;
        Color text = p ? Color.BLACK : dark ? Color.web("#e6edf3") : Color.web("#1f2328");
        Color accent = p ? Color.web("#0000b0") : dark ? Color.web("#4493f8") : Color.web("#0969da");
        double size = (p ? 2.0 : 1.15) * BASE_FONT * zoom.get();
        return new RenderOptions(size, text, accent, p, outputScale(), this::followLink);
    }

    /** A link in a lesson's text: {@code lesson:NAME} opens that lesson; any other goes to the browser. */
    void followLink(String url) {
        if (url != null && url.startsWith(LessonCatalogue.LINK_SCHEME)) {
            catalogue.findByLink(url).ifPresentOrElse(l -> open(l, 0), () -> status("status.noSuchLesson", url));
        } else {
            linkOpener.accept(url);
        }
    }

    private double outputScale() {
        return stage.getOutputScaleX() > 0 ? Math.max(1, stage.getOutputScaleX()) : 1;
    }

    // ---- navigator ----

    private void buildNavigator() {
        TreeItem<NavItem> top = new TreeItem<>();
        for (Lesson l : catalogue.lessons()) {
            TreeItem<NavItem> li = new TreeItem<>(new NavItem(l, -1));
            for (int i = 0; i < l.stepCount(); i++) {
                li.getChildren().add(new TreeItem<>(new NavItem(l, i)));
            }
            top.getChildren().add(li);
        }
        navigator.setRoot(top);
        navigator.setShowRoot(false);
        navigator.setId("navigator");
        navigator.getStyleClass().add("navigator");
        navigator.setMinWidth(160);
        navigator.setCellFactory(tv -> new TreeCell<>() {
            /**
             * One tooltip per cell, its text changed: a new Tooltip per update (a popup control with its own CSS) and
             * style classes removed and added back on every update made each expand or collapse of a lesson restyle
             * the whole column, a good part of the JavaFX thread's time when a lesson opens.
             */
            private final Tooltip tip = new Tooltip();

            {
                // long titles wrap in the column instead of running off it under a scroll bar: a
                // cell asks for no width of its own, so the tree lays it out at the column's width
                setWrapText(true);
                setPrefWidth(0);
            }

            private void styleAs(String cls) {
                for (String c : new String[] {"nav-lesson", "nav-step", "nav-broken"}) {
                    if (!c.equals(cls) && getStyleClass().contains(c)) {
                        getStyleClass().remove(c);
                    }
                }
                if (cls != null && !getStyleClass().contains(cls)) {
                    getStyleClass().add(cls);
                }
            }

            @Override
            protected void updateItem(NavItem item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    styleAs(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                Lesson l = item.lesson();
                if (item.step() < 0) {
                    int n = catalogue.lessons().indexOf(l) + 1;
                    String warn = l.problems().isEmpty() ? "" : " \u26a0";
                    setText(n + ". " + l.title(I18n.lang()) + warn);
                    styleAs(l.isUsable() ? "nav-lesson" : "nav-broken");
                    // the full title first (the column is narrow), then whatever is wrong with the lesson
                    String problems = String.join("\n", l.problems().stream().map(Object::toString).toList());
                    tip.setText(getText() + (problems.isEmpty() ? "" : "\n\n" + problems));
                } else {
                    String heading = l.text(I18n.lang()).map(t -> t.steps().get(item.step()).heading()).orElse("");
                    setText((item.step() + 1) + "  " + heading.replace("$", ""));
                    styleAs("nav-step");
                    tip.setText(getText());
                }
                if (getTooltip() != tip) {
                    setTooltip(tip);
                }
            }
        });
        navigator.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> {
            if (syncingNavigator || n == null || n.getValue() == null) {
                return;
            }
            NavItem item = n.getValue();
            if (item.lesson() != lesson.get() || item.step() >= 0 && item.step() != step.get()) {
                open(item.lesson(), Math.max(0, item.step()));
            }
        });
    }

    private void syncNavigator() {
        syncingNavigator = true;
        try {
            for (TreeItem<NavItem> li : navigator.getRoot().getChildren()) {
                boolean current = li.getValue().lesson() == lesson.get();
                li.setExpanded(current);
                if (current) {
                    TreeItem<NavItem> target = li.getChildren().isEmpty() ? li : li.getChildren().get(step.get());
                    navigator.getSelectionModel().select(target);
                    int row = navigator.getRow(target);
                    if (row >= 0) {
                        navigator.scrollTo(Math.max(0, row - 3));
                    }
                }
            }
        } finally {
            syncingNavigator = false;
        }
    }

    // ---- toolbar ----

    private ToolBar buildToolBar() {
        play.setId("play");
        stepButton.setId("step");
        resetButton.setId("reset");
        speed.setId("speed");
        play.textProperty().bind(javafx.beans.binding.Bindings.when(play.selectedProperty())
                .then(I18n.bind("toolbar.pause")).otherwise(I18n.bind("toolbar.play")));
        // as wide as the wider of "Play" and "Pause" in the current language and font, so that the
        // toolbar does not shift under the lecturer's pointer when one becomes the other
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        javafx.beans.InvalidationListener fit = o -> {
            probe.setFont(play.getFont());
            probe.setText(I18n.get("toolbar.play"));
            double a = probe.getLayoutBounds().getWidth();
            probe.setText(I18n.get("toolbar.pause"));
            double b = probe.getLayoutBounds().getWidth();
            double w = Math.ceil(Math.max(a, b) + play.getInsets().getLeft() + play.getInsets().getRight() + 2);
            play.setMinWidth(w);
            play.setPrefWidth(w);
        };
        play.fontProperty().addListener(fit);
        play.insetsProperty().addListener(fit);
        keep.add(I18n.listen((obs, o, n) -> fit.invalidated(null)));
        fit.invalidated(null);
        stepButton.textProperty().bind(I18n.bind("toolbar.step"));
        resetButton.textProperty().bind(I18n.bind("toolbar.reset"));
        tooltip(play, Shortcut.PLAY);
        tooltip(stepButton, Shortcut.STEP);
        tooltip(resetButton, Shortcut.RESET);
        stepButton.setOnAction(e -> sceneHost.current().ifPresent(LessonScene::step));
        resetButton.setOnAction(e -> resetScene());
        speed.getItems().setAll(SPEEDS);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : "\u00d7" + (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(d));
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("\u00d7", ""));
            }
        });
        speed.setValue(1.0);
        Label speedLabel = new Label();
        speedLabel.textProperty().bind(I18n.bind("toolbar.speed"));
        speedLabel.setLabelFor(speed);
        speed.accessibleTextProperty().bind(I18n.bind("toolbar.speed"));
        Button presenterButton = new Button();
        presenterButton.setId("presenter-button");
        presenterButton.textProperty().bind(I18n.bind("toolbar.presenter"));
        tooltip(presenterButton, Shortcut.PRESENTER);
        presenterButton.setOnAction(e -> setPresenter(!presenter.get()));
        ToolBar tb = new ToolBar(play, stepButton, speedLabel, speed, resetButton,
                new javafx.scene.control.Separator(Orientation.VERTICAL), presenterButton);
        tb.setId("toolbar");
        return tb;
    }

    private static void tooltip(javafx.scene.control.Control c, Shortcut s) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(javafx.beans.binding.Bindings.concat(I18n.bind(s.descriptionKey()), " (", s.keysText(), ")"));
        c.setTooltip(t);
    }

    private final ChangeListener<Number> sceneSpeedListener = (obs, o, n) -> speed.setValue(n.doubleValue());
    private final ChangeListener<Double> speedBoxListener = (obs, o, n) -> speedChosen(n);

    private void speedChosen(Double n) {
        if (n != null) {
            sceneHost.current().ifPresent(s -> s.speedProperty().set(n));
        }
    }

    /** A scene raising a status takes the status bar (bound to the scene's status from then on). */
    private final ChangeListener<String> sceneStatusListener = (obs, o, n) -> {
        if (n != null && !n.isEmpty()) {
            @SuppressWarnings("unchecked") // a scene's statusProperty(), a ReadOnlyStringProperty
            javafx.beans.value.ObservableValue<String> sceneStatus = (javafx.beans.value.ObservableValue<String>) obs;
            showStatus(sceneStatus);
        }
    };

    private void bindToolBar(LessonScene old, LessonScene now) {
        if (old != null) {
            play.selectedProperty().unbindBidirectional(old.playingProperty());
            old.speedProperty().removeListener(sceneSpeedListener);
            old.statusProperty().removeListener(sceneStatusListener);
        }
        // a status belongs to the scene that raised it (or to the lesson that has no scene): it goes
        // when the scene is left. Only the very first scene keeps what the window said before it
        // (the lesson files' problems).
        if (old != null || lesson.get() != null) {
            showStatus(null);
        }
        speed.valueProperty().removeListener(speedBoxListener);
        boolean none = now == null;
        play.setDisable(none);
        stepButton.setDisable(none);
        speed.setDisable(none);
        resetButton.setDisable(none);
        if (none) {
            play.setSelected(false);
        } else {
            play.setSelected(now.playingProperty().get());
            play.selectedProperty().bindBidirectional(now.playingProperty());
            speed.setValue(now.speedProperty().get());
            now.speedProperty().addListener(sceneSpeedListener);
            now.statusProperty().addListener(sceneStatusListener);
            if (!now.statusProperty().get().isEmpty()) {
                showStatus(now.statusProperty());
            }
        }
        speed.valueProperty().addListener(speedBoxListener);
    }

    private void resetScene() {
        sceneHost.current().ifPresent(s -> {
            s.reset();
            Lesson l = lesson.get();
            if (l != null && l.isUsable()) {
                applyPreset(s, l, step.get());
            }
            status("status.reset");
        });
    }

    // ---- keys ----

    /**
     * What each shortcut does, one entry per {@link Shortcut#ALL} (KeyboardTest fails on a shortcut
     * without one). Menus run the same actions. An action returns false when the key is not for the
     * window just now (Esc outside presenter mode), so that it goes on to the focused control.
     */
    private Map<Shortcut, BooleanSupplier> buildActions() {
        Map<Shortcut, BooleanSupplier> a = new LinkedHashMap<>();
        a.put(Shortcut.NEXT, done(this::next));
        a.put(Shortcut.PREVIOUS, done(this::previous));
        a.put(Shortcut.PLAY, done(() -> sceneHost.current().ifPresent(s -> s.playingProperty().set(!s.playingProperty().get()))));
        a.put(Shortcut.STEP, done(() -> sceneHost.current().ifPresent(LessonScene::step)));
        a.put(Shortcut.RESET, done(this::resetScene));
        a.put(Shortcut.PRESENTER, done(() -> setPresenter(!presenter.get())));
        a.put(Shortcut.LEAVE_PRESENTER, () -> {
            if (!presenter.get()) {
                return false;
            }
            setPresenter(false);
            return true;
        });
        a.put(Shortcut.ZOOM_IN, done(() -> zoomBy(1.1)));
        a.put(Shortcut.ZOOM_OUT, done(() -> zoomBy(1 / 1.1)));
        a.put(Shortcut.ZOOM_RESET, done(() -> zoom.set(1)));
        a.put(Shortcut.LANGUAGE, done(this::cycleLanguage));
        a.put(Shortcut.THEME, done(this::toggleTheme));
        a.put(Shortcut.OPEN_DATASET, done(this::openDataset));
        a.put(Shortcut.SAVE_SCENARIO, done(() -> chooseScenario(true)));
        a.put(Shortcut.EXPORT, done(this::exportFigure));
        a.put(Shortcut.QUIT, done(this::quit));
        a.put(Shortcut.HELP, done(this::showShortcuts));
        return a;
    }

    private static BooleanSupplier done(Runnable r) {
        return () -> {
            r.run();
            return true;
        };
    }

    /** True when shortcut s has an action (every one must; KeyboardTest walks {@link Shortcut#ALL}). */
    boolean handles(Shortcut s) {
        return actions.containsKey(s);
    }

    /** Runs the action of s, as its keys or its menu item do. */
    private void run(Shortcut s) {
        actions.get(s).getAsBoolean();
    }

    /**
     * A filter on the scene, not a handler: the keys reach the window before the focused control,
     * so a lecture key acts on the lesson wherever the focus is (after a click on Next, Space plays
     * instead of pressing Next again; after a click in the lesson list, the arrow keys still change
     * the step). The focused control keeps a key only where it is being edited (see
     * {@link #focusKeeps}). A consumed Space press leaves a focused button unarmed, so its release
     * does not press it either.
     */
    private void onKey(KeyEvent e) {
        for (Shortcut s : Shortcut.ALL) {
            if (s.matches(e)) {
                if (!focusKeeps(scene.getFocusOwner(), focusFromKeyboard, e.getCode()) && actions.get(s).getAsBoolean()) {
                    e.consume();
                }
                return;
            }
        }
    }

    /** The keys a text field types or moves its caret with. */
    private static final java.util.Set<KeyCode> TEXT_KEYS = java.util.EnumSet.of(KeyCode.SPACE, KeyCode.PERIOD,
            KeyCode.LEFT, KeyCode.RIGHT, KeyCode.PAGE_UP, KeyCode.PAGE_DOWN);

    /**
     * Whether the focused control keeps a key instead of the window's shortcut.
     * <ul>
     * <li>A text being edited (a text field or area, an editable combo box's or spinner's editor) keeps
     *     the keys it types or moves the caret with: Space, {@code .}, ←/→, Page Up/Down. F5, Esc (in
     *     presenter mode) and Ctrl-chords type nothing and act as everywhere else.</li>
     * <li>A knob's slider keeps ←/→: a student adjusting a slider with the arrows is editing a value,
     *     and a slider has no other way to be moved from the keyboard. Page Down/Up still change the
     *     step (what a clicker sends), and Space still plays.</li>
     * <li>A button or check box reached with the keyboard (Tab) keeps Space, which is how the
     *     keyboard presses it (a check box knob has no other key). One that was clicked with the mouse
     *     keeps nothing: after a click on Next, Space plays.</li>
     * <li>Everything else (the lesson list, a closed combo box, ...) keeps nothing.</li>
     * </ul>
     */
    static boolean focusKeeps(Node focus, boolean fromKeyboard, KeyCode code) {
        if (editingText(focus)) {
            return TEXT_KEYS.contains(code);
        }
        if (focus instanceof Slider) {
            return code == KeyCode.LEFT || code == KeyCode.RIGHT;
        }
        return focus instanceof ButtonBase && fromKeyboard && code == KeyCode.SPACE;
    }

    private static boolean editingText(Node n) {
        return n instanceof TextInputControl t && t.isEditable()
                || n instanceof ComboBoxBase<?> c && c.isEditable()
                || n instanceof Spinner<?> sp && sp.isEditable();
    }

    // ---- look: theme, zoom, language, presenter ----

    public BooleanProperty presenterProperty() {
        return presenter;
    }

    public ObjectProperty<AppPrefs.Theme> themeProperty() {
        return theme;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }

    public void setPresenter(boolean on) {
        presenter.set(on);
    }

    /**
     * Lays the window out for presenter mode or back: the navigator, menus and status bar go, the
     * knobs fold away, the lesson becomes a band above the scene, and the window fills the screen.
     * Runs on every change of {@link #presenterProperty()} (F5, Esc, the View menu), before the look.
     */
    private void layOutPresenter(boolean on) {
        if (on) {
            dividers = split.getDividerPositions();
            split.getItems().removeAll(navigator, lessonPane);
            lessonPane.setBand(true);
            content.setTop(lessonPane);
        } else {
            content.setTop(null);
            lessonPane.setBand(false);
            split.getItems().setAll(navigator, lessonPane, sceneHost);
            split.setDividerPositions(dividers);
        }
        menuBar.setVisible(!on);
        menuBar.setManaged(!on);
        statusBar.setVisible(!on);
        statusBar.setManaged(!on);
        sceneHost.setKnobsExpanded(!on);
        stage.setFullScreen(on);
    }

    /**
     * The theme's base stylesheet (AtlantaFX's Primer), which defines the looked-up colours genlab.css uses: set
     * before the window's scene goes into the stage, whose first styling otherwise ran against JavaFX's default
     * stylesheet and logged a warning for each of those colours at every start.
     */
    private void applyUserAgentStylesheet() {
        Application.setUserAgentStylesheet(theme.get() == AppPrefs.Theme.DARK && !presenter.get()
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    private void applyLook() {
        uiFirst();
        boolean p = presenter.get();
        AppPrefs.Theme t = theme.get();
        applyUserAgentStylesheet();
        root.getStyleClass().removeAll("dark", "light", "presenter");
        root.getStyleClass().add(p ? "presenter" : t == AppPrefs.Theme.DARK ? "dark" : "light");
        PlotTheme.setCurrent(p ? PlotTheme.PROJECTOR : t == AppPrefs.Theme.DARK ? PlotTheme.DARK : PlotTheme.LIGHT);
        double size = BASE_FONT * zoom.get() * (p ? 1.6 : 1.0);
        StringBuilder style = new StringBuilder(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", size));
        UiFonts.familyFor(I18n.lang()).ifPresent(f -> style.append(" -fx-font-family: \"").append(f).append("\";"));
        root.setStyle(style.toString());
        if (notes != null) {
            // the notes are read on the laptop: the theme's look at reading size, never presenter mode's
            notes.styleAs(t == AppPrefs.Theme.DARK ? "dark" : "light");
            StringBuilder ns = new StringBuilder(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * zoom.get()));
            UiFonts.familyFor(I18n.lang()).ifPresent(f -> ns.append(" -fx-font-family: \"").append(f).append("\";"));
            notes.stage().getScene().getRoot().setStyle(ns.toString());
        }
        prefs.setTheme(t);
        prefs.setZoom(zoom.get());
        refreshText();
    }

    /**
     * Shows a message of the window's own (a saved scenario, an export, a dataset loaded): the
     * status bar re-reads it when the language changes, and it goes when the scene is left.
     */
    void status(String key, Object... args) {
        showStatus(I18n.bind(key, args));
    }

    /**
     * The status bar shows one message at a time, the latest: the window's, or the current scene's
     * status, to which it is then bound (so it follows the scene, and a scene clearing its status
     * clears the bar). Null clears it.
     */
    private void showStatus(javafx.beans.value.ObservableValue<String> message) {
        statusBar.textProperty().unbind();
        if (message == null) {
            statusBar.setText("");
        } else {
            statusBar.textProperty().bind(message);
        }
    }

    public String statusText() {
        return statusBar.getText();
    }

    /**
     * The lesson files' problems: a message now, and a count that stays in the status bar (a data
     * set loading at start-up or a scene's status may take the message's place a moment later).
     */
    private void reportCatalogueProblems() {
        long n = catalogue.problems().size();
        problemsLabel.setVisible(n > 0);
        problemsLabel.setManaged(n > 0);
        if (n > 0) {
            status("status.lessonProblems", n);
            problemsLabel.textProperty().bind(I18n.bind("status.lessonProblemsCount", n));
            problemsLabel.setTooltip(new Tooltip(String.join("\n",
                    catalogue.problems().stream().map(Object::toString).toList())));
        }
    }

    /** The count of the lesson files' problems in the status bar, or "" when there are none. */
    public String problemsCountText() {
        return problemsLabel.isVisible() ? problemsLabel.getText() : "";
    }

    // ---- menus ----

    private MenuBar buildMenus() {
        MenuItem openDataset = item("menu.file.openDataset", Shortcut.OPEN_DATASET);
        MenuItem builtIn = item("menu.file.builtinDigits", null, e -> datasets.builtIn());
        MenuItem saveScenario = item("menu.file.saveScenario", Shortcut.SAVE_SCENARIO);
        MenuItem openScenario = item("menu.file.openScenario", null, e -> chooseScenario(false));
        MenuItem classroom = item("menu.file.classroom", null, e -> showClassroom());
        MenuItem export = item("menu.file.export", Shortcut.EXPORT);
        MenuItem quit = item("menu.file.quit", Shortcut.QUIT);
        Menu file = menu("menu.file", openDataset, builtIn, new SeparatorMenuItem(), openScenario, saveScenario, classroom,
                new SeparatorMenuItem(), export, new SeparatorMenuItem(), quit);

        CheckMenuItem presenterItem = new CheckMenuItem();
        presenterItem.textProperty().bind(I18n.bind("menu.view.presenter"));
        presenterItem.setAccelerator(Shortcut.PRESENTER.primary());
        presenterItem.selectedProperty().bindBidirectional(presenter);
        presenterItem.setId("menu-presenter");

        ToggleGroup themes = new ToggleGroup();
        Menu themeMenu = menu("menu.view.theme");
        for (AppPrefs.Theme t : AppPrefs.Theme.values()) {
            RadioMenuItem r = new RadioMenuItem();
            r.textProperty().bind(I18n.bind("theme." + t.name().toLowerCase(Locale.ROOT)));
            r.setToggleGroup(themes);
            r.setSelected(theme.get() == t);
            r.setOnAction(e -> theme.set(t));
            r.setId("menu-theme-" + t.name().toLowerCase(Locale.ROOT));
            theme.addListener((obs, o, n) -> r.setSelected(n == t));
            themeMenu.getItems().add(r);
        }
        themeMenu.getItems().add(new SeparatorMenuItem());
        themeMenu.getItems().add(item("menu.view.toggleTheme", Shortcut.THEME));

        ToggleGroup langs = new ToggleGroup();
        Menu langMenu = menu("menu.view.language");
        for (Locale l : I18n.SUPPORTED) {
            RadioMenuItem r = new RadioMenuItem(l.getDisplayLanguage(l));
            r.setToggleGroup(langs);
            r.setSelected(I18n.getLocale().equals(l));
            r.setOnAction(e -> setLanguage(l));
            r.setId("menu-lang-" + l.getLanguage());
            keep.add(I18n.listen((obs, o, n) -> r.setSelected(n.equals(l))));
            langMenu.getItems().add(r);
        }
        langMenu.getItems().add(new SeparatorMenuItem());
        langMenu.getItems().add(item("menu.view.nextLanguage", Shortcut.LANGUAGE));

        Menu zoomMenu = menu("menu.view.zoom",
                item("menu.view.zoomIn", Shortcut.ZOOM_IN),
                item("menu.view.zoomOut", Shortcut.ZOOM_OUT),
                item("menu.view.zoomReset", Shortcut.ZOOM_RESET));
        MenuItem notesItem = item("menu.view.notes", null, e -> showNotes());
        Menu view = menu("menu.view", presenterItem, notesItem, themeMenu, langMenu, zoomMenu);

        Menu help = menu("menu.help",
                item("menu.help.shortcuts", Shortcut.HELP),
                item("menu.help.about", null, e -> showAbout()));
        MenuBar bar = new MenuBar(file, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private static Menu menu(String key, MenuItem... items) {
        Menu m = new Menu();
        m.textProperty().bind(I18n.bind(key));
        m.setId(key.replace('.', '-'));
        m.getItems().addAll(items);
        return m;
    }

    /** A menu item that runs shortcut s's action and shows its first keys. */
    private MenuItem item(String key, Shortcut s) {
        return item(key, s, e -> run(s));
    }

    private static MenuItem item(String key, Shortcut s, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem i = new MenuItem();
        i.textProperty().bind(I18n.bind(key));
        i.setId(key.replace('.', '-'));
        if (s != null) {
            i.setAccelerator(s.primary());
        }
        i.setOnAction(action);
        return i;
    }

    public void setLanguage(Locale l) {
        uiFirst();
        I18n.setLocale(l);
        Lesson cur = lesson.get();
        if (cur != null) {
            stage.setTitle("GenLab — " + cur.title(I18n.lang()));
        }
    }

    private void quit() {
        close();
        stage.close();
    }

    private void cycleLanguage() {
        List<Locale> all = I18n.SUPPORTED;
        setLanguage(all.get((all.indexOf(I18n.getLocale()) + 1) % all.size()));
    }

    private void toggleTheme() {
        theme.set(theme.get() == AppPrefs.Theme.DARK ? AppPrefs.Theme.LIGHT : AppPrefs.Theme.DARK);
    }

    private void zoomBy(double f) {
        zoom.set(Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * f)));
    }

    private void openDataset() {
        DirectoryChooser chooser = new DirectoryChooser();
        // what the folder must hold, in the dialog's own title (the only text a directory chooser shows)
        chooser.setTitle(I18n.get("dataset.chooseTitle"));
        String last = prefs.datasetDir();
        if (!last.isEmpty() && new File(last).isDirectory()) {
            chooser.setInitialDirectory(new File(last));
        }
        File dir = fileDialogs.folder(chooser, stage);
        if (dir != null) {
            loadDataset(dir.toPath());
        }
    }

    /** Loads the MNIST-format images in folder in the background; remembered once loaded. */
    public javafx.concurrent.Task<ImageDataset> loadDataset(Path folder) {
        return datasets.load(folder, true);
    }

    public ReadOnlyObjectProperty<ImageDataset> imagesProperty() {
        return datasets.imagesProperty();
    }

    private void exportFigure() {
        Optional<Node> fig = sceneHost.current().flatMap(LessonScene::exportableFigure);
        if (fig.isEmpty()) {
            status("status.noFigure");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("menu.file.export"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG", "*.png"));
        Lesson l = lesson.get();
        chooser.setInitialFileName((l == null ? "figure" : l.id() + "-" + (step.get() + 1)) + ".png");
        File f = fileDialogs.save(chooser, stage);
        if (f != null) {
            exportFigure(f.toPath());
        }
    }

    private void chooseScenario(boolean save) {
        if (sceneHost.current().isEmpty()) {
            status("status.noScene");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get(save ? "menu.file.saveScenario" : "menu.file.openScenario"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.get("scenario.files"), "*.genlab"));
        File f = save ? fileDialogs.save(chooser, stage) : fileDialogs.open(chooser, stage);
        if (f != null) {
            if (save) {
                saveScenario(f.toPath());
            } else {
                openScenario(f.toPath());
            }
        }
    }

    /** Writes the current scene's knobs (and its trained weights, if it has any) to file; the outcome goes to the status bar. */
    public void saveScenario(Path file) {
        sceneHost.current().ifPresent(s -> {
            try {
                Lesson l = lesson.get();
                boolean weights = ScenarioFile.save(s, file, new ScenarioFile.Where(l == null ? null : l.id(),
                        l == null ? null : step.get() + 1, datasets.source()));
                status(weights ? "status.scenarioSavedWeights" : "status.scenarioSaved", file);
            } catch (IOException e) {
                status("status.scenarioFailed", file, e.getMessage());
            }
        });
    }

    /**
     * Opens a scenario as File → Open scenario does: goes to the lesson and step it was saved at (or, in an old
     * file that does not say, to the first lesson that shows its scene if this step shows another), switches to its
     * image data set, then sets the knobs, the classroom and the trained weights; a bad file is reported and changes
     * nothing, bad weights or a data set missing here are reported and leave the knobs loaded.
     */
    public void openScenario(Path file) {
        openScenario(file, true, true);
    }

    /**
     * The same; navigate: go to the file's lesson and step (the command line has already gone where its options
     * say); images: switch to the file's data set (not when the command line named one).
     */
    void openScenario(Path file, boolean navigate, boolean images) {
        ScenarioFile.Contents c;
        try {
            c = ScenarioFile.read(file);
            Lesson target = null;
            if (navigate && c.lessonId() != null) {
                target = catalogue.find(c.lessonId()).filter(Lesson::isUsable)
                        .filter(l -> c.sceneId().equals(l.sceneId())).orElse(null);
            }
            if (navigate && target == null && sceneHost.current().map(sc -> !sc.id().equals(c.sceneId())).orElse(true)) {
                target = catalogue.lessons().stream().filter(Lesson::isUsable)
                        .filter(l -> c.sceneId().equals(l.sceneId())).findFirst().orElse(null);
            }
            if (target != null) {
                int at = c.step() == null || !target.id().equals(c.lessonId()) ? 0
                        : Math.min(c.step(), target.stepCount()) - 1;
                // the scene's knobs and classroom are checked before the window moves, so a bad file changes nothing
                c.checkKnobs(registry.find(c.sceneId()).orElseThrow().spec());
                open(target, at);
            }
        } catch (IOException | IllegalArgumentException e) {
            status("status.scenarioFailed", file, e.getMessage());
            return;
        }
        String dataProblem = images ? datasets.use(c.images()) : null;
        sceneHost.current().ifPresent(s -> {
            try {
                ScenarioFile.Loaded loaded = ScenarioFile.load(s, file);
                if (loaded.weightsProblem() != null) {
                    status("status.scenarioWeightsFailed", file, loaded.weightsProblem());
                } else if (dataProblem != null) {
                    status("status.scenarioImagesFailed", file, dataProblem);
                } else {
                    status(loaded.weights() ? "status.scenarioLoadedWeights" : "status.scenarioLoaded", file);
                }
            } catch (IOException | IllegalArgumentException e) {
                status("status.scenarioFailed", file, e.getMessage());
            }
        });
    }

    /**
     * File → Classroom…: the current scene's knobs, each shown, locked or hidden for students who open the scenario
     * saved next; OK applies it at once (the knob panel hides and locks as the students will see it).
     */
    void showClassroom() {
        sceneHost.current().ifPresent(s -> {
            dev.genlab.scene.ParamSet params = s.params();
            dev.genlab.scene.Classroom now = params.classroom();
            List<String> modes = List.of("shown", "locked", "hidden");
            GridPane grid = new GridPane();
            grid.setHgap(12);
            grid.setVgap(6);
            grid.setPadding(new Insets(8));
            Map<String, ComboBox<String>> boxes = new java.util.LinkedHashMap<>();
            int row = 0;
            for (dev.genlab.scene.KnobSpec k : params.spec().knobs()) {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(modes);
                box.setConverter(new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(String m) {
                        return m == null ? "" : I18n.get("classroom." + m);
                    }

                    @Override
                    public String fromString(String t) {
                        return t;
                    }
                });
                box.setValue(now.hidden().contains(k.id()) ? "hidden" : now.locked().contains(k.id()) ? "locked" : "shown");
                box.setId("classroom-" + k.id());
                boxes.put(k.id(), box);
                Object v = params.get(k.id());
                // a choice as its knob shows it ("체크포인트"), not its id in the file ("checkpoint")
                String shown = k.choices().isEmpty() || !(v instanceof String c)
                        ? k.format(v) : dev.genlab.scene.ParamPanel.choiceLabel(k, c);
                grid.addRow(row++, new Label(I18n.get(k.labelKey())), new Label(shown), box);
            }
            javafx.scene.control.Dialog<ButtonType> d = new javafx.scene.control.Dialog<>();
            d.initOwner(stage);
            d.setTitle(I18n.get("classroom.title"));
            d.setHeaderText(I18n.get("classroom.header"));
            javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(grid);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportHeight(Math.min(420, 34.0 * row + 20));
            d.getDialogPane().setContent(scroll);
            d.getDialogPane().setId("classroom-dialog");
            ButtonType ok = new ButtonType(I18n.get("classroom.ok"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
            ButtonType cancel = new ButtonType(I18n.get("classroom.cancel"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
            d.getDialogPane().getButtonTypes().setAll(ok, cancel);
            d.showAndWait().filter(b -> b == ok).ifPresent(b -> {
                java.util.Set<String> hidden = new java.util.LinkedHashSet<>();
                java.util.Set<String> locked = new java.util.LinkedHashSet<>();
                boxes.forEach((id, box) -> {
                    if ("hidden".equals(box.getValue())) {
                        hidden.add(id);
                    } else if ("locked".equals(box.getValue())) {
                        locked.add(id);
                    }
                });
                params.setClassroom(new dev.genlab.scene.Classroom(hidden, locked));
                status("status.classroomSet", locked.size(), hidden.size());
            });
        });
    }

    /** Saves the current scene's figure at twice its size; reports the outcome in the status bar. */
    public void exportFigure(Path file) {
        sceneHost.current().flatMap(LessonScene::exportableFigure).ifPresent(node -> {
            try {
                FigureExport.savePng(node, file, 2);
                status("status.exported", file);
            } catch (Exception ex) {
                status("status.exportFailed", ex.getMessage());
            }
        });
    }

    void showShortcuts() {
        GridPane grid = new GridPane();
        grid.setHgap(24);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        int row = 0;
        for (Shortcut s : Shortcut.ALL) {
            Label keys = new Label(s.keysText());
            keys.getStyleClass().add("shortcut-keys");
            grid.addRow(row++, keys, new Label(I18n.get(s.descriptionKey())));
        }
        grid.addRow(row, new Label("Tab / Shift+Tab"), new Label(I18n.get("shortcut.tab")));
        Alert a = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle(I18n.get("menu.help.shortcuts"));
        a.setHeaderText(I18n.get("menu.help.shortcuts"));
        a.getDialogPane().setContent(grid);
        a.getDialogPane().setId("shortcuts-dialog");
        a.show();
    }

    private void showAbout() {
        Nd4jLoader.Status s = Nd4jLoader.start().getNow(null);
        String nd4j = Nd4jLoader.version() + " — " + (s == null ? I18n.get("nd4j.loading")
                : s.ok() ? s.description() : I18n.get("nd4j.failed", s.description()));
        String text = I18n.get("about.text", System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version", "?"), nd4j, catalogue.origin());
        Alert a = new Alert(Alert.AlertType.INFORMATION, text, ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle(I18n.get("menu.help.about"));
        a.setHeaderText("GenLab");
        a.show();
    }

    /**
     * Remembers geometry and position, stops the active scene's thread, and lets go of the stage: a stage can outlive
     * its window (TestFX puts every test's window in one stage), and a listener left on it kept every closed window
     * alive and rendering on each language switch (CI's monkey, issue 16: 0.3-0.7 s of the JavaFX thread a switch
     * after the suite's other tests).
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!presenter.get() && !stage.isMaximized() && !stage.isFullScreen()) {
            prefs.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        prefs.setMaximized(stage.isMaximized());
        prefs.flush();
        sceneHost.clear();
        datasets.shutdown();
        if (notes != null) {
            notes.close();
        }
        stage.fullScreenProperty().removeListener(fullScreenListener);
        stage.showingProperty().removeListener(showingListener);
        if (stage.getOnCloseRequest() == closeRequest) {
            stage.setOnCloseRequest(null);
        }
        keep.clear();
    }

    // ---- for tests ----

    /** Where the window asks for a file or folder: the platform's dialogs, or a test's answers. */
    interface FileDialogs {
        FileDialogs NATIVE = new FileDialogs() {
            @Override
            public File folder(DirectoryChooser c, Stage owner) {
                return c.showDialog(owner);
            }

            @Override
            public File save(FileChooser c, Stage owner) {
                return c.showSaveDialog(owner);
            }

            @Override
            public File open(FileChooser c, Stage owner) {
                return c.showOpenDialog(owner);
            }
        };

        File folder(DirectoryChooser c, Stage owner);

        File save(FileChooser c, Stage owner);

        File open(FileChooser c, Stage owner);
    }

    void setFileDialogs(FileDialogs d) {
        fileDialogs = d;
    }

    Scene fxScene() {
        return scene;
    }

    LessonPane lessonPane() {
        return lessonPane;
    }

    SceneHost sceneHost() {
        return sceneHost;
    }
}
