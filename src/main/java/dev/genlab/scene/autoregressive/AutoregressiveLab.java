package dev.genlab.scene.autoregressive;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.ImageDataset;
import dev.genlab.live.DoubleList;
import dev.genlab.live.LiveModel;
import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.autoregressive.AutoregressiveModel.Completion;
import dev.genlab.model.autoregressive.Fvsbn;
import dev.genlab.model.autoregressive.Made;
import dev.genlab.model.autoregressive.MaskedMlp;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.autoregressive.PixelCnn;
import dev.genlab.model.autoregressive.ReceptiveFields;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.nn.Adam;
import dev.genlab.model.nn.Nd4jReady;
import dev.genlab.scene.counting.CountingModel;

/**
 * The model side of the neural autoregressive scene: trains NADE or a PixelCNN with Adam on
 * binarised 28 × 28 images and measures it against the counting baselines of the lessons before
 * (independent pixels, the best Markov chain), on the same held-out images.
 *
 * <p>A step is one Adam step on a batch (in the "sample" view: one pixel of the pixel-by-pixel
 * sample). Everything that samples runs as the trainer's own job ({@link #work}), a slice of
 * sequential passes at a time, on frozen copies of the network: the grid of samples (redrawn a
 * few seconds after the last one while training, and timed), the completions that estimate every
 * remaining pixel's probability given the drawn part, and inpainting. A copy is frozen when its
 * job starts, so every result belongs to one network, whose step the snapshot names.
 */
public final class AutoregressiveLab implements LiveModel<AutoregressiveParams, AutoregressiveSnapshot> {

    static final int SIDE = AutoregressiveParams.SIDE;
    /** Held-out images split off the data set, at most. */
    static final int TEST_IMAGES = 2000;
    /** Held-out images the live test NLL (and the baselines) are measured on. */
    static final int EVAL_IMAGES = 500;
    /** Steps between two held-out evaluations. */
    static final int EVAL_EVERY = 25;
    static final int GRID = 16;
    static final int ESTIMATES = 32;
    static final int COMPLETIONS = 8;
    /** A new grid of samples this long after the last one finished, while training. */
    static final long GRID_PERIOD_NS = 3_000_000_000L;
    /** Longest slice of a job between two checks of the trainer's queue. */
    static final long SLICE_NS = 12_000_000L;
    /** Parameters are saved for the divergence guard every this many steps. */
    static final int SAVE_EVERY = 20;
    /** Additive smoothing of the counting baselines (lesson 4's default). */
    static final double BASELINE_ALPHA = 0.5;
    static final double THRESHOLD = 0.5;

    /** A pixel-by-pixel job on a frozen network. */
    private static final class Job {
        final Completion completion;
        final long atStep;
        final int fromStep;
        long computeNs;

        Job(Completion completion, long atStep, int fromStep) {
            this.completion = completion;
            this.atStep = atStep;
            this.fromStep = fromStep;
        }

        double progress() {
            int total = SIDE * SIDE - fromStep;
            return total <= 0 ? 1 : (completion.step() - fromStep) / (double) total;
        }
    }

    private final ModelFactory factory;

    private AutoregressiveParams dataKey;
    private BinaryImages train;
    private BinaryImages eval;
    private double independentNll = Double.NaN;
    private double markovNll = Double.NaN;
    private int markovK = -1;
    /** What the note above the chart says: message keys separated by spaces (data notes, then the model's). */
    private String message = "";
    /** Notes about the images (resampled, nothing held out), kept while the data stay the same. */
    private String dataNotes = "";

    private AutoregressiveParams modelKey;
    private ModelFactory.Arch arch;
    private AutoregressiveModel model;
    private int checkpointImages = -1;
    private Adam adam;
    private long steps;
    private long stepsThisRun;
    private long examples;
    /** The last good state the guard returns to: weights and the step they belong to, taken together. */
    private Saved saved;

