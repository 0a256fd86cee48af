package dev.genlab.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.genlab.lesson.render.ColourSyntax;
import dev.genlab.lesson.render.MathSyntax;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/**
 * Reads one lesson file:
 * <pre>
 * ---
 * title: What is a generative model?
 * scene: density
 * ---
 * ## First step heading
 * Markdown text with $inline$ and $$display$$ math; the {colour:next-pixel} square.
 * ```preset
 * components = 3
 * ```
 * ## Second step ...
 * </pre>
 * Every mistake becomes a {@link LessonProblem} with file and line; the parser never throws on
 * bad content and keeps whatever parts of the file are sound.
 */
public final class LessonParser {

    /** The outcome: the text when the file could be read at all, and the problems found. */
    public record Result(Optional<LessonText> text, List<LessonProblem> problems) {
    }

    private static final Pattern FRONT_KEY = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*)\\s*:\\s*(.*)$");
    private static final Pattern PRESET_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^`\\s]*)?.*$");
    private static final Pattern STEP_HEADING = Pattern.compile("^##\\s+(.+?)\\s*#*\\s*$");

    private final SceneRegistry scenes;
    private final Function<String, Optional<String>> formulaCheck;

    /**
     * @param scenes       the scenes a lesson may name
     * @param formulaCheck returns the parse error of a LaTeX formula, or empty when it is fine
     */
    public LessonParser(SceneRegistry scenes, Function<String, Optional<String>> formulaCheck) {
        this.scenes = scenes;
        this.formulaCheck = formulaCheck;
    }

    /**
     * @param source the file's content
     * @param file   its name relative to the lessons folder, used in problems
     * @param lang   the language code taken from the file name
     */
    public Result parse(String source, String file, String lang) {
        List<LessonProblem> problems = new ArrayList<>();
        String[] lines = source.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);

        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i >= lines.length || !lines[i].trim().equals("---")) {
            problems.add(new LessonProblem(file, Math.min(i + 1, lines.length), 
                    "front matter missing: the file must start with a '---' line, then 'title:' and 'scene:'", true));
            return new Result(Optional.empty(), problems);
        }
        int frontStart = i + 1;
        Map<String, String> front = new LinkedHashMap<>();
        i++;
        boolean closed = false;
        for (; i < lines.length; i++) {
            String l = lines[i];
            if (l.trim().equals("---")) {
                closed = true;
                i++;
                break;
            }
            if (l.isBlank() || l.trim().startsWith("#")) {
                continue;
            }
            Matcher m = FRONT_KEY.matcher(l.trim());
            if (!m.matches()) {
                problems.add(new LessonProblem(file, i + 1, "front matter line is not 'key: value': " + l.trim(), true));
                continue;
            }
            String key = m.group(1).toLowerCase();
            if (!key.equals("title") && !key.equals("scene")) {
                problems.add(new LessonProblem(file, i + 1, "unknown front matter key '" + key + "' (known: title, scene)", false));
            }
            front.put(key, unquote(m.group(2).trim()));
        }
        if (!closed) {
            problems.add(new LessonProblem(file, frontStart, "front matter is not closed by a '---' line", true));
            return new Result(Optional.empty(), problems);
        }
        String title = front.getOrDefault("title", "");
        String sceneId = front.getOrDefault("scene", "");
        if (title.isBlank()) {
            problems.add(new LessonProblem(file, frontStart, "front matter has no 'title:'", true));
        }
        Optional<SceneDescriptor> scene = Optional.empty();
        if (sceneId.isBlank()) {
            problems.add(new LessonProblem(file, frontStart, "front matter has no 'scene:'", true));
        } else {
            scene = scenes.find(sceneId);
            if (scene.isEmpty()) {
                problems.add(new LessonProblem(file, lineOf(lines, "scene", frontStart),
                        "unknown scene '" + sceneId + "' (known: " + String.join(", ", scenes.ids()) + ")", true));
            }
        }

        List<Step> steps = parseSteps(lines, i, file, scene, problems);
        if (steps.isEmpty()) {
            problems.add(new LessonProblem(file, 0, "no steps: each step starts with a '## heading' line", true));
        }
        return new Result(Optional.of(new LessonText(lang, title, sceneId, steps, file)), problems);
    }

    private List<Step> parseSteps(String[] lines, int start, String file, Optional<SceneDescriptor> scene,
                                  List<LessonProblem> problems) {
        List<Step> steps = new ArrayList<>();
        String heading = null;
        int headingLine = 0;
        StringBuilder body = new StringBuilder();
        int bodyStartLine = 0;
        Map<String, String> preset = new LinkedHashMap<>();
        boolean sawPreset = false;
        String fence = null;
        boolean inPreset = false;

        for (int i = start; i <= lines.length; i++) {
            String l = i < lines.length ? lines[i] : null;
            if (l != null && fence != null) {
                if (isClosingFence(l, fence)) {
                    fence = null;
                    if (inPreset) {
                        inPreset = false;
                        continue;
                    }
                } else if (inPreset) {
                    parsePresetLine(l, i + 1, file, scene, preset, problems);
                    continue;
                }
                body.append(l).append('\n');
                continue;
            }
            Matcher step = l == null ? null : STEP_HEADING.matcher(l);
            if (l == null || step.matches()) {
                if (heading != null) {
                    checkFormulas(body.toString(), bodyStartLine, file, problems);
                    checkColours(body.toString(), bodyStartLine, file, scene, problems);
                    steps.add(new Step(heading, body.toString().strip(), preset, headingLine));
                }
                if (l == null) {
                    break;
                }
                heading = step.group(1);
                headingLine = i + 1;
                bodyStartLine = i + 2;
                body.setLength(0);
                preset = new LinkedHashMap<>();
                sawPreset = false;
                checkFormulas(heading, headingLine, file, problems);
                if (!ColourSyntax.placeholders(heading).isEmpty()) {
                    problems.add(new LessonProblem(file, headingLine, "a heading cannot name a colour: the lesson "
                            + "list shows headings as they are written; name it in the step's text", false));
                }
                continue;
            }
            Matcher f = FENCE.matcher(l);
            if (f.matches()) {
                fence = f.group(1);
                if ("preset".equals(f.group(2))) {
                    if (heading == null) {
                        problems.add(new LessonProblem(file, i + 1, "preset block before the first '## step'", false));
                    } else if (sawPreset) {
                        problems.add(new LessonProblem(file, i + 1, "a step has one preset block at most", false));
                    }
                    sawPreset = true;
                    inPreset = true;
                    continue;
                }
            }
            if (heading == null) {
                if (!l.isBlank()) {
                    problems.add(new LessonProblem(file, i + 1,
                            "text before the first '## step' heading is not shown", false));
                }
                continue;
            }
            body.append(l).append('\n');
        }
        if (fence != null) {
            problems.add(new LessonProblem(file, lines.length, "a fenced block (" + fence + ") is never closed", false));
        }
        return steps;
    }

    private void parsePresetLine(String l, int lineNo, String file, Optional<SceneDescriptor> scene,
                                 Map<String, String> preset, List<LessonProblem> problems) {
        String t = l.trim();
        if (t.isEmpty() || t.startsWith("#")) {
            return;
        }
        Matcher m = PRESET_LINE.matcher(t);
        if (!m.matches()) {
            problems.add(new LessonProblem(file, lineNo, "preset line is not 'knob = value': " + t, false));
            return;
        }
        String knob = m.group(1);
        String value = m.group(2).trim();
        if (scene.isEmpty()) {
            return; // the unknown scene is already reported; its knobs cannot be checked
        }
        Optional<KnobSpec> spec = scene.get().spec().find(knob);
        if (spec.isEmpty()) {
            List<String> known = scene.get().spec().knobs().stream().map(KnobSpec::id).toList();
            problems.add(new LessonProblem(file, lineNo, "unknown knob '" + knob + "' for scene '"
                    + scene.get().id() + "' (known: " + String.join(", ", known) + ")", false));
            return;
        }
        try {
            spec.get().parse(value);
            preset.put(knob, value);
        } catch (IllegalArgumentException e) {
            problems.add(new LessonProblem(file, lineNo, "bad value: " + e.getMessage(), false));
        }
    }

    private void checkFormulas(String text, int firstLine, String file, List<LessonProblem> problems) {
        for (MathSyntax.Formula f : MathSyntax.formulas(text)) {
            formulaCheck.apply(f.latex()).ifPresent(err -> problems.add(new LessonProblem(file,
                    firstLine + f.line() - 1, "formula does not parse: " + err + " in $" + f.latex() + "$", false)));
        }
    }

    /** A colour placeholder must name a colour the lesson's scene declares. */
    private void checkColours(String text, int firstLine, String file, Optional<SceneDescriptor> scene,
                              List<LessonProblem> problems) {
        if (scene.isEmpty()) {
            return; // the unknown scene is already reported; its colours cannot be checked
        }
        for (ColourSyntax.Placeholder p : ColourSyntax.placeholders(text)) {
            if (!scene.get().colours().containsKey(p.key())) {
                List<String> known = scene.get().colours().keySet().stream().sorted().toList();
                problems.add(new LessonProblem(file, firstLine + p.line() - 1, "unknown colour '" + p.key()
                        + "' for scene '" + scene.get().id() + "' (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")", false));
            }
        }
    }

    private static boolean isClosingFence(String l, String fence) {
        String t = l.strip();
        return t.length() >= fence.length() && t.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static int lineOf(String[] lines, String key, int fallback) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith(key + ":")) {
                return i + 1;
            }
        }
        return fallback;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
