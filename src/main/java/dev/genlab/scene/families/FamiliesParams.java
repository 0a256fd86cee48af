package dev.genlab.scene.families;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the families comparison and an immutable copy of their values.
 *
 * @param seed   seed of the sample grids and of the timed draws
 * @param images the scene's grey images (null while loading)
 */
public record FamiliesParams(long seed, ImageDataset images) {

    public static final Knob<Integer> SEED = Knob.integer("seed", "families.seed", "", 0, 999, 1);

    public static final ParamSpec SPEC = ParamSpec.of(SEED);

    public static FamiliesParams from(KnobValues v, ImageDataset images) {
        return new FamiliesParams(v.get(SEED), images);
    }
}