    private record Saved(double[] params, long steps, long examples) {
    }
    private BatchOrder batches = new BatchOrder(0);
    private final DoubleList trainX = new DoubleList();
    private final DoubleList trainY = new DoubleList();
    private final DoubleList testX = new DoubleList();
    private final DoubleList testY = new DoubleList();
    /** The previous run's name, made in the language of the moment: a language change renames its curve. */
    private java.util.function.Supplier<String> previousLabel = () -> "";
    /** The previous run's parameters (free ones for the masked models); 0 when there is none. */
    private long previousParams;
    private double[] previousX = new double[0];
    private double[] previousY = new double[0];
    private final long[] batchNs = new long[25];
    private int batchCount;
    private int batchSize;
    /** Time a training step as soon as a network is there, so that the read-out has it before any step. */
    private boolean timeOnEntry;
    /** Batch size to time it with; 0 until the scene asks. */
    private int timedBatch;
    private boolean timingPending;

    private AutoregressiveModel gridModel;
    private Job gridJob;
    private long gridDoneAt;
    private long lastTrainAt;
    private byte[] samples = new byte[0];
    private long samplesStep = -1;
    private double sampleMs = Double.NaN;

    private AutoregressiveModel viewModel;
    private long viewAt = -1;
    private SplittableRandom sampleRng = new SplittableRandom(2);
    private Job sampler;
    private double samplerNll;
    private Job estimateJob;
    private float[] estimates = new float[0];
    private int estimateStep = -1;
    private Job inpaintJob;
    private byte[] inpaintInput = new byte[0];
    private int inpaintKeep = -1;
    private boolean inpaintDirty = true;
    private byte[] completions = new byte[0];

    /** The figure of MADE's masks (null for the other models), computed once per network. */
    private MadeView madeView;
    private int fieldPixel = -1;
    private String fieldArch = "model";
    /** Sequential steps per layer of the field's architecture (−1: the model's own field). */
    private int fieldSteps = -1;
    private int fieldDepth = -1;
    private boolean[] field = new boolean[0];
    private boolean[] fullField = new boolean[0];

    /** The continuous panel's RNADE on 2-D points; it trains instead of the image model while that panel shows. */
    private final RnadeLab rnade = new RnadeLab();
    /** Whether the last step was the continuous panel's (the step count then is RNADE's). */
    private boolean continuousView;

    public AutoregressiveLab(ModelFactory factory) {
        this.factory = factory;
    }

    // ---------------------------------------------------------------- reset

    @Override
    public void reset(AutoregressiveParams p) {
        rnade.clear();
        // the previous run stays on the chart for comparison only on the same images
        boolean sameImages = dataKey != null && p.images() != null && dataKey.images() != null
                && dataKey.images().fingerprint() == p.images().fingerprint();
        if (!sameImages) {
            previousLabel = () -> "";
            previousParams = 0;
            previousX = new double[0];
            previousY = new double[0];
        } else if (model != null && testX.size() > 1) {
            previousParams = model instanceof MaskedMlp masked ? masked.numFreeParams() : model.numParams();
            ModelFactory.Arch before = arch;
            boolean fromCheckpoint = checkpointImages >= 0;
            previousLabel = () -> before.describe()
                    + (fromCheckpoint ? dev.genlab.i18n.I18n.get("ar.arch.fromCheckpoint") : "");
            previousX = testX.toArray();
            previousY = testY.toArray();
        }
        cancelJobs();
        boolean nd4j = Nd4jReady.await().ok();
        if (p.images() == null || !nd4j) {
            message = nd4j ? "ar.note.noImages" : "ar.note.noNd4j";
            dataNotes = "";
            dataKey = modelKey = null;
            train = eval = null;
            dropModels();
            clearCurves();
            return;
        }
        if (dataKey == null || !p.sameData(dataKey)) {
            loadData(p);
            dataKey = p;
        }
        message = dataNotes;
        buildModel(p);
        modelKey = p;
        clearCurves();
        evaluate();
        batches = new BatchOrder(p.seed());
        sampleRng = new SplittableRandom(p.seed() * 104_729L + 3);
        inpaintInput = eval.image(0);
        inpaintDirty = true;
        completions = new byte[0];
        samples = new byte[0];
        samplesStep = -1;
        sampleMs = Double.NaN;
        gridDoneAt = 0;
        startGrid();
        saved = new Saved(model.saveParams(), steps, examples);
        timingPending = timeOnEntry;
    }

