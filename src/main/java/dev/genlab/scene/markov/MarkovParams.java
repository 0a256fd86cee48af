package dev.genlab.scene.markov;

import java.util.List;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the Markov-assumption scene and an immutable copy of their values.
 *
 * @param side          images are side x side binary pixels (downsampled from 28 x 28)
 * @param family        "markov" (a chain of order k along the ordering) or "neighbourhood"
 *                      (m causal neighbours in raster order)
 * @param order         k of the chain
 * @param neighbourhood m of the causal neighbourhood
 * @param ordering      the pixel ordering of the chain (a {@link dev.genlab.model.discrete.PixelOrdering} id)
 * @param smoothing     alpha, the additive smoothing of every count
 * @param trainImages   how many images the models are fitted on
 * @param threshold     grey level at which a pixel becomes 1
 * @param seed          seed of the random ordering and of the sampler
 * @param pixel         the pixel i of the mutual-information panel, row-major on the 28 x 28 grid
 * @param farPixel      the pixel j, row-major on the 28 x 28 grid
 * @param images        the grey images the binary ones come from (null while loading)
 */
public record MarkovParams(int side, String family, int order, int neighbourhood, String ordering,
                           double smoothing, int trainImages, double threshold, long seed, int pixel,
                           int farPixel, ImageDataset images) {

    public static final List<String> SIDES = List.of("7", "14", "28");
    public static final List<String> FAMILIES = List.of("markov", "neighbourhood");
    public static final List<String> ORDERINGS = List.of("raster", "column", "snake", "hilbert", "random");
    /** Largest order k on the chart. */
    public static final int MAX_ORDER = 8;
    /** Largest neighbourhood m on the chart. */
    public static final int MAX_NEIGHBOURS = 12;
    /** Side of the grid the pixel knobs index. */
    public static final int GRID = 28;

    public static final Knob<Integer> SIZE = Knob.intChoice("size", "markov.size",
            SIDES.stream().map(Integer::valueOf).toList(), 14);
    public static final Knob<String> FAMILY = Knob.choice("family", "markov.family", FAMILIES, "markov");
    /** k and the ordering act on the chain only, m on the neighbourhood only (a neighbourhood is raster by construction). */
    public static final Knob<Integer> ORDER = Knob.integer("order", "markov.order", "", 0, MAX_ORDER, 2)
            .actsWhen(v -> v.get(FAMILY).equals("markov"));
    public static final Knob<Integer> NEIGHBOURHOOD = Knob.integer("neighbourhood", "markov.neighbourhood", "", 0,
            MAX_NEIGHBOURS, 4).actsWhen(v -> v.get(FAMILY).equals("neighbourhood"));
    public static final Knob<String> ORDERING = Knob.choice("ordering", "markov.ordering", ORDERINGS, "raster")
            .actsWhen(v -> v.get(FAMILY).equals("markov"));
    public static final Knob<Double> SMOOTHING = Knob.real("smoothing", "markov.smoothing", "", 0, 2, 0.5, 0.05);
    public static final Knob<Integer> TRAIN_IMAGES = Knob.integer("train_images", "markov.trainImages", "", 50, 8000, 1000);
    public static final Knob<Double> THRESHOLD = Knob.real("threshold", "markov.threshold", "", 0.1, 0.9, 0.5, 0.05);
    public static final Knob<Integer> SEED = Knob.integer("seed", "markov.seed", "", 0, 999, 1);
    public static final Knob<Integer> PIXEL = Knob.integer("pixel", "markov.pixel", "", 0, GRID * GRID - 1, 14 * GRID + 14);
    public static final Knob<Integer> FAR_PIXEL = Knob.integer("far_pixel", "markov.farPixel", "", 0, GRID * GRID - 1,
            14 * GRID + 20);

    /**
     * Which figures the scene shows besides the sampler: a lesson step shows a figure when its text
     * reaches it (the parameter count, then the NLL curves, then the mutual-information maps).
     */
    public static final Knob<Boolean> SHOW_COUNTS = Knob.toggle("show_counts", "markov.showCounts", true).viewOnly();
    public static final Knob<Boolean> SHOW_CURVES = Knob.toggle("show_curves", "markov.showCurves", true).viewOnly();
    public static final Knob<Boolean> SHOW_MI = Knob.toggle("show_mi", "markov.showMi", true).viewOnly();

    public static final ParamSpec SPEC = ParamSpec.of(SIZE, FAMILY, ORDER, NEIGHBOURHOOD, ORDERING, SMOOTHING,
            TRAIN_IMAGES, THRESHOLD, SEED, PIXEL, FAR_PIXEL, SHOW_COUNTS, SHOW_CURVES, SHOW_MI);

    public static MarkovParams from(KnobValues v, ImageDataset images) {
        return new MarkovParams(v.get(SIZE), v.get(FAMILY), v.get(ORDER), v.get(NEIGHBOURHOOD), v.get(ORDERING),
                v.get(SMOOTHING), v.get(TRAIN_IMAGES), v.get(THRESHOLD), v.get(SEED), v.get(PIXEL), v.get(FAR_PIXEL),
                images);
    }

    public int pixels() {
        return side * side;
    }

    public boolean isChain() {
        return family.equals("markov");
    }

    /** The ordering the chosen family generates in: the chain's ordering, raster for neighbourhoods. */
    public String effectiveOrdering() {
        return isChain() ? ordering : "raster";
    }

    /** A knob on the 28 x 28 grid as a row-major pixel of this side: the same place in the picture. */
    public int onImage(int gridIndex) {
        int r = gridIndex / GRID * side / GRID;
        int c = gridIndex % GRID * side / GRID;
        return r * side + c;
    }

    /** Pixel i of the mutual-information panel on the side x side image. */
    public int pixelOnImage() {
        return onImage(pixel);
    }

    /** Pixel j of the mutual-information panel on the side x side image. */
    public int farPixelOnImage() {
        return onImage(farPixel);
    }

    /** Same binary data. */
    boolean sameData(MarkovParams o) {
        return side == o.side && trainImages == o.trainImages && threshold == o.threshold && images == o.images;
    }

    /** Same NLL curves: same data, smoothing, family and ordering (k and m only move the marker). */
    boolean sameCurves(MarkovParams o) {
        return sameData(o) && smoothing == o.smoothing && family.equals(o.family)
                && effectiveOrdering().equals(o.effectiveOrdering())
                && (!effectiveOrdering().equals("random") || seed == o.seed);
    }

    /** Same model to sample from. */
    boolean sameModel(MarkovParams o) {
        return sameCurves(o) && (isChain() ? order == o.order : neighbourhood == o.neighbourhood) && seed == o.seed;
    }
}
