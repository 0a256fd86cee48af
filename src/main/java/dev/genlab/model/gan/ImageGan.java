package dev.genlab.model.gan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.StepWorkspace;

/**
 * A generative adversarial network on images of D pixels (Goodfellow et al. 2014, "Generative
 * Adversarial Nets", NeurIPS), both players multilayer perceptrons, optionally conditioned on a
 * class label (Mirza &amp; Osindero 2014, "Conditional Generative Adversarial Nets", arXiv:1411.1784).
 *
 * <h2>Players</h2>
 * Generator: z ~ N(0, I_N) ↦ G(z) = sigmoid(MLP_G(z)) ∈ (0, 1)ᴰ, the pixel means (grey levels),
 * through {@link Config#generatorLayers()} hidden layers of {@link Config#generatorHidden()} units
 * (leaky ReLU with slope {@link Config#generatorSlope()}, 0 = ReLU). Discriminator:
 * D(x) = sigmoid(a(x)), a(x) = MLP_D(x) one logit, through {@link Config#discriminatorLayers()}
 * hidden layers of {@link Config#discriminatorHidden()} leaky ReLUs of slope {@link #D_SLOPE}
 * (as Radford, Metz &amp; Chintala 2016, "Unsupervised Representation Learning with Deep
 * Convolutional Generative Adversarial Networks", ICLR, which this MLP version borrows from: leaky
 * ReLU 0.2 in D, Adam at 2·10⁻⁴ with β₁ = 0.5). Conditional ({@link Config#classes()} = C &gt; 0):
 * G(z, y) and D(x, y) take the one-hot label y ∈ {0, 1}ᶜ concatenated to their input; the model then
 * learns p(x | y), and the student picks the digit.
 *
 * <h2>The game</h2>
 * <pre>
 *   min_G max_D V(D, G) = E_{x~p_data} log D(x) + E_{z~N(0,I)} log(1 − D(G(z)))
 * </pre>
 * estimated on batches. A {@link #stepD discriminator step} is one Adam step of D down
 * L_D = −(1/n) Σ log D(xᵢ) − (1/n) Σ log(1 − D(G(zᵢ))) = (1/n) Σ softplus(−a(xᵢ)) + (1/n) Σ softplus(a(G(zᵢ))),
 * with ∂L_D/∂a = (σ(a) − 1)/n on a real image and σ(a)/n on a fake. A {@link #stepG generator step}
 * is one Adam step of G down
 * <pre>
 *   MINIMAX          L_G = (1/n) Σ log(1 − D(G(zᵢ))) = −(1/n) Σ softplus(a),   ∂L_G/∂a = −σ(a)/n
 *   NON_SATURATING   L_G = −(1/n) Σ log D(G(zᵢ))    =  (1/n) Σ softplus(−a),  ∂L_G/∂a = (σ(a) − 1)/n
 * </pre>
 * Early on D rejects the fakes, σ(a) ≈ 0, so the minimax gradient vanishes (G "saturates") while
 * the non-saturating one, Goodfellow et al.'s practical fix, is strongest there; both have the same
 * fixed point. G's gradient flows back through D (whose parameters stay as they are: D's parameter
 * gradients are not even computed), then through the sigmoid, ∂L/∂(G's logits) = ∂L/∂G(z) ⊙ G(z)(1 − G(z)),
 * then through G's MLP ({@link ImageGanNet}). The discriminator step's fakes take the real batch's
 * labels (so D compares like with like); the generator step draws labels uniformly.
 *
 * <h2>Implementation</h2>
 * ND4J in float32 (DOUBLE for the gradient checks), hand-written backprop, every product one
 * {@code Nd4j.gemm} on column-major arrays, a plain-Java Adam per player ({@link dev.genlab.model.nn.FloatAdam}), one
 * {@link StepWorkspace}; the per-image losses on the n logits are plain Java (a few dozen numbers
 * cost less than an ND4J call). Images are count × D row-major floats in [0, 1], labels int[] in
 * [0, C) (null when unconditional), noise count × N row-major floats.
 * <b>Trainer thread only</b>: every method but {@link #config()} and {@link #numParams()} runs ND4J in
 * this model's workspace, which belongs to the first thread that used it; hand the UI copies
 * ({@link #generate} returns plain arrays).
 */
