package dev.genlab.scene.autoregressive;

import java.util.List;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ToyDistributions;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the neural autoregressive scene and an immutable copy of their values.
 *
 * @param model        "nade", "made", "pixelcnn" or "fvsbn" (a logistic regression per pixel, no architecture knobs)
 * @param start        "scratch" (new random weights) or "checkpoint" (the shipped trained model;
 *                     its own architecture then overrides hidden, layers and ordering)
 * @param hidden       NADE's or MADE's hidden units H
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
 * @param fieldArch    whose receptive field the field panel draws: "model" (the network trained here) or an
 *                     architecture of {@link dev.genlab.model.autoregressive.ReceptiveFields}: "pixelcnn", "gated",
 *                     "rowlstm", "diagonal"
 * @param toy          the continuous panel's 2-D toy distribution (an id of {@link ToyDistributions})
 * @param components   RNADE's Gaussians per conditional K
 * @param slice        the x₁ at which the continuous panel draws p(x₂ | x₁)
 */
public record AutoregressiveParams(String model, String start, int hidden, int channels, int layers, String ordering,
                                   double learningRate, int batch, int trainImages, long seed, Panel view,
                                   int pixel, int depth, int keepRows, ImageDataset images,
                                   String fieldArch, String toy, int components, double slice) {

    public static final int SIDE = 28;
    public static final List<String> MODELS = List.of("nade", "made", "pixelcnn", "fvsbn");
    public static final List<String> STARTS = List.of("scratch", "checkpoint");
    public static final List<String> ORDERINGS = List.of("raster", "random");
    public static final List<String> RATES = List.of("0.0003", "0.001", "0.003", "0.01", "0.03");
    public static final List<String> FIELD_ARCHS = List.of("model", "pixelcnn", "gated", "rowlstm", "diagonal");
    public static final List<String> BATCHES = List.of("8", "16", "32", "64", "128");
    /** What the right-hand panel shows and what Play / Step do there. */
    public enum Panel { TRAIN, SAMPLE, FIELD, INPAINT, CONTINUOUS }
    /** Largest depth a receptive field can count (1 type-A layer + at most 8 type-B layers). */
    public static final int MAX_DEPTH = 9;

    /** The panels of the image models (all but the continuous one, whose RNADE has knobs of its own). */
    private static final Panel[] IMAGES = {Panel.TRAIN, Panel.SAMPLE, Panel.FIELD, Panel.INPAINT};
    public static final Knob<String> MODEL = Knob.choice("model", "ar.model", MODELS, "nade").in(IMAGES);
    public static final Knob<String> START = Knob.choice("start", "ar.start", STARTS, "scratch").in(IMAGES);
    /** The architecture knobs act only on a network trained from scratch (a checkpoint brings its own). */
    private static boolean scratch(KnobValues v, String model) {
        return v.get(START).equals("scratch") && v.get(MODEL).equals(model);
    }
    public static final Knob<Integer> HIDDEN = Knob.integer("hidden", "ar.hidden", "", 4, 256, 64)
            .actsWhen(v -> scratch(v, "nade") || scratch(v, "made")).in(IMAGES);
    public static final Knob<Integer> CHANNELS = Knob.integer("channels", "ar.channels", "", 4, 48, 16)
            .actsWhen(v -> scratch(v, "pixelcnn")).in(IMAGES);
    public static final Knob<Integer> LAYERS = Knob.integer("layers", "ar.layers", "", 1, MAX_DEPTH - 1, 4)
            .actsWhen(v -> scratch(v, "pixelcnn")).in(IMAGES);
    public static final Knob<String> ORDERING = Knob.choice("ordering", "ar.ordering", ORDERINGS, "raster")
            .actsWhen(v -> scratch(v, "nade")).in(IMAGES);
    public static final Knob<Double> LEARNING_RATE = Knob.realChoice("learning_rate", "ar.learningRate", RATES, "0.003");
    public static final Knob<Integer> BATCH = Knob.intChoice("batch", "ar.batch",
            BATCHES.stream().map(Integer::valueOf).toList(), 32);
    public static final Knob<Integer> TRAIN_IMAGES = Knob.integer("train_images", "ar.trainImages", "", 200, 8000, 4000).in(IMAGES);
    public static final Knob<Integer> SEED = Knob.integer("seed", "ar.seed", "", 0, 999, 1);
    public static final Knob<Panel> VIEW = Knob.choice("view", "ar.view", Panel.class, Panel.TRAIN);
    public static final Knob<Integer> PIXEL = Knob.integer("pixel", "ar.pixel", "", 0, SIDE * SIDE - 1, 14 * SIDE + 14)
            .in(Panel.FIELD);
    public static final Knob<Integer> DEPTH = Knob.integer("depth", "ar.depth", "", 1, MAX_DEPTH, MAX_DEPTH)
            .in(Panel.FIELD);
    public static final Knob<String> FIELD_ARCH = Knob.choice("field_arch", "ar.fieldArch", FIELD_ARCHS, "model")
            .in(Panel.FIELD);
    public static final Knob<Integer> KEEP_ROWS = Knob.integer("keep_rows", "ar.keepRows", "", 0, SIDE, 14)
            .in(Panel.INPAINT);

    public static final Knob<String> TOY = Knob.choice("toy", "ar.toy", ToyDistributions.ids(), "moons")
            .in(Panel.CONTINUOUS);
    public static final Knob<Integer> COMPONENTS = Knob.integer("components", "ar.components", "", 1, 10, 5)
            .in(Panel.CONTINUOUS);
    public static final Knob<Double> SLICE = Knob.real("slice", "ar.slice", "", -3.5, 3.5, 0, 0.05)
            .in(Panel.CONTINUOUS);

    public static final ParamSpec SPEC = ParamSpec.of(MODEL, START, HIDDEN, CHANNELS, LAYERS, ORDERING, LEARNING_RATE,
            BATCH, TRAIN_IMAGES, SEED, VIEW, PIXEL, DEPTH, FIELD_ARCH, KEEP_ROWS, TOY, COMPONENTS, SLICE)
            .withPanelKnob(VIEW);

    public static AutoregressiveParams from(KnobValues v, ImageDataset images) {
        return new AutoregressiveParams(v.get(MODEL), v.get(START), v.get(HIDDEN), v.get(CHANNELS), v.get(LAYERS),
                v.get(ORDERING), v.get(LEARNING_RATE), v.get(BATCH), v.get(TRAIN_IMAGES), v.get(SEED), v.get(VIEW),
                v.get(PIXEL), v.get(DEPTH), v.get(KEEP_ROWS), images, v.get(FIELD_ARCH), v.get(TOY), v.get(COMPONENTS),
                v.get(SLICE));
    }

    public boolean isNade() {
        return model.equals("nade");
    }

    public boolean isMade() {
        return model.equals("made");
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
                : isMade() ? hidden == o.hidden : model.equals("fvsbn") || channels == o.channels && layers == o.layers);
    }
}
