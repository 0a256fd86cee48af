package dev.genlab.scene.elbo;

import java.util.List;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the latent-variable scene (lesson 7) and an immutable copy of the values its trainer reads.
 *
 * <p>Four panels. <b>pPCA</b> and <b>Bound</b> compute on the JavaFX thread (a 1-D latent and a 2-D
 * data plane: a few thousand doubles a knob change), so their knobs are view-only. <b>Images</b> fits
 * pPCA to the current images and <b>VAE</b> trains a variational autoencoder and an autoencoder: both
 * on the trainer thread ({@link ElboLab}), so their knobs reach it as this record.
 *
 * @param panel        the panel shown: the lab trains only while the VAE panel is
 * @param images       the data set (lesson 5's images: built-in digits unless another is loaded)
 * @param imgLatents   latent size M of the images' pPCA
 * @param mcLog10K     log10 of the Monte Carlo sample count K (Images panel)
 * @param start        "checkpoint" (the shipped VAE and AE, built-in digits, latent 2) or "scratch"
 * @param latent       VAE latent size
 * @param hidden       VAE hidden width
 * @param beta         weight of the KL term
 * @param warmup       steps over which β rises linearly from 0 (KL annealing); 0 = none
 * @param learningRate Adam's step size
 * @param batch        images per step
 * @param likelihood   "bernoulli" (binarised pixels) or "gaussian" (grey levels)
 * @param decoder      "mlp", "autoregressive" (an MLP plus a linear layer over the previous pixels) or "nade" (an
 *                     MLP plus lesson 5's NADE: strong enough to ignore z)
 * @param seed         seed of the initial weights, batches and noise
 */
public record ElboParams(Panel panel, ImageDataset images, int imgLatents, double mcLog10K, String start, int latent,
                         int hidden, double beta, int warmup, double learningRate, int batch, String likelihood,
                         String decoder, long seed) {

    /** The scene's panels. */
    public enum Panel { PPCA, IMAGES, BOUND, VAE }

    public static final String CHECKPOINT = "checkpoint";
    public static final String SCRATCH = "scratch";
    public static final List<String> DATASETS_2D = List.of("line", "moons", "drawn");
    public static final List<String> BOUND_MODELS = List.of("ppca", "nonlinear");
    public static final List<Integer> IW_KS = List.of(1, 2, 5, 10, 50, 100, 1000);
    public static final List<Integer> LATENTS = List.of(2, 4, 8, 16, 20, 32);
    public static final List<Integer> HIDDENS = List.of(64, 128, 256, 400);
    public static final List<String> RATES = List.of("0.0003", "0.001", "0.003", "0.01");
    public static final List<Integer> BATCHES = List.of(16, 32, 64, 128, 256);
    public static final List<String> LIKELIHOODS = List.of("bernoulli", "gaussian");
    public static final List<String> DECODERS = List.of("mlp", "autoregressive", "nade");
    public static final List<String> VAE_VIEWS = List.of("map", "ae", "collapse", "reparam");
    public static final List<String> COLOURINGS = List.of("label", "slant", "thickness", "scale");
    /** The shipped checkpoints' architecture (the start knob's "checkpoint" uses them). */
    static final int CHECKPOINT_LATENT = 2;
    static final int CHECKPOINT_HIDDEN = 256;

    private static boolean scratch(KnobValues v) {
        return SCRATCH.equals(v.get(START));
    }

    public static final Knob<Panel> PANEL = Knob.choice("panel", "elbo.panel", Panel.class, Panel.PPCA);

    // ---- pPCA on the plane, and the bound (JavaFX thread: view-only)
    public static final Knob<String> DATA = Knob.choice("data", "elbo.data", DATASETS_2D, "line").viewOnly()
            .in(Panel.PPCA, Panel.BOUND);
    public static final Knob<Double> NOISE = Knob.real("noise", "elbo.noise", "", 0.05, 1.5, 0.4, 0.05).viewOnly()
            .in(Panel.PPCA).actsWhen(v -> "line".equals(v.get(DATA)));
    public static final Knob<Double> K_LOG = Knob.real("mc_k", "elbo.mcK", "", 0, 5, 1, 0.25).viewOnly()
            .in(Panel.PPCA);
    public static final Knob<Double> X1 = Knob.real("x1", "elbo.x1", "", -4, 4, 1.5, 0.05).viewOnly()
            .in(Panel.PPCA, Panel.BOUND);
    public static final Knob<Double> X2 = Knob.real("x2", "elbo.x2", "", -4, 4, 1.0, 0.05).viewOnly()
            .in(Panel.PPCA, Panel.BOUND);
    public static final Knob<String> BOUND_MODEL = Knob.choice("bound_model", "elbo.boundModel", BOUND_MODELS, "ppca")
            .viewOnly().in(Panel.BOUND);
    public static final Knob<Double> Q_MEAN = Knob.real("q_mean", "elbo.qMean", "", -4, 4, -1.5, 0.01).viewOnly()
            .in(Panel.BOUND);
    public static final Knob<Double> Q_SD = Knob.real("q_sd", "elbo.qSd", "", 0.05, 3, 1, 0.01).viewOnly()
            .in(Panel.BOUND);
    public static final Knob<Integer> IW_K = Knob.intChoice("iw_k", "elbo.iwK", IW_KS, 10).viewOnly()
            .in(Panel.BOUND);

    // ---- pPCA on images (trainer thread)
    public static final Knob<Integer> IMG_LATENTS = Knob.integer("img_latents", "elbo.imgLatents", "", 1, 16, 2)
            .in(Panel.IMAGES);
    public static final Knob<Double> IMG_K_LOG = Knob.real("img_mc_k", "elbo.imgMcK", "", 0, 5, 3, 0.25)
            .in(Panel.IMAGES);

    // ---- the VAE (trainer thread)
    public static final Knob<String> START = Knob.choice("start", "elbo.start", List.of(CHECKPOINT, SCRATCH), CHECKPOINT)
            .in(Panel.VAE);
    public static final Knob<Integer> LATENT = Knob.intChoice("latent", "elbo.latent", LATENTS, 2).in(Panel.VAE)
            .actsWhen(ElboParams::scratch);
    public static final Knob<Integer> HIDDEN = Knob.intChoice("hidden", "elbo.hidden", HIDDENS, 256).in(Panel.VAE)
            .actsWhen(ElboParams::scratch);
    public static final Knob<String> LIKELIHOOD = Knob.choice("likelihood", "elbo.likelihood", LIKELIHOODS, "bernoulli")
            .in(Panel.VAE).actsWhen(ElboParams::scratch);
    public static final Knob<String> DECODER = Knob.choice("decoder", "elbo.decoder", DECODERS, "mlp").in(Panel.VAE)
            .actsWhen(v -> scratch(v) && "bernoulli".equals(v.get(LIKELIHOOD)));
    public static final Knob<Double> BETA = Knob.real("beta", "elbo.beta", "", 0, 8, 1, 0.1).in(Panel.VAE);
    public static final Knob<Integer> WARMUP = Knob.integer("warmup", "elbo.warmup", "", 0, 5000, 0).in(Panel.VAE);
    public static final Knob<Double> LEARNING_RATE = Knob.realChoice("learning_rate", "elbo.learningRate", RATES, "0.001")
            .in(Panel.VAE);
    public static final Knob<Integer> BATCH = Knob.intChoice("batch", "elbo.batch", BATCHES, 128).in(Panel.VAE);
    public static final Knob<Integer> SEED = Knob.integer("seed", "elbo.seed", "", 0, 999, 1).in(Panel.VAE);
    public static final Knob<String> VAE_VIEW = Knob.choice("vae_view", "elbo.vaeView", VAE_VIEWS, "map").viewOnly()
            .in(Panel.VAE);
    public static final Knob<String> COLOUR_BY = Knob.choice("colour_by", "elbo.colourBy", COLOURINGS, "label")
            .viewOnly().in(Panel.VAE);
    public static final Knob<Boolean> TILES = Knob.toggle("tiles", "elbo.tiles", false).viewOnly().in(Panel.VAE);

    public static final Knob<Integer> SLICE_I = Knob.integer("slice_i", "elbo.sliceI", "", 1, 32, 1).viewOnly()
            .in(Panel.VAE).actsWhen(v -> latentOf(v) > 2);
    public static final Knob<Integer> SLICE_J = Knob.integer("slice_j", "elbo.sliceJ", "", 1, 32, 2).viewOnly()
            .in(Panel.VAE).actsWhen(v -> latentOf(v) > 2);

    private static int latentOf(KnobValues v) {
        return scratch(v) ? v.get(LATENT) : CHECKPOINT_LATENT;
    }

    public static final ParamSpec SPEC = ParamSpec.of(PANEL, DATA, NOISE, K_LOG, X1, X2, BOUND_MODEL, Q_MEAN, Q_SD, IW_K,
            IMG_LATENTS, IMG_K_LOG, START, LATENT, HIDDEN, LIKELIHOOD, DECODER, BETA, WARMUP, LEARNING_RATE, BATCH, SEED,
            VAE_VIEW, COLOUR_BY, TILES, SLICE_I, SLICE_J).withPanelKnob(PANEL);

    public static ElboParams from(KnobValues v, ImageDataset images) {
        boolean fromCheckpoint = !scratch(v);
        String likelihood = fromCheckpoint ? "bernoulli" : v.get(LIKELIHOOD);
        return new ElboParams(v.get(PANEL), images, v.get(IMG_LATENTS), v.get(IMG_K_LOG), v.get(START),
                fromCheckpoint ? CHECKPOINT_LATENT : v.get(LATENT), fromCheckpoint ? CHECKPOINT_HIDDEN : v.get(HIDDEN),
                v.get(BETA), v.get(WARMUP), v.get(LEARNING_RATE), v.get(BATCH), likelihood,
                fromCheckpoint || !"bernoulli".equals(likelihood) ? "mlp" : v.get(DECODER), v.get(SEED));
    }

    /** The same networks to train: a change of any of these starts the VAE and the AE again. */
    boolean sameNetworks(ElboParams o) {
        return images == o.images && start.equals(o.start) && latent == o.latent && hidden == o.hidden
                && likelihood.equals(o.likelihood) && decoder.equals(o.decoder) && seed == o.seed;
    }

    /** β at a step, with the warm-up's linear ramp. */
    double betaAt(long step) {
        return warmup <= 0 ? beta : beta * Math.min(1.0, (double) step / warmup);
    }
}
