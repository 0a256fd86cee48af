package dev.genlab.scene.markov;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.genlab.live.LiveModel;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.MarkovModel;
import dev.genlab.model.discrete.MutualInformation;
import dev.genlab.model.discrete.NeighbourhoodModel;
import dev.genlab.model.discrete.ParameterCounts;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.scene.counting.CountingModel;

/**
 * The model side of the Markov-assumption scene. On a reset it fits the chosen family at every
 * context size (Markov chains of order k = 0..8 along the ordering, or causal neighbourhoods of
 * m = 0..12 pixels) and records train and held-out NLL and parameter counts; it keeps the model of
 * the knob's k (or m) and draws a sample from it one pixel per step along its ordering. It also
 * estimates, on the training images, the mutual information between two pixels with and without
 * the first one's neighbours given. Fits and estimates are cached, so moving only a pixel knob or
 * pressing Reset costs no refit.
 */
public final class MarkovLab implements LiveModel<MarkovParams, MarkovSnapshot> {

    /** Held-out images, at most. */
    static final int TEST_IMAGES = 2000;

    private MarkovParams dataKey;
    private BinaryImages train;
    private BinaryImages test;
    private String message = "";

    private MarkovParams curvesKey;
    private double[] xs = new double[0];
    private double[] trainNll = new double[0];
    private double[] testNll = new double[0];
    private double[] log10Params = new double[0];
    private int best = -1;
    /** The held-out curve of the ordering before the last change of ordering, on the same images ("" none). */
    private String previousOrdering = "";
    private double[] previousTestNll = new double[0];

    private MarkovParams modelKey;
    private BinaryImageModel model;
    private int[] path = new int[0];

    private byte[] image = new byte[0];
    private int drawn;
    private double conditional = Double.NaN;
    private double sampleNll;
    private SplittableRandom rng = new SplittableRandom(0);
    private long sampleNumber;
    private long steps;

    private int miPixel = -1;
    private int miFar = -1;
    private BinaryImages miData;
    private int[] neighbours = new int[0];
    private double mi;
    private double miGiven;
    private double[] miMap = new double[0];
    private double[] miGivenMap = new double[0];

    @Override
    public void reset(MarkovParams p) {
        steps = 0;
        if (p.images() == null) {
            message = "markov.note.noImages";
            dataKey = curvesKey = modelKey = null;
            train = test = null;
            model = null;
            xs = trainNll = testNll = log10Params = new double[0];
            best = -1;
            previousOrdering = "";
            previousTestNll = new double[0];
            path = new int[0];
            image = new byte[0];
            drawn = 0;
            conditional = Double.NaN;
            miData = null;
            return;
        }
        message = "";
        if (dataKey == null || !p.sameData(dataKey)) {
            loadData(p);
            dataKey = p;
            curvesKey = null;
            modelKey = null;
        }
        if (curvesKey == null || !p.sameCurves(curvesKey)) {
            keepPreviousOrdering(p);
            fitCurves(p);
            curvesKey = p;
        }
        if (modelKey == null || !p.sameModel(modelKey)) {
            model = build(p, p.isChain() ? p.order() : p.neighbourhood());
            model.fit(train);
            modelKey = p;
        }
        path = model.ordering().order();
        newSample(p);
    }

    /**
     * When only the chain's ordering changes (same images, smoothing and family), the held-out curve
     * fitted so far stays as the previous ordering's, so that two orderings can be compared on one
     * chart; anything else that changes the curves drops it.
     */
    private void keepPreviousOrdering(MarkovParams p) {
        boolean orderingOnly = curvesKey != null && curvesKey.isChain() && p.isChain() && p.sameData(curvesKey)
                && p.smoothing() == curvesKey.smoothing() && testNll.length > 0;
        if (orderingOnly) {
            previousOrdering = curvesKey.ordering();
            previousTestNll = testNll;
        } else {
            previousOrdering = "";
            previousTestNll = new double[0];
        }
    }

    private void loadData(MarkovParams p) {
        int available = p.images().size();
        int trainCount = Math.min(p.trainImages(), Math.max(1, available * 4 / 5));
        int testCount = Math.min(TEST_IMAGES, available - trainCount);
        BinaryImages all = CountingModel.binarise(p.images(), p.side(), p.threshold(), trainCount + testCount);
        train = all.subset(0, trainCount);
        test = testCount > 0 ? all.subset(trainCount, trainCount + testCount) : null;
        miData = null;
    }

    /** The chosen family with context size x (k or m) for these knobs, not yet fitted. */
    static BinaryImageModel build(MarkovParams p, int x) {
        if (p.isChain()) {
            PixelOrdering o = PixelOrdering.byId(p.ordering(), p.side(), p.side(), p.seed());
            return new MarkovModel(o, x, p.smoothing());
        }
        return new NeighbourhoodModel(p.side(), p.side(), x, p.smoothing());
    }

    /** Free parameters of the chosen family with context size x. */
    static BigInteger parameters(MarkovParams p, int x) {
        return p.isChain() ? ParameterCounts.markov(p.pixels(), x)
                : ParameterCounts.neighbourhood(p.side(), p.side(), x);
    }

    private void fitCurves(MarkovParams p) {
        int count = (p.isChain() ? MarkovParams.MAX_ORDER : MarkovParams.MAX_NEIGHBOURS) + 1;
        xs = new double[count];
        trainNll = new double[count];
        testNll = new double[count];
        log10Params = new double[count];
        for (int x = 0; x < count; x++) {
            BinaryImageModel m = build(p, x);
            m.fit(train);
            xs[x] = x;
            trainNll[x] = m.trainNll();
            testNll[x] = test == null ? Double.NaN : m.nll(test);
            log10Params[x] = Math.log10(parameters(p, x).doubleValue());
        }
        best = argmin(testNll);
    }

