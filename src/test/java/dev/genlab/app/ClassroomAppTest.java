package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.scene.LessonScene;

/**
 * A lecturer's classroom through the real window: File > Classroom… locks one knob and hides another, the knob
 * panel shows it, the scenario saved then carries it with the lesson and step, and a student's window opening the
 * file lands on that step with the same knobs locked and hidden, kept through the next step's preset.
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("classroom"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private LessonScene scene() {
        return window.currentScene().orElseThrow();
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aLockedAndAHiddenKnobTravelWithTheScenario(FxRobot robot, @TempDir Path tmp) throws Exception {
        // given lesson 1's step 2 with 5 components
        fxRun(() -> window.open("01-generative-models", 1));
        fxRun(() -> scene().params().setText("components", "5"));
        // when the lecturer locks the components and hides the seed in File > Classroom…
        Platform.runLater(window::showClassroom);
        ComboBox<String> components = AppTestSupport.awaitFx(
                () -> robot.lookup("#classroom-components").tryQueryAs(ComboBox.class).orElse(null), c -> c != null,
                "the classroom dialog");
        @SuppressWarnings("unchecked")
        ComboBox<String> seed = robot.lookup("#classroom-seed").queryAs(ComboBox.class);
        // a choice shows as its knob shows it, not as the id the scenario file stores
        String dataset = fx(() -> scene().params().get("dataset").toString());
        String datasetShown = dev.genlab.i18n.I18n.get("density.dataset." + dataset);
        assertFalse(datasetShown.equals(dataset), "the data set has a label: " + dataset);
        assertTrue(fx(() -> robot.lookup("#classroom-dialog .label").queryAllAs(javafx.scene.control.Label.class)
                .stream().anyMatch(l -> datasetShown.equals(l.getText()))), "the dialog shows " + datasetShown);
        fxRun(() -> {
            components.setValue("locked");
            seed.setValue("hidden");
        });
        Button apply = robot.lookup(".dialog-pane .button").match(n -> ((Button) n).getText().equals("Apply"))
                .queryAs(Button.class);
        robot.clickOn(apply);
        // then the panel shows the lock and hides the seed
        assertTrue(fx(() -> robot.lookup("#knob-components").query().isDisabled()), "components locked");
        assertTrue(fx(() -> shown(robot.lookup("#knob-lock-components").query())), "with its note");
        assertFalse(fx(() -> shown(robot.lookup("#knob-seed").query())), "seed hidden");
        assertFalse(fx(() -> robot.lookup("#knob-points").query().isDisabled()), "the others as they were");
        // and the scenario saved carries the step and the classroom
        Path f = tmp.resolve("handout.genlab");
        fxRun(() -> window.saveScenario(f));
        String text = Files.readString(f);
        assertTrue(text.contains("lesson = 01-generative-models") && text.contains("step = 2")
                && text.contains("classroom.locked = components") && text.contains("classroom.hidden = seed"), text);
        // a student's window elsewhere opens it: lesson 1, step 2, components 5 and locked, the seed hidden
        fxRun(() -> scene().params().setClassroom(dev.genlab.scene.Classroom.NONE));
        fxRun(() -> window.open("03-chain-rule", 0));
        fxRun(() -> window.openScenario(f));
        assertEquals("01-generative-models", fx(() -> window.lessonProperty().get().id()));
        assertEquals(1, fx(() -> window.stepProperty().get()));
        assertEquals(5, fx(() -> scene().params().getInt("components")));
        // a new scene's knobs go into the window one pulse after its figures (SceneHost)
        javafx.scene.Node lockedKnob = AppTestSupport.awaitFx(() -> robot.lookup("#knob-components").tryQuery()
                .orElse(null), n -> n != null, "the new scene's knob panel");
        assertTrue(fx(lockedKnob::isDisabled));
        assertFalse(fx(() -> shown(robot.lookup("#knob-seed").query())));
        // the next step's preset leaves the locked knob alone
        fxRun(() -> window.open("01-generative-models", 2));
        assertEquals(5, fx(() -> scene().params().getInt("components")));
    }
}
