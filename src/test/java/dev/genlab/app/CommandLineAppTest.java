package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.awaitFx;
import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.i18n.I18n;

/** The real window started with command-line options, as {@link GenLabApp#start} starts it. */
@ExtendWith(ApplicationExtension.class)
class CommandLineAppTest {

    /**
     * Each test's preferences have a node of their own: a window a test closed may still hear the static language
     * change of the next one and store it in its own preferences.
     */
    private static final String NODE = "dev/genlab/test/";

    private Stage stage;
    private MainWindow window;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        if (window != null) {
            fxRun(() -> window.setPresenter(false));
            AppTestSupport.closeWindow(window);
        }
    }

    /** Parses args against this checkout's lessons and opens the window with them, on fresh preferences. */
    private MainWindow openWith(String prefsName, String... args) {
        CommandLine.Outcome o = CommandLine.parse(List.of(args), CommandLine.Facts.ofThisMachine());
        CommandLine.Options options = assertInstanceOf(CommandLine.Run.class, o, o.toString()).options();
        AppPrefs prefs = AppTestSupport.freshPrefs(prefsName);
        // reading the lessons and building the window takes longer than fx's 5 s on a busy machine
        java.util.concurrent.CompletableFuture<MainWindow> opened = new java.util.concurrent.CompletableFuture<>();
        javafx.application.Platform.runLater(() -> {
            try {
                opened.complete(GenLabApp.open(stage, prefs, options, url -> { }));
            } catch (Throwable t) {
                opened.completeExceptionally(t);
            }
        });
        try {
            window = opened.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the window did not open: " + e, e);
        }
        return window;
    }

    @Test
    void opensOnTheLessonAndStepInKoreanDarkAndPresenting() {
        MainWindow w = openWith("cli-app-options", "--lesson", "05-neural-autoregressive", "--step", "3", "--lang", "ko", "--theme",
                "dark", "--presenter");
        assertEquals("05-neural-autoregressive", fx(() -> w.lessonProperty().get().id()));
        assertEquals(2, fx(() -> w.stepProperty().get()), "--step 3 is the third step");
        assertEquals("autoregressive", fx(() -> w.currentScene().orElseThrow().id()));
        assertEquals(Locale.KOREAN, fx(I18n::getLocale));
        String koTitle = fx(() -> w.lessonProperty().get().title("ko"));
        assertEquals(koTitle, fx(() -> ((Label) w.fxScene().lookup("#lesson-title")).getText()));
        assertTrue(stage.getTitle().endsWith(koTitle), stage.getTitle());
        assertEquals(AppPrefs.Theme.DARK, fx(() -> w.themeProperty().get()));
        assertTrue(fx(() -> w.presenterProperty().get()));
        assertTrue(fx(() -> w.fxScene().getRoot().getStyleClass().contains("presenter")));
        assertTrue(fx(stage::isFullScreen));

        // leaving presenter mode shows the theme the option chose
        fxRun(() -> w.setPresenter(false));
        assertTrue(fx(() -> w.fxScene().getRoot().getStyleClass().contains("dark")));

        // for this run only: the stored preferences are still those of before
        AppPrefs stored = new AppPrefs(Preferences.userRoot().node(NODE + "cli-app-options"));
        assertEquals(Locale.ENGLISH, stored.locale());
        assertEquals(AppPrefs.Theme.LIGHT, stored.theme());
        assertEquals("", stored.lessonId());
        // a step the user opens is remembered as usual
        fxRun(w::next);
        assertEquals("05-neural-autoregressive", stored.lessonId());
        assertEquals(3, stored.stepIndex());
    }

    @Test
    void aScenarioOpensInTheLessonOfItsSceneAsFileOpenScenarioWould() throws IOException {
        Path f = Files.writeString(tmp.resolve("seven.genlab"), "scene = density\ncomponents = 7\n");
        Path idx = tmp.resolve("idx");
        DatasetLoadingTest.writeIdx(idx, 20, -1);
        MainWindow w = openWith("cli-app-scenario", "--scenario", f.toString(), "--dataset", idx.toString());
        assertEquals("01-generative-models", fx(() -> w.lessonProperty().get().id()));
        assertEquals(0, fx(() -> w.stepProperty().get()));
        assertEquals(7, fx(() -> w.currentScene().orElseThrow().params().getInt("components")));
        assertFalse(fx(() -> w.presenterProperty().get()));
        awaitFx(() -> w.imagesProperty().get(), d -> d.size() == 20, "the 20 images of the --dataset folder");
        assertEquals("", new AppPrefs(Preferences.userRoot().node(NODE + "cli-app-scenario")).datasetDir(), "the folder is not remembered");
    }
}