    /** Index of the smallest finite value (the first of equals), -1 when none is finite. */
    static int argmin(double[] v) {
        int at = -1;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && (at < 0 || v[i] < v[at])) {
                at = i;
            }
        }
        return at;
    }

    private void newSample(MarkovParams p) {
        sampleNumber++;
        rng = new SplittableRandom(p.seed() * 1_000_003L + sampleNumber);
        image = new byte[p.pixels()];
        drawn = 0;
        sampleNll = 0;
        conditional = model.conditionalOne(image, 0);
    }

    /** Draws exactly one pixel of the sample along the ordering; a complete sample is first cleared. */
    @Override
    public double step(MarkovParams p) {
        steps++;
        if (model == null) {
            return 0;
        }
        if (drawn == image.length) {
            newSample(p);
        }
        double q = conditional;
        byte x = (byte) (rng.nextDouble() < q ? 1 : 0);
        image[path[drawn]] = x;
        sampleNll -= Math.log(x == 1 ? q : 1 - q);
        drawn++;
        conditional = drawn < image.length ? model.conditionalOne(image, drawn) : Double.NaN;
        return sampleNll;
    }

    @Override
    public boolean needsReset(MarkovParams before, MarkovParams after) {
        return before.images() != after.images() || after.images() != null && !after.sameModel(before);
    }

    @Override
    public Object saveState() {
        return new Object[] {image.clone(), drawn, conditional, sampleNll, steps, rng.split()};
    }

    @Override
    public void restoreState(Object state) {
        Object[] s = (Object[]) state;
        image = ((byte[]) s[0]).clone();
        drawn = (Integer) s[1];
        conditional = (Double) s[2];
        sampleNll = (Double) s[3];
        steps = (Long) s[4];
        rng = ((SplittableRandom) s[5]).split();
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public MarkovSnapshot snapshot(MarkovParams p) {
        if (train != null) {
            updateMutualInformation(p);
        }
        int chosen = p.isChain() ? p.order() : p.neighbourhood();
        boolean live = model != null;
        int current = live && drawn < image.length ? path[drawn] : -1;
        int[] context = live && drawn < image.length ? model.context(drawn) : new int[0];
        return new MarkovSnapshot(live ? p.side() : 0, p.family(), p.effectiveOrdering(),
                train == null ? 0 : train.count(), test == null ? 0 : test.count(), xs, trainNll, testNll,
                log10Params, best, previousOrdering, previousTestNll, chosen, path, image.clone(), drawn, current, context, conditional, sampleNll,
                sampleNumber, miData == null ? -1 : miPixel, miData == null ? -1 : miFar, neighbours, mi, miGiven,
                miMap, miGivenMap, message);
    }

    private void updateMutualInformation(MarkovParams p) {
        int i = p.pixelOnImage();
        int j = p.farPixelOnImage();
        if (miData == train && i == miPixel && j == miFar) {
            return;
        }
        if (miData != train || i != miPixel) {
            neighbours = neighboursOf(i, p.side());
            miMap = mutualInformationMap(train, i, new int[0]);
            miGivenMap = mutualInformationMap(train, i, neighbours);
        }
        mi = miMap[j];
        miGiven = miGivenMap[j];
        miData = train;
        miPixel = i;
        miFar = j;
    }

    /**
     * Î(X_i; X_j | X_given) for every j, less the plug-in estimate's bias: each context s of the
     * given pixels seen in the data adds about 1/(2N) nats to a 2 x 2 table's estimate
     * (Miller 1955), so K seen contexts add K/(2N) (1/(2N) with nothing given). Clamped at 0; 0 at i
     * and at the given pixels.
     */
    static double[] mutualInformationMap(BinaryImages data, int i, int[] given) {
        double bias = seenContexts(data, given) / (2.0 * data.count());
        double[] out = new double[data.pixels()];
        for (int j = 0; j < out.length; j++) {
            int q = j;
            if (j == i || java.util.Arrays.stream(given).anyMatch(g -> g == q)) {
                continue;
            }
            out[j] = Math.max(0, MutualInformation.conditional(data, i, j, given, 0) - bias);
        }
        return out;
    }

    /** How many of the 2^|given| values of the given pixels occur in the data. */
    static int seenContexts(BinaryImages data, int[] given) {
        boolean[] seen = new boolean[1 << given.length];
        int count = 0;
        for (int k = 0; k < data.count(); k++) {
            int s = 0;
            for (int g = 0; g < given.length; g++) {
                s |= data.bit(k, given[g]) << g;
            }
            if (!seen[s]) {
                seen[s] = true;
                count++;
            }
        }
        return count;
    }

    /** The up, down, left and right neighbours of pixel i that lie in the image. */
    static int[] neighboursOf(int i, int side) {
        int r = i / side;
        int c = i % side;
        List<Integer> out = new ArrayList<>();
        if (r > 0) {
            out.add(i - side);
        }
        if (r < side - 1) {
            out.add(i + side);
        }
        if (c > 0) {
            out.add(i - 1);
        }
        if (c < side - 1) {
            out.add(i + 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The model the sampler draws from (tests). */
    BinaryImageModel model() {
        return model;
    }

    /** The held-out images, or null (tests). */
    BinaryImages testImages() {
        return test;
    }

    BinaryImages trainImages() {
        return train;
    }
}
