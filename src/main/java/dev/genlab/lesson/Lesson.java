package dev.genlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lesson: one folder of {@code lessons/}, its texts by language and whatever was wrong with
 * them. A lesson with a fatal problem is listed (so its author sees why) but cannot be opened.
 *
 * @param id       the folder name, e.g. {@code 01-generative-models}
 * @param texts    language code to text; English is required for the lesson to open
 * @param problems every mistake found, fatal or not
 */
public record Lesson(String id, Map<String, LessonText> texts, List<LessonProblem> problems) {

    public static final String BASE_LANG = "en";

    public Lesson {
        texts = Map.copyOf(texts);
        problems = List.copyOf(problems);
    }

    public boolean isUsable() {
        return texts.containsKey(BASE_LANG) && problems.stream().noneMatch(LessonProblem::fatal);
    }

    /** The text in lang, or the English one when that language is missing. */
    public Optional<LessonText> text(String lang) {
        LessonText t = texts.get(lang);
        return Optional.ofNullable(t != null ? t : texts.get(BASE_LANG));
    }

    public boolean hasLanguage(String lang) {
        return texts.containsKey(lang);
    }

    public String sceneId() {
        return text(BASE_LANG).map(LessonText::sceneId).orElse("");
    }

    public int stepCount() {
        return text(BASE_LANG).map(t -> t.steps().size()).orElse(0);
    }

    /** Title in lang (falling back to English), or the folder name for a broken lesson. */
    public String title(String lang) {
        return text(lang).map(LessonText::title).orElse(id);
    }
}
