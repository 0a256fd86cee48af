package dev.genlab.plot;

import java.io.File;
import java.nio.file.Path;

import dev.genlab.i18n.I18n;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * "Record animation..." of a figure's menu: a dialog for the format (animated GIF or numbered PNGs in a folder),
 * the length in seconds or frames, frames a second, scale and the output; on OK an {@link AnimationRecorder}
 * records the figure while a small non-modal window shows the frames taken with a Stop button, then the encoding
 * and the result (path, frames, size) or the error. Nothing waits on the JavaFX thread but the snapshots.
 */
public final class RecordAnimationDialog extends Dialog<AnimationRecorder.Settings> {

    /** Ids of the controls, for tests. */
    public static final String FORMAT_ID = "record-format";
    public static final String SECONDS_ID = "record-seconds";
    public static final String FRAMES_ID = "record-frames";
    public static final String FPS_ID = "record-fps";
    public static final String SCALE_ID = "record-scale";
    public static final String OUTPUT_ID = "record-output";
    public static final String MESSAGE_ID = "record-message";

    private final Node figure;
    private final ChoiceBox<AnimationEncoder.Format> format = new ChoiceBox<>();
    private final RadioButton bySeconds = new RadioButton();
    private final RadioButton byFrames = new RadioButton();
    private final Spinner<Integer> seconds = new Spinner<>(1, 60, 5);
    private final Spinner<Integer> frames = new Spinner<>(1, AnimationEncoder.MAX_FRAMES, 50);
    private final Spinner<Integer> fps = new Spinner<>(5, 30, 10);
    private final ChoiceBox<Integer> scale = new ChoiceBox<>();
    private final TextField output = new TextField();
    private final Label message = new Label();

