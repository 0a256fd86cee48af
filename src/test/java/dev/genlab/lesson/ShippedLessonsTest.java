package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.SceneRegistry;

/** The lessons GenLab ships parse cleanly in both languages, from the folder and from the build. */
class ShippedLessonsTest {

    private final LessonParser parser = new LessonParser(SceneRegistry.builtIn(), MathRenderer::check);

    @Test
    void everyShippedLessonIsCleanInEveryLanguage() throws IOException {
        LessonCatalogue c = LessonCatalogue.load(Path.of("lessons"), parser);
        assertTrue(c.lessons().size() >= 1);
        assertEquals(java.util.List.of(), c.problems());
        for (Lesson l : c.lessons()) {
            assertTrue(l.isUsable(), l.id());
            assertTrue(l.hasLanguage("en") && l.hasLanguage("ko"), l.id());
        }
    }

    @Test
    void lessonsArePackagedWithTheApp() throws IOException, URISyntaxException {
        var url = getClass().getResource("/lessons");
        assertNotNull(url, "lessons/ is copied into the build as a resource");
        LessonCatalogue packaged = LessonCatalogue.load(Path.of(url.toURI()), parser);
        LessonCatalogue source = LessonCatalogue.load(Path.of("lessons"), parser);
        assertEquals(source.lessons().stream().map(Lesson::id).toList(),
                packaged.lessons().stream().map(Lesson::id).toList());
    }
}
