package dev.genlab.scene.density;

import java.util.List;
import java.util.Map;

import dev.genlab.scene.KnobSpec;
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
 * @param view       xMin, xMax, yMin, yMax the plot shows, where the heat map is evaluated; null for the data's bounds
 */
public record DensityParams(String dataset, int points, int components, String init, long seed, int samples,
                            double outlierThreshold, int trueModes, double trueSeparation,
                            double[] drawnX, double[] drawnY, double[] view) {

    public static final String DRAWN = "drawn";
    public static final String MIXTURE = "mixture";

    public static final ParamSpec SPEC = ParamSpec.of(
            KnobSpec.ofChoice("dataset", "density.dataset", List.of("mixture", "moons", "rings", "spiral", "checkerboard", DRAWN), "mixture"),
            KnobSpec.ofInt("true_modes", "density.trueModes", "", 1, 8, 3),
            KnobSpec.ofDouble("true_separation", "density.trueSeparation", "", 0, 3, 1.5, 0.05),
            KnobSpec.ofInt("points", "density.points", "", 50, 3000, 600),
            KnobSpec.ofInt("components", "density.components", "", 1, 12, 3),
            KnobSpec.ofChoice("init", "density.init", List.of("kmeanspp", "random"), "kmeanspp"),
            KnobSpec.ofInt("seed", "density.seed", "", 0, 999, 1),
            KnobSpec.ofInt("samples", "density.samples", "", 0, 2000, 0),
            KnobSpec.ofDouble("outlier_threshold", "density.outlier", "nats", -20, 2, -6, 0.1),
            KnobSpec.ofToggle("show_responsibilities", "density.showResp", false).asViewOnly(),
            KnobSpec.ofToggle("show_contours", "density.showContours", true).asViewOnly());

    public DensityParams {
        drawnX = drawnX.clone();
        drawnY = drawnY.clone();
        view = view == null ? null : view.clone();
        if (view != null && (view.length != 4 || !(view[1] > view[0]) || !(view[3] > view[2]))) {
            throw new IllegalArgumentException("view must be xMin < xMax, yMin < yMax");
        }
        if (drawnX.length != drawnY.length) {
            throw new IllegalArgumentException("drawn x and y differ in length");
        }
    }

    /** Values of the model knobs from a {@link dev.genlab.scene.ParamSet#snapshot()}, plus drawn points. */
    public static DensityParams from(Map<String, Object> v, double[] drawnX, double[] drawnY, double[] view) {
        return new DensityParams((String) v.get("dataset"), (Integer) v.get("points"), (Integer) v.get("components"),
                (String) v.get("init"), (Integer) v.get("seed"), (Integer) v.get("samples"),
                (Double) v.get("outlier_threshold"), (Integer) v.get("true_modes"), (Double) v.get("true_separation"),
                drawnX, drawnY, view);
    }

    @Override
    public double[] view() {
        return view == null ? null : view.clone();
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
