package dev.genlab.scene;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ordered, immutable list of a scene's knobs. */
public final class ParamSpec {

    private final Map<String, KnobSpec> knobs = new LinkedHashMap<>();

    public ParamSpec(List<KnobSpec> list) {
        for (KnobSpec k : list) {
            if (knobs.put(k.id(), k) != null) {
                throw new IllegalArgumentException("duplicate knob id " + k.id());
            }
        }
    }

    public static ParamSpec of(KnobSpec... list) {
        return new ParamSpec(List.of(list));
    }

    public List<KnobSpec> knobs() {
        return List.copyOf(knobs.values());
    }

    public Optional<KnobSpec> find(String id) {
        return Optional.ofNullable(knobs.get(id));
    }

    public KnobSpec get(String id) {
        KnobSpec k = knobs.get(id);
        if (k == null) {
            throw new IllegalArgumentException("unknown knob '" + id + "'; known: " + knobs.keySet());
        }
        return k;
    }
}
