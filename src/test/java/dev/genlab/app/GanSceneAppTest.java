package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.Button;
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
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.scene.gan.GanScene;

/** Lesson 8's scene through the real window: a generator slider, Step, the discriminator's choice. */
@ExtendWith(ApplicationExtension.class)
class GanSceneAppTest {

    static final String LESSON = "08-gan-minimax";
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "gan");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private GanScene scene() {
        return (GanScene) window.currentScene().orElseThrow();
    }

    private String readout(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> robot.lookup("#gan-game-readout").queryAs(Label.class).getText());
    }

    @Test
    void aGeneratorSliderChangesTheValueAndTheJsdReadOut(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 0));
        double jsdBefore = fx(() -> scene().shown().jsd());
        String before = readout(robot);
        Slider mean = robot.lookup("#knob-g_mean").queryAs(Slider.class);
        fxRun(mean::requestFocus);
        for (int i = 0; i < 10; i++) {
            robot.type(KeyCode.LEFT);
        }
        WaitForAsyncUtils.waitForFxEvents();
        double m = fx(() -> scene().params().getDouble("g_mean"));
        assertTrue(m < 2.5, "the slider moved μ: " + m);
        double jsdAfter = fx(() -> scene().shown().jsd());
        assertTrue(jsdAfter < jsdBefore, "μ nearer the data, a smaller JSD: " + jsdBefore + " -> " + jsdAfter);
        String after = readout(robot);
        assertNotEquals(before, after);
        assertTrue(after.contains(String.format(java.util.Locale.ROOT, "JSD(p_data \u2016 p_g) = %.4f", jsdAfter)), after);
        assertTrue(after.contains(String.format(java.util.Locale.ROOT, "V(D*, G) = %.4f",
                -Math.log(4) + 2 * jsdAfter)), after);
    }

    @Test
    void stepPlaysOneRoundAndMovesTheGeneratorsSliders(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 3));
        double m0 = fx(() -> scene().params().getDouble("g_mean"));
        robot.clickOn("#step");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, (long) fx(() -> scene().rounds()));
        double m1 = fx(() -> scene().params().getDouble("g_mean"));
        assertTrue(m1 < m0, "one round moved μ towards the data: " + m0 + " -> " + m1);
        assertEquals(2, fx(() -> scene().shown().history()[0].length), "rounds 0 and 1 in the history");
    }

    @Test
    void trainDActsOnlyForTheNetworkDiscriminator(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 2));
        WaitForAsyncUtils.waitForFxEvents();
        Button train = robot.lookup("#gan-train-d").queryAs(Button.class);
        assertTrue(fx(train::isDisabled), "no network to train with D*");
        fxRun(() -> window.open(LESSON, 5));
        assertFalse(fx(train::isDisabled));
        double v0 = fx(() -> scene().shown().value());
        fxRun(train::fire);
        assertTrue(fx(() -> scene().trainingD()), "Train D runs off the JavaFX thread");
        AppTestSupport.awaitFx(() -> scene().trainingD(), t -> !t, "Train D to finish");
        WaitForAsyncUtils.waitForFxEvents();
        double v1 = fx(() -> scene().shown().value());
        double best = fx(() -> scene().shown().optimal());
        assertTrue(v1 > v0 && v1 <= best, "training D raises V(D, G) towards V(D*, G): " + v0 + " -> " + v1
                + " (" + best + ")");
    }
}
