package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.genlab.lesson.render.MathRenderer;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.ParamSpec;
import dev.genlab.scene.SceneRegistry;

/** The shipped lessons' step presets as the app applies them, for tests that check a step's claims. */
public final class LessonPresets {

    private static LessonCatalogue lessons;

    private LessonPresets() {
    }

    /** The lessons in lessons/, parsed once. */
    public static synchronized LessonCatalogue lessons() {
        if (lessons == null) {
            try {
                lessons = LessonCatalogue.load(Path.of("lessons"),
                        new LessonParser(SceneRegistry.builtIn(), MathRenderer::check));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lessons;
    }

    /** The English steps of a lesson. */
    public static List<Step> steps(String lessonId) {
        return lessons().find(lessonId).orElseThrow().text(Lesson.BASE_LANG).orElseThrow().steps();
    }

    /**
     * The knobs after opening the first step whose heading starts with {@code headingStart}: the presets
     * of every step up to it merged over the defaults, then the overrides (knob id, value, …) as text.
     */
    public static ParamSet knobs(String lessonId, String headingStart, ParamSpec spec, String... overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        boolean found = false;
        for (Step s : steps(lessonId)) {
            merged.putAll(s.preset());
            if (s.heading().startsWith(headingStart)) {
                found = true;
                break;
            }
        }
        assertTrue(found, lessonId + " has a step '" + headingStart + "…'");
        ParamSet p = new ParamSet(spec);
        p.applyOverDefaults(merged);
        for (int i = 0; i < overrides.length; i += 2) {
            p.setText(overrides[i], overrides[i + 1]);
        }
        return p;
    }
}
