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
import dev.genlab.scene.families.FamiliesParams;
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

    /**
     * Step fits one counting model; Play goes on to the networks, whose row shows its training time of the budget;
     * paused, that time stands still; the table follows the language; Reset empties it. (The whole table, every
     * network trained, is {@code FamiliesLabTest}'s and the screenshots'.)
     */
    @Test
    void stepThenPlayTrainsTheNetworksAndShowsTheirProgress(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 0));
        // given the images loaded and nothing measured yet
        await(s -> s.evalCount() > 0 && s.rows().isEmpty() && s.next() == Family.INDEPENDENT, "the images");
        assertEquals("", fx(() -> scene().rowText(Family.INDEPENDENT).get(2)), "no number before the run");
        // when: Step fits exactly one family
        robot.clickOn("#step");
        FamiliesSnapshot one = await(s -> s.rows().size() == 1, "one family");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        assertEquals(1, fx(() -> scene().lastShown().rows().size()), "Step fits one family, not more");
        assertEquals(Family.MARKOV, one.next());
        // the target is stated in words with the chain's number once the images are in
        String target = robot.lookup("#families-target").queryAs(Label.class).getText();
        assertTrue(target.contains(String.format(Locale.ROOT, "%.1f", one.target())), target);
        // and Play fits the chain, then trains NADE, whose row counts its training time against the budget
        robot.clickOn("#play");
        FamiliesSnapshot training = await(s -> s.current() != null && s.current().family() == Family.NADE
                && s.current().trainedSeconds() > 0.5, "NADE in training");
        assertEquals(FamiliesParams.BUDGET.defaultValue(), training.budgetSeconds());
        assertEquals(FamiliesSnapshot.QualityKind.SETS_TARGET, training.rows().get(1).quality().kind());
        List<String> markov = fx(() -> scene().rowText(Family.MARKOV));
        for (int c = 1; c < markov.size(); c++) {
            assertFalse(markov.get(c).isBlank() || markov.get(c).contains("NaN"), "Markov column " + c + ": " + markov);
        }
        String progress = fx(() -> scene().rowText(Family.NADE).get(4));
        assertTrue(numbers(progress).contains((double) FamiliesParams.BUDGET.defaultValue()),
                "NADE's row shows its budget: " + progress);
        // paused, the training time stands still
        fxRun(() -> scene().playingProperty().set(false));
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        double paused = await(s -> true, "a snapshot").current().trainedSeconds();
        WaitForAsyncUtils.sleep(1000, TimeUnit.MILLISECONDS);
        assertEquals(paused, await(s -> true, "a snapshot").current().trainedSeconds(), 0,
                "no training time counted while paused");
        // the table follows the language
        fxRun(() -> window.setLanguage(Locale.KOREAN));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(I18n.get(Locale.KOREAN, "families.col.quality"),
                robot.lookup("#families-col-quality").queryAs(Label.class).getText());
        assertEquals(I18n.get(Locale.KOREAN, "families.kind.exact"), fx(() -> scene().rowText(Family.MARKOV).get(1)));
        // and Reset starts again
        fxRun(() -> scene().reset());
        await(s -> s.rows().isEmpty() && s.current() == null && s.evalCount() > 0, "an empty table after Reset");
    }

    /** Show the table, cleared: the table goes and the sample grids take its height; set again, it is back. */
    @Test
    void clearingShowTheTableGivesTheGridsTheHeight(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 2));
        await(s -> s.evalCount() > 0, "the images");
        javafx.scene.Node table = robot.lookup("#families-table").query();
        javafx.scene.Node grid = robot.lookup("#families-grid-gan").query();
        assertTrue(fx(table::isVisible));
        double before = fx(() -> grid.getLayoutBounds().getHeight());
        fxRun(() -> scene().params().set("table", false));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx(table::isVisible), "the table is hidden");
        assertFalse(fx(() -> robot.lookup("#families-footnote").query().isVisible()), "and the footnote on its numbers");
        double after = fx(() -> grid.getLayoutBounds().getHeight());
        assertTrue(after > before + 100, "the grids grew from " + before + " to " + after);
        fxRun(() -> scene().params().set("table", true));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(table::isVisible));
    }
}
