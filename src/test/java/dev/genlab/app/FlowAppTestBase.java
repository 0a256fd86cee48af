package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;

import java.util.function.Predicate;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;

import dev.genlab.scene.flow.FlowLabSnapshot;
import dev.genlab.scene.flow.FlowScene;

/** What lesson 6's window tests share: a 1280 x 800 window with fresh preferences, and ways to read the scene. */
abstract class FlowAppTestBase {

    static final String LESSON = "06-change-of-variables";
    MainWindow window;

    /** Opens the window; each test class calls it from its own {@code @Start} (TestFX looks for that in the class itself). */
    void startWindow(Stage stage, String prefsName) {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs(prefsName), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    FlowScene scene() {
        return (FlowScene) window.currentScene().orElseThrow();
    }

    FlowLabSnapshot shown(Predicate<FlowLabSnapshot> cond, String what) {
        return AppTestSupport.awaitFx(() -> scene().lastShown(), cond, what);
    }

    String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    void open(int step) {
        fxRun(() -> window.open(LESSON, step));
    }
}
