package dev.genlab.scene.families;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.genlab.data.ImageDataset;
import dev.genlab.live.LiveModel;
import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.autoregressive.PixelCnn;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.flow.Dequantization;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.latent.StepStats;
import dev.genlab.model.latent.Vae;
import dev.genlab.model.nn.Nd4jReady;
import dev.genlab.scene.autoregressive.HeldOut;
import dev.genlab.scene.autoregressive.ShippedModels;
import dev.genlab.scene.elbo.ElboLab;
import dev.genlab.scene.families.FamiliesSnapshot.Family;
import dev.genlab.scene.families.FamiliesSnapshot.Kind;
import dev.genlab.scene.families.FamiliesSnapshot.Row;
import dev.genlab.scene.flow.DequantLab;
import dev.genlab.scene.flow.FlowParams;

/**
 * The families comparison: every family GenLab teaches, one after another on this scene's one trainer thread,
 * measured on the same images with the classes and read-outs of its own lesson. A step runs the next family:
 * <ul>
 * <li>independent pixels and the Markov chain: lesson 5's counting baselines ({@link HeldOut}: the same
 * training and held-out images, the chain's order chosen on other held-out images);</li>
 * <li>NADE and PixelCNN: the shipped networks ({@link ShippedModels}), exact −ln p(x) on the held-out images as
 * lesson 5 reports it;</li>
 * <li>the flow: lesson 6's dequantisation flow ({@link DequantLab}), trained here for {@value #FLOW_STEPS} steps
 * on its own data (8 × 8 digits at 16 levels), so its number is a bound on other data, in bits per dimension;</li>
 * <li>the VAE: lesson 7's shipped network, its held-out ELBO and importance-sampled log p(x)
 * ({@link ElboLab#heldOutStats}, {@link ElboLab#heldOutLogPx});</li>
 * <li>the GAN: lesson 8's shipped generator; no likelihood.</li>
 * </ul>
 * The shipped networks were trained on the built-in digits only: on other images their rows say so and
 * measure nothing. Every row times one image drawn by the family's own sampler (the median of
 * {@value #DRAWS} draws) and draws {@value #GRID} samples for its grid.
 */
public final class FamiliesLab implements LiveModel<FamiliesParams, FamiliesSnapshot> {

    /** Samples in each family's grid. */
    public static final int GRID = 6;
    /** Single-image draws timed per family; the median is reported. */
    public static final int DRAWS = 5;
    /** Adam steps the dequantisation flow takes here (lesson 6's text: below 2 bits/dim by step 250). */
    public static final int FLOW_STEPS = 500;
    static final int SIDE = 28;
    static final int D = SIDE * SIDE;

    private ImageDataset source;
    private HeldOut data;
    private boolean shipped;
    private boolean nd4j;
    private String notes = "";
    private final List<Row> rows = new ArrayList<>();
    private long seed;

    @Override
    public void reset(FamiliesParams p) {
        rows.clear();
        seed = p.seed();
        source = p.images();
        nd4j = Nd4jReady.await().ok();
        if (source == null) {
            data = null;
            notes = "families.note.noImages";
            return;
        }
        data = HeldOut.load(source, HeldOut.defaultTrainImages());
        shipped = ShippedModels.trainedOn(source);
        notes = data.notes();
        if (!shipped) {
            notes = (notes + " families.note.otherImages").strip();
        }
        if (!nd4j) {
            notes = (notes + " families.note.noNd4j").strip();
        }
    }

    @Override
    public double step(FamiliesParams p) {
        Family next = next();
        if (next == null) {
            return rows.size();
        }
        rows.add(measure(next));
        return rows.size();
    }

    /** The family the next step measures, or null when all are done (or there are no images yet). */
    Family next() {
        return data == null || rows.size() == Family.values().length ? null : Family.values()[rows.size()];
    }

    private SplittableRandom rng(Family f) {
        return new SplittableRandom(seed * 1_000_003L + f.ordinal());
    }

