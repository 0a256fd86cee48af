package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.AxesFigure;
import dev.genlab.plot.FigureExport;

/**
 * Presenter mode on a projector: every step of every lesson, in English and Korean, full screen at
 * the screen size of the run. The pom runs it twice, on a headless screen of 1280 × 720 and of
 * 1920 × 1080 (tag {@code projector}, surefire executions {@code projector-720} and
 * {@code projector-1080}). For each step:
 * <ul>
 *   <li>the lesson is a band above the scene, at most a quarter of the screen high, its step
 *       buttons inside the screen;</li>
 *   <li>the scene fits the screen's width (nothing cut off at the right);</li>
 *   <li>every chart (an {@link AxesFigure}) is at least a quarter of the scene's height, and its
 *       plot area at least 40 % of the chart (axes, titles and legend do not eat it);</li>
 *   <li>the legend is never over the plot area (it is drawn above it or beside the x title: see
 *       AxesFigureTest).</li>
 * </ul>
 * With {@code -Dgenlab.presenterShots=DIR} it also saves each step's screen as a PNG there, to look at.
 */
@Tag("projector")
@ExtendWith(ApplicationExtension.class)
class PresenterLayoutTest {

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = AppTestSupport.openWindow(stage, "presenter-layout");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window);
    }

    @Test
    void everyStepFitsTheProjector() throws Exception {
        String shots = System.getProperty("genlab.presenterShots", "");
        fxRun(() -> window.setPresenter(true));
        WaitForAsyncUtils.waitForFxEvents();
        double sw = fx(() -> window.fxScene().getWidth());
        double sh = fx(() -> window.fxScene().getHeight());
        double screenW = fx(() -> Screen.getPrimary().getBounds().getWidth());
        assertTrue(Math.abs(sw - screenW) < 1, "presenter mode fills the screen: " + sw + " of " + screenW);
        String geometry = System.getProperty("headless.geometry", "");
        if (geometry.matches("\\d+x\\d+.*")) {
            String[] wh = geometry.split("[x-]");
            assertTrue(sw == Double.parseDouble(wh[0]) && sh == Double.parseDouble(wh[1]),
                    "the run's screen is " + geometry + ", the window " + sw + "×" + sh);
        }
        List<String> problems = new ArrayList<>();
        AppTestSupport.everyStep(window, I18n.SUPPORTED, 400, (l, i, lang) -> {
            String where = l.id() + " step " + (i + 1) + " " + lang.getLanguage() + " at " + (int) sw + "×" + (int) sh + ": ";
            problems.addAll(fx(() -> check(where, sw, sh)));
            if (!shots.isEmpty()) {
                Path f = Path.of(shots, l.id() + "-" + (i + 1) + "-" + lang.getLanguage() + "-" + (int) sw + "x" + (int) sh + ".png");
                Files.createDirectories(f.getParent());
                fx(() -> {
                    FigureExport.savePng(stage.getScene().getRoot(), f, 1);
                    return null;
                });
            }
        });
        fxRun(() -> window.setPresenter(false));
        assertTrue(problems.isEmpty(), problems.size() + " layout problems:\n" + String.join("\n", problems));
    }

    private List<String> check(String where, double sw, double sh) {
        List<String> out = new ArrayList<>();
        Node band = window.fxScene().lookup("#lesson-band");
        if (band == null || !band.isVisible()) {
            out.add(where + "no lesson band");
            return out;
        }
        Bounds b = band.localToScene(band.getBoundsInLocal());
        if (b.getHeight() > 0.25 * sh + 1) {
            out.add(where + "the band is " + (int) b.getHeight() + " px high, over a quarter of the screen");
        }
        for (String id : new String[] {"#next-step", "#previous-step", "#step-counter"}) {
            Node n = window.fxScene().lookup(id);
            Bounds nb = n.localToScene(n.getBoundsInLocal());
            if (nb.getMaxX() > sw + 1 || nb.getMinX() < -1) {
                out.add(where + id + " is outside the screen: " + nb);
            }
        }
        ScrollPane scroll = (ScrollPane) window.fxScene().lookup("#scene-view-scroll");
        Region view = (Region) scroll.getContent();
        double viewportW = scroll.getViewportBounds().getWidth();
        double viewportH = scroll.getViewportBounds().getHeight();
        if (view.getWidth() > viewportW + 1) {
            out.add(where + "the scene is " + (int) view.getWidth() + " px wide in a " + (int) viewportW
                    + " px viewport (cut off at the right)");
        }
        for (Node n : view.lookupAll("*")) {
            if (!(n instanceof AxesFigure f) || !f.isVisible() || !treeVisible(f) || f.getScene() == null) {
                continue;
            }
            String name = f.getId() != null ? f.getId() : f.getClass().getSimpleName();
            if (f.getHeight() < 0.25 * viewportH - 1) {
                out.add(where + name + " is " + (int) f.getHeight() + " px high, under a quarter of the scene's "
                        + (int) viewportH);
            }
            if (f.getTransform() != null && f.getTransform().height() < 0.4 * f.getHeight()) {
                out.add(where + name + "'s plot area is " + (int) f.getTransform().height() + " px of its "
                        + (int) f.getHeight());
            }
        }
        return out;
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