    /**
     * Asks for the timings before the student takes a step (the scene sends it when a panel opens):
     * one training step is timed now, as a job, and again after every new network; the grid of samples
     * started with the network is timed as it is drawn. On the trainer thread.
     */
    public void measureTimings(int batch) {
        timeOnEntry = true;
        timedBatch = batch;
        timingPending = batchCount == 0;
    }

    /**
     * Times one training step (forward, backward, Adam) on a batch of its own and undoes it: the
     * network, the optimiser (fresh until the first real step) and the batch order stay as they were.
     */
    private void timeOneStep() {
        timingPending = false;
        if (model == null || batchCount > 0) {
            return;
        }
        int n = train.count();
        SplittableRandom r = new SplittableRandom(steps * 31 + 7);
        int[] batch = new int[Math.min(Math.max(1, timedBatch), n)];
        for (int k = 0; k < batch.length; k++) {
            batch[k] = r.nextInt(n);
        }
        double[] before = model.saveParams();
        long ns = 0;
        // twice: the first call of a new network also pays for its buffers; the second is a step as training takes it
        for (int run = 0; run < 2; run++) {
            long t0 = System.nanoTime();
            model.lossAndGradients(train, batch);
            adam.step(model.params(), model.gradients());
            ns = System.nanoTime() - t0;
            model.loadParams(before);
            adam.reset();
        }
        batchNs[batchCount++ % batchNs.length] = ns;
        batchSize = batch.length;
    }

    private void clearCurves() {
        trainX.clear();
        trainY.clear();
        testX.clear();
        testY.clear();
        batchCount = 0;
        field = new boolean[0];
        fieldPixel = -1;
    }

    /** Training and held-out images of a data set, binarised as every image lesson does. */
    record Split(BinaryImages train, BinaryImages test) {
    }

    /**
     * The first {@code trainImages} images (at most four fifths of the set) for training and the
     * last ones (at most {@link #TEST_IMAGES}, a fifth of the set) held out: taken from the end,
     * so that however many images the knob trains on, the held-out ones are the same and the
     * shipped checkpoints (trained on the images before them) never saw them.
     */
    static Split split(ImageDataset images, int trainImages) {
        int n = images.size();
        int testCount = Math.min(TEST_IMAGES, n / 5);
        int trainCount = Math.max(1, Math.min(trainImages, n - testCount));
        BinaryImages train = CountingModel.binarise(images, SIDE, THRESHOLD, trainCount);
        BinaryImages test = testCount == 0 ? null
                : CountingModel.binarise(images.subset(n - testCount, n), SIDE, THRESHOLD, testCount);
        return new Split(train, test);
    }

    private void loadData(AutoregressiveParams p) {
        HeldOut h = HeldOut.load(p.images(), p.trainImages());
        train = h.train();
        eval = h.eval();
        dataNotes = h.notes();
        independentNll = h.independentNll();
        markovNll = h.markovNll();
        markovK = h.markovK();
    }

    private void buildModel(AutoregressiveParams p) {
        checkpointImages = -1;
        steps = 0;
        examples = 0;
        stepsThisRun = 0;
        dropModels();
        if (p.fromCheckpoint()) {
            ModelFactory.Loaded loaded = factory.checkpoint(p.model(), DataType.FLOAT);
            if (loaded != null && !loaded.trainedOn(p.images())) {
                // a network trained on other images scores these badly: never shown as if it had learned them
                message = note("ar.note.checkpointOtherImages");
                arch = archOf(p);
                model = factory.create(arch, p.seed(), DataType.FLOAT);
                initOutputBias();
            } else if (loaded != null) {
                model = loaded.model();
                arch = loaded.arch();
                checkpointImages = loaded.trainImages();
                steps = loaded.steps();
                examples = loaded.examples();
            } else {
                message = note("ar.note.noCheckpoint");
                arch = archOf(p);
                model = factory.create(arch, p.seed(), DataType.FLOAT);
            }
        } else {
            arch = archOf(p);
            model = factory.create(arch, p.seed(), DataType.FLOAT);
            initOutputBias();
        }
        adam = new Adam(model.numParams(), DataType.FLOAT, p.learningRate());
        madeView = model instanceof Made made ? MadeView.of(made.masks()) : null;
        gridModel = factory.create(arch, p.seed(), DataType.FLOAT);
        viewModel = factory.create(arch, p.seed(), DataType.FLOAT);
        viewAt = -1;
    }

