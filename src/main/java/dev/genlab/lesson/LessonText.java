package dev.genlab.lesson;

import java.util.List;

/**
 * A lesson in one language.
 *
 * @param lang  two-letter language code
 * @param title the title from the front matter
 * @param sceneId the scene named in the front matter
 * @param steps the steps in order
 * @param file  the file it was read from, relative to the lessons folder
 */
public record LessonText(String lang, String title, String sceneId, List<Step> steps, String file) {

    public LessonText {
        steps = List.copyOf(steps);
    }
}
