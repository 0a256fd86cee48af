package dev.genlab.model.gan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.PointSet;
import dev.genlab.data.ToyDistribution;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Activation;

/**
 * A generative adversarial network on 2-D points (Goodfellow et al. 2014), the model of a live
 * scene: a generator G maps noise z ∈ ℝᵐ (m = 1..8, N(0, I) or U[−1, 1]ᵐ) through an MLP to a point
 * x = G(z) ∈ ℝ²; a discriminator (critic) D maps a point, optionally with a minibatch feature, through
 * an MLP to one real number d(x). The two play the game of the chosen {@link GanLoss}:
 * <pre>
 *   D step:  θ_D ← θ_D − η_D ∇ L_D(x_r, G(z)),   x_r ~ p_data, z ~ p_z   (k times, {@link Config#dSteps()})
 *   G step:  θ_G ← θ_G − η_G ∇ L_G(G(z))                               ({@link Config#gSteps()} times)
 * </pre>
 * with SGD or Adam (Kingma &amp; Ba 2015; the GAN custom β₁ = 0.5 of Radford et al. 2016 by default).
 *
 * <p><b>Minibatch feature</b> (Karras et al. 2018, "Progressive Growing of GANs", ICLR, Section 3,
 * after Salimans et al. 2016's minibatch discrimination): D's input for each point of a batch
 * x_1..x_n is (x_t, s) with s = ½ Σ_c √(Var_t x_{t,c} + 10⁻⁸), the mean over the two coordinates of
 * the batch's standard deviation. A collapsed generator makes fake batches with s ≈ 0, which D can
 * tell apart from real batches whatever the points' positions; its gradient reaches G through
 * ∂s/∂x_{t,c} = (x_{t,c} − x̄_c) / (2 n σ_c). Real and fake batches are passed through D separately,
 * each with its own s.
 *
 * <p><b>Gradient penalty</b> ({@link GanLoss#WGAN_GP}) is exact, by double back-propagation written
 * out: hidden activations are ReLU or leaky ReLU, piecewise linear, so almost everywhere
 * ∇ₓ d = W₁ M₁ W₂ M₂ ⋯ w_L with constant masks M_k = diag f'(z_k), a multilinear function of the
 * weights (biases do not enter); the penalty's gradient is that product's reverse-mode derivative.
 * The penalty takes the gradient with respect to the two coordinates only: the minibatch feature of
 * x̂'s batch is held fixed (it is a statistic of the batch, not a function of one point).
 *
 * <p><b>Why plain Java, not ND4J</b>: these networks are tiny (2-64-64-1), so every ND4J call's
 * ~8 µs fixed cost dominates (STACK.md measured 3.6 ms for one D + one G step at batch 256 with
 * workspaces and gemm on an idle machine). The networks ({@link FloatNet}) compute in float with
 * activations feature-major (one array per unit, indexed by the point), so the products' inner loops
 * run over the batch and C2 vectorises them 8 floats at a time; the weight gradient goes through a
 * transposed δ (BENCHMARKS.md, "Lesson 8, 2-D GAN model"). A round (one D and one G step at batch 256)
 * is about 13.1 million multiply-adds; it took 1.1–1.7 ms of CPU (2.9 ms in the earlier double loops), against
 * 11–30 ms through the project's ND4J {@code Mlp} in the same JVM ({@code Gan2DBenchTest}). Parameters,
 * gradients and the optimiser stay double; {@link DoubleNet}, the same passes in double, is the
 * reference the finite-difference tests check and the float networks are held to
 * ({@code Gan2DFloatTest}). Plain Java also gives the backward pass's intermediate products that the exact
 * gradient penalty needs, which the {@code Mlp} API does not expose.
 *
 * <p>Data come from a {@link DataSource2D}: fresh draws of a {@link ToyDistribution} or points drawn
 * by the user ({@link #pointSource}), resampled with replacement (one or two points work).
 *
 * <p>Not thread-safe: one trainer thread owns an instance (ARCHITECTURE.md, Threads); every result
 * it returns is an immutable copy that any thread may read.
 */
public final class Gan2D {

    /** The noise distribution p_z. */
    public enum Noise {
        /** z ~ N(0, I). */
        GAUSSIAN,
        /** z ~ U[−1, 1]ᵐ. */
        UNIFORM
    }

    /** The optimiser of both players. */
    public enum Optimiser {
        /** θ ← θ − η g. */
        SGD,
        /** Adam, in the ε̂ form of {@link dev.genlab.model.nn.Adam}. */
        ADAM
    }

    /** Bounds of the knobs, used by {@link Config}'s validation. */
    public static final int MAX_NOISE_DIM = 8;
    public static final int MAX_DEPTH = 4;
    public static final int MIN_WIDTH = 4;
    public static final int MAX_WIDTH = 256;
    public static final int MAX_BATCH = 4096;
    public static final int MAX_STEPS_PER_ROUND = 20;
    public static final double MAX_LEARNING_RATE = 1.0;

    /** The id written into checkpoints. */
    public static final String MODEL_ID = "gan2d";

