package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.genlab.i18n.I18n;
import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/**
 * Walks every step of every shipped lesson, in English and in Korean, and checks that the controls
 * its text names exist and that the step's preset leaves them on screen (issue 12: "each knob the
 * text names exists and each preset leaves the knobs the step's text describes").
 *
 * <p>The rule, precisely:
 * <ol>
 * <li>A lesson names a control in <b>bold</b>, with the words the control shows in that language:
 * {@code **Order k**}, {@code **차수 k**}. Every bold span of a step's body is such a name, except
 * the lead term of a list item ({@code - **Implicit**: ...}, {@code 1. **Generate**: ...}), which
 * is a term being defined, and the few emphasised words of {@link #EMPHASIS}.</li>
 * <li>A name matches a control when, compared without case, {@code $} and icons
 * ({@link #normalise}), it equals: the label of one of the scene's knobs (its
 * {@link KnobSpec#labelKey()} in the bundle of that language), the label of one of a choice knob's
 * choices ({@code labelKey.<choice>}), a toolbar control (Play, Step, Speed, Reset, Presenter; the
 * bundle's {@code toolbar.*}), or a button of the scene's own figures ({@link #SCENE_CONTROLS}).
 * A label's trailing qualifier in parentheses may be left out ("Hidden units" for "Hidden units (NADE)"),
 * and the first word of several knobs' labels names them all ("Matrix" for "Matrix a (row 1)" …
 * "Matrix d (row 2)"). A misspelled or unknown name matches nothing and fails.</li>
 * <li>The step's preset, applied as the app applies it (every preset of the steps up to this one,
 * over the knobs' defaults, in the English file), is valid; and every knob the text names, by its
 * label or by one of its choices, is listed in the knob panel with those values
 * ({@code ParamSpec.shown}; for a group, all of them): in the panel the preset shows, and acting. "Move **Rows kept**" in a step
 * whose preset shows another panel fails.</li>
 * <li>Where the text names a choice as the state the step is in rather than one to try, the preset
 * must set it: {@link #STATED} lists those (lesson, step, knob, value), checked against the merged preset.</li>
 * </ol>
 */
class LessonControlsTest {

    private final LessonParser parser = new LessonParser(SceneRegistry.builtIn(), MathRenderer::check);

    /** Bold spans that are emphasis, not a control: a count in the chain-rule lesson, and "every". */
    static final Set<String> EMPHASIS = Set.of("7", "every", "어느");

    /** Bundle keys of the buttons (and the layer-kind list) a scene's figures carry besides its knobs. */
    static final Map<String, List<String>> SCENE_CONTROLS = Map.of(
            "chainrule", List.of("chainrule.makeHold"),
            "flow", List.of("flow.animate", "flow.add", "flow.remove", "flow.up", "flow.down",
                    "flow.inverseDirection", "flow.kind.linear", "flow.kind.planar", "flow.kind.radial",
                    "flow.kind.coupling_x", "flow.kind.coupling_y", "flow.kind.coupling_additive_x",
                    "flow.kind.coupling_additive_y", "flow.kind.maf_x", "flow.kind.maf_y", "flow.kind.iaf_x",
                    "flow.kind.iaf_y", "flow.kind.actnorm", "flow.kind.permutation", "flow.kind.lu"),
            "autoregressive", List.of("ar.inpaint.testImage", "ar.inpaint.clear"),
            "elbo", List.of("elbo.fitQ"),
            "gan", List.of("gan.trainD", "gan.stepD", "gan.stepG", "gan.clearDrawn"));

    static final List<String> TOOLBAR = List.of("toolbar.play", "toolbar.pause", "toolbar.step", "toolbar.reset",
            "toolbar.speed", "toolbar.presenter");

    /**
     * Knob states a step's text describes as given (not as something to try): lesson id, step (1-based),
     * knob id, the value its merged preset must leave.
     */
    record Stated(String lesson, int step, String knob, String value) {
    }

