package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.data.ImageDataset;

/** File → Open dataset…: a good folder loads and is remembered, a broken one is reported and changes nothing. */
@ExtendWith(ApplicationExtension.class)
class DatasetLoadingTest {

    private MainWindow window;
    private AppPrefs prefs;

    @Start
    void start(Stage stage) {
        prefs = AppTestSupport.freshPrefs("datasets");
        window = GenLabApp.open(stage, prefs, url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        fxRun(() -> window.close());
    }

    static void writeIdx(Path dir, int n, int truncateImagesTo) throws IOException {
        Files.createDirectories(dir);
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(dir.resolve("train-images-idx3-ubyte"))))) {
            o.writeInt(0x803);
            o.writeInt(n);
            o.writeInt(28);
            o.writeInt(28);
            int bytes = truncateImagesTo >= 0 ? truncateImagesTo : n * 784;
            for (int i = 0; i < bytes; i++) {
                o.writeByte((i * 7) & 0xff);
            }
        }
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte")))) {
            o.writeInt(0x801);
            o.writeInt(n);
            for (int i = 0; i < n; i++) {
                o.writeByte(i % 10);
            }
        }
    }

    private static void await(BooleanSupplier c, String what) {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
    }

    private ImageDataset images() {
        return fx(() -> window.imagesProperty().get());
    }

    @Test
    void startsWithTheBuiltInDigitsWhenNothingElseIsThere() {
        // the tests switch off the Fashion-MNIST look-up (genlab.discoverDatasets=false)
        await(() -> images() != null, "the first dataset");
        ImageDataset d = images();
        assertEquals(DatasetController.BUILT_IN_COUNT, d.size());
        assertEquals("built-in digits", d.name());
        assertEquals(28, d.rows());
        assertEquals(10, d.labelsDistinct().length);
    }

    @Test
    void choosingTheBuiltInDigitsIsRememberedAcrossLaunches(@TempDir Path tmp) throws IOException {
        await(() -> images() != null, "the first dataset");
        Path dir = tmp.resolve("some-folder");
        writeIdx(dir, 50, -1);
        fxRun(() -> window.loadDataset(dir));
        await(() -> images().size() == 50, "the folder's 50 images");
        // when the student goes back to the built-in digits from the File menu
        AppTestSupport.fireMenuItem(window.fxScene(), "menu-file-builtinDigits");
        await(() -> images().size() == DatasetController.BUILT_IN_COUNT, "the built-in digits");
        // then the choice itself is stored, so a machine with Fashion-MNIST does not pick that instead next time
        assertEquals(DatasetController.BUILT_IN_CHOICE, prefs.datasetDir());
    }

    @Test
    void aGoodFolderLoadsAndIsRemembered(@TempDir Path tmp) throws IOException {
        await(() -> images() != null, "the first dataset");
        Path dir = tmp.resolve("my-digits");
        writeIdx(dir, 50, -1);
        fxRun(() -> window.loadDataset(dir));
        await(() -> images().size() == 50, "the folder's 50 images");
        ImageDataset d = images();
        assertEquals(3, d.label(3));
        assertEquals(7 / 255f, d.pixel(0, 0, 1), 1e-6);
        assertEquals(dir.toAbsolutePath().toString(), prefs.datasetDir());
        assertTrue(window.statusText().contains("50 images of 28\u00d728"), window.statusText());
    }

    @Test
    void cancelStopsALoadAndKeepsThePreviousImages(@TempDir Path tmp) throws IOException {
        await(() -> images() != null, "the first dataset");
        ImageDataset before = images();
        Path big = tmp.resolve("big");
        writeIdx(big, 20_000, -1);
        fxRun(() -> {
            window.loadDataset(big);
            // the progress bar and its Cancel button are in the status bar while the load runs
            javafx.scene.control.Button cancel = (javafx.scene.control.Button) window.fxScene().lookup("#dataset-cancel");
            assertTrue(cancel.getParent().isVisible());
            cancel.fire();
        });
        await(() -> window.statusText().contains("Loading cancelled"), "the cancel notice");
        assertSame(before, images());
        assertTrue(!fx(() -> window.fxScene().lookup("#dataset-cancel").getParent().isVisible()), "the progress bar is gone");
    }

    @Test
    void aBrokenOrEmptyFolderIsReportedAndChangesNothing(@TempDir Path tmp) throws IOException {
        await(() -> images() != null, "the first dataset");
        ImageDataset before = images();
        String remembered = prefs.datasetDir();
        Path broken = tmp.resolve("broken");
        writeIdx(broken, 50, 1000);
        fxRun(() -> window.loadDataset(broken));
        await(() -> window.statusText().contains("Could not load"), "the error");
        assertTrue(window.statusText().contains("truncated"), window.statusText());
        assertSame(before, images());
        assertEquals(remembered, prefs.datasetDir());

        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        fxRun(() -> window.loadDataset(empty));
        await(() -> window.statusText().contains("no MNIST-format pair"), "the error");
        assertSame(before, images());
    }
}
