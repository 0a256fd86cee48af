package dev.genlab.scene.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.genlab.data.Downsample;
import dev.genlab.data.ImageDataset;
import dev.genlab.live.DoubleList;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.model.gan.ImageGanStats;
import dev.genlab.model.gan.NearestCentroidClassifier;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Nd4jReady;
import dev.genlab.scene.autoregressive.ShippedModels;

/**
 * The image panel's half of lesson 8's live model, on the trainer thread: an {@link ImageGan} (MLP
 * generator and discriminator, unconditional or conditional on a one-hot label) trained on the scene's
 * images resized to 28 × 28 grey levels, one D step and one G step on a batch of
 * {@link ImageGan.Config#batch()} random images per {@link #step}.
 *
 * <p>It starts from the shipped checkpoint ({@link ImageGan#DIGITS_CHECKPOINT} or its conditional twin)
 * when the images are the built-in digits it was trained on and the start knob asks for it, else from
 * fresh weights. A change of loss or step size keeps the weights (Adam's moments restart: {@link ImageGan}
 * fixes its settings at construction, so the lab builds a new one and copies the weights in).
 *
 * <p>Pictures: a grid of G's images of fixed noise ({@value #GRID_SEED}; the conditional GAN draws every
 * class in a row of the same {@value #GRID_COLS} noise vectors), renewed at most every
 * {@value #GRID_EVERY_MS} ms while playing, an interpolation strip between the noise of two seeds, and
 * the class coverage: {@value #COVERAGE_SAMPLES} samples of fixed noise labelled by the nearest class
 * mean of the training images ({@link NearestCentroidClassifier}), every {@value #COVERAGE_EVERY_MS} ms.
 */
public final class ImageLab {

    static final int SIDE = 28;
    static final int D = SIDE * SIDE;
    static final int GRID_COLS = 8;
    static final int GRID_ROWS = 8;
    static final long GRID_SEED = 7;
    static final int STRIP = 10;
    static final int COVERAGE_SAMPLES = 1000;
    static final long COVERAGE_SEED = 15;
    static final long GRID_EVERY_MS = 250;
    static final long COVERAGE_EVERY_MS = 2000;
    static final int MAX_CURVE_POINTS = 1500;

    private ImageParams params;
    private ImageDataset data;
    private int[] labels;
    private int classes;
    private NearestCentroidClassifier classifier;
    private ImageGan gan;
    private boolean shipped;
    private long shippedSteps;
    private final List<String> notes = new ArrayList<>();
    private long steps;
    private SplittableRandom rng;
    private float[] batch;
    private int[] batchLabels;
    private final DoubleList cx = new DoubleList();
    private final DoubleList cd = new DoubleList();
    private final DoubleList cg = new DoubleList();
    private final DoubleList creal = new DoubleList();
    private final DoubleList cfake = new DoubleList();
    private boolean playing;
    private long version;
    // cached pictures and when they were made
    private float[] grid;
    private int gridRows;
    private float[] strip;
    private long picturesStep = -1;
    private long picturesVersion = -1;
    private long picturesNs;
    private ImageParams picturesParams;
    private int[] counts;
    private int covered;
    private double evenness = Double.NaN;
    private double agreement = Double.NaN;
    private long coverageStep = -1;
    private long coverageVersion = -1;
    private long coverageNs;
    private ImageSnapshot last;

    /** Lesson 8's image panel as a student finds it, but from scratch: an unconditional GAN with the default loss and rate. */
    public static ImageParams scratchDefaults(ImageDataset images) {
        dev.genlab.scene.ParamSet v = new dev.genlab.scene.ParamSet(GanParams.SPEC);
        v.set(GanParams.IMG_START, "scratch");
        return ImageParams.from(v.values(), images);
    }

    /** Drops the GAN: the next step or snapshot builds it anew (the scene's Reset, or the plane's reset). */
    void forget() {
        params = null;
        drop();
        last = null;
    }

    /** Frees the GAN's ND4J workspace and drops it (on the trainer thread, the only one that trains it). */
    private void drop() {
        if (gan != null) {
            gan.close();
            gan = null;
        }
    }

    /** Frees what the image GAN holds outside the heap: the trainer is stopping. */
    public void close() {
        drop();
        params = null;
    }