    static final List<Stated> STATED = List.of(
            // "a causal neighbourhood ... all already drawn in raster order": no chain ordering left over
            new Stated("04-markov-assumption", 5, "ordering", "raster"),
            new Stated("04-markov-assumption", 5, "family", "neighbourhood"),
            // "On the right, a sample is drawn from such a chain along the rows"
            new Stated("04-markov-assumption", 1, "ordering", "raster"),
            new Stated("04-markov-assumption", 1, "family", "markov"),
            // "Raise Neighbours m and watch the held-out NLL: it falls, then ... rises again": the NLL over k and m
            new Stated("02-parameter-counting", 5, "chart", "nll"),
            new Stated("02-parameter-counting", 4, "chart", "counts"),
            new Stated("02-parameter-counting", 6, "chart", "counts"),
            // a figure appears when the text reaches it: the sampler first, the count chart at "A longer
            // memory", the NLL curves at "Train and held-out", the mutual-information maps at "Measuring"
            new Stated("04-markov-assumption", 1, "show_counts", "false"),
            new Stated("04-markov-assumption", 1, "show_curves", "false"),
            new Stated("04-markov-assumption", 1, "show_mi", "false"),
            new Stated("04-markov-assumption", 2, "show_counts", "true"),
            new Stated("04-markov-assumption", 2, "show_curves", "false"),
            new Stated("04-markov-assumption", 3, "show_curves", "true"),
            new Stated("04-markov-assumption", 5, "show_mi", "false"),
            new Stated("04-markov-assumption", 6, "show_mi", "true"),
            // "samples of a NADE that GenLab trained": the checkpoint
            new Stated("05-neural-autoregressive", 1, "start", "checkpoint"),
            new Stated("05-neural-autoregressive", 2, "start", "scratch"),
            // "Compare the plainest model ... FVSBN"; the sampler is NADE's again
            new Stated("05-neural-autoregressive", 3, "model", "fvsbn"),
            new Stated("05-neural-autoregressive", 3, "start", "scratch"),
            new Stated("05-neural-autoregressive", 4, "model", "nade"),
            // "This step starts a fresh NADE in a random order"
            new Stated("05-neural-autoregressive", 5, "ordering", "random"),
            new Stated("05-neural-autoregressive", 5, "start", "scratch"),
            // "This step starts a MADE with as many Hidden units as NADE had, 64"; its masks, "the centre pixel"
            new Stated("05-neural-autoregressive", 6, "model", "made"),
            new Stated("05-neural-autoregressive", 6, "start", "scratch"),
            new Stated("05-neural-autoregressive", 6, "hidden", "64"),
            new Stated("05-neural-autoregressive", 7, "model", "made"),
            new Stated("05-neural-autoregressive", 7, "view", "field"),
            new Stated("05-neural-autoregressive", 7, "hidden", "64"),
            new Stated("05-neural-autoregressive", 7, "pixel", "406"),
            // PixelCNN's receptive field and training
            new Stated("05-neural-autoregressive", 8, "model", "pixelcnn"),
            new Stated("05-neural-autoregressive", 8, "view", "field"),
            // "Architecture drawn shows the fields of other stacks": the gated one first
            new Stated("05-neural-autoregressive", 9, "field_arch", "gated"),
            new Stated("05-neural-autoregressive", 9, "view", "field"),
            new Stated("05-neural-autoregressive", 10, "model", "pixelcnn"),
            new Stated("05-neural-autoregressive", 11, "view", "inpaint"));

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern LIST_LEAD = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+\\*\\*(.+?)\\*\\*");

    @Test
    void everyControlATextNamesExistsAndItsStepShowsIt() throws IOException {
        LessonCatalogue c = LessonCatalogue.load(Path.of("lessons"), parser);
        SceneRegistry scenes = SceneRegistry.builtIn();
        List<String> failures = new ArrayList<>();
        int names = 0;
        for (Lesson lesson : c.lessons()) {
            SceneDescriptor scene = scenes.find(lesson.sceneId()).orElseThrow();
            List<Step> english = lesson.text(Lesson.BASE_LANG).orElseThrow().steps();
            for (Locale locale : I18n.SUPPORTED) {
                String lang = locale.getLanguage();
                assertTrue(lesson.hasLanguage(lang), lesson.id() + " has a " + lang + " text");
                Map<String, String> controls = controls(scene, locale);
                List<Step> steps = lesson.texts().get(lang).steps();
                assertEquals(english.size(), steps.size(), lesson.id() + " " + lang);
                for (int s = 0; s < steps.size(); s++) {
                    ParamSet values = new ParamSet(scene.spec());
                    values.applyOverDefaults(merged(english, s));
                    Predicate<String> shown = scene.spec().shown(values.values());
                    String where = lesson.id() + " step " + (s + 1) + " (" + lang + ")";
                    for (String name : boldNames(steps.get(s).body())) {
                        names++;
                        String knob = controls.get(normalise(name));
                        if (knob == null) {
                            failures.add(where + ": **" + name + "** names no control of scene '" + scene.id()
                                    + "' (knob labels and choices: " + controls.keySet() + ")");
                        } else if (!knob.isEmpty() && !java.util.Arrays.stream(knob.split(",")).allMatch(shown)) {
                            failures.add(where + ": **" + name + "** names knob '" + knob
                                    + "', which the step's preset does not show (another panel, or it does not act)");
                        }
                    }
                }
            }
        }
        for (Stated st : STATED) {
            Lesson lesson = c.find(st.lesson()).orElseThrow(() -> new AssertionError("no lesson " + st.lesson()));
            List<Step> english = lesson.text(Lesson.BASE_LANG).orElseThrow().steps();
            ParamSet values = new ParamSet(scenes.find(lesson.sceneId()).orElseThrow().spec());
            values.applyOverDefaults(merged(english, st.step() - 1));
            String actual = values.spec().get(st.knob()).format(values.get(st.knob()));
            if (!actual.equals(st.value())) {
                failures.add(st.lesson() + " step " + st.step() + ": the text describes " + st.knob() + " = "
                        + st.value() + " but the preset leaves " + actual);
            }
        }
        assertTrue(names >= 60, "the lessons name their controls in bold: " + names);
        assertEquals(List.of(), failures);
    }

