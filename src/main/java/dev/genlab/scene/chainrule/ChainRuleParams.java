package dev.genlab.scene.chainrule;

import java.util.ArrayList;
import java.util.List;

import dev.genlab.scene.Knob;
import dev.genlab.scene.ParamSpec;

/** Knobs of the chain-rule scene: eight weights of the joint table, the order, the Bayes pair, the CI statement. */
final class ChainRuleParams {

    /**
     * Default weights, indexed 4r + 2s + w. They read like a garden: it rains on about one day in
     * five, the sprinkler seldom runs when it rains, and wet grass has one cause or the other; they
     * add up to 1, so the table shows them unchanged.
     */
    static final double[] DEFAULT_WEIGHTS = {0.44, 0.03, 0.03, 0.29, 0.04, 0.15, 0.01, 0.01};

    static final List<String> VARIABLES = List.of("R", "S", "W");

    /** The weight of cell 4r + 2s + w of the joint table (one help text for all eight). */
    static final List<Knob<Double>> WEIGHTS = weights();
    static final Knob<String> ORDER = Knob.choice("order", "chainrule.order", ChainRuleModel.ORDERS, "RSW");
    static final Knob<String> BAYES_X = Knob.choice("bayes_x", "chainrule.bayesX", VARIABLES, "R");
    static final Knob<String> BAYES_Y = Knob.choice("bayes_y", "chainrule.bayesY", VARIABLES, "W");
    static final Knob<String> CI = Knob.choice("ci", "chainrule.ci", ChainRuleModel.CI_STATEMENTS, "RS|W");

    static final ParamSpec SPEC = spec();

    private ChainRuleParams() {
    }

    private static List<Knob<Double>> weights() {
        List<Knob<Double>> k = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = ChainRuleModel.knobId(i);
            k.add(Knob.real(id, "chainrule.weight." + id.substring(1), "", 0, 1, DEFAULT_WEIGHTS[i], 0.01)
                    .help("chainrule.weight.help"));
        }
        return List.copyOf(k);
    }

    private static ParamSpec spec() {
        List<Knob<?>> k = new ArrayList<>(WEIGHTS);
        k.addAll(List.of(ORDER, BAYES_X, BAYES_Y, CI));
        return ParamSpec.of(k.toArray(Knob<?>[]::new));
    }
}
