package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.lesson.Lesson;

/**
 * No scroll pane of the window caches its viewport as a bitmap (UncachedScrollPaneSkin): the stock skin's cached
 * viewports filled the heap with the software pipeline's pooled pictures, 57 MB after three tours of the lessons
 * (English, Korean, English; issue 16).
 */
@ExtendWith(ApplicationExtension.class)
class ScrollPaneCacheTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "scroll-pane-cache");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window);
    }

    @Test
    void noViewportIsCachedOnAnyLessonsFirstStep() {
        int panes = 0;
        for (Lesson l : fx(() -> window.catalogue().lessons().stream().filter(Lesson::isUsable).toList())) {
            fxRun(() -> window.open(l, 0));
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            List<String> cached = new ArrayList<>();
            int[] seen = {0};
            fxRun(() -> visit(window.fxScene().getRoot(), l.id(), cached, seen));
            assertEquals(List.of(), cached, "scroll panes whose viewport is a cached bitmap");
            panes += seen[0];
        }
        assertTrue(panes >= 16, "scroll panes looked at: " + panes);
    }

    private static void visit(Node n, String where, List<String> cached, int[] seen) {
        if (n instanceof ScrollPane sp) {
            seen[0]++;
            if (!(sp.getSkin() instanceof UncachedScrollPaneSkin)) {
                cached.add(where + ": " + sp.getId() + " has " + sp.getSkin());
            }
            for (Node c : sp.getChildrenUnmodifiable()) {
                if (c.getStyleClass().contains("viewport") && c.isCache()) {
                    cached.add(where + ": " + sp.getId() + " (" + sp.getStyleClass() + ")");
                }
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, where, cached, seen);
            }
        }
    }
}
