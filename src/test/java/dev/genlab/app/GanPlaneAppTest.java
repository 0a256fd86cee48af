package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.awaitFx;
import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.model.gan.GanLoss;
import dev.genlab.scene.gan.GanScene;
import dev.genlab.scene.gan.GanSnapshot;

/** Lesson 8's plane panel through the real window: Step and Play train, a layer toggle, a loss changed mid-training. */
@ExtendWith(ApplicationExtension.class)
class GanPlaneAppTest {

    static final String LESSON = "08-gan-minimax";
    /** "A GAN in the plane", the first plane step. */
    static final int PLANE_STEP = 7;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "gan-plane");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private GanScene scene() {
        return (GanScene) window.currentScene().orElseThrow();
    }

    private GanSnapshot planeAt(long rounds) {
        return awaitFx(() -> {
            scene().pumpNow();
            GanSnapshot s = scene().lastPlane();
            return s != null && s.rounds() >= rounds ? s : null;
        }, s -> true, "a snapshot of round " + rounds);
    }

    /**
     * The two moves of a round one at a time: "One D step" changes D's map and leaves the fake points
     * (G's samples of fixed noise) where they were; "One G step" moves them and leaves the map.
     */
    @Test
    void oneDStepMovesOnlyTheMapAndOneGStepOnlyTheFakes(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        robot.clickOn("#step");
        GanSnapshot a = planeAt(1);
        long d0 = a.dSteps();
        long g0 = a.gSteps();
        fxRun(() -> scene().subStep(true));
        GanSnapshot b = awaitFx(() -> {
            scene().pumpNow();
            GanSnapshot s = scene().lastPlane();
            return s != null && s.dSteps() == d0 + 1 ? s : null;
        }, s -> true, "the snapshot after one D step");
        assertEquals(g0, b.gSteps());
        assertEquals(a.rounds(), b.rounds(), "a sub-step is not a round");
        assertTrue(java.util.Arrays.equals(a.fakeXs(), b.fakeXs()) && java.util.Arrays.equals(a.fakeYs(), b.fakeYs()),
                "G did not move");
        assertFalse(java.util.Arrays.equals(a.heat(), b.heat()), "D's map changed");
        fxRun(() -> scene().subStep(false));
        GanSnapshot c = awaitFx(() -> {
            scene().pumpNow();
            GanSnapshot s = scene().lastPlane();
            return s != null && s.gSteps() == g0 + 1 ? s : null;
        }, s -> true, "the snapshot after one G step");
        assertEquals(d0 + 1, c.dSteps());
        assertFalse(java.util.Arrays.equals(b.fakeXs(), c.fakeXs()), "G moved");
        assertTrue(java.util.Arrays.equals(b.heat(), c.heat()), "D did not move");
        String text = fx(() -> scene().planeReadout());
        assertTrue(text.contains("Steps so far: " + (d0 + 1) + " of D, " + (g0 + 1) + " of G."), text);
    }

    @Test
    void stepAndPlayTrainTheGanAndTheReadOutFollows(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        assertEquals("plane", fx(() -> scene().params().getChoice("panel")));
        assertTrue(robot.lookup("#gan-plane-plot").tryQuery().isPresent(), "the plane panel shows");
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#step");
        }
        GanSnapshot s = planeAt(3);
        assertEquals(3, s.rounds());
        assertEquals(3, s.curveX().length);
        assertEquals(1000, s.fakeXs().length);
        String text = fx(() -> scene().planeReadout());
        assertTrue(text.contains("Round 3"), text);
        assertTrue(text.contains("JS(p_data, p_g)") && text.contains("128\u00d7128 grid"), text);
        assertEquals(0, (long) fx(() -> scene().rounds()), "Step on the plane does not play the 1-D game");
        fxRun(() -> scene().playingProperty().set(true));
        GanSnapshot played = planeAt(20);
        fxRun(() -> scene().playingProperty().set(false));
        assertTrue(played.rounds() >= 20);
    }

    @Test
    void resetStartsBothAgainAndKeepsThePanel(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 8));
        assertEquals("ring8", fx(() -> scene().params().getChoice("data")));
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#step");
        }
        planeAt(3);
        robot.clickOn("#reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("plane", fx(() -> scene().params().getChoice("panel")), "the panel stays");
        assertEquals("ring8", fx(() -> scene().params().getChoice("data")), "the step's preset is applied again");
        GanSnapshot s = awaitFx(() -> {
            scene().pumpNow();
            GanSnapshot x = scene().lastPlane();
            return x != null && x.rounds() == 0 && x.data().equals("ring8") ? x : null;
        }, x -> true, "the GAN started again");
        assertEquals(0, s.rounds());
        assertEquals(0, (long) fx(() -> scene().rounds()), "the game too");
        robot.clickOn("#step");
        assertEquals(1, planeAt(1).rounds());
    }

    @Test
    void aLayerToggleShowsAndHidesItsLayer(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> scene().planeLayerVisible("show_arrows")));
        assertTrue(fx(() -> scene().planeLayerVisible("show_d")));
        scrollIntoView(robot, "#knob-show_arrows");
        robot.clickOn("#knob-show_arrows");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> robot.lookup("#knob-show_arrows").queryAs(CheckBox.class).isSelected()));
        assertTrue(fx(() -> scene().planeLayerVisible("show_arrows")), "the arrows show");
        scrollIntoView(robot, "#knob-show_d");
        robot.clickOn("#knob-show_d");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(() -> scene().planeLayerVisible("show_d")), "the D(x) map is hidden");
        for (String k : new String[] {"show_real", "show_fake", "show_grid"}) {
            boolean was = fx(() -> scene().planeLayerVisible(k));
            fxRun(() -> scene().params().set(k, !was));
            assertEquals(!was, fx(() -> scene().planeLayerVisible(k)), k);
        }
    }

    /** Scrolls the knob panel so that a knob shows (the plane's knobs are more than its height holds). */
    static void scrollIntoView(FxRobot robot, String id) {
        fxRun(() -> {
            javafx.scene.Node n = robot.lookup(id).query();
            for (javafx.scene.Node p = n.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                    double contentH = sp.getContent().getBoundsInLocal().getHeight();
                    double viewH = sp.getViewportBounds().getHeight();
                    double y = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
                    if (contentH > viewH) {
                        sp.setVvalue(Math.max(0, Math.min(1, (y - viewH / 3) / (contentH - viewH))));
                    }
                    sp.layout();
                    return;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void changingTheLossMidTrainingKeepsTraining(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        for (int i = 0; i < 5; i++) {
            robot.clickOn("#step");
        }
        planeAt(5);
        @SuppressWarnings("unchecked")
        ComboBox<String> loss = robot.lookup("#knob-gan_loss").queryAs(ComboBox.class);
        fxRun(() -> loss.setValue("least_squares"));
        assertEquals("least_squares", fx(() -> scene().params().getChoice("gan_loss")));
        robot.clickOn("#step");
        GanSnapshot s = planeAt(6);
        assertEquals(6, s.rounds(), "the rounds went on: no restart");
        assertEquals(GanLoss.LEAST_SQUARES, s.loss());
        WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        assertTrue(fx(() -> scene().planeReadout()).contains("least squares"), fx(() -> scene().planeReadout()));
    }
}
