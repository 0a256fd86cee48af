package dev.genlab.scene.counting;

import java.util.List;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
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
 * @param chart        what the chart shows: "counts" (parameters of every family against image size) or
 *                     "nll" (train and held-out NLL of the Markov chain against k and of the neighbourhood
 *                     against m, at this image size)
 * @param images       the grey images the binary ones come from (null while loading)
 */
public record CountingParams(int side, int markovOrder, int neighbourhood, int nadeHidden, double smoothing,
                             int trainImages, double threshold, long seed, String chart,
                             ImageDataset images) {

    /** Image sides that divide 28, so that downsampling averages whole blocks. */
    public static final List<String> SIDES = List.of("2", "4", "7", "14", "28");

    public static final Knob<Integer> SIZE = Knob.intChoice("size", "counting.size",
            SIDES.stream().map(Integer::valueOf).toList(), 4);
    public static final Knob<Integer> MARKOV_ORDER = Knob.integer("markov_order", "counting.markovOrder", "", 0, 8, 1);
    public static final Knob<Integer> NEIGHBOURHOOD = Knob.integer("neighbourhood", "counting.neighbourhood", "", 0, 12, 4);
    public static final Knob<Integer> NADE_HIDDEN = Knob.integer("nade_hidden", "counting.nadeHidden", "", 1, 500, 50);
    public static final Knob<Double> SMOOTHING = Knob.real("smoothing", "counting.smoothing", "", 0, 2, 0.5, 0.05);
    public static final Knob<Integer> TRAIN_IMAGES = Knob.integer("train_images", "counting.trainImages", "", 50, 8000, 2000);
    public static final Knob<Double> THRESHOLD = Knob.real("threshold", "counting.threshold", "", 0.1, 0.9, 0.5, 0.05);
    public static final Knob<Integer> SEED = Knob.integer("seed", "counting.seed", "", 0, 999, 1);
    public static final List<String> CHARTS = List.of("counts", "nll");
    /** Not a view toggle: the NLL curves are fitted on the trainer thread when the chart first asks for them. */
    public static final Knob<String> CHART = Knob.choice("chart", "counting.chart", CHARTS, "counts");
    public static final Knob<Boolean> SHOW_FULL = Knob.toggle("show_full", "counting.showFull", false).viewOnly();

    /** Counts of 8-bit colour pixels and the channel masks, beside the binary table (no model behind it). */
    public static final Knob<Boolean> SHOW_COLOUR = Knob.toggle("show_colour", "counting.showColour", false).viewOnly();

    public static final ParamSpec SPEC = ParamSpec.of(SIZE, MARKOV_ORDER, NEIGHBOURHOOD, NADE_HIDDEN, SMOOTHING,
            TRAIN_IMAGES, THRESHOLD, SEED, CHART, SHOW_FULL, SHOW_COLOUR);

    public static CountingParams from(KnobValues v, ImageDataset images) {
        return new CountingParams(v.get(SIZE), v.get(MARKOV_ORDER), v.get(NEIGHBOURHOOD), v.get(NADE_HIDDEN),
                v.get(SMOOTHING), v.get(TRAIN_IMAGES), v.get(THRESHOLD), v.get(SEED), v.get(CHART), images);
    }

    public int pixels() {
        return side * side;
    }

    /** Same binary images and smoothing: the same NLL curves over k and m. */
    boolean sameCurves(CountingParams o) {
        return side == o.side && smoothing == o.smoothing && trainImages == o.trainImages && threshold == o.threshold
                && images == o.images;
    }

    public boolean showsNll() {
        return chart.equals("nll");
    }

    /** Same data and same fitted models: only the samples' seed (and the chart) may differ. */
    boolean sameFit(CountingParams o) {
        return side == o.side && markovOrder == o.markovOrder && neighbourhood == o.neighbourhood
                && smoothing == o.smoothing && trainImages == o.trainImages && threshold == o.threshold
                && images == o.images;
    }
}