    public RecordAnimationDialog(Node figure) {
        this.figure = figure;
        setTitle(I18n.get("plot.record.title"));
        Window owner = figure.getScene() == null ? null : figure.getScene().getWindow();
        if (owner != null) {
            initOwner(owner);
        }
        format.getItems().setAll(AnimationEncoder.Format.values());
        format.setValue(AnimationEncoder.Format.GIF);
        format.setConverter(converter(f -> I18n.get(f == AnimationEncoder.Format.GIF ? "plot.record.gif" : "plot.record.png")));
        format.setId(FORMAT_ID);
        format.valueProperty().addListener((o, a, b) -> output.setText(defaultOutput(b, output.getText())));
        ToggleGroup length = new ToggleGroup();
        bySeconds.setToggleGroup(length);
        byFrames.setToggleGroup(length);
        bySeconds.setText(I18n.get("plot.record.seconds"));
        byFrames.setText(I18n.get("plot.record.frames"));
        bySeconds.setSelected(true);
        for (Spinner<Integer> s : java.util.List.of(seconds, frames, fps)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        seconds.setId(SECONDS_ID);
        frames.setId(FRAMES_ID);
        fps.setId(FPS_ID);
        seconds.disableProperty().bind(bySeconds.selectedProperty().not());
        frames.disableProperty().bind(byFrames.selectedProperty().not());
        scale.getItems().setAll(1, 2);
        scale.setValue(1);
        scale.setConverter(converter(k -> k + "x"));
        scale.setId(SCALE_ID);
        output.setId(OUTPUT_ID);
        output.setPrefColumnCount(28);
        output.setText(defaultOutput(AnimationEncoder.Format.GIF, ""));
        Button choose = new Button(I18n.get("plot.record.choose"));
        choose.setOnAction(e -> chooseOutput());
        HBox.setHgrow(output, Priority.ALWAYS);
        message.setId(MESSAGE_ID);
        message.setWrapText(true);
        message.setMaxWidth(460);
        message.setStyle("-fx-text-fill: #c0392b;");

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(I18n.get("plot.record.format")), format);
        grid.addRow(1, new Label(I18n.get("plot.record.length")), new HBox(8, bySeconds, seconds), new HBox(8, byFrames, frames));
        grid.addRow(2, new Label(I18n.get("plot.record.fps")), fps);
        grid.addRow(3, new Label(I18n.get("plot.record.scale")), scale);
        HBox out = new HBox(8, output, choose);
        grid.add(new Label(I18n.get("plot.record.output")), 0, 4);
        grid.add(out, 1, 4, 2, 1);
        Label hint = new Label(I18n.get("plot.record.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(460);
        VBox content = new VBox(10, grid, hint, message);
        content.setPadding(new Insets(10));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setText(I18n.get("plot.record.start"));
        // JavaFX names its own buttons in the JVM's language, not in the app's
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setText(I18n.get("plot.record.cancel"));
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            String why = refusal();
            if (why != null) {
                message.setText(why);
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? settings() : null);
    }

    /** Opens the dialog for figure; on OK records it and shows the recording's window. */
    public static void open(Node figure) {
        RecordAnimationDialog dialog = new RecordAnimationDialog(figure);
        dialog.setOnHidden(e -> {
            AnimationRecorder.Settings s = dialog.getResult();
            if (s != null) {
                record(figure, s);
            }
        });
        dialog.show();
    }

    /** Records figure with the settings and shows progress in a small non-modal window; returns that window. */
    public static Stage record(Node figure, AnimationRecorder.Settings s) {
        Stage stage = new Stage(StageStyle.UTILITY);
        Window owner = figure.getScene() == null ? null : figure.getScene().getWindow();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle(I18n.get("plot.record.title"));
        Label status = new Label(I18n.get("plot.record.recording", 0, s.frames()));
        status.setWrapText(true);
        status.setMaxWidth(420);
        status.setId(MESSAGE_ID);
        ProgressBar bar = new ProgressBar(0);
        bar.setMaxWidth(Double.MAX_VALUE);
        Button stop = new Button(I18n.get("plot.record.stop"));
        VBox box = new VBox(8, status, bar, stop);
        box.setPadding(new Insets(10));
        box.setPrefWidth(440);
        stage.setScene(new Scene(box));
        AnimationRecorder recorder = new AnimationRecorder(figure, s, new AnimationRecorder.Listener() {
            @Override
            public void captured(int n, int total) {
                status.setText(I18n.get("plot.record.recording", n, total));
                bar.setProgress(n / (double) total);
            }

            @Override
            public void encoding(int n) {
                status.setText(I18n.get("plot.record.encoding", n));
                bar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
                stop.setDisable(true);
            }

            @Override
            public void done(AnimationRecorder.Result r) {
                status.setText(r.ok()
                        ? I18n.get("plot.record.saved", r.output(), r.frames(), AnimationRecorder.humanBytes(r.bytes()), r.seconds())
                        : r.error());
                if (!r.ok()) {
                    status.setStyle("-fx-text-fill: #c0392b;");
                }
                bar.setProgress(1);
                stop.setText(I18n.get("plot.record.close"));
                stop.setDisable(false);
                stop.setOnAction(e -> stage.close());
                stage.sizeToScene();
            }
        });
        stop.setOnAction(e -> recorder.stop());
        stage.setOnCloseRequest(e -> recorder.stop()); // closing the window ends the recording but keeps it
        stage.show();
        recorder.start();
        return stage;
    }

    private String refusal() {
        String text = output.getText() == null ? "" : output.getText().trim();
        if (text.isEmpty()) {
            return I18n.get("plot.record.noOutput");
        }
        return AnimationRecorder.refusal(figure, settings());
    }

    /** The settings the controls show now. */
    public AnimationRecorder.Settings settings() {
        commit(seconds);
        commit(frames);
        commit(fps);
        int fpsValue = fps.getValue();
        int n = bySeconds.isSelected() ? seconds.getValue() * fpsValue : frames.getValue();
        return new AnimationRecorder.Settings(format.getValue(), n, fpsValue, scale.getValue(),
                Path.of(output.getText().trim()));
    }

    /** Takes a number typed into an editable spinner (JavaFX 17 commits it only on Enter); a bad one is reverted. */
    private static void commit(Spinner<Integer> s) {
        try {
            s.getValueFactory().setValue(s.getValueFactory().getConverter().fromString(s.getEditor().getText()));
        } catch (RuntimeException e) {
            s.getEditor().setText(s.getValueFactory().getConverter().toString(s.getValue()));
        }
    }

    private void chooseOutput() {
        Window w = getDialogPane().getScene().getWindow();
        Path current = Path.of(output.getText().trim()).toAbsolutePath();
        File file;
        if (format.getValue() == AnimationEncoder.Format.GIF) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(I18n.get("plot.record.title"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.get("plot.record.gifFiles"), "*.gif"));
            if (current.getParent() != null && current.getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(current.getParent().toFile());
            }
            chooser.setInitialFileName(current.getFileName() == null ? "figure.gif" : current.getFileName().toString());
            file = chooser.showSaveDialog(w);
        } else {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(I18n.get("plot.record.title"));
            File start = current.toFile().isDirectory() ? current.toFile()
                    : current.getParent() != null && current.getParent().toFile().isDirectory() ? current.getParent().toFile() : null;
            chooser.setInitialDirectory(start);
            file = chooser.showDialog(w);
        }
        if (file != null) {
            output.setText(file.getPath());
        }
    }

    /** figure.gif or a figure-frames folder in the current output's folder (the home folder at first). */
    private static String defaultOutput(AnimationEncoder.Format f, String current) {
        Path dir = current == null || current.isBlank() ? Path.of(System.getProperty("user.home"))
                : Path.of(current).toAbsolutePath().getParent();
        if (dir == null) {
            dir = Path.of(System.getProperty("user.home"));
        }
        return dir.resolve(f == AnimationEncoder.Format.GIF ? "figure.gif" : "figure-frames").toString();
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
