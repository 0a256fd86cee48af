package dev.genlab.app;

import java.io.IOException;
import java.util.Optional;

import javafx.application.Application;
import javafx.stage.Stage;

import dev.genlab.i18n.I18n;
import dev.genlab.lesson.LessonCatalogue;
import dev.genlab.lesson.LessonParser;
import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.SceneRegistry;

/**
 * The JavaFX application: reads preferences and lessons, opens the main window.
 *
 * <p>Startup: the window comes first, at its remembered size, saying that the lessons are loading;
 * the lessons are parsed (and every formula checked) on a background thread meanwhile, beside ND4J's
 * loader; then the main window replaces that first content on the JavaFX thread. Measured
 * (ColdStartBenchTest, idle 2-core VM): building everything before showing anything put the window
 * on screen 2.5–2.7 s after launch, against 0.65–0.74 s for a one-label JavaFX window; of GenLab's
 * time, 0.55 s was parsing the lessons, 0.5 s building the main window and 1.1 s its first layout.
 *
 * <p>Startup probe (for the cold-start benchmark only): with {@code -Dgenlab.startupProbe=true}
 * the app prints {@code genlab-window-shown <epoch ms>} on stdout once the window is shown,
 * {@code genlab-ready <epoch ms>} once the first lesson and its scene are shown, and
 * {@code genlab-nd4j-ready <seconds> <ok>} when ND4J has loaded (the loader's own time), then
 * exits. Without the property nothing changes.
 */
public final class GenLabApp extends Application {

    /** System property that turns the startup probe on. */
    public static final String STARTUP_PROBE = "genlab.startupProbe";

    private MainWindow window;

    /** Files macOS asks this run to open (a double-clicked scenario), kept until the window can open them. */
    private static final OpenFileRequests OPEN_FILES = new OpenFileRequests();

    /** The command-line options {@link Launcher} checked before launching; null when started some other way. */
    private static volatile CommandLine.Options launchOptions;

    /** Called by the launcher before {@link Application#launch}: the options this run starts with. */
    static void startWith(CommandLine.Options options) {
        launchOptions = options;
    }

    /**
     * The options this run starts with: the launcher's, or, when JavaFX started this class directly, its raw
     * parameters parsed the same way (a wrong one then ends the run with status 2 as the launcher does).
     */
    private CommandLine.Options options() {
        if (launchOptions != null) {
            return launchOptions;
        }
        java.util.List<String> raw = getParameters().getRaw();
        if (raw.isEmpty()) {
            return CommandLine.Options.none();
        }
        CommandLine.Options[] parsed = {null};
        int status = Launcher.run(raw.toArray(String[]::new), System.out, System.err, CommandLine.Facts.ofThisMachine(),
                (args, o) -> {
                    parsed[0] = o;
                    return 0;
                });
        if (parsed[0] == null) {
            System.exit(status); // --help, or a wrong option: nothing is shown yet
        }
        return parsed[0];
    }

    @Override
    public void start(Stage stage) {
        boolean probe = Boolean.getBoolean(STARTUP_PROBE);
        CommandLine.Options options = options();
        // before anything slow: macOS may send the file that started the app as an event
        OPEN_FILES.install();
        AppPrefs prefs = AppPrefs.user();
        options.applyTo(prefs);
        I18n.setLocale(prefs.locale());
        showLoading(stage, prefs);
        if (probe) {
            probe("genlab-window-shown " + System.currentTimeMillis());
        }
        // ND4J then loads on its own thread (on two cores, started earlier it only slowed the window down)
        Nd4jLoader.start();
        // the probe's ND4J line is printed the moment the loader finishes, whether before or after the lesson
        java.util.concurrent.CompletableFuture<Void> nd4jReported = probe
                ? Nd4jLoader.start().thenAccept(s -> probe("genlab-nd4j-ready " + s.seconds() + " " + s.ok()))
                : null;
        SceneRegistry registry = SceneRegistry.builtIn();
        java.util.concurrent.CompletableFuture.supplyAsync(() -> loadCatalogue(registry), runnable -> {
            Thread t = new Thread(runnable, "lesson-loader");
            t.setDaemon(true);
            t.start();
        }).thenAccept(catalogue -> javafx.application.Platform.runLater(() -> {
            window = open(stage, prefs, url -> getHostServices().showDocument(url), registry, catalogue);
            show(window, options);
            OPEN_FILES.deliverTo(window::openScenario, javafx.application.Platform::runLater);
            if (probe) {
                probe("genlab-ready " + System.currentTimeMillis());
                nd4jReported.completeOnTimeout(null, 60, java.util.concurrent.TimeUnit.SECONDS)
                        .thenRun(() -> javafx.application.Platform.runLater(javafx.application.Platform::exit));
            }
        }));
    }

