package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.awaitFx;
import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.scene.gan.GanScene;
import dev.genlab.scene.gan.GanSnapshot;

/**
 * Lesson 8's plane beyond the basics, through the real window: drawing the data, the depth and noise knobs,
 * the model-overview strip, slow motion, the colour key, and a trained GAN saved with its scenario and opened
 * again (and a damaged weights file refused with the knobs still loaded).
 */
@ExtendWith(ApplicationExtension.class)
class GanPlaneToolsAppTest {

    static final String LESSON = "08-gan-minimax";
    static final int PLANE_STEP = GanPlaneAppTest.PLANE_STEP;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "gan-plane-tools");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private GanScene scene() {
        return (GanScene) window.currentScene().orElseThrow();
    }

    private GanSnapshot plane(java.util.function.Predicate<GanSnapshot> when, String what) {
        return awaitFx(() -> {
            scene().pumpNow();
            GanSnapshot s = scene().lastPlane();
            return s != null && when.test(s) ? s : null;
        }, s -> true, what);
    }

    private String text(FxRobot robot, String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static Node node(FxRobot robot, String id) {
        return robot.lookup(id).query();
    }

    @Test
    void drawingOnThePlaneAddsPointsAndTheGanTrainsOnThem(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> scene().params().setText("data", "drawn"));
        plane(s -> s.data().equals("drawn"), "the drawn data set");
        assertTrue(text(robot, "#gan-plane-note").contains("Click or drag on the plane"), "an empty set asks for points");
        assertTrue(fx(() -> node(robot, "#gan-clear-drawn").isVisible()), "Clear shows on the drawn data set");
        robot.clickOn("#step");
        WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
        assertEquals(0, plane(s -> true, "a snapshot").rounds(), "no points, no round");
        // a click and a drag on the plot's area
        Bounds b = fx(() -> node(robot, "#gan-plane-plot").localToScreen(node(robot, "#gan-plane-plot").getBoundsInLocal()));
        double cx = b.getMinX() + b.getWidth() / 2;
        double cy = b.getMinY() + b.getHeight() / 2;
        robot.clickOn(cx, cy);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, (int) fx(() -> scene().drawnCount()), "a click adds a point");
        robot.drag(cx - 30, cy).moveTo(cx + 30, cy + 10).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        int n = fx(() -> scene().drawnCount());
        assertTrue(n >= 3, "a drag lays points along it: " + n);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#step");
        }
        GanSnapshot s = plane(x -> x.rounds() >= 3 && x.realXs().length == n, "three rounds on the drawn points");
        assertEquals("", s.note());
        assertEquals("", text(robot, "#gan-plane-note"));
        assertTrue(text(robot, "#gan-plane-metrics").contains("Training on " + n + " drawn points"));
        // 10,000 points: it still trains
        fxRun(() -> {
            double[] xy = new double[20_000];
            for (int i = 0; i < 10_000; i++) {
                xy[2 * i] = Math.cos(i) * 2;
                xy[2 * i + 1] = Math.sin(i * 1.3);
            }
            scene().addDrawn(xy);
        });
        robot.clickOn("#step");
        GanSnapshot big = plane(x -> x.realXs().length == n + 10_000 && x.rounds() >= 4, "a round on 10,000 more points");
        assertTrue(Double.isFinite(big.lastD()));
        robot.clickOn("#gan-clear-drawn");
        GanSnapshot cleared = plane(x -> x.realXs().length == 0, "the cleared set");
        assertEquals("gan.note.drawSome", cleared.note());
        assertEquals(0, (int) fx(() -> scene().drawnCount()));
    }

    @Test
    void depthAndNoiseKnobsReachTheGan(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> {
            scene().params().set("g_depth", 3);
            scene().params().set("d_depth", 1);
            scene().params().setText("noise", "uniform");
        });
        robot.clickOn("#step");
        GanSnapshot s = plane(x -> x.config().gDepth() == 3 && x.rounds() >= 1, "the deeper G");
        Gan2D.Config c = s.config();
        assertEquals(1, c.dDepth());
        assertEquals(Gan2D.Noise.UNIFORM, c.noise());
        assertTrue(text(robot, "#gan-strip-noise").contains("U[\u22121, 1]\u00b2"), text(robot, "#gan-strip-noise"));
        assertTrue(robot.lookup("#knob-g_depth").tryQuery().isPresent() && robot.lookup("#knob-noise").tryQuery().isPresent(),
                "the knobs show beside the plane");
    }

    @Test
    void theStripShowsTheLossesAndStepsAndToggles(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        for (int i = 0; i < 2; i++) {
            robot.clickOn("#step");
        }
        GanSnapshot s = plane(x -> x.rounds() >= 2, "two rounds");
        WaitForAsyncUtils.waitForFxEvents();
        fxRun(() -> scene().pumpNow());
        String losses = text(robot, "#gan-strip-losses");
        assertEquals("L_D " + fmt(s.stepLossD()) + ", L_G " + fmt(s.stepLossG()), losses);
        assertEquals("D: 2 steps", text(robot, "#gan-strip-d"));
        assertEquals("G: 2 steps", text(robot, "#gan-strip-g"));
        assertTrue(text(robot, "#gan-strip-noise").contains("N(0, I\u2082)"));
        assertTrue(fx(() -> node(robot, "#gan-strip").isVisible()), "on by default");
        fxRun(() -> scene().params().set("show_strip", false));
        assertFalse(fx(() -> node(robot, "#gan-strip").isVisible()), "the toggle hides it");
        fxRun(() -> {
            scene().params().set("show_strip", true);
            window.setLanguage(Locale.KOREAN);
        });
        assertEquals("D: 2\uc2a4\ud15d", text(robot, "#gan-strip-d"));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", Math.abs(v) < 5e-4 ? 0.0 : v);
    }

    /** Slow motion: D and G sub-steps one at a time (k = 2: D, D, G), the strip lighting the player that moved. */
    @Test
    void slowMotionPlaysOneSubStepAtATime(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> {
            scene().params().set("k_d", 2);
            scene().params().set("slow_motion", true);
            scene().speedProperty().set(6); // 9 sub-steps a second
        });
        GanSnapshot start = plane(x -> true, "the first snapshot");
        long rounds = start.rounds();
        List<long[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> lit = new java.util.concurrent.CopyOnWriteArrayList<>();
        // what the plane shows after each sub-step: a new D(x) map, G's arrows (their toggle is off here)
        List<Boolean> newMap = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> arrows = new java.util.concurrent.CopyOnWriteArrayList<>();
        float[][] map = {start.heat()};
        seen.add(new long[] {start.dSteps(), start.gSteps()});
        // every snapshot drawn (slow motion sends a sub-step only once the last one is on screen)
        fxRun(() -> {
            scene().onPlaneDrawn(x -> {
                long[] prev = seen.get(seen.size() - 1);
                if (x.dSteps() != prev[0] || x.gSteps() != prev[1]) {
                    seen.add(new long[] {x.dSteps(), x.gSteps()});
                    lit.add(scene().stripLit());
                    newMap.add(!java.util.Arrays.equals(x.heat(), map[0]));
                    arrows.add(scene().planeLayerVisible("show_arrows"));
                }
                map[0] = x.heat();
            });
            scene().playingProperty().set(true);
        });
        long end = System.nanoTime() + 30_000_000_000L;
        while (seen.size() < 8 && System.nanoTime() < end) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        fxRun(() -> {
            scene().playingProperty().set(false);
            scene().onPlaneDrawn(null);
        });
        assertTrue(seen.size() >= 8, "sub-steps came: " + seen.size());
        StringBuilder order = new StringBuilder();
        for (int i = 1; i < seen.size(); i++) {
            long dd = seen.get(i)[0] - seen.get(i - 1)[0];
            long dg = seen.get(i)[1] - seen.get(i - 1)[1];
            assertEquals(1, dd + dg, "one sub-step at a time, step " + i);
            order.append(dd == 1 ? 'D' : 'G');
            assertEquals(dd == 1, newMap.get(i - 1), "a D step renews the map, a G step leaves it: step " + i);
            if (dg == 1) {
                assertTrue(arrows.get(i - 1), "G's arrows show on the fakes during a G step: step " + i);
                assertEquals("G", lit.get(i - 1));
            } else {
                assertEquals("D", lit.get(i - 1));
            }
        }
        assertTrue(order.toString().startsWith("DDGDDG"), order.toString());
        assertEquals(rounds, plane(x -> true, "the last").rounds(), "sub-steps, never whole rounds");
        // off again: Play trains whole rounds
        fxRun(() -> {
            scene().params().set("slow_motion", false);
            scene().speedProperty().set(1);
            scene().playingProperty().set(true);
        });
        plane(x -> x.rounds() >= rounds + 5, "rounds again");
        fxRun(() -> scene().playingProperty().set(false));
        assertEquals("NONE", fx(() -> scene().stripLit()));
    }

    @Test
    void theColourKeyNamesRealFakeAndWhatDSays(FxRobot robot) {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> node(robot, "#gan-plane-legend").isVisible()));
        List<String> names = fx(() -> robot.lookup("#gan-plane-legend").queryAs(javafx.scene.layout.Pane.class)
                .getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(List.of("real", "fake", "D says \"real\"", "D says \"fake\""), names);
        fxRun(() -> window.setLanguage(Locale.KOREAN));
        List<String> ko = fx(() -> robot.lookup("#gan-plane-legend").queryAs(javafx.scene.layout.Pane.class)
                .getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(I18n.get(Locale.KOREAN, "gan.legend.saysReal"), ko.get(2));
        assertNotEquals(names.get(0), ko.get(0));
    }

    @Test
    void aSavedScenarioReopensTheSameGenerator(@TempDir Path tmp, FxRobot robot) throws Exception {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> scene().params().set("seed", 7));
        for (int i = 0; i < 12; i++) {
            robot.clickOn("#step");
        }
        GanSnapshot trained = plane(x -> x.rounds() == 12 && x.config().seed() == 7, "twelve rounds");
        Path file = tmp.resolve("moons.genlab");
        fxRun(() -> window.saveScenario(file));
        String scenario = Files.readString(file);
        assertTrue(scenario.contains("weights = moons.weights.gz"), scenario);
        assertTrue(Files.size(tmp.resolve("moons.weights.gz")) > 1000);
        assertTrue(window.statusText().contains("trained weights saved"), window.statusText());
        robot.clickOn("#reset");
        GanSnapshot fresh = plane(x -> x.rounds() == 0 && x.config().seed() == 1, "a fresh GAN");
        assertNotEquals(trained.fakeXs()[0], fresh.fakeXs()[0], 1e-3);
        fxRun(() -> window.openScenario(file));
        assertTrue(window.statusText().contains("trained weights loaded"), window.statusText());
        GanSnapshot back = plane(x -> x.rounds() == 12 && x.config().seed() == 7, "the saved GAN back");
        for (int i = 0; i < trained.fakeXs().length; i++) {
            assertEquals(trained.fakeXs()[i], back.fakeXs()[i], 1e-4, "fake " + i);
            assertEquals(trained.fakeYs()[i], back.fakeYs()[i], 1e-4, "fake " + i);
        }
        robot.clickOn("#step");
        assertEquals(13, plane(x -> x.rounds() == 13, "a round more").rounds(), "it trains on");
    }

    @Test
    void drawnPointsComeBackWithTheirGan(@TempDir Path tmp, FxRobot robot) throws Exception {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> {
            scene().params().setText("data", "drawn");
            scene().addDrawn(1, 1, -1, -1, 0.5, -0.25);
        });
        robot.clickOn("#step");
        GanSnapshot trained = plane(x -> x.rounds() == 1 && x.realXs().length == 3, "a round on three points");
        Path file = tmp.resolve("three.genlab");
        fxRun(() -> window.saveScenario(file));
        robot.clickOn("#gan-clear-drawn");
        plane(x -> x.realXs().length == 0, "cleared");
        fxRun(() -> window.openScenario(file));
        GanSnapshot back = plane(x -> x.realXs().length == 3 && x.rounds() == 1, "the points and the GAN back");
        assertEquals(3, (int) fx(() -> scene().drawnCount()));
        assertEquals(-0.25, back.realYs()[2], 1e-6);
        assertEquals(trained.fakeXs()[5], back.fakeXs()[5], 1e-4);
    }

    @Test
    void aDamagedWeightsFileIsReportedAndTheKnobsStillLoad(@TempDir Path tmp, FxRobot robot) throws Exception {
        fxRun(() -> window.open(LESSON, PLANE_STEP));
        fxRun(() -> scene().params().set("batch", 64));
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#step");
        }
        plane(x -> x.rounds() == 3, "three rounds");
        Path file = tmp.resolve("cut.genlab");
        fxRun(() -> window.saveScenario(file));
        Path weights = tmp.resolve("cut.weights.gz");
        byte[] whole = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(whole, whole.length / 2));
        robot.clickOn("#reset");
        plane(x -> x.rounds() == 0, "a fresh GAN");
        assertEquals(256, (int) fx(() -> scene().params().values().get(dev.genlab.scene.gan.GanParams.BATCH)));
        fxRun(() -> window.openScenario(file));
        String status = window.statusText();
        assertTrue(status.startsWith("Knobs loaded from") && status.contains("truncated"), status);
        assertEquals(64, (int) fx(() -> scene().params().values().get(dev.genlab.scene.gan.GanParams.BATCH)),
                "the knobs loaded");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(0, plane(x -> true, "the GAN").rounds(), "no weights half-loaded");
        // missing, and a file of another model
        Files.delete(weights);
        fxRun(() -> window.openScenario(file));
        assertTrue(window.statusText().contains("is missing"), window.statusText());
        new dev.genlab.model.io.Checkpoint("nade", java.util.Map.of("x", "1"), new float[] {1, 2}).write(weights);
        fxRun(() -> window.openScenario(file));
        assertTrue(window.statusText().contains("not a saved 2-D GAN"), window.statusText());
    }
}
