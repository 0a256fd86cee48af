package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LessonParserTest {

    private final LessonParser parser = new LessonParser(TestScenes.registry(), TestScenes::check);

    private LessonParser.Result parse(String src) {
        return parser.parse(src, "01-x/lesson.en.md", "en");
    }

    private static String messages(LessonParser.Result r) {
        return String.join("\n", r.problems().stream().map(LessonProblem::toString).toList());
    }

    @Test
    void readsFrontMatterStepsBodiesAndPresets() {
        String src = """
                ---
                title: "A title"
                scene: toy
                ---

                ## First $x^2$
                Some *text* with $a_1$.

                ```preset
                # a comment
                k = 3
                data = rings
                ```
                More text.

                ## Second
                ```java
                ## not a heading inside code
                ```
                """;
        LessonParser.Result r = parse(src);
        assertTrue(r.problems().isEmpty(), messages(r));
        LessonText t = r.text().orElseThrow();
        assertEquals("A title", t.title());
        assertEquals("toy", t.sceneId());
        assertEquals(2, t.steps().size());
        Step first = t.steps().get(0);
        assertEquals("First $x^2$", first.heading());
        assertEquals(6, first.line());
        assertEquals(Map.of("k", "3", "data", "rings"), first.preset());
        assertFalse(first.body().contains("k = 3"), "preset block is removed from the body");
        assertTrue(first.body().contains("More text."));
        assertTrue(t.steps().get(1).body().contains("## not a heading inside code"));
        assertEquals(Map.of(), t.steps().get(1).preset());
    }

    @Test
    void missingFrontMatterIsFatalWithLine() {
        LessonParser.Result r = parse("\n## Step\ntext\n");
        assertTrue(r.text().isEmpty());
        assertEquals(1, r.problems().size());
        LessonProblem p = r.problems().get(0);
        assertTrue(p.fatal());
        assertEquals(2, p.line());
        assertTrue(p.message().contains("front matter missing"), p.message());
    }

    @Test
    void unclosedFrontMatterIsFatal() {
        LessonParser.Result r = parse("---\ntitle: t\nscene: toy\n## Step\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.fatal() && p.message().contains("not closed")), messages(r));
    }

    @Test
    void unknownSceneIsFatalAndNamesTheLineAndKnownScenes() {
        LessonParser.Result r = parse("---\ntitle: t\nscene: nope\n---\n## Step\ntext\n");
        LessonProblem p = r.problems().get(0);
        assertTrue(p.fatal());
        assertEquals(3, p.line());
        assertEquals("01-x/lesson.en.md:3: unknown scene 'nope' (known: toy)", p.toString());
    }

    @Test
    void missingTitleAndSceneAreFatal() {
        LessonParser.Result r = parse("---\nfoo: bar\n---\n## Step\n");
        assertEquals(3, r.problems().size(), messages(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("no 'title:'")));
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("no 'scene:'")));
        assertTrue(r.problems().stream().anyMatch(p -> !p.fatal() && p.message().contains("unknown front matter key 'foo'")));
    }

    @Test
    void unknownKnobAndBadValuesAreReportedWithLinesAndDropped() {
        String src = "---\ntitle: t\nscene: toy\n---\n## Step\n```preset\nk = 99\nspeedy = 2\nrate = fast\ngrid = maybe\ndata = rings\nnot a line\n```\n";
        LessonParser.Result r = parse(src);
        List<LessonProblem> ps = r.problems();
        assertEquals(5, ps.size(), messages(r));
        assertEquals(7, ps.get(0).line());
        assertTrue(ps.get(0).message().contains("from 1 to 8, not 99"), ps.get(0).message());
        assertEquals(8, ps.get(1).line());
        assertTrue(ps.get(1).message().contains("unknown knob 'speedy'"));
        assertTrue(ps.get(1).message().contains("known: k, rate, data, grid"));
        assertEquals(9, ps.get(2).line());
        assertEquals(10, ps.get(3).line());
        assertEquals(12, ps.get(4).line());
        assertTrue(ps.stream().noneMatch(LessonProblem::fatal));
        assertEquals(Map.of("data", "rings"), r.text().orElseThrow().steps().get(0).preset());
    }

    @Test
    void aColourPlaceholderMustNameAColourOfTheScene() {
        String src = "---\ntitle: t\nscene: toy\n---\n## Step\nthe {colour:probe} probe and\n"
                + "the {colour:held-out} curve, not the {colour:red} one\n\n## The {colour:probe} {colour:nope}\ntext\n";
        LessonParser.Result r = parse(src);
        List<LessonProblem> ps = r.problems();
        assertEquals(2, ps.size(), messages(r));
        assertEquals(7, ps.get(0).line());
        assertEquals("unknown colour 'red' for scene 'toy' (known: held-out, probe)", ps.get(0).message());
        assertEquals(9, ps.get(1).line(), "a heading is shown unrendered in the lesson list");
        assertTrue(ps.get(1).message().contains("a heading cannot name a colour"), ps.get(1).message());
        assertTrue(ps.stream().noneMatch(LessonProblem::fatal));
        assertEquals(2, r.text().orElseThrow().steps().size(), "the lesson still opens");
        assertTrue(r.text().orElseThrow().steps().get(0).body().contains("{colour:probe}"), "resolved when rendered");
    }

    @Test
    void badFormulaIsReportedAtItsLine() {
        String src = "---\ntitle: t\nscene: toy\n---\n## Step\nline one\nsee $\\bad{x}$ here\n\n$$\n\\bad\n$$\n";
        LessonParser.Result r = parse(src);
        assertEquals(2, r.problems().size(), messages(r));
        assertEquals(7, r.problems().get(0).line());
        assertTrue(r.problems().get(0).message().contains("formula does not parse"));
        assertEquals(9, r.problems().get(1).line());
    }

    @Test
    void noStepsIsFatalAndTextBeforeFirstStepIsReported() {
        LessonParser.Result r = parse("---\ntitle: t\nscene: toy\n---\nintro text\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.fatal() && p.message().startsWith("no steps")), messages(r));
        assertTrue(r.problems().stream().anyMatch(p -> p.line() == 5 && p.message().contains("before the first")));
    }

    @Test
    void unclosedFenceIsReported() {
        LessonParser.Result r = parse("---\ntitle: t\nscene: toy\n---\n## S\n```preset\nk = 2\n");
        assertTrue(r.problems().stream().anyMatch(p -> p.message().contains("never closed")), messages(r));
    }

    @Test
    void windowsLineEndingsParse() {
        LessonParser.Result r = parse("---\r\ntitle: t\r\nscene: toy\r\n---\r\n## S\r\nbody\r\n");
        assertTrue(r.problems().isEmpty(), messages(r));
        assertEquals("body", r.text().orElseThrow().steps().get(0).body());
    }
}