    /** The first thing on screen: the window at its remembered size, saying what it is loading. */
    private static void showLoading(Stage stage, AppPrefs prefs) {
        javafx.scene.control.Label name = new javafx.scene.control.Label("GenLab");
        name.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        javafx.scene.control.Label what = new javafx.scene.control.Label(I18n.get("app.loadingLessons"));
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, name, what);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        double[] b = prefs.windowBounds();
        stage.setScene(new javafx.scene.Scene(box, b[2], b[3]));
        if (Double.isFinite(b[0]) && Double.isFinite(b[1])) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setTitle("GenLab");
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        stage.show();
    }

    private static void probe(String line) {
        System.out.println(line);
        System.out.flush();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }

    /**
     * Shows the window as the options ask: the lesson, step, language, theme and dataset are already in its
     * preferences ({@link CommandLine.Options#applyTo}); a scenario is opened as File → Open scenario opens one, and
     * presenter mode is entered as F5 enters it.
     */
    static void show(MainWindow window, CommandLine.Options options) {
        window.show();
        // the window is already where the options (or the scenario's own lines) put it
        options.scenario().ifPresent(f -> window.openScenario(f, false, options.datasetDir().isEmpty()));
        if (options.presenter()) {
            window.setPresenter(true);
        }
    }

    /** Builds and shows the main window as the app does when started with these options (tests pass their own prefs). */
    static MainWindow open(Stage stage, AppPrefs prefs, CommandLine.Options options,
                           java.util.function.Consumer<String> linkOpener) {
        options.applyTo(prefs);
        MainWindow window = open(stage, prefs, linkOpener);
        show(window, options);
        return window;
    }

    /** Builds the main window on stage with the given preferences (tests pass their own). */
    public static MainWindow open(Stage stage, AppPrefs prefs, java.util.function.Consumer<String> linkOpener) {
        I18n.setLocale(prefs.locale());
        SceneRegistry registry = SceneRegistry.builtIn();
        return open(stage, prefs, linkOpener, registry, loadCatalogue(registry));
    }

    /** The same with the lessons already loaded (on another thread, while the window showed that it was loading). */
    static MainWindow open(Stage stage, AppPrefs prefs, java.util.function.Consumer<String> linkOpener,
                           SceneRegistry registry, LessonCatalogue catalogue) {
        PangoRaceGuard.install();
        I18n.setLocale(prefs.locale());
        stage.setTitle("GenLab");
        java.util.List<javafx.scene.image.Image> icons = new java.util.ArrayList<>();
        for (int size : new int[] {32, 64, 128, 256}) {
            var icon = GenLabApp.class.getResource("/genlab/icons/genlab-" + size + ".png");
            if (icon != null) {
                icons.add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.getIcons().setAll(icons);
        stage.setMinWidth(800);
        stage.setMinHeight(500);
        return new MainWindow(stage, catalogue, registry, prefs, linkOpener);
    }

    static LessonCatalogue loadCatalogue(SceneRegistry registry) {
        LessonParser parser = new LessonParser(registry, MathRenderer::check);
        try {
            return LessonCatalogue.load(parser);
        } catch (IOException e) {
            System.err.println("GenLab: " + e.getMessage());
            return LessonCatalogue.empty(Optional.ofNullable(e.getMessage()).orElse("?"));
        }
    }
}