public final class ImageGan {

    /** The generator's objective. */
    public enum Loss { NON_SATURATING, MINIMAX }

    /** The discriminator's leaky ReLU slope. */
    public static final double D_SLOPE = 0.2;
    /** Header key "family" of every ImageGan checkpoint. */
    public static final String FAMILY = "image-gan";
    /** Version of the parameter layout in a checkpoint. */
    public static final int FORMAT = 1;
    /** The shipped unconditional GAN of the built-in digits. */
    public static final String DIGITS_CHECKPOINT = "/genlab/checkpoints/gan-digits.bin.gz";
    /** The shipped conditional GAN of the built-in digits (10 classes). */
    public static final String CONDITIONAL_DIGITS_CHECKPOINT = "/genlab/checkpoints/cgan-digits.bin.gz";

    /** Images per forward pass in {@link #generate} and {@link #discriminate}. */
    private static final int CHUNK = 256;

    /**
     * The architecture and training settings.
     *
     * @param rows                image height (D = rows × cols pixels)
     * @param cols                image width
     * @param noiseDim            N, the dimension of z ~ N(0, I)
     * @param generatorHidden     units per hidden layer of G
     * @param generatorLayers     hidden layers of G, 1 or 2
     * @param generatorSlope      G's leaky ReLU slope in [0, 1) (0 = ReLU)
     * @param discriminatorHidden units per hidden layer of D
     * @param discriminatorLayers hidden layers of D, 1 or 2
     * @param classes             0 for an unconditional GAN, else C ≥ 2 classes (conditional GAN)
     * @param loss                the generator's loss
     * @param lrD                 Adam step size of D
     * @param lrG                 Adam step size of G
     * @param beta1               Adam's β₁ for both players (0.5 for GANs)
     * @param batch               images per step (the generator step's batch; stepD takes what it is given)
     * @param seed                the seed of the Glorot initialisation (G from seed, D from seed + 1)
     */
    public record Config(int rows, int cols, int noiseDim, int generatorHidden, int generatorLayers,
                         double generatorSlope, int discriminatorHidden, int discriminatorLayers, int classes,
                         Loss loss, double lrD, double lrG, double beta1, int batch, long seed) {

        public Config {
            if (rows < 1 || cols < 1) {
                throw new IllegalArgumentException("image size must be positive, got " + rows + " × " + cols);
            }
            if ((long) rows * cols > 1 << 20) {
                throw new IllegalArgumentException("images of " + rows + " × " + cols + " pixels are too large");
            }
            if (noiseDim < 1) {
                throw new IllegalArgumentException("noise dimension must be at least 1, got " + noiseDim);
            }
            if (generatorHidden < 1 || discriminatorHidden < 1) {
                throw new IllegalArgumentException("hidden widths must be at least 1, got G " + generatorHidden
                        + " and D " + discriminatorHidden);
            }
            if (generatorLayers < 1 || generatorLayers > 2 || discriminatorLayers < 1 || discriminatorLayers > 2) {
                throw new IllegalArgumentException("each network has 1 or 2 hidden layers, got G " + generatorLayers
                        + " and D " + discriminatorLayers);
            }
            if (!(generatorSlope >= 0 && generatorSlope < 1)) {
                throw new IllegalArgumentException("the generator's leaky ReLU slope must be in [0, 1), got " + generatorSlope);
            }
            if (classes < 0 || classes == 1) {
                throw new IllegalArgumentException("classes must be 0 (unconditional) or at least 2, got " + classes);
            }
            Objects.requireNonNull(loss, "loss");
            if (!(lrD > 0) || !(lrG > 0) || Double.isInfinite(lrD) || Double.isInfinite(lrG)) {
                throw new IllegalArgumentException("learning rates must be positive and finite, got D " + lrD + " and G " + lrG);
            }
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("Adam's beta1 must be in [0, 1), got " + beta1);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be at least 1, got " + batch);
            }
        }

        /**
         * The defaults for rows × cols images: N = 64, G and D one hidden layer of 256 (G leaky 0.2),
         * unconditional, non-saturating, Adam 2·10⁻⁴ for both with β₁ = 0.5, batch 64, seed 1.
         */
        public static Config defaults(int rows, int cols) {
            return new Config(rows, cols, 64, 256, 1, 0.2, 256, 1, 0, Loss.NON_SATURATING, 2e-4, 2e-4, 0.5, 64, 1);
        }

