package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The lecture notes window: the current step's text, the next step's heading and a timer; its keys and buttons
 * move the main window's lesson, and the main window's moves show in it; presenter mode stays on the projector.
 */
@ExtendWith(ApplicationExtension.class)
class NotesWindowAppTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("notes"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.close());
    }

    private static String headingsOf(javafx.scene.Parent p) {
        StringBuilder b = new StringBuilder();
        for (javafx.scene.Node n : p.lookupAll(".label")) {
            b.append(((javafx.scene.control.Labeled) n).getText()).append('\n');
        }
        for (javafx.scene.Node n : p.lookupAll("Text")) {
            b.append(((javafx.scene.text.Text) n).getText());
        }
        return b.toString();
    }

    @Test
    void theNotesFollowTheLessonAndTheirKeysDriveIt(FxRobot robot) {
        fxRun(() -> window.open("05-neural-autoregressive", 0));
        fxRun(window::showNotes);
        NotesWindow notes = fx(window::notes);
        assertTrue(fx(notes::isShowing));
        assertEquals("Next: Train it from scratch", fx(notes.nextHeading::getText));
        assertTrue(fx(() -> headingsOf(notes.stage().getScene().getRoot())).contains("Every conditional from one network"));
        assertTrue(fx(notes.clock::getText).matches("\\d+:\\d\\d"), fx(notes.clock::getText));
        // a clicker's key in the notes window moves the lesson, and the notes follow
        fxRun(() -> notes.stage().getScene().getRoot().fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "",
                KeyCode.PAGE_DOWN, false, false, false, false)));
        assertEquals(1, fx(() -> window.stepProperty().get()));
        assertEquals("Next: No sharing: a logistic regression per pixel", fx(notes.nextHeading::getText));
        // its Next button too; the main window's Previous shows in it
        fxRun(notes.text.next::fire);
        assertEquals(2, fx(() -> window.stepProperty().get()));
        fxRun(window::previous);
        assertEquals("Next: No sharing: a logistic regression per pixel", fx(notes.nextHeading::getText));
        // presenter mode fills the projector; the notes keep their reading look
        fxRun(() -> window.setPresenter(true));
        assertFalse(fx(() -> notes.stage().getScene().getRoot().getStyleClass().contains("presenter")));
        assertTrue(fx(() -> headingsOf(notes.stage().getScene().getRoot())).contains("Train it from scratch"),
                "the full text, not the presenter band");
        fxRun(() -> window.setPresenter(false));
        // the last step says so
        fxRun(() -> window.open("05-neural-autoregressive", 12));
        assertEquals("This is the lesson\u2019s last step.", fx(notes.nextHeading::getText));
    }
}
