package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class RecordAnimationMenuTest {

    private CurvePlot curve;

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        curve = new CurvePlot();
        stage.setScene(new Scene(new HBox(curve), 320, 220));
        stage.show();
    }

    @AfterEach
    void closeOtherWindows() {
        Fx.run(() -> Window.getWindows().stream().filter(w -> w.getScene() == null || w.getScene().getRoot() != curve.getParent())
                .toList().forEach(Window::hide));
    }

    private static Optional<Window> showing(java.util.function.Predicate<Window> p) {
        return Fx.call(() -> Window.getWindows().stream().filter(w -> w.isShowing() && p.test(w)).findFirst());
    }

    @Test
    void recordAnimationOpensTheDialogWhoseOkRecordsTheFigure(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.clickOn(curve, MouseButton.SECONDARY);
        WaitForAsyncUtils.waitForFxEvents();
        ContextMenu menu = (ContextMenu) showing(w -> w instanceof ContextMenu).orElseThrow();
        List<String> items = Fx.call(() -> menu.getItems().stream().map(MenuItem::getText).toList());
        assertEquals(List.of("Copy image", "Save as PNG\u2026", "Record animation\u2026"), items);

        Fx.run(() -> {
            menu.getItems().get(2).fire();
            menu.hide();
        });
        WaitForAsyncUtils.waitForFxEvents();
        Window dialog = showing(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane).orElseThrow(
                () -> new AssertionError("no dialog opened"));
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertEquals("Record animation", Fx.call(() -> ((Stage) dialog).getTitle()));
        for (String id : List.of(RecordAnimationDialog.FORMAT_ID, RecordAnimationDialog.SECONDS_ID, RecordAnimationDialog.FRAMES_ID,
                RecordAnimationDialog.FPS_ID, RecordAnimationDialog.SCALE_ID, RecordAnimationDialog.OUTPUT_ID)) {
            assertNotNull(pane.lookup("#" + id), id);
        }
        @SuppressWarnings("unchecked")
        Spinner<Integer> fps = (Spinner<Integer>) pane.lookup("#" + RecordAnimationDialog.FPS_ID);
        assertEquals(10, Fx.call(fps::getValue), "10 frames a second unless changed");
        TextField output = (TextField) pane.lookup("#" + RecordAnimationDialog.OUTPUT_ID);
        Label message = (Label) pane.lookup("#" + RecordAnimationDialog.MESSAGE_ID);
        Button ok = (Button) pane.lookupButton(ButtonType.OK);
        assertEquals("Record", Fx.call(ok::getText));
        assertEquals("Cancel", Fx.call(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).getText()));
        // JavaFX would name its Cancel button in the JVM's language; the dialog names it in the app's
        assertEquals("취소", Fx.call(() -> {
            dev.genlab.i18n.I18n.setLocale(java.util.Locale.KOREAN);
            try {
                return ((Button) new RecordAnimationDialog(curve).getDialogPane().lookupButton(ButtonType.CANCEL)).getText();
            } finally {
                dev.genlab.i18n.I18n.setLocale(java.util.Locale.ENGLISH);
            }
        }));

        // no output: OK is refused with a message and the dialog stays
        Fx.run(() -> {
            output.setText(" ");
            ok.fire();
        });
        assertEquals("Choose a file or folder to save to.", Fx.call(message::getText));
        assertTrue(Fx.call(dialog::isShowing));

        // one second at 5 frames a second into a GIF: the recording window reports the saved file
        Path file = dir.resolve("curve.gif");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> seconds = (Spinner<Integer>) pane.lookup("#" + RecordAnimationDialog.SECONDS_ID);
            seconds.getValueFactory().setValue(1);
            fps.getValueFactory().setValue(5);
            output.setText(file.toString());
            ok.fire();
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.exists(file) && showing(w -> w != dialog
                && w.getScene() != null && w.getScene().lookup("#" + RecordAnimationDialog.MESSAGE_ID) instanceof Label l
                && l.getText().startsWith("Saved")).isPresent());
        assertTrue(!Fx.call(dialog::isShowing), "the dialog closed on OK");
        Window progress = showing(w -> w != dialog && w.getScene() != null
                && w.getScene().lookup("#" + RecordAnimationDialog.MESSAGE_ID) != null).orElseThrow();
        String saved = Fx.call(() -> ((Label) progress.getScene().lookup("#" + RecordAnimationDialog.MESSAGE_ID)).getText());
        assertTrue(saved.matches("Saved " + java.util.regex.Pattern.quote(file.toString())
                + ": 5 frames taken over \\d+\\.\\d s, \\d+ KB"), saved);
        assertEquals(5, AnimationEncoderTest.readGif(file).images().size());
    }
}
