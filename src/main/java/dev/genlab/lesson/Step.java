package dev.genlab.lesson;

import java.util.Map;

/**
 * One step of a lesson: a {@code ##} heading, its Markdown body (preset block removed) and the
 * knob values the scene takes when the step opens.
 *
 * @param heading the heading text
 * @param body    Markdown with {@code $...$} / {@code $$...$$} math
 * @param preset  knob id to value text, in file order; validated against the scene's knobs
 * @param line    line of the heading in its file
 */
public record Step(String heading, String body, Map<String, String> preset, int line) {

    public Step {
        preset = Map.copyOf(preset);
    }
}
