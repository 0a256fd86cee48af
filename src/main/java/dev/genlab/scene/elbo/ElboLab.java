package dev.genlab.scene.elbo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.Downsample;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.live.DoubleList;
import dev.genlab.live.LiveModel;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.latent.Estimators;
import dev.genlab.model.latent.Ppca;
import dev.genlab.model.latent.PpcaSubspace;
import dev.genlab.model.latent.StepStats;
import dev.genlab.model.latent.Vae;
import dev.genlab.model.latent.VaeDecoderCopy;
import dev.genlab.model.nn.Nd4jReady;
import dev.genlab.scene.autoregressive.ShippedModels;
import dev.genlab.scene.counting.CountingModel;
import dev.genlab.scene.elbo.ElboParams.Panel;

/**
 * The trainer-thread half of lesson 7: probabilistic PCA fitted to the images (Images panel) and a
 * VAE trained beside an autoencoder of the same architecture (VAE panel). The pPCA and bound panels
 * compute on the JavaFX thread and never reach this class.
 *
 * <p>Data: the scene's images resized to 28 × 28; the last fifth (at most {@value #TEST_IMAGES}) is
 * held out, the same images lesson 5 holds out, so the shipped NADE and PixelCNN, which never saw
 * them, can be scored on them as reference lines. The Bernoulli likelihood sees the images binarised
 * as lesson 5 binarises them; the Gaussian one the grey levels.
 *
 * <p>A step is one Adam step of the VAE and one of the AE on the same batch, only while the VAE panel
 * is shown; elsewhere a step does nothing (the other panels have no training). Held-out evaluations
 * run every {@value #EVAL_EVERY_MS} ms of training and an importance-sampled log p(x) every
 * {@value #IW_EVERY_MS} ms, both on fixed held-out images.
 */
public final class ElboLab implements LiveModel<ElboParams, ElboSnapshot> {

    static final int SIDE = 28;
    static final int D = SIDE * SIDE;
    static final int TEST_IMAGES = 2000;
    static final double THRESHOLD = 0.5;
    public static final int EVAL_IMAGES = 500;
    public static final int IW_IMAGES = 100;
    /** Importance samples per image of the log p(x) estimate. */
    public static final int IW_K = 50;
    static final int MAP_POINTS = 1000;
    static final int RECON = 6;
    static final int SAMPLES = 12;
    static final int TILE_SIDE = 12;
    static final double TILE_EXTENT = 3;
    static final long EVAL_EVERY_MS = 1000;
    static final long IW_EVERY_MS = 6000;
    /** pPCA on images: the largest M fitted (the others follow from the same eigendecomposition). */
    static final int MAX_IMG_LATENTS = 16;
    static final int MC_REPEATS = 10;
    /** A latent dimension whose held-out KL is below this many nats is counted inactive (collapsed). */
    static final double ACTIVE_KL = 0.01;
    static final int PPCA_SAMPLES = 8;
    static final String VAE_CHECKPOINT = "/genlab/checkpoints/vae-digits.bin.gz";
    static final String AE_CHECKPOINT = "/genlab/checkpoints/ae-digits.bin.gz";

    private ElboParams params;
    // data
    private ImageDataset source;
    private String likelihood;
    private float[] train;
    private int trainCount;
    private float[] test;
    private int testCount;
    private int[] testLabels;
    private double[][] testFactors;
    private String dataNotes = "";
    // models
    private Vae vae;
    private Vae ae;
    private boolean fromCheckpoint;
    private long steps;
    private SplittableRandom rng;
    private final float[] batchBuf = batchBuffer();
    private double lastBeta;
    // curves
    private final DoubleList trainX = new DoubleList();
    private final DoubleList trainElbo = new DoubleList();
    private final DoubleList trainRecon = new DoubleList();
    private final DoubleList trainKl = new DoubleList();
    private final DoubleList testX = new DoubleList();
    private final DoubleList testElbo = new DoubleList();
    private final DoubleList iwX = new DoubleList();
    private final DoubleList iwLogPx = new DoubleList();
    /** The ELBO of the same images at the same step as each importance-sampled estimate. */
    private final DoubleList iwElbo = new DoubleList();
    private double runElbo = Double.NaN;
    private double runRecon;
    private double runKl;
    private double[] klPerDim = new double[0];
    private long lastEvalNs;
    private long lastIwNs;
    private final double[] stepMs = new double[31];
    private String[] referenceNames = new String[0];
    private double[] references = new double[0];
    private boolean referencesDone;
    // view requests
    private float[] decodedZ;
    private int sliceI = 0;
    private int sliceJ = 1;
    // pPCA on images (cached by data and M, K)
    private Ppca ppcaMax;
    private double ppcaFitMs;
    private ElboSnapshot.ImagesPart imagesPart;
    private int imagesPartM = -1;
    private double imagesPartK = Double.NaN;
    private ElboSnapshot.VaePart vaePart;
    /** The map, tiles, reconstructions and samples need recomputing (trained, reset, new slice). */
    private boolean vaeDirty = true;
    /** Only the decoded image changed: the rest of the last part is kept (a drag on the map). */
    private boolean decodeDirty;
    private boolean playing;
    private long heavyNs;
    /** While playing, the map and images are recomputed at most this often (the curves every snapshot). */
    static final long HEAVY_EVERY_MS = 1000;

