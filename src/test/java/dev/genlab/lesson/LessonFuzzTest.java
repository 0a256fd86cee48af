package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.bench.BenchReport;
import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/**
 * Issue 16's input fuzzing for lesson files: the shipped lessons, copied, each case mutating one file by a seeded
 * generator (lines deleted, doubled, shuffled or cut; garbage and bytes that are not UTF-8; broken front matter, an
 * unknown scene, broken math, an unclosed fence; a preset naming an unknown knob or giving a knob a value outside its
 * range; a file of several megabytes) and reading it with the app's parser, the real scenes and the real formula
 * check. Nothing may throw; every problem names the mutated file, with a line inside it or 0 for the whole file; an
 * out-of-range preset is reported at its line; and a catalogue read with the broken file still opens every other
 * lesson. Lesson files are data: the parser builds records and the renderer JavaFX nodes, nothing is run.
 * Reports {@code lesson_fuzz_files}. Seed and count: {@code -Dgenlab.lessonFuzz.seed}, {@code -Dgenlab.lessonFuzz.files}.
 */
class LessonFuzzTest {

    static final long SEED = Long.getLong("genlab.lessonFuzz.seed", 16L);
    static final int FILES = Integer.getInteger("genlab.lessonFuzz.files", 400);
    private static final int KINDS = 12;

    @TempDir
    Path root;

    private final SceneRegistry scenes = SceneRegistry.builtIn();
    private final LessonParser parser = new LessonParser(scenes, MathRenderer::check);

    private static String outOfRange(KnobSpec k, SplittableRandom r) {
        return switch (k.kind()) {
            case DOUBLE, INT -> switch (r.nextInt(6)) {
                case 0 -> String.valueOf(k.max() + 1 + Math.abs(k.max()) * 10);
                case 1 -> String.valueOf(k.min() - 1 - Math.abs(k.min()) * 10);
                case 2 -> "NaN";
                case 3 -> "1e309";
                case 4 -> "-Infinity";
                default -> "twelve";
            };
            case CHOICE -> "no_such_choice_" + r.nextInt(100);
            case TOGGLE -> r.nextBoolean() ? "maybe" : "2";
        };
    }