    /** NADE's b or MADE's and FVSBN's output biases from the pixel frequencies, as Larochelle and Murray start: the first steps need not learn them. */
    private void initOutputBias() {
        initOutputBias(model, train);
    }

    /** The output biases of a new network from the training images' pixel frequencies (lesson 5's start). */
    static void initOutputBias(AutoregressiveModel model, BinaryImages train) {
        if (model instanceof Nade nade) {
            nade.initOutputBiasFromMarginals(train, BASELINE_ALPHA);
        } else if (model instanceof MaskedMlp masked) {
            masked.initOutputBiasFromMarginals(train, BASELINE_ALPHA);
        }
    }

    /** One training step of lesson 5: forward and backward on the batch, then one Adam step; the batch's mean NLL. */
    static double trainStep(AutoregressiveModel model, Adam adam, BinaryImages train, int[] batch) {
        double loss = model.lossAndGradients(train, batch);
        adam.step(model.params(), model.gradients());
        return loss;
    }

    /** Lesson 5's held-out read-out: mean −ln p(x) over the eval images and its standard error. */
    public static double[] heldOutNll(AutoregressiveModel model, BinaryImages eval) {
        return HeldOut.meanAndSe(model.logProb(eval));
    }

    /** The data notes followed by one about the model. */
    private String note(String key) {
        return (dataNotes + " " + key).strip();
    }

    static ModelFactory.Arch archOf(AutoregressiveParams p) {
        return p.isNade() ? new ModelFactory.Arch("nade", p.hidden(), 1, p.ordering(), p.seed())
                : p.isMade() ? new ModelFactory.Arch(Made.ID, p.hidden(), 1, "raster", 0)
                : p.model().equals(Fvsbn.ID) ? new ModelFactory.Arch(Fvsbn.ID, 0, 1, "raster", 0)
                : new ModelFactory.Arch("pixelcnn", p.channels(), p.layers(), "raster", 0);
    }

    @Override
    public boolean needsReset(AutoregressiveParams before, AutoregressiveParams after) {
        return before.images() != after.images() || after.images() != null && !after.sameModel(before);
    }

    // ---------------------------------------------------------------- steps

    @Override
    public double step(AutoregressiveParams p) {
        continuousView = p.view() == AutoregressiveParams.Panel.CONTINUOUS;
        if (continuousView) {
            rnade.sync(p);
            return rnade.step(p);
        }
        if (model == null) {
            return 0;
        }
        if (p.view() == AutoregressiveParams.Panel.SAMPLE) {
            return samplePixel(p);
        }
        adam.setLearningRate(p.learningRate()); // a new rate keeps Adam's moments: training carries on
        int[] batch = nextBatch(p.batch());
        long t0 = System.nanoTime();
        boolean slow = t0 - lastTrainAt > 250_000_000L; // Step pressed by hand, or a slow speed
        double loss = trainStep(model, adam, train, batch);
        batchNs[batchCount++ % batchNs.length] = System.nanoTime() - t0;
        lastTrainAt = System.nanoTime();
        batchSize = batch.length;
        steps++;
        stepsThisRun++;
        examples += batch.length;
        trainX.add(steps);
        trainY.add(loss);
        if (stepsThisRun % EVAL_EVERY == 0) {
            evaluate();
        }
        // the loss was measured before the update: the weights after it must be finite too, or the guard would
        // return to this very step's blow-up
        if (stepsThisRun % SAVE_EVERY == 0 && Double.isFinite(loss) && model.isFinite()) {
            saved = new Saved(model.saveParams(), steps, examples);
        }
        if (gridJob == null && (slow || System.nanoTime() - gridDoneAt >= GRID_PERIOD_NS)) {
            startGrid();
        }
        return loss;
    }

    private int[] nextBatch(int size) {
        return batches.next(size, train.count());
    }

    /** Held-out −ln p(x) on the eval images, and its standard error over them (sd / √n). */
    private void evaluate() {
        double[] m = heldOutNll(model, eval);
        testSe = m[1];
        testX.add(steps);
        testY.add(m[0]);
    }

    private double testSe = Double.NaN;

