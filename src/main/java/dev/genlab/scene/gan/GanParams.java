package dev.genlab.scene.gan;

import java.util.List;

import dev.genlab.model.gan.AffineGenerator;
import dev.genlab.model.gan.GeneratorLoss;
import dev.genlab.model.gan.Mixture1D;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * The knobs of lesson 8's scene, the GAN minimax game. Panel {@link Panel#GAME}: the exact game in
 * one dimension. p_data is a mixture of one or two Gaussians (the second's weight 0 leaves one);
 * the generator pushes z ~ N(0, 1) through x = μ + s z (its μ and s are knobs, and gradient steps
 * move them); the discriminator is the optimal D*, a logistic D(x) = σ(w₂x² + w₁x + w₀) on three
 * sliders, or a small network trained on the exact expectations.
 *
 * <p>The model layer also has a monotone piecewise-linear generator ({@code MonotoneGenerator}), but it
 * is not offered here: its density jumps at the knots' images, and a gradient step against D* (held
 * fixed, as in the game) does not see those jumps, so on two bumps it drifted away from the data
 * instead of towards it (JSD 0.19 and rising after 300 rounds, against 0.13 for the line).
 */
public final class GanParams {

    private GanParams() {
    }

    /**
     * The scene's panels: the exact 1-D game (JavaFX thread), a 2-D GAN trained live and a GAN on images
     * trained live (both on the trainer thread), and the descendants' diagrams (nothing to train).
     */
    public enum Panel { GAME, PLANE, IMAGES, DESCENDANTS }

    public static final List<String> DISCRIMINATORS = List.of("optimal", "logistic", "network");
    public static final List<String> LOSSES = List.of("saturating", "non_saturating");
    /** Hidden units of the network discriminator. */
    static final int NETWORK_HIDDEN = 16;
    /** Gradient-ascent step of the network discriminator on V (exact expectations). */
    static final double NETWORK_RATE = 0.3;

    public static final Knob<Panel> PANEL = Knob.choice("panel", "gan.panel", Panel.class, Panel.GAME);

