package dev.genlab.scene;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A handed-out scenario's classroom section: knobs hidden from the knob panel and knobs shown but locked, as
 * TensorFlow Playground's classroom links hide controls, so that students exploring a scenario stay on its point.
 * Both keep the values the scenario set: presets of the lesson's steps and Reset leave them as they are
 * ({@link ParamSet#setClassroom}). A figure a student clicks may still move a knob it drives (lesson 5's slice).
 *
 * @param hidden knob ids not shown
 * @param locked knob ids shown, not changeable
 */
public record Classroom(Set<String> hidden, Set<String> locked) {

    public static final Classroom NONE = new Classroom(Set.of(), Set.of());

    public Classroom {
        hidden = Set.copyOf(hidden);
        locked = Set.copyOf(locked);
        Set<String> both = new LinkedHashSet<>(hidden);
        both.retainAll(locked);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException("a knob is either hidden or locked, not both: " + both);
        }
    }

    /** Whether the knob keeps the scenario's value (hidden or locked). */
    public boolean pins(String id) {
        return hidden.contains(id) || locked.contains(id);
    }

    public boolean isEmpty() {
        return hidden.isEmpty() && locked.isEmpty();
    }

    /** "a, b, c" in a stable order, as a scenario file writes a list. */
    public static String format(Collection<String> ids) {
        return ids.stream().sorted().collect(Collectors.joining(", "));
    }

    /** The ids of a "a, b, c" line (empty or null: none). */
    public static Set<String> parse(String line) {
        if (line == null || line.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