    /** Draws one pixel of the pixel-by-pixel sample; a complete one is replaced by a new one. */
    private double samplePixel(AutoregressiveParams p) {
        syncViewModel();
        if (sampler == null || sampler.completion.done()) {
            newSampler();
        }
        float q = sampler.completion.nextConditionals()[0];
        int pixel = viewModel.ordering().order()[sampler.completion.step()];
        sampler.completion.advance(1);
        byte x = sampler.completion.images()[pixel];
        samplerNll -= Math.log(x == 1 ? q : 1 - q);
        if (estimateJob == null) {
            startEstimates();
        }
        return Double.isFinite(samplerNll) ? samplerNll : 0;
    }

    private void newSampler() {
        sampler = new Job(viewModel.complete(new byte[SIDE * SIDE], 1, 0, sampleRng.split()), viewAt, 0);
        samplerNll = 0;
        estimateJob = null;
        estimates = new float[0];
        estimateStep = -1;
    }

    /** Freezes the current network into the copy the view's jobs use, if it has trained since. */
    private void syncViewModel() {
        if (viewAt != steps) {
            viewModel.loadParams(model.saveParams());
            viewAt = steps;
            sampler = null;
            estimateJob = null;
            estimates = new float[0];
            estimateStep = -1;
            inpaintJob = null;
            inpaintDirty = true;
        }
    }

    private void startGrid() {
        gridModel.loadParams(model.saveParams());
        gridJob = new Job(gridModel.complete(new byte[GRID * SIDE * SIDE], GRID, 0, sampleRng.split()), steps, 0);
    }

    private void startEstimates() {
        byte[] one = sampler.completion.images();
        byte[] many = new byte[ESTIMATES * one.length];
        for (int i = 0; i < ESTIMATES; i++) {
            System.arraycopy(one, 0, many, i * one.length, one.length);
        }
        int from = sampler.completion.step();
        if (from >= one.length) {
            return;
        }
        estimateJob = new Job(viewModel.complete(many, ESTIMATES, from, sampleRng.split()), viewAt, from);
    }

    private void startInpaint(AutoregressiveParams p) {
        syncViewModel();
        int keep = Math.min(p.keepSteps(), SIDE * SIDE);
        byte[] many = new byte[COMPLETIONS * inpaintInput.length];
        for (int i = 0; i < COMPLETIONS; i++) {
            System.arraycopy(inpaintInput, 0, many, i * inpaintInput.length, inpaintInput.length);
        }
        inpaintJob = new Job(viewModel.complete(many, COMPLETIONS, keep, sampleRng.split()), viewAt, keep);
        inpaintKeep = keep;
        inpaintDirty = false;
    }

    /** Draws a new grid of samples if the network has trained since the last one (training paused); trainer thread. */
    public void refreshSamples() {
        if (model != null && gridJob == null && samplesStep != steps) {
            startGrid();
        }
    }

    /** A new image to inpaint (from the drawing canvas); on the trainer thread. */
    public void setInpaintInput(byte[] bits) {
        if (bits.length != SIDE * SIDE) {
            throw new IllegalArgumentException("an image of " + SIDE * SIDE + " bits, not " + bits.length);
        }
        inpaintInput = bits.clone();
        inpaintDirty = true;
    }

    /** Held-out image i (modulo their number), for the inpainting canvas; on the trainer thread. */
    public void useTestImage(int i) {
        if (eval != null) {
            setInpaintInput(eval.image(Math.floorMod(i, eval.count())));
        }
    }

