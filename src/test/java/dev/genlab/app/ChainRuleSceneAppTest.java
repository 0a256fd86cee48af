package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.scene.chainrule.ChainRuleModel;
import dev.genlab.scene.chainrule.ChainRuleScene;

/** Lesson 3's scene through the real window: a weight slider, the order, Make it hold, the all-zero table. */
@ExtendWith(ApplicationExtension.class)
class ChainRuleSceneAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("chainrule"), url -> { });
        window.show();
        window.open("03-chain-rule", 0);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private ChainRuleScene scene() {
        return (ChainRuleScene) window.currentScene().orElseThrow();
    }

    private ChainRuleScene.Shown shown() {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> scene().shown());
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** The table figure's accessible text: what it draws, as words. */
    private String tableText(FxRobot robot) {
        return fx(() -> robot.lookup("#chainrule-table").query().getAccessibleText());
    }

    private int[] pixels(FxRobot robot, String id) {
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> {
            Node n = robot.lookup(id).query();
            WritableImage img = n.snapshot(null, null);
            PixelReader r = img.getPixelReader();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[y * w + x] = r.getArgb(x, y);
                }
            }
            return px;
        });
    }

    @Test
    void aWeightSliderChangesTheTableAndTheLeaves(FxRobot robot) {
        // given the default table, whose weights add up to 1
        ChainRuleModel.Tree before = shown().tree();
        String table = tableText(robot);
        int[] tableBefore = pixels(robot, "#chainrule-table");
        int[] treeBefore = pixels(robot, "#chainrule-tree");
        assertTrue(table.startsWith("\u03a3u = 1.000; p(0,0,0) = 0.440; "), table);
        assertTrue(table.contains("p(0,1,1) = 0.290"), table);
        // when the weight of (0,0,0) goes up by one slider step
        Slider s = robot.lookup("#knob-p000").queryAs(Slider.class);
        fxRun(s::requestFocus);
        robot.type(KeyCode.RIGHT);
        // then that weight rises, and every probability changes because the sum did
        assertEquals(0.45, fx(() -> scene().params().getDouble("p000")), 1e-12);
        ChainRuleModel.Tree after = shown().tree();
        table = tableText(robot);
        assertTrue(table.startsWith("\u03a3u = 1.010; p(0,0,0) = 0.446; "), "0.45 / 1.01: " + table);
        assertTrue(table.contains("p(0,1,1) = 0.287"), "the other entries are renormalised, 0.29 / 1.01: " + table);
        assertEquals(0.29 / 1.01, shown().p()[3], 1e-15);
        assertFalse(Arrays.equals(tableBefore, pixels(robot, "#chainrule-table")), "the table is drawn anew");
        assertFalse(Arrays.equals(before.product(), after.product()), "the leaves' products change");
        for (int leaf = 0; leaf < 8; leaf++) {
            assertEquals(after.joint()[leaf], after.product()[leaf], 1e-15, "each leaf is still the table entry");
        }
        assertFalse(Arrays.equals(treeBefore, pixels(robot, "#chainrule-tree")), "the tree is drawn anew");
    }

    @Test
    void anotherOrderChangesTheFirstLevelButNotTheLeafProducts(FxRobot robot) {
        ChainRuleModel.Tree rsw = shown().tree();
        @SuppressWarnings("unchecked")
        ComboBox<String> order = robot.lookup("#knob-order").queryAs(ComboBox.class);
        fxRun(() -> order.getSelectionModel().select("WRS"));
        ChainRuleModel.Tree wrs = shown().tree();
        assertEquals(ChainRuleModel.W, wrs.order()[0]);
        assertEquals(0.21, rsw.first()[1], 1e-12, "p(R = 1)");
        assertEquals(0.48, wrs.first()[1], 1e-12, "p(W = 1)");
        for (int i = 0; i < 8; i++) {
            assertEquals(rsw.productOf(i), wrs.productOf(i), 1e-15, "leaf of table entry " + i);
        }
        String leaves = fx(() -> robot.lookup("#chainrule-tree").query().getAccessibleText());
        assertTrue(leaves.startsWith("W=0,R=0,S=0: 0.4400 = 0.4400; "), leaves);
        // Step shows the next order
        robot.clickOn("#step");
        assertEquals("WSR", fx(() -> scene().params().getChoice("order")));
        assertEquals(ChainRuleModel.S, shown().tree().order()[1]);
    }

    @Test
    void makeItHoldLightsTheBadgeAndTheCountDropsToFive(FxRobot robot) {
        assertEquals("does not hold", text(robot, "#chainrule-ci-badge"));
        assertTrue(text(robot, "#chainrule-count").contains("7"), text(robot, "#chainrule-count"));
        ChainRuleModel.Bayes bayes = shown().bayes1();
        double cmi = shown().cmi();
        assertTrue(cmi > 0.01, "R and S are far from independent given W: " + cmi);

        robot.clickOn("#chainrule-make-hold");

        ChainRuleScene.Shown s = shown();
        assertTrue(s.holds());
        assertTrue(s.gap() <= 1e-12, "gap " + s.gap());
        assertEquals(5, s.parameters());
        assertEquals("\u2713 holds", text(robot, "#chainrule-ci-badge"));
        assertTrue(text(robot, "#chainrule-count").startsWith("Numbers to store: 5 = 1 + 2 + 2"),
                text(robot, "#chainrule-count"));
        // the sliders now hold the projection, whose p(w) and p(r | w) are those of the old table
        assertEquals(s.p()[0], fx(() -> scene().params().getDouble("p000")), 1e-12);
        assertEquals(bayes.posterior(), s.bayes1().posterior(), 1e-12, "p(R = 1 | W = 1) is kept");
        assertTrue(fx(() -> robot.lookup("#chainrule-make-hold").query().isDisabled()));
        assertTrue(fx(() -> window.statusText()).contains("KL"), fx(() -> window.statusText()));
    }

    @Test
    void bayesNeedsTwoVariables(FxRobot robot) {
        assertTrue(text(robot, "#chainrule-bayes-1").startsWith("y=1:  0.762 \u00d7 0.210 / 0.480 = 0.333"),
                text(robot, "#chainrule-bayes-1"));
        @SuppressWarnings("unchecked")
        ComboBox<String> y = robot.lookup("#knob-bayes_y").queryAs(ComboBox.class);
        fxRun(() -> y.getSelectionModel().select("R"));
        assertEquals("Choose two different variables for X and Y.", text(robot, "#chainrule-bayes-formula"));
        assertNull(shown().bayes1());
    }

    @Test
    void anAllZeroTableIsRefused(FxRobot robot) {
        fxRun(() -> {
            for (int i = 0; i < 8; i++) {
                scene().params().set(ChainRuleModel.knobId(i), 0.0);
            }
        });
        ChainRuleScene.Shown s = shown();
        assertNull(s.p());
        assertTrue(text(robot, "#chainrule-message").startsWith("All eight weights are 0"));
        assertFalse(fx(() -> robot.lookup("#chainrule-tree").query().isVisible()));
        fxRun(() -> scene().params().set("p101", 0.5));
        assertEquals(1.0, shown().p()[5]);
        assertEquals("", text(robot, "#chainrule-message"));
    }
}
