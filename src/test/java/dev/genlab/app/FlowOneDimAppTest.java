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

/** Lesson 6's 1-D panel through the real window: the affine slider, a dragged spline knot, the fold. */
@ExtendWith(ApplicationExtension.class)
class FlowOneDimAppTest extends FlowAppTestBase {

    @Start
    void start(Stage stage) {
        startWindow(stage, "flow-1d");
    }

    @Test
    void theAffineSliderRescalesPxAndTheIntegralStaysOne(FxRobot robot) {
        open(0);
        assertTrue(text(robot, "#flow-integral").contains("= 1.0000"), text(robot, "#flow-integral"));
        String decomposition = text(robot, "#flow-decomposition");
        double peakBefore = fx(() -> peak(robot, "p_x"));
        // p_x of N(0,1) under x = 2z + 1 peaks at 1/(2√(2π))
        assertEquals(1 / (2 * Math.sqrt(2 * Math.PI)), peakBefore, 2e-3);
        // the scene may be built again meanwhile, its knobs then a pulse after it (SceneHost)
        Slider a = AppTestSupport.awaitFx(() -> robot.lookup("#knob-a").tryQueryAs(Slider.class).orElse(null),
                n -> n != null, "lesson 6's knob a");
        fxRun(a::requestFocus);
        for (int i = 0; i < 10; i++) {
            robot.type(KeyCode.RIGHT);
        }
        double av = fx(() -> scene().params().getDouble("a"));
        assertEquals(2.5, av, 1e-9);
        assertEquals(1 / (2.5 * Math.sqrt(2 * Math.PI)), fx(() -> peak(robot, "p_x")), 2e-3, "stretched by 2.5: lower peak");
        assertTrue(text(robot, "#flow-integral").contains("= 1.0000"), text(robot, "#flow-integral"));
        assertNotEquals(decomposition, text(robot, "#flow-decomposition"), "the cursor read-out follows");
        // a = 0 is refused and the previous map is kept
        fxRun(() -> scene().params().set("a", 0.0));
        assertTrue(text(robot, "#flow-oned-message").contains("not invertible"), text(robot, "#flow-oned-message"));
        assertEquals(1 / (2.5 * Math.sqrt(2 * Math.PI)), fx(() -> peak(robot, "p_x")), 2e-3, "previous map kept");
    }

    private static double peak(FxRobot robot, String curve) {
        CurvePlot px = robot.lookup("#flow-px").queryAs(CurvePlot.class);
        return Arrays.stream(px.curve(curve).y()).max().orElseThrow();
    }

    @Test
    void draggingAKnotPastItsNeighbourKeepsTheSplineMonotone(FxRobot robot) {
        open(2);
        CurvePlot f = (CurvePlot) AppTestSupport.awaitFx(() -> robot.lookup("#flow-f").tryQuery().orElse(null),
                n -> n.getScene() != null && ((CurvePlot) n).getTransform() != null, "the plot of f");
        Knots k0 = fx(() -> scene().oneDimModel() == null ? null
                : ((dev.genlab.model.flow.onedim.RationalQuadraticSpline) scene().oneDimModel().transform()).knots());
        // drag knot 2 (z = −0.5) with the mouse far up and right, past knot 3
        Point2D from = fx(() -> screen(f, k0.z(2), k0.x(2)));
        Point2D to = fx(() -> screen(f, k0.z(4), k0.x(4)));
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(from.add(10, -10)).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Knots k1 = fx(() -> ((dev.genlab.model.flow.onedim.RationalQuadraticSpline) scene().oneDimModel().transform()).knots());
        assertTrue(k1.z(2) > k0.z(2) + 0.3, "the knot moved: " + k0.z(2) + " -> " + k1.z(2));
        for (int i = 1; i < k1.size(); i++) {
            assertTrue(k1.z(i) > k1.z(i - 1) && k1.x(i) > k1.x(i - 1), "increasing at knot " + i);
        }
        assertTrue(text(robot, "#flow-oned-message").contains("kept between the neighbouring knots"),
                text(robot, "#flow-oned-message"));
        double[] fz = f.curve("f").y();
        for (int i = 1; i < fz.length; i++) {
            assertTrue(fz[i] > fz[i - 1], "f increasing at sample " + i);
        }
        String integral = text(robot, "#flow-integral");
        assertTrue(integral.contains("= 1.0000") || integral.contains("= 0.9999"), integral);
    }

    private static Point2D screen(CurvePlot f, double z, double x) {
        PlotTransform t = f.getTransform();
        return f.localToScreen(t.px(z), t.py(x));
    }

    @Test
    void theFoldsNaiveIntegralIsNotOne(FxRobot robot) {
        open(3);
        String t = text(robot, "#flow-integral");
        double naive = fx(() -> scene().oneDimModel().naiveIntegral());
        assertEquals(0.5, naive, 1e-3, "one branch of z² holds half of N(0, 1)");
        assertTrue(t.contains(String.format(Locale.ROOT, "%.4f", naive)) && t.contains("not 1"), t);
        assertTrue(t.contains("= 1.0000"), "both branches sum to 1: " + t);
    }
}
