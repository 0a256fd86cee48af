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

    /**
     * Lessons name each other by a link to a lesson that exists, never by a number that goes stale when
     * lessons are added ("lesson 5", "5강").
     */
    @Test
    void lessonsReferToOtherLessonsByLinksThatResolve() throws IOException {
        LessonCatalogue c = LessonCatalogue.load(Path.of("lessons"), parser);
        java.util.regex.Pattern link = java.util.regex.Pattern.compile("\\]\\((lesson:[^)]*)\\)");
        java.util.regex.Pattern number = java.util.regex.Pattern.compile("(?i)\\blessons? \\d|\\d+\\s*강|\\d+ *번째 레슨");
        int links = 0;
        try (var files = java.nio.file.Files.walk(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                String text = java.nio.file.Files.readString(f);
                java.util.regex.Matcher m = link.matcher(text);
                while (m.find()) {
                    links++;
                    assertTrue(c.findByLink(m.group(1)).isPresent(), f + ": " + m.group(1) + " names no lesson");
                }
                java.util.regex.Matcher n = number.matcher(text);
                boolean found = n.find();
                assertTrue(!found, f + " names a lesson by number: '" + (found ? n.group() : "") + "'");
            }
        }
        assertTrue(links >= 10, "the shipped lessons link to each other: " + links);
        assertEquals("02-parameter-counting", c.findByLink("lesson:parameter-counting").orElseThrow().id());
        assertTrue(c.findByLink("lesson:no-such-lesson").isEmpty());
    }
}
