package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Point2D;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.model.flow.onedim.Knots;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.plot.WarpedGridLayer;
import dev.genlab.scene.flow.FlowLabSnapshot;

/** Lesson 6's flow trained through the real window: a coupling layer added, drawn points, the divergence guard. */
@ExtendWith(ApplicationExtension.class)
class FlowTrainingAppTest extends FlowAppTestBase {

    @Start
    void start(Stage stage) {
        startWindow(stage, "flow-train");
    }

    @Test
    void addingACouplingLayerAndTrainingLowersTheNll(FxRobot robot) {
        open(6);
        FlowLabSnapshot a = shown(x -> x.layers() == 2 && !Double.isNaN(x.heldOutNll())
                && x.layerJacobian() != null && x.layerJacobian().layer() == 0,
                "two couplings, the first selected");
        AppTestSupport.awaitFx(() -> robot.lookup("#flow-layer-list").queryListView().getSelectionModel().getSelectedIndex(),
                i -> i == 0, "the list shows the selection");
        // Add inserts the chosen kind after the selected layer
        robot.clickOn("#flow-add");
        FlowLabSnapshot b = shown(x -> x.layers() == 3, "a third layer");
        assertEquals(Arrays.asList("coupling_x", "coupling_x", "coupling_y"), Arrays.asList(b.layerKinds()));
        // the coupling's Jacobian is triangular: select it
        fxRun(() -> scene().selectLayer(1));
        FlowLabSnapshot c = shown(x -> x.layerJacobian() != null && x.layerJacobian().layer() == 1, "its Jacobian");
        assertEquals(0.0, c.layerJacobian().matrix()[1], 0, "∂x₁/∂z₂ = 0");
        assertTrue(text(robot, "#flow-jacobian").contains("triangular"), text(robot, "#flow-jacobian"));
        double before = b.heldOutNll();
        fxRun(() -> scene().speedProperty().set(MainWindow.SPEEDS.get(MainWindow.SPEEDS.size() - 1)));
        robot.clickOn("#play");
        shown(x -> x.steps() >= 150, "150 Adam steps");
        robot.clickOn("#play");
        FlowLabSnapshot d = shown(x -> !Double.isNaN(x.heldOutNll()) && x.steps() >= 150, "paused");
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        d = fx(() -> scene().lastShown());
        assertTrue(d.heldOutNll() < before - 0.1, "NLL fell: " + before + " -> " + d.heldOutNll());
        String nll = text(robot, "#flow-nll");
        assertTrue(nll.contains(String.format(Locale.ROOT, "held-out NLL %.3f", d.heldOutNll())), nll);
        assertTrue(a.steps() == 0);
    }

    @Test
    void drawnPointsAreTrainedOnAndADivergenceIsRestoredAndReported(FxRobot robot) {
        open(7);
        shown(x -> x.layers() == 8, "eight couplings");
        fxRun(() -> scene().params().set("dataset", "drawn"));
        shown(x -> x.dataset().equals("drawn") && x.message().equals("flow.note.drawSome"), "no points yet");
        assertTrue(text(robot, "#flow-note").startsWith("Click onto the density plot"), text(robot, "#flow-note"));
        var plot = robot.lookup("#flow-density-plot").queryAs(dev.genlab.plot.Plot2D.class);
        double[][] at = {{-1, 0.5}, {0, -0.5}, {1, 0.5}};
        for (int k = 0; k < at.length; k++) {
            double[] p = at[k];
            Point2D q = fx(() -> plot.localToScreen(plot.getTransform().px(p[0]), plot.getTransform().py(p[1])));
            robot.clickOn(q);
            long n = k + 1;
            // the heat map's box follows the drawn points: wait for it before aiming at the next one
            shown(x -> Arrays.stream(x.dataX()).distinct().count() == n, n + " points in the data");
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
        AppTestSupport.awaitFx(() -> scene().statusProperty().get(), m -> m.contains("3 points drawn"), "three points");
        FlowLabSnapshot s = shown(x -> x.message().isEmpty() && Arrays.stream(x.dataX()).distinct().count() == 3,
                "data from the three drawn points");
        for (int i = 0; i < s.dataX().length; i++) {
            boolean drawnPoint = false;
            for (double[] p : at) {
                drawnPoint |= Math.abs(s.dataX()[i] - p[0]) < 0.1 && Math.abs(s.dataY()[i] - p[1]) < 0.1;
            }
            assertTrue(drawnPoint, "point " + i + " is one of the three clicks");
        }
        assertTrue(Double.isNaN(s.entropy()), "no floor for drawn points");
        for (int i = 0; i < 5; i++) {
            robot.clickOn("#step");
        }
        FlowLabSnapshot t = shown(x -> x.steps() == 5, "five steps");
        double good = t.heldOutNll();
        assertTrue(Double.isFinite(good));
        // a non-finite weight: the guard restores the last good state and says so
        fxRun(() -> scene().forceDivergence());
        AppTestSupport.awaitFx(() -> scene().statusProperty().get(), m -> m.startsWith("Training stopped"), "the report");
        assertTrue(text(robot, "#flow-note").startsWith("Training stopped at step 6") && text(robot, "#flow-note").contains("NaN"),
                text(robot, "#flow-note"));
        FlowLabSnapshot u = shown(x -> x.message().isEmpty() && x.steps() == 5, "healthy again");
        assertEquals(5, u.steps(), "back to the last good step");
        assertEquals(good, fx(() -> scene().lastShown().heldOutNll()), 1e-9, "the same flow as before");
    }

    /** Opening the training step from another lesson: the very first frame shows its trained flow, not the defaults. */
    @Test
    void theFirstFrameOfAStepShowsItsOwnFlow() {
        fxRun(() -> window.open("01-generative-models", 0));
        // given lesson 6 opened straight at its last step (eight couplings)
        open(7);
        FlowLabSnapshot first = AppTestSupport.awaitFx(() -> scene().firstDrawn(), java.util.Objects::nonNull,
                "the first frame");
        // then the first snapshot drawn is of that flow, never the one-linear-layer default
        assertEquals(8, first.layers(), "layers in the first frame");
        assertEquals(9_488, first.numParams());
    }
}
