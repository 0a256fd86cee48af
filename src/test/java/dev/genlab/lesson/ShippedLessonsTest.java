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

    /**
     * A lesson names a colour only as {@code {colour:KEY}}, which shows the colour the figure draws that
     * part with (issue 11: "the red line" over an orange path); never as a word the figure cannot follow.
     * Korean stems, not words, because particles attach to them (파란, 파랑, 파란색). 자주 and 보라 alone
     * are ordinary words ("often", "see!"), so only 자주색 and 보라색 count.
     */
    @Test
    void lessonsNameColoursOnlyThroughPlaceholders() throws IOException {
        java.util.regex.Pattern english = java.util.regex.Pattern.compile("(?i)\\b(red|reddish|orange|yellow|green|"
                + "cyan|teal|turquoise|blue|bluish|navy|indigo|violet|purple|magenta|pink|brown|black|white|gr[ae]y|"
                + "vermilion|crimson|scarlet|maroon|olive|gold|golden|silver|beige|amber|lavender|lilac)\\b");
        java.util.regex.Pattern korean = java.util.regex.Pattern.compile("빨간|빨강|붉은|주황|주홍|다홍|노란|노랑|"
                + "초록|녹색|연두|청록|하늘색|파란|파랑|푸른|남색|보라색|자주색|분홍|갈색|검은|검정|까만|흰|하얀|하양|회색|잿빛|흑백|금색|은색");
        int placeholders = 0;
        try (var files = java.nio.file.Files.walk(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String[] lines = java.nio.file.Files.readString(f).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    java.util.regex.Matcher p = dev.genlab.lesson.render.ColourSyntax.PLACEHOLDER.matcher(lines[i]);
                    while (p.find()) {
                        placeholders++;
                    }
                    String rest = dev.genlab.lesson.render.ColourSyntax.PLACEHOLDER.matcher(lines[i]).replaceAll(" ");
                    java.util.regex.Matcher word = (f.toString().endsWith(".ko.md") ? korean : english).matcher(rest);
                    boolean found = word.find();
                    assertTrue(!found, f + ":" + (i + 1) + " names a colour in words: '" + (found ? word.group() : "")
                            + "'; write {colour:KEY} with a key of the lesson's scene");
                }
            }
        }
        assertTrue(placeholders >= 20, "the lessons name their figures' colours through placeholders: " + placeholders);
    }
}