    /** Builds the GAN for these params (the shipped one where it fits) and forgets the curves. */
    public void reset(ImageParams p) {
        params = p;
        notes.clear();
        steps = 0;
        cx.clear();
        cd.clear();
        cg.clear();
        creal.clear();
        cfake.clear();
        version++;
        drop();
        last = null;
        grid = null;
        counts = null;
        coverageStep = -1;
        if (p.images() == null) {
            data = null;
            notes.add("gan.img.note.noImages");
            return;
        }
        if (!Nd4jReady.await().ok()) {
            data = null;
            notes.add("gan.img.note.noNd4j");
            return;
        }
        ImageDataset source = p.images();
        data = source.rows() == SIDE && source.cols() == SIDE ? source : Downsample.resample(source, SIDE, SIDE);
        if (data != source) {
            notes.add("gan.img.note.resized");
        }
        labels = data.labels();
        int max = -1;
        for (int y : labels) {
            max = Math.max(max, y);
        }
        classes = data.isLabelled() ? max + 1 : 0;
        // a trainer stopped (its scene left) ends between these pieces rather than after all of them, which take
        // 0.1-0.3 s the first time and would hold a core while the window builds the next scene (issue 16)
        dev.genlab.live.LiveModel.stopIfInterrupted();
        classifier = classes >= 2 ? NearestCentroidClassifier.fit(data) : null;
        dev.genlab.live.LiveModel.stopIfInterrupted();
        boolean conditional = p.conditional();
        if (conditional && classes < 2) {
            notes.add("gan.img.note.noLabels");
            conditional = false;
        }
        ImageGan.Config config = config(p, conditional);
        drop();
        shipped = false;
        shippedSteps = 0;
        if (p.trained()) {
            if (conditional && classes != 10 || !ShippedModels.trainedOn(source)) {
                notes.add("gan.img.note.scratch");
            } else {
                try {
                    Checkpoint c = Checkpoint.readResource(conditional ? ImageGan.CONDITIONAL_DIGITS_CHECKPOINT
                            : ImageGan.DIGITS_CHECKPOINT);
                    dev.genlab.live.LiveModel.stopIfInterrupted();
                    gan = ImageGan.fromCheckpoint(c, config);
                    shipped = true;
                    try {
                        shippedSteps = Long.parseLong(c.value("steps").trim());
                    } catch (RuntimeException e) {
                        shippedSteps = 0;
                    }
                    notes.add("gan.img.note.shipped");
                } catch (Checkpoint.CheckpointException e) {
                    notes.add("gan.img.note.checkpointFailed");
                }
            }
        }
        if (gan == null) {
            gan = new ImageGan(config);
        }
        rng = new SplittableRandom(config.seed() + 31);
        batch = new float[config.batch() * D];
        batchLabels = gan.config().conditional() ? new int[config.batch()] : null;
    }

    private ImageGan.Config config(ImageParams p, boolean conditional) {
        return ImageGan.Config.digits().withClasses(conditional ? classes : 0).withLoss(p.loss())
                .withOptimizer(p.rate(), p.rate(), ImageGan.Config.digits().beta1());
    }

    /** Needs a new GAN (images, kind or start changed): the lab resets this half itself, the plane's GAN stays. */
    boolean needsReset(ImageParams p) {
        return params == null || !params.sameModel(p);
    }

    /** Adopts a change of loss or step size, keeping the weights. */
    private void adopt(ImageParams p) {
        if (needsReset(p)) {
            reset(p);
            return;
        }
        if (gan != null && (p.loss() != params.loss() || p.rate() != params.rate())) {
            ImageGan next = new ImageGan(config(p, gan.config().conditional()));
            next.setParameters(gan.parameters());
            gan.close();
            gan = next;
            version++;
        }
        params = p;
    }

    /** One D step and one G step; the sum of the two losses (NaN when there is nothing to train). */
    public double step(ImageParams p) {
        adopt(p);
        if (gan == null) {
            return 0;
        }
        int b = gan.config().batch();
        int n = data.size();
        for (int k = 0; k < b; k++) {
            int i = rng.nextInt(n);
            data.copyImage(i, batch, k * D);
            if (batchLabels != null) {
                batchLabels[k] = labels[i];
            }
        }
        ImageGanStats s = gan.step(batch, batchLabels, rng);
        steps++;
        cx.add(steps);
        cd.add(s.dLoss());
        cg.add(s.gLoss());
        creal.add(s.dReal());
        cfake.add(s.dFake());
        return s.dLoss() + s.gLoss();
    }

    public long steps() {
        return steps;
    }

    void playingChanged(boolean now) {
        playing = now;
    }

    public boolean isHealthy() {
        return gan == null || gan.isFinite();
    }

    /** The weights and the step count, for the trainer's divergence guard. */
    public Object saveState() {
        return gan == null ? null : new State(gan.parameters(), steps);
    }

    public void restoreState(Object state) {
        if (state instanceof State s && gan != null && s.parameters().length == gan.numParams()) {
            gan.setParameters(s.parameters());
            steps = s.steps();
            // the undone steps' points (a diverged step's NaN among them) leave the loss curves too
            DoubleList.trimAfter(steps, cx, cd, cg, creal, cfake);
            version++;
        }
    }

    private record State(float[] parameters, long steps) {
    }

