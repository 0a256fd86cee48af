package dev.genlab.scene.autoregressive;

import java.util.List;
import java.util.Map;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the neural autoregressive scene and an immutable copy of their values.
 *
 * @param model        "nade" or "pixelcnn"
 * @param start        "scratch" (new random weights) or "checkpoint" (the shipped trained model;
 *                     its own architecture then overrides hidden, layers and ordering)
 * @param hidden       NADE's hidden units H
 * @param channels     PixelCNN's channels C in every masked layer
 * @param layers       PixelCNN's type-B masked layers after the type-A one (NADE has one hidden layer)
 * @param ordering     NADE's pixel ordering, "raster" or "random" (PixelCNN is raster by construction)
 * @param learningRate Adam's step size α
 * @param batch        images per training step
 * @param trainImages  images the model is trained on
 * @param seed         seed of the weights, the random ordering, the batches and the samples
 * @param view         what the right-hand panel shows and what Play / Step do there: "train"
 *                     (a step is one Adam step; the panel shows samples), "sample" (a step draws one
 *                     pixel), "field" (receptive fields), "inpaint" (completions of a drawn image)
 * @param pixel        the pixel whose receptive field is drawn, row-major on the 28 × 28 grid
 * @param depth        how many masked layers the receptive field counts (clamped to the model's)
 * @param keepRows     inpainting keeps the first keepRows × 28 steps of the ordering (in raster
 *                     order: the top keepRows rows) and samples the rest
 * @param images       the grey images (null while loading)
 */
public record AutoregressiveParams(String model, String start, int hidden, int channels, int layers, String ordering,
                                   double learningRate, int batch, int trainImages, long seed, String view,
                                   int pixel, int depth, int keepRows, ImageDataset images) {

    public static final int SIDE = 28;
    public static final List<String> MODELS = List.of("nade", "pixelcnn");
    public static final List<String> STARTS = List.of("scratch", "checkpoint");
    public static final List<String> ORDERINGS = List.of("raster", "random");
    public static final List<String> RATES = List.of("0.0003", "0.001", "0.003", "0.01", "0.03");
    public static final List<String> BATCHES = List.of("8", "16", "32", "64", "128");
    public static final List<String> VIEWS = List.of("train", "sample", "field", "inpaint");
    /** Largest depth a receptive field can count (1 type-A layer + at most 8 type-B layers). */
    public static final int MAX_DEPTH = 9;

    public static final ParamSpec SPEC = ParamSpec.of(
            KnobSpec.ofChoice("model", "ar.model", MODELS, "nade"),
            KnobSpec.ofChoice("start", "ar.start", STARTS, "scratch"),
            KnobSpec.ofInt("hidden", "ar.hidden", "", 4, 256, 64),
            KnobSpec.ofInt("channels", "ar.channels", "", 4, 48, 16),
            KnobSpec.ofInt("layers", "ar.layers", "", 1, MAX_DEPTH - 1, 4),
            KnobSpec.ofChoice("ordering", "ar.ordering", ORDERINGS, "raster"),
            KnobSpec.ofChoice("learning_rate", "ar.learningRate", RATES, "0.003"),
            KnobSpec.ofChoice("batch", "ar.batch", BATCHES, "32"),
            KnobSpec.ofInt("train_images", "ar.trainImages", "", 200, 8000, 4000),
            KnobSpec.ofInt("seed", "ar.seed", "", 0, 999, 1),
            KnobSpec.ofChoice("view", "ar.view", VIEWS, "train"),
            KnobSpec.ofInt("pixel", "ar.pixel", "", 0, SIDE * SIDE - 1, 14 * SIDE + 14),
            KnobSpec.ofInt("depth", "ar.depth", "", 1, MAX_DEPTH, MAX_DEPTH),
            KnobSpec.ofInt("keep_rows", "ar.keepRows", "", 0, SIDE, 14));

    public static AutoregressiveParams from(Map<String, Object> v, ImageDataset images) {
        return new AutoregressiveParams((String) v.get("model"), (String) v.get("start"), (Integer) v.get("hidden"),
                (Integer) v.get("channels"), (Integer) v.get("layers"), (String) v.get("ordering"),
                Double.parseDouble((String) v.get("learning_rate")), Integer.parseInt((String) v.get("batch")),
                (Integer) v.get("train_images"), (Integer) v.get("seed"), (String) v.get("view"),
                (Integer) v.get("pixel"), (Integer) v.get("depth"), (Integer) v.get("keep_rows"), images);
    }

    public boolean isNade() {
        return model.equals("nade");
    }

    public boolean fromCheckpoint() {
        return start.equals("checkpoint");
    }

    /** Steps of the ordering that inpainting keeps. */
    public int keepSteps() {
        return keepRows * SIDE;
    }

    /** Same binary images. */
    boolean sameData(AutoregressiveParams o) {
        return trainImages == o.trainImages && images == o.images;
    }

    /** Same network to train: same data, start, family and (from scratch) architecture and seed. */
    boolean sameModel(AutoregressiveParams o) {
        if (!sameData(o) || !model.equals(o.model) || !start.equals(o.start)) {
            return false;
        }
        if (fromCheckpoint()) {
            return true;
        }
        return seed == o.seed && (isNade() ? hidden == o.hidden && ordering.equals(o.ordering)
                : channels == o.channels && layers == o.layers);
    }
}
