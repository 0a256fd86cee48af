package dev.genlab.scene.families;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import dev.genlab.data.ImageDataset;
import dev.genlab.live.LiveModel;
import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.autoregressive.PixelCnn;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.flow.Dequantization;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.model.gan.NearestCentroidClassifier;
import dev.genlab.model.latent.StepStats;
import dev.genlab.model.latent.Vae;
import dev.genlab.model.nn.Nd4jReady;
import dev.genlab.scene.autoregressive.HeldOut;
import dev.genlab.scene.autoregressive.ScratchTraining;
import dev.genlab.scene.elbo.ElboLab;
import dev.genlab.scene.elbo.ElboParams;
import dev.genlab.scene.families.FamiliesSnapshot.Family;
import dev.genlab.scene.families.FamiliesSnapshot.Kind;
import dev.genlab.scene.families.FamiliesSnapshot.Progress;
import dev.genlab.scene.families.FamiliesSnapshot.Quality;
import dev.genlab.scene.families.FamiliesSnapshot.QualityKind;
import dev.genlab.scene.families.FamiliesSnapshot.Row;
import dev.genlab.scene.flow.DequantLab;
import dev.genlab.scene.flow.FlowParams;
import dev.genlab.scene.gan.ImageLab;
import dev.genlab.scene.gan.ImageParams;

/**
 * The families comparison: every family GenLab teaches, one after another on this scene's one trainer thread, on
 * the same images, each trained and measured by the code of its own lesson:
 * <ul>
 * <li>independent pixels and the Markov chain: lesson 5's counting baselines ({@link HeldOut}: the same training
 * and held-out images, the chain's order chosen on other held-out images), fitted in one step each;</li>
 * <li>NADE and PixelCNN: trained from scratch here with lesson 5's default knobs ({@link ScratchTraining}); exact
 * −ln p(x) on the held-out images as lesson 5 reports it;</li>
 * <li>the flow: lesson 6's dequantisation flow ({@link DequantLab}) on its own data (8 × 8 digits at 16 levels), so
 * its number is a bound on other data, in bits per dimension;</li>
 * <li>the VAE: lesson 7's VAE from scratch with its default knobs ({@link ElboLab#trainStep}), its held-out ELBO and
 * importance-sampled log p(x) ({@link ElboLab#heldOutStats}, {@link ElboLab#heldOutLogPx});</li>
 * <li>the GAN: lesson 8's image GAN from scratch ({@link ImageLab}); no likelihood, its class coverage.</li>
 * </ul>
 * Each network trains for the budget's seconds of training steps (the knob), read from an injectable clock, so
 * evaluations, sampling and pauses do not count. A step is one slice of work: at most {@value #SLICE_MS} ms of
 * training steps, or one evaluation, or one batch of timed draws, or the grid of samples; Pause, Reset and leaving
 * the scene therefore act within a slice.
 *
 * <p>The stated quality, "how long until a network beats the best counting model": the held-out −ln p(x) at or
 * below the Markov chain's (the VAE's −ELBO, an upper bound, so meeting it proves −ln p(x) did), evaluated every
 * {@value #EVAL_EVERY_MS} ms of training on the same held-out images its row reports; the flow: {@value
 * #FLOW_TARGET_BITS} bits/dim on its own held-out data (lesson 6's text); the GAN: every class of a labelled set
 * covered by lesson 8's coverage read-out, none without labels.
 */
public final class FamiliesLab implements LiveModel<FamiliesParams, FamiliesSnapshot> {

    /** Samples in each family's grid. */
    public static final int GRID = 6;
    /** Single-image draws timed per family; the median is reported. */
    public static final int DRAWS = 5;
    /** Longest run of training steps in one scene step. */
    static final long SLICE_MS = 250;
    /** Training time between two evaluations of the stated quality. */
    public static final long EVAL_EVERY_MS = 2000;
    /** The flow's stated quality in bits per dimension (lesson 6: "by step 250 the flow is below 2 bits/dim"). */
    public static final double FLOW_TARGET_BITS = 2.0;
    static final int SIDE = 28;
    static final int D = SIDE * SIDE;

    private final LongSupplier clock;
    private final int stepBudget;
    private int openNetworks;
    /** Builds the networks (tests may put fakes in their place). */
    java.util.function.Function<Family, Network> networks = this::network;