    @Override
    public void reset(ElboParams p) {
        boolean nd4j = Nd4jReady.await().ok();
        params = p;
        if (p.images() == null || !nd4j) {
            // the images arrive a moment after the window opens (a new params value then resets)
            dataNotes = nd4j ? "elbo.note.noImages" : "elbo.note.noNd4j";
            source = null;
            closeModels();
            vaePart = null;
            imagesPart = null;
            ppcaMax = null;
            steps = 0;
            return;
        }
        // a trainer stopped (its scene left) ends between the pieces of a reset, which takes 0.2-0.45 s here, rather
        // than computing on beside the scene opened next (CI's monkey at 2bdc7a2: lesson 7's trainer, left, used
        // 190 ms of a 257 ms stall)
        LiveModel.stopIfInterrupted();
        loadData(p);
        LiveModel.stopIfInterrupted();
        buildNetworks(p);
        imagesPart = null;
        imagesPartM = -1;
        ppcaMax = null;
    }

    private void loadData(ElboParams p) {
        source = p.images();
        likelihood = p.likelihood();
        int n = source.size();
        int tc = Math.min(TEST_IMAGES, n / 5);
        dataNotes = "";
        if (source.rows() != SIDE || source.cols() != SIDE) {
            dataNotes = "elbo.note.resized";
        }
        if (tc == 0) {
            dataNotes = (dataNotes + " elbo.note.noHeldOut").strip();
        }
        Images im = images(source, likelihood);
        trainCount = im.trainCount();
        testCount = im.testCount();
        train = im.train();
        test = im.test();
        int from = tc == 0 ? 0 : n - tc;
        testLabels = new int[testCount];
        for (int i = 0; i < testCount; i++) {
            testLabels[i] = source.label(from + i);
        }
        testFactors = builtInFactors(source, from, testCount);
    }

    /**
     * Lesson 7's images: 28 × 28 rows in [0, 1] (count × 784), the last fifth (at most {@value #TEST_IMAGES})
     * held out and the rest for training; with no image to spare the held-out images are the training images.
     */
    public record Images(float[] train, int trainCount, float[] test, int testCount) {
    }

    /** The images as lesson 7 trains on them for this likelihood ("bernoulli": binarised as lesson 5 does). */
    public static Images images(ImageDataset source, String likelihood) {
        int n = source.size();
        int tc = Math.min(TEST_IMAGES, n / 5);
        int trc = Math.max(1, n - tc);
        float[] trainPx = pixels(source.subset(0, trc), trc, likelihood);
        float[] testPx = tc == 0 ? trainPx : pixels(source.subset(n - tc, n), tc, likelihood);
        return new Images(trainPx, trc, testPx, tc == 0 ? trc : tc);
    }

    /** The images as 28 × 28 rows in [0, 1], binarised as lesson 5 does for the Bernoulli likelihood. */
    private static float[] pixels(ImageDataset d, int count, String likelihood) {
        if ("bernoulli".equals(likelihood)) {
            BinaryImages b = CountingModel.binarise(d, SIDE, THRESHOLD, count);
            byte[] bits = b.bits();
            float[] out = new float[bits.length];
            for (int i = 0; i < bits.length; i++) {
                out[i] = bits[i];
            }
            return out;
        }
        ImageDataset r = d.rows() == SIDE && d.cols() == SIDE ? d : Downsample.resample(d, SIDE, SIDE);
        return r.copyPixels();
    }

