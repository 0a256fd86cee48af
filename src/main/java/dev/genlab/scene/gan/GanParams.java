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

    /** The scene's panels. */
    public enum Panel { GAME }

    public static final List<String> DISCRIMINATORS = List.of("optimal", "logistic", "network");
    public static final List<String> LOSSES = List.of("saturating", "non_saturating");
    /** Hidden units of the network discriminator. */
    static final int NETWORK_HIDDEN = 16;
    /** Gradient-ascent step of the network discriminator on V (exact expectations). */
    static final double NETWORK_RATE = 0.3;

    public static final Knob<Panel> PANEL = Knob.choice("panel", "gan.panel", Panel.class, Panel.GAME);

    public static final Knob<Double> DATA_MEAN_1 = Knob.real("data_m1", "gan.dataMean1", "", -4, 4, -1.5, 0.1)
            .in(Panel.GAME);
    public static final Knob<Double> DATA_SD_1 = Knob.real("data_s1", "gan.dataSd1", "", 0.1, 2, 0.5, 0.05)
            .in(Panel.GAME);
    public static final Knob<Double> DATA_MEAN_2 = Knob.real("data_m2", "gan.dataMean2", "", -4, 4, 1.5, 0.1)
            .in(Panel.GAME).actsWhen(v -> v.get(GanParams.DATA_WEIGHT_2) > 0);
    public static final Knob<Double> DATA_SD_2 = Knob.real("data_s2", "gan.dataSd2", "", 0.1, 2, 0.5, 0.05)
            .in(Panel.GAME).actsWhen(v -> v.get(GanParams.DATA_WEIGHT_2) > 0);
    public static final Knob<Double> DATA_WEIGHT_2 = Knob.real("data_w2", "gan.dataWeight2", "", 0, 0.9, 0, 0.05)
            .in(Panel.GAME);
    public static final Knob<Double> G_MEAN = Knob.real("g_mean", "gan.gMean", "", -4, 4, 2.5, 0.05).in(Panel.GAME);
    public static final Knob<Double> G_SD = Knob.real("g_sd", "gan.gSd", "", 0.05, 12, 1, 0.05).in(Panel.GAME);
    public static final Knob<String> DISCRIMINATOR = Knob.choice("discriminator", "gan.discriminator", DISCRIMINATORS,
            "optimal").in(Panel.GAME);
    public static final Knob<Double> D_W0 = Knob.real("d_w0", "gan.dW0", "", -10, 10, 0, 0.1).in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Double> D_W1 = Knob.real("d_w1", "gan.dW1", "", -10, 10, -2, 0.1).in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Double> D_W2 = Knob.real("d_w2", "gan.dW2", "", -5, 5, 0, 0.05).in(Panel.GAME)
            .actsWhen(v -> "logistic".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<Integer> D_STEPS = Knob.integer("d_steps", "gan.dSteps", "", 0, 50, 5).in(Panel.GAME)
            .actsWhen(v -> "network".equals(v.get(GanParams.DISCRIMINATOR)));
    public static final Knob<String> LOSS = Knob.choice("loss", "gan.loss", LOSSES, "saturating").in(Panel.GAME);
    public static final Knob<Double> G_RATE = Knob.real("g_rate", "gan.gRate", "", 0.01, 3, 0.5, 0.01).in(Panel.GAME);

    public static final ParamSpec SPEC = ParamSpec.of(PANEL, DATA_MEAN_1, DATA_SD_1, DATA_WEIGHT_2, DATA_MEAN_2,
            DATA_SD_2, G_MEAN, G_SD, DISCRIMINATOR, D_W0, D_W1, D_W2, D_STEPS, LOSS, G_RATE)
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
