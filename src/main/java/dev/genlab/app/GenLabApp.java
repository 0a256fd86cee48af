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
 * <p>Startup probe (for the cold-start benchmark only): with {@code -Dgenlab.startupProbe=true}
 * the app prints {@code genlab-window-shown <epoch ms>} on stdout once the window is shown, then
 * {@code genlab-nd4j-ready <seconds> <ok>} when ND4J has loaded (the loader's own time), and
 * exits. Without the property nothing changes.
 */
public final class GenLabApp extends Application {

    /** System property that turns the startup probe on. */
    public static final String STARTUP_PROBE = "genlab.startupProbe";

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        // ND4J starts loading before anything else, on its own thread; the window does not wait
        Nd4jLoader.start();
        boolean probe = Boolean.getBoolean(STARTUP_PROBE);
        // the probe's ND4J line is printed the moment the loader finishes, whether before or after the window
        java.util.concurrent.CompletableFuture<Void> nd4jReported = probe
                ? Nd4jLoader.start().thenAccept(s -> probe("genlab-nd4j-ready " + s.seconds() + " " + s.ok()))
                : null;
        window = open(stage, AppPrefs.user(), url -> getHostServices().showDocument(url));
        window.show();
        if (probe) {
            probe("genlab-window-shown " + System.currentTimeMillis());
            nd4jReported.completeOnTimeout(null, 60, java.util.concurrent.TimeUnit.SECONDS)
                    .thenRun(() -> javafx.application.Platform.runLater(javafx.application.Platform::exit));
        }
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

    /** Builds the main window on stage with the given preferences (tests pass their own). */
    public static MainWindow open(Stage stage, AppPrefs prefs, java.util.function.Consumer<String> linkOpener) {
        PangoRaceGuard.install();
        I18n.setLocale(prefs.locale());
        SceneRegistry registry = SceneRegistry.builtIn();
        LessonCatalogue catalogue = loadCatalogue(registry);
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