    /** The generating factors of the held-out images when the images are the built-in digits, else null. */
    private static double[][] builtInFactors(ImageDataset d, int from, int count) {
        if (d.size() != ProceduralDigits.BUILT_IN_COUNT || !ShippedModels.trainedOn(d)) {
            return null;
        }
        List<ProceduralDigits.Factors> f = ProceduralDigits.generateWithFactors(ProceduralDigits.BUILT_IN_COUNT,
                ProceduralDigits.BUILT_IN_SEED).factors();
        double[][] out = new double[3][count];
        for (int i = 0; i < count; i++) {
            ProceduralDigits.Factors g = f.get(from + i);
            out[0][i] = g.slant();
            out[1][i] = g.thickness();
            out[2][i] = g.scale();
        }
        return out;
    }

    /**
     * The NADE decoder's NADE part: lesson 5's trained NADE on the built-in digits (it models them well
     * before z says anything, which is what makes the posterior collapse), random weights elsewhere.
     */
    private void startNade() {
        if (ShippedModels.trainedOn(source)) {
            try {
                double[] nade = Nade.loadDigits(DataType.FLOAT).saveParams();
                vae.setNadeParameters(nade);
                ae.setNadeParameters(nade);
                addNote("elbo.note.nadeShipped");
                return;
            } catch (Checkpoint.CheckpointException | IllegalArgumentException e) {
                addNote("elbo.note.noCheckpoint");
                return;
            }
        }
        addNote("elbo.note.nadeFresh");
    }

    /** Adds a message key to the data notes once. */
    private void addNote(String key) {
        if (!List.of(dataNotes.split(" ")).contains(key)) {
            dataNotes = (dataNotes + " " + key).strip();
        }
    }

    /** Removes a message key from the data notes. */
    private void removeNote(String key) {
        dataNotes = String.join(" ", List.of(dataNotes.split(" ")).stream().filter(k -> !k.equals(key)).toList()).strip();
    }

    private void buildNetworks(ElboParams p) {
        rng = new SplittableRandom(p.seed());
        fromCheckpoint = false;
        removeNote("elbo.note.nadeShipped");
        removeNote("elbo.note.nadeFresh");
        if (ElboParams.CHECKPOINT.equals(p.start()) && !ShippedModels.trainedOn(source)) {
            // the shipped networks know the built-in digits only: on other images they would be judged on
            // what they never saw, so new ones start instead, as in lesson 5
            dataNotes = (dataNotes + " elbo.note.checkpointOtherImages").strip();
        } else if (ElboParams.CHECKPOINT.equals(p.start())) {
            try {
                closeModels();
                vae = Vae.fromCheckpoint(Checkpoint.readResource(VAE_CHECKPOINT));
                LiveModel.stopIfInterrupted();
                ae = Vae.fromCheckpoint(Checkpoint.readResource(AE_CHECKPOINT));
                fromCheckpoint = true;
            } catch (Checkpoint.CheckpointException e) {
                dataNotes = (dataNotes + " elbo.note.noCheckpoint").strip();
            }
        }
        if (!fromCheckpoint) {
            closeModels();
            vae = new Vae(vaeConfig(p, false));
            LiveModel.stopIfInterrupted();
            ae = new Vae(vaeConfig(p, true));
            if (vae.config().decoder() == Vae.Decoder.NADE) {
                LiveModel.stopIfInterrupted();
                startNade();
            }
        }
        steps = 0;
        saved = null;
        trainX.clear();
        trainElbo.clear();
        trainRecon.clear();
        trainKl.clear();
        testX.clear();
        testElbo.clear();
        iwX.clear();
        iwLogPx.clear();
        iwElbo.clear();
        runElbo = Double.NaN;
        Arrays.fill(stepMs, Double.NaN);
        decodedZ = null;
        referencesDone = false;
        klPerDim = new double[vae.config().latent()];
        sliceI = 0;
        sliceJ = Math.min(1, vae.config().latent() - 1);
        lastEvalNs = 0;
        lastIwNs = 0;
        vaeDirty = true;
        vaePart = null;
    }