    public static final Knob<Double> DATA_MEAN_1 = Knob.real("data_m1", "gan.dataMean1", "", -4, 4, -1.5, 0.1)
            .viewOnly().in(Panel.GAME);
    public static final Knob<Double> DATA_SD_1 = Knob.real("data_s1", "gan.dataSd1", "", 0.1, 2, 0.5, 0.05)
            .viewOnly().in(Panel.GAME);
    public static final Knob<Double> DATA_MEAN_2 = Knob.real("data_m2", "gan.dataMean2", "", -4, 4, 1.5, 0.1)
            .viewOnly().in(Panel.GAME).actsWhen(v -> v.get(GanParams.DATA_WEIGHT_2) > 0);
    public static final Knob<Double> DATA_SD_2 = Knob.real("data_s2", "gan.dataSd2", "", 0.1, 2, 0.5, 0.05)
            .viewOnly().in(Panel.GAME).actsWhen(v -> v.get(GanParams.DATA_WEIGHT_2) > 0);
    public static final Knob<Double> DATA_WEIGHT_2 = Knob.real("data_w2", "gan.dataWeight2", "", 0, 0.9, 0, 0.05)
            .viewOnly().in(Panel.GAME);
    public static final Knob<Double> G_MEAN = Knob.real("g_mean", "gan.gMean", "", -4, 4, 2.5, 0.05).viewOnly().in(Panel.GAME);
    public static final Knob<Double> G_SD = Knob.real("g_sd", "gan.gSd", "", 0.05, 12, 1, 0.05).viewOnly().in(Panel.GAME);
    public static final Knob<String> DISCRIMINATOR = Knob.choice("discriminator", "gan.discriminator", DISCRIMINATORS,
            "optimal").viewOnly().in(Panel.GAME);
    public static final Knob<Double> D_W0 = Knob.real("d_w0", "gan.dW0", "", -10, 10, 0, 0.1).viewOnly().in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Double> D_W1 = Knob.real("d_w1", "gan.dW1", "", -10, 10, -2, 0.1).viewOnly().in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Double> D_W2 = Knob.real("d_w2", "gan.dW2", "", -5, 5, 0, 0.05).viewOnly().in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Integer> D_STEPS = Knob.integer("d_steps", "gan.dSteps", "", 0, 50, 5).viewOnly().in(Panel.GAME)
            .actsWhen(v -> "network".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<String> LOSS = Knob.choice("loss", "gan.loss", LOSSES, "saturating").viewOnly().in(Panel.GAME);
    public static final Knob<Double> G_RATE = Knob.real("g_rate", "gan.gRate", "", 0.01, 3, 0.5, 0.01).viewOnly().in(Panel.GAME);

    // ---- the 2-D GAN (trainer thread, GanLab)

    /** The data set of points the student draws onto the plane (click or drag). */
    public static final String DRAWN = "drawn";
    /** The plane's data sets: the toy distributions, the 8-Gaussian ring of GanPresets, and drawn points. */
    public static final List<String> DATASETS = List.of("moons", "mixture", "ring8", "rings", "spiral", "checkerboard",
            DRAWN);
    public static final List<String> GAN_LOSSES = List.of("minimax", "non_saturating", "least_squares", "wgan_gp",
            "wgan_clip");
    public static final List<String> OPTIMISERS = List.of("sgd", "adam");
    public static final List<String> RATES = List.of("0.0001", "0.0003", "0.001", "0.003", "0.01", "0.03", "0.1");
    public static final List<Integer> BATCHES = List.of(32, 64, 128, 256, 512);
    public static final List<Integer> WIDTHS = List.of(16, 32, 64, 128);
    /** p_z: N(0, I) or U[−1, 1]ᵐ ({@link dev.genlab.model.gan.Gan2D.Noise}). */
    public static final List<String> NOISES = List.of("gaussian", "uniform");

    public static final Knob<String> DATA = Knob.choice("data", "gan.data", DATASETS, "moons").in(Panel.PLANE);
    public static final Knob<String> GAN_LOSS = Knob.choice("gan_loss", "gan.ganLoss", GAN_LOSSES, "non_saturating")
            .in(Panel.PLANE);
    public static final Knob<String> OPTIMISER = Knob.choice("optimiser", "gan.optimiser", OPTIMISERS, "adam")
            .in(Panel.PLANE);
    public static final Knob<Double> LR_D = Knob.realChoice("lr_d", "gan.lrD", RATES, "0.001").in(Panel.PLANE);
    public static final Knob<Double> LR_G = Knob.realChoice("lr_g", "gan.lrG", RATES, "0.001").in(Panel.PLANE);
    public static final Knob<Integer> BATCH = Knob.intChoice("batch", "gan.batch", BATCHES, 256).in(Panel.PLANE);
    public static final Knob<Integer> K_D = Knob.integer("k_d", "gan.kD", "", 1, 10, 1).in(Panel.PLANE);
    public static final Knob<Integer> G_DEPTH = Knob.integer("g_depth", "gan.gDepth", "", 1,
            dev.genlab.model.gan.Gan2D.MAX_DEPTH, 2).in(Panel.PLANE);
    public static final Knob<Integer> D_DEPTH = Knob.integer("d_depth", "gan.dDepth", "", 1,
            dev.genlab.model.gan.Gan2D.MAX_DEPTH, 2).in(Panel.PLANE);
    public static final Knob<Integer> G_WIDTH = Knob.intChoice("g_width", "gan.gWidth", WIDTHS, 64).in(Panel.PLANE);
    public static final Knob<Integer> D_WIDTH = Knob.intChoice("d_width", "gan.dWidth", WIDTHS, 64).in(Panel.PLANE);
    public static final Knob<Integer> NOISE_DIM = Knob.integer("noise_dim", "gan.noiseDim", "", 1, 8, 2)
            .in(Panel.PLANE);
    /** The noise distribution is adopted while training (G's weights are kept, its input changes). */
    public static final Knob<String> NOISE = Knob.choice("noise", "gan.noise", NOISES, "gaussian").in(Panel.PLANE);
    public static final Knob<Boolean> MINIBATCH = Knob.toggle("minibatch", "gan.minibatch", false).in(Panel.PLANE);
    public static final Knob<Integer> SEED = Knob.integer("seed", "gan.seed", "", 1, 999, 1).in(Panel.PLANE);
    // view-only layer toggles
    public static final Knob<Boolean> SHOW_REAL = Knob.toggle("show_real", "gan.showReal", true).viewOnly()
            .in(Panel.PLANE);
    public static final Knob<Boolean> SHOW_FAKE = Knob.toggle("show_fake", "gan.showFake", true).viewOnly()
            .in(Panel.PLANE);
    public static final Knob<Boolean> SHOW_D = Knob.toggle("show_d", "gan.showD", true).viewOnly().in(Panel.PLANE);
    public static final Knob<Boolean> SHOW_GRID = Knob.toggle("show_grid", "gan.showGrid", false).viewOnly()
            .in(Panel.PLANE);
    public static final Knob<Boolean> SHOW_ARROWS = Knob.toggle("show_arrows", "gan.showArrows", false).viewOnly()
            .in(Panel.PLANE);

    /** The model-overview strip above the plane: noise → G → samples → D → losses, with the step counts. */
    public static final Knob<Boolean> SHOW_STRIP = Knob.toggle("show_strip", "gan.showStrip", true).viewOnly()
            .in(Panel.PLANE);
    /**
     * Play one sub-step at a time (k D steps, then a G step), slowly, the strip lighting the part that moves.
     * View-only: it changes how Play drives the model, not the model.
     */
    public static final Knob<Boolean> SLOW_MOTION = Knob.toggle("slow_motion", "gan.slowMotion", false).viewOnly()
            .in(Panel.PLANE);


    // ---- the image GAN (trainer thread, ImageLab). The digit and the interpolation's two noise seeds are
    // model knobs although they change no weights: the grid and strip they pick are generated by G on the
    // trainer thread (ImageGan's ND4J workspace belongs to it), so they travel with the params

    public static final List<String> IMG_MODELS = List.of("gan", "cgan");
    public static final List<String> IMG_STARTS = List.of("trained", "scratch");
    public static final List<String> IMG_LOSSES = List.of("non_saturating", "minimax");
    public static final List<String> IMG_RATES = List.of("0.0001", "0.0002", "0.0005", "0.001", "0.002");
    public static final List<String> IMG_PATHS = List.of("linear", "spherical");

    public static final Knob<String> IMG_MODEL = Knob.choice("img_model", "gan.imgModel", IMG_MODELS, "gan")
            .in(Panel.IMAGES);
    public static final Knob<String> IMG_START = Knob.choice("img_start", "gan.imgStart", IMG_STARTS, "trained")
            .in(Panel.IMAGES);
    public static final Knob<String> IMG_LOSS = Knob.choice("img_loss", "gan.imgLoss", IMG_LOSSES, "non_saturating")
            .in(Panel.IMAGES);
    public static final Knob<Double> IMG_RATE = Knob.realChoice("img_lr", "gan.imgRate", IMG_RATES, "0.0002")
            .in(Panel.IMAGES);
    public static final Knob<Integer> IMG_DIGIT = Knob.integer("img_digit", "gan.imgDigit", "", 0, 9, 3)
            .in(Panel.IMAGES).actsWhen(v -> "cgan".equals(v.get(GanParams.IMG_MODEL)));
    public static final Knob<Integer> IMG_FROM = Knob.integer("img_from", "gan.imgFrom", "", 1, 999, 7)
            .in(Panel.IMAGES);
    public static final Knob<Integer> IMG_TO = Knob.integer("img_to", "gan.imgTo", "", 1, 999, 27).in(Panel.IMAGES);
    public static final Knob<String> IMG_PATH = Knob.choice("img_path", "gan.imgPath", IMG_PATHS, "spherical")
            .in(Panel.IMAGES);

    public static final ParamSpec SPEC = ParamSpec.of(PANEL, DATA_MEAN_1, DATA_SD_1, DATA_WEIGHT_2, DATA_MEAN_2,
            DATA_SD_2, G_MEAN, G_SD, DISCRIMINATOR, D_W0, D_W1, D_W2, D_STEPS, LOSS, G_RATE,
            DATA, GAN_LOSS, OPTIMISER, LR_D, LR_G, BATCH, K_D, G_DEPTH, G_WIDTH, D_DEPTH, D_WIDTH, NOISE_DIM, NOISE,
            MINIBATCH, SEED, SHOW_REAL, SHOW_FAKE, SHOW_D, SHOW_GRID, SHOW_ARROWS, SHOW_STRIP, SLOW_MOTION,
            IMG_MODEL, IMG_START, IMG_LOSS, IMG_RATE, IMG_DIGIT, IMG_FROM, IMG_TO, IMG_PATH)
            .withPanelKnob(PANEL);

    /** p_data of the knobs: one Gaussian, or two when the second's weight is above 0. */
    static Mixture1D data(KnobValues v) {
        double w2 = v.get(DATA_WEIGHT_2);
        if (w2 <= 0) {
            return Mixture1D.gaussian(v.get(DATA_MEAN_1), v.get(DATA_SD_1));
        }
        return new Mixture1D(new double[] {1 - w2, w2}, new double[] {v.get(DATA_MEAN_1), v.get(DATA_MEAN_2)},
                new double[] {v.get(DATA_SD_1), v.get(DATA_SD_2)});
    }

    /** The affine generator of the knobs μ and s. */
    static AffineGenerator affine(KnobValues v) {
        return AffineGenerator.ofMeanSd(v.get(G_MEAN), v.get(G_SD));
    }

    static GeneratorLoss loss(KnobValues v) {
        return "non_saturating".equals(v.get(LOSS)) ? GeneratorLoss.NON_SATURATING : GeneratorLoss.SATURATING;
    }
}
