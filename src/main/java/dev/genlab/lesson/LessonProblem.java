package dev.genlab.lesson;

/**
 * A mistake in a lesson file, with where it is, worded for the lesson's author.
 *
 * @param file  the file, relative to the lessons folder (e.g. {@code 01-generative/lesson.ko.md})
 * @param line  1-based line, or 0 when the problem concerns the whole file
 * @param message what is wrong
 * @param fatal true when the lesson cannot be opened at all
 */
public record LessonProblem(String file, int line, String message, boolean fatal) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