    Row measure(Family f) {
        return switch (f) {
            case INDEPENDENT -> counting(f, data.independent(), data.independentNll(), "families.detail.independent");
            case MARKOV -> counting(f, data.markov(), data.markovNll(), "families.detail.markov",
                    Integer.toString(data.markovK()));
            case NADE, PIXELCNN -> network(f);
            case FLOW -> flow();
            case VAE -> vae();
            case GAN -> gan();
        };
    }

    private Row notTrained(Family f) {
        return new Row(f, Kind.NOT_TRAINED, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, -1, 0,
                List.of(nd4j ? "families.detail.notTrained" : "families.detail.noNd4j"), List.of(), SIDE);
    }

    private Row counting(Family f, BinaryImageModel m, double nll, String detailKey, String... args) {
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
        List<String> detail = new ArrayList<>(List.of(detailKey));
        detail.addAll(List.of(args));
        // the mean is the baseline lesson 5 reports (nll); the per-image values give its standard error
        return new Row(f, Kind.EXACT, nll, ms[1], lp.length, Double.NaN, 0, 0, sampleMs, DRAWS,
                m.parameterCount().longValueExact(), -1, 0, detail, grid, SIDE);
    }

    private Row network(Family f) {
        if (!shipped || !nd4j) {
            return notTrained(f);
        }
        AutoregressiveModel net = ShippedModels.network(f == Family.NADE ? "nade" : "pixelcnn");
        if (net == null) {
            return notTrained(f);
        }
        try {
            double[] ms = HeldOut.meanAndSe(net.logProb(data.eval()));
            SplittableRandom r = rng(f);
            double sampleMs = medianMs(() -> drawAll(net.complete(new byte[D], 1, 0, r)));
            byte[] bits = drawAll(net.complete(new byte[GRID * D], GRID, 0, r));
            List<float[]> grid = new ArrayList<>();
            for (int i = 0; i < GRID; i++) {
                grid.add(floats(bits, i * D, D));
            }
            List<String> detail = net instanceof Nade nade
                    ? List.of("families.detail.nade", Integer.toString(nade.hidden()))
                    : net instanceof PixelCnn cnn
                    ? List.of("families.detail.pixelcnn", Integer.toString(cnn.channels()), Integer.toString(cnn.layers()))
                    : List.of("families.detail.shipped");
            return new Row(f, Kind.EXACT, ms[0], ms[1], data.eval().count(), Double.NaN, 0, 0, sampleMs, DRAWS,
                    net.numParams(), -1, 0, detail, grid, SIDE);
        } finally {
            net.close();
        }
    }

    /** Draws every pixel, a few at a time, so that leaving the scene (an interrupt) is not kept waiting. */
    private static byte[] drawAll(AutoregressiveModel.Completion c) {
        while (!c.done() && !stopping()) {
            c.advance(16);
        }
        return c.images();
    }

    /**
     * True when the trainer is being stopped (the scene was left): a family's long loops then end at once and
     * their row, which nobody will see, is left incomplete; the JavaFX thread waits for the trainer to end.
     */
    private static boolean stopping() {
        return Thread.currentThread().isInterrupted();
    }

    private Row flow() {
        DequantLab lab = new DequantLab(true, FlowParams.SEED.defaultValue());
        for (int i = 0; i < FLOW_STEPS && !stopping(); i++) {
            lab.step();
        }
        DequantLab.View v = lab.view(false);
        SplittableRandom r = rng(Family.FLOW);
        double sampleMs = medianMs(() -> Dequantization.levelsOf(lab.flow().sample(1, r)[0], DequantLab.LEVELS));
        List<float[]> grid = new ArrayList<>();
        for (int i = 0; i < GRID && i < v.samples().length; i++) {
            grid.add(v.samples()[i]);
        }
        return new Row(Family.FLOW, Kind.OTHER_DATA, v.discreteBound(), Double.NaN, DequantLab.TEST, v.bitsPerDim(), 0, 0,
                sampleMs, DRAWS, lab.flow().numParams(), -1, DequantLab.DIMS,
                List.of("families.detail.flow", Integer.toString(lab.flow().couplings()), Integer.toString(FLOW_STEPS),
                        Integer.toString(DequantLab.SIDE), Integer.toString(DequantLab.LEVELS)),
                grid, DequantLab.SIDE);
    }

