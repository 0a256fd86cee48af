package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogueTest {

    private final LessonParser parser = new LessonParser(TestScenes.registry(), TestScenes::check);

    static void write(Path root, String lesson, String lang, String text) throws IOException {
        Path dir = root.resolve(lesson);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lesson." + lang + ".md"), text, StandardCharsets.UTF_8);
    }

    static String lesson(String title, String scene, int steps, String preset) {
        StringBuilder b = new StringBuilder("---\ntitle: " + title + "\nscene: " + scene + "\n---\n");
        for (int i = 1; i <= steps; i++) {
            b.append("## Step ").append(i).append("\ntext ").append(i).append("\n");
            if (preset != null && i == 1) {
                b.append("```preset\n").append(preset).append("\n```\n");
            }
        }
        return b.toString();
    }

    @Test
    void oneBrokenLessonDoesNotStopTheOthers(@TempDir Path root) throws IOException {
        write(root, "01-good", "en", lesson("Good", "toy", 2, "k = 3"));
        write(root, "01-good", "ko", lesson("좋음", "toy", 2, null));
        write(root, "02-broken", "en", lesson("Broken", "nosuchscene", 1, null));
        write(root, "02-broken", "ko", lesson("망가짐", "nosuchscene", 1, null));
        write(root, "03-no-korean", "en", lesson("English only", "toy", 1, null));
        write(root, "04-mismatch", "en", lesson("Mismatch", "toy", 2, null));
        write(root, "04-mismatch", "ko", lesson("불일치", "toy", 3, null));
        write(root, "05-preset-differs", "en", lesson("P", "toy", 1, "k = 3"));
        write(root, "05-preset-differs", "ko", lesson("P", "toy", 1, "k = 4"));
        Files.createDirectories(root.resolve("06-empty"));

        LessonCatalogue c = LessonCatalogue.load(root, parser);
        List<Lesson> ls = c.lessons();
        assertEquals(List.of("01-good", "02-broken", "03-no-korean", "04-mismatch", "05-preset-differs", "06-empty"),
                ls.stream().map(Lesson::id).toList());

        Lesson good = ls.get(0);
        assertTrue(good.isUsable());
        assertTrue(good.problems().isEmpty(), good.problems().toString());
        assertEquals("좋음", good.title("ko"));
        assertEquals(Map.of("k", "3"), good.text("ko").orElseThrow().steps().get(0).preset(),
                "a translation without presets takes the English ones");

        Lesson broken = ls.get(1);
        assertFalse(broken.isUsable());
        assertTrue(broken.problems().get(0).toString().startsWith("02-broken/lesson.en.md:3: unknown scene 'nosuchscene'"));

        Lesson noKo = ls.get(2);
        assertTrue(noKo.isUsable());
        assertFalse(noKo.hasLanguage("ko"));
        assertEquals("English only", noKo.title("ko"));
        assertTrue(noKo.problems().get(0).message().startsWith("missing language: lesson.ko.md"));

        Lesson mismatch = ls.get(3);
        assertTrue(mismatch.isUsable());
        assertFalse(mismatch.hasLanguage("ko"));
        assertTrue(mismatch.problems().get(0).message().contains("has 3 steps but lesson.en.md has 2"));

        Lesson differs = ls.get(4);
        assertTrue(differs.problems().get(0).message().contains("preset differs"));

        Lesson empty = ls.get(5);
        assertFalse(empty.isUsable());
        assertTrue(empty.problems().get(0).fatal());
        assertEquals(7, c.problems().size(), c.problems().toString());
    }

    @Test
    void aBrokenTranslationFallsBackToEnglish(@TempDir Path root) throws IOException {
        write(root, "01-a", "en", lesson("A", "toy", 1, null));
        write(root, "01-a", "ko", "no front matter here\n");
        Lesson a = LessonCatalogue.load(root, parser).lessons().get(0);
        assertTrue(a.isUsable());
        assertFalse(a.hasLanguage("ko"));
        assertTrue(a.problems().get(0).message().endsWith("the English text is shown instead"));
        assertFalse(a.problems().get(0).fatal());
    }

    @Test
    void invalidUtf8IsReported(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("01-a"));
        Files.write(root.resolve("01-a/lesson.en.md"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        Lesson a = LessonCatalogue.load(root, parser).lessons().get(0);
        assertFalse(a.isUsable());
        assertTrue(a.problems().get(0).message().contains("not UTF-8"));
    }

    @Test
    void missingFolderIsAnError(@TempDir Path root) {
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> LessonCatalogue.load(root.resolve("nope"), parser));
    }
}
