package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.scene.control.Label;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.families.FamiliesScene;
import dev.genlab.scene.families.FamiliesSnapshot;
import dev.genlab.scene.families.FamiliesSnapshot.Family;

/** The closing lesson through the real window: Step measures one family, Play the rest; every row and grid filled. */
@ExtendWith(ApplicationExtension.class)
class FamiliesSceneAppTest {

    static final String LESSON = "09-families";
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "families");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private FamiliesScene scene() {
        return (FamiliesScene) window.currentScene().orElseThrow();
    }

    /** Waits up to a minute (the networks' rows take seconds each on a shared machine). */
    private FamiliesSnapshot await(java.util.function.Predicate<FamiliesSnapshot> cond, String what) {
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end) {
            FamiliesSnapshot s = fx(() -> {
                scene().pumpNow();
                return scene().lastShown();
            });
            if (s != null && cond.test(s)) {
                WaitForAsyncUtils.waitForFxEvents();
                return s;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?");

    private static List<Double> numbers(String text) {
        Matcher m = NUMBER.matcher(text);
        List<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group().replace(",", "")));
        }
        return out;
    }

    @Test
    void stepThenPlayFillsEveryRowAndEveryGrid(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 0));
        // given the images loaded and nothing measured yet
        await(s -> s.evalCount() > 0 && s.rows().isEmpty() && s.next() == Family.INDEPENDENT, "the images");
        assertEquals("", fx(() -> scene().rowText(Family.INDEPENDENT).get(2)), "no number before the run");
        // when: Step measures exactly one family
        robot.clickOn("#step");
        FamiliesSnapshot one = await(s -> s.rows().size() == 1, "one family");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(1, fx(() -> scene().lastShown().rows().size()), "Step measures one family, not more");
        assertEquals(Family.MARKOV, one.next());
        // and Play runs the rest, one after another
        robot.clickOn("#play");
        FamiliesSnapshot all = await(s -> s.next() == null && s.rows().size() == Family.values().length, "every family");
        assertTrue(all.shipped(), "the app opens on the built-in digits");
        for (Family f : Family.values()) {
            List<String> cells = fx(() -> scene().rowText(f));
            String joined = String.join(" | ", cells);
            assertFalse(joined.contains("NaN") || joined.contains("Infinity") || joined.contains("\u2014"), f + ": " + joined);
            for (int c = 1; c < cells.size(); c++) {
                assertFalse(cells.get(c).isBlank(), f + " column " + c + " filled: " + joined);
            }
            // a number for every family but the GAN, a time and a parameter count for all
            if (f != Family.GAN) {
                List<Double> v = numbers(cells.get(2));
                assertFalse(v.isEmpty(), f + ": " + cells.get(2));
                assertTrue(v.stream().allMatch(Double::isFinite) && v.get(0) > 0, f + ": " + cells.get(2));
            }
            assertTrue(numbers(cells.get(3)).get(0) > 0, f + " time: " + cells.get(3));
            assertTrue(numbers(cells.get(4)).get(0) > 0, f + " parameters: " + cells.get(4));
            assertTrue(fx(() -> scene().gridDrawn(f)), f + "'s grid of samples drawn");
        }
        // the numbers on screen are the lab's: NADE's mean NLL to the shown precision
        FamiliesSnapshot.Row nade = all.rows().get(Family.NADE.ordinal());
        assertEquals(nade.nll(), numbers(fx(() -> scene().rowText(Family.NADE).get(2))).get(0), 0.05);
        // and the table follows the language
        fxRun(() -> window.setLanguage(Locale.KOREAN));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(I18n.get(Locale.KOREAN, "families.col.latent"),
                robot.lookup("#families-col-latent").queryAs(Label.class).getText());
        assertEquals(I18n.get(Locale.KOREAN, "families.kind.exact"), fx(() -> scene().rowText(Family.NADE).get(1)));
    }
}
