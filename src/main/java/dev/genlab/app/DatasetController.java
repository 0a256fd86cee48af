package dev.genlab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

import dev.genlab.data.DatasetDiscovery;
import dev.genlab.data.DatasetException;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.IdxReader;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.i18n.I18n;

/**
 * Which image dataset the lessons use, and loading it without freezing the window: a folder the
 * user opened (remembered), else Fashion-MNIST from the Debian package when installed, else the
 * built-in procedural digits. The system property {@code genlab.discoverDatasets=false} skips the
 * Fashion-MNIST look-up (the tests set it, so that they do not depend on what the machine has). Loading runs as a {@link Task} with a progress bar and a Cancel
 * button in the status bar; a failed or cancelled load keeps the dataset there was.
 */
final class DatasetController {

    /** How many built-in digits to make: enough for the lessons, generated in well under a second. */
    static final int BUILT_IN_COUNT = ProceduralDigits.BUILT_IN_COUNT;
    static final long BUILT_IN_SEED = ProceduralDigits.BUILT_IN_SEED;

    private final ReadOnlyObjectWrapper<ImageDataset> images = new ReadOnlyObjectWrapper<>(this, "images");
    private final AppPrefs prefs;
    private final Consumer<ObservableValue<String>> status;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dataset-loader");
        t.setDaemon(true);
        return t;
    });
    private final ProgressBar bar = new ProgressBar();
    private final Label what = new Label();
    private final Button cancel = new Button();
    private final HBox progressBox;
    private Task<ImageDataset> running;
    /** Where the images in use came from: {@link #BUILT_IN_CHOICE} or a folder's absolute path; null before any. */
    private String source;

    /**
     * The built-in digits' name in messages: read when the message is shown, so a line about them
     * follows a change of language (MessageFormat formats it with toString).
     */
    private static final Object BUILT_IN_NAME = new Object() {
        @Override
        public String toString() {
            return I18n.get("dataset.builtin");
        }
    };

    /** status: shows a message (a binding that re-reads it when the language changes) in the status bar. */
    DatasetController(AppPrefs prefs, Consumer<ObservableValue<String>> status) {
        this.prefs = prefs;
        this.status = status;
        cancel.textProperty().bind(I18n.bind("dataset.cancel"));
        cancel.setId("dataset-cancel");
        bar.setId("dataset-progress");
        bar.setPrefWidth(140);
        progressBox = new HBox(6, what, bar, cancel);
        progressBox.setAlignment(Pos.CENTER_LEFT);
        progressBox.setVisible(false);
        progressBox.setManaged(false);
        cancel.setOnAction(e -> {
            if (running != null) {
                running.cancel();
            }
        });
    }

    ReadOnlyObjectProperty<ImageDataset> imagesProperty() {
        return images.getReadOnlyProperty();
    }

    /** The progress bar, its label and the Cancel button, for the status bar. */
    HBox progressNode() {
        return progressBox;
    }

    boolean isLoading() {
        return running != null && running.isRunning();
    }

    /**
     * Cancels a load under way, ends the loader thread and lets go of the images (the window is
     * closing; its scenes have been left). Something may still hold a closed window, such as a
     * listener on the static language: the images, tens of MB, must not stay with it.
     */
    void shutdown() {
        if (running != null) {
            running.cancel();
        }
        executor.shutdownNow();
        images.set(null);
    }

    /** What the preferences hold when the student chose the built-in digits (File → Built-in digits). */
    static final String BUILT_IN_CHOICE = "builtin:";

    /**
     * At start: the student's last choice (the built-in digits, or a folder), else Fashion-MNIST if
     * installed, else the built-in digits.
     */
    void startup() {
        String dir = prefs.datasetDir();
        if (dir.equals(BUILT_IN_CHOICE)) {
            builtInDigits();
        } else if (!dir.isEmpty() && Files.isDirectory(Path.of(dir))) {
            load(Path.of(dir), false);
        } else {
            Optional<Path> fashion = Boolean.parseBoolean(System.getProperty("genlab.discoverDatasets", "true"))
                    ? DatasetDiscovery.fashionMnistFolder() : Optional.empty();
            if (fashion.isPresent()) {
                load(fashion.get(), false);
            } else {
                builtInDigits();
            }
        }
    }

    /** Switches to the procedurally drawn digits, which need no files, and remembers the choice. */
    Task<ImageDataset> builtIn() {
        prefs.setDatasetDir(BUILT_IN_CHOICE);
        return builtInDigits();
    }

    /** The built-in digits without touching the preferences (a fallback is not the student's choice). */
    private Task<ImageDataset> builtInDigits() {
        return run(BUILT_IN_NAME, BUILT_IN_CHOICE, new Task<>() {
            @Override
            protected ImageDataset call() {
                updateProgress(-1, 1);
                return warmed(ProceduralDigits.generate(BUILT_IN_COUNT, BUILT_IN_SEED)
                        .withName(I18n.get("dataset.builtin")));
            }
        }, null);
    }

    /**
     * Computes here, on the loading thread, what the scenes would otherwise compute the first time they meet the
     * images: whether the shipped models were trained on them (the images' fingerprint, 10-60 ms, and the built-in
     * digits' once, ~50 ms). A trainer computing it while the student went on to another lesson took a core from the
     * window that was building it (issue 16's monkey: 180-270 ms of lesson 8's trainer in a 311-414 ms stall).
     */
    private static ImageDataset warmed(ImageDataset d) {
        dev.genlab.scene.autoregressive.ShippedModels.trainedOn(d);
        return d;
    }

    /**
     * Loads the MNIST-format pair found in folder. remember: store the folder as the user's
     * choice once it has loaded.
     */
    Task<ImageDataset> load(Path folder, boolean remember) {
        Task<ImageDataset> task = new Task<>() {
            @Override
            protected ImageDataset call() throws DatasetException {
                DatasetDiscovery.IdxPair pair = DatasetDiscovery.findPair(folder)
                        .orElseThrow(() -> new DatasetException(I18n.get("dataset.noPair", folder)));
                String folderName = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
                // say what was found: the folder and the images file the pair was read from
                String name = folderName + " (" + pair.images().getFileName() + ")";
                return warmed(IdxReader.readPair(pair.images(), pair.labels(), name, pair.transposed(),
                        f -> updateProgress(f, 1), this::isCancelled));
            }
        };
        return run(folder.toString(), folder.toAbsolutePath().toString(), task, remember ? folder : null);
    }

    /**
     * Where the images in use came from, as a scenario file and the command line name it: "digits" for the built-in
     * digits, "fashion" for the Fashion-MNIST folder found on this machine, else the folder's absolute path; null
     * before anything loaded.
     */
    String source() {
        if (source == null || source.equals(BUILT_IN_CHOICE)) {
            return source == null ? null : "digits";
        }
        Optional<Path> fashion = DatasetDiscovery.fashionMnistFolder();
        return fashion.isPresent() && fashion.get().toAbsolutePath().toString().equals(source) ? "fashion" : source;
    }

    /**
     * Switches to a data set named as {@link #source()} names one (a scenario's), unless it is the one in use; not
     * remembered as the student's choice. Returns a problem to report, or null.
     */
    String use(String named) {
        if (named == null || named.equals(source())) {
            return null;
        }
        if (named.equals("digits")) {
            builtInDigits();
            return null;
        }
        Path folder;
        if (named.equals("fashion")) {
            Optional<Path> fashion = DatasetDiscovery.fashionMnistFolder();
            if (fashion.isEmpty()) {
                return I18n.get("dataset.noFashion");
            }
            folder = fashion.get();
        } else {
            folder = Path.of(named);
        }
        if (!Files.isDirectory(folder)) {
            return I18n.get("dataset.noFolder", named);
        }
        load(folder, false);
        return null;
    }

    private Task<ImageDataset> run(Object label, String from, Task<ImageDataset> task, Path remember) {
        if (running != null) {
            running.cancel();
        }
        running = task;
        what.textProperty().bind(I18n.bind("dataset.loading", label));
        bar.progressProperty().bind(task.progressProperty());
        progressBox.setVisible(true);
        progressBox.setManaged(true);
        task.setOnSucceeded(e -> {
            ImageDataset d = task.getValue();
            source = from;
            images.set(d);
            if (remember != null) {
                prefs.setDatasetDir(remember.toAbsolutePath().toString());
            }
            Object name = label == BUILT_IN_NAME ? BUILT_IN_NAME : d.name();
            status.accept(I18n.bind("dataset.loaded", name, d.size(), d.rows(), d.cols()));
            finished(task);
        });
        task.setOnFailed(e -> {
            Throwable x = task.getException();
            String why = x instanceof DatasetException ? x.getMessage() : x.getClass().getSimpleName() + ": " + x.getMessage();
            status.accept(I18n.bind("dataset.failed", label, why));
            finished(task);
            if (images.get() == null) {
                builtInDigits(); // nothing loaded yet: the lessons still get images
            }
        });
        task.setOnCancelled(e -> {
            status.accept(I18n.bind("dataset.cancelled"));
            finished(task);
            if (images.get() == null) {
                builtInDigits();
            }
        });
        executor.submit(task);
        return task;
    }

    private void finished(Task<ImageDataset> task) {
        if (running == task) {
            running = null;
            bar.progressProperty().unbind();
            progressBox.setVisible(false);
            progressBox.setManaged(false);
        }
    }
}
