package dev.genlab.scene.counting;

import java.util.List;
import java.util.Map;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the parameter-counting scene and an immutable copy of their values.
 *
 * @param side         images are side x side binary pixels (downsampled from 28 x 28)
 * @param markovOrder  k of the Markov chain along the raster order
 * @param neighbourhood m, the causal neighbours each pixel conditions on
 * @param nadeHidden   h, hidden units of the NADE whose parameter count is shown for reference
 * @param smoothing    alpha, the additive smoothing of every count
 * @param trainImages  how many images the models are fitted on
 * @param threshold    grey level at which a pixel becomes 1
 * @param seed         seed of the samples
 * @param images       the grey images the binary ones come from (null while loading)
 */
public record CountingParams(int side, int markovOrder, int neighbourhood, int nadeHidden, double smoothing,
                             int trainImages, double threshold, long seed, ImageDataset images) {

    /** Image sides that divide 28, so that downsampling averages whole blocks. */
    public static final List<String> SIDES = List.of("2", "4", "7", "14", "28");

    public static final ParamSpec SPEC = ParamSpec.of(
            KnobSpec.ofChoice("size", "counting.size", SIDES, "4"),
            KnobSpec.ofInt("markov_order", "counting.markovOrder", "", 0, 8, 1),
            KnobSpec.ofInt("neighbourhood", "counting.neighbourhood", "", 0, 12, 4),
            KnobSpec.ofInt("nade_hidden", "counting.nadeHidden", "", 1, 500, 50),
            KnobSpec.ofDouble("smoothing", "counting.smoothing", "", 0, 2, 0.5, 0.05),
            KnobSpec.ofInt("train_images", "counting.trainImages", "", 50, 8000, 2000),
            KnobSpec.ofDouble("threshold", "counting.threshold", "", 0.1, 0.9, 0.5, 0.05),
            KnobSpec.ofInt("seed", "counting.seed", "", 0, 999, 1),
            KnobSpec.ofToggle("show_full", "counting.showFull", false).asViewOnly());

    public static CountingParams from(Map<String, Object> v, ImageDataset images) {
        return new CountingParams(Integer.parseInt((String) v.get("size")), (Integer) v.get("markov_order"),
                (Integer) v.get("neighbourhood"), (Integer) v.get("nade_hidden"), (Double) v.get("smoothing"),
                (Integer) v.get("train_images"), (Double) v.get("threshold"), (Integer) v.get("seed"), images);
    }

    public int pixels() {
        return side * side;
    }

    /** Same data and same fitted models: only the samples' seed may differ. */
    boolean sameFit(CountingParams o) {
        return side == o.side && markovOrder == o.markovOrder && neighbourhood == o.neighbourhood
                && smoothing == o.smoothing && trainImages == o.trainImages && threshold == o.threshold
                && images == o.images;
    }
}
