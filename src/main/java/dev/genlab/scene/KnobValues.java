package dev.genlab.scene;

import java.util.Map;

/**
 * An immutable copy of a scene's knob values, read by typed {@link Knob} constants: what a params
 * record is built from on the JavaFX thread before it is handed to a trainer.
 */
public final class KnobValues {

    private final ParamSpec spec;
    private final Map<String, Object> values;

    KnobValues(ParamSpec spec, Map<String, Object> values) {
        this.spec = spec;
        this.values = Map.copyOf(values);
    }

    /** The knob's value in its type; the knob must belong to this scene. */
    public <T> T get(Knob<T> knob) {
        spec.requireOwn(knob);
        return knob.read(values.get(knob.id()));
    }

    /** The values in canonical form by knob id (presets and scenario files). */
    public Map<String, Object> asMap() {
        return values;
    }
}
