package dev.genlab.scene.families;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the families comparison and an immutable copy of their values.
 *
 * @param seed          seed of the sample grids and of the timed draws ({@link #SEED}: the scene has no knob for it;
 *                      the networks train with the seeds of their own lessons' knobs)
 * @param images        the scene's grey images (null while loading)
 * @param budgetSeconds each network's training time ({@link #BUDGET}), counted over its training steps only
 */
public record FamiliesParams(long seed, ImageDataset images, int budgetSeconds) {

    public static final long SEED = 1;

    /** Training time per network, in seconds of training steps (evaluations, sampling and pauses not counted). */
    public static final Knob<Integer> BUDGET = Knob.integer("budget", "families.budget", "s", 10, 120, 30);

    /** View only: the table above the sample grids; cleared, the grids get the whole height (a projector). */
    public static final Knob<Boolean> TABLE = Knob.toggle("table", "families.table", true).viewOnly();
    public static final ParamSpec SPEC = ParamSpec.of(BUDGET, TABLE);

    public static FamiliesParams from(KnobValues v, ImageDataset images) {
        return new FamiliesParams(SEED, images, v.get(BUDGET));
    }

    /** The default budget (tests and callers without a knob panel). */
    public static FamiliesParams of(long seed, ImageDataset images) {
        return new FamiliesParams(seed, images, BUDGET.defaultValue());
    }
}
