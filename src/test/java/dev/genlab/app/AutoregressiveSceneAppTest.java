package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.scene.autoregressive.AutoregressiveScene;
import dev.genlab.scene.autoregressive.AutoregressiveSnapshot;

/** Lesson 5's scene through the real window: training, pixel-by-pixel sampling, the receptive field, inpainting. */
@ExtendWith(ApplicationExtension.class)
class AutoregressiveSceneAppTest {

    static final String LESSON = "05-neural-autoregressive";
    private MainWindow window;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("autoregressive"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private AutoregressiveScene scene() {
        return (AutoregressiveScene) window.currentScene().orElseThrow();
    }

    private AutoregressiveSnapshot shown(Predicate<AutoregressiveSnapshot> cond, String what) {
        return AppTestSupport.awaitFx(() -> scene().lastShown(), cond, what);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** Opens a step of lesson 5 and waits for the network its preset asks for. */
    private AutoregressiveSnapshot open(int step, String model) {
        fxRun(() -> window.open(LESSON, step));
        boolean checkpoint = fx(() -> scene().params().getChoice("start").equals("checkpoint"));
        return shown(s -> s.side() == 28 && s.model().equals(model) && s.testY().length > 0
                && (s.checkpointImages() < 0) != checkpoint, model + " ready");
    }

    @Test
    void playTrainsPauseStopsAndTheReadoutFollows(FxRobot robot) {
        // given lesson 5's "train from scratch" step: a NADE with random weights
        AutoregressiveSnapshot a = open(1, "nade");
        assertEquals(0, a.steps());
        assertTrue(a.checkpointImages() < 0, "from scratch");
        // when Play runs for a while
        robot.clickOn("#play");
        AutoregressiveSnapshot b = shown(s -> s.steps() >= 2 * 25, "fifty Adam steps");
        robot.clickOn("#play");
        assertFalse(fx(() -> scene().playingProperty().get()), "paused");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        long paused = fx(() -> scene().lastShown().steps());
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        AutoregressiveSnapshot c = fx(() -> scene().lastShown());
        // then it trained, stopped when paused, and the read-out shows the newest held-out NLL
        assertEquals(paused, c.steps(), "no step while paused");
        assertTrue(b.testY().length >= 3, "evaluated every 25 steps");
        assertTrue(c.testNll() < a.testNll(), "held-out NLL fell: " + a.testNll() + " -> " + c.testNll());
        assertEquals(c.trainX().length, c.steps(), "one batch NLL per step");
        String readout = text(robot, "#ar-nll");
        assertTrue(readout.contains(String.format(Locale.ROOT, "%.1f \u00b1 %.1f nats/image", c.testNll(), c.testSe())),
                readout);
        assertTrue(readout.contains(String.format(Locale.ROOT, "%.1f", c.independentNll())), readout);
        assertTrue(text(robot, "#ar-time").contains(" ms"), text(robot, "#ar-time"));
    }

    private static boolean treeVisible(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theContinuousStepTrainsRnadeAndTheSliceFollowsAClick(FxRobot robot) {
        // given the RNADE step: one Gaussian per conditional on the two moons, the slice at x1 = 0
        fxRun(() -> window.open(LESSON, 11));
        AutoregressiveSnapshot a = shown(s -> s.continuous() != null && s.continuous().components() == 1, "RNADE ready");
        assertTrue(fx(() -> treeVisible(robot.lookup("#ar-continuous").query())), "the continuous panel shows");
        assertFalse(fx(() -> treeVisible(robot.lookup("#ar-nll-chart").query())), "the image models' chart is hidden");
        assertEquals(0, a.continuous().adamSteps());
        // when Play runs
        robot.clickOn("#play");
        shown(s -> s.continuous() != null && s.continuous().adamSteps() >= 400, "400 Adam steps");
        robot.clickOn("#play");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        AutoregressiveSnapshot b = fx(() -> scene().lastShown());
        // then the held-out NLL fell and the read-out quotes the newest one
        assertTrue(b.continuous().testNll() < a.continuous().testNll(), a.continuous().testNll() + " -> "
                + b.continuous().testNll());
        String readout = text(robot, "#ar-continuous-readout");
        assertTrue(readout.contains(String.format(Locale.ROOT, "%.2f nats", b.continuous().testNll())), readout);
        assertFalse(readout.contains("NaN"), readout);
        // and a click on the map moves the slice there
        javafx.scene.Node map = robot.lookup("#ar-continuous-density").query();
        Point2D at = fx(() -> {
            var f = (dev.genlab.plot.AxesFigure) map;
            var t = f.getTransform();
            return map.localToScreen(t.px(1.0), t.py(0.0));
        });
        robot.clickOn(at);
        double slice = AppTestSupport.awaitFx(() -> scene().params().getDouble("slice"), v -> Math.abs(v - 1.0) < 0.06,
                "the slice at the click");
        shown(s -> s.continuous() != null && s.continuous().slice() == slice, "the conditional at the new slice");
        assertTrue(text(robot, "#ar-continuous-slice").contains(String.format(Locale.ROOT, "%.2f", slice)));
        // and five components start a new network, the run with one staying on the chart
        fxRun(() -> scene().params().setText("components", "5"));
        shown(s -> s.continuous() != null && s.continuous().components() == 5, "K = 5");
        AppTestSupport.awaitFx(() -> ((dev.genlab.plot.LineChartPlot) robot.lookup("#ar-continuous-nll").query())
                .seriesNames(), n -> n.contains("previous run, K = 1"), "the previous run on the chart");
    }

    @Test
    void stepInTheSamplingPanelDrawsExactlyOnePixel(FxRobot robot) {
        AutoregressiveSnapshot a = open(3, "nade");
        AutoregressiveSnapshot s0 = shown(s -> s.order().length == 784, "the sampler");
        int start = s0.samplerStep();
        for (int i = 1; i <= 3; i++) {
            robot.clickOn("#step");
            int want = start + i;
            AutoregressiveSnapshot s = shown(x -> x.samplerStep() == want, "pixel " + want);
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
            assertEquals(want, fx(() -> scene().lastShown().samplerStep()), "exactly one pixel per Step");
            assertEquals(a.steps(), s.steps(), "sampling does not train");
            String t = text(robot, "#ar-sampler-text");
            assertTrue(t.contains(String.format(Locale.ROOT, "= %.3f", s.samplerP())), t);
        }
        // the completions' estimate arrives for the drawn prefix, a probability for every pixel not drawn
        AutoregressiveSnapshot e = shown(x -> x.estimateStep() == start + 3, "estimates for the prefix");
        int[] order = e.order();
        for (int t = 0; t < 784; t++) {
            float v = e.estimates()[order[t]];
            if (t < e.estimateStep()) {
                assertTrue(Float.isNaN(v), "drawn pixel " + t + " has no estimate");
            } else {
                assertTrue(v >= 0 && v <= 1, "estimate " + v);
            }
        }
    }

    @Test
    void thePixelCnnFieldGrowsWithDepthAndKeepsABlindSpot(FxRobot robot) {
        open(7, "pixelcnn");
        AutoregressiveSnapshot a = shown(s -> s.model().equals("pixelcnn") && s.fieldDepth() == 1, "depth 1 (preset)");
        int pixel = a.fieldPixel();
        fxRun(() -> scene().params().set("depth", 9));
        AutoregressiveSnapshot b = shown(s -> s.fieldDepth() == s.maxDepth() && s.maxDepth() > 1, "all layers");
        int small = count(a.field());
        int large = count(b.field());
        assertTrue(large > small, "the field grows with depth: " + small + " -> " + large);
        for (int q = pixel; q < 784; q++) {
            assertFalse(b.field()[q], "never the pixel itself or a later one: " + q);
        }
        assertTrue(large < pixel, "a blind spot: " + large + " of " + pixel + " earlier pixels");
        String t = text(robot, "#ar-field-text");
        assertTrue(t.contains(large + " of the " + pixel + " pixels before it"), t);
    }

    @Test
    void inpaintingKeepsTheDrawnRowsAndSamplesTheRest(FxRobot robot) {
        AutoregressiveSnapshot a = open(10, "nade");
        shown(s -> s.completionCount() == 8, "completions of a held-out image");
        robot.clickOn("#ar-clear");
        shown(s -> s.inpaintInput().length == 784 && count(s.inpaintInput()) == 0 && s.completionCount() == 8
                && s.jobProgress() >= 1, "completions of the cleared canvas");
        // when the student draws a stroke along row 6, columns 6 to 20
        PixelGridFigureProbe canvas = new PixelGridFigureProbe(robot);
        robot.moveTo(canvas.at(6, 6)).press(javafx.scene.input.MouseButton.PRIMARY).moveTo(canvas.at(6, 20))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        AutoregressiveSnapshot s = shown(x -> x.inpaintInput()[6 * 28 + 6] == 1 && x.inpaintInput()[6 * 28 + 20] == 1
                && x.completionCount() == 8 && x.jobProgress() >= 1, "completions of the stroke");
        // then every completion keeps the 14 given rows exactly, and the network drew the rest
        byte[] given = Arrays.copyOf(s.inpaintInput(), 14 * 28);
        boolean inkBelow = false;
        for (int i = 0; i < 8; i++) {
            byte[] c = Arrays.copyOfRange(s.completions(), i * 784, (i + 1) * 784);
            assertArrayEquals(given, Arrays.copyOf(c, 14 * 28), "completion " + i + " keeps the given rows");
            inkBelow |= count(Arrays.copyOfRange(c, 14 * 28, 784)) > 0;
        }
        assertTrue(inkBelow, "the network inked something below the line");
        assertEquals(a.steps(), s.steps(), "inpainting does not train");
    }

    /** Where cells of the inpainting canvas are on screen. */
    private final class PixelGridFigureProbe {
        private final javafx.scene.Node node;

        PixelGridFigureProbe(FxRobot robot) {
            node = robot.lookup("#ar-canvas").query();
        }

        Point2D at(int r, int c) {
            return fx(() -> {
                double side = Math.min(node.getLayoutBounds().getWidth() - 8, node.getLayoutBounds().getHeight() - 4);
                double x0 = Math.floor((node.getLayoutBounds().getWidth() - side) / 2);
                double y0 = Math.floor((node.getLayoutBounds().getHeight() - side) / 2);
                double cell = side / 28;
                return node.localToScreen(x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell);
            });
        }
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }

    private static int count(byte[] b) {
        int n = 0;
        for (byte x : b) {
            n += x;
        }
        return n;
    }
}
