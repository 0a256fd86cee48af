package dev.genlab.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.genlab.scene.autoregressive.AutoregressiveParams;
import dev.genlab.scene.flow.FlowParams;

class KnobTest {

    enum Panel { ONE, TWO }

    static final Knob<Panel> PANEL = Knob.choice("panel", "t.panel", Panel.class, Panel.ONE).viewOnly();
    static final Knob<Integer> HIDDEN = Knob.intChoice("hidden", "t.hidden", List.of(8, 16, 32), 16).in(Panel.TWO);
    static final Knob<Double> RATE = Knob.realChoice("rate", "t.rate", List.of("0.001", "0.005"), "0.005");
    static final Knob<String> KIND = Knob.choice("kind", "t.kind", List.of("a", "b"), "a").in(Panel.ONE);
    static final Knob<Double> SLOPE = Knob.real("slope", "t.slope", "", -1, 1, 0, 0.1).in(Panel.ONE)
            .actsWhen(v -> v.get(KIND).equals("b"));
    static final ParamSpec SPEC = ParamSpec.of(PANEL, HIDDEN, RATE, KIND, SLOPE).withPanelKnob(PANEL);

    @Test
    void valuesArriveInTheirTypeFromPresetText() {
        ParamSet p = new ParamSet(SPEC);
        p.apply(Map.of("hidden", "32", "rate", "0.001", "panel", "two"));
        KnobValues v = p.values();
        int h = v.get(HIDDEN);
        double r = v.get(RATE);
        assertEquals(32, h);
        assertEquals(0.001, r);
        assertEquals(Panel.TWO, v.get(PANEL));
        // and typed values go back out as the text presets and scenario files write
        p.set(HIDDEN, 8);
        p.set(PANEL, Panel.ONE);
        assertEquals("8", p.get("hidden"));
        assertEquals("one", p.get("panel"));
        assertEquals(16, HIDDEN.defaultValue());
    }

    @Test
    void badValuesAreRefusedAndForeignKnobsToo() {
        ParamSet p = new ParamSet(SPEC);
        assertThrows(IllegalArgumentException.class, () -> p.set(HIDDEN, 12));
        assertThrows(IllegalArgumentException.class, () -> p.set(SLOPE, 3.0));
        assertThrows(IllegalArgumentException.class, () -> p.setText("panel", "three"));
        Knob<Integer> foreign = Knob.integer("hidden", "x", "", 0, 9, 1);
        assertThrows(IllegalArgumentException.class, () -> p.get(foreign), "same id, another scene's knob");
        assertEquals(16, p.get(HIDDEN), "nothing changed");
    }

    private static Set<String> shown(ParamSet p) {
        return p.spec().knobs().stream().map(KnobSpec::id).filter(SPEC.shown(p.values())).collect(Collectors.toSet());
    }

    @Test
    void theKnobsListedFollowThePanelAndTheConditions() {
        ParamSet p = new ParamSet(SPEC);
        assertEquals(Set.of("panel", "rate", "kind"), shown(p), "panel one; slope acts only for kind b");
        p.set(KIND, "b");
        assertEquals(Set.of("panel", "rate", "kind", "slope"), shown(p));
        p.set(PANEL, Panel.TWO);
        assertEquals(Set.of("panel", "rate", "hidden"), shown(p));
        // the predicate compares by what it lists, so a listener can tell a real change
        assertEquals(SPEC.shown(p.values()), SPEC.shown(p.values()));
        p.set(PANEL, Panel.ONE);
        assertNotEquals(SPEC.shown(p.values()), SPEC.shown(new ParamSet(SPEC).values()));
    }

    @Test
    void lessonSixListsTheKnobsOfThePanelShown() {
        ParamSet p = new ParamSet(FlowParams.SPEC);
        Set<String> oned = p.spec().knobs().stream().map(KnobSpec::id).filter(FlowParams.SPEC.shown(p.values()))
                .collect(Collectors.toSet());
        assertEquals(Set.of("panel", "transform", "base1d", "a", "b", "intervals"), oned, "affine: a and b");
        p.set(FlowParams.TRANSFORM, "rq_spline");
        assertEquals(Set.of("panel", "transform", "base1d", "intervals"), ids(p, FlowParams.SPEC), "a spline is dragged");
        p.set(FlowParams.PANEL, FlowParams.Panel.TRAIN);
        assertEquals(Set.of("panel", "dataset", "flow_type", "layers", "hidden", "learning_rate", "batch", "base", "seed"),
                ids(p, FlowParams.SPEC));
        p.set(FlowParams.PANEL, FlowParams.Panel.LAYERS);
        assertTrue(ids(p, FlowParams.SPEC).containsAll(Set.of("m11", "m12", "m21", "m22", "fill", "dataset")));
    }

    @Test
    void lessonFiveListsTheArchitectureOfTheNetworkTrainedFromScratchOnly() {
        ParamSet p = new ParamSet(AutoregressiveParams.SPEC);
        Set<String> nade = ids(p, AutoregressiveParams.SPEC);
        assertTrue(nade.containsAll(Set.of("hidden", "ordering")) && !nade.contains("channels") && !nade.contains("pixel"));
        p.setText("model", "pixelcnn");
        p.setText("view", "field");
        Set<String> cnn = ids(p, AutoregressiveParams.SPEC);
        assertTrue(cnn.containsAll(Set.of("channels", "layers", "pixel", "depth")) && !cnn.contains("hidden"));
        p.setText("start", "checkpoint");
        assertTrue(!ids(p, AutoregressiveParams.SPEC).contains("channels"), "a checkpoint brings its own architecture");
    }

    private static Set<String> ids(ParamSet p, ParamSpec spec) {
        return p.spec().knobs().stream().map(KnobSpec::id).filter(spec.shown(p.values())).collect(Collectors.toSet());
    }

    /** A knob's unit is a word of the language shown: the Korean window said "-6.0 nats" beside "2.105 nat". */
    @Test
    void aKnobsUnitReadsInTheLanguageShown() {
        java.util.Locale before = dev.genlab.i18n.I18n.getLocale();
        KnobSpec outlier = dev.genlab.scene.density.DensityParams.OUTLIER_THRESHOLD.spec();
        KnobSpec budget = dev.genlab.scene.families.FamiliesParams.BUDGET.spec();
        try {
            dev.genlab.i18n.I18n.setLocale(java.util.Locale.ENGLISH);
            assertEquals("-6.0 nats", ParamPanel.format(outlier, -6.0));
            assertEquals("30 s", ParamPanel.format(budget, 30));
            dev.genlab.i18n.I18n.setLocale(java.util.Locale.KOREAN);
            assertEquals("-6.0 nat", ParamPanel.format(outlier, -6.0));
            assertEquals("30\ucd08", ParamPanel.format(budget, 30));
            assertEquals("0.0", ParamPanel.format(SLOPE.spec(), 0.0), "no unit, no space");
        } finally {
            dev.genlab.i18n.I18n.setLocale(before);
        }
    }
}
