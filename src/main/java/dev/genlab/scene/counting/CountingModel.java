package dev.genlab.scene.counting;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.genlab.data.Downsample;
import dev.genlab.data.ImageDataset;
import dev.genlab.live.LiveModel;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.FullJointModel;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.discrete.MarkovModel;
import dev.genlab.model.discrete.NeighbourhoodModel;
import dev.genlab.model.discrete.ParameterCounts;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * Fits the counting models of binary images side by side and counts the parameters of every
 * family: full joint (2^n - 1), independent pixels (n), a Markov chain of order k along the
 * raster order (2n - 1 for k = 1), a causal neighbourhood of m pixels, and for reference the
 * fully visible sigmoid belief net (n(n+1)/2) and NADE (2nh + n + h). A step draws new samples.
 */
public final class CountingModel implements LiveModel<CountingParams, CountingSnapshot> {

    /** Samples shown per fitted model. */
    static final int SAMPLES = 8;
    /** Held-out images, at most. */
    static final int TEST_IMAGES = 2000;

    private final List<BinaryImageModel> fitted = new ArrayList<>();
    private final List<double[]> trainTest = new ArrayList<>();
    private List<double[]> allImages = List.of();
    private int trainCount;
    private int testCount;
    private String message = "";
    private long steps;
    /** Largest k and m on the NLL chart (lesson 4's range). */
    static final int MAX_ORDER = 8;
    static final int MAX_NEIGHBOURS = 12;
    private BinaryImages trainSet;
    private BinaryImages testSet;
    private CountingParams curvesKey;
    private CountingSnapshot.Curves curves;

    @Override
    public void reset(CountingParams p) {
        fitted.clear();
        trainTest.clear();
        allImages = List.of();
        steps = 0;
        message = "";
        trainCount = 0;
        testCount = 0;
        if (p.images() == null) {
            message = "counting.note.noImages";
            trainSet = testSet = null;
            curvesKey = null;
            curves = null;
            return;
        }
        if (curvesKey != null && !p.sameCurves(curvesKey)) {
            curvesKey = null;
            curves = null;
        }
        int side = p.side();
        int available = p.images().size();
        int train = Math.min(p.trainImages(), Math.max(1, available * 4 / 5));
        int test = Math.min(TEST_IMAGES, available - train);
        BinaryImages all = binarise(p.images(), side, p.threshold(), train + test);
        trainSet = all.subset(0, train);
        testSet = test > 0 ? all.subset(train, train + test) : null;
        trainCount = train;
        testCount = test;
        PixelOrdering raster = PixelOrdering.raster(side, side);
        if (p.pixels() <= FullJointModel.MAX_PIXELS) {
            fitted.add(new FullJointModel(raster, p.smoothing()));
        }
        fitted.add(new IndependentModel(raster, p.smoothing()));
        fitted.add(new MarkovModel(raster, p.markovOrder(), p.smoothing()));
        fitted.add(new NeighbourhoodModel(side, side, p.neighbourhood(), p.smoothing()));
        for (BinaryImageModel m : fitted) {
            m.fit(trainSet);
            trainTest.add(new double[] {m.trainNll(), testSet == null ? Double.NaN : m.nll(testSet)});
        }
        if (p.pixels() == 4) {
            BinaryImages every = BinaryImages.all(2, 2);
            List<double[]> probs = new ArrayList<>();
            for (BinaryImageModel m : fitted) {
                double[] pr = new double[every.count()];
                for (int i = 0; i < pr.length; i++) {
                    pr[i] = Math.exp(m.logProb(every.image(i)));
                }
                probs.add(pr);
            }
            allImages = probs;
        }
    }

