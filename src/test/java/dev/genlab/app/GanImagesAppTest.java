package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.awaitFx;
import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.gan.GanScene;
import dev.genlab.scene.gan.ImageSnapshot;

/** Lesson 8's image panel through the real window: the shipped GAN's pictures, Step and Play, the digit, Korean. */
@ExtendWith(ApplicationExtension.class)
class GanImagesAppTest {

    static final String LESSON = "08-gan-minimax";
    /** "A GAN on images". */
    static final int IMAGES_STEP = 11;
    /** "Pick the digit". */
    static final int DIGIT_STEP = 13;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "gan-images");
    }

    @AfterEach
    void tearDown() {
        fxRun(() -> I18n.setLocale(java.util.Locale.ENGLISH));
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private GanScene scene() {
        return (GanScene) window.currentScene().orElseThrow();
    }

    private ImageSnapshot imagesWhere(java.util.function.Predicate<ImageSnapshot> ok, String what) {
        return awaitFx(() -> {
            scene().pumpNow();
            ImageSnapshot s = scene().lastImages();
            return s != null && s.grid() != null && ok.test(s) ? s : null;
        }, s -> true, what);
    }

    @Test
    void theShippedGanShowsItsGridAndCoverageAndStepAndPlayTrainIt(FxRobot robot) {
        fxRun(() -> window.open(LESSON, IMAGES_STEP));
        assertEquals("images", fx(() -> scene().params().getChoice("panel")));
        assertTrue(fx(() -> window.fxScene().lookup("#gan-images-grid") != null), "the image panel shows");
        ImageSnapshot first = imagesWhere(s -> true, "the shipped GAN's first pictures");
        assertTrue(first.shipped());
        assertEquals(64 * 784, first.grid().length);
        assertEquals(10, first.covered());
        String text = fx(() -> scene().imagesReadout());
        assertTrue(text.contains("10 of 10 classes") && text.contains("Started from the shipped GAN"), text);
        robot.clickOn("#step");
        ImageSnapshot one = imagesWhere(s -> s.steps() == 1, "the snapshot after one step");
        assertFalse(Arrays.equals(first.grid(), one.grid()), "a step moves G, so the grid changes");
        assertTrue(fx(() -> scene().imagesReadout()).contains("Step 1:"));
        assertEquals(0, fx(() -> scene().lastPlane()) == null ? 0 : fx(() -> scene().lastPlane()).rounds(),
                "the plane's GAN did not train");
        fxRun(() -> scene().playingProperty().set(true));
        ImageSnapshot played = imagesWhere(s -> s.steps() >= 10, "ten steps of play");
        fxRun(() -> scene().playingProperty().set(false));
        assertTrue(played.curveD().length >= 10);
        assertTrue(Arrays.stream(played.curveD()).allMatch(Double::isFinite));
    }

    @Test
    void theDigitKnobRedrawsTheStripAndTheReadOutSpeaksKorean(FxRobot robot) {
        fxRun(() -> window.open(LESSON, DIGIT_STEP));
        ImageSnapshot three = imagesWhere(s -> s.conditional() && s.digit() == 3, "the conditional GAN, digit 3");
        assertEquals(10, three.gridRows());
        fxRun(() -> scene().params().setText("img_digit", "8"));
        ImageSnapshot eight = imagesWhere(s -> s.digit() == 8, "the strip of digit 8");
        assertNotSame(three.strip(), eight.strip());
        assertFalse(Arrays.equals(three.strip(), eight.strip()), "another digit, another strip");
        assertTrue(Arrays.equals(three.grid(), eight.grid()), "the grid stays");
        assertEquals(0, eight.steps(), "picking a digit trains nothing");
        fxRun(() -> I18n.setLocale(java.util.Locale.KOREAN));
        String ko = fx(() -> scene().imagesReadout());
        assertTrue(ko.contains("요청한 클래스") && ko.contains("숫자 8"), ko);
    }

    /** The last step shows the descendants' diagrams and nothing trains there. */
    @Test
    void theLastStepShowsTheDescendants(FxRobot robot) {
        fxRun(() -> window.open(LESSON, 15));
        assertEquals("descendants", fx(() -> scene().params().getChoice("panel")));
        javafx.scene.Node view = robot.lookup("#gan-descendants").query();
        assertTrue(fx(() -> view.isVisible() && view.getScene() != null
                && view.getLayoutBounds().getWidth() > 300 && view.getLayoutBounds().getHeight() > 150),
                "the diagrams fill the scene");
        robot.clickOn("#step");
        // the trainer's newest snapshot after the step (the panel draws none of it)
        dev.genlab.scene.gan.GanSnapshot s = AppTestSupport.awaitFx(() -> {
            var v = scene().trainer().latest();
            return v == null ? null : v.snapshot();
        }, x -> x != null, "a snapshot after the step");
        java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
        s = fx(() -> scene().trainer().latest().snapshot());
        assertEquals(0, s.rounds(), "Step trains neither GAN here");
        assertEquals(null, s.images(), "the image GAN is not even built");
    }
}
