package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Predicate;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.scene.counting.CountingScene;
import dev.genlab.scene.counting.CountingSnapshot;

/** Lesson 2's scene through the real window: the size knob, the Markov order, Step. */
@ExtendWith(ApplicationExtension.class)
class CountingSceneAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("counting"), url -> { });
        window.show();
        window.open("02-parameter-counting", 0);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private CountingScene scene() {
        return (CountingScene) window.currentScene().orElseThrow();
    }

    private CountingSnapshot shown(Predicate<CountingSnapshot> cond, String what) {
        return AppTestSupport.awaitFx(() -> scene().lastShown(), cond, what);
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theSizeKnobUpdatesCountsAndSamples(FxRobot robot) {
        shown(s -> s.side() == 2 && s.trainCount() > 0, "2 x 2 fitted");
        assertEquals("15", text(robot, "#count-full"));
        assertEquals("4", text(robot, "#count-independent"));
        assertEquals("7", text(robot, "#count-markov"), "2n - 1");
        // the size is a slider over the sides that divide 28: 2, 4, 7, 14, 28
        Slider size = robot.lookup("#knob-size").queryAs(Slider.class);
        fxRun(size::requestFocus);
        robot.type(KeyCode.END);
        assertEquals("28 \u00d7 28", text(robot, "#knob-value-size"));
        CountingSnapshot s = shown(x -> x.side() == 28 && x.trainCount() > 0, "28 x 28 fitted");
        assertEquals("784", text(robot, "#count-independent"));
        assertEquals("1,567", text(robot, "#count-markov"));
        assertTrue(text(robot, "#count-full").contains("237 digits"), text(robot, "#count-full"));
        assertEquals(784, s.rows().stream().filter(r -> r.id().equals("independent")).findFirst().orElseThrow()
                .samples().get(0).length, "samples are 28 x 28");
    }

    /** The step "Colour pixels": every count it quotes, read off the window, and the masks' figure shown. */
    @Test
    void theColourStepShowsTheCountsItQuotes(FxRobot robot) {
        fxRun(() -> window.open("02-parameter-counting", 6));
        shown(s -> s.side() == 28 && s.trainCount() > 0, "28 x 28 fitted");
        AppTestSupport.awaitFx(() -> robot.lookup("#colour-pixel").tryQueryAs(Label.class)
                .map(Label::isVisible).orElse(false), v -> v, "the colour table shown");
        assertEquals("16,777,215", text(robot, "#colour-pixel"));
        assertEquals("255", text(robot, "#colour-chain-r"));
        assertEquals("65,280", text(robot, "#colour-chain-g"));
        assertEquals("16,711,680", text(robot, "#colour-chain-b"));
        assertEquals("16,777,215", text(robot, "#colour-chain-sum"), "the split saves nothing");
        assertTrue(text(robot, "#colour-image-joint").contains("5,665 digits"), text(robot, "#colour-image-joint"));
        assertEquals("599,760", text(robot, "#colour-independent-channels"), "3 x 784 x 255");
        assertTrue(robot.lookup("#counting-channel-masks").query().isVisible(), "the masks' figure");
        assertTrue(robot.lookup("#counting-channel-masks").query().getLayoutBounds().getHeight() > 50,
                "the masks' figure has room");
        // ticking the knob off hides it again
        fxRun(() -> scene().params().setText("show_colour", "false"));
        AppTestSupport.awaitFx(() -> robot.lookup("#counting-colour").query().isVisible(), v -> !v, "hidden");
    }

    @Test
    void theMarkovOrderChangesItsNllAndCount(FxRobot robot) {
        fxRun(() -> scene().params().setText("size", "7"));
        shown(s -> s.side() == 7 && s.trainCount() > 0, "7 x 7 fitted");
        String before = text(robot, "#test-nll-markov");
        Slider k = robot.lookup("#knob-markov_order").queryAs(Slider.class);
        fxRun(k::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(2, scene().params().getInt("markov_order"));
        shown(s -> s.rows().stream().anyMatch(r -> r.id().equals("markov") && r.params().intValue() == 1 + 2 + 4 * 47),
                "the order-2 chain (1 + 2 + 4(n - 2) parameters)");
        assertNotEquals(before, text(robot, "#test-nll-markov"));
    }

    @Test
    void stepDrawsNewSamples(FxRobot robot) {
        fxRun(() -> scene().params().setText("size", "14"));
        CountingSnapshot a = shown(s -> s.side() == 14 && s.trainCount() > 0, "14 x 14 fitted");
        robot.clickOn("#step");
        CountingSnapshot b = shown(s -> s != a && s.side() == 14, "new samples");
        assertNotEquals(java.util.Arrays.toString(a.rows().get(1).samples().get(0)),
                java.util.Arrays.toString(b.rows().get(1).samples().get(0)));
        assertEquals(a.rows().get(1).trainNll(), b.rows().get(1).trainNll(), "the fit stays");
    }
}