    /** The VAE (or, autoencoder, its AE twin, seeded one further) that lesson 7 builds from scratch for these knobs. */
    public static Vae.Config vaeConfig(ElboParams p, boolean autoencoder) {
        Vae.Likelihood lik = "gaussian".equals(p.likelihood()) ? Vae.Likelihood.GAUSSIAN : Vae.Likelihood.BERNOULLI;
        Vae.Decoder dec = switch (p.decoder()) {
            case "autoregressive" -> Vae.Decoder.AUTOREGRESSIVE;
            case "nade" -> Vae.Decoder.NADE;
            default -> Vae.Decoder.MLP;
        };
        return new Vae.Config(D, p.hidden(), p.latent(), lik, dec, autoencoder, autoencoder ? p.seed() + 1 : p.seed());
    }

    /** Lesson 7's knobs as a student finds them, from scratch, on these images (its default recipe). */
    public static ElboParams scratchDefaults(ImageDataset images) {
        dev.genlab.scene.ParamSet v = new dev.genlab.scene.ParamSet(ElboParams.SPEC);
        v.set(ElboParams.PANEL, Panel.VAE);
        v.set(ElboParams.START, ElboParams.SCRATCH);
        return ElboParams.from(v.values(), images);
    }

    /**
     * One training step of lesson 7's VAE: {@code min(batch, trainCount)} training images drawn at random by
     * {@code rng} into {@code batchBuf}, then one Adam step on the ELBO with β at this step. The lab's step and the
     * families comparison both train through here.
     */
    public static StepStats trainStep(Vae vae, ElboParams p, long step, float[] train, int trainCount, float[] batchBuf,
                                      SplittableRandom rng) {
        int b = Math.min(p.batch(), trainCount);
        for (int i = 0; i < b; i++) {
            int j = rng.nextInt(trainCount);
            System.arraycopy(train, j * D, batchBuf, i * D, D);
        }
        return vae.step(batchBuf, b, p.betaAt(step), p.learningRate(), rng);
    }

    /** A batch buffer large enough for every batch knob value. */
    public static float[] batchBuffer() {
        return new float[256 * D];
    }