    /** What the panel draws; pictures renewed as the class comment says, the curves every time. */
    ImageSnapshot snapshot(ImageParams p) {
        adopt(p);
        if (gan == null) {
            return new ImageSnapshot(0, false, 0, 0, 0, null, null, p.digit(), new double[0], new double[0],
                    new double[0], new double[0], new double[0], null, 0, Double.NaN, Double.NaN, -1, false, 0,
                    List.copyOf(notes));
        }
        long now = System.nanoTime();
        boolean viewChanged = picturesParams == null || picturesParams.digit() != p.digit()
                || picturesParams.from() != p.from() || picturesParams.to() != p.to()
                || picturesParams.spherical() != p.spherical();
        boolean stale = picturesStep != steps || picturesVersion != version || viewChanged;
        if (grid == null || stale && (viewChanged || !playing || now - picturesNs >= GRID_EVERY_MS * 1_000_000L)) {
            pictures(p);
            picturesNs = now;
        }
        boolean coverageStale = coverageStep != steps || coverageVersion != version;
        if (classifier != null && (counts == null
                || coverageStale && (!playing || now - coverageNs >= COVERAGE_EVERY_MS * 1_000_000L))) {
            coverage();
            coverageNs = now;
        }
        boolean conditional = gan.config().conditional();
        last = new ImageSnapshot(steps, conditional, conditional ? gan.config().classes() : 0, gridRows, GRID_COLS,
                grid, strip, p.digit(), thin(cx), thin(cd), thin(cg), thin(creal), thin(cfake), counts, covered,
                evenness, agreement, coverageStep, shipped, shippedSteps, List.copyOf(notes));
        return last;
    }

    private void pictures(ImageParams p) {
        boolean conditional = gan.config().conditional();
        int c = gan.config().classes();
        float[] z = gan.noise(GRID_COLS, new SplittableRandom(GRID_SEED));
        gridRows = conditional ? c : GRID_ROWS;
        int n = gridRows * GRID_COLS;
        float[] zs = new float[n * gan.config().noiseDim()];
        int nz = gan.config().noiseDim();
        int[] y = conditional ? new int[n] : null;
        if (conditional) {
            // row r: class r, the same noise in every row, so a column keeps its style across the classes
            for (int r = 0; r < gridRows; r++) {
                System.arraycopy(z, 0, zs, r * GRID_COLS * nz, GRID_COLS * nz);
                for (int k = 0; k < GRID_COLS; k++) {
                    y[r * GRID_COLS + k] = r;
                }
            }
        } else {
            zs = gan.noise(n, new SplittableRandom(GRID_SEED));
        }
        grid = gan.generate(zs, y, n);
        float[] za = gan.noise(1, new SplittableRandom(p.from()));
        float[] zb = gan.noise(1, new SplittableRandom(p.to()));
        int[] sy = null;
        if (conditional) {
            sy = new int[STRIP];
            java.util.Arrays.fill(sy, Math.min(p.digit(), c - 1));
        }
        strip = gan.generate(ImageGan.interpolate(za, zb, STRIP, p.spherical()), sy, STRIP);
        picturesStep = steps;
        picturesVersion = version;
        picturesParams = p;
    }

    /** Class counts of fixed-noise samples; the conditional GAN asks for every class equally often. */
    private void coverage() {
        boolean conditional = gan.config().conditional();
        int c = gan.config().classes();
        int[] y = null;
        if (conditional) {
            y = new int[COVERAGE_SAMPLES];
            for (int i = 0; i < y.length; i++) {
                y[i] = i % c;
            }
        }
        int[] predicted = classify(y);
        NearestCentroidClassifier.Coverage cov = classifier.coverage(predicted);
        counts = cov.counts();
        covered = cov.covered();
        evenness = cov.evenness();
        if (conditional) {
            int agree = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == y[i]) {
                    agree++;
                }
            }
            agreement = agree / (double) predicted.length;
        } else {
            agreement = Double.NaN;
        }
        coverageStep = steps;
        coverageVersion = version;
    }

    /** The classes the nearest class mean gives {@value #COVERAGE_SAMPLES} samples of fixed noise (labels y, or null). */
    private int[] classify(int[] y) {
        float[] samples = gan.sample(COVERAGE_SAMPLES, y, new SplittableRandom(COVERAGE_SEED));
        return classifier.classify(samples, COVERAGE_SAMPLES);
    }

    /**
     * The image panel's class coverage of the GAN now (the read-out its snapshot shows), for an unconditional GAN;
     * null when the images have no labels to classify by (or no GAN). Trainer thread.
     */
    public NearestCentroidClassifier.Coverage coverageNow() {
        if (gan == null || classifier == null || gan.config().conditional()) {
            return null;
        }
        return classifier.coverage(classify(null));
    }

    /** Classes of the images (0 when they have no labels). */
    public int classes() {
        return classifier == null ? 0 : classes;
    }

    /** At most {@value #MAX_CURVE_POINTS} points of a curve, the last one always in. */
    private static double[] thin(DoubleList list) {
        double[] all = list.toArray();
        int n = all.length;
        int stride = Math.max(1, (n + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        if (stride == 1) {
            return all;
        }
        int m = (n - 1) / stride + 1;
        double[] out = new double[m];
        for (int k = 0; k < m; k++) {
            out[k] = all[Math.min(n - 1, k * stride + (n - 1) % stride)];
        }
        return out;
    }

    // ---------------------------------------------------------------- for tests

    public ImageGan gan() {
        return gan;
    }

    public NearestCentroidClassifier classifier() {
        return classifier;
    }
}