        /** {@link #defaults} for 28 × 28 digits. */
        public static Config digits() {
            return defaults(28, 28);
        }

        /** Pixels per image, D = rows × cols. */
        public int pixels() {
            return rows * cols;
        }

        public boolean conditional() {
            return classes > 0;
        }

        public Config withClasses(int c) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, c, loss, lrD, lrG, beta1, batch, seed);
        }

        public Config withLoss(Loss l) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, classes, l, lrD, lrG, beta1, batch, seed);
        }

        public Config withSeed(long s) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, classes, loss, lrD, lrG, beta1, batch, s);
        }

        public Config withNoiseDim(int n) {
            return new Config(rows, cols, n, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, classes, loss, lrD, lrG, beta1, batch, seed);
        }

        /** Other widths and depths (G's slope kept). */
        public Config withNetworks(int gHidden, int gLayers, int dHidden, int dLayers) {
            return new Config(rows, cols, noiseDim, gHidden, gLayers, generatorSlope, dHidden, dLayers, classes, loss,
                    lrD, lrG, beta1, batch, seed);
        }

        public Config withGeneratorSlope(double slope) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, slope, discriminatorHidden,
                    discriminatorLayers, classes, loss, lrD, lrG, beta1, batch, seed);
        }

        public Config withOptimizer(double d, double g, double b1) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, classes, loss, d, g, b1, batch, seed);
        }

        public Config withBatch(int b) {
            return new Config(rows, cols, noiseDim, generatorHidden, generatorLayers, generatorSlope, discriminatorHidden,
                    discriminatorLayers, classes, loss, lrD, lrG, beta1, b, seed);
        }

        /** The differences in architecture (what the parameters mean) from {@code other}; empty when none. */
        List<String> architectureDifferences(Config other) {
            List<String> out = new ArrayList<>();
            diff(out, "image size", rows + " × " + cols, other.rows + " × " + other.cols);
            diff(out, "noise dimension", noiseDim, other.noiseDim);
            diff(out, "generator hidden width", generatorHidden, other.generatorHidden);
            diff(out, "generator hidden layers", generatorLayers, other.generatorLayers);
            diff(out, "generator slope", generatorSlope, other.generatorSlope);
            diff(out, "discriminator hidden width", discriminatorHidden, other.discriminatorHidden);
            diff(out, "discriminator hidden layers", discriminatorLayers, other.discriminatorLayers);
            diff(out, "classes", classes, other.classes);
            return out;
        }

        private static void diff(List<String> out, String what, Object mine, Object theirs) {
            if (!mine.equals(theirs)) {
                out.add(what + " " + mine + " (needed: " + theirs + ")");
            }
        }
    }

    private final Config config;
    private final DataType type;
    private final int d;
    private final int nz;
    private final int classes;
    private final ImageGanNet generator;
    private final ImageGanNet discriminator;
    private final StepWorkspace workspace = new StepWorkspace("image-gan");
    private dev.genlab.model.nn.FloatAdam adamG;
    private dev.genlab.model.nn.FloatAdam adamD;
    /** Scratch for {@link #columns}. */
    private float[] transposed;

    /** A float32 model, Glorot-initialised from {@code config.seed()}. */
    public ImageGan(Config config) {
        this(config, DataType.FLOAT);
    }

    /** The same model in another precision (DOUBLE for gradient checks). */
    ImageGan(Config config, DataType type) {
        this.config = Objects.requireNonNull(config, "config");
        this.type = type;
        this.d = config.pixels();
        this.nz = config.noiseDim();
        this.classes = config.classes();
        generator = new ImageGanNet(type, config.seed(), nz, classes,
                widths(config.generatorHidden(), config.generatorLayers(), d), config.generatorSlope());
        discriminator = new ImageGanNet(type, config.seed() + 1, d, classes,
                widths(config.discriminatorHidden(), config.discriminatorLayers(), 1), D_SLOPE);
    }

    private static int[] widths(int hidden, int layers, int out) {
        int[] w = new int[layers + 1];
        Arrays.fill(w, hidden);
        w[layers] = out;
        return w;
    }

    public Config config() {
        return config;
    }

    /** G's parameters then D's: the length of {@link #parameters()}. */
    public long numParams() {
        return generatorParams() + ImageGanNet.size(d, classes,
                widths(config.discriminatorHidden(), config.discriminatorLayers(), 1));
    }

    /** The generator's share of {@link #numParams()} (the first entries of {@link #parameters()}). */
    public long generatorParams() {
        return ImageGanNet.size(nz, classes, widths(config.generatorHidden(), config.generatorLayers(), d));
    }

    // ---------------------------------------------------------------- training

    /**
     * One Adam step of the discriminator on {@code realBatch} (n × D row-major, n = its length / D)
     * against n fakes G(z), z ~ N(0, I) from {@code rng}, with the real labels (conditional) or
     * null. The stats are the batch's before the update (gLoss: the generator's loss on these fakes).
     */
    public ImageGanStats stepD(float[] realBatch, int[] labels, SplittableRandom rng) {
        int n = count(realBatch);
        checkLabels(labels, n);
        float[] z = noise(n, rng);
        optimisers();
        try (MemoryWorkspace ws = workspace.open()) {
            INDArray y = oneHot(labels, n);
            ImageGanStats s = discriminatorPass(columns(realBatch, n, d), y, columns(z, n, nz), y, true);
            adamD.step(discriminator.params(), discriminator.gradients(), config.lrD());
            return s;
        }
    }

    /** One Adam step of the generator on {@link Config#batch()} fresh z (and uniform labels). */
    public ImageGanStats stepG(SplittableRandom rng) {
        return stepG(config.batch(), rng);
    }

    /**
     * One Adam step of the generator on {@code count} z ~ N(0, I) from {@code rng} (labels uniform
     * from rng when conditional); D is unchanged. The stats' gLoss and dFake are the batch's before
     * the update; dLoss and dReal are NaN (no real images).
     */
    public ImageGanStats stepG(int count, SplittableRandom rng) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        float[] z = noise(count, rng);
        int[] labels = null;
        if (classes > 0) {
            labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = rng.nextInt(classes);
            }
        }
        optimisers();
        try (MemoryWorkspace ws = workspace.open()) {
            ImageGanStats s = generatorPass(columns(z, count, nz), oneHot(labels, count), true);
            adamG.step(generator.params(), generator.gradients(), config.lrG());
            return s;
        }
    }

    /**
     * One discriminator step on the real batch then one generator step on as many fresh z. The
     * stats: dLoss, dReal and dFake of the discriminator step (before its update), gLoss of the
     * generator step (before its update, against the updated D).
     */
    public ImageGanStats step(float[] realBatch, int[] labels, SplittableRandom rng) {
        ImageGanStats sd = stepD(realBatch, labels, rng);
        ImageGanStats sg = stepG(count(realBatch), rng);
        return new ImageGanStats(sd.dLoss(), sg.gLoss(), sd.dReal(), sd.dFake());
    }

    /** Forgets both players' Adam moments (after the divergence guard restored parameters). */
    public void resetOptimizer() {
        adamG = null;
        adamD = null;
    }

    private void optimisers() {
        if (adamG == null) {
            adamG = new dev.genlab.model.nn.FloatAdam(generator.numParams(), config.beta1());
            adamD = new dev.genlab.model.nn.FloatAdam(discriminator.numParams(), config.beta1());
        }
    }

    /**
     * The discriminator's loss L_D on real x (n × D) with labels yr and fakes G(z, yf), all
     * column-major (labels one-hot or null); with {@code gradients} fills D's gradient vector. The
     * stats are L_D, the generator's loss on these fakes, and the mean D on each half.
     */
    ImageGanStats discriminatorPass(INDArray x, INDArray yr, INDArray z, INDArray yf, boolean gradients) {
        int n = (int) x.rows();
        int m = (int) z.rows();
        INDArray fake = Nd4j.createUninitialized(type, new long[] {m, d}, 'f');
        Nd4j.exec(new Sigmoid(generator.forward(z, yf), fake));
        INDArray both = Nd4j.createUninitialized(type, new long[] {n + m, d}, 'f');
        both.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).assign(x);
        both.get(NDArrayIndex.interval(n, n + m), NDArrayIndex.all()).assign(fake);
        INDArray yBoth = null;
        if (yr != null) {
            yBoth = Nd4j.createUninitialized(type, new long[] {n + m, classes}, 'f');
            yBoth.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).assign(yr);
            yBoth.get(NDArrayIndex.interval(n, n + m), NDArrayIndex.all()).assign(yf);
        }
        double[] a = discriminator.forward(both, yBoth).toDoubleVector();
        double lossReal = 0;
        double lossFake = 0;
        double gLoss = 0;
        double dReal = 0;
        double dFake = 0;
        double[] grad = new double[n + m];
        for (int i = 0; i < n; i++) {
            double s = sigmoid(a[i]);
            lossReal += softplus(-a[i]);
            dReal += s;
            grad[i] = (s - 1) / n;
        }
        for (int i = n; i < n + m; i++) {
            double s = sigmoid(a[i]);
            lossFake += softplus(a[i]);
            gLoss += config.loss() == Loss.NON_SATURATING ? softplus(-a[i]) : -softplus(a[i]);
            dFake += s;
            grad[i] = s / m;
        }
        if (gradients) {
            discriminator.backward(column(grad), true, false);
        }
        return new ImageGanStats(lossReal / n + lossFake / m, gLoss / m, dReal / n, dFake / m);
    }

    /**
     * The generator's loss L_G on G(z, y) (z n × N, y one-hot or null, column-major); with
     * {@code gradients} fills G's gradient vector (D's parameters and gradients untouched).
     */
    ImageGanStats generatorPass(INDArray z, INDArray y, boolean gradients) {
        int n = (int) z.rows();
        INDArray logits = generator.forward(z, y);
        INDArray fake = Nd4j.createUninitialized(type, logits.shape(), 'f');
        Nd4j.exec(new Sigmoid(logits, fake));
        double[] a = discriminator.forward(fake, y).toDoubleVector();
        double loss = 0;
        double dFake = 0;
        double[] grad = new double[n];
        boolean ns = config.loss() == Loss.NON_SATURATING;
        for (int i = 0; i < n; i++) {
            double s = sigmoid(a[i]);
            dFake += s;
            loss += ns ? softplus(-a[i]) : -softplus(a[i]);
            grad[i] = (ns ? s - 1 : -s) / n;
        }
        if (gradients) {
            INDArray gx = discriminator.backward(column(grad), false, true);
            INDArray slope = Nd4j.createUninitialized(type, logits.shape(), 'f');
            Nd4j.exec(new SigmoidDerivative(logits, slope));
            generator.backward(gx.muli(slope), true, false);
        }
        return new ImageGanStats(Double.NaN, loss / n, Double.NaN, dFake / n);
    }

    // ---------------------------------------------------------------- sampling

    /** count × N standard normal noise, row-major, from {@code rng} (image by image). */
    public float[] noise(int count, SplittableRandom rng) {
        float[] z = new float[count * nz];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return z;
    }

    /**
     * G(z, y): the pixel means (count × D row-major, in (0, 1)) of noise z (count × N row-major)
     * with labels (count of them when conditional, else null). A fixed z gives a fixed grid while
     * training; rows of z on a line give an interpolation strip.
     */
    public float[] generate(float[] z, int[] labels, int count) {
        if (count < 1 || z.length < (long) count * nz) {
            throw new IllegalArgumentException("expected " + count + " × " + nz + " noise values, got " + z.length);
        }
        checkLabels(labels, count);
        float[] out = new float[count * d];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                INDArray zs = columns(Arrays.copyOfRange(z, from * nz, (from + n) * nz), n, nz);
                INDArray logits = generator.forward(zs, oneHot(slice(labels, from, n), n));
                INDArray mean = Nd4j.createUninitialized(type, logits.shape(), 'f');
                Nd4j.exec(new Sigmoid(logits, mean));
                System.arraycopy(Nd4j.toFlattened('c', mean).toFloatVector(), 0, out, from * d, n * d);
            }
        }
        return out;
    }

    /**
     * {@code steps} noise vectors from {@code from} to {@code to} (each N long), steps × N row-major,
     * for an interpolation strip through {@link #generate}. Linear: zₜ = (1 − t) z₀ + t z₁. Spherical
     * (White 2016, "Sampling Generative Networks", arXiv:1609.04468): zₜ = sin((1 − t)Ω)/sin Ω · z₀ +
     * sin(tΩ)/sin Ω · z₁ with cos Ω = z₀·z₁ / (‖z₀‖‖z₁‖), which keeps ‖zₜ‖ near the norm √N that
     * Gaussian noise has, where the linear path's midpoint is shorter (‖z‖ ≈ √(N/2) between two
     * independent draws) and so atypical for G. t = 0, 1/(steps − 1), …, 1.
     */
    public static float[] interpolate(float[] from, float[] to, int steps, boolean spherical) {
        if (from.length != to.length || from.length == 0) {
            throw new IllegalArgumentException("the two noise vectors must have the same positive length, got "
                    + from.length + " and " + to.length);
        }
        if (steps < 2) {
            throw new IllegalArgumentException("an interpolation needs at least 2 steps, got " + steps);
        }
        int n = from.length;
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < n; j++) {
            dot += (double) from[j] * to[j];
            na += (double) from[j] * from[j];
            nb += (double) to[j] * to[j];
        }
        double omega = na > 0 && nb > 0 ? Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)))) : 0;
        boolean slerp = spherical && Math.sin(omega) > 1e-6;
        float[] out = new float[steps * n];
        for (int k = 0; k < steps; k++) {
            double t = k / (double) (steps - 1);
            double a = slerp ? Math.sin((1 - t) * omega) / Math.sin(omega) : 1 - t;
            double b = slerp ? Math.sin(t * omega) / Math.sin(omega) : t;
            for (int j = 0; j < n; j++) {
                out[k * n + j] = (float) (a * from[j] + b * to[j]);
            }
        }
        return out;
    }

    /** {@link #generate} of {@link #noise fresh noise}: count samples' pixel means. */
    public float[] sample(int count, int[] labels, SplittableRandom rng) {
        return generate(noise(count, rng), labels, count);
    }

    /** D(x) ∈ (0, 1), the discriminator's probability that each image is real (labels null when unconditional). */
    public double[] discriminate(float[] images, int[] labels, int count) {
        if (count < 1 || images.length < (long) count * d) {
            throw new IllegalArgumentException("expected " + count + " × " + d + " pixels, got " + images.length);
        }
        checkLabels(labels, count);
        double[] out = new double[count];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                INDArray x = columns(Arrays.copyOfRange(images, from * d, (from + n) * d), n, d);
                double[] a = discriminator.forward(x, oneHot(slice(labels, from, n), n)).toDoubleVector();
                for (int i = 0; i < n; i++) {
                    out[from + i] = sigmoid(a[i]);
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- parameters and checkpoints

    /** G's parameters then D's, each network layer by layer (W column-major, then label weights, then b). */
    public float[] parameters() {
        float[] g = generator.toFloatVector();
        float[] dd = discriminator.toFloatVector();
        float[] all = Arrays.copyOf(g, g.length + dd.length);
        System.arraycopy(dd, 0, all, g.length, dd.length);
        return all;
    }

    /** Restores parameters saved with {@link #parameters()} (Adam's moments are kept). */
    public void setParameters(float[] values) {
        if (values.length != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " values, got " + values.length);
        }
        generator.setParams(values, 0);
        discriminator.setParams(values, (int) generator.numParams());
    }

    /** Whether every parameter is finite. */
    public boolean isFinite() {
        return generator.isFinite() && discriminator.isFinite();
    }

    /** A model of the same config and parameters with fresh optimisers (for the calling thread). */
    public ImageGan copy() {
        ImageGan c = new ImageGan(config, type);
        c.setParameters(parameters());
        return c;
    }

    /** The live flat parameter vectors {G, D} (tests). */
    INDArray[] parameterGroups() {
        return new INDArray[] {generator.params(), discriminator.params()};
    }

    /** Their gradient vectors, same order (tests). */
    INDArray[] gradientGroups() {
        return new INDArray[] {generator.gradients(), discriminator.gradients()};
    }

    DataType dataType() {
        return type;
    }

    /** A checkpoint whose header holds the Config. */
    public Checkpoint toCheckpoint(String modelId) {
        return toCheckpoint(modelId, Map.of());
    }

    /** A checkpoint whose header holds the Config, then {@code extra} (training metadata; Config keys win). */
    public Checkpoint toCheckpoint(String modelId, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("family", FAMILY);
        h.put("format", Integer.toString(FORMAT));
        h.put("rows", Integer.toString(config.rows()));
        h.put("cols", Integer.toString(config.cols()));
        h.put("noiseDim", Integer.toString(config.noiseDim()));
        h.put("generatorHidden", Integer.toString(config.generatorHidden()));
        h.put("generatorLayers", Integer.toString(config.generatorLayers()));
        h.put("generatorSlope", Double.toString(config.generatorSlope()));
        h.put("discriminatorHidden", Integer.toString(config.discriminatorHidden()));
        h.put("discriminatorLayers", Integer.toString(config.discriminatorLayers()));
        h.put("discriminatorSlope", Double.toString(D_SLOPE));
        h.put("classes", Integer.toString(config.classes()));
        h.put("loss", config.loss().name());
        h.put("lrD", Double.toString(config.lrD()));
        h.put("lrG", Double.toString(config.lrG()));
        h.put("beta1", Double.toString(config.beta1()));
        h.put("batch", Integer.toString(config.batch()));
        h.put("seed", Long.toString(config.seed()));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            h.putIfAbsent(e.getKey(), e.getValue());
        }
        return new Checkpoint(modelId, h, parameters());
    }

    /**
     * The model a checkpoint of {@link #toCheckpoint} holds, with its Config; refuses another
     * family's, another layout's, a parameter count its header's architecture does not need and
     * non-finite parameters, each with a message that says so. A new model is built and filled
     * only after every check passed, so nothing is ever half-loaded.
     */
    public static ImageGan fromCheckpoint(Checkpoint c) throws Checkpoint.CheckpointException {
        return load(c, configOf(c));
    }

    /**
     * As {@link #fromCheckpoint(Checkpoint)}, but the model takes {@code required}'s training
     * settings (loss, rates, batch) and the checkpoint must have {@code required}'s architecture;
     * a mismatch is refused with every difference named.
     */
    public static ImageGan fromCheckpoint(Checkpoint c, Config required) throws Checkpoint.CheckpointException {
        Config stored = configOf(c);
        List<String> diffs = stored.architectureDifferences(required);
        if (!diffs.isEmpty()) {
            throw new Checkpoint.CheckpointException("the image GAN checkpoint '" + c.modelId()
                    + "' does not fit this model: " + String.join("; ", diffs));
        }
        return load(c, required);
    }

    /** The shipped GAN of the built-in digits, conditional or not. */
    public static ImageGan loadDigits(boolean conditional) throws Checkpoint.CheckpointException {
        return fromCheckpoint(Checkpoint.readResource(conditional ? CONDITIONAL_DIGITS_CHECKPOINT : DIGITS_CHECKPOINT));
    }

    private static ImageGan load(Checkpoint c, Config config) throws Checkpoint.CheckpointException {
        ImageGan gan = new ImageGan(config);
        float[] p = c.params();
        if (p.length != gan.numParams()) {
            throw new Checkpoint.CheckpointException("image GAN checkpoint has " + p.length
                    + " parameters; its header's architecture needs " + gan.numParams());
        }
        for (float v : p) {
            if (!Float.isFinite(v)) {
                throw new Checkpoint.CheckpointException("image GAN checkpoint holds NaN or infinite parameters");
            }
        }
        gan.setParameters(p);
        return gan;
    }

    private static Config configOf(Checkpoint c) throws Checkpoint.CheckpointException {
        Map<String, String> h = c.header();
        if (!FAMILY.equals(h.get("family"))) {
            throw new Checkpoint.CheckpointException("not an image GAN checkpoint: model '" + c.modelId() + "' "
                    + (h.containsKey("family") ? "of family '" + h.get("family") + "'" : "has no 'family' in its header"));
        }
        try {
            if (c.intValue("format") != FORMAT) {
                throw new Checkpoint.CheckpointException("image GAN checkpoint layout " + c.value("format")
                        + " is not supported (this GenLab reads " + FORMAT + ")");
            }
            if (number(c, "discriminatorSlope") != D_SLOPE) {
                throw new Checkpoint.CheckpointException("image GAN checkpoint with a discriminator slope of "
                        + c.value("discriminatorSlope") + "; this GenLab builds " + D_SLOPE);
            }
            long seed;
            try {
                seed = Long.parseLong(c.value("seed").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the checkpoint's 'seed' is not a whole number");
            }
            return new Config(c.intValue("rows"), c.intValue("cols"), c.intValue("noiseDim"),
                    c.intValue("generatorHidden"), c.intValue("generatorLayers"), number(c, "generatorSlope"),
                    c.intValue("discriminatorHidden"), c.intValue("discriminatorLayers"), c.intValue("classes"),
                    Loss.valueOf(c.value("loss")), number(c, "lrD"), number(c, "lrG"), number(c, "beta1"),
                    c.intValue("batch"), seed);
        } catch (IllegalArgumentException e) {
            throw new Checkpoint.CheckpointException("bad image GAN checkpoint: " + e.getMessage(), e);
        }
    }

    private static double number(Checkpoint c, String key) {
        String v = c.value(key);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's '" + key + "' is not a number: '" + v + "'");
        }
    }

    // ---------------------------------------------------------------- helpers

    private int count(float[] images) {
        if (images.length == 0 || images.length % d != 0) {
            throw new IllegalArgumentException("expected a whole number of " + d + "-pixel images, got "
                    + images.length + " values");
        }
        return images.length / d;
    }

    private void checkLabels(int[] labels, int count) {
        if (classes == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("this GAN is unconditional: pass null labels");
            }
            return;
        }
        if (labels == null || labels.length < count) {
            throw new IllegalArgumentException("this conditional GAN needs " + count + " labels, got "
                    + (labels == null ? "none" : labels.length));
        }
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " is outside 0.." + (classes - 1));
            }
        }
    }

    private static int[] slice(int[] labels, int from, int n) {
        return labels == null ? null : Arrays.copyOfRange(labels, from, from + n);
    }

    /** One-hot n × C column-major, or null when unconditional. */
    private INDArray oneHot(int[] labels, int n) {
        if (classes == 0) {
            return null;
        }
        if (type == DataType.FLOAT) {
            float[] v = new float[n * classes];
            for (int i = 0; i < n; i++) {
                v[labels[i] * n + i] = 1f;
            }
            return Nd4j.create(v, new long[] {n, classes}, 'f');
        }
        double[] v = new double[n * classes];
        for (int i = 0; i < n; i++) {
            v[labels[i] * n + i] = 1;
        }
        return Nd4j.create(v, new long[] {n, classes}, 'f');
    }

    /** A column vector of this model's type. */
    private INDArray column(double[] v) {
        INDArray c = Nd4j.create(v, new long[] {v.length, 1}, 'f');
        return type == DataType.DOUBLE ? c : c.castTo(type);
    }

    /**
     * The first n rows of a row-major n × width set as a column-major array, transposed in Java in
     * cache-sized tiles (as lesson 7's Vae: a 'c' array's dup('f') cost several times more).
     */
    private INDArray columns(float[] rowMajor, int n, int width) {
        if (transposed == null || transposed.length < n * width) {
            transposed = new float[n * width];
        }
        float[] t = transposed;
        for (int i0 = 0; i0 < n; i0 += 16) {
            int i1 = Math.min(n, i0 + 16);
            for (int j0 = 0; j0 < width; j0 += 64) {
                int j1 = Math.min(width, j0 + 64);
                for (int i = i0; i < i1; i++) {
                    int row = i * width;
                    for (int j = j0; j < j1; j++) {
                        t[j * n + i] = rowMajor[row + j];
                    }
                }
            }
        }
        INDArray a = Nd4j.create(Arrays.copyOf(t, n * width), new long[] {n, width}, 'f');
        return type == DataType.FLOAT ? a : a.castTo(type);
    }

    private static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /** log(1 + eᵃ) without overflow. */
    private static double softplus(double a) {
        return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
    }

    /** Frees this model's ND4J workspace; on the thread that trains it. The model can train again afterwards. */
    public void close() {
        workspace.destroy();
    }

    /** The id of this model's ND4J workspace (tests). */
    public String workspaceId() {
        return workspace.id();
    }
}
