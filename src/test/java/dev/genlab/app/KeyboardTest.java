package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every control can be reached with Tab. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("keyboard"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.fxRun(() -> window.close());
    }

    @Test
    void tabReachesTheToolbarNavigatorStepButtonsAndEveryKnob(FxRobot robot) {
        robot.clickOn("#next-step"); // step 2, so Previous is enabled too
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            robot.type(KeyCode.TAB);
            Node f = AppTestSupport.fx(() -> window.fxScene().getFocusOwner());
            for (Node n = f; n != null; n = n.getParent()) {
                if (n.getId() != null) {
                    seen.add(n.getId());
                    break;
                }
            }
        }
        Set<String> want = new HashSet<>(Set.of("play", "step", "speed", "reset", "presenter-button", "navigator",
                "previous-step", "next-step"));
        window.currentScene().orElseThrow().params().spec().knobs().forEach(k -> want.add("knob-" + k.id()));
        for (String id : want) {
            assertTrue(seen.contains(id), "Tab reaches #" + id + " (reached: " + seen + ")");
        }
    }
}
