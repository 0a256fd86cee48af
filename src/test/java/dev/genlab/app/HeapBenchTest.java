package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.bench.BenchReport;
import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;

/**
 * Heap in use (after full GCs, MemoryMXBean) once every step of every lesson has been opened in
 * the real window, each for a moment: {@code heap_mb_all_lessons} in English, then
 * {@code heap_mb_all_lessons_en_ko} after the same tour in Korean. The benchmark JVM also holds
 * what the other benches left behind (class metadata is not heap; their windows are closed).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class HeapBenchTest {

    /** How long each step stays open: its scene starts, draws and settles. */
    private static final long DWELL_MS = 250;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("bench-heap"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        fxRun(() -> window.close());
        fxRun(() -> window.setLanguage(Locale.ENGLISH));
    }

    @Test
    void everyStepOfEveryLesson() {
        WaitForAsyncUtils.sleep(DWELL_MS, TimeUnit.MILLISECONDS);
        BenchReport.row("heap_mb_first_step", heapMb(), "MB");
        int opened = tour();
        assertTrue(opened > 0, "steps opened");
        BenchReport.row("heap_mb_all_lessons", heapMb(), "MB");
        MonkeyTest.histogram(101);
        fxRun(() -> window.setLanguage(Locale.KOREAN));
        assertEquals(opened, tour(), "the same steps in Korean");
        BenchReport.row("heap_mb_all_lessons_en_ko", heapMb(), "MB");
        MonkeyTest.histogram(102);
        fxRun(() -> window.setLanguage(Locale.ENGLISH));
    }

    /** Opens every step of every usable lesson, each for DWELL_MS; returns how many. */
    private int tour() {
        int n = 0;
        for (Lesson l : window.catalogue().lessons()) {
            if (!l.isUsable()) {
                continue;
            }
            for (int i = 0; i < l.stepCount(); i++) {
                int step = i;
                fxRun(() -> window.open(l, step));
                assertEquals(step, (int) fx(() -> window.stepProperty().get()));
                WaitForAsyncUtils.waitForFxEvents();
                WaitForAsyncUtils.sleep(DWELL_MS, TimeUnit.MILLISECONDS);
                n++;
            }
        }
        return n;
    }

    private static double heapMb() {
        AppTestSupport.fxRun(AppTestSupport::forgetFiredEvents);
        for (int i = 0; i < 3; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
