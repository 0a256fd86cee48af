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

/** Lesson 6's 2-D layers panel through the real window: the matrix layer and its refusal, stepping through layers. */
@ExtendWith(ApplicationExtension.class)
class FlowSceneAppTest extends FlowAppTestBase {

    @Start
    void start(Stage stage) {
        startWindow(stage, "flow");
    }

    @Test
    void aMatrixSliderUpdatesTheDeterminantAndTheCellsAndASingularMatrixIsRefused(FxRobot robot) {
        open(4);
        FlowLabSnapshot a = shown(s -> s.linearMatrix() != null && s.linearMatrix()[0] == 1.5, "the linear layer");
        String det = text(robot, "#flow-det");
        assertTrue(det.contains("det A = a\u2081\u2081a\u2082\u2082 \u2212 a\u2081\u2082a\u2082\u2081 = 1.20"), det);
        WarpedGridLayer grid = fx(() -> (WarpedGridLayer) robot.lookup("#flow-mapped-plot")
                .queryAs(dev.genlab.plot.Plot2D.class).layers().get(1));
        Color before = fx(() -> grid.cellColor(3, 3));
        float[] cellsBefore = fx(grid::cellValues);
        assertEquals(Math.log(1.2), cellsBefore[0], 1e-5, "every cell: log|det A|");
        // when m22 goes up one slider step (0.8 -> 0.85)
        Slider m22 = robot.lookup("#knob-m22").queryAs(Slider.class);
        fxRun(m22::requestFocus);
        robot.type(KeyCode.RIGHT);
        shown(s -> s.linearMatrix() != null && Math.abs(s.linearMatrix()[3] - 0.85) < 1e-9, "the new matrix");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#flow-det").contains("= 1.28"), text(robot, "#flow-det"));
        assertEquals(Math.log(1.275), fx(grid::cellValues)[0], 1e-5);
        assertNotEquals(before, fx(() -> grid.cellColor(3, 3)), "the cell colours change");
        // a singular matrix: rows (1.5, 0.5) and (1.5, 0.5); the last slider is refused and goes back
        fxRun(() -> {
            scene().params().set("m21", 1.5);
            scene().params().set("m22", 0.5);
        });
        assertEquals(0.85, fx(() -> scene().params().getDouble("m22")), 1e-12, "the slider went back");
        String msg = text(robot, "#flow-message");
        assertTrue(msg.contains("singular") && msg.contains("previous matrix is kept"), msg);
        FlowLabSnapshot s = shown(x -> x.linearMatrix() != null && x.linearMatrix()[2] == 1.5, "m21 applied");
        double d = s.linearMatrix()[0] * s.linearMatrix()[3] - s.linearMatrix()[1] * s.linearMatrix()[2];
        assertEquals(1.5 * 0.85 - 0.5 * 1.5, d, 1e-9, "the previous, invertible matrix");
        assertTrue(text(robot, "#flow-message").contains("singular"));
        assertTrue(a.steps() == 0);
    }

    @Test
    void steppingThroughTheLayersMovesTheSamples(FxRobot robot) {
        open(5);
        FlowLabSnapshot s = shown(x -> x.layers() == 3, "three layers");
        assertEquals(3.0, fx(() -> scene().morphPosition()), 0, "the data plane first");
        float[] atEnd = samplesShown(robot);
        robot.clickOn("#flow-prev");
        AppTestSupport.awaitFx(() -> !scene().morphing() && scene().morphPosition() == 2.0, b -> b, "one layer back");
        float[] atTwo = samplesShown(robot);
        assertFalse(Arrays.equals(atEnd, atTwo), "the samples moved back through the last layer");
        assertEquals((float) s.traceX()[2][0], atTwo[0], 1e-6, "state after two layers");
        assertTrue(text(robot, "#flow-layer-readout").contains("After layer 2 of 3"), text(robot, "#flow-layer-readout"));
        robot.clickOn("#flow-animate");
        assertTrue(fx(() -> scene().morphPosition()) < 0.5, "the animation starts from z");
        AppTestSupport.awaitFx(() -> !scene().morphing(), b -> b, "the animation ends");
        assertEquals(3.0, fx(() -> scene().morphPosition()), 0);
        assertTrue(text(robot, "#flow-layer-readout").contains(String.format(Locale.ROOT, "= %.2f", s.meanLogDet(3))),
                text(robot, "#flow-layer-readout"));
        // the inference direction reports the inverse's log-det, the negative sum
        robot.clickOn("#flow-inverse");
        robot.clickOn("#flow-animate");
        AppTestSupport.awaitFx(() -> !scene().morphing(), b -> b, "the inverse animation ends");
        assertEquals(0.0, fx(() -> scene().morphPosition()), 0);
        assertTrue(text(robot, "#flow-layer-readout").contains(String.format(Locale.ROOT, "= %.2f", -s.meanLogDet(3))),
                text(robot, "#flow-layer-readout"));
    }

    private float[] samplesShown(FxRobot robot) {
        return fx(() -> {
            var plot = robot.lookup("#flow-mapped-plot").queryAs(dev.genlab.plot.Plot2D.class);
            ScatterLayer l = (ScatterLayer) plot.layers().get(2);
            return l.series().get(0).x().clone();
        });
    }


    /**
     * The 30-minute monkey (seed 20261208, event #4004) read "log p(x) = NaN" under the cursor on the training panel
     * after it had dragged and scrolled the plot: the view then reaches past the box of the density grid, where
     * nothing is computed. There the read-out says nothing; inside the box it reads the grid.
     */
    @Test
    void theReadOutPastTheDensityGridSaysNothingRatherThanNaN(FxRobot robot) {
        open(10);
        FlowLabSnapshot s = shown(x -> x.density() != null, "the training panel's density");
        dev.genlab.plot.Plot2D plot = fx(() -> robot.lookup("#flow-density-plot").queryAs(dev.genlab.plot.Plot2D.class));
        var g = s.density();
        // zoomed out (as a scroll on the plot does) to twice the grid's box
        double w = g.x1() - g.x0();
        double h = g.y1() - g.y0();
        dev.genlab.plot.Extent out = new dev.genlab.plot.Extent(g.x0() - w / 2, g.x1() + w / 2, g.y0() - h / 2,
                g.y1() + h / 2);
        fxRun(() -> plot.setView(out));
        AppTestSupport.awaitFx(plot::getTransform, t -> t.view().yMin() <= out.yMin() + 1e-9, "the plot zoomed out");
        double[][] points = {{(g.x0() + g.x1()) / 2, g.y0() - h / 4}, {(g.x0() + g.x1()) / 2, (g.y0() + g.y1()) / 2}};
        String[] texts = new String[2];
        for (int k = 0; k < 2; k++) {
            double px = points[k][0];
            double py = points[k][1];
            robot.moveTo(fx(() -> plot.localToScreen(plot.getTransform().px(px), plot.getTransform().py(py))));
            WaitForAsyncUtils.waitForFxEvents();
            texts[k] = fx(() -> plot.hoverTextProperty().get());
        }
        assertTrue(texts[0] == null, "past the grid: " + texts[0]);
        assertTrue(texts[1] != null && texts[1].contains("log p(x) = ") && !texts[1].contains("NaN"),
                "inside: " + texts[1]);
    }
}