    private ImageDataset source;
    private HeldOut data;
    private boolean nd4j;
    private String notes = "";
    private final List<Row> rows = new ArrayList<>();
    private long seed;
    private long budgetNs;
    private int budgetSeconds;
    private int classes;
    private long slices;
    private Run run;

    public FamiliesLab() {
        this(System::nanoTime, 0);
    }

    /**
     * @param clock      nanoTime, or a fake one (tests): every training, evaluation and draw time is read from it
     * @param stepBudget when positive, each network takes exactly this many training steps instead of the knob's
     *                   seconds (tests: the same weights on every run)
     */
    FamiliesLab(LongSupplier clock, int stepBudget) {
        this.clock = clock;
        this.stepBudget = stepBudget;
    }

    @Override
    public void reset(FamiliesParams p) {
        closeRun();
        rows.clear();
        slices = 0;
        seed = p.seed();
        budgetSeconds = p.budgetSeconds();
        budgetNs = p.budgetSeconds() * 1_000_000_000L;
        source = p.images();
        nd4j = Nd4jReady.await().ok();
        if (source == null) {
            data = null;
            notes = "families.note.noImages";
            return;
        }
        data = HeldOut.load(source, HeldOut.defaultTrainImages());
        notes = data.notes();
        if (!nd4j) {
            notes = (notes + " families.note.noNd4j").strip();
        }
        classes = 0;
        if (source.isLabelled()) {
            for (int y : source.labels()) {
                classes = Math.max(classes, y + 1);
            }
        }
        if (classes < 2) {
            classes = 0;
        }
    }

    /** The stated quality's target, nats per image: the Markov chain's held-out −ln p(x). */
    double target() {
        return data == null ? Double.NaN : data.markovNll();
    }

    @Override
    public double step(FamiliesParams p) {
        if (data == null || next() == null) {
            return rows.size();
        }
        slices++;
        if (run == null) {
            Family f = next();
            if (f == Family.INDEPENDENT || f == Family.MARKOV) {
                rows.add(counting(f));
                return rows.size();
            }
            if (!nd4j) {
                rows.add(notTrained(f));
                return rows.size();
            }
            run = new Run(f, build(f));
        }
        return run.advance();
    }

    /** Every family has its row: playing has nothing left to do. */
    @Override
    public boolean finished() {
        return data != null && next() == null;
    }

    /** The family in progress or the one the next step starts; null when all are done (or there are no images yet). */
    Family next() {
        if (run != null) {
            return run.family;
        }
        return data == null || rows.size() == Family.values().length ? null : Family.values()[rows.size()];
    }

    private SplittableRandom rng(Family f) {
        return new SplittableRandom(seed * 1_000_003L + f.ordinal());
    }

    private Row notTrained(Family f) {
        return new Row(f, Kind.NOT_TRAINED, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, -1, 0,
                List.of("families.detail.noNd4j"), List.of(), SIDE, Quality.none());
    }

    // ---------------------------------------------------------------- the counting models

    private Row counting(Family f) {
        boolean markov = f == Family.MARKOV;
        // the fit itself, timed: a new model of the chosen kind fitted to the same training images
        long t0 = clock.getAsLong();
        BinaryImageModel fresh = markov ? HeldOut.markovModel(data.markovK()) : HeldOut.independentModel();
        fresh.fit(data.train());
        double fitSeconds = (clock.getAsLong() - t0) / 1e9;
        BinaryImageModel m = markov ? data.markov() : data.independent();
        double nll = markov ? data.markovNll() : data.independentNll();
        BinaryImages eval = data.eval();
        double[] lp = new double[eval.count()];
        for (int i = 0; i < lp.length; i++) {
            lp[i] = m.logProb(eval.image(i));
        }
        double[] ms = HeldOut.meanAndSe(lp);
        SplittableRandom r = rng(f);
        byte[] one = new byte[D];
        double sampleMs = medianMs(() -> m.sample(r, one));
        List<float[]> grid = new ArrayList<>();
        for (int i = 0; i < GRID; i++) {
            byte[] x = new byte[D];
            m.sample(r, x);
            grid.add(floats(x, 0, D));
        }
        List<String> detail = markov ? List.of("families.detail.markov", Integer.toString(data.markovK()))
                : List.of("families.detail.independent");
        QualityKind q = markov ? QualityKind.SETS_TARGET : nll <= target() ? QualityKind.FIT : QualityKind.NEVER;
        Quality quality = new Quality(q, fitSeconds, nll, 0, -1, new double[0], new double[0]);
        // the mean is the baseline lesson 5 reports (nll); the per-image values give its standard error
        return new Row(f, Kind.EXACT, nll, ms[1], lp.length, Double.NaN, 0, 0, sampleMs, DRAWS,
                m.parameterCount().longValueExact(), -1, 0, detail, grid, SIDE, quality);
    }

