package dev.genlab.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParamSetTest {

    static final ParamSpec SPEC = ParamSpec.of(
            Knob.integer("k", "k", "", 1, 8, 2),
            Knob.real("rate", "rate", "", 0, 1, 0.5, 0.01),
            Knob.choice("data", "data", List.of("moons", "rings"), "moons"),
            Knob.toggle("grid", "grid", true).viewOnly());

    @Test
    void absurdValuesAreRefusedWithAMessageAndChangeNothing() {
        ParamSet p = new ParamSet(SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.set("k", 1_000_000));
        assertEquals("knob 'k' takes values from 1 to 8, not 1000000", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.set("k", 2.5));
        assertThrows(IllegalArgumentException.class, () -> p.set("rate", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> p.set("rate", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> p.setText("data", "spiral"));
        assertThrows(IllegalArgumentException.class, () -> p.setText("grid", "maybe"));
        assertThrows(IllegalArgumentException.class, () -> p.set("nope", 1));
        assertEquals(Map.of("k", 2, "rate", 0.5, "data", "moons", "grid", true), p.snapshot());
        // a preset with one bad entry applies none of them
        assertThrows(IllegalArgumentException.class, () -> p.apply(Map.of("k", "3", "rate", "7")));
        assertEquals(2, p.getInt("k"));
    }

    @Test
    void scenarioFilesRoundTripAndBadOnesAreRefusedWhole() throws IOException {
        ParamSet a = new ParamSet(SPEC);
        a.set("k", 5);
        a.set("rate", 0.25);
        a.setText("data", "rings");
        a.set("grid", false);
        StringWriter out = new StringWriter();
        a.save(out);
        assertEquals("data = rings\ngrid = false\nk = 5\nrate = 0.25\n", out.toString());
        ParamSet b = new ParamSet(SPEC);
        b.load(new StringReader(out.toString()));
        assertEquals(a.snapshot(), b.snapshot());

        ParamSet c = new ParamSet(SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.load(new StringReader("k = 4\nwarp = 9\n")));
        assertTrue(e.getMessage().contains("unknown knob 'warp'"));
        assertEquals(2, c.getInt("k"), "nothing applied");
    }

    @Test
    void applyOverDefaultsSetsEveryKnob() {
        ParamSet p = new ParamSet(SPEC);
        p.set("k", 7);
        p.set("rate", 0.9);
        p.applyOverDefaults(Map.of("rate", "0.1"));
        assertEquals(2, p.getInt("k"), "back to its default");
        assertEquals(0.1, p.getDouble("rate"));
    }

    @Test
    void resetReturnsToDefaults() {
        ParamSet p = new ParamSet(SPEC);
        p.set("k", 7);
        p.setText("data", "rings");
        p.reset();
        assertEquals(2, p.getInt("k"));
        assertEquals("moons", p.getChoice("data"));
    }
}
