package dev.genlab.scene.chainrule;

import java.util.ArrayList;
import java.util.List;

import dev.genlab.scene.KnobSpec;
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

    static final ParamSpec SPEC = spec();

    private ChainRuleParams() {
    }

    private static ParamSpec spec() {
        List<KnobSpec> k = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = ChainRuleModel.knobId(i);
            k.add(new KnobSpec(id, "chainrule.weight." + id.substring(1), "", KnobSpec.Kind.DOUBLE, 0, 1,
                    DEFAULT_WEIGHTS[i], 0.01, List.of(), "chainrule.weight.help", false));
        }
        k.add(KnobSpec.ofChoice("order", "chainrule.order", ChainRuleModel.ORDERS, "RSW"));
        k.add(KnobSpec.ofChoice("bayes_x", "chainrule.bayesX", VARIABLES, "R"));
        k.add(KnobSpec.ofChoice("bayes_y", "chainrule.bayesY", VARIABLES, "W"));
        k.add(KnobSpec.ofChoice("ci", "chainrule.ci", ChainRuleModel.CI_STATEMENTS, "RS|W"));
        return new ParamSpec(k);
    }
}