    /** The mutated text of one lesson file, or null when the case writes raw bytes itself. */
    private byte[] mutate(String text, String sceneId, int kind, SplittableRandom r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = r.nextInt(lines.size());
        switch (kind) {
            case 0 -> {
                int k = 1 + r.nextInt(5);
                for (int i = 0; i < k && lines.size() > 1; i++) {
                    lines.remove(r.nextInt(lines.size()));
                }
            }
            case 1 -> lines.add(at, lines.get(r.nextInt(lines.size())));
            case 2 -> { // printable garbage, markdown and math punctuation included
                String alphabet = "$\\{}[]()*_`#<>!|~^&%=-+ ab\u00e9\ud55c\u0000\t";
                StringBuilder g = new StringBuilder();
                int n = 1 + r.nextInt(40);
                for (int i = 0; i < n; i++) {
                    g.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                lines.set(at, lines.get(at) + g);
            }
            case 3 -> { // front matter: a fence, the title or the scene gone or wrong
                int which = r.nextInt(4);
                for (int i = 0; i < Math.min(6, lines.size()); i++) {
                    String l = lines.get(i);
                    if (which == 0 && l.equals("---")) {
                        lines.remove(i);
                        break;
                    } else if (which == 1 && l.startsWith("title:")) {
                        lines.set(i, "title:");
                        break;
                    } else if (which == 2 && l.startsWith("scene:")) {
                        lines.set(i, "scene: no-such-scene");
                        break;
                    } else if (which == 3 && l.startsWith("scene:")) {
                        lines.remove(i);
                        break;
                    }
                }
            }
            case 4 -> lines.add(at, r.nextBoolean() ? "A broken formula $\\frac{1}{$ here." : "$$\\begin{matrix} a & b");
            case 5 -> lines.add(at, "```");
            case 6 -> { // a preset on a random knob of the scene, out of its range, or on no knob at all
                List<KnobSpec> knobs = scenes.find(sceneId).map(d -> d.spec().knobs()).orElse(List.of());
                String line;
                if (knobs.isEmpty() || r.nextInt(5) == 0) {
                    line = "no_such_knob = 3";
                } else {
                    KnobSpec k = knobs.get(r.nextInt(knobs.size()));
                    line = k.id() + " = " + outOfRange(k, r);
                }
                // at the end of the file: the last step's preset (a second one when it has one)
                lines.addAll(List.of("", "```preset", line, "```"));
            }
            case 7 -> {
                List<String> copy = new ArrayList<>(lines);
                java.util.Collections.shuffle(copy, new java.util.Random(r.nextLong()));
                lines = copy;
            }
            case 8 -> { // cut at a random character
                String whole = String.join("\n", lines);
                return whole.substring(0, r.nextInt(whole.length() + 1)).getBytes(StandardCharsets.UTF_8);
            }
            case 9 -> { // bytes that are not UTF-8 inside the text
                byte[] b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                b[r.nextInt(b.length)] = (byte) (0x80 | r.nextInt(0x40));
                b[r.nextInt(b.length)] = (byte) 0xC3;
                b[r.nextInt(b.length)] = (byte) 0xFF;
                return b;
            }
            case 10 -> { // several megabytes: one long step
                StringBuilder big = new StringBuilder("\n## A very long step\n\n");
                String para = "Words and $x^2$ and **bold** and a [link](lesson:parameter-counting). ";
                while (big.length() < 3_000_000) {
                    big.append(para);
                    if (big.length() % 997 < para.length()) {
                        big.append("\n\n");
                    }
                }
                lines.add(big.toString());
            }
            default -> lines.add(at, "## " + (r.nextBoolean() ? "" : "A heading with {colour:no_such_key}"));
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private void copyShipped() throws IOException {
        Path src = Path.of("lessons");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : files.toList()) {
                Path to = root.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    @Test
    @Timeout(600)
    void mutatedLessonsReportProblemsAtTheirLinesAndLeaveTheOthersOpen() throws IOException {
        copyShipped();
        List<Path> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 8, "the shipped lessons: " + folders.size());
        SplittableRandom master = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        int reported = 0;
        for (int c = 0; c < FILES; c++) {
            SplittableRandom r = master.split();
            Path folder = folders.get(r.nextInt(folders.size()));
            String lang = r.nextBoolean() ? "en" : "ko";
            Path file = folder.resolve("lesson." + lang + ".md");
            byte[] original = Files.readAllBytes(file);
            String text = new String(original, StandardCharsets.UTF_8);
            String sceneId = text.lines().filter(l -> l.startsWith("scene:")).findFirst()
                    .map(l -> l.substring(6).trim()).orElse("");
            int kind = c % KINDS;
            byte[] broken = mutate(text, sceneId, kind, r);
            Files.write(file, broken);
            String where = "case " + c + " (kind " + kind + ", " + folder.getFileName() + "/" + file.getFileName() + ")";
            try {
                Lesson l = LessonCatalogue.readLesson(folder, parser);
                long lineCount = new String(broken, StandardCharsets.UTF_8).split("\n", -1).length;
                for (LessonProblem p : l.problems()) {
                    String name = p.file();
                    if (!name.startsWith(folder.getFileName() + "/") || p.message() == null || p.message().isBlank()
                            || p.line() < 0 || p.line() > lineCount + 1) {
                        failures.add(where + ": problem without a place: " + p);
                    }
                }
                if (kind == 6) {
                    boolean atLine = l.problems().stream().anyMatch(p -> p.line() > 0
                            && p.file().endsWith(file.getFileName().toString()));
                    if (!atLine) {
                        failures.add(where + ": the bad preset was not reported at its line: " + l.problems());
                    }
                }
                if (kind == 9 && l.problems().stream().noneMatch(p -> p.message().contains("UTF-8"))) {
                    failures.add(where + ": bytes that are not UTF-8 went unreported");
                }
                reported += l.problems().isEmpty() ? 0 : 1;
                if (c % 40 == 0) {
                    // the whole catalogue with this file broken: every other lesson still opens
                    LessonCatalogue all = LessonCatalogue.load(root, parser);
                    for (Lesson other : all.lessons()) {
                        if (!other.id().equals(folder.getFileName().toString()) && !other.isUsable()) {
                            failures.add(where + ": lesson " + other.id() + " no longer opens: " + other.problems());
                        }
                    }
                }
            } catch (Throwable t) {
                failures.add(where + ": " + t);
            } finally {
                Files.write(file, original);
            }
        }
        BenchReport.row("lesson_fuzz_files", FILES, "files");
        BenchReport.row("lesson_fuzz_failures", failures.size(), "failures");
        assertEquals(List.of(), failures.subList(0, Math.min(8, failures.size())), failures.size()
                + " failures (seed " + SEED + ")");
        assertTrue(reported > FILES / 2, "most mutations are reported: " + reported);
    }
}
