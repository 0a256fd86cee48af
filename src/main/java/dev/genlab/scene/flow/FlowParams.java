package dev.genlab.scene.flow;

import java.util.List;
import java.util.Map;

import dev.genlab.model.flow.Base2D;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.ParamSpec;

/**
 * Knobs of the change-of-variables scene and an immutable copy of the values the 2-D flow reads.
 * The 1-D knobs and the panel are view-only: the 1-D change of variables is a few thousand plain
 * double operations, computed on the JavaFX thread as a slider moves.
 *
 * @param dataset      toy distribution id, or "drawn"
 * @param flowType     what the stack is built of: linear, planar, radial, coupling, coupling_lu
 * @param layers       number of layers of that type
 * @param hidden       hidden width of the coupling networks
 * @param learningRate Adam's step size
 * @param batch        points per training step
 * @param base         base density of the 2-D flow
 * @param seed         seed of the initial layers, batches and samples
 * @param matrix       {a, b, c, d} of the linear layer the sliders edit
 * @param drawnX       the drawn points (empty unless dataset is "drawn")
 * @param drawnY
 * @param playing      true while training plays (a coarser density grid is published then)
 * @param panel        the panel shown ("oned", "layers", "train"): where the density grid is evaluated
 * @param selected     the layer selected in the layer list (−1: none); its Jacobian is shown
 * @param probeX       the base-plane point whose Jacobians are shown
 * @param probeY
 */
public record FlowParams(String dataset, String flowType, int layers, int hidden, double learningRate, int batch,
                         Base2D base, long seed, double[] matrix, double[] drawnX, double[] drawnY, boolean playing,
                         String panel, int selected, double probeX, double probeY) {

    public static final String DRAWN = "drawn";
    public static final List<String> PANELS = List.of("oned", "layers", "train");
    public static final List<String> TRANSFORMS = List.of("affine", "tanh", "linear_spline", "rq_spline", "fold");
    public static final List<String> BASES_1D = List.of("normal", "uniform");
    public static final List<String> DATASETS = List.of("mixture", "moons", "rings", "checkerboard", "spiral", DRAWN);
    public static final List<String> FLOW_TYPES = List.of("linear", "planar", "radial", "coupling", "coupling_lu");
    public static final List<String> HIDDEN = List.of("8", "16", "32", "64", "128");
    public static final List<String> RATES = List.of("0.0005", "0.001", "0.002", "0.005", "0.01", "0.03");
    public static final List<String> BATCHES = List.of("32", "64", "128", "256", "512");
    public static final List<String> BASES_2D = List.of("normal", "logistic");

    public static final ParamSpec SPEC = ParamSpec.of(
            KnobSpec.ofChoice("panel", "flow.panel", PANELS, "oned").asViewOnly(),
            KnobSpec.ofChoice("transform", "flow.transform", TRANSFORMS, "affine").asViewOnly(),
            KnobSpec.ofChoice("base1d", "flow.base1d", BASES_1D, "normal").asViewOnly(),
            KnobSpec.ofDouble("a", "flow.a", "", -3, 3, 2, 0.05).asViewOnly(),
            KnobSpec.ofDouble("b", "flow.b", "", -3, 3, 1, 0.05).asViewOnly(),
            KnobSpec.ofDouble("c", "flow.c", "", -3, 3, 0, 0.05).asViewOnly(),
            KnobSpec.ofInt("intervals", "flow.intervals", "", 1, 5, 3).asViewOnly(),
            KnobSpec.ofChoice("dataset", "flow.dataset", DATASETS, "moons"),
            KnobSpec.ofChoice("flow_type", "flow.flowType", FLOW_TYPES, "linear"),
            KnobSpec.ofInt("layers", "flow.layers", "", 1, 16, 1),
            KnobSpec.ofChoice("hidden", "flow.hidden", HIDDEN, "32"),
            KnobSpec.ofChoice("learning_rate", "flow.learningRate", RATES, "0.005"),
            KnobSpec.ofChoice("batch", "flow.batch", BATCHES, "256"),
            KnobSpec.ofChoice("base", "flow.base", BASES_2D, "normal"),
            KnobSpec.ofInt("seed", "flow.seed", "", 0, 999, 1),
            KnobSpec.ofDouble("m11", "flow.m11", "", -2, 2, 1, 0.05),
            KnobSpec.ofDouble("m12", "flow.m12", "", -2, 2, 0, 0.05),
            KnobSpec.ofDouble("m21", "flow.m21", "", -2, 2, 0, 0.05),
            KnobSpec.ofDouble("m22", "flow.m22", "", -2, 2, 1, 0.05),
            KnobSpec.ofChoice("fill", "flow.fill", List.of("logdet", "density"), "logdet").asViewOnly());

    public static FlowParams from(Map<String, Object> v, double[] drawnX, double[] drawnY, boolean playing,
                                  int selected, double probeX, double probeY) {
        return new FlowParams((String) v.get("dataset"), (String) v.get("flow_type"), (Integer) v.get("layers"),
                Integer.parseInt((String) v.get("hidden")), Double.parseDouble((String) v.get("learning_rate")),
                Integer.parseInt((String) v.get("batch")),
                "logistic".equals(v.get("base")) ? Base2D.LOGISTIC : Base2D.NORMAL, (Integer) v.get("seed"),
                new double[] {((Number) v.get("m11")).doubleValue(), ((Number) v.get("m12")).doubleValue(),
                        ((Number) v.get("m21")).doubleValue(), ((Number) v.get("m22")).doubleValue()},
                drawnX, drawnY, playing, (String) v.get("panel"), selected, probeX, probeY);
    }

    /** Same flow to train: same data, architecture, base and seed. */
    boolean sameModel(FlowParams o) {
        return dataset.equals(o.dataset) && flowType.equals(o.flowType) && layers == o.layers && hidden == o.hidden
                && base == o.base && seed == o.seed;
    }
}
