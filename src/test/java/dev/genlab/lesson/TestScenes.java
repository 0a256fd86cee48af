package dev.genlab.lesson;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.genlab.plot.FigureColour;

import dev.genlab.scene.Knob;
import dev.genlab.scene.ParamSpec;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/** A registry with one scene, "toy", whose knobs and colours the parser tests name. */
final class TestScenes {

    static final ParamSpec SPEC = ParamSpec.of(
            Knob.integer("k", "k", "", 1, 8, 2),
            Knob.real("rate", "rate", "", 0, 1, 0.5, 0.01),
            Knob.choice("data", "data", List.of("moons", "rings"), "moons"),
            Knob.toggle("grid", "grid", true));

    static SceneRegistry registry() {
        return new SceneRegistry(List.of(new SceneDescriptor("toy", SPEC,
                Map.of("probe", FigureColour.CYAN, "held-out", FigureColour.VERMILION), ctx -> {
            throw new UnsupportedOperationException("not built in parser tests");
        })));
    }

    /** A formula checker that rejects anything containing "\\bad". */
    static Optional<String> check(String latex) {
        return latex.contains("\\bad") ? Optional.of("unknown command \\bad") : Optional.empty();
    }

    private TestScenes() {
    }
}
