package dev.genlab.scene.density;

import java.util.List;

import dev.genlab.scene.Knob;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.ParamSpec;

/**
 * The knobs of the density scene, and an immutable copy of their values for the trainer.
 *
 * @param dataset    toy distribution id, or {@code drawn} for points the user placed
 * @param points     how many training points to draw from the toy distribution
 * @param components K, the number of mixture components
 * @param init       {@code random} (K data points as means) or {@code kmeanspp} (k-means++ seeding)
 * @param seed       seed of the data draw, the initialisation and the model samples
 * @param samples    how many model samples to show
 * @param outlierThreshold log-density under which a point is flagged as an outlier
 * @param trueModes  modes of the editable true mixture (dataset {@code mixture})
 * @param trueSeparation radius of the circle the true mixture's modes sit on
 * @param drawnX     x of the user's points (used when dataset is {@code drawn})
 * @param drawnY     y of the user's points
 */
public record DensityParams(String dataset, int points, int components, String init, long seed, int samples,
                            double outlierThreshold, int trueModes, double trueSeparation,
                            double[] drawnX, double[] drawnY) {

    public static final String DRAWN = "drawn";
    public static final String MIXTURE = "mixture";

    public static final Knob<String> DATASET = Knob.choice("dataset", "density.dataset",
            List.of("mixture", "moons", "rings", "spiral", "checkerboard", DRAWN), "mixture");
    public static final Knob<Integer> TRUE_MODES = Knob.integer("true_modes", "density.trueModes", "", 1, 8, 3);
    public static final Knob<Double> TRUE_SEPARATION = Knob.real("true_separation", "density.trueSeparation", "", 0, 3,
            1.5, 0.05);
    public static final Knob<Integer> POINTS = Knob.integer("points", "density.points", "", 50, 3000, 600);
    public static final Knob<Integer> COMPONENTS = Knob.integer("components", "density.components", "", 1, 12, 3);
    public static final Knob<String> INIT = Knob.choice("init", "density.init", List.of("kmeanspp", "random"), "kmeanspp");
    public static final Knob<Integer> SEED = Knob.integer("seed", "density.seed", "", 0, 999, 1);
    public static final Knob<Integer> SAMPLES = Knob.integer("samples", "density.samples", "", 0, 2000, 0);
    public static final Knob<Double> OUTLIER_THRESHOLD = Knob.real("outlier_threshold", "density.outlier", "nats", -20, 2,
            -6, 0.1);
    public static final Knob<Boolean> SHOW_RESPONSIBILITIES = Knob.toggle("show_responsibilities", "density.showResp",
            false).viewOnly();
    public static final Knob<Boolean> SHOW_CONTOURS = Knob.toggle("show_contours", "density.showContours", true).viewOnly();

    public static final ParamSpec SPEC = ParamSpec.of(DATASET, TRUE_MODES, TRUE_SEPARATION, POINTS, COMPONENTS, INIT,
            SEED, SAMPLES, OUTLIER_THRESHOLD, SHOW_RESPONSIBILITIES, SHOW_CONTOURS);

    public DensityParams {
        drawnX = drawnX.clone();
        drawnY = drawnY.clone();
        if (drawnX.length != drawnY.length) {
            throw new IllegalArgumentException("drawn x and y differ in length");
        }
    }

    /** Values of the model knobs from a {@link dev.genlab.scene.ParamSet#values()}, plus drawn points. */
    public static DensityParams from(KnobValues v, double[] drawnX, double[] drawnY) {
        return new DensityParams(v.get(DATASET), v.get(POINTS), v.get(COMPONENTS), v.get(INIT), v.get(SEED),
                v.get(SAMPLES), v.get(OUTLIER_THRESHOLD), v.get(TRUE_MODES), v.get(TRUE_SEPARATION), drawnX, drawnY);
    }

    public boolean isDrawn() {
        return DRAWN.equals(dataset);
    }

    @Override
    public double[] drawnX() {
        return drawnX.clone();
    }

    @Override
    public double[] drawnY() {
        return drawnY.clone();
    }

    /** True when the data or the model's shape differ, so EM must start again. */
    boolean sameModel(DensityParams o) {
        boolean sameTruth = !MIXTURE.equals(dataset) || trueModes == o.trueModes && trueSeparation == o.trueSeparation;
        return dataset.equals(o.dataset) && sameTruth && points == o.points && components == o.components
                && init.equals(o.init) && seed == o.seed
                && (!isDrawn() || java.util.Arrays.equals(drawnX, o.drawnX) && java.util.Arrays.equals(drawnY, o.drawnY));
    }
}
