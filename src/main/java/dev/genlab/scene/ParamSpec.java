package dev.genlab.scene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ordered, immutable list of a scene's knobs, declared once as typed {@link Knob} constants.
 * A scene with several panels names the knob that picks the panel ({@link #withPanelKnob}); which
 * knobs the knob panel lists then follows from each knob's own panels and conditions.
 */
public final class ParamSpec {

    private final Map<String, Knob<?>> knobs = new LinkedHashMap<>();
    private final Knob<? extends Enum<?>> panelKnob;

    private ParamSpec(List<Knob<?>> list, Knob<? extends Enum<?>> panelKnob) {
        for (Knob<?> k : list) {
            if (knobs.put(k.id(), k) != null) {
                throw new IllegalArgumentException("duplicate knob id " + k.id());
            }
        }
        if (panelKnob != null && knobs.get(panelKnob.id()) != panelKnob) {
            throw new IllegalArgumentException("the panel knob " + panelKnob.id() + " is not one of the scene's knobs");
        }
        this.panelKnob = panelKnob;
    }

    public static ParamSpec of(Knob<?>... list) {
        return new ParamSpec(List.of(list), null);
    }

    /** The same knobs, of which {@code panel} picks the panel shown. */
    public ParamSpec withPanelKnob(Knob<? extends Enum<?>> panel) {
        return new ParamSpec(new ArrayList<>(knobs.values()), panel);
    }

    /** The untyped descriptions, in order (the knob panel, presets and scenario files read these). */
    public List<KnobSpec> knobs() {
        return knobs.values().stream().map(Knob::spec).toList();
    }

    /** The typed knobs, in order. */
    public List<Knob<?>> typed() {
        return List.copyOf(knobs.values());
    }

    public Optional<KnobSpec> find(String id) {
        return Optional.ofNullable(knobs.get(id)).map(Knob::spec);
    }

    public KnobSpec get(String id) {
        Knob<?> k = knobs.get(id);
        if (k == null) {
            throw new IllegalArgumentException("unknown knob '" + id + "'; known: " + knobs.keySet());
        }
        return k.spec();
    }

    /** The knob that picks the panel shown, if the scene has panels. */
    public Optional<Knob<? extends Enum<?>>> panelKnob() {
        return Optional.ofNullable(panelKnob);
    }

    /** Which knob ids the knob panel lists for these values. */
    public Predicate<String> shown(KnobValues values) {
        Enum<?> panel = panelKnob == null ? null : values.get(panelKnob);
        List<String> ids = new ArrayList<>();
        for (Knob<?> k : knobs.values()) {
            if (k.shown(values, panel)) {
                ids.add(k.id());
            }
        }
        return new ShownIds(List.copyOf(ids));
    }

    /** A predicate that compares by the ids it accepts, so a listener can tell when the list changed. */
    record ShownIds(List<String> ids) implements Predicate<String> {
        @Override
        public boolean test(String id) {
            return ids.contains(id);
        }
    }

    void requireOwn(Knob<?> k) {
        if (knobs.get(k.id()) != k) {
            throw new IllegalArgumentException(k + " is not a knob of this scene");
        }
    }
}
