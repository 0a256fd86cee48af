package dev.genlab.scene;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One knob of a scene, declared once: the parameter panel builds its control from this,
 * lesson presets set it by {@link #id()}, Reset returns it to {@link #defaultValue()}.
 *
 * <p>Values travel as {@code Object}: {@code Double} for {@link Kind#DOUBLE}, {@code Integer}
 * for {@link Kind#INT}, {@code String} for {@link Kind#CHOICE}, {@code Boolean} for
 * {@link Kind#TOGGLE}.
 *
 * @param id      stable identifier used by presets and scenario files
 * @param labelKey bundle key of the label
 * @param unit    unit shown after the value ("" for none)
 * @param kind    the type of value
 * @param min     smallest value (numeric kinds)
 * @param max     largest value (numeric kinds)
 * @param defaultValue value on Reset
 * @param step    slider increment (numeric kinds)
 * @param choices allowed values (CHOICE); each is also a bundle key suffix for its label
 * @param helpKey bundle key of a one-line help text
 * @param viewOnly true for a view toggle that never touches the model
 */
public record KnobSpec(String id, String labelKey, String unit, Kind kind, double min, double max,
                       Object defaultValue, double step, List<String> choices, String helpKey,
                       boolean viewOnly) {

    public enum Kind { DOUBLE, INT, CHOICE, TOGGLE }

    public KnobSpec {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        choices = choices == null ? List.of() : List.copyOf(choices);
        unit = unit == null ? "" : unit;
        defaultValue = normalise(kind, min, max, choices, defaultValue, id);
    }

    public static KnobSpec ofDouble(String id, String labelKey, String unit, double min, double max,
                                    double def, double step) {
        return new KnobSpec(id, labelKey, unit, Kind.DOUBLE, min, max, def, step, List.of(), labelKey + ".help", false);
    }

    public static KnobSpec ofInt(String id, String labelKey, String unit, int min, int max, int def) {
        return new KnobSpec(id, labelKey, unit, Kind.INT, min, max, def, 1, List.of(), labelKey + ".help", false);
    }

    public static KnobSpec ofChoice(String id, String labelKey, List<String> choices, String def) {
        return new KnobSpec(id, labelKey, "", Kind.CHOICE, 0, 0, def, 0, choices, labelKey + ".help", false);
    }

    public static KnobSpec ofToggle(String id, String labelKey, boolean def) {
        return new KnobSpec(id, labelKey, "", Kind.TOGGLE, 0, 0, def, 0, List.of(), labelKey + ".help", false);
    }

    /** The same knob marked as a view-only toggle (never restarts or changes the model). */
    public KnobSpec asViewOnly() {
        return new KnobSpec(id, labelKey, unit, kind, min, max, defaultValue, step, choices, helpKey, true);
    }

    /**
     * Parses a preset or scenario value.
     *
     * @throws IllegalArgumentException with a message fit to show a lesson author
     */
    public Object parse(String text) {
        String t = text == null ? "" : text.trim();
        switch (kind) {
            case DOUBLE, INT -> {
                double v;
                try {
                    v = Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("knob '" + id + "' takes a number, not '" + t + "'");
                }
                return normalise(kind, min, max, choices, v, id);
            }
            case CHOICE -> {
                return normalise(kind, min, max, choices, t, id);
            }
            case TOGGLE -> {
                String l = t.toLowerCase(Locale.ROOT);
                if (l.equals("true") || l.equals("on") || l.equals("yes")) {
                    return Boolean.TRUE;
                }
                if (l.equals("false") || l.equals("off") || l.equals("no")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("knob '" + id + "' takes true or false, not '" + t + "'");
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Checks a value against the knob's type and range; returns it in canonical form. */
    public Object validate(Object value) {
        return normalise(kind, min, max, choices, value, id);
    }

    /** Text form that {@link #parse(String)} reads back. */
    public String format(Object value) {
        if (kind == Kind.DOUBLE) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
        }
        return String.valueOf(value);
    }

    private static Object normalise(Kind kind, double min, double max, List<String> choices, Object v, String id) {
        switch (kind) {
            case DOUBLE, INT -> {
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException("knob '" + id + "' takes a number");
                }
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("knob '" + id + "' takes a finite number, not " + d);
                }
                if (d < min || d > max) {
                    throw new IllegalArgumentException("knob '" + id + "' takes values from "
                            + fmt(min) + " to " + fmt(max) + ", not " + fmt(d));
                }
                if (kind == Kind.INT) {
                    if (d != Math.rint(d)) {
                        throw new IllegalArgumentException("knob '" + id + "' takes a whole number, not " + d);
                    }
                    return (int) d;
                }
                return d;
            }
            case CHOICE -> {
                String s = String.valueOf(v);
                if (!choices.contains(s)) {
                    throw new IllegalArgumentException("knob '" + id + "' takes one of " + choices + ", not '" + s + "'");
                }
                return s;
            }
            case TOGGLE -> {
                if (!(v instanceof Boolean)) {
                    throw new IllegalArgumentException("knob '" + id + "' takes true or false");
                }
                return v;
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