    @Override
    public double step(ElboParams p) {
        params = p;
        if (p.panel() != Panel.VAE || vae == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        int b = Math.min(p.batch(), trainCount);
        lastBeta = p.betaAt(steps);
        StepStats s = trainStep(vae, p, steps, train, trainCount, batchBuf, rng);
        ae.step(batchBuf, b, 0, p.learningRate(), rng);
        steps++;
        stepMs[(int) (steps % stepMs.length)] = (System.nanoTime() - t0) / 1e6;
        double a = Double.isNaN(runElbo) ? 1 : 0.05;
        runElbo = Double.isNaN(runElbo) ? s.elbo() : (1 - a) * runElbo + a * s.elbo();
        runRecon = a == 1 ? s.reconstruction() : (1 - a) * runRecon + a * s.reconstruction();
        runKl = a == 1 ? s.kl() : (1 - a) * runKl + a * s.kl();
        if (steps % 5 == 0 || steps < 5) {
            trainX.add(steps);
            trainElbo.add(runElbo);
            trainRecon.add(runRecon);
            trainKl.add(runKl);
        }
        long now = System.nanoTime();
        if (now - lastEvalNs > EVAL_EVERY_MS * 1_000_000L) {
            // the evaluations below take tens of milliseconds each: a trainer stopped meanwhile ends here
            LiveModel.stopIfInterrupted();
            evaluate();
            lastEvalNs = System.nanoTime();
        }
        if (now - lastIwNs > IW_EVERY_MS * 1_000_000L) {
            LiveModel.stopIfInterrupted();
            importanceEstimate();
            lastIwNs = System.nanoTime();
        }
        vaeDirty = true;
        return s.elbo();
    }

    private void evaluate() {
        StepStats e = heldOutStats(vae, test, testCount);
        testX.add(steps);
        testElbo.add(e.elbo());
        klPerDim = e.klPerDim().clone();
    }

    private void importanceEstimate() {
        int n = Math.min(IW_IMAGES, testCount);
        float[] images = Arrays.copyOf(test, n * D);
        iwX.add(steps);
        iwLogPx.add(heldOutLogPx(vae, test, testCount));
        // the same images, the same network: the gap log p(x) − ELBO is only meaningful between these two
        iwElbo.add(vae.evaluate(images, n, 11).elbo());
    }

    /**
     * The held-out ELBO read-out of lesson 7 (and of the families comparison): the first
     * {@value #EVAL_IMAGES} held-out images (count × 784 in [0, 1]), one ε per image from seed 7.
     */
    public static StepStats heldOutStats(Vae vae, float[] test, int testCount) {
        int n = Math.min(EVAL_IMAGES, testCount);
        return vae.evaluate(Arrays.copyOf(test, n * D), n, 7);
    }

    /**
     * The importance-sampled log p(x) read-out of lesson 7: the first {@value #IW_IMAGES} held-out images,
     * {@value #IW_K} samples of q each, seed 11; nats per image.
     */
    public static double heldOutLogPx(Vae vae, float[] test, int testCount) {
        int n = Math.min(IW_IMAGES, testCount);
        return vae.importanceLogLikelihood(Arrays.copyOf(test, n * D), n, IW_K, 11);
    }

    /** Held-out NLL of the counting baseline and, on the built-in digits, of lesson 5's shipped networks. */
    private void references() {
        referencesDone = true;
        if (!"bernoulli".equals(likelihood)) {
            referenceNames = new String[0];
            references = new double[0];
            return;
        }
        BinaryImages tr = bits(train, trainCount);
        int n = Math.min(EVAL_IMAGES, testCount);
        BinaryImages te = bits(Arrays.copyOf(test, n * D), n);
        IndependentModel ind = new IndependentModel(SIDE, SIDE, 0.5);
        ind.fit(tr);
        List<String> names = new ArrayList<>(List.of("independent"));
        List<Double> values = new ArrayList<>(List.of(-ind.nll(te)));
        if (ShippedModels.trainedOn(source)) {
            for (String m : List.of("nade", "pixelcnn")) {
                OptionalDouble v = ShippedModels.nll(m, te);
                if (v.isPresent()) {
                    names.add(m);
                    values.add(-v.getAsDouble());
                }
            }
        }
        referenceNames = names.toArray(String[]::new);
        references = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static BinaryImages bits(float[] px, int count) {
        byte[] b = new byte[count * D];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (px[i] > 0.5f ? 1 : 0);
        }
        return new BinaryImages(count, SIDE, SIDE, b);
    }

    // ------------------------------------------------------------------ commands (trainer thread)

    /** Decode the VAE's and the AE's image at this latent point (a click or drag on the latent map). */
    void decodeAt(float[] z) {
        if (vae != null && z.length == vae.config().latent()) {
            decodedZ = z.clone();
            decodeDirty = true;
        }
    }

    /** Which two latent dimensions the map and its tiles show. */
    void slice(int i, int j) {
        int m = vae == null ? 2 : vae.config().latent();
        if (i >= 0 && j >= 0 && i < m && j < m && i != j) {
            sliceI = i;
            sliceJ = j;
            vaeDirty = true;
        }
    }

    /** Breaks the VAE so the divergence guard must act (tests). */
    void poison() {
        if (vae == null) {
            return;
        }
        float[] w = vae.parameters();
        Arrays.fill(w, Float.NaN);
        vae.setParameters(w);
    }

    // ------------------------------------------------------------------ LiveModel

    @Override
    public void playingChanged(boolean now) {
        playing = now;
    }

    /**
     * The last part with the cheap things renewed: the curves, the step, β, the KL bars and the image at
     * the pointer. A decode is two small products, well under a millisecond, so a drag on the map is
     * answered in the next snapshot without re-encoding the thousand test images.
     */
    private ElboSnapshot.VaePart lightUpdate(ElboSnapshot.VaePart v) {
        float[] decoded = null;
        float[] decodedAe = null;
        int latent = vae.config().latent();
        if (decodedZ != null && decodedZ.length == latent) {
            decoded = picture(vae, decodedZ, 1);
            decodedAe = picture(ae, decodedZ, 1);
        }
        return new ElboSnapshot.VaePart(v.architecture(), v.numParams(), v.fromCheckpoint(), v.latent(), steps,
                steps == 0 ? params.betaAt(0) : lastBeta, trainX.toArray(), trainElbo.toArray(), trainRecon.toArray(),
                trainKl.toArray(), testX.toArray(), testElbo.toArray(), iwX.toArray(), iwLogPx.toArray(), iwElbo.toArray(),
                v.referenceNames(), v.references(), klPerDim.clone(), v.mapVae(), v.mapAe(), v.mapCount(), v.labels(),
                v.factors(), v.tiles(), v.tileSide(), v.tileExtent(), v.sliceI(), v.sliceJ(), v.originals(),
                v.reconVae(), v.reconAe(), v.reconCount(), v.samplesVae(), v.samplesAe(), v.sampleCount(),
                decodedZ == null ? null : decodedZ.clone(), decoded, decodedAe, v.reparam(), v.decoderVae(), v.decoderAe(),
                medianStepMs(),
                v.evalCount());
    }

    private double medianStepMs() {
        double[] ms = Arrays.stream(stepMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return ms.length == 0 ? Double.NaN : ms[ms.length / 2];
    }

    @Override
    public boolean needsReset(ElboParams before, ElboParams after) {
        return !before.sameNetworks(after);
    }

    private record State(float[] vae, float[] ae, long steps) {
    }

    /**
     * The last good state is renewed every {@value #SAVE_EVERY} steps, not after each: copying the two
     * networks' 800,000 parameters out of ND4J took 11 ms, as long as the two training steps themselves.
     * A divergence then goes back at most that many steps.
     */
    static final int SAVE_EVERY = 25;
    private State saved;

    /** Frees the two networks' ND4J workspaces and drops them; on the trainer thread. */
    private void closeModels() {
        if (vae != null) {
            vae.close();
        }
        if (ae != null) {
            ae.close();
        }
        vae = ae = null;
    }

    @Override
    public void close() {
        closeModels();
    }

    @Override
    public Object saveState() {
        if (vae == null) {
            return null;
        }
        if (saved == null || saved.vae().length != vae.numParams() || steps < saved.steps()
                || steps - saved.steps() >= SAVE_EVERY) {
            saved = new State(vae.parameters(), ae.parameters(), steps);
        }
        return saved;
    }

    @Override
    public void restoreState(Object state) {
        if (!(state instanceof State s) || vae == null) {
            return;
        }
        vae.setParameters(s.vae());
        ae.setParameters(s.ae());
        steps = s.steps();
        // the curves go back with the weights: the undone steps' points (a diverged step's NaN among them)
        // would otherwise stay on the figure, past the step the read-out names
        DoubleList.trimAfter(steps, trainX, trainElbo, trainRecon, trainKl);
        DoubleList.trimAfter(steps, testX, testElbo);
        DoubleList.trimAfter(steps, iwX, iwLogPx, iwElbo);
        runElbo = trainElbo.size() > 0 ? trainElbo.last() : Double.NaN;
        runRecon = trainRecon.size() > 0 ? trainRecon.last() : 0;
        runKl = trainKl.size() > 0 ? trainKl.last() : 0;
        if (!finite(klPerDim)) {
            // measured at the diverged step: measure the restored weights (without a point on the test curve)
            int n = Math.min(EVAL_IMAGES, testCount);
            klPerDim = vae.evaluate(Arrays.copyOf(test, n * D), n, 7).klPerDim().clone();
        }
        vaeDirty = true;
    }

    private static boolean finite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isHealthy() {
        return vae == null || vae.isFinite() && ae.isFinite();
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public ElboSnapshot snapshot(ElboParams p) {
        params = p;
        if (source == null) {
            return new ElboSnapshot(null, null, dataNotes);
        }
        if (p.panel() == Panel.IMAGES) {
            imagesPart = imagesPart(p);
        }
        if (p.panel() == Panel.VAE) {
            // each part below takes tens to hundreds of milliseconds: a trainer stopped meanwhile (the scene was
            // left) ends between them (CI's monkey, 2026-12-05: lesson 7's trainer had 260 ms of a 299 ms wait of
            // the window opening lesson 8)
            LiveModel.stopIfInterrupted();
            if (!referencesDone) {
                references();
            }
            if (testX.size() == 0) {
                LiveModel.stopIfInterrupted();
                evaluate();
                LiveModel.stopIfInterrupted();
                importanceEstimate();
            }
            long now = System.nanoTime();
            if (vaePart == null || vaeDirty && (!playing || now - heavyNs > HEAVY_EVERY_MS * 1_000_000L)) {
                LiveModel.stopIfInterrupted();
                vaePart = vaePart();
                heavyNs = now;
                vaeDirty = false;
                decodeDirty = false;
            } else if (vaeDirty || decodeDirty) {
                vaePart = lightUpdate(vaePart);
                decodeDirty = false;
            }
        }
        return new ElboSnapshot(imagesPart, vaePart, dataNotes);
    }

    // ------------------------------------------------------------------ the Images panel

    private ElboSnapshot.ImagesPart imagesPart(ElboParams p) {
        if (ppcaMax == null) {
            long t0 = System.nanoTime();
            float[] grey = greyTrain();
            int count = grey.length / D;
            ppcaMax = Ppca.fitImages(grey, count, D, MAX_IMG_LATENTS);
            ppcaFitMs = (System.nanoTime() - t0) / 1e6;
        }
        int m = Math.max(1, Math.min(MAX_IMG_LATENTS, p.imgLatents()));
        if (imagesPart != null && m == imagesPartM && p.mcLog10K() == imagesPartK) {
            return imagesPart;
        }
        int k = (int) Math.round(Math.pow(10, p.mcLog10K()));
        float[] probeF = greyTest0();
        double[] probe = toDouble(probeF);
        double[][] byM = new double[MAX_IMG_LATENTS][];
        double[] estimatesAtM = null;
        double exactAtM = Double.NaN;
        Ppca model = null;
        for (int mm = 1; mm <= MAX_IMG_LATENTS; mm++) {
            LiveModel.stopIfInterrupted();
            Ppca pm = PpcaSubspace.withLatents(ppcaMax, mm);
            double exact = pm.logDensity(probe);
            final int kk = k;
            Estimators.Spread s = Estimators.repeat(r -> PpcaSubspace.naive(pm, probe, kk, r), MC_REPEATS, 1000 + mm);
            byM[mm - 1] = new double[] {exact, s.mean(), s.sd()};
            if (mm == m) {
                estimatesAtM = s.values();
                exactAtM = exact;
                model = pm;
            }
        }
        float[] comps = new float[m * D];
        double[][] w = model.w();
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < D; i++) {
                comps[j * D + i] = (float) w[i][j];
            }
        }
        SplittableRandom r = new SplittableRandom(5);
        float[] samples = new float[PPCA_SAMPLES * D];
        for (int s = 0; s < PPCA_SAMPLES; s++) {
            double[] x = model.sample(r);
            for (int i = 0; i < D; i++) {
                samples[s * D + i] = (float) x[i];
            }
        }
        double[] ev = ppcaMax.eigenvalues();
        imagesPartM = m;
        imagesPartK = p.mcLog10K();
        return new ElboSnapshot.ImagesPart(m, D, trainCount, ppcaFitMs, toFloat(model.mean()), comps, samples,
                PPCA_SAMPLES, model.sigma2(), Arrays.copyOf(ev, Math.min(32, ev.length)), probeF, exactAtM, k,
                estimatesAtM, byM);
    }

    /** Grey-level training images (pPCA models continuous pixels, whatever the VAE's likelihood). */
    private float[] greyTrain() {
        int n = source.size();
        int tc = Math.min(TEST_IMAGES, n / 5);
        int trc = Math.max(1, n - tc);
        ImageDataset d = source.subset(0, trc);
        return (d.rows() == SIDE && d.cols() == SIDE ? d : Downsample.resample(d, SIDE, SIDE)).copyPixels();
    }

    private float[] greyTest0() {
        int n = source.size();
        int tc = Math.min(TEST_IMAGES, n / 5);
        ImageDataset d = source.subset(tc == 0 ? 0 : n - tc, tc == 0 ? 1 : n - tc + 1);
        return (d.rows() == SIDE && d.cols() == SIDE ? d : Downsample.resample(d, SIDE, SIDE)).copyPixels();
    }

    // ------------------------------------------------------------------ the VAE panel

    private ElboSnapshot.VaePart vaePart() {
        int latent = vae.config().latent();
        int mapN = Math.min(MAP_POINTS, testCount);
        float[] mapImages = Arrays.copyOf(test, mapN * D);
        float[] mapVae = vae.encodeMean(mapImages, mapN);
        float[] mapAe = ae.encodeMean(mapImages, mapN);
        // the picture's parts are ND4J passes of milliseconds to tens: a trainer stopped meanwhile ends between them
        LiveModel.stopIfInterrupted();
        int[] labels = Arrays.copyOf(testLabels, mapN);
        double[][] factors = testFactors == null ? null
                : new double[][] {Arrays.copyOf(testFactors[0], mapN), Arrays.copyOf(testFactors[1], mapN),
                        Arrays.copyOf(testFactors[2], mapN)};
        float[] tileZ = new float[TILE_SIDE * TILE_SIDE * latent];
        for (int r = 0; r < TILE_SIDE; r++) {
            for (int c = 0; c < TILE_SIDE; c++) {
                int t = r * TILE_SIDE + c;
                tileZ[t * latent + sliceI] = (float) (-TILE_EXTENT + (c + 0.5) * 2 * TILE_EXTENT / TILE_SIDE);
                tileZ[t * latent + sliceJ] = (float) (TILE_EXTENT - (r + 0.5) * 2 * TILE_EXTENT / TILE_SIDE);
            }
        }
        float[] tiles = picture(vae, tileZ, TILE_SIDE * TILE_SIDE);
        LiveModel.stopIfInterrupted();
        int rc = Math.min(RECON, testCount);
        float[] originals = Arrays.copyOf(test, rc * D);
        float[] reconVae = reconstruction(vae, originals, rc);
        float[] reconAe = reconstruction(ae, originals, rc);
        LiveModel.stopIfInterrupted();
        SplittableRandom zr = new SplittableRandom(3);
        float[] z = new float[SAMPLES * latent];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) gaussian(zr);
        }
        float[] samplesVae = picture(vae, z, SAMPLES);
        float[] samplesAe = picture(ae, z, SAMPLES);
        float[] decoded = null;
        float[] decodedAe = null;
        if (decodedZ != null && decodedZ.length == latent) {
            decoded = picture(vae, decodedZ, 1);
            decodedAe = picture(ae, decodedZ, 1);
        }
        Vae.Reparam rp = vae.reparam(Arrays.copyOf(test, D), steps);
        float[][] reparam = {rp.mu(), rp.sigma(), rp.eps(), rp.z(), Arrays.copyOf(test, D)};
        Vae.Config c = vae.config();
        String arch = String.format(Locale.ROOT, "%d-%d-%d, %s, %s", D, c.hidden(), c.latent(),
                c.likelihood() == Vae.Likelihood.BERNOULLI ? "Bernoulli" : "Gaussian",
                switch (c.decoder()) {
                    case MLP -> "MLP";
                    case AUTOREGRESSIVE -> "MLP + autoregressive layer";
                    case NADE -> "MLP + NADE";
                });
        return new ElboSnapshot.VaePart(arch, vae.numParams(), fromCheckpoint, latent, steps,
                steps == 0 ? params.betaAt(0) : lastBeta, trainX.toArray(), trainElbo.toArray(), trainRecon.toArray(),
                trainKl.toArray(), testX.toArray(), testElbo.toArray(), iwX.toArray(), iwLogPx.toArray(), iwElbo.toArray(),
                referenceNames.clone(), references.clone(), klPerDim.clone(), mapVae, mapAe, mapN, labels, factors,
                tiles, TILE_SIDE, TILE_EXTENT, sliceI, sliceJ, originals, reconVae, reconAe, rc, samplesVae,
                samplesAe, SAMPLES, decodedZ == null ? null : decodedZ.clone(), decoded, decodedAe, reparam,
                VaeDecoderCopy.of(vae), VaeDecoderCopy.of(ae),
                medianStepMs(), Math.min(EVAL_IMAGES, testCount));
    }

    /**
     * What the decoder draws at each z: the MLP decoder's mean; for an autoregressive decoder a sample of
     * p(x | z), sequential, with a fixed seed so it changes only with z and the model (its greedy path,
     * {@link Vae#decode}, is no picture of what it models: after a collapse it is a nearly blank image).
     */
    private static float[] picture(Vae m, float[] z, int n) {
        return m.config().decoder() == Vae.Decoder.MLP ? m.decode(z, n) : m.decodeSample(z, n, 7);
    }

    /**
     * The reconstruction of each image: the picture ({@link #picture}) at z = μ(x); after a posterior
     * collapse an autoregressive decoder's shows that z no longer says which digit.
     */
    private static float[] reconstruction(Vae m, float[] x, int n) {
        return picture(m, m.encodeMean(x, n), n);
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