    private Row vae() {
        if (!shipped || !nd4j) {
            return notTrained(Family.VAE);
        }
        Vae vae;
        try {
            vae = Vae.loadDigits(false);
        } catch (Checkpoint.CheckpointException e) {
            return notTrained(Family.VAE);
        }
        try {
            BinaryImages eval = data.eval();
            float[] test = floats(eval.bits(), 0, eval.count() * D);
            StepStats s = ElboLab.heldOutStats(vae, test, eval.count());
            double logPx = ElboLab.heldOutLogPx(vae, test, eval.count());
            SplittableRandom r = rng(Family.VAE);
            double sampleMs = medianMs(() -> vae.sample(1, r.nextLong()));
            float[] px = vae.sample(GRID, r.nextLong());
            List<float[]> grid = new ArrayList<>();
            for (int i = 0; i < GRID; i++) {
                grid.add(Arrays.copyOfRange(px, i * D, (i + 1) * D));
            }
            int evalN = Math.min(ElboLab.EVAL_IMAGES, eval.count());
            int iwN = Math.min(ElboLab.IW_IMAGES, eval.count());
            return new Row(Family.VAE, Kind.BOUND, -s.elbo(), Double.NaN, evalN, -logPx, iwN, ElboLab.IW_K, sampleMs,
                    DRAWS, vae.numParams(), -1, vae.config().latent(),
                    List.of("families.detail.vae", Integer.toString(vae.config().hidden())), grid, SIDE);
        } finally {
            vae.close();
        }
    }

    private Row gan() {
        if (!shipped || !nd4j) {
            return notTrained(Family.GAN);
        }
        ImageGan gan;
        try {
            gan = ImageGan.loadDigits(false);
        } catch (Checkpoint.CheckpointException e) {
            return notTrained(Family.GAN);
        }
        try {
            SplittableRandom r = rng(Family.GAN);
            double sampleMs = medianMs(() -> gan.sample(1, null, r));
            float[] px = gan.sample(GRID, null, r);
            List<float[]> grid = new ArrayList<>();
            for (int i = 0; i < GRID; i++) {
                grid.add(Arrays.copyOfRange(px, i * D, (i + 1) * D));
            }
            return new Row(Family.GAN, Kind.NONE, Double.NaN, Double.NaN, 0, Double.NaN, 0, 0, sampleMs, DRAWS,
                    gan.numParams(), gan.generatorParams(), gan.config().noiseDim(),
                    List.of("families.detail.gan", Integer.toString(gan.config().generatorHidden())), grid, SIDE);
        } finally {
            gan.close();
        }
    }

    /**
     * The median of {@value #DRAWS} timed runs, in milliseconds, after one untimed run: the first call of a new
     * network also pays for its buffers (and the JIT), which is not the time of a sample.
     */
    private static double medianMs(Runnable draw) {
        draw.run();
        long[] t = new long[DRAWS];
        for (int i = 0; i < DRAWS && !stopping(); i++) {
            long t0 = System.nanoTime();
            draw.run();
            t[i] = System.nanoTime() - t0;
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

    @Override
    public boolean needsReset(FamiliesParams before, FamiliesParams after) {
        return before.images() != after.images() || before.seed() != after.seed();
    }

    @Override
    public Object saveState() {
        return List.copyOf(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void restoreState(Object state) {
        rows.clear();
        rows.addAll((List<Row>) state);
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public FamiliesSnapshot snapshot(FamiliesParams p) {
        return new FamiliesSnapshot(rows, next(), notes, data == null ? 0 : data.train().count(),
                data == null ? 0 : data.eval().count(), shipped);
    }

    @Override
    public long steps() {
        return rows.size();
    }

    /** The loaded images (tests). */
    HeldOut data() {
        return data;
    }
}
