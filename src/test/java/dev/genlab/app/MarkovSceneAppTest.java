package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javafx.scene.control.ComboBox;
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

import dev.genlab.scene.markov.MarkovScene;
import dev.genlab.scene.markov.MarkovSnapshot;

/** Lesson 4's scene through the real window: the order k, Step, the pixel ordering. */
@ExtendWith(ApplicationExtension.class)
class MarkovSceneAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("markov"), url -> { });
        window.show();
        window.open("04-markov-assumption", 0);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private MarkovScene scene() {
        return (MarkovScene) window.currentScene().orElseThrow();
    }

    private MarkovSnapshot shown(Predicate<MarkovSnapshot> cond, String what) {
        return AppTestSupport.awaitFx(() -> scene().lastShown(), cond, what);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private MarkovSnapshot fitted(int k) {
        return shown(s -> s.side() == 14 && s.trainCount() > 0 && s.chosen() == k && s.family().equals("markov"),
                "14 x 14 fitted with k = " + k);
    }

    @Test
    void changingTheOrderUpdatesTheNllReadout(FxRobot robot) {
        MarkovSnapshot a = fitted(1);
        String before = text(robot, "#markov-nll");
        assertTrue(before.startsWith("k = 1, raster"), before);
        assertTrue(before.contains(String.format(java.util.Locale.ROOT, "%.2f", a.testNll()[1])), before);
        Slider k = robot.lookup("#knob-order").queryAs(Slider.class);
        fxRun(k::requestFocus);
        robot.type(KeyCode.RIGHT);
        assertEquals(2, scene().params().getInt("order"));
        MarkovSnapshot b = fitted(2);
        WaitForAsyncUtils.waitForFxEvents();
        String after = text(robot, "#markov-nll");
        assertNotEquals(before, after);
        assertTrue(after.startsWith("k = 2,"), after);
        assertTrue(after.contains(String.format(java.util.Locale.ROOT, "%.2f", b.testNll()[2])), after);
        assertTrue(text(robot, "#markov-best").startsWith("best k = " + b.bestX()), text(robot, "#markov-best"));
        assertEquals(Arrays.toString(a.testNll()), Arrays.toString(b.testNll()), "k moves the marker, not the curve");
    }

    @Test
    void stepDrawsExactlyOnePixel(FxRobot robot) {
        MarkovSnapshot a = fitted(1);
        int start = a.drawn();
        String before = text(robot, "#markov-conditional");
        for (int i = 1; i <= 3; i++) {
            robot.clickOn("#step");
            int want = start + i;
            MarkovSnapshot s = shown(x -> x.drawn() == want, "pixel " + want);
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
            assertEquals(want, fx(() -> scene().lastShown().drawn()), "exactly one pixel per Step");
            assertEquals(s.path()[want], s.current());
            String now = text(robot, "#markov-conditional");
            assertNotEquals(before, now, "the shown pixel and conditional move on");
            assertTrue(now.contains(String.format(java.util.Locale.ROOT, "%.3f", s.conditional())), now);
            before = now;
        }
    }

    @Test
    void theOrderingChangesTheHeldOutNllAndThePath(FxRobot robot) {
        MarkovSnapshot a = fitted(1);
        assertEquals("raster", a.ordering());
        String nll = text(robot, "#markov-nll");
        @SuppressWarnings("unchecked")
        ComboBox<String> ordering = robot.lookup("#knob-ordering").queryAs(ComboBox.class);
        fxRun(() -> ordering.getSelectionModel().select("hilbert"));
        MarkovSnapshot b = shown(s -> s.ordering().equals("hilbert") && s.side() == 14, "the Hilbert ordering");
        assertFalse(Arrays.equals(a.path(), b.path()), "a new path");
        assertNotEquals(a.testNll()[1], b.testNll()[1]);
        assertNotEquals(nll, text(robot, "#markov-nll"));
        assertTrue(text(robot, "#markov-nll").contains("Hilbert"), text(robot, "#markov-nll"));
    }
}