    private void cancelJobs() {
        gridJob = null;
        sampler = null;
        estimateJob = null;
        inpaintJob = null;
        estimates = new float[0];
        estimateStep = -1;
        viewAt = -1;
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public boolean hasWork() {
        return gridJob != null || estimateJob != null || inpaintJob != null || timingPending && model != null;
    }

    @Override
    public void work(AutoregressiveParams p) {
        if (timingPending) {
            timeOneStep();
            return;
        }
        long end = System.nanoTime() + SLICE_NS;
        while (System.nanoTime() < end) {
            Job job = p.view() == AutoregressiveParams.Panel.SAMPLE && estimateJob != null ? estimateJob
                    : p.view() == AutoregressiveParams.Panel.INPAINT && inpaintJob != null ? inpaintJob
                    : gridJob != null ? gridJob : estimateJob != null ? estimateJob : inpaintJob;
            if (job == null) {
                return;
            }
            long t0 = System.nanoTime();
            job.completion.advance(1);
            job.computeNs += System.nanoTime() - t0;
            if (job.completion.done()) {
                finish(job, p);
            }
        }
    }

    private void finish(Job job, AutoregressiveParams p) {
        byte[] images = job.completion.images();
        if (job == gridJob) {
            samples = images;
            samplesStep = job.atStep;
            sampleMs = job.computeNs / 1e6;
            gridDoneAt = System.nanoTime();
            gridJob = null;
        } else if (job == estimateJob) {
            int n = SIDE * SIDE;
            float[] est = new float[n];
            Arrays.fill(est, Float.NaN);
            int[] order = viewModel.ordering().order();
            for (int t = job.fromStep; t < n; t++) {
                int q = order[t];
                int ones = 0;
                for (int i = 0; i < ESTIMATES; i++) {
                    ones += images[i * n + q];
                }
                est[q] = ones / (float) ESTIMATES;
            }
            estimates = est;
            estimateStep = job.fromStep;
            estimateJob = null;
            if (p.view() == AutoregressiveParams.Panel.SAMPLE && sampler != null && sampler.completion.step() != estimateStep
                    && !sampler.completion.done()) {
                startEstimates();
            }
        } else if (job == inpaintJob) {
            completions = images;
            inpaintJob = null;
        }
    }

    // ---------------------------------------------------------------- guard

    /** What the divergence guard keeps: the image network's last saved parameters and RNADE's. */
    private record State(Saved image, RnadeLab.Saved continuous) {
    }

    @Override
    public Object saveState() {
        return new State(saved, rnade.lastSaved());
    }

    @Override
    public void restoreState(Object state) {
        if (!(state instanceof State st)) {
            return;
        }
        rnade.restore(st.continuous());
        Saved s = st.image();
        if (model == null || s == null) {
            return;
        }
        // the step count of the state given, not of a checkpoint taken since (the weights are that state's)
        model.loadParams(s.params());
        steps = s.steps();
        examples = s.examples();
        saved = s;
        adam.reset(); // the moments of a diverged run may hold NaN
        cancelJobs();
        while (trainX.size() > 0 && trainX.last() > steps) {
            trainX.removeLast();
            trainY.removeLast();
        }
        while (testX.size() > 0 && testX.last() > steps) {
            testX.removeLast();
            testY.removeLast();
        }
    }

    @Override
    public boolean isHealthy() {
        return (model == null || model.isFinite()) && rnade.isHealthy();
    }

    @Override
    public long steps() {
        return continuousView ? rnade.adamSteps() : steps;
    }

    @Override
    public void playingChanged(boolean playing) {
        rnade.playingChanged(playing);
    }

    // ---------------------------------------------------------------- snapshot

    @Override
    public AutoregressiveSnapshot snapshot(AutoregressiveParams p) {
        RnadeView continuous = null;
        if (p.view() == AutoregressiveParams.Panel.CONTINUOUS) {
            rnade.sync(p);
            continuous = rnade.view(p);
        }
        if (model == null) {
            return new AutoregressiveSnapshot(0, p.model(), "", 0, -1, 0, 0, 0, 0, new double[0], new double[0],
                    new double[0], new double[0], previousLabel.get(), previousX, previousY, Double.NaN, Double.NaN, -1,
                    0, Double.NaN, GRID, Double.NaN, new byte[0], -1, new int[0], new byte[0], 0, Double.NaN, 0,
                    new float[0], -1, ESTIMATES, -1, 0, 0, new boolean[0], new boolean[0], new byte[0], 0, new byte[0], 0, 1,
                    message, Double.NaN, 0, 0, -1, -1, null, "model", -1, 0, previousParams, continuous);
        }
        if (p.view() == AutoregressiveParams.Panel.INPAINT && inpaintJob == null && (inpaintDirty || inpaintKeep != p.keepSteps()
                || viewAt != steps)) {
            startInpaint(p);
        }
        if (p.view() == AutoregressiveParams.Panel.SAMPLE && sampler == null) {
            syncViewModel();
            newSampler();
        }
        boolean ownField = p.fieldArch().equals("model");
        int maxDepth = ownField ? model.depth() : AutoregressiveParams.MAX_DEPTH;
        int depth = Math.max(1, Math.min(p.depth(), maxDepth));
        if (p.pixel() != fieldPixel || depth != fieldDepth || field.length == 0 || !p.fieldArch().equals(fieldArch)) {
            if (ownField) {
                field = model.receptiveField(p.pixel(), depth);
                fullField = model.receptiveField(p.pixel(), model.depth());
                fieldSteps = -1;
            } else {
                // another architecture's field, from its layer definitions (a few ms)
                ReceptiveFields rf = new ReceptiveFields(SIDE, SIDE, PixelCnn.DEFAULT_FIRST_KERNEL);
                ReceptiveFields.Architecture a = ReceptiveFields.Architecture.byId(p.fieldArch());
                field = rf.field(a, p.pixel(), depth);
                fullField = rf.field(a, p.pixel(), maxDepth);
                fieldSteps = rf.sequentialStepsPerLayer(a);
            }
            fieldPixel = p.pixel();
            fieldDepth = depth;
            fieldArch = p.fieldArch();
        }
        int n = SIDE * SIDE;
        byte[] samplerImage = sampler == null ? new byte[n] : sampler.completion.images();
        int samplerStep = sampler == null ? 0 : sampler.completion.step();
        double samplerP = sampler == null || sampler.completion.done() ? Double.NaN
                : sampler.completion.nextConditionals()[0];
        Job waiting = p.view() == AutoregressiveParams.Panel.SAMPLE ? estimateJob : p.view() == AutoregressiveParams.Panel.INPAINT ? inpaintJob : gridJob;
        return new AutoregressiveSnapshot(SIDE, arch.model(), arch.describe(), model.numParams(), checkpointImages,
                train.count(), eval.count(), steps, examples, trainX.toArray(), trainY.toArray(), testX.toArray(),
                testY.toArray(), previousLabel.get(), previousX, previousY, independentNll, markovNll, markovK, batchSize,
                medianBatchMs(), GRID, sampleMs, samples, samplesStep, model.ordering().order(), samplerImage,
                samplerStep, samplerP, samplerNll, estimates, estimateStep, ESTIMATES, fieldPixel, fieldDepth,
                maxDepth, field.clone(), fullField.clone(), inpaintInput.clone(), inpaintKeep < 0 ? p.keepSteps() : inpaintKeep,
                completions, completions.length / n, waiting == null ? 1 : waiting.progress(), message, testSe,
                model instanceof MaskedMlp masked ? masked.numFreeParams() : model.numParams(), passes(model),
                model instanceof Nade nade ? nade.multiplyAddsPerImage()
                        : model instanceof MaskedMlp masked ? masked.multiplyAddsPerImage() : -1,
                model instanceof Nade nade ? nade.naiveMultiplyAddsPerImage() : -1, madeView, fieldArch, fieldSteps, model.depth(), previousParams, continuous);
    }

    /** Sequential steps of ln p(x) for one image: NADE's incremental form takes one per pixel, the others one pass. */
    static int passes(AutoregressiveModel m) {
        return m instanceof Nade ? m.pixels() : 1;
    }

    private double medianBatchMs() {
        int k = Math.min(batchCount, batchNs.length);
        if (k == 0) {
            return Double.NaN;
        }
        long[] c = Arrays.copyOf(batchNs, k);
        Arrays.sort(c);
        return c[k / 2] / 1e6;
    }

    // ---------------------------------------------------------------- tests

    /** Frees the networks' ND4J workspaces and drops them; on the trainer thread, before new ones are built. */
    private void dropModels() {
        if (model != null) {
            model.close();
        }
        if (gridModel != null && gridModel != model) {
            gridModel.close();
        }
        model = null;
        gridModel = null;
    }

    @Override
    public void close() {
        dropModels();
    }

    AutoregressiveModel model() {
        return model;
    }

    /** The optimiser: kept across learning-rate changes, new with every network. */
    Adam optimiser() {
        return adam;
    }

    BinaryImages trainImages() {
        return train;
    }

    BinaryImages evalImages() {
        return eval;
    }
}