    // ---------------------------------------------------------------- the networks

    /** What the comparison asks of a network: its lesson's training step, read-outs and sampler. */
    interface Network {
        /** One optimiser step with its lesson's recipe; the training objective (NaN when it diverged). */
        double trainStep();

        long steps();

        /** The value the stated quality is judged on, now; null criterion: never called. */
        double quality();

        /** The stated quality: the target and which side of it is good; null when there is none. */
        Criterion criterion();

        /** The row's numbers from its lesson's read-out (samples, time and quality are added by the lab). */
        Measured measure();

        /** One image from its own sampler (timed). */
        void drawOne(SplittableRandom r);

        /** n images in [0, 1] for the grid. */
        List<float[]> grid(int n, SplittableRandom r);

        Object save();

        void restore(Object state);

        boolean healthy();

        void close();
    }

    /** A target and whether higher values are better (the GAN's classes covered) or lower (an NLL). */
    record Criterion(double target, boolean higherIsBetter) {
        boolean met(double v) {
            return higherIsBetter ? v >= target : v <= target;
        }

        boolean better(double v, double than) {
            return Double.isNaN(than) || (higherIsBetter ? v > than : v < than);
        }
    }

    /** A row's numbers from its lesson's read-out. */
    record Measured(Kind kind, double nll, double se, int images, double estimate, int estimateImages, int estimateK,
                    long params, long generatorParams, int latent, List<String> detail, int side) {
    }

    /** Builds a family's network: {@link #network} unless a test put fakes in its place. */
    private Network build(Family f) {
        Network n = networks.apply(f);
        openNetworks++;
        return n;
    }

    /** The network a family trains here, with its own lesson's recipe. */
    Network network(Family f) {
        return switch (f) {
            case NADE -> new ArNetwork("nade");
            case PIXELCNN -> new ArNetwork("pixelcnn");
            case FLOW -> new FlowNetwork();
            case VAE -> new VaeNetwork();
            case GAN -> new GanNetwork();
            default -> throw new IllegalArgumentException(f + " is no network");
        };
    }

    /** NADE or PixelCNN with lesson 5's default knobs, from scratch, on lesson 5's training images. */
    private final class ArNetwork implements Network {
        private final ScratchTraining training;
        private long evalSteps = -1;
        private double[] eval;

        ArNetwork(String model) {
            training = new ScratchTraining(ScratchTraining.lessonDefaults(model, source), data.train());
        }

        @Override
        public double trainStep() {
            return training.step();
        }

        @Override
        public long steps() {
            return training.steps();
        }

        /** Lesson 5's held-out read-out, computed once per step count. */
        private double[] heldOut() {
            if (evalSteps != training.steps() || eval == null) {
                eval = training.heldOut(data.eval());
                evalSteps = training.steps();
            }
            return eval;
        }

        @Override
        public double quality() {
            return heldOut()[0];
        }

        @Override
        public Criterion criterion() {
            return new Criterion(target(), false);
        }

        @Override
        public Measured measure() {
            double[] ms = heldOut();
            AutoregressiveModel net = training.model();
            List<String> detail = net instanceof Nade nade
                    ? List.of("families.detail.nade", Integer.toString(nade.hidden()))
                    : net instanceof PixelCnn cnn
                    ? List.of("families.detail.pixelcnn", Integer.toString(cnn.channels()), Integer.toString(cnn.layers()))
                    : List.of();
            return new Measured(Kind.EXACT, ms[0], ms[1], data.eval().count(), Double.NaN, 0, 0, net.numParams(), -1,
                    0, detail, SIDE);
        }

        @Override
        public void drawOne(SplittableRandom r) {
            drawAll(training.model().complete(new byte[D], 1, 0, r));
        }

