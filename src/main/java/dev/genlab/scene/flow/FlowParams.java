package dev.genlab.scene.flow;

import java.util.List;

import dev.genlab.model.flow.Base2D;
import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the change-of-variables scene, and an immutable copy of the values the 2-D flow reads.
 * The 1-D knobs and the panel are view-only: the 1-D change of variables is a few thousand plain
 * double operations, computed on the JavaFX thread as a slider moves. What the view shows (the
 * panel, the selected layer, the probe) is not here: the scene asks the model for it explicitly
 * ({@link FlowLab.View}), and the trainer tells the model when it plays.
 *
 * @param dataset      toy distribution id, or "drawn"
 * @param flowType     what the stack is built of: linear, planar, radial, coupling (affine, RealNVP), coupling_lu,
 *                     coupling_additive (NICE), maf, iaf (MADE layers, orderings alternating), glow (steps of
 *                     coupling, LU linear, actnorm)
 * @param layers       number of layers of that type
 * @param hidden       hidden width of the coupling networks
 * @param learningRate Adam's step size
 * @param batch        points per training step
 * @param base         base density of the 2-D flow
 * @param seed         seed of the initial layers, batches and samples
 * @param matrix       {a, b, c, d} of the linear layer the sliders edit
 * @param drawnX       the drawn points (empty unless dataset is "drawn")
 * @param drawnY
 * @param dequantNoise the dequantisation panel's flow trains on (x + u)/K (true) or on the lattice x/K itself
 */
public record FlowParams(String dataset, String flowType, int layers, int hidden, double learningRate, int batch,
                         Base2D base, long seed, double[] matrix, double[] drawnX, double[] drawnY,
                         boolean dequantNoise) {

    /** The scene's three panels. */
    public enum Panel { ONED, LAYERS, TRAIN, DEQUANT }

    public static final String DRAWN = "drawn";
    public static final List<String> TRANSFORMS = List.of("affine", "tanh", "linear_spline", "rq_spline", "fold");
    public static final List<String> BASES_1D = List.of("normal", "uniform");
    public static final List<String> DATASETS = List.of("mixture", "moons", "rings", "checkerboard", "spiral", DRAWN);
    public static final List<String> FLOW_TYPES = List.of("linear", "planar", "radial", "coupling", "coupling_lu",
            "coupling_additive", "maf", "iaf", "glow");
    public static final List<Integer> HIDDEN_SIZES = List.of(8, 16, 32, 64, 128);
    public static final List<String> RATES = List.of("0.0005", "0.001", "0.002", "0.005", "0.01", "0.03");
    public static final List<Integer> BATCHES = List.of(32, 64, 128, 256, 512);
    public static final List<String> BASES_2D = List.of("normal", "logistic");

    private static boolean transformIs(KnobValues v, String... any) {
        return List.of(any).contains(v.get(TRANSFORM));
    }

    public static final Knob<Panel> PANEL = Knob.choice("panel", "flow.panel", Panel.class, Panel.ONED).viewOnly();
    public static final Knob<String> TRANSFORM = Knob.choice("transform", "flow.transform", TRANSFORMS, "affine")
            .viewOnly().in(Panel.ONED);
    public static final Knob<String> BASE_1D = Knob.choice("base1d", "flow.base1d", BASES_1D, "normal").viewOnly()
            .in(Panel.ONED);
    public static final Knob<Double> A = Knob.real("a", "flow.a", "", -3, 3, 2, 0.05).viewOnly().in(Panel.ONED)
            .actsWhen(v -> transformIs(v, "affine", "tanh"));
    public static final Knob<Double> B = Knob.real("b", "flow.b", "", -3, 3, 1, 0.05).viewOnly().in(Panel.ONED)
            .actsWhen(v -> transformIs(v, "affine", "tanh"));
    public static final Knob<Double> C = Knob.real("c", "flow.c", "", -3, 3, 0, 0.05).viewOnly().in(Panel.ONED)
            .actsWhen(v -> transformIs(v, "tanh"));
    public static final Knob<Integer> INTERVALS = Knob.integer("intervals", "flow.intervals", "", 1, 5, 3).viewOnly()
            .in(Panel.ONED);
    public static final Knob<String> DATASET = Knob.choice("dataset", "flow.dataset", DATASETS, "moons")
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<String> FLOW_TYPE = Knob.choice("flow_type", "flow.flowType", FLOW_TYPES, "linear")
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Integer> LAYERS = Knob.integer("layers", "flow.layers", "", 1, 16, 1)
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Integer> HIDDEN = Knob.intChoice("hidden", "flow.hidden", HIDDEN_SIZES, 32)
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Double> LEARNING_RATE = Knob.realChoice("learning_rate", "flow.learningRate", RATES, "0.005")
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Integer> BATCH = Knob.intChoice("batch", "flow.batch", BATCHES, 256)
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<String> BASE = Knob.choice("base", "flow.base", BASES_2D, "normal")
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Integer> SEED = Knob.integer("seed", "flow.seed", "", 0, 999, 1)
            .in(Panel.LAYERS, Panel.TRAIN);
    public static final Knob<Double> M11 = Knob.real("m11", "flow.m11", "", -2, 2, 1, 0.05).in(Panel.LAYERS);
    public static final Knob<Double> M12 = Knob.real("m12", "flow.m12", "", -2, 2, 0, 0.05).in(Panel.LAYERS);
    public static final Knob<Double> M21 = Knob.real("m21", "flow.m21", "", -2, 2, 0, 0.05).in(Panel.LAYERS);
    public static final Knob<Double> M22 = Knob.real("m22", "flow.m22", "", -2, 2, 1, 0.05).in(Panel.LAYERS);
    /** The four entries of the matrix the sliders edit, row-major. */
    public static final List<Knob<Double>> MATRIX = List.of(M11, M12, M21, M22);
    public static final Knob<String> FILL = Knob.choice("fill", "flow.fill", List.of("logdet", "density"), "logdet")
            .viewOnly().in(Panel.LAYERS);

    public static final Knob<String> DEQUANT_NOISE = Knob.choice("dequant_noise", "flow.dequantNoise",
            List.of("uniform", "off"), "uniform").in(Panel.DEQUANT);

    public static final ParamSpec SPEC = ParamSpec.of(PANEL, TRANSFORM, BASE_1D, A, B, C, INTERVALS, DATASET, FLOW_TYPE,
            LAYERS, HIDDEN, LEARNING_RATE, BATCH, BASE, SEED, M11, M12, M21, M22, FILL, DEQUANT_NOISE)
            .withPanelKnob(PANEL);

    /** The model's knobs from the scene's values, plus the drawn points {xs, ys}. */
    public static FlowParams from(KnobValues v, double[][] drawn) {
        return new FlowParams(v.get(DATASET), v.get(FLOW_TYPE), v.get(LAYERS), v.get(HIDDEN), v.get(LEARNING_RATE),
                v.get(BATCH), "logistic".equals(v.get(BASE)) ? Base2D.LOGISTIC : Base2D.NORMAL, v.get(SEED),
                new double[] {v.get(M11), v.get(M12), v.get(M21), v.get(M22)}, drawn[0], drawn[1],
                !"off".equals(v.get(DEQUANT_NOISE)));
    }

    /** Same flow to train: same data, architecture, base and seed. */
    boolean sameModel(FlowParams o) {
        return dataset.equals(o.dataset) && flowType.equals(o.flowType) && layers == o.layers && hidden == o.hidden
                && base == o.base && seed == o.seed && dequantNoise == o.dequantNoise;
    }
}