    /** The rule itself: a misspelled knob, in either language, and a knob hidden by the preset, fail. */
    @Test
    void aMisspelledOrHiddenKnobIsCaught() {
        SceneDescriptor markov = SceneRegistry.builtIn().find("markov").orElseThrow();
        Map<String, String> en = controls(markov, Locale.ENGLISH);
        Map<String, String> ko = controls(markov, Locale.KOREAN);
        assertEquals("order", en.get(normalise("Order k")));
        assertEquals("ordering", en.get(normalise("Hilbert curve")));
        assertEquals(null, en.get(normalise("Oder k")));
        assertEquals(null, en.get(normalise("Temperature")));
        assertEquals("order", ko.get(normalise(I18n.get(Locale.KOREAN, "markov.order"))));
        assertEquals(null, ko.get(normalise("차수 K 값")));
        assertEquals(null, ko.get(normalise("Order k")), "an English name in a Korean text is not the Korean control");
        assertEquals("", en.get(normalise("Step")));
        assertEquals(List.of("Order k", "Step"), boldNames("- **Implicit**: a term.\nMove **Order k** or press **Step**."));

        SceneDescriptor ar = SceneRegistry.builtIn().find("autoregressive").orElseThrow();
        ParamSet values = new ParamSet(ar.spec());
        values.applyOverDefaults(Map.of("view", "train"));
        String rows = controls(ar, Locale.ENGLISH).get(normalise(I18n.get(Locale.ENGLISH, "ar.keepRows")));
        assertEquals("keep_rows", rows);
        assertTrue(!ar.spec().shown(values.values()).test(rows), "Rows kept is not shown while training");
    }

    /** Every preset of steps 0..s, in order: what the app applies when step s opens. */
    static Map<String, String> merged(List<Step> steps, int s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int k = 0; k <= s; k++) {
            m.putAll(steps.get(k).preset());
        }
        return m;
    }

    /** The bold spans of a body that name a control: all but list-item leads and {@link #EMPHASIS}. */
    static List<String> boldNames(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n", -1)) {
            Matcher lead = LIST_LEAD.matcher(line);
            int from = lead.find() ? lead.end() : 0;
            Matcher b = BOLD.matcher(line);
            while (b.find(from)) {
                if (!EMPHASIS.contains(b.group(1).strip())) {
                    out.add(b.group(1).strip());
                }
                from = b.end();
            }
        }
        return out;
    }

    /** Normalised control name to knob id ("" for a control that is not a knob: a toolbar or figure button). */
    static Map<String, String> controls(SceneDescriptor scene, Locale locale) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : TOOLBAR) {
            out.put(normalise(I18n.get(locale, key)), "");
        }
        for (String key : SCENE_CONTROLS.getOrDefault(scene.id(), List.of())) {
            out.put(normalise(I18n.get(locale, key)), "");
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (KnobSpec k : scene.spec().knobs()) {
            String label = normalise(I18n.get(locale, k.labelKey()));
            out.put(label, k.id());
            // "Hidden units" for "Hidden units (NADE)": the qualifier in parentheses may be left out
            String bare = label.replaceAll("\\s*\\([^)]*\\)$", "");
            out.putIfAbsent(bare, k.id());
            // "Matrix" for the knobs "Matrix a (row 1)" ... "Matrix d (row 2)": a first word shared by several
            int space = bare.indexOf(' ');
            if (space > 0) {
                groups.computeIfAbsent(bare.substring(0, space), w -> new ArrayList<>()).add(k.id());
            }
            for (String choice : k.choices()) {
                out.putIfAbsent(normalise(label(locale, k.labelKey() + "." + choice).orElse(choice)), k.id());
            }
        }
        groups.forEach((word, ids) -> {
            if (ids.size() > 1) {
                out.putIfAbsent(word, String.join(",", ids));
            }
        });
        return out;
    }

    private static Optional<String> label(Locale locale, String key) {
        String v = I18n.get(locale, key);
        return v.startsWith("!") ? Optional.empty() : Optional.of(v);
    }

    /**
     * Lower case, without math dollars, icons (arrows, ▶) and repeated spaces;
     * the minus sign as a hyphen: "▶ Play" and "**Play**", "Print $2^n - 1$ in full" and "Print 2^n − 1 in full".
     */
    static String normalise(String s) {
        String t = s.replace("$", "").replace('\u2212', '-').replaceAll("[\u2190-\u21ff\u25a0-\u25ff\u2016]", " ");
        t = t.replaceAll("\\s+", " ").strip();
        return t.toLowerCase(Locale.ROOT);
    }
}
