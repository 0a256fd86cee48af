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

/** The JavaFX application: reads preferences and lessons, opens the main window. */
public final class GenLabApp extends Application {

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        // ND4J starts loading before anything else, on its own thread; the window does not wait
        Nd4jLoader.start();
        window = open(stage, AppPrefs.user(), url -> getHostServices().showDocument(url));
        window.show();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }

    /** Builds the main window on stage with the given preferences (tests pass their own). */
    public static MainWindow open(Stage stage, AppPrefs prefs, java.util.function.Consumer<String> linkOpener) {
        I18n.setLocale(prefs.locale());
        SceneRegistry registry = SceneRegistry.builtIn();
        LessonCatalogue catalogue = loadCatalogue(registry);
        stage.setTitle("GenLab");
        for (int size : new int[] {32, 64, 128, 256}) {
            var icon = GenLabApp.class.getResource("/genlab/icons/genlab-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
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
