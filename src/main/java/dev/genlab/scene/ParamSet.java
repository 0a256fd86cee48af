package dev.genlab.scene;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The live values of a scene's knobs, one observable property per {@link KnobSpec}.
 * Setting a value out of range or of the wrong type is refused with an
 * {@link IllegalArgumentException}; the property keeps its last good value.
 */
public final class ParamSet {

    private final ParamSpec spec;
    private final Map<String, ObjectProperty<Object>> values = new LinkedHashMap<>();
    private final ObjectProperty<Classroom> classroom = new SimpleObjectProperty<>(this, "classroom", Classroom.NONE);
    /** The values the classroom pins (its hidden and locked knobs), taken when it was set. */
    private Map<String, Object> pinned = Map.of();
    /** Nesting depth of {@link #batch}: above 0 while a preset, a scenario or a reset sets several knobs. */
    private int batchDepth;
    private final java.util.List<Runnable> batchEnds = new java.util.ArrayList<>();

    public ParamSet(ParamSpec spec) {
        this.spec = spec;
        for (KnobSpec k : spec.knobs()) {
            values.put(k.id(), new SimpleObjectProperty<>(this, k.id(), k.defaultValue()));
        }
    }

    public ParamSpec spec() {
        return spec;
    }

    /**
     * True while several knobs are being set as one change ({@link #apply}, {@link #applyOverDefaults},
     * {@link #reset}, {@link #batch}): each knob still fires its own change, and a listener that redraws or
     * recomputes may wait for {@link #onBatchEnd} to do it once.
     */
    public boolean inBatch() {
        return batchDepth > 0;
    }

    /** Runs {@code r} after every outermost batch of knob changes, on the thread that made it. */
    public void onBatchEnd(Runnable r) {
        batchEnds.add(java.util.Objects.requireNonNull(r));
    }

    /** Sets several knobs as one change (see {@link #inBatch}). */
    public void batch(Runnable changes) {
        batchDepth++;
        try {
            changes.run();
        } finally {
            if (--batchDepth == 0) {
                for (Runnable r : List.copyOf(batchEnds)) {
                    r.run();
                }
            }
        }
    }

    /** The knob's value in its type. */
    public <T> T get(Knob<T> knob) {
        spec.requireOwn(knob);
        return knob.read(values.get(knob.id()).get());
    }

    /** Sets a knob to a value of its type, validated against its range. */
    public <T> void set(Knob<T> knob, T value) {
        spec.requireOwn(knob);
        values.get(knob.id()).set(knob.write(value));
    }

    public ObjectProperty<Object> property(Knob<?> knob) {
        spec.requireOwn(knob);
        return values.get(knob.id());
    }

    /** An immutable, typed copy of every value, for building a params record. */
    public KnobValues values() {
        return new KnobValues(spec, snapshot());
    }

    public ObjectProperty<Object> property(String id) {
        spec.get(id);
        return values.get(id);
    }

    public Object get(String id) {
        return property(id).get();
    }

    public double getDouble(String id) {
        return ((Number) get(id)).doubleValue();
    }

    public int getInt(String id) {
        return ((Number) get(id)).intValue();
    }

    public String getChoice(String id) {
        return (String) get(id);
    }

    public boolean getToggle(String id) {
        return (Boolean) get(id);
    }

    /** Sets a knob after validating the value against its spec. */
    public void set(String id, Object value) {
        KnobSpec k = spec.get(id);
        values.get(id).set(k.validate(value));
    }

    /** Sets a knob from its text form (as written in presets and scenario files). */
    public void setText(String id, String text) {
        KnobSpec k = spec.get(id);
        values.get(id).set(k.parse(text));
    }

    /**
     * Applies a preset: every entry is validated first, so a bad preset changes nothing. Knobs a classroom pins
     * keep their values.
     */
    public void apply(Map<String, String> preset) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : preset.entrySet()) {
            parsed.put(e.getKey(), spec.get(e.getKey()).parse(e.getValue()));
        }
        batch(() -> parsed.forEach((id, v) -> values.get(id).set(pinned.getOrDefault(id, v))));
    }

    /**
     * Hides and locks knobs at their current values (a handed-out scenario's classroom section): from now on
     * presets and {@link #reset()} leave them as they are, until another classroom (or {@link Classroom#NONE}) is
     * set.
     *
     * @throws IllegalArgumentException naming a knob this scene does not have; nothing changes
     */
    public void setClassroom(Classroom c) {
        for (String id : c.hidden()) {
            spec.get(id);
        }
        for (String id : c.locked()) {
            spec.get(id);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (KnobSpec k : spec.knobs()) {
            if (c.pins(k.id())) {
                p.put(k.id(), values.get(k.id()).get());
            }
        }
        pinned = Collections.unmodifiableMap(p);
        classroom.set(c);
    }

    public Classroom classroom() {
        return classroom.get();
    }

    /** The classroom in force (the knob panel hides and locks by it). */
    public ObjectProperty<Classroom> classroomProperty() {
        return classroom;
    }

    /**
     * Sets every knob: those in preset to its values, all others to their defaults, those a classroom pins to
     * their pinned values. Validated first, so a bad preset changes nothing; knobs that keep their value fire no
     * change.
     */
    public void applyOverDefaults(Map<String, String> preset) {
        Map<String, Object> target = new LinkedHashMap<>();
        for (KnobSpec k : spec.knobs()) {
            target.put(k.id(), k.defaultValue());
        }
        for (Map.Entry<String, String> e : preset.entrySet()) {
            target.put(e.getKey(), spec.get(e.getKey()).parse(e.getValue()));
        }
        target.putAll(pinned);
        batch(() -> target.forEach((id, v) -> values.get(id).set(v)));
    }

    /** Every knob to its default, but those a classroom pins. */
    public void reset() {
        batch(() -> {
            for (KnobSpec k : spec.knobs()) {
                values.get(k.id()).set(pinned.getOrDefault(k.id(), k.defaultValue()));
            }
        });
    }

    /** An immutable copy of the current values, for handing to a trainer thread. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((id, p) -> m.put(id, p.get()));
        return Collections.unmodifiableMap(m);
    }

    /** Saves the knobs as a small scenario file ({@code knob = value} lines). */
    public void save(Writer out) throws IOException {
        Map<String, String> sorted = new TreeMap<>();
        for (KnobSpec k : spec.knobs()) {
            sorted.put(k.id(), k.format(get(k.id())));
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            out.write(e.getKey() + " = " + e.getValue() + "\n");
        }
        out.flush();
    }

    /**
     * Loads a scenario file; unknown knobs or bad values are refused with a message naming them,
     * and then nothing is changed.
     */
    public void load(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> m = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : p.stringPropertyNames()) {
            if (spec.find(name).isEmpty()) {
                problems.add("unknown knob '" + name + "'");
            } else {
                m.put(name, p.getProperty(name));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        apply(m);
    }
}
