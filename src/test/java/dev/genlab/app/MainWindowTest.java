package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.LessonScene;

/** Drives the real main window: navigation, presets, language, presenter mode. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private MainWindow window;
    private AppPrefs prefs;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        prefs = AppTestSupport.freshPrefs("main-window");
        window = GenLabApp.open(stage, prefs, url -> { });
        window.show();
    }

    /** The first dataset's "loaded" message would race the messages tests read from the status bar. */
    @org.junit.jupiter.api.BeforeEach
    void imagesLoaded() {
        long end = System.nanoTime() + 10_000_000_000L;
        while (fx(() -> window.imagesProperty().get()) == null && System.nanoTime() < end) {
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> {
            window.close();
            I18n.setLocale(Locale.ENGLISH);
        });
    }

    private String counter(FxRobot robot) {
        return robot.lookup("#step-counter").queryAs(Label.class).getText();
    }

    private LessonScene scene() {
        return window.currentScene().orElseThrow();
    }

    @Test
    void startsOnTheFirstLessonWithItsStepsListed(FxRobot robot) {
        TreeView<?> nav = robot.lookup("#navigator").queryAs(TreeView.class);
        assertTrue(nav.getRoot().getChildren().size() >= 1);
        assertEquals("01-generative-models", window.lessonProperty().get().id());
        assertEquals("What is a generative model?", robot.lookup("#lesson-title").queryAs(Label.class).getText());
        assertEquals("Step 1 / " + window.lessonProperty().get().stepCount(), counter(robot));
        assertEquals("density", scene().id());
        assertTrue(stage.getTitle().contains("What is a generative model?"));
    }

    @Test
    void nextPreviousButtonsAndKeysChangeTheStepAndApplyPresets(FxRobot robot) {
        // Given the first step, whose preset shows no model samples
        assertEquals(0, scene().params().getInt("samples"));
        // When Next is clicked
        robot.clickOn("#next-step");
        // Then step 2 opens and its preset (500 samples) is applied to the scene
        assertEquals("Step 2 / 8", counter(robot));
        assertEquals(500, scene().params().getInt("samples"));
        // The arrow key and the clicker's Page Down move on as well
        robot.clickOn("#lesson-title");
        robot.type(KeyCode.RIGHT);
        assertEquals("Step 3 / 8", counter(robot));
        assertEquals(-6.0, scene().params().getDouble("outlier_threshold"));
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals("Step 4 / 8", counter(robot));
        assertTrue(scene().params().getToggle("show_responsibilities"));
        robot.type(KeyCode.PAGE_UP);
        robot.type(KeyCode.LEFT);
        assertEquals("Step 2 / 8", counter(robot));
        robot.clickOn("#previous-step");
        assertEquals("Step 1 / 8", counter(robot));
        assertTrue(robot.lookup("#previous-step").queryAs(Button.class).isDisabled());
        assertEquals(0, fx(() -> window.stepProperty().get()));
    }

    @Test
    void openingAStepHoldsTheTrainersUntilTwoLayoutPulsesHaveLaidItOut() {
        // held() as each layout pulse after Next ends (this listener runs after the window's own)
        java.util.List<Boolean> heldAtPulse = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean[] counting = {false};
        Runnable pulse = () -> {
            if (counting[0]) {
                heldAtPulse.add(dev.genlab.live.UiFirst.held());
            }
        };
        fxRun(() -> window.fxScene().addPostLayoutPulseListener(pulse));
        try {
            assertTrue(fx(() -> {
                counting[0] = true;
                window.next();
                return dev.genlab.live.UiFirst.held();
            }), "held as the step opens");
            WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> heldAtPulse.size() >= 3);
            assertEquals(java.util.List.of(true, false, false), heldAtPulse.subList(0, 3),
                    "still held after the first layout pulse, released by the second");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no layout pulses after Next: " + heldAtPulse, e);
        } finally {
            fxRun(() -> window.fxScene().removePostLayoutPulseListener(pulse));
        }
    }

    @Test
    void selectingAStepInTheNavigatorOpensIt(FxRobot robot) {
        robot.clickOn("5  Fitting by maximum likelihood");
        assertEquals("Step 5 / 8", counter(robot));
        assertEquals("moons", scene().params().getChoice("dataset"));
    }

    @Test
    void switchingToKoreanChangesTheUiAndTheLessonText(FxRobot robot) {
        AppTestSupport.fireMenuItem(window.fxScene(), "menu-lang-ko");
        assertEquals("다음 \u25b6", robot.lookup("#next-step").queryAs(Button.class).getText());
        assertEquals("생성 모델이란 무엇인가?", robot.lookup("#lesson-title").queryAs(Label.class).getText());
        assertEquals("1 / 8 단계", counter(robot));
        assertEquals(Locale.KOREAN, prefs.locale(), "the choice is remembered");
        assertTrue(fx(() -> window.fxScene().getRoot().getStyle()).contains("font-family"),
                "a font with Hangul is chosen for Korean");
        // And back
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L).release(KeyCode.L, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals("Next \u25b6", robot.lookup("#next-step").queryAs(Button.class).getText());
    }

    @Test
    void presenterModeEntersWithF5AndLeavesWithEscape(FxRobot robot) {
        SplitPane split = robot.lookup(".split-pane").queryAs(SplitPane.class);
        assertEquals(3, split.getItems().size());
        robot.type(KeyCode.F5);
        assertTrue(window.presenterProperty().get());
        assertTrue(window.fxScene().getRoot().getStyleClass().contains("presenter"));
        assertEquals(1, split.getItems().size(), "the navigator is hidden and the scene has the whole width");
        assertTrue(robot.lookup("#lesson-band").query().isVisible(), "the lesson is a band above the scene");
        javafx.geometry.Bounds band = fx(() -> robot.lookup("#lesson-band").query().localToScene(
                robot.lookup("#lesson-band").query().getBoundsInLocal()));
        javafx.geometry.Bounds scene = fx(() -> window.sceneHost().localToScene(window.sceneHost().getBoundsInLocal()));
        assertTrue(band.getMaxY() <= scene.getMinY() + 1, "band " + band + " above the scene " + scene);
        assertFalse(robot.lookup("#menu-bar").query().isVisible());
        robot.type(KeyCode.ESCAPE);
        assertFalse(window.presenterProperty().get());
        assertFalse(window.fxScene().getRoot().getStyleClass().contains("presenter"));
        assertEquals(3, split.getItems().size());
        assertTrue(robot.lookup("#menu-bar").query().isVisible());
    }

    @Test
    void presenterModeKeepsOnlyHeadingsAndDisplayFormulas(FxRobot robot) {
        robot.clickOn("#next-step").clickOn("#next-step"); // step 3 has a display formula and paragraphs
        int normal = fx(() -> window.lessonPane().document().lookupAll(".md-paragraph").size());
        assertTrue(normal > 0);
        fxRun(() -> window.setPresenter(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, (int) fx(() -> window.lessonPane().document().lookupAll(".md-paragraph").size()));
        assertEquals(1, (int) fx(() -> window.lessonPane().document().lookupAll(".md-math-display").size()));
        fxRun(() -> window.setPresenter(false));
    }

    @Test
    void themeAndZoomAreAppliedAndRemembered(FxRobot robot) {
        AppTestSupport.fireMenuItem(window.fxScene(), "menu-theme-dark");
        assertTrue(window.fxScene().getRoot().getStyleClass().contains("dark"));
        assertEquals(AppPrefs.Theme.DARK, prefs.theme());
        String before = fx(() -> window.fxScene().getRoot().getStyle());
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        assertTrue(prefs.zoom() > 1.0);
        assertFalse(before.equals(fx(() -> window.fxScene().getRoot().getStyle())));
        fxRun(() -> {
            window.themeProperty().set(AppPrefs.Theme.LIGHT);
            window.zoomProperty().set(1.0);
        });
    }

    @Test
    void shortcutsDialogListsEveryShortcut(FxRobot robot) {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        var pane = robot.lookup("#shortcuts-dialog").query();
        for (Shortcut s : Shortcut.ALL) {
            String desc = I18n.get(s.descriptionKey());
            assertTrue(robot.from(pane).lookup((Label l) -> desc.equals(l.getText())).tryQuery().isPresent(),
                    "listed: " + desc);
        }
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void shortcutsDialogRowsAreDistinctAndShowEveryKeyOfTheirShortcut(FxRobot robot) {
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        var pane = robot.lookup("#shortcuts-dialog").query();
        java.util.List<String> rows = fx(() -> pane.lookupAll(".shortcut-keys").stream()
                .map(n -> ((Label) n).getText()).toList());
        assertEquals(Shortcut.ALL.size(), rows.size(), rows.toString());
        assertEquals(rows.size(), new java.util.HashSet<>(rows).size(), "no two rows list the same keys: " + rows);
        for (int i = 0; i < rows.size(); i++) {
            Shortcut s = Shortcut.ALL.get(i);
            java.util.List<String> keys = java.util.Arrays.asList(rows.get(i).split(" / "));
            assertEquals(s.combinations().size(), keys.size(), "one text per key of " + s.id() + ": " + rows.get(i));
            assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "the keys of " + s.id() + " differ: " + rows.get(i));
            for (int k = 0; k < keys.size(); k++) {
                assertEquals(Shortcut.displayText(s.combinations().get(k)), keys.get(k));
            }
        }
        assertEquals("Ctrl+= / Ctrl+Num +", rows.get(Shortcut.ALL.indexOf(Shortcut.ZOOM_IN)));
        assertEquals("Ctrl+- / Ctrl+Num -", rows.get(Shortcut.ALL.indexOf(Shortcut.ZOOM_OUT)));
        assertEquals("Ctrl+R", rows.get(Shortcut.ALL.indexOf(Shortcut.RESET)));
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void aScenesStatusGoesWhenItsSceneIsLeft(FxRobot robot) {
        dev.genlab.scene.density.DensityScene density = (dev.genlab.scene.density.DensityScene) scene();
        fxRun(density::forceDivergence);
        AppTestSupport.awaitFx(() -> window.statusText(), t -> t.contains("EM stopped"), "the divergence message");
        assertEquals(density.statusProperty().get(), window.statusText(), "the bar shows the scene's status");
        // the next lesson (another scene): the message stays with the scene it belongs to
        fxRun(() -> window.open("02-parameter-counting", 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.statusText().contains("EM stopped"), window.statusText());
        assertEquals(scene().statusProperty().get(), window.statusText(), "the bar shows the new scene's status");
        // and back: lesson 1's scene starts afresh, without it
        AppTestSupport.closeStrayWindows();
        robot.clickOn("1. What is a generative model?");
        assertEquals("density", scene().id());
        assertFalse(window.statusText().contains("EM stopped"), window.statusText());
    }

    @Test
    void aWindowMessageAboutTheSceneGoesWithItToo(FxRobot robot) {
        robot.clickOn("#reset");
        assertEquals("Scene reset.", window.statusText());
        robot.clickOn("#next-step");
        assertEquals("Scene reset.", window.statusText(), "a step of the same lesson keeps its scene and message");
        fxRun(() -> window.open("03-chain-rule", 0));
        assertFalse(window.statusText().contains("reset"), window.statusText());
    }

    @Test
    void theDatasetAndNd4jLinesFollowTheLanguage(FxRobot robot) {
        dev.genlab.data.ImageDataset d = fx(() -> window.imagesProperty().get());
        assertTrue(d != null, "the built-in digits loaded");
        String englishLine = I18n.get(Locale.ENGLISH, "dataset.loaded", I18n.get(Locale.ENGLISH, "dataset.builtin"),
                d.size(), d.rows(), d.cols());
        assertEquals(englishLine, window.statusText());
        Label nd4j = robot.lookup("#nd4j-status").queryAs(Label.class);
        Nd4jLoader.Status s = Nd4jLoader.start().join();
        AppTestSupport.awaitFx(nd4j::getText, t -> !t.equals(I18n.get("nd4j.loading")), "the ND4J line");

        AppTestSupport.fireMenuItem(window.fxScene(), "menu-lang-ko");
        WaitForAsyncUtils.waitForFxEvents();
        String koreanLine = I18n.get(Locale.KOREAN, "dataset.loaded", I18n.get(Locale.KOREAN, "dataset.builtin"),
                d.size(), d.rows(), d.cols());
        assertEquals(koreanLine, window.statusText());
        assertTrue(window.statusText().startsWith("\uc774\ubbf8\uc9c0: \ub0b4\uc7a5 \uc22b\uc790 \uc774\ubbf8\uc9c0"),
                window.statusText()); // 이미지: 내장 숫자 이미지
        String koreanNd4j = s.ok() ? I18n.get(Locale.KOREAN, "nd4j.ready", s.description(), s.seconds())
                : I18n.get(Locale.KOREAN, "nd4j.failed", s.description());
        assertEquals(koreanNd4j, fx(nd4j::getText));
        assertTrue(fx(nd4j::getText).contains(s.ok() ? "\uc900\ube44\ub428" : "\uc4f8 \uc218 \uc5c6\uc74c"), fx(nd4j::getText));
        // and back
        AppTestSupport.fireMenuItem(window.fxScene(), "menu-lang-en");
        assertEquals(englishLine, window.statusText());
    }

    @Test
    void exportFigureWritesThePngAtTwiceTheSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path file = tmp.resolve("figure.png");
        javafx.scene.Node fig = window.currentScene().orElseThrow().exportableFigure().orElseThrow();
        double[] size = fx(() -> {
            window.exportFigure(file);
            return new double[] {fig.getLayoutBounds().getWidth(), fig.getLayoutBounds().getHeight()};
        });
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
        double w = size[0];
        double h = size[1];
        assertEquals(Math.round(2 * w), img.getWidth(), 1.0);
        assertEquals(Math.round(2 * h), img.getHeight(), 1.0);
        assertTrue(window.statusText().startsWith("Figure saved to"), window.statusText());
    }

    @Test
    void scenariosSaveAndLoadAndABadOneChangesNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("moons.genlab");
        fxRun(() -> {
            scene().params().setText("dataset", "moons");
            scene().params().set("components", 6);
            window.saveScenario(file);
        });
        assertTrue(java.nio.file.Files.readString(file).contains("scene = density"));
        fxRun(() -> scene().params().reset());
        assertEquals(3, scene().params().getInt("components"));
        fxRun(() -> window.openScenario(file));
        assertEquals(6, scene().params().getInt("components"));
        assertEquals("moons", scene().params().getChoice("dataset"));

        java.nio.file.Path bad = tmp.resolve("bad.genlab");
        java.nio.file.Files.writeString(bad, "scene = density\ncomponents = 99\n");
        fxRun(() -> window.openScenario(bad));
        assertTrue(window.statusText().contains("from 1 to 12, not 99"), window.statusText());
        assertEquals(6, scene().params().getInt("components"), "nothing changed");
        // a scenario of a scene GenLab does not have changes nothing; one of another scene opens its lesson
        java.nio.file.Path unknown = tmp.resolve("unknown.genlab");
        java.nio.file.Files.writeString(unknown, "scene = nope\n");
        fxRun(() -> window.openScenario(unknown));
        assertTrue(window.statusText().contains("'nope'"), window.statusText());
        assertEquals("density", scene().id());
        java.nio.file.Path other = tmp.resolve("other.genlab");
        java.nio.file.Files.writeString(other, "scene = flow\n");
        fxRun(() -> window.openScenario(other));
        assertEquals("flow", scene().id(), "the first lesson showing the flow scene");
        assertTrue(window.statusText().startsWith("Scenario loaded"), window.statusText());
    }

    @Test
    void aSmallWindowNeverPushesTheScenesOverTheToolbar(FxRobot robot) {
        // a tall scene (lesson 4) in a small window used to overlap the toolbar and swallow its clicks
        fxRun(() -> {
            stage.setWidth(900);
            stage.setHeight(560);
            window.open("04-markov-assumption", 0);
        });
        WaitForAsyncUtils.sleep(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        double toolbarBottom = fx(() -> robot.lookup("#toolbar").query()
                .localToScene(robot.lookup("#toolbar").query().getBoundsInLocal()).getMaxY());
        double splitTop = fx(() -> robot.lookup(".split-pane").query()
                .localToScene(robot.lookup(".split-pane").query().getBoundsInLocal()).getMinY());
        assertTrue(splitTop >= toolbarBottom - 0.5, "split pane top " + splitTop + " below toolbar " + toolbarBottom);
        robot.clickOn("#step");
        assertEquals("step", fx(() -> window.fxScene().getFocusOwner().getId()), "the click reached the Step button");
        fxRun(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
    }

    @Test
    void theWindowHasTheAppIcon() {
        assertEquals(4, stage.getIcons().size());
    }

    @Test
    void positionIsRememberedBetweenRuns(FxRobot robot) {
        robot.clickOn("#next-step").clickOn("#next-step");
        fxRun(() -> window.close());
        assertEquals("01-generative-models", prefs.lessonId());
        assertEquals(2, prefs.stepIndex());
        MainWindow again = fx(() -> {
            MainWindow w = GenLabApp.open(new Stage(), prefs, url -> { });
            w.show();
            return w;
        });
        assertEquals(2, fx(() -> again.stepProperty().get()));
        fxRun(() -> {
            again.close();
            ((Stage) again.fxScene().getWindow()).close();
        });
    }

    @Test
    void aLinkToAnotherLessonOpensIt(FxRobot robot) {
        // given the step of lesson 1 that names the families and the lessons that teach them
        fxRun(() -> window.open("01-generative-models", 7));
        javafx.scene.control.Hyperlink link = AppTestSupport.awaitFx(
                () -> robot.lookup(".md-link").queryAllAs(javafx.scene.control.Hyperlink.class).stream()
                        .filter(h -> h.getText().equals("Change of variables")).findFirst().orElse(null),
                java.util.Objects::nonNull, "the link to the flow lesson");
        // when the student clicks it
        fxRun(link::fire);
        // then that lesson opens at its first step
        assertEquals("06-change-of-variables", window.lessonProperty().get().id());
        assertEquals("Step 1 / " + window.lessonProperty().get().stepCount(), counter(robot));
    }

    /** Lesson 4 names the colours of its sampler through the scene's colours, in the language of its text. */
    @Test
    void aLessonNamesTheColoursItsFiguresDrawWith(FxRobot robot) {
        fxRun(() -> window.open("04-markov-assumption", 0));
        assertTrue(lessonText().contains("the blue square is the next pixel, the orange one is all it may look at"),
                lessonText());
        java.util.List<Object> swatches = fx(() -> window.lessonPane().document().lookupAll(".md-colour-swatch").stream()
                .map(n -> (Object) ((javafx.scene.layout.Region) n).getBackground().getFills().get(0).getFill()).toList());
        assertEquals(java.util.List.of(dev.genlab.plot.FigureColour.BLUE.color(), dev.genlab.plot.FigureColour.ORANGE.color()),
                swatches);
        AppTestSupport.fireMenuItem(window.fxScene(), "menu-lang-ko");
        assertTrue(lessonText().contains("파란색 칸이 다음에 그릴 픽셀이고, 주황색 칸이"), lessonText());
    }

    private String lessonText() {
        return fx(() -> window.lessonPane().document().lookupAll(".md-paragraph").stream()
                .flatMap(p -> ((javafx.scene.text.TextFlow) p).getChildren().stream())
                .filter(javafx.scene.text.Text.class::isInstance).map(t -> ((javafx.scene.text.Text) t).getText())
                .collect(java.util.stream.Collectors.joining()));
    }

    /** Play becoming Pause does not move the buttons after it (a lecturer's pointer stays on Step). */
    @Test
    void theToolbarDoesNotShiftWhenPlayBecomesPause(FxRobot robot) {
        javafx.scene.Node step = robot.lookup("#step").query();
        double before = fx(() -> step.localToScene(step.getBoundsInLocal()).getMinX());
        fxRun(() -> window.currentScene().orElseThrow().playingProperty().set(true));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        double playing = fx(() -> step.localToScene(step.getBoundsInLocal()).getMinX());
        fxRun(() -> window.currentScene().orElseThrow().playingProperty().set(false));
        assertEquals(before, playing, 0.5, "Step's x while playing");
        // and in Korean too
        fxRun(() -> window.setLanguage(java.util.Locale.KOREAN));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        double ko = fx(() -> step.localToScene(step.getBoundsInLocal()).getMinX());
        fxRun(() -> window.currentScene().orElseThrow().playingProperty().set(true));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        double koPlaying = fx(() -> step.localToScene(step.getBoundsInLocal()).getMinX());
        fxRun(() -> window.currentScene().orElseThrow().playingProperty().set(false));
        fxRun(() -> window.setLanguage(java.util.Locale.ENGLISH));
        assertEquals(ko, koPlaying, 0.5, "Step's x while playing, in Korean");
    }

    /**
     * TestFX puts every test's window in one stage, and the app could too: a window closed while its stage goes on
     * showing the next one must be freed, not kept by a listener on the stage and re-rendered on every language
     * switch (CI's monkey after the suite's other tests, issue 16: 0.3-0.7 s of the JavaFX thread a switch).
     */
    @Test
    void aClosedWindowIsFreedWhileItsStageShowsTheNext() {
        java.lang.ref.WeakReference<MainWindow> first = new java.lang.ref.WeakReference<>(window);
        fxRun(() -> {
            window.close();
            window = GenLabApp.open(stage, AppTestSupport.freshPrefs("main-window-next"), url -> { });
            window.show();
        });
        fxRun(() -> window.setLanguage(Locale.KOREAN));
        assertTrue(fx(() -> stage.getTitle().contains(window.lessonProperty().get().title("ko"))),
                "the new window follows the language");
        fxRun(() -> window.setLanguage(Locale.ENGLISH));
        fxRun(AppTestSupport::forgetFiredEvents);
        for (int i = 0; i < 20 && first.get() != null; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            fxRun(() -> { });
        }
        assertTrue(first.get() == null, "the closed window is still reachable");
    }

    /** Every start logged a CSS warning per looked-up colour: the scene was styled before the theme was set. */
    @Test
    void aWindowOpensWithoutCssWarnings() {
        java.util.List<String> warnings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                warnings.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger css = java.util.logging.Logger.getLogger("javafx.css");
        css.addHandler(h);
        try {
            fxRun(() -> {
                window.close();
                // as at a start: JavaFX's own stylesheet, the loading screen in the stage
                javafx.application.Application.setUserAgentStylesheet(null);
                stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(new Label("loading")), 400, 300));
                window = GenLabApp.open(stage, AppTestSupport.freshPrefs("main-window-css"), url -> { });
                window.show();
            });
            WaitForAsyncUtils.waitForFxEvents();
            fxRun(() -> window.fxScene().getRoot().applyCss());
        } finally {
            css.removeHandler(h);
        }
        assertTrue(warnings.isEmpty(), warnings.size() + " CSS warnings, the first: "
                + (warnings.isEmpty() ? "" : warnings.get(0)));
    }

    /**
     * A new scene's knob panel goes into the window one pulse after its figures, so that the JavaFX thread styles and
     * lays out a scene in two pulses rather than one (issue 16); it must still arrive, and a scene left before its
     * knobs arrived must not put them in.
     */
    @Test
    void aNewScenesKnobsArriveAPulseAfterItsView(FxRobot robot) {
        javafx.scene.control.TitledPane knobs = robot.lookup("#knobs").queryAs(javafx.scene.control.TitledPane.class);
        // opened and left within one event: only the second scene's knobs may ever show
        boolean emptyAtFirst = fx(() -> {
            window.open("03-chain-rule", 0);
            window.open("01-generative-models", 0);
            return knobs.getContent() == null;
        });
        assertTrue(emptyAtFirst, "the knobs wait for the next pulse");
        javafx.scene.Node panel = AppTestSupport.awaitFx(() -> knobs.getContent(), c -> c != null,
                "the knob panel in the window");
        assertTrue(fx(() -> robot.lookup("#knob-components").tryQuery().isPresent()), "lesson 1's knobs");
        assertFalse(fx(() -> robot.lookup("#knob-order").tryQuery().isPresent()), "no knob of lesson 3");
        WaitForAsyncUtils.sleep(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertTrue(fx(() -> knobs.getContent() == panel), "and they stay");
    }
}
