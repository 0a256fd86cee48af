package dev.genlab.scene.families;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the families comparison and an immutable copy of their values.
 *
 * @param seed   seed of the sample grids and of the timed draws ({@link #SEED}: the scene has no knob, so a run
 *               after Reset draws the same samples and only the times differ)
 * @param images the scene's grey images (null while loading)
 */
public record FamiliesParams(long seed, ImageDataset images) {

    public static final long SEED = 1;

    public static final ParamSpec SPEC = ParamSpec.of();

    public static FamiliesParams from(KnobValues v, ImageDataset images) {
        return new FamiliesParams(SEED, images);
    }
}