        @Override
        public List<float[]> grid(int n, SplittableRandom r) {
            byte[] bits = drawAll(training.model().complete(new byte[n * D], n, 0, r));
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(floats(bits, i * D, D));
            }
            return out;
        }

        @Override
        public Object save() {
            return training.save();
        }

        @Override
        public void restore(Object state) {
            training.restore(state);
            eval = null;
        }

        @Override
        public boolean healthy() {
            return training.model().isFinite();
        }

        @Override
        public void close() {
            training.close();
        }

        AutoregressiveModel model() {
            return training.model();
        }
    }

    /** Lesson 6's dequantisation flow with its default seed, on its own 8 × 8 digits. */
    private final class FlowNetwork implements Network {
        private final DequantLab lab = new DequantLab(true, FlowParams.SEED.defaultValue());

        @Override
        public double trainStep() {
            return lab.step();
        }

        @Override
        public long steps() {
            return lab.steps();
        }

        @Override
        public double quality() {
            return lab.view(false).bitsPerDim();
        }

        @Override
        public Criterion criterion() {
            return new Criterion(FLOW_TARGET_BITS, false);
        }

        @Override
        public Measured measure() {
            DequantLab.View v = lab.view(false);
            return new Measured(Kind.OTHER_DATA, v.discreteBound(), Double.NaN, DequantLab.TEST, v.bitsPerDim(), 0, 0,
                    lab.flow().numParams(), -1, DequantLab.DIMS,
                    List.of("families.detail.flow", Integer.toString(lab.flow().couplings()),
                            Integer.toString(DequantLab.SIDE), Integer.toString(DequantLab.LEVELS)),
                    DequantLab.SIDE);
        }

        @Override
        public void drawOne(SplittableRandom r) {
            Dequantization.levelsOf(lab.flow().sample(1, r)[0], DequantLab.LEVELS);
        }

        @Override
        public List<float[]> grid(int n, SplittableRandom r) {
            float[][] s = lab.view(false).samples();
            return Arrays.asList(Arrays.copyOf(s, Math.min(n, s.length)));
        }

        @Override
        public Object save() {
            return lab.save();
        }

        @Override
        public void restore(Object state) {
            lab.restore((DequantLab.Saved) state);
        }

        @Override
        public boolean healthy() {
            return lab.health().isEmpty();
        }

        @Override
        public void close() {
            // plain Java: nothing outside the heap
        }

        DequantLab lab() {
            return lab;
        }
    }

    /** Lesson 7's VAE from scratch with its default knobs, on its training images. */
    private final class VaeNetwork implements Network {
        private final ElboParams params = ElboLab.scratchDefaults(source);
        private final ElboLab.Images images = ElboLab.images(source, params.likelihood());
        private final Vae vae = new Vae(ElboLab.vaeConfig(params, false));
        private final SplittableRandom rng = new SplittableRandom(params.seed());
        private final float[] batch = ElboLab.batchBuffer();
        private long steps;

        @Override
        public double trainStep() {
            StepStats s = ElboLab.trainStep(vae, params, steps, images.train(), images.trainCount(), batch, rng);
            steps++;
            return -s.elbo();
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public double quality() {
            return -ElboLab.heldOutStats(vae, images.test(), images.testCount()).elbo();
        }

        @Override
        public Criterion criterion() {
            return new Criterion(target(), false);
        }

        @Override
        public Measured measure() {
            StepStats s = ElboLab.heldOutStats(vae, images.test(), images.testCount());
            double logPx = ElboLab.heldOutLogPx(vae, images.test(), images.testCount());
            int evalN = Math.min(ElboLab.EVAL_IMAGES, images.testCount());
            int iwN = Math.min(ElboLab.IW_IMAGES, images.testCount());
            return new Measured(Kind.BOUND, -s.elbo(), Double.NaN, evalN, -logPx, iwN, ElboLab.IW_K, vae.numParams(),
                    -1, vae.config().latent(), List.of("families.detail.vae", Integer.toString(vae.config().hidden())),
                    SIDE);
        }

        @Override
        public void drawOne(SplittableRandom r) {
            vae.sample(1, r.nextLong());
        }

        @Override
        public List<float[]> grid(int n, SplittableRandom r) {
            float[] px = vae.sample(n, r.nextLong());
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(Arrays.copyOfRange(px, i * D, (i + 1) * D));
            }
            return out;
        }

        private record Saved(float[] params, long steps) {
        }

        @Override
        public Object save() {
            return new Saved(vae.parameters(), steps);
        }

        @Override
        public void restore(Object state) {
            Saved s = (Saved) state;
            vae.setParameters(s.params());
            vae.resetOptimizer(); // the moments of a diverged run may hold NaN
            steps = s.steps();
        }

        @Override
        public boolean healthy() {
            return vae.isFinite();
        }

        @Override
        public void close() {
            vae.close();
        }

        Vae vae() {
            return vae;
        }

        ElboLab.Images images() {
            return images;
        }
    }

    /** Lesson 8's image GAN from scratch (its image panel's default loss and rate), trained by its own lab. */
    private final class GanNetwork implements Network {
        private final ImageLab lab = new ImageLab();
        private final ImageParams params = ImageLab.scratchDefaults(source);

        GanNetwork() {
            lab.reset(params);
        }

        @Override
        public double trainStep() {
            return lab.step(params);
        }

        @Override
        public long steps() {
            return lab.steps();
        }

        @Override
        public double quality() {
            NearestCentroidClassifier.Coverage c = lab.coverageNow();
            return c == null ? Double.NaN : c.covered();
        }

        @Override
        public Criterion criterion() {
            return lab.classes() >= 2 ? new Criterion(lab.classes(), true) : null;
        }

        @Override
        public Measured measure() {
            ImageGan gan = lab.gan();
            return new Measured(Kind.NONE, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, gan.numParams(),
                    gan.generatorParams(), gan.config().noiseDim(),
                    List.of("families.detail.gan", Integer.toString(gan.config().generatorHidden())), SIDE);
        }

        @Override
        public void drawOne(SplittableRandom r) {
            lab.gan().sample(1, null, r);
        }

        @Override
        public List<float[]> grid(int n, SplittableRandom r) {
            float[] px = lab.gan().sample(n, null, r);
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(Arrays.copyOfRange(px, i * D, (i + 1) * D));
            }
            return out;
        }

        @Override
        public Object save() {
            return lab.saveState();
        }

        @Override
        public void restore(Object state) {
            lab.restoreState(state);
        }

        @Override
        public boolean healthy() {
            return lab.isHealthy();
        }

        @Override
        public void close() {
            lab.close();
        }

        ImageLab lab() {
            return lab;
        }
    }

    // ---------------------------------------------------------------- a network's run, slice by slice

    /** Where a network's run is. */
    enum Phase { TRAIN, EVAL, FINAL, SAMPLE, GRID }

    /** The bookkeeping of a run: training time, evaluations, the first that met the target. */
    private record RunState(Object net, long trainedNs, long lastEvalNs, double[] evalNs, double[] evalValues,
                            long reachedNs, long reachedStep, double best, double latest, Phase phase, long[] drawNs,
                            int draws, Measured measured) {
    }

    /** One network from its first training step to its finished row. */
    final class Run {
        final Family family;
        final Network net;
        final Criterion criterion;
        long trainedNs;
        /** Training time at the last evaluation; −1 before the first. */
        long lastEvalNs = -1;
        final List<double[]> evals = new ArrayList<>();
        long reachedNs = -1;
        long reachedStep = -1;
        double best = Double.NaN;
        double latest = Double.NaN;
        Phase phase = Phase.TRAIN;
        long[] drawNs = new long[DRAWS];
        int draws;
        Measured measured;
        SplittableRandom sampler;

        Run(Family family, Network net) {
            this.family = family;
            this.net = net;
            this.criterion = net.criterion();
            this.sampler = rng(family);
        }

        boolean trainingDone() {
            return stepBudget > 0 ? net.steps() >= stepBudget : trainedNs >= budgetNs;
        }

        boolean evalDue() {
            return criterion != null && trainedNs - Math.max(0, lastEvalNs) >= EVAL_EVERY_MS * 1_000_000L
                    && lastEvalNs != trainedNs;
        }

        /** One slice of this run; the step's objective for the divergence guard. */
        double advance() {
            switch (phase) {
                case TRAIN -> {
                    double loss = rows.size();
                    long sliceStart = clock.getAsLong();
                    while (!trainingDone() && !evalDue()) {
                        AutoregressiveModel.stopIfInterrupted();
                        long t0 = clock.getAsLong();
                        loss = net.trainStep();
                        long t1 = clock.getAsLong();
                        trainedNs += t1 - t0;
                        if (!Double.isFinite(loss) || t1 - sliceStart >= SLICE_MS * 1_000_000L) {
                            break;
                        }
                    }
                    phase = trainingDone() ? Phase.FINAL : evalDue() ? Phase.EVAL : Phase.TRAIN;
                    return loss;
                }
                case EVAL -> {
                    double v = evaluate();
                    phase = trainingDone() ? Phase.FINAL : Phase.TRAIN;
                    return v;
                }
                case FINAL -> {
                    // the read-out at the end of the budget; an evaluation there unless the last one was
                    if (criterion != null && lastEvalNs != trainedNs) {
                        evaluate();
                    }
                    measured = net.measure();
                    phase = Phase.SAMPLE;
                    return measured.kind() == Kind.NONE ? rows.size() : measured.nll();
                }
                case SAMPLE -> {
                    // one untimed draw (the first call of a network pays for its buffers), then DRAWS timed ones
                    long sliceStart = clock.getAsLong();
                    while (draws <= DRAWS && clock.getAsLong() - sliceStart < SLICE_MS * 1_000_000L) {
                        AutoregressiveModel.stopIfInterrupted();
                        long t0 = clock.getAsLong();
                        net.drawOne(sampler);
                        long t1 = clock.getAsLong();
                        if (draws > 0) {
                            drawNs[draws - 1] = t1 - t0;
                        }
                        draws++;
                    }
                    if (draws > DRAWS) {
                        phase = Phase.GRID;
                    }
                    return rows.size();
                }
                case GRID -> {
                    List<float[]> grid = net.grid(GRID, sampler);
                    AutoregressiveModel.stopIfInterrupted();
                    rows.add(row(grid));
                    closeRun();
                    return rows.size();
                }
                default -> throw new IllegalStateException(phase.toString());
            }
        }

        /** One evaluation of the stated quality, recorded at the training time so far. */
        double evaluate() {
            double v = net.quality();
            lastEvalNs = trainedNs;
            evals.add(new double[] {trainedNs, v});
            latest = v;
            if (Double.isFinite(v) && criterion.better(v, best)) {
                best = v;
            }
            if (reachedNs < 0 && Double.isFinite(v) && criterion.met(v)) {
                reachedNs = trainedNs;
                reachedStep = net.steps();
            }
            return v;
        }

        Quality quality() {
            double[] es = evals.stream().mapToDouble(e -> e[0] / 1e9).toArray();
            double[] ev = evals.stream().mapToDouble(e -> e[1]).toArray();
            if (criterion == null) {
                return new Quality(QualityKind.NO_CRITERION, Double.NaN, Double.NaN, net.steps(), -1, es, ev);
            }
            return reachedNs >= 0
                    ? new Quality(QualityKind.REACHED, reachedNs / 1e9, best, net.steps(), reachedStep, es, ev)
                    : new Quality(QualityKind.NOT_REACHED, trainedNs / 1e9, best, net.steps(), -1, es, ev);
        }

        Row row(List<float[]> grid) {
            long[] t = drawNs.clone();
            Arrays.sort(t);
            Measured m = measured;
            return new Row(family, m.kind(), m.nll(), m.se(), m.images(), m.estimate(), m.estimateImages(),
                    m.estimateK(), t[DRAWS / 2] / 1e6, DRAWS, m.params(), m.generatorParams(), m.latent(), m.detail(),
                    grid, m.side(), quality());
        }

        Progress progress() {
            String p = switch (phase) {
                case TRAIN, EVAL -> "training";
                case FINAL -> "evaluating";
                case SAMPLE, GRID -> "sampling";
            };
            return new Progress(family, p, trainedNs / 1e9, stepBudget > 0 ? Double.NaN : budgetSeconds,
                    net.steps(), latest, reachedNs < 0 ? Double.NaN : reachedNs / 1e9);
        }

        RunState state() {
            return new RunState(net.save(), trainedNs, lastEvalNs, evals.stream().mapToDouble(e -> e[0]).toArray(),
                    evals.stream().mapToDouble(e -> e[1]).toArray(), reachedNs, reachedStep, best, latest, phase,
                    drawNs.clone(), draws, measured);
        }

        void restore(RunState s) {
            net.restore(s.net());
            trainedNs = s.trainedNs();
            lastEvalNs = s.lastEvalNs();
            evals.clear();
            for (int i = 0; i < s.evalNs().length; i++) {
                evals.add(new double[] {s.evalNs()[i], s.evalValues()[i]});
            }
            reachedNs = s.reachedNs();
            reachedStep = s.reachedStep();
            best = s.best();
            latest = s.latest();
            phase = s.phase();
            drawNs = s.drawNs().clone();
            draws = s.draws();
            measured = s.measured();
            // the samples drawn after the save are drawn again from a generator in the state they had at the save
            sampler = rng(family);
            for (int i = 0; i < draws; i++) {
                net.drawOne(sampler);
            }
        }
    }

    /** Closes the network in progress, if any, and forgets it. */
    private void closeRun() {
        if (run != null) {
            Run r = run;
            run = null;
            r.net.close();
            openNetworks--;
        }
    }

    /** Draws every pixel, a few at a time, so that leaving the scene (an interrupt) is not kept waiting. */
    private static byte[] drawAll(AutoregressiveModel.Completion c) {
        while (!c.done()) {
            AutoregressiveModel.stopIfInterrupted();
            c.advance(16);
        }
        return c.images();
    }

    /**
     * The median of {@value #DRAWS} timed runs, in milliseconds, after one untimed run: the first call also pays for
     * buffers (and the JIT), which is not the time of a sample. For the counting models, microseconds each.
     */
    private double medianMs(Runnable draw) {
        draw.run();
        long[] t = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            long t0 = clock.getAsLong();
            draw.run();
            t[i] = clock.getAsLong() - t0;
        }
        Arrays.sort(t);
        return t[DRAWS / 2] / 1e6;
    }

    private static float[] floats(byte[] bits, int from, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = bits[from + i];
        }
        return out;
    }

    // ---------------------------------------------------------------- LiveModel

    @Override
    public boolean needsReset(FamiliesParams before, FamiliesParams after) {
        return before.images() != after.images() || before.seed() != after.seed()
                || before.budgetSeconds() != after.budgetSeconds();
    }

    /** The divergence guard's state: the rows, the step count and the network in progress with its bookkeeping. */
    private record State(List<Row> rows, long slices, Family running, RunState run) {
    }

    @Override
    public Object saveState() {
        return new State(List.copyOf(rows), slices, run == null ? null : run.family, run == null ? null : run.state());
    }

    @Override
    public void restoreState(Object state) {
        if (!(state instanceof State s)) {
            return;
        }
        rows.clear();
        rows.addAll(s.rows());
        slices = s.slices();
        if (s.running() == null) {
            closeRun();
            return;
        }
        if (run == null || run.family != s.running()) {
            closeRun();
            run = new Run(s.running(), build(s.running()));
        }
        run.restore(s.run());
    }

    @Override
    public boolean isHealthy() {
        return run == null || run.net.healthy();
    }

    @Override
    public void close() {
        closeRun();
    }

    @Override
    public FamiliesSnapshot snapshot(FamiliesParams p) {
        return new FamiliesSnapshot(rows, next(), run == null ? null : run.progress(), notes,
                data == null ? 0 : data.train().count(), data == null ? 0 : data.eval().count(), target(),
                budgetSeconds, classes);
    }

    @Override
    public long steps() {
        return slices;
    }

    // ---------------------------------------------------------------- tests

    /** The loaded images (tests). */
    HeldOut data() {
        return data;
    }

    /** Networks built and not yet closed (tests: leaving the scene must close them). */
    int openNetworks() {
        return openNetworks;
    }

    /** The run in progress (tests). */
    Run run() {
        return run;
    }

    /** The trained NADE or PixelCNN of the run in progress (tests), else null. */
    AutoregressiveModel runModel() {
        return run != null && run.net instanceof ArNetwork a ? a.model() : null;
    }

    /** The run's VAE and its images (tests), else null. */
    Vae runVae() {
        return run != null && run.net instanceof VaeNetwork v ? v.vae() : null;
    }

    ElboLab.Images runVaeImages() {
        return run != null && run.net instanceof VaeNetwork v ? v.images() : null;
    }

    DequantLab runFlow() {
        return run != null && run.net instanceof FlowNetwork f ? f.lab() : null;
    }

    ImageLab runGan() {
        return run != null && run.net instanceof GanNetwork g ? g.lab() : null;
    }
}
