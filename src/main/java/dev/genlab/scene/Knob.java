package dev.genlab.scene;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A knob declared once, with its Java type: the constant a scene's params record reads
 * ({@link KnobValues#get}), the {@link KnobSpec} the knob panel, lesson presets and scenario files
 * read, the panels of the scene it belongs to, and when it acts.
 *
 * <pre>
 *   static final Knob&lt;Integer&gt; HIDDEN = Knob.intChoice("hidden", "flow.hidden", List.of(8, 16, 32), 32).in(Panel.TRAIN);
 *   ...
 *   new FlowParams(..., values.get(HIDDEN), ...)        // an int, no cast, no parsing
 * </pre>
 *
 * <p>Values are stored in the spec's canonical form (Double, Integer, String or Boolean); a knob
 * converts that to its type in one place, here.
 *
 * @param <T> the type the model reads
 */
public final class Knob<T> {

    private final KnobSpec spec;
    private final Function<Object, T> read;
    private final Function<T, Object> write;
    private final Set<Enum<?>> panels;
    private final Predicate<KnobValues> actsWhen;

    private Knob(KnobSpec spec, Function<Object, T> read, Function<T, Object> write, Set<Enum<?>> panels,
                 Predicate<KnobValues> actsWhen) {
        this.spec = spec;
        this.read = read;
        this.write = write;
        this.panels = panels;
        this.actsWhen = actsWhen;
    }

    /** A real number on a slider from min to max, in increments of step. */
    public static Knob<Double> real(String id, String labelKey, String unit, double min, double max, double def,
                                    double step) {
        return new Knob<>(KnobSpec.ofDouble(id, labelKey, unit, min, max, def, step), v -> (Double) v, v -> v,
                Set.of(), v -> true);
    }

    /** A whole number on a slider from min to max. */
    public static Knob<Integer> integer(String id, String labelKey, String unit, int min, int max, int def) {
        return new Knob<>(KnobSpec.ofInt(id, labelKey, unit, min, max, def), v -> (Integer) v, v -> v, Set.of(),
                v -> true);
    }

    public static Knob<Boolean> toggle(String id, String labelKey, boolean def) {
        return new Knob<>(KnobSpec.ofToggle(id, labelKey, def), v -> (Boolean) v, v -> v, Set.of(), v -> true);
    }

    /** One of a few words; each is also the suffix of its label's bundle key. */
    public static Knob<String> choice(String id, String labelKey, List<String> choices, String def) {
        return new Knob<>(KnobSpec.ofChoice(id, labelKey, choices, def), v -> (String) v, v -> v, Set.of(), v -> true);
    }

    /**
     * One of an enum's constants, written in presets as its name in lower case ({@code LAYERS} is
     * "layers"); the bundle key of its label is labelKey + "." + that word.
     */
    public static <E extends Enum<E>> Knob<E> choice(String id, String labelKey, Class<E> type, E def) {
        List<String> words = Arrays.stream(type.getEnumConstants()).map(Knob::word).toList();
        return new Knob<>(KnobSpec.ofChoice(id, labelKey, words, word(def)),
                v -> type.getEnumConstants()[words.indexOf((String) v)], Knob::word, Set.of(), v -> true);
    }

    /** One of a few whole numbers (a slider over them; presets write the number). */
    public static Knob<Integer> intChoice(String id, String labelKey, List<Integer> choices, int def) {
        List<String> words = choices.stream().map(String::valueOf).toList();
        return new Knob<>(KnobSpec.ofChoice(id, labelKey, words, String.valueOf(def)),
                v -> Integer.valueOf((String) v), String::valueOf, Set.of(), v -> true);
    }

    /** One of a few real numbers, given as the text presets write (e.g. "0.005"). */
    public static Knob<Double> realChoice(String id, String labelKey, List<String> choices, String def) {
        choices.forEach(Double::parseDouble);
        return new Knob<>(KnobSpec.ofChoice(id, labelKey, choices, def), v -> Double.valueOf((String) v),
                v -> choices.stream().filter(c -> Double.parseDouble(c) == v).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("knob '" + id + "' has no choice " + v)),
                Set.of(), v -> true);
    }

    static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The same knob, belonging to these panels of its scene: the knob panel lists it only while one is shown. */
    public Knob<T> in(Enum<?>... shownIn) {
        return new Knob<>(spec, read, write, Set.of(shownIn), actsWhen);
    }

    /** The same knob, listed only while the other knobs' values make it act (e.g. a model's own width). */
    public Knob<T> actsWhen(Predicate<KnobValues> when) {
        return new Knob<>(spec, read, write, panels, Objects.requireNonNull(when));
    }

    /** The same knob as a view toggle: changing it redraws and never touches the model. */
    public Knob<T> viewOnly() {
        return new Knob<>(spec.asViewOnly(), read, write, panels, actsWhen);
    }

    /** The same knob with another help text (bundle key), e.g. one shared by a family of knobs. */
    public Knob<T> help(String helpKey) {
        KnobSpec s = new KnobSpec(spec.id(), spec.labelKey(), spec.unit(), spec.kind(), spec.min(), spec.max(),
                spec.defaultValue(), spec.step(), spec.choices(), helpKey, spec.viewOnly());
        return new Knob<>(s, read, write, panels, actsWhen);
    }

    public String id() {
        return spec.id();
    }

    public KnobSpec spec() {
        return spec;
    }

    /** The panels it belongs to; empty for every panel. */
    public Set<Enum<?>> panels() {
        return panels;
    }

    /** True when the knob panel should list it for these values and this panel shown (null: no panels). */
    public boolean shown(KnobValues values, Enum<?> panel) {
        return (panels.isEmpty() || panel == null || panels.contains(panel)) && actsWhen.test(values);
    }

    public T defaultValue() {
        return read.apply(spec.defaultValue());
    }

    /** The value in its type, from the spec's canonical form. */
    T read(Object canonical) {
        return read.apply(canonical);
    }

    /** The canonical form of a value of this knob, validated against the spec. */
    Object write(T value) {
        return spec.validate(write.apply(Objects.requireNonNull(value)));
    }

    @Override
    public String toString() {
        return "Knob[" + spec.id() + "]";
    }
}
