package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.Lesson;
import dev.genlab.lesson.LessonCatalogue;
import dev.genlab.lesson.LessonParser;
import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.SceneRegistry;

/**
 * The pictures the repository keeps (issue 17): every step of every lesson in English, and each lesson's first
 * step in Korean, in presenter mode and in the dark theme; nothing else, under 10 MB in all. The full matrix goes to
 * {@code target/screenshots/} when {@code ./mvnw -Pscreenshots verify} runs.
 */
class ScreenshotSetTest {

    static final long MAX_BYTES = 10L * 1024 * 1024;

    @Test
    void theKeptSetIsWhatTheRenderKeeps() {
        assertTrue(ScreenshotsTest.keptInRepository("05-neural-autoregressive-12-en.png"));
        assertTrue(ScreenshotsTest.keptInRepository("05-neural-autoregressive-1-ko.png"));
        assertTrue(ScreenshotsTest.keptInRepository("05-neural-autoregressive-1-en-presenter.png"));
        assertTrue(ScreenshotsTest.keptInRepository("05-neural-autoregressive-1-en-dark.png"));
        assertFalse(ScreenshotsTest.keptInRepository("05-neural-autoregressive-2-ko.png"));
        assertFalse(ScreenshotsTest.keptInRepository("05-neural-autoregressive-2-en-presenter.png"));
        assertFalse(ScreenshotsTest.keptInRepository("05-neural-autoregressive-11-ko-presenter.png"));
    }

    @Test
    void everyStepHasItsPictureAndTheFolderStaysSmall() throws IOException {
        LessonCatalogue c = LessonCatalogue.load(Path.of("lessons"),
                new LessonParser(SceneRegistry.builtIn(), MathRenderer::check));
        TreeSet<String> want = new TreeSet<>();
        for (Lesson l : c.lessons()) {
            if (!l.isUsable()) {
                continue;
            }
            for (int i = 1; i <= l.stepCount(); i++) {
                want.add(l.id() + "-" + i + "-en.png");
            }
            want.add(l.id() + "-1-ko.png");
            want.add(l.id() + "-1-en-presenter.png");
            want.add(l.id() + "-1-en-dark.png");
        }
        TreeSet<String> have = new TreeSet<>();
        long bytes = 0;
        try (Stream<Path> s = Files.list(Path.of("screenshots"))) {
            for (Path p : s.toList()) {
                have.add(p.getFileName().toString());
                bytes += Files.size(p);
            }
        }
        List<String> missing = new ArrayList<>(want);
        missing.removeAll(have);
        List<String> extra = new ArrayList<>(have);
        extra.removeAll(want);
        assertEquals(List.of(), missing, "pictures to render (./mvnw -Pscreenshots verify -Dgenlab.screenshots.only=..)");
        assertEquals(List.of(), extra, "pictures the repository does not keep");
        assertTrue(bytes < MAX_BYTES, "screenshots/ holds " + bytes / 1024 + " kB");
    }
}