    /**
     * Everything that defines a GAN and how it trains. Immutable; edit it with the {@code with…}
     * methods. The architecture is noise dim, G depth and width, D depth and width, activation and the
     * minibatch feature; the rest can change while training ({@link Gan2D#reconfigure}).
     *
     * @param noiseDim         m, 1..8
     * @param noise            p_z
     * @param gDepth           G's hidden layers, 1..4
     * @param gWidth           G's hidden width, 4..256
     * @param dDepth           D's hidden layers, 1..4
     * @param dWidth           D's hidden width, 4..256
     * @param activation       hidden activation of both nets: RELU or LEAKY_RELU (slope {@link Activation#LEAKY_SLOPE})
     * @param loss             the game
     * @param optimiser        SGD or Adam, both players
     * @param lrD              D's learning rate η_D, (0, 1]
     * @param lrG              G's learning rate η_G, (0, 1]
     * @param beta1            Adam's β₁, [0, 1)
     * @param beta2            Adam's β₂, [0, 1)
     * @param batchSize        n, points per batch (real and fake alike), 1..4096
     * @param dSteps           k, D steps per round of {@link Gan2D#step}, 1..20
     * @param gSteps           G steps per round, 1..20
     * @param gpWeight         λ of the gradient penalty, ≥ 0
     * @param clip             c of weight clipping, &gt; 0
     * @param minibatchFeature append the minibatch standard deviation to D's input
     * @param seed             seeds initialisation, noise and batches
     */
    public record Config(int noiseDim, Noise noise, int gDepth, int gWidth, int dDepth, int dWidth,
                         Activation activation, GanLoss loss, Optimiser optimiser, double lrD, double lrG,
                         double beta1, double beta2, int batchSize, int dSteps, int gSteps, double gpWeight,
                         double clip, boolean minibatchFeature, long seed) {

        /** Validates every field; the message names the field, its value and the allowed range. */
        public Config {
            range("noise dim", noiseDim, 1, MAX_NOISE_DIM);
            Objects.requireNonNull(noise, "noise distribution");
            range("G depth (hidden layers)", gDepth, 1, MAX_DEPTH);
            range("G width", gWidth, MIN_WIDTH, MAX_WIDTH);
            range("D depth (hidden layers)", dDepth, 1, MAX_DEPTH);
            range("D width", dWidth, MIN_WIDTH, MAX_WIDTH);
            if (activation != Activation.RELU && activation != Activation.LEAKY_RELU) {
                throw new IllegalArgumentException("hidden activation must be RELU or LEAKY_RELU, got " + activation);
            }
            Objects.requireNonNull(loss, "loss");
            Objects.requireNonNull(optimiser, "optimiser");
            rate("D learning rate", lrD);
            rate("G learning rate", lrG);
            beta("Adam beta1", beta1);
            beta("Adam beta2", beta2);
            range("batch size", batchSize, 1, MAX_BATCH);
            range("D steps per round (k)", dSteps, 1, MAX_STEPS_PER_ROUND);
            range("G steps per round", gSteps, 1, MAX_STEPS_PER_ROUND);
            if (!(gpWeight >= 0) || Double.isInfinite(gpWeight)) {
                throw new IllegalArgumentException("gradient-penalty weight must be finite and ≥ 0, got " + gpWeight);
            }
            if (!(clip > 0) || Double.isInfinite(clip)) {
                throw new IllegalArgumentException("clip value must be finite and > 0, got " + clip);
            }
        }

        /**
         * The default: 2-D Gaussian noise, G and D 2 × 64 ReLU, non-saturating loss, Adam with
         * η_D = η_G = 10⁻³, β = (0.5, 0.999), batch 256, one D step per G step, λ = 10, c = 0.01,
         * no minibatch feature, seed 1.
         */
        public static Config defaults() {
            return new Config(2, Noise.GAUSSIAN, 2, 64, 2, 64, Activation.RELU, GanLoss.NON_SATURATING,
                    Optimiser.ADAM, 1e-3, 1e-3, 0.5, 0.999, 256, 1, 1, 10.0, 0.01, false, 1L);
        }

        public Config withNoise(int dim, Noise distribution) {
            return new Config(dim, distribution, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withGenerator(int depth, int width) {
            return new Config(noiseDim, noise, depth, width, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withDiscriminator(int depth, int width) {
            return new Config(noiseDim, noise, gDepth, gWidth, depth, width, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withActivation(Activation a) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, a, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withLoss(GanLoss l) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, l, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withOptimiser(Optimiser o, double learningRateD, double learningRateG) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, o, learningRateD,
                    learningRateG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withLearningRates(double learningRateD, double learningRateG) {
            return withOptimiser(optimiser, learningRateD, learningRateG);
        }

        public Config withBetas(double b1, double b2) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, b1, b2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withBatchSize(int n) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, n, dSteps, gSteps, gpWeight, clip, minibatchFeature, seed);
        }

        /** k D steps then {@code g} G steps per round. */
        public Config withSteps(int k, int g) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, k, g, gpWeight, clip, minibatchFeature, seed);
        }

        public Config withGpWeight(double lambda) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, lambda, clip, minibatchFeature, seed);
        }

        public Config withClip(double c) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, c, minibatchFeature, seed);
        }

        public Config withMinibatchFeature(boolean on) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, on, seed);
        }

        public Config withSeed(long s) {
            return new Config(noiseDim, noise, gDepth, gWidth, dDepth, dWidth, activation, loss, optimiser, lrD,
                    lrG, beta1, beta2, batchSize, dSteps, gSteps, gpWeight, clip, minibatchFeature, s);
        }

        /** Whether G's parameters mean the same thing under {@code other} (same layer sizes and activation). */
        public boolean sameGenerator(Config other) {
            return noiseDim == other.noiseDim && gDepth == other.gDepth && gWidth == other.gWidth
                    && activation == other.activation;
        }

        /** Whether D's parameters mean the same thing under {@code other}. */
        public boolean sameDiscriminator(Config other) {
            return dDepth == other.dDepth && dWidth == other.dWidth && activation == other.activation
                    && minibatchFeature == other.minibatchFeature;
        }

        /** The fields as checkpoint header entries, in declaration order ({@link #fromHeader} reads them). */
        public Map<String, String> toHeader() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("noiseDim", Integer.toString(noiseDim));
            h.put("noise", noise.name());
            h.put("gDepth", Integer.toString(gDepth));
            h.put("gWidth", Integer.toString(gWidth));
            h.put("dDepth", Integer.toString(dDepth));
            h.put("dWidth", Integer.toString(dWidth));
            h.put("activation", activation.name());
            h.put("loss", loss.name());
            h.put("optimiser", optimiser.name());
            h.put("lrD", Double.toString(lrD));
            h.put("lrG", Double.toString(lrG));
            h.put("beta1", Double.toString(beta1));
            h.put("beta2", Double.toString(beta2));
            h.put("batchSize", Integer.toString(batchSize));
            h.put("dSteps", Integer.toString(dSteps));
            h.put("gSteps", Integer.toString(gSteps));
            h.put("gpWeight", Double.toString(gpWeight));
            h.put("clip", Double.toString(clip));
            h.put("minibatchFeature", Boolean.toString(minibatchFeature));
            h.put("seed", Long.toString(seed));
            return h;
        }

        /**
         * The config a checkpoint header describes.
         *
         * @throws IllegalArgumentException naming the missing or malformed entry
         */
        public static Config fromHeader(Map<String, String> h) {
            try {
                return new Config(Integer.parseInt(get(h, "noiseDim")), Noise.valueOf(get(h, "noise")),
                        Integer.parseInt(get(h, "gDepth")), Integer.parseInt(get(h, "gWidth")),
                        Integer.parseInt(get(h, "dDepth")), Integer.parseInt(get(h, "dWidth")),
                        Activation.valueOf(get(h, "activation")), GanLoss.valueOf(get(h, "loss")),
                        Optimiser.valueOf(get(h, "optimiser")), Double.parseDouble(get(h, "lrD")),
                        Double.parseDouble(get(h, "lrG")), Double.parseDouble(get(h, "beta1")),
                        Double.parseDouble(get(h, "beta2")), Integer.parseInt(get(h, "batchSize")),
                        Integer.parseInt(get(h, "dSteps")), Integer.parseInt(get(h, "gSteps")),
                        Double.parseDouble(get(h, "gpWeight")), Double.parseDouble(get(h, "clip")),
                        Boolean.parseBoolean(get(h, "minibatchFeature")), Long.parseLong(get(h, "seed")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a GAN checkpoint header holds a malformed number: " + e.getMessage(), e);
            }
        }

        private static String get(Map<String, String> h, String key) {
            String v = h.get(key);
            if (v == null) {
                throw new IllegalArgumentException("a GAN checkpoint header has no '" + key + "'");
            }
            return v.trim();
        }

        private static void range(String name, int v, int lo, int hi) {
            if (v < lo || v > hi) {
                throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + v);
            }
        }

        private static void rate(String name, double v) {
            if (!(v > 0) || v > MAX_LEARNING_RATE) {
                throw new IllegalArgumentException(name + " must be in (0, " + MAX_LEARNING_RATE + "], got " + v);
            }
        }

        private static void beta(String name, double v) {
            if (!(v >= 0) || !(v < 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
            }
        }
    }

    /** What {@link #reconfigure} did: which network was re-initialised, and whether the optimiser state restarted. */
    public record Reconfigured(boolean generatorReinitialised, boolean discriminatorReinitialised,
                               boolean optimiserReset) {
        /** Nothing was re-initialised: every weight was kept. */
        public boolean keptWeights() {
            return !generatorReinitialised && !discriminatorReinitialised;
        }
    }

    /**
     * One D step, for slow motion: the batches it used (copies) and its losses.
     *
     * @param index     D steps taken before this one
     * @param loss      L_D on this batch, including the penalty
     * @param penalty   the gradient-penalty term λ E(‖∇d(x̂)‖ − 1)² (0 unless WGAN_GP)
     * @param meanReal  mean D output on the real batch: σ(d) for the logit losses, d otherwise
     * @param meanFake  the same on the fake batch
     */
    public record DStep(long index, double loss, double penalty, double meanReal, double meanFake,
                        double[] realXs, double[] realYs, double[] fakeXs, double[] fakeYs) {
        public DStep {
            realXs = realXs.clone();
            realYs = realYs.clone();
            fakeXs = fakeXs.clone();
            fakeYs = fakeYs.clone();
        }

        @Override
        public double[] realXs() {
            return realXs.clone();
        }

        @Override
        public double[] realYs() {
            return realYs.clone();
        }

        @Override
        public double[] fakeXs() {
            return fakeXs.clone();
        }

        @Override
        public double[] fakeYs() {
            return fakeYs.clone();
        }
    }

    /**
     * One G step: the fake batch before the update and the gradient arrows: (gradXs[i], gradYs[i]) =
     * ∂L_G/∂x_i, the gradient of the batch-mean generator loss with respect to fake point i (the
     * minibatch feature's path included); n times it is the point's own loss gradient. G moves its
     * points along −∂L_G/∂x as far as its parameters let it.
     *
     * @param index G steps taken before this one
     * @param loss  L_G on this batch
     */
    public record GStep(long index, double loss, double[] fakeXs, double[] fakeYs, double[] gradXs, double[] gradYs) {
        public GStep {
            fakeXs = fakeXs.clone();
            fakeYs = fakeYs.clone();
            gradXs = gradXs.clone();
            gradYs = gradYs.clone();
        }

        @Override
        public double[] fakeXs() {
            return fakeXs.clone();
        }

        @Override
        public double[] fakeYs() {
            return fakeYs.clone();
        }

        @Override
        public double[] gradXs() {
            return gradXs.clone();
        }

        @Override
        public double[] gradYs() {
            return gradYs.clone();
        }
    }

    /** One round of {@link #step}: its D steps, then its G steps, in order. */
    public record Round(List<DStep> dSteps, List<GStep> gSteps) {
        public Round {
            dSteps = List.copyOf(dSteps);
            gSteps = List.copyOf(gSteps);
        }

        /** L_D of the round's last D step. */
        public double lossD() {
            return dSteps.get(dSteps.size() - 1).loss();
        }

        /** L_G of the round's last G step. */
        public double lossG() {
            return gSteps.get(gSteps.size() - 1).loss();
        }
    }

    /** What D's output means on a grid: a probability σ(d), an LSGAN score d, or a critic value d. */
    public enum Output {
        PROBABILITY, SCORE, CRITIC
    }

    /**
     * D on a grid: values[j·nx + i] at the centre of cell (i, j) of an nx × ny grid over
     * [xmin, xmax] × [ymin, ymax], row j = 0 at ymin.
     */
    public record Grid(double xmin, double xmax, double ymin, double ymax, int nx, int ny, Output output,
                       double[] values) {
        public Grid {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public double value(int i, int j) {
            return values[j * nx + i];
        }

        public double min() {
            return Arrays.stream(values).filter(Double::isFinite).min().orElse(Double.NaN);
        }

        public double max() {
            return Arrays.stream(values).filter(Double::isFinite).max().orElse(Double.NaN);
        }
    }

    /** Points (copies in, copies out). */
    public record Points(double[] xs, double[] ys) {
        public Points {
            xs = xs.clone();
            ys = ys.clone();
        }

        @Override
        public double[] xs() {
            return xs.clone();
        }

        @Override
        public double[] ys() {
            return ys.clone();
        }

        public int size() {
            return xs.length;
        }
    }

    /**
     * G's image of a regular rows × cols grid in the plane of noise dimensions 1 and 2 (the others 0):
     * noise point (u_c, v_r), u_c = −extent + 2·extent·c/(cols − 1), v_r likewise over rows, maps to
     * (xs[r·cols + c], ys[r·cols + c]). With noise dim 1 only u enters, so every row is the same curve.
     */
    public record WarpedGrid(int rows, int cols, double extent, double[] xs, double[] ys) {
        public WarpedGrid {
            xs = xs.clone();
            ys = ys.clone();
        }

        @Override
        public double[] xs() {
            return xs.clone();
        }

        @Override
        public double[] ys() {
            return ys.clone();
        }
    }

    /** The loss curves: L_D of every D step and L_G of every G step, in order (copies). */
    public record Losses(double[] d, double[] g) {
        public Losses {
            d = d.clone();
            g = g.clone();
        }

        @Override
        public double[] d() {
            return d.clone();
        }

        @Override
        public double[] g() {
            return g.clone();
        }

        public double lastD() {
            return d.length == 0 ? Double.NaN : d[d.length - 1];
        }

        public double lastG() {
            return g.length == 0 ? Double.NaN : g[g.length - 1];
        }
    }

    /** Both networks' parameters (copies), for the divergence guard. */
    public record Parameters(double[] generator, double[] discriminator) {
        public Parameters {
            generator = generator.clone();
            discriminator = discriminator.clone();
        }

        @Override
        public double[] generator() {
            return generator.clone();
        }

        @Override
        public double[] discriminator() {
            return discriminator.clone();
        }
    }

    private static final double STD_EPS = 1e-8;
    private static final int GRID_CHUNK = 512;

    private Config config;
    /** Double-precision networks ({@link DoubleNet}) instead of the float ones: the tests' reference. */
    private final boolean exact;
    private Net g;
    private Net d;
    private Opt optG;
    private Opt optD;
    private SplittableRandom rng;
    private long dStepsTaken;
    private long gStepsTaken;
    private final Growing lossD = new Growing();
    private final Growing lossG = new Growing();
    /** The minibatch statistic of the last fake batch D saw, NaN before any (see {@link #discriminatorGrid}). */
    private double lastFakeStat = Double.NaN;
    private boolean lastLossDFinite = true;
    private boolean lastLossGFinite = true;

    // batch scratch, feature-major
    private double[][] noise = new double[0][];
    private double[] rx = new double[0];
    private double[] ry = new double[0];
    private double[] fx = new double[0];
    private double[] fy = new double[0];
    private double[] eps = new double[0];

    public Gan2D(Config config) {
        this(config, false);
    }

    /**
     * With {@code exact}, both networks compute in double ({@link DoubleNet}), for the tests: the same
     * parameters, sampling and optimiser as the float default, to about float rounding.
     */
    Gan2D(Config config, boolean exact) {
        this.config = Objects.requireNonNull(config, "config");
        this.exact = exact;
        SplittableRandom master = new SplittableRandom(config.seed());
        g = net(generatorSizes(config), config.activation(), master.nextLong());
        d = net(discriminatorSizes(config), config.activation(), master.nextLong());
        rng = master.split();
        optG = new Opt(config.optimiser(), g.p.length);
        optD = new Opt(config.optimiser(), d.p.length);
    }

    private Net net(int[] sizes, Activation act, long seed) {
        return exact ? new DoubleNet(sizes, act, seed) : new FloatNet(sizes, act, seed);
    }

    /** A data source that draws with replacement from these points (at least one, all finite). */
    public static DataSource2D pointSource(double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " and " + ys.length);
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException("no points to train on: draw some first");
        }
        PointSet set = new PointSet();
        for (int i = 0; i < xs.length; i++) {
            set.add(xs[i], ys[i]);
        }
        return DataSource2D.of(set.snapshot());
    }

    static int[] generatorSizes(Config c) {
        return sizes(c.noiseDim(), c.gDepth(), c.gWidth(), 2);
    }

    static int[] discriminatorSizes(Config c) {
        return sizes(c.minibatchFeature() ? 3 : 2, c.dDepth(), c.dWidth(), 1);
    }

    private static int[] sizes(int in, int depth, int width, int out) {
        int[] s = new int[depth + 2];
        s[0] = in;
        Arrays.fill(s, 1, depth + 1, width);
        s[depth + 1] = out;
        return s;
    }

    public Config config() {
        return config;
    }

    /**
     * Adopts a new config while training. Knobs that do not change the architecture (loss, optimiser,
     * learning rates, betas, batch size, k, λ, c, noise distribution) keep every weight; a changed G
     * architecture (noise dim, G depth or width, activation) re-initialises G, a changed D architecture
     * (D depth or width, activation, minibatch feature) re-initialises D, a changed seed re-initialises
     * both and restarts the sampling stream (a new seed is a new start). The optimiser state (Adam's
     * moments) of a re-initialised network restarts, and both restart when the optimiser kind changes;
     * a learning-rate change keeps the moments, as in a schedule. The loss curves are kept.
     */
    public Reconfigured reconfigure(Config next) {
        Objects.requireNonNull(next, "config");
        Config old = config;
        boolean seed = next.seed() != old.seed();
        SplittableRandom master = new SplittableRandom(next.seed());
        long gSeed = master.nextLong();
        long dSeed = master.nextLong();
        boolean newG = seed || !old.sameGenerator(next);
        boolean newD = seed || !old.sameDiscriminator(next);
        boolean newOpt = old.optimiser() != next.optimiser();
        if (newG) {
            g = net(generatorSizes(next), next.activation(), gSeed);
        }
        if (newD) {
            d = net(discriminatorSizes(next), next.activation(), dSeed);
            lastFakeStat = Double.NaN;
        }
        if (seed) {
            rng = master.split();
        }
        if (newG || newOpt) {
            optG = new Opt(next.optimiser(), g.p.length);
        }
        if (newD || newOpt) {
            optD = new Opt(next.optimiser(), d.p.length);
        }
        if (newG || newD) {
            lastLossDFinite = true;
            lastLossGFinite = true;
        }
        config = next;
        return new Reconfigured(newG, newD, newG || newD || newOpt);
    }

    /** Alias of {@link #reconfigure}, read as "this model with that config". */
    public Reconfigured withConfig(Config next) {
        return reconfigure(next);
    }

    // ------------------------------------------------------------------ training

    /** One D step on fresh draws of {@code data}. */
    public DStep stepD(ToyDistribution data) {
        return stepD(DataSource2D.of(data));
    }

    /**
     * One D (critic) step: a real batch from {@code data}, a fake batch G(z), L_D and its gradient,
     * one optimiser step (then clipping for WGAN_CLIP). G is not changed.
     */
    public DStep stepD(DataSource2D data) {
        int n = config.batchSize();
        ensureBatch(n);
        data.batch(n, rng, rx, ry);
        sampleNoise(n, rng, noise);
        for (int t = 0; t < n; t++) {
            eps[t] = rng.nextDouble();
        }
        double[] parts = new double[3];
        double loss = dLossAndGradient(n, parts);
        optD.step(d.p, d.g, config.lrD(), config);
        if (config.loss() == GanLoss.WGAN_CLIP) {
            double c = config.clip();
            double[] p = d.p;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.max(-c, Math.min(c, p[i]));
            }
        }
        lossD.add(loss);
        lastLossDFinite = Double.isFinite(loss);
        DStep r = new DStep(dStepsTaken++, loss, parts[0], parts[1], parts[2], Arrays.copyOf(rx, n), Arrays.copyOf(ry, n),
                Arrays.copyOf(fx, n), Arrays.copyOf(fy, n));
        return r;
    }

    /** One G step: a fake batch, L_G, the arrows ∂L_G/∂x, back-propagation into G, one optimiser step. D is not changed. */
    public GStep stepG() {
        int n = config.batchSize();
        ensureBatch(n);
        sampleNoise(n, rng, noise);
        double[] ax = new double[n];
        double[] ay = new double[n];
        double loss = gLossAndGradient(n, ax, ay);
        double[] bx = Arrays.copyOf(fx, n);
        double[] by = Arrays.copyOf(fy, n);
        optG.step(g.p, g.g, config.lrG(), config);
        lossG.add(loss);
        lastLossGFinite = Double.isFinite(loss);
        return new GStep(gStepsTaken++, loss, bx, by, ax, ay);
    }

    /** One round: k = {@link Config#dSteps()} D steps on fresh draws of {@code data}, then the G steps. */
    public Round step(ToyDistribution data) {
        return step(DataSource2D.of(data));
    }

    /** One round: k = {@link Config#dSteps()} D steps, then {@link Config#gSteps()} G steps. */
    public Round step(DataSource2D data) {
        List<DStep> ds = new ArrayList<>(config.dSteps());
        for (int i = 0; i < config.dSteps(); i++) {
            ds.add(stepD(data));
        }
        List<GStep> gs = new ArrayList<>(config.gSteps());
        for (int i = 0; i < config.gSteps(); i++) {
            gs.add(stepG());
        }
        return new Round(ds, gs);
    }

    public long dStepsTaken() {
        return dStepsTaken;
    }

    public long gStepsTaken() {
        return gStepsTaken;
    }

    /** The loss curves so far. */
    public Losses losses() {
        return new Losses(lossD.toArray(), lossG.toArray());
    }

    /** The last {@code max} entries of each loss curve (all of them when there are fewer), for a snapshot. */
    public Losses losses(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must be ≥ 0, got " + max);
        }
        return new Losses(lossD.tail(max), lossG.tail(max));
    }

    // ------------------------------------------------------------------ the losses and their gradients

    /**
     * L_D for the batch in rx, ry (real), noise (→ fx, fy) and eps (interpolation weights), with its
     * gradient in d.g (overwritten). parts = {penalty, mean D(real), mean D(fake)}.
     */
    double dLossAndGradient(int n, double[] parts) {
        generate(noise, n, fx, fy);
        GanLoss loss = config.loss();
        Arrays.fill(d.g, 0);
        // real points 0..n−1 and fake points n..2n−1 through D as one batch: one forward and one backward
        // pass over 2n points cost less than two over n (longer inner loops, half the per-pass overhead);
        // each half keeps its own minibatch statistic
        d.ensure(2 * n);
        double[][] in = d.input();
        System.arraycopy(rx, 0, in[0], 0, n);
        System.arraycopy(ry, 0, in[1], 0, n);
        System.arraycopy(fx, 0, in[0], n, n);
        System.arraycopy(fy, 0, in[1], n, n);
        if (config.minibatchFeature()) {
            Arrays.fill(in[2], 0, n, minibatchStat(rx, ry, n));
            lastFakeStat = minibatchStat(fx, fy, n);
            Arrays.fill(in[2], n, 2 * n, lastFakeStat);
        }
        double[] out = d.forward(2 * n);
        double[] dOut = d.outputGradient();
        double total = 0;
        double meanReal = 0;
        double meanFake = 0;
        for (int side = 0; side < 2; side++) {
            boolean real = side == 0;
            int from = real ? 0 : n;
            double sum = 0;
            double mean = 0;
            for (int t = from; t < from + n; t++) {
                double o = out[t];
                mean += loss.isProbabilistic() ? sigmoid(o) : o;
                switch (loss) {
                    case MINIMAX, NON_SATURATING -> {
                        // −log σ(o) = softplus(−o) for real, −log(1 − σ(o)) = softplus(o) for fake
                        sum += real ? softplus(-o) : softplus(o);
                        dOut[t] = (real ? -sigmoid(-o) : sigmoid(o)) / n;
                    }
                    case LEAST_SQUARES -> {
                        double e = real ? o - 1 : o;
                        sum += 0.5 * e * e;
                        dOut[t] = e / n;
                    }
                    default -> {
                        sum += real ? -o : o;
                        dOut[t] = (real ? -1.0 : 1.0) / n;
                    }
                }
            }
            total += sum / n;
            if (real) {
                meanReal = mean / n;
            } else {
                meanFake = mean / n;
            }
        }
        d.backward(2 * n, true, false);
        double penalty = 0;
        if (loss == GanLoss.WGAN_GP && config.gpWeight() > 0) {
            double[] hx = new double[n];
            double[] hy = new double[n];
            for (int t = 0; t < n; t++) {
                hx[t] = eps[t] * rx[t] + (1 - eps[t]) * fx[t];
                hy[t] = eps[t] * ry[t] + (1 - eps[t]) * fy[t];
            }
            loadD(hx, hy, n);
            d.forward(n);
            penalty = d.gradientPenalty(n, config.gpWeight());
            total += penalty;
        }
        parts[0] = penalty;
        parts[1] = meanReal;
        parts[2] = meanFake;
        return total;
    }

    /**
     * L_G for the noise batch in {@code noise}, with its gradient in g.g (overwritten) and the arrows
     * ∂L_G/∂x in ax, ay. Leaves the fake batch in fx, fy.
     */
    double gLossAndGradient(int n, double[] ax, double[] ay) {
        generate(noise, n, fx, fy);
        double loss = gLossAndArrows(fx, fy, n, ax, ay);
        Arrays.fill(g.g, 0);
        double[][] dOut = g.outputGradients();
        System.arraycopy(ax, 0, dOut[0], 0, n);
        System.arraycopy(ay, 0, dOut[1], 0, n);
        g.backward(n, true, false);
        return loss;
    }

    /** L_G as a function of the fake points alone, with ∂L_G/∂x into ax, ay; D's gradient is not touched. */
    double gLossAndArrows(double[] xs, double[] ys, int n, double[] ax, double[] ay) {
        GanLoss loss = config.loss();
        double s = loadD(xs, ys, n);
        lastFakeStat = s;
        double[] out = d.forward(n);
        double[] dOut = d.outputGradient();
        double sum = 0;
        for (int t = 0; t < n; t++) {
            double o = out[t];
            switch (loss) {
                case MINIMAX -> {
                    // log(1 − σ(o)) = −softplus(o)
                    sum -= softplus(o);
                    dOut[t] = -sigmoid(o) / n;
                }
                case NON_SATURATING -> {
                    sum += softplus(-o);
                    dOut[t] = -sigmoid(-o) / n;
                }
                case LEAST_SQUARES -> {
                    sum += 0.5 * (o - 1) * (o - 1);
                    dOut[t] = (o - 1) / n;
                }
                default -> {
                    sum -= o;
                    dOut[t] = -1.0 / n;
                }
            }
        }
        double[][] dIn = d.backward(n, false, true);
        for (int t = 0; t < n; t++) {
            ax[t] = dIn[0][t];
            ay[t] = dIn[1][t];
        }
        if (config.minibatchFeature()) {
            addStatGradient(xs, ys, n, dIn[2], ax, ay);
        }
        return sum / n;
    }

    /** Writes a batch into D's input (with the minibatch statistic, which it returns; NaN without). */
    private double loadD(double[] xs, double[] ys, int n) {
        d.ensure(n);
        double[][] in = d.input();
        System.arraycopy(xs, 0, in[0], 0, n);
        System.arraycopy(ys, 0, in[1], 0, n);
        if (!config.minibatchFeature()) {
            return Double.NaN;
        }
        double s = minibatchStat(xs, ys, n);
        Arrays.fill(in[2], 0, n, s);
        return s;
    }

    /** s = ½ (σ_x + σ_y), σ_c = √(Var_t x_{t,c} + 10⁻⁸) with the biased (1/n) variance. */
    static double minibatchStat(double[] xs, double[] ys, int n) {
        return 0.5 * (std(xs, n) + std(ys, n));
    }

    private static double std(double[] v, int n) {
        double mean = 0;
        for (int t = 0; t < n; t++) {
            mean += v[t];
        }
        mean /= n;
        double var = 0;
        for (int t = 0; t < n; t++) {
            double e = v[t] - mean;
            var += e * e;
        }
        return Math.sqrt(var / n + STD_EPS);
    }

    /** ∂L/∂x_{t,c} += (Σ_u ∂L/∂s_u) (x_{t,c} − x̄_c) / (2 n σ_c). */
    private static void addStatGradient(double[] xs, double[] ys, int n, double[] dStat, double[] ax, double[] ay) {
        double total = 0;
        for (int t = 0; t < n; t++) {
            total += dStat[t];
        }
        addStatGradient(xs, n, total, ax);
        addStatGradient(ys, n, total, ay);
    }

    private static void addStatGradient(double[] v, int n, double total, double[] out) {
        double mean = 0;
        for (int t = 0; t < n; t++) {
            mean += v[t];
        }
        mean /= n;
        double sd = std(v, n);
        double f = total / (2.0 * n * sd);
        for (int t = 0; t < n; t++) {
            out[t] += f * (v[t] - mean);
        }
    }

    /** Runs G on the first n noise vectors (feature-major) into xs, ys; G's caches hold the pass. */
    private void generate(double[][] z, int n, double[] xs, double[] ys) {
        g.ensure(n);
        double[][] in = g.input();
        for (int i = 0; i < z.length; i++) {
            System.arraycopy(z[i], 0, in[i], 0, n);
        }
        g.forward(n);
        double[][] out = g.output();
        System.arraycopy(out[0], 0, xs, 0, n);
        System.arraycopy(out[1], 0, ys, 0, n);
    }

    private void sampleNoise(int n, SplittableRandom r, double[][] z) {
        boolean gauss = config.noise() == Noise.GAUSSIAN;
        for (int t = 0; t < n; t++) {
            for (double[] zi : z) {
                zi[t] = gauss ? r.nextGaussian() : 2 * r.nextDouble() - 1;
            }
        }
    }

    private void ensureBatch(int n) {
        int m = config.noiseDim();
        if (noise.length != m || noise.length > 0 && noise[0].length < n) {
            int cap = Math.max(n, noise.length > 0 ? noise[0].length : 0);
            noise = new double[m][cap];
        }
        if (rx.length < n) {
            rx = new double[n];
            ry = new double[n];
            fx = new double[n];
            fy = new double[n];
            eps = new double[n];
        }
    }

    /** Test hook: sets the batch that {@link #dLossAndGradient} / {@link #gLossAndGradient} use. */
    void setBatch(double[] realXs, double[] realYs, double[][] z, double[] interpolation) {
        int n = realXs.length;
        ensureBatch(n);
        System.arraycopy(realXs, 0, rx, 0, n);
        System.arraycopy(realYs, 0, ry, 0, n);
        for (int i = 0; i < z.length; i++) {
            System.arraycopy(z[i], 0, noise[i], 0, n);
        }
        System.arraycopy(interpolation, 0, eps, 0, n);
    }

    /** Test hook: the generator loss ℓ of one point (x, y) with D's minibatch input held at s. */
    double frozenStatPointLoss(double x, double y, double s) {
        d.ensure(1);
        double[][] in = d.input();
        in[0][0] = x;
        in[1][0] = y;
        if (config.minibatchFeature()) {
            in[2][0] = s;
        }
        double o = d.forward(1)[0];
        return switch (config.loss()) {
            case MINIMAX -> -softplus(o);
            case NON_SATURATING -> softplus(-o);
            case LEAST_SQUARES -> 0.5 * (o - 1) * (o - 1);
            default -> -o;
        };
    }

    /** Test hook: the live parameter vectors (perturbed in place by finite-difference checks). */
    double[] liveGenerator() {
        return g.p;
    }

    double[] liveDiscriminator() {
        return d.p;
    }

    /** Test hook: the live gradient vectors after a loss-and-gradient call. */
    double[] generatorGradient() {
        return g.g.clone();
    }

    double[] discriminatorGradient() {
        return d.g.clone();
    }

    // ------------------------------------------------------------------ evaluation

    /**
     * D over a grid, one batched pass (in chunks of {@value #GRID_CHUNK} points): the value at the
     * centre of each of nx × ny cells over extent = {xmin, xmax, ymin, ymax}. The output is σ(d) for
     * the logit losses, d otherwise ({@link Grid#output()}). With the minibatch feature the grid is
     * not a batch: every point gets the statistic of the last fake batch D saw (of a fresh generated
     * batch before any step), i.e. the map shows D as it judges points of G's current batches.
     */
    public Grid discriminatorGrid(double[] extent, int nx, int ny) {
        checkExtent(extent);
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("grid needs at least 1 × 1 cells, got " + nx + " × " + ny);
        }
        double stat = 0;
        if (config.minibatchFeature()) {
            if (Double.isNaN(lastFakeStat)) {
                Points p = generate(config.batchSize(), config.seed());
                lastFakeStat = minibatchStat(p.xs, p.ys, p.size());
            }
            stat = lastFakeStat;
        }
        int total = nx * ny;
        double[] values = new double[total];
        double hx = (extent[1] - extent[0]) / nx;
        double hy = (extent[3] - extent[2]) / ny;
        boolean prob = config.loss().isProbabilistic();
        for (int start = 0; start < total; start += GRID_CHUNK) {
            int n = Math.min(GRID_CHUNK, total - start);
            d.ensure(n);
            double[][] in = d.input();
            for (int t = 0; t < n; t++) {
                int k = start + t;
                in[0][t] = extent[0] + (k % nx + 0.5) * hx;
                in[1][t] = extent[2] + (k / nx + 0.5) * hy;
            }
            if (config.minibatchFeature()) {
                Arrays.fill(in[2], 0, n, stat);
            }
            double[] out = d.forward(n);
            for (int t = 0; t < n; t++) {
                values[start + t] = prob ? sigmoid(out[t]) : out[t];
            }
        }
        Output kind = prob ? Output.PROBABILITY : config.loss().isWasserstein() ? Output.CRITIC : Output.SCORE;
        return new Grid(extent[0], extent[1], extent[2], extent[3], nx, ny, kind, values);
    }

    /** n samples of G from noise drawn with its own generator seeded by {@code seed}; training's stream is untouched. */
    public Points generate(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("sample count must be ≥ 0, got " + n);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] xs = new double[n];
        double[] ys = new double[n];
        int m = config.noiseDim();
        double[][] z = new double[m][GRID_CHUNK];
        double[] bx = new double[GRID_CHUNK];
        double[] by = new double[GRID_CHUNK];
        for (int start = 0; start < n; start += GRID_CHUNK) {
            int c = Math.min(GRID_CHUNK, n - start);
            sampleNoise(c, r, z);
            generate(z, c, bx, by);
            System.arraycopy(bx, 0, xs, start, c);
            System.arraycopy(by, 0, ys, start, c);
        }
        return new Points(xs, ys);
    }

    /** G at given noise vectors z[i][t] (noise dim × n), e.g. to follow fixed points through training. */
    public Points generateAt(double[][] z) {
        if (z.length != config.noiseDim()) {
            throw new IllegalArgumentException("noise has dimension " + config.noiseDim() + ", got " + z.length + " rows");
        }
        int n = z.length == 0 ? 0 : z[0].length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        double[][] chunk = new double[z.length][GRID_CHUNK];
        double[] bx = new double[GRID_CHUNK];
        double[] by = new double[GRID_CHUNK];
        for (int start = 0; start < n; start += GRID_CHUNK) {
            int c = Math.min(GRID_CHUNK, n - start);
            for (int i = 0; i < z.length; i++) {
                System.arraycopy(z[i], start, chunk[i], 0, c);
            }
            generate(chunk, c, bx, by);
            System.arraycopy(bx, 0, xs, start, c);
            System.arraycopy(by, 0, ys, start, c);
        }
        return new Points(xs, ys);
    }

    /**
     * G's image of a rows × cols grid over [−extent, extent]² in the plane of noise dimensions 1 and 2,
     * the others 0 (see {@link WarpedGrid}); for uniform noise extent 1 covers the support, for Gaussian
     * noise 2 or 3 covers most of the mass.
     */
    public WarpedGrid mapGrid(double extent, int rows, int cols) {
        if (!(extent > 0) || Double.isInfinite(extent)) {
            throw new IllegalArgumentException("noise extent must be finite and > 0, got " + extent);
        }
        if (rows < 2 || cols < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 × 2 nodes, got " + rows + " × " + cols);
        }
        int m = config.noiseDim();
        double[][] z = new double[m][rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = r * cols + c;
                z[0][k] = -extent + 2 * extent * c / (cols - 1);
                if (m > 1) {
                    z[1][k] = -extent + 2 * extent * r / (rows - 1);
                }
            }
        }
        Points p = generateAt(z);
        return new WarpedGrid(rows, cols, extent, p.xs, p.ys);
    }

    private static void checkExtent(double[] e) {
        if (e == null || e.length != 4 || !(e[1] > e[0]) || !(e[3] > e[2])
                || !Double.isFinite(e[0]) || !Double.isFinite(e[1]) || !Double.isFinite(e[2]) || !Double.isFinite(e[3])) {
            throw new IllegalArgumentException("extent must be {xmin, xmax, ymin, ymax} with min < max, got "
                    + Arrays.toString(e));
        }
    }

    // ------------------------------------------------------------------ divergence guard

    /**
     * True when every parameter of both networks is finite and so were the losses of the last D and G
     * steps since the parameters were last set ({@link #setParameters}, {@link #load}): after the
     * divergence guard restores a good state this is true again although the curves keep their NaN.
     */
    public boolean isFinite() {
        return allFinite(g.p) && allFinite(d.p) && lastLossDFinite && lastLossGFinite;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** A copy of both networks' parameters. */
    public Parameters parameters() {
        return new Parameters(g.p, d.p);
    }

    /**
     * Restores parameters saved with {@link #parameters()} for the current architecture and restarts
     * the optimisers (a diverged Adam's moments may hold NaN or huge values).
     */
    public void setParameters(Parameters p) {
        if (p.generator.length != g.p.length || p.discriminator.length != d.p.length) {
            throw new IllegalArgumentException("parameters do not fit this architecture: G needs " + g.p.length
                    + " and D " + d.p.length + ", got " + p.generator.length + " and " + p.discriminator.length);
        }
        System.arraycopy(p.generator, 0, g.p, 0, g.p.length);
        System.arraycopy(p.discriminator, 0, d.p, 0, d.p.length);
        optG = new Opt(config.optimiser(), g.p.length);
        optD = new Opt(config.optimiser(), d.p.length);
        lastFakeStat = Double.NaN;
        lastLossDFinite = true;
        lastLossGFinite = true;
    }

    /** How far training went: D and G steps taken and losses recorded ({@link #rewind} returns there). */
    public record Progress(long dSteps, long gSteps, int dLosses, int gLosses) {
    }

    public Progress progress() {
        return new Progress(dStepsTaken, gStepsTaken, lossD.size, lossG.size);
    }

    /**
     * Back to an earlier {@link #progress()}, with {@link #setParameters} (a divergence guard's restore): the step
     * counts are that state's and the losses of the steps since are forgotten, so {@link #losses(int)} ends where
     * the restored weights were.
     */
    public void rewind(Progress p) {
        dStepsTaken = Math.min(dStepsTaken, p.dSteps());
        gStepsTaken = Math.min(gStepsTaken, p.gSteps());
        lossD.size = Math.min(lossD.size, p.dLosses());
        lossG.size = Math.min(lossG.size, p.gLosses());
    }

    // ------------------------------------------------------------------ checkpoints

    /** The model as a checkpoint: id {@value #MODEL_ID}, the config as header, G's then D's parameters as floats. */
    public Checkpoint toCheckpoint() {
        Map<String, String> h = config.toHeader();
        h.put("gParams", Integer.toString(g.p.length));
        h.put("dParams", Integer.toString(d.p.length));
        h.put("dStepsTaken", Long.toString(dStepsTaken));
        h.put("gStepsTaken", Long.toString(gStepsTaken));
        float[] f = new float[g.p.length + d.p.length];
        for (int i = 0; i < g.p.length; i++) {
            f[i] = (float) g.p[i];
        }
        for (int i = 0; i < d.p.length; i++) {
            f[g.p.length + i] = (float) d.p[i];
        }
        return new Checkpoint(MODEL_ID, h, f);
    }

    /** A new model with the checkpoint's config and parameters. */
    public static Gan2D fromCheckpoint(Checkpoint c) {
        requireId(c);
        Gan2D gan = new Gan2D(Config.fromHeader(c.header()));
        gan.load(c);
        return gan;
    }

    /**
     * Loads a checkpoint's parameters into this model, whose config must match the checkpoint's in
     * every field. The optimisers restart.
     *
     * @throws IllegalArgumentException for a checkpoint of another model or a config that differs; the
     *                                  message lists each differing field with both values
     */
    public void load(Checkpoint c) {
        requireId(c);
        Config theirs = Config.fromHeader(c.header());
        if (!theirs.equals(config)) {
            Map<String, String> mine = config.toHeader();
            Map<String, String> other = theirs.toHeader();
            List<String> diffs = new ArrayList<>();
            for (Map.Entry<String, String> e : mine.entrySet()) {
                String o = other.get(e.getKey());
                if (!e.getValue().equals(o)) {
                    diffs.add(e.getKey() + " is " + o + " in the checkpoint but " + e.getValue() + " here");
                }
            }
            throw new IllegalArgumentException("the GAN checkpoint does not match this model's config: "
                    + String.join("; ", diffs));
        }
        float[] f = c.params();
        if (f.length != g.p.length + d.p.length) {
            throw new IllegalArgumentException("the GAN checkpoint holds " + f.length + " parameters, its config needs "
                    + (g.p.length + d.p.length));
        }
        double[] gp = new double[g.p.length];
        double[] dp = new double[d.p.length];
        for (int i = 0; i < gp.length; i++) {
            gp[i] = f[i];
        }
        for (int i = 0; i < dp.length; i++) {
            dp[i] = f[gp.length + i];
        }
        setParameters(new Parameters(gp, dp));
        String ds = c.header().get("dStepsTaken");
        String gs = c.header().get("gStepsTaken");
        dStepsTaken = ds == null ? 0 : Long.parseLong(ds.trim());
        gStepsTaken = gs == null ? 0 : Long.parseLong(gs.trim());
    }

    private static void requireId(Checkpoint c) {
        if (!MODEL_ID.equals(c.modelId())) {
            throw new IllegalArgumentException("not a 2-D GAN checkpoint: its model id is '" + c.modelId() + "', expected '"
                    + MODEL_ID + "'");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Gan2D[%s, G %s, D %s, %d D / %d G steps]", config.loss(),
                Arrays.toString(g.sizes), Arrays.toString(d.sizes), dStepsTaken, gStepsTaken);
    }

    // ------------------------------------------------------------------ small maths

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** log(1 + eˣ) without overflow. */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** A growable double list. */
    private static final class Growing {
        double[] a = new double[256];
        int size;

        void add(double v) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        double last() {
            return a[size - 1];
        }

        double[] toArray() {
            return Arrays.copyOf(a, size);
        }

        double[] tail(int max) {
            return Arrays.copyOfRange(a, Math.max(0, size - max), size);
        }
    }

    // ------------------------------------------------------------------ optimiser

    /** SGD or Adam on a flat double vector (Adam in the ε̂ form of {@link dev.genlab.model.nn.Adam}). */
    private static final class Opt {
        final Optimiser kind;
        final double[] m;
        final double[] v;
        int t;

        Opt(Optimiser kind, int size) {
            this.kind = kind;
            m = kind == Optimiser.ADAM ? new double[size] : new double[0];
            v = kind == Optimiser.ADAM ? new double[size] : new double[0];
        }

        void step(double[] p, double[] grad, double lr, Config c) {
            if (kind == Optimiser.SGD) {
                for (int i = 0; i < p.length; i++) {
                    p[i] -= lr * grad[i];
                }
                return;
            }
            t++;
            double b1 = c.beta1();
            double b2 = c.beta2();
            double at = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < p.length; i++) {
                double gi = grad[i];
                m[i] = b1 * m[i] + (1 - b1) * gi;
                v[i] = b2 * v[i] + (1 - b2) * gi * gi;
                p[i] -= at * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
    }

    // ------------------------------------------------------------------ the networks

    /**
     * A plain-Java MLP: sizes[0] inputs → hidden layers with ReLU / leaky ReLU → sizes[L] linear outputs.
     * Parameters in one flat double vector, layer by layer: W (in × out, column-major: W[r, c] at c·in + r),
     * then b (the layout of {@link dev.genlab.model.nn.Mlp}); W Glorot-uniform from one
     * SplittableRandom(seed), b = 0. The caller writes a batch feature-major (input()[unit][point]) and
     * reads the output the same way; gradients are added to {@link #g}. The optimiser and the checkpoints
     * see only {@link #p} and {@link #g}, so how an implementation computes is its own business:
     * {@link FloatNet} (the default, float arithmetic) or {@link DoubleNet} (double, the reference that
     * the finite-difference tests check).
     */
    abstract static class Net {
        final int[] sizes;
        final int layers;
        final double slope;
        final int[] offW;
        final int[] offB;
        final double[] p;
        final double[] g;

        Net(int[] sizes, Activation act, long seed) {
            this.sizes = sizes.clone();
            this.layers = sizes.length - 1;
            this.slope = act == Activation.LEAKY_RELU ? Activation.LEAKY_SLOPE : 0.0;
            offW = new int[layers];
            offB = new int[layers];
            int off = 0;
            for (int k = 0; k < layers; k++) {
                offW[k] = off;
                off += sizes[k] * sizes[k + 1];
                offB[k] = off;
                off += sizes[k + 1];
            }
            p = new double[off];
            g = new double[off];
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 0; k < layers; k++) {
                double limit = Math.sqrt(6.0 / (sizes[k] + sizes[k + 1]));
                for (int i = 0; i < sizes[k] * sizes[k + 1]; i++) {
                    p[offW[k] + i] = (2 * r.nextDouble() - 1) * limit;
                }
            }
        }

        /** Room for batches of n points. */
        abstract void ensure(int n);

        /** Where the caller writes the batch, [input unit][point]. */
        abstract double[][] input();

        /** The last forward pass's outputs, [output unit][point] (live). */
        abstract double[][] output();

        /** Where the caller writes dL/d(output 0) before {@link #backward}. */
        final double[] outputGradient() {
            return outputGradients()[0];
        }

        abstract double[][] outputGradients();

        /** Forward pass on the first n points of {@link #input()} with the current {@link #p}; returns output 0 (live). */
        abstract double[] forward(int n);

        /**
         * Back-propagates dL/d(output) written into {@link #outputGradients()} through the last forward
         * pass: adds dL/dθ to g when {@code accumulate}, and returns dL/d(input) (live) when
         * {@code inputGradient}, else null.
         */
        abstract double[][] backward(int n, boolean accumulate, boolean inputGradient);

        /**
         * After {@link #forward} of a batch x̂ (single output): the gradient penalty
         * P = (λ/n) Σ_t (‖∇_{x̂_t} d‖ − 1)² over input coordinates 0 and 1, with ∂P/∂θ added to g.
         */
        abstract double gradientPenalty(int n, double lambda);
    }

    /**
     * The double-precision {@link Net}, the reference the finite-difference tests check and
     * {@link FloatNet} is compared against (package-private constructor {@code Gan2D(config, true)}).
     * Activations are feature-major: a[k][unit][point], so every inner loop runs over the batch.
     */
    static final class DoubleNet extends Net {
        private int cap;
        /** a[0] input, a[k] hidden activations, a[L] output; z[k] is the same array as a[k] (see ensure). */
        private double[][][] a;
        private double[][][] z;
        /** dL/dz per layer (δ_k in the penalty pass). */
        private double[][][] dz;
        /** dL/da per layer below the output (g_k in the penalty pass). */
        private double[][][] da;
        /** The penalty's reverse pass: u_k = ∂P/∂g_k; allocated on the first penalty. */
        private double[][][] u;

        DoubleNet(int[] sizes, Activation act, long seed) {
            super(sizes, act, seed);
        }

        @Override
        void ensure(int n) {
            if (n <= cap) {
                return;
            }
            cap = Math.max(n, 16);
            a = new double[layers + 1][][];
            z = new double[layers + 1][][];
            dz = new double[layers + 1][][];
            da = new double[layers][][];
            u = null;
            for (int k = 0; k <= layers; k++) {
                // a hidden layer's activation overwrites its pre-activation in place: the masks need only
                // the sign of z, and f(z) > 0 exactly when z > 0 for ReLU and leaky ReLU
                a[k] = new double[sizes[k]][cap];
                if (k > 0) {
                    z[k] = a[k];
                    dz[k] = new double[sizes[k]][cap];
                }
                if (k < layers) {
                    da[k] = new double[sizes[k]][cap];
                }
            }
        }

        @Override
        double[][] input() {
            return a[0];
        }

        @Override
        double[][] output() {
            return a[layers];
        }

        @Override
        double[][] outputGradients() {
            return dz[layers];
        }

        @Override
        double[] forward(int n) {
            for (int k = 1; k <= layers; k++) {
                int in = sizes[k - 1];
                int out = sizes[k];
                double[][] h = a[k - 1];
                int w0 = offW[k - 1];
                for (int j = 0; j < out; j++) {
                    double[] zj = z[k][j];
                    Arrays.fill(zj, 0, n, p[offB[k - 1] + j]);
                    int wc = w0 + j * in;
                    int i = 0;
                    for (; i + 3 < in; i += 4) {
                        double wa = p[wc + i];
                        double wb = p[wc + i + 1];
                        double wcc = p[wc + i + 2];
                        double wd = p[wc + i + 3];
                        double[] ha = h[i];
                        double[] hb = h[i + 1];
                        double[] hc = h[i + 2];
                        double[] hd = h[i + 3];
                        for (int t = 0; t < n; t++) {
                            zj[t] += wa * ha[t] + wb * hb[t] + wcc * hc[t] + wd * hd[t];
                        }
                    }
                    for (; i < in; i++) {
                        double w = p[wc + i];
                        double[] hi = h[i];
                        for (int t = 0; t < n; t++) {
                            zj[t] += w * hi[t];
                        }
                    }
                    if (k < layers) {
                        double[] aj = a[k][j];
                        double s = slope;
                        for (int t = 0; t < n; t++) {
                            double v = zj[t];
                            aj[t] = v > 0 ? v : s * v;
                        }
                    }
                }
            }
            return a[layers][0];
        }

        @Override
        double[][] backward(int n, boolean accumulate, boolean inputGradient) {
            for (int k = layers; k >= 1; k--) {
                int in = sizes[k - 1];
                int out = sizes[k];
                double[][] dzk = dz[k];
                if (k < layers) {
                    double[][] dak = da[k];
                    double[][] zk = z[k];
                    double s = slope;
                    for (int j = 0; j < out; j++) {
                        double[] dzj = dzk[j];
                        double[] daj = dak[j];
                        double[] zj = zk[j];
                        for (int t = 0; t < n; t++) {
                            dzj[t] = zj[t] > 0 ? daj[t] : s * daj[t];
                        }
                    }
                }
                if (accumulate) {
                    accumulateWeights(k, dzk, a[k - 1], n);
                    for (int j = 0; j < out; j++) {
                        double[] dzj = dzk[j];
                        double sum = 0;
                        for (int t = 0; t < n; t++) {
                            sum += dzj[t];
                        }
                        g[offB[k - 1] + j] += sum;
                    }
                }
                if (k > 1 || inputGradient) {
                    multiplyDown(k, dzk, da[k - 1], n);
                }
            }
            return inputGradient ? da[0] : null;
        }

        /** gW_k[i, j] += Σ_t left[i][t] · right[j][t]: four dot products at a time. */
        private void accumulateWeights(int k, double[][] right, double[][] left, int n) {
            int in = sizes[k - 1];
            int out = sizes[k];
            int w0 = offW[k - 1];
            for (int j = 0; j < out; j++) {
                double[] rj = right[j];
                int wc = w0 + j * in;
                int i = 0;
                for (; i + 3 < in; i += 4) {
                    double[] la = left[i];
                    double[] lb = left[i + 1];
                    double[] lc = left[i + 2];
                    double[] ld = left[i + 3];
                    double sa = 0;
                    double sb = 0;
                    double sc = 0;
                    double sd = 0;
                    for (int t = 0; t < n; t++) {
                        double r = rj[t];
                        sa += la[t] * r;
                        sb += lb[t] * r;
                        sc += lc[t] * r;
                        sd += ld[t] * r;
                    }
                    g[wc + i] += sa;
                    g[wc + i + 1] += sb;
                    g[wc + i + 2] += sc;
                    g[wc + i + 3] += sd;
                }
                for (; i < in; i++) {
                    double[] li = left[i];
                    double s = 0;
                    for (int t = 0; t < n; t++) {
                        s += li[t] * rj[t];
                    }
                    g[wc + i] += s;
                }
            }
        }

        /** below[i][t] = Σ_j W_k[i, j] · above[j][t]. */
        private void multiplyDown(int k, double[][] above, double[][] below, int n) {
            int in = sizes[k - 1];
            int out = sizes[k];
            int w0 = offW[k - 1];
            for (int i = 0; i < in; i++) {
                double[] bi = below[i];
                Arrays.fill(bi, 0, n, 0.0);
                int j = 0;
                for (; j + 3 < out; j += 4) {
                    double wa = p[w0 + j * in + i];
                    double wb = p[w0 + (j + 1) * in + i];
                    double wc = p[w0 + (j + 2) * in + i];
                    double wd = p[w0 + (j + 3) * in + i];
                    double[] xa = above[j];
                    double[] xb = above[j + 1];
                    double[] xc = above[j + 2];
                    double[] xd = above[j + 3];
                    for (int t = 0; t < n; t++) {
                        bi[t] += wa * xa[t] + wb * xb[t] + wc * xc[t] + wd * xd[t];
                    }
                }
                for (; j < out; j++) {
                    double w = p[w0 + j * in + i];
                    double[] xj = above[j];
                    for (int t = 0; t < n; t++) {
                        bi[t] += w * xj[t];
                    }
                }
            }
        }

        /**
         * After {@link #forward} of a batch x̂ (single output): the gradient penalty
         * P = (λ/n) Σ_t (‖∇_{x̂_t} d‖ − 1)² over input coordinates 0 and 1, with ∂P/∂θ added to g.
         *
         * <p>Forward-over-input: δ_L = 1, g_{L−1} = w_L; δ_k = m_k ⊙ g_k, g_{k−1} = W_k δ_k
         * (m_k = f'(z_k), constant a.e. for piecewise-linear f). Reverse over that: u_0 = ∂P/∂g_0,
         * then for k = 1..L−1: ∂P/∂W_k += u_{k−1} δ_kᵀ, u_k = m_k ⊙ (W_kᵀ u_{k−1}); finally
         * ∂P/∂w_L += u_{L−1}. Biases do not enter ∇ₓd.
         */
        @Override
        double gradientPenalty(int n, double lambda) {
            int last = layers;
            if (u == null) {
                u = new double[layers][][];
                for (int k = 0; k < layers; k++) {
                    u[k] = new double[sizes[k]][cap];
                }
            }
            // g_{L-1}[i][t] = W_L[i, 0]
            for (int i = 0; i < sizes[last - 1]; i++) {
                Arrays.fill(da[last - 1][i], 0, n, p[offW[last - 1] + i]);
            }
            double s = slope;
            for (int k = last - 1; k >= 1; k--) {
                for (int j = 0; j < sizes[k]; j++) {
                    double[] dzj = dz[k][j];
                    double[] gj = da[k][j];
                    double[] zj = z[k][j];
                    for (int t = 0; t < n; t++) {
                        dzj[t] = zj[t] > 0 ? gj[t] : s * gj[t];
                    }
                }
                multiplyDown(k, dz[k], da[k - 1], n);
            }
            double[] gx = da[0][0];
            double[] gy = da[0][1];
            double penalty = 0;
            for (int c = 0; c < sizes[0]; c++) {
                Arrays.fill(u[0][c], 0, n, 0.0);
            }
            for (int t = 0; t < n; t++) {
                double norm = Math.sqrt(gx[t] * gx[t] + gy[t] * gy[t] + 1e-12);
                double e = norm - 1;
                penalty += e * e;
                double f = lambda * 2 * e / (norm * n);
                u[0][0][t] = f * gx[t];
                u[0][1][t] = f * gy[t];
            }
            for (int k = 1; k <= last - 1; k++) {
                accumulateWeights(k, dz[k], u[k - 1], n);
                int in = sizes[k - 1];
                int out = sizes[k];
                int w0 = offW[k - 1];
                for (int j = 0; j < out; j++) {
                    double[] uj = u[k][j];
                    Arrays.fill(uj, 0, n, 0.0);
                    int wc = w0 + j * in;
                    for (int i = 0; i < in; i++) {
                        double w = p[wc + i];
                        double[] ui = u[k - 1][i];
                        for (int t = 0; t < n; t++) {
                            uj[t] += w * ui[t];
                        }
                    }
                    double[] zj = z[k][j];
                    for (int t = 0; t < n; t++) {
                        if (!(zj[t] > 0)) {
                            uj[t] *= s;
                        }
                    }
                }
            }
            int wl = offW[last - 1];
            for (int i = 0; i < sizes[last - 1]; i++) {
                double[] ui = u[last - 1][i];
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    sum += ui[t];
                }
                g[wl + i] += sum;
            }
            return lambda * penalty / n;
        }
    }
}