    /**
     * Averages blocks down to side x side, scales each image so that its inkiest block is 1, and
     * sets a pixel where it reaches the threshold. Without the scaling a 2 x 2 or 4 x 4 image of a
     * thin digit averages to almost no ink and every image would be blank. Images whose size side
     * does not divide (a loaded set of 20 x 20 images, say) are area-averaged to side x side instead
     * ({@link Downsample#resample}), enlarged if need be, so every lesson works on every set.
     */
    public static BinaryImages binarise(ImageDataset d, int side, double threshold, int count) {
        ImageDataset first = d.subset(0, Math.min(count, d.size()));
        ImageDataset small = Downsample.resample(first, side, side);
        float[] px = small.copyPixels();
        int n = side * side;
        for (int i = 0; i < small.size(); i++) {
            float max = 0;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, px[i * n + j]);
            }
            if (max > 0) {
                for (int j = 0; j < n; j++) {
                    px[i * n + j] /= max;
                }
            }
        }
        ImageDataset stretched = ImageDataset.of(small.name(), side, side, px, null);
        return BinaryImages.from(stretched, side, threshold, count);
    }

    @Override
    public double step(CountingParams p) {
        steps++;
        return 0;
    }

    @Override
    public boolean needsReset(CountingParams before, CountingParams after) {
        return !before.sameFit(after);
    }

    @Override
    public Object saveState() {
        return steps;
    }

    @Override
    public void restoreState(Object state) {
        steps = (Long) state;
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public long steps() {
        return steps;
    }

    /**
     * Fits the Markov chain (raster order) at every k and the neighbourhood at every m on the training
     * images and scores both on the held-out ones; cached until the images or the smoothing change.
     */
    private CountingSnapshot.Curves curves(CountingParams p) {
        if (curves == null && trainSet != null) {
            PixelOrdering raster = PixelOrdering.raster(p.side(), p.side());
            double[][] markov = fitAll(MAX_ORDER, k -> new MarkovModel(raster, k, p.smoothing()));
            double[][] neighbours = fitAll(MAX_NEIGHBOURS,
                    m -> new NeighbourhoodModel(p.side(), p.side(), m, p.smoothing()));
            curves = new CountingSnapshot.Curves(markov[0], markov[1], neighbours[0], neighbours[1]);
            curvesKey = p;
        }
        return curves;
    }

    private double[][] fitAll(int max, java.util.function.IntFunction<BinaryImageModel> build) {
        double[][] out = new double[2][max + 1];
        for (int x = 0; x <= max; x++) {
            BinaryImageModel m = build.apply(x);
            m.fit(trainSet);
            out[0][x] = m.trainNll();
            out[1][x] = testSet == null ? Double.NaN : m.nll(testSet);
        }
        return out;
    }

    @Override
    public CountingSnapshot snapshot(CountingParams p) {
        int n = p.pixels();
        List<CountingSnapshot.Row> rows = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(p.seed() * 1_000_003L + steps);
        byte[] buf = new byte[n];
        for (int i = 0; i < fitted.size(); i++) {
            BinaryImageModel m = fitted.get(i);
            List<float[]> samples = new ArrayList<>();
            for (int s = 0; s < SAMPLES; s++) {
                m.sample(rng, buf);
                float[] img = new float[n];
                for (int j = 0; j < n; j++) {
                    img[j] = 1 - buf[j]; // ink (1) drawn black on white paper
                }
                samples.add(img);
            }
            rows.add(new CountingSnapshot.Row(family(m), m.parameterCount(), true, trainTest.get(i)[0],
                    trainTest.get(i)[1], samples));
        }
        if (n > FullJointModel.MAX_PIXELS || fitted.isEmpty()) {
            rows.add(0, counted("full", ParameterCounts.fullJoint(n)));
        }
        if (fitted.isEmpty()) {
            rows.add(counted("independent", ParameterCounts.independent(n)));
            rows.add(counted("markov", ParameterCounts.markov(n, p.markovOrder())));
            rows.add(counted("neighbourhood", ParameterCounts.neighbourhood(p.side(), p.side(), p.neighbourhood())));
        }
        rows.add(counted("fvsbn", ParameterCounts.fvsbn(n)));
        rows.add(counted("nade", ParameterCounts.nade(n, p.nadeHidden())));

        double[] sides = new double[28];
        List<double[]> counts = new ArrayList<>();
        for (CountingSnapshot.Row r : rows) {
            double[] y = new double[sides.length];
            for (int s = 1; s <= sides.length; s++) {
                sides[s - 1] = s;
                y[s - 1] = log10(count(r.id(), s, p));
            }
            counts.add(y);
        }
        return new CountingSnapshot(p.side(), rows, sides, counts, allImages, trainCount, testCount, message,
                p.chart(), p.markovOrder(), p.neighbourhood(), p.showsNll() ? curves(p) : null);
    }

    private static CountingSnapshot.Row counted(String id, BigInteger params) {
        return new CountingSnapshot.Row(id, params, false, Double.NaN, Double.NaN, List.of());
    }

    private static String family(BinaryImageModel m) {
        if (m instanceof FullJointModel) {
            return "full";
        }
        if (m instanceof IndependentModel) {
            return "independent";
        }
        if (m instanceof MarkovModel) {
            return "markov";
        }
        return "neighbourhood";
    }

    /** The parameter count of a family for side x side images, with the knobs' k, m and h. */
    static BigInteger count(String family, int side, CountingParams p) {
        int n = side * side;
        return switch (family) {
            case "full" -> ParameterCounts.fullJoint(n);
            case "independent" -> ParameterCounts.independent(n);
            case "markov" -> ParameterCounts.markov(n, p.markovOrder());
            case "neighbourhood" -> ParameterCounts.neighbourhood(side, side, p.neighbourhood());
            case "fvsbn" -> ParameterCounts.fvsbn(n);
            case "nade" -> ParameterCounts.nade(n, p.nadeHidden());
            default -> throw new IllegalArgumentException(family);
        };
    }

    /** log10 of a positive integer of any size. */
    static double log10(BigInteger v) {
        int shift = Math.max(0, v.bitLength() - 60);
        return Math.log10(v.shiftRight(shift).doubleValue()) + shift * Math.log10(2);
    }
}
