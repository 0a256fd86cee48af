package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.scene.density.DensityScene;
import dev.genlab.scene.density.DensitySnapshot;

/** The live density scene driven through the real toolbar: play, pause, step, reset, the guard. */
@ExtendWith(ApplicationExtension.class)
class DensitySceneAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("density"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private DensityScene scene() {
        return (DensityScene) window.currentScene().orElseThrow();
    }

    /** Waits until the view has drawn a snapshot meeting cond. */
    private DensitySnapshot shown(java.util.function.Predicate<DensitySnapshot> cond, String what) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            DensitySnapshot s = fx(() -> {
                scene().pumpNow();
                return scene().lastShown();
            });
            if (s != null && cond.test(s)) {
                return s;
            }
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static void await(BooleanSupplier c, String what) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void playThenPauseChangesTheReadout(FxRobot robot) {
        shown(s -> s.iteration() == 0, "the initial model");
        String before = text(robot, "#density-train-nll");
        robot.clickOn("#play");
        assertTrue(scene().playingProperty().get());
        shown(s -> s.iteration() >= 2, "two EM iterations while playing");
        robot.clickOn("#play");
        assertFalse(scene().playingProperty().get());
        assertFalse(robot.lookup("#play").queryAs(ToggleButton.class).isSelected());
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(before, text(robot, "#density-train-nll"));
    }

    @Test
    void stepAdvancesExactlyOneIterationAndResetReturns(FxRobot robot) {
        DensitySnapshot s0 = shown(s -> s.iteration() == 0, "the initial model");
        robot.clickOn("#step");
        DensitySnapshot s1 = shown(s -> s.iteration() >= 1, "one iteration");
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals(1, shown(s -> true, "latest").iteration(), "exactly one iteration");
        // the read-out names the iteration and the covariance regulariser EM adds
        String it = text(robot, "#density-iteration");
        assertTrue(it.startsWith("EM iteration 1 ") && it.contains("\u03bb = "), it);
        assertTrue(s1.avgLogLikelihood() >= s0.avgLogLikelihood());
        robot.type(javafx.scene.input.KeyCode.PERIOD);
        shown(s -> s.iteration() == 2, "the . key steps too");
        // move a knob, then Reset: knobs back to defaults, model back to its start
        fxRun(() -> scene().params().set("components", 5));
        shown(s -> s.components() == 5, "five components");
        robot.clickOn("#reset");
        DensitySnapshot r = shown(s -> s.iteration() == 0 && s.components() == 3, "the reset model");
        assertEquals(s0.avgLogLikelihood(), r.avgLogLikelihood(), 1e-12, "the same initial state");
    }

    @Test
    void movingAKnobSliderRefitsTheModel(FxRobot robot) {
        shown(s -> s.components() == 3, "three components");
        Slider k = robot.lookup("#knob-components").queryAs(Slider.class);
        fxRun(k::requestFocus);
        robot.type(javafx.scene.input.KeyCode.RIGHT);
        assertEquals(4, scene().params().getInt("components"), "the arrow key moves the focused slider, not the step");
        assertEquals(0, (int) fx(() -> window.stepProperty().get()));
        shown(s -> s.components() == 4, "four components");
    }

    @Test
    void aForcedNaNTriggersTheGuardAndTheNotice(FxRobot robot) {
        shown(s -> s.iteration() == 0, "the initial model");
        robot.clickOn("#step");
        DensitySnapshot good = shown(s -> s.iteration() == 1, "one iteration");
        fxRun(() -> scene().playingProperty().set(true));
        fxRun(() -> scene().forceDivergence());
        await(() -> fx(() -> window.statusText()).contains("EM stopped"), "the divergence notice");
        assertFalse(scene().playingProperty().get(), "training stopped");
        DensitySnapshot after = shown(s -> true, "latest");
        assertTrue(Double.isFinite(after.avgLogLikelihood()), "the last good state, not NaN");
        assertTrue(after.iteration() >= good.iteration());
        for (double m : after.means()) {
            assertTrue(Double.isFinite(m));
        }
        // it keeps working
        robot.clickOn("#step");
        shown(s -> s.iteration() == after.iteration() + 1, "a step after the guard");
    }

    @Test
    void hoverReadsTheModelDensity(FxRobot robot) {
        DensitySnapshot s = shown(x -> x.iteration() == 0, "the initial model");
        var plot = robot.lookup("#density-plot").queryAs(dev.genlab.plot.Plot2D.class);
        robot.moveTo(plot);
        WaitForAsyncUtils.waitForFxEvents();
        String hover = plot.hoverTextProperty().get();
        assertTrue(hover != null && hover.startsWith("x=(") && hover.contains("log p(x) = "), hover);
        String[] xy = hover.substring(3, hover.indexOf(')')).split(",");
        double x = Double.parseDouble(xy[0].trim());
        double y = Double.parseDouble(xy[1].trim());
        double shownValue = Double.parseDouble(hover.substring(hover.indexOf("= ") + 2));
        // the read-out rounds x to 2 decimals; the density barely moves over 0.005
        assertEquals(s.logDensity(x, y), shownValue, 0.05);
    }

    @Test
    void drawingYourOwnDataByClickingAndDragging(FxRobot robot) {
        fxRun(() -> {
            scene().params().set("components", 2);
            scene().params().set("dataset", "drawn");
        });
        shown(s -> "need-points".equals(s.message()), "the empty drawing");
        var plot = robot.lookup("#density-plot").queryAs(dev.genlab.plot.Plot2D.class);
        javafx.geometry.Bounds b = fx(() -> plot.localToScreen(plot.getBoundsInLocal()));
        double y = b.getMinY() + b.getHeight() * 0.5;
        robot.drag(b.getMinX() + b.getWidth() * 0.3, y, javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.7, y)).drop();
        robot.clickOn(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.3));
        String status = fx(() -> window.statusText());
        assertTrue(status.matches("\\d+ points drawn"), status);
        int drawn = Integer.parseInt(status.substring(0, status.indexOf(' ')));
        assertTrue(drawn >= 4, status);
        // the trainer fits what was sent: wait for the snapshot with every drawn point (it can lag the status)
        DensitySnapshot s = shown(x -> x.dataX().length == drawn && x.components() == 2,
                "a drawn data set of " + drawn + " points with a fitted model");
        assertTrue(Double.isNaN(s.entropy()), "no floor for drawn data");
    }

    @Test
    void leavingTheSceneStopsItsThread() {
        await(() -> threadAlive("trainer-density"), "the trainer thread");
        fxRun(() -> window.sceneHost().clear());
        assertFalse(threadAlive("trainer-density"), "the trainer thread is gone");
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /** A picked point's read-out belongs to the step it was picked in. */
    @Test
    void aPickedPointIsForgottenWhenTheStepChanges(FxRobot robot) {
        shown(s -> s.components() > 0, "a fitted model");
        var plot = robot.lookup("#density-plot").queryAs(dev.genlab.plot.Plot2D.class);
        javafx.geometry.Bounds b = fx(() -> plot.localToScreen(plot.getBoundsInLocal()));
        robot.clickOn(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.5));
        AppTestSupport.awaitFx(() -> text(robot, "#density-picked"), t -> !t.isEmpty(), "the picked point's read-out");
        fxRun(() -> window.open(window.lessonProperty().get(), 1));
        AppTestSupport.awaitFx(() -> text(robot, "#density-picked"), String::isEmpty, "no read-out in the next step");
    }
}
