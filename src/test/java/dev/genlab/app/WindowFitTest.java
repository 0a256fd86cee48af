package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;

/**
 * The window at the sizes a student has: at 1280 × 800 no label, button or navigator entry is cut
 * off (a JavaFX label that does not fit shows an ellipsis; one that may be cut, such as a long lesson
 * title in the navigator, must carry its whole text in a tooltip), in English and Korean, on every
 * step; at the 800 × 500 minimum the step buttons, the toolbar's Play and the scene are on screen.
 * Canvas figures fit their axis titles and legends by themselves (AxesFigureTest).
 */
@ExtendWith(ApplicationExtension.class)
class WindowFitTest {

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = AppTestSupport.openWindow(stage, "window-fit");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window);
    }

    @Test
    void nothingIsCutOffAt1280x800() throws Exception {
        Set<String> problems = new LinkedHashSet<>();
        AppTestSupport.everyStep(window, I18n.SUPPORTED, 150, (l, i, lang) -> {
            String where = l.id() + " step " + (i + 1) + " " + lang.getLanguage() + ": ";
            problems.addAll(fx(() -> cutOff(where, window.fxScene().getRoot())));
        });
        assertTrue(problems.isEmpty(), problems.size() + " cut off:\n" + String.join("\n", problems));
    }

    @Test
    void usableAt800x500() {
        fxRun(() -> {
            stage.setWidth(800);
            stage.setHeight(500);
        });
        for (Lesson l : window.catalogue().lessons()) {
            if (!l.isUsable()) {
                continue;
            }
            fxRun(() -> window.open(l, l.stepCount() - 1));
            WaitForAsyncUtils.sleep(150, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            double w = fx(() -> window.fxScene().getWidth());
            double h = fx(() -> window.fxScene().getHeight());
            assertTrue(w <= 801 && h <= 501, "the window is " + w + "×" + h);
            for (String id : new String[] {"#previous-step", "#next-step", "#play", "#step", "#reset", "#scene-view-scroll"}) {
                Bounds b = fx(() -> {
                    Node n = window.fxScene().lookup(id);
                    return n == null || !n.isVisible() ? null : n.localToScene(n.getBoundsInLocal());
                });
                assertTrue(b != null, l.id() + ": " + id + " is shown at 800 × 500");
                assertTrue(b.getMinX() >= -1 && b.getMaxX() <= w + 1 && b.getMinY() >= -1 && b.getMaxY() <= h + 1,
                        l.id() + ": " + id + " is inside the 800 × 500 window: " + b);
                if (id.equals("#scene-view-scroll")) {
                    assertTrue(b.getHeight() >= 150 && b.getWidth() >= 250,
                            l.id() + ": the scene has room at 800 × 500: " + b);
                }
            }
        }
    }

    /** Labels, buttons and cells whose shown text is shorter than their text, without a tooltip that holds it. */
    private static List<String> cutOff(String where, Parent root) {
        List<String> out = new ArrayList<>();
        for (Node n : root.lookupAll("*")) {
            if (!(n instanceof Labeled lab) || !visible(lab) || lab.getText() == null || lab.getText().isBlank()) {
                continue;
            }
            String shown = null;
            for (Node c : lab.getChildrenUnmodifiable()) {
                if (c instanceof Text t && t.isVisible()) {
                    shown = t.getText();
                }
            }
            if (shown == null || shown.equals(lab.getText()) || !(shown.endsWith("…") || shown.endsWith("..."))) {
                continue;
            }
            boolean explained = lab.getTooltip() != null && lab.getTooltip().getText() != null
                    && lab.getTooltip().getText().contains(lab.getText().strip());
            if (!explained) {
                String kind = lab instanceof TreeCell<?> ? "navigator entry" : lab.getClass().getSimpleName();
                out.add(where + kind + " \"" + lab.getText() + "\" shows \"" + shown + "\""
                        + (lab.getId() != null ? " (#" + lab.getId() + ")" : ""));
            }
        }
        return out;
    }

    private static boolean visible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
