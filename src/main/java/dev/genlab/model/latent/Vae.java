package dev.genlab.model.latent;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.genlab.model.autoregressive.NadeKernel;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.StepWorkspace;

/**
 * A variational autoencoder (Kingma &amp; Welling 2014, "Auto-Encoding Variational Bayes", ICLR;
 * Rezende, Mohamed &amp; Wierstra 2014) and, with {@link Config#autoencoder()}, a plain autoencoder
 * of exactly the same architecture beside it.
 *
 * <h2>Model</h2>
 * Prior p(z) = N(0, I) on z ∈ ℝᴸ. Encoder q(z|x) = N(μ(x), diag σ²(x)): an MLP
 * D → H → 2L whose output is (μ, log σ²). Decoder: an MLP L → H → D giving logits ℓ(z). Hidden
 * units are ReLU (Nair &amp; Hinton 2010) rather than tanh: both of its passes are cheap ops
 * ({@link VaeNet}; libnd4j's tanh took 0.56 ms on 128 × 400 floats, relu 0.08), and with Adam it
 * reaches a good ELBO sooner; its kinks never sit within a finite-difference step in the gradient
 * tests.
 * <ul>
 *   <li>{@link Likelihood#BERNOULLI}, for binarised pixels: p(xⱼ = 1 | z) = sigmoid(ℓⱼ),
 *       log p(x|z) = Σⱼ xⱼ ℓⱼ − softplus(ℓⱼ).</li>
 *   <li>{@link Likelihood#GAUSSIAN}, for grey levels in [0, 1]: xⱼ | z ~ N(mⱼ, e^{sⱼ}) with mean
 *       mⱼ = sigmoid(ℓⱼ) and one learned log-variance per pixel, shared by all images,
 *       sⱼ = max(rⱼ, {@link #LOG_VARIANCE_FLOOR}) (σ ≥ 0.05: the background pixels of digits are
 *       exactly 0 and would otherwise drive their variance, and the likelihood, to infinity).</li>
 *   <li>{@link Decoder#AUTOREGRESSIVE} (Bernoulli only): ℓⱼ(z, x) = MLP(z)ⱼ + Σ_{i&lt;j} xᵢ Aᵢⱼ, a
 *       strictly lower-triangular (raster order) linear layer over the previous pixels, i.e. a
 *       fully visible sigmoid belief net (Frey 1998) conditioned on z. Teacher-forced it is one
 *       gemm; sampling is sequential. It can model the pixels without z: trained with β = 1 and no
 *       warm-up, its KL falls towards 0, posterior collapse (Bowman et al. 2016; Chen et al. 2017,
 *       "Variational Lossy Autoencoder").</li>
 *   <li>{@link Decoder#NADE} (Bernoulli only): ℓⱼ(z, x) = MLP(z)ⱼ + bⱼ + Vⱼ · sigmoid(c + W x_&lt;j), lesson 5's
 *       NADE (Larochelle &amp; Murray 2011, {@link #NADE_HIDDEN} hidden units, raster order) whose
 *       output biases are shifted by the decoder MLP's logits at z. Its hidden layer shares weights
 *       across the conditionals, so it models the digits far better than the linear layer above
 *       (lesson 5: about 54 nats against the VAE's bound near 60): it needs z even less, and the KL
 *       falls further. Its NADE part is z-independent, so teacher-forced it runs once per image
 *       ({@link NadeKernel}, plain Java) whatever the number of z samples.</li>
 * </ul>
 *
 * <h2>Objective and gradients</h2>
 * With the reparameterisation z = μ + σ ⊙ ε, ε ~ N(0, I), one ε per image, a step maximises
 * <pre>
 *   (1/n) Σᵢ [ log p(xᵢ | zᵢ) − β KL(q(z|xᵢ) ‖ p(z)) ],   KL = ½ Σⱼ (μⱼ² + σⱼ² − 1 − log σⱼ²)
 * </pre>
 * (β = 1: the ELBO; β &gt; 1: β-VAE, Higgins et al. 2017). Backprop is written by hand: the decoder
 * gives g_z = ∂(−log p)/∂z, then ∂/∂μ = g_z + β μ, ∂/∂log σ² = ½ g_z ⊙ ε ⊙ σ + ½ β (σ² − 1).
 * The autoencoder uses z = μ, no KL, the same reconstruction loss; its log σ² half of the encoder
 * output exists (same architecture, same parameter count) but is not used or trained.
 *
 * <h2>Evaluation</h2>
 * {@link #importanceLogLikelihood}: log p(x) ≥ log (1/K) Σₖ p(x|zₖ) p(zₖ) / q(zₖ|x), zₖ ~ q(z|x),
 * the IWAE bound (Burda, Grosse &amp; Salakhutdinov 2016), which equals the ELBO in expectation at
 * K = 1 and rises towards log p(x) as K grows.
 *
 * <h2>Implementation</h2>
 * ND4J in float32 (DOUBLE for gradient checks), two {@link VaeNet}s (Dense layers: column-major
 * weights, one {@code Nd4j.gemm} per product), {@link dev.genlab.model.nn.FloatAdam} (a plain Java Adam: libnd4j's took a
 * third of the step), one {@link StepWorkspace}. The n × D work (layers, likelihood) is ND4J; the
 * n × L work (reparameterisation, KL and their gradients) is plain Java on one copy of the
 * encoder's output, since a dozen ND4J calls on 128 × 20 numbers cost more than the arithmetic.
 * Trainer thread only: every public method but {@link #config()} and {@link #numParams()} runs
 * ND4J in this model's workspace, so all must be called on one thread. Images are passed as
 * count × D row-major floats.
 */
public final class Vae {

    /** The pixel model p(x|z). */
    public enum Likelihood { BERNOULLI, GAUSSIAN }

    /**
     * The decoder's form: an MLP, the MLP plus an autoregressive linear layer over the previous
     * pixels, or the MLP plus a NADE over them.
     */
    public enum Decoder { MLP, AUTOREGRESSIVE, NADE }

    /**
     * The architecture: encoder inputDim-hidden-2·latent, decoder latent-hidden-inputDim.
     *
     * @param autoencoder true for the deterministic autoencoder (z = μ, no KL term)
     * @param seed        the seed of the Glorot initialisation
     */
    public record Config(int inputDim, int hidden, int latent, Likelihood likelihood, Decoder decoder,
                         boolean autoencoder, long seed) {
        public Config {
            if (inputDim < 1 || hidden < 1 || latent < 1) {
                throw new IllegalArgumentException("sizes must be positive: " + inputDim + ", " + hidden + ", " + latent);
            }
            Objects.requireNonNull(likelihood, "likelihood");
            Objects.requireNonNull(decoder, "decoder");
            if (decoder != Decoder.MLP && likelihood != Likelihood.BERNOULLI) {
                throw new IllegalArgumentException("the autoregressive decoders are Bernoulli only");
            }
        }
    }

    /** For the reparameterisation figure: one image's μ, σ, ε and z = μ + σ ε (each of length L). */
    public record Reparam(float[] mu, float[] sigma, float[] eps, float[] z) {
    }

    /** Header key "family": every Vae checkpoint says "vae", whatever its model id. */
    public static final String FAMILY = "vae";
    /** Version of the parameter layout in a checkpoint. */
    public static final int FORMAT = 1;
    /** Lower bound of the Gaussian likelihood's per-pixel log-variance (σ ≥ 0.05). */
    public static final double LOG_VARIANCE_FLOOR = Math.log(0.05 * 0.05);
    /** The hidden activation of encoder and decoder. */
    public static final Activation HIDDEN_ACTIVATION = Activation.RELU;
    /** The shipped VAE of the built-in digits (latent 2, hidden 256, Bernoulli, MLP decoder). */
    public static final String DIGITS_CHECKPOINT = "/genlab/checkpoints/vae-digits.bin.gz";
    /** The shipped autoencoder of the same architecture, trained on the same images. */
    public static final String AE_DIGITS_CHECKPOINT = "/genlab/checkpoints/ae-digits.bin.gz";
    /** Hidden units of the {@link Decoder#NADE} decoder's NADE, as lesson 5's shipped NADE. */
    public static final int NADE_HIDDEN = 100;
    /** A learning rate that works for Adam here (the benchmarks and checkpoints use it). */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Images per forward pass when evaluating, encoding or decoding a set. */
    private static final int CHUNK = 256;

    private final Config config;
    private final DataType type;
    private final int d;
    private final int l;
    private final VaeNet encoder;
    private final VaeNet decoder;
    /**
     * GAUSSIAN: r (length D); AUTOREGRESSIVE: A (D × D column-major, flat); NADE: the NADE's W, c, V, b
     * in {@link dev.genlab.model.autoregressive.Nade}'s flat layout; MLP Bernoulli: null.
     */
    private final INDArray extra;
    private final INDArray extraGrad;
    private final INDArray extraMatrix;
    private final INDArray extraGradMatrix;
    /** AUTOREGRESSIVE: 1 where i &lt; j (row i feeds pixel j), else 0. */
    private final INDArray mask;
    /** NADE: the plain-Java pass over the NADE part (its scratch makes it one per model). */
    private final NadeKernel nadeKernel;
    private final StepWorkspace workspace = new StepWorkspace("vae");
    /** Ones for sums as dot products ({@link #ones}). */
    private INDArray onesStore;
    /** The last batch as ND4J holds it ({@link #input}). */
    private INDArray inputStore;
    /** Scratch for {@link #input}. */
    private float[] transposed;
    /** One per array of {@link #parameterGroups()}; null until the first step. */
    private dev.genlab.model.nn.FloatAdam[] adams;

    /** A float32 model, Glorot-initialised from {@code config.seed()}. */
    public Vae(Config config) {
        this(config, DataType.FLOAT);
    }

    /** The same model in another precision (DOUBLE for gradient checks). */
    Vae(Config config, DataType type) {
        this.config = Objects.requireNonNull(config, "config");
        this.type = type;
        this.d = config.inputDim();
        this.l = config.latent();
        encoder = new VaeNet(type, config.seed(), d, config.hidden(), 2 * l);
        decoder = new VaeNet(type, config.seed() + 1, l, config.hidden(), d);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (config.decoder() == Decoder.AUTOREGRESSIVE) {
                extra = Nd4j.zeros(type, (long) d * d);
                extraGrad = Nd4j.zeros(type, (long) d * d);
                extraMatrix = extra.reshape('f', true, d, d);
                extraGradMatrix = extraGrad.reshape('f', true, d, d);
                double[] m = new double[d * d];
                for (int j = 0; j < d; j++) {
                    for (int i = 0; i < j; i++) {
                        m[i + j * d] = 1;
                    }
                }
                mask = Nd4j.create(m, new long[] {d, d}, 'f').castTo(type);
            } else if (config.decoder() == Decoder.NADE) {
                int hd = NADE_HIDDEN * d;
                int size = 2 * hd + NADE_HIDDEN + d;
                // W and V uniform in ±√(6/(D+H)) as lesson 5's Nade, c and b zero
                SplittableRandom rng = new SplittableRandom(config.seed() + 2);
                double limit = Math.sqrt(6.0 / (d + NADE_HIDDEN));
                double[] init = new double[size];
                for (int i = 0; i < 2 * hd + NADE_HIDDEN; i++) {
                    init[i] = i >= hd && i < hd + NADE_HIDDEN ? 0 : (2 * rng.nextDouble() - 1) * limit;
                }
                extra = Nd4j.createFromArray(init).castTo(type);
                extraGrad = Nd4j.zeros(type, size);
                extraMatrix = null;
                extraGradMatrix = null;
                mask = null;
            } else if (config.likelihood() == Likelihood.GAUSSIAN) {
                extra = Nd4j.zeros(type, d);
                extraGrad = Nd4j.zeros(type, d);
                extraMatrix = extra.reshape('f', true, 1, d);
                extraGradMatrix = extraGrad.reshape('f', true, 1, d);
                mask = null;
            } else {
                extra = null;
                extraGrad = null;
                extraMatrix = null;
                extraGradMatrix = null;
                mask = null;
            }
        }
        if (config.decoder() == Decoder.NADE) {
            int[] raster = new int[d];
            for (int j = 0; j < d; j++) {
                raster[j] = j;
            }
            nadeKernel = new NadeKernel(d, NADE_HIDDEN, raster);
        } else {
            nadeKernel = null;
        }
    }

    public Config config() {
        return config;
    }

    /**
     * The number of stored parameters, the length of {@link #parameters()}: encoder, decoder, and
     * D log-variances (GAUSSIAN), the NADE's 2DH + H + D (NADE) or the D × D matrix A (AUTOREGRESSIVE, whose D(D+1)/2 entries
     * on and below the diagonal are held at 0).
     */
    public long numParams() {
        return encoder.numParams() + decoder.numParams() + (extra == null ? 0 : extra.length());
    }

    // ---------------------------------------------------------------- training

    /**
     * One Adam step on a batch (count × inputDim row-major floats in [0,1]; binarised already for
     * BERNOULLI) maximising reconstruction − β·KL with one ε ~ N(0, I) per image drawn from
     * {@code rng}. beta multiplies the KL term (the caller applies warm-up). The stats are the
     * batch's before the update, with the β = 1 ELBO.
     */
    public StepStats step(float[] batch, int count, double beta, double learningRate, SplittableRandom rng) {
        checkImages(batch, count);
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and not negative, got " + learningRate);
        }
        INDArray[] params = parameterGroups();
        INDArray[] grads = gradientGroups();
        if (adams == null) {
            adams = new dev.genlab.model.nn.FloatAdam[params.length];
            for (int i = 0; i < params.length; i++) {
                adams[i] = new dev.genlab.model.nn.FloatAdam(params[i].length());
            }
        }
        float[] eps = config.autoencoder() ? null : gaussians(rng, count);
        try (MemoryWorkspace ws = workspace.open()) {
            INDArray x = input(batch, 0, count);
            Pass p = run(x, eps == null ? null : epsArray(eps, count), beta, true, false);
            // A's masked entries have gradient 0, so Adam's update there is exactly 0: they stay 0
            for (int i = 0; i < params.length; i++) {
                adams[i].step(params[i], grads[i], learningRate);
            }
            return p.stats(count);
        }
    }

    /** Forgets Adam's moments (after the divergence guard restored parameters). */
    public void resetOptimizer() {
        adams = null;
    }

    /**
     * Per-image averages on a set with one ε draw per image from {@code new SplittableRandom(seed)}
     * (the ELBO is then an unbiased estimate; the KL and klPerDim are closed-form and exact).
     */
    public StepStats evaluate(float[] images, int count, long seed) {
        checkImages(images, count);
        SplittableRandom rng = new SplittableRandom(seed);
        double rec = 0;
        double kl = 0;
        double[] klDim = new double[l];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            float[] eps = config.autoencoder() ? null : gaussians(rng, n);
            try (MemoryWorkspace ws = workspace.open()) {
                Pass p = run(input(images, from, n), eps == null ? null : epsArray(eps, n), 1, false, false);
                rec += p.recSum;
                kl += p.klSum;
                for (int j = 0; j < l; j++) {
                    klDim[j] += p.klDim[j];
                }
            }
        }
        for (int j = 0; j < l; j++) {
            klDim[j] /= count;
        }
        return new StepStats((rec - kl) / count, rec / count, kl / count, klDim);
    }

    /**
     * Importance-sampled log p(x) (IWAE bound with K samples from q, Burda et al. 2016), mean over
     * images, nats per image: log (1/K) Σₖ exp(log p(x|zₖ) + log N(zₖ; 0, I) − log q(zₖ|x)),
     * zₖ = μ + σ ⊙ εₖ with the ε drawn from {@code new SplittableRandom(seed)}.
     *
     * @throws UnsupportedOperationException for the autoencoder, whose q is a point mass
     */
    public double importanceLogLikelihood(float[] images, int count, int k, long seed) {
        checkImages(images, count);
        if (config.autoencoder()) {
            throw new UnsupportedOperationException("the autoencoder defines no likelihood p(x) (its q is a point mass)");
        }
        if (k < 1) {
            throw new IllegalArgumentException("need K >= 1, got " + k);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double total = 0;
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            double[] max = new double[n];
            double[] sum = new double[n];
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            // the NADE part of the logits does not depend on z: once per image, not once per sample
            double[] nadeCached = config.decoder() == Decoder.NADE ? nadeOnlyLogits(images, from, n) : null;
            for (int s = 0; s < k; s++) {
                float[] eps = gaussians(rng, n);
                try (MemoryWorkspace ws = workspace.open()) {
                    Pass p = run(input(images, from, n), epsArray(eps, n), 1, false, true, nadeCached);
                    for (int i = 0; i < n; i++) {
                        // log p(z) − log q(z|x) = Σⱼ −½ zⱼ² + ½ εⱼ² + ½ log σⱼ²  (the 2π terms cancel)
                        double w = p.recImage[i];
                        for (int j = 0; j < l; j++) {
                            double e = eps[j * n + i];
                            double lv = p.logVar[j * n + i];
                            double z = p.mu[j * n + i] + Math.exp(0.5 * lv) * e;
                            w += -0.5 * z * z + 0.5 * e * e + 0.5 * lv;
                        }
                        // streaming log-sum-exp
                        if (w > max[i]) {
                            sum[i] = sum[i] * Math.exp(max[i] - w) + 1;
                            max[i] = w;
                        } else {
                            sum[i] += Math.exp(w - max[i]);
                        }
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                total += max[i] + Math.log(sum[i]) - Math.log(k);
            }
        }
        return total / count;
    }

    // ---------------------------------------------------------------- read-outs

    /** μ(x) of each image, count × latent row-major. */
    public float[] encodeMean(float[] images, int count) {
        return encode(images, count, true);
    }

    /**
     * log σ²(x) of each image, count × latent row-major. For the autoencoder, whose z = μ is
     * deterministic, every entry is −∞ (σ = 0).
     */
    public float[] encodeLogVariance(float[] images, int count) {
        if (config.autoencoder()) {
            checkImages(images, count);
            float[] out = new float[count * l];
            Arrays.fill(out, Float.NEGATIVE_INFINITY);
            return out;
        }
        return encode(images, count, false);
    }

    private float[] encode(float[] images, int count, boolean mean) {
        checkImages(images, count);
        float[] out = new float[count * l];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                INDArray h = encoder.forward(input(images, from, n));
                INDArray part = mean ? h.get(NDArrayIndex.all(), NDArrayIndex.interval(0, l))
                        : h.get(NDArrayIndex.all(), NDArrayIndex.interval(l, 2 * l));
                System.arraycopy(rowMajor(part), 0, out, from * l, n * l);
            }
        }
        return out;
    }

    /**
     * The decoder at each z (count × latent row-major), count × inputDim: Bernoulli probabilities
     * sigmoid(ℓ) or Gaussian means. AUTOREGRESSIVE: the probabilities p(xⱼ = 1 | z, x_&lt;j) along
     * the greedy path (each xᵢ set to 1 exactly when its probability is ≥ ½), deterministic but
     * not a sample and not the marginals; {@link #decodeSample} draws one.
     */
    public float[] decode(float[] z, int count) {
        checkLatents(z, count);
        float[] logits = decoderLogits(z, count);
        if (config.decoder() != Decoder.MLP) {
            return sequential(logits, count, null);
        }
        for (int i = 0; i < logits.length; i++) {
            logits[i] = sigmoid(logits[i]);
        }
        return logits;
    }

    /**
     * A sample x ~ p(x|z) for each z (count × latent row-major), count × inputDim, with the
     * randomness of {@code new SplittableRandom(seed)}: Bernoulli pixels 0/1 (AUTOREGRESSIVE:
     * sequentially in raster order, each from p(xⱼ | z, x_&lt;j)), or the Gaussian mean plus
     * N(0, e^{sⱼ}) noise clipped to [0, 1].
     */
    public float[] decodeSample(float[] z, int count, long seed) {
        checkLatents(z, count);
        return drawFrom(decoderLogits(z, count), count, new SplittableRandom(seed));
    }

    /** decode(encodeMean(images)): the mean reconstruction, count × inputDim. */
    public float[] reconstruct(float[] images, int count) {
        return decode(encodeMean(images, count), count);
    }

    /**
     * Images from the model: z ~ N(0, I) from {@code new SplittableRandom(seed)}, then the
     * decoder's mean (probabilities or Gaussian means, as {@link #decode}); AUTOREGRESSIVE: a
     * sequential binary sample drawn with the same random stream, since its greedy pass is not one.
     */
    public float[] sample(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] z = new float[count * l];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        if (config.decoder() != Decoder.MLP) {
            return drawFrom(decoderLogits(z, count), count, rng);
        }
        return decode(z, count);
    }

    /**
     * One image's μ, σ, ε and z = μ + σ ε, with ε ~ N(0, I) from {@code new SplittableRandom(seed)}
     * (the autoencoder: σ = 0, so z = μ).
     */
    public Reparam reparam(float[] image, long seed) {
        if (image.length != d) {
            throw new IllegalArgumentException("expected one image of " + d + " pixels, got " + image.length);
        }
        float[] mu = encodeMean(image, 1);
        float[] sigma = new float[l];
        if (!config.autoencoder()) {
            float[] lv = encodeLogVariance(image, 1);
            for (int j = 0; j < l; j++) {
                sigma[j] = (float) Math.exp(0.5 * lv[j]);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        float[] eps = new float[l];
        float[] z = new float[l];
        for (int j = 0; j < l; j++) {
            eps[j] = (float) rng.nextGaussian();
            z[j] = mu[j] + sigma[j] * eps[j];
        }
        return new Reparam(mu, sigma, eps, z);
    }

    // ---------------------------------------------------------------- parameters

    /** All parameters in one array: encoder (layer by layer, W column-major then b), decoder, then r, A or the NADE's. */
    public float[] parameters() {
        float[] e = encoder.toFloatVector();
        float[] g = decoder.toFloatVector();
        float[] x = extra == null ? new float[0] : extra.toFloatVector();
        float[] all = new float[e.length + g.length + x.length];
        System.arraycopy(e, 0, all, 0, e.length);
        System.arraycopy(g, 0, all, e.length, g.length);
        System.arraycopy(x, 0, all, e.length + g.length, x.length);
        return all;
    }

    /** Restores parameters saved with {@link #parameters()} (Adam's moments are kept). */
    public void setParameters(float[] values) {
        if (values.length != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " values, got " + values.length);
        }
        int ne = (int) encoder.numParams();
        int nd = (int) decoder.numParams();
        encoder.setParams(values, 0);
        decoder.setParams(values, ne);
        if (extra != null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                extra.assign(Nd4j.createFromArray(Arrays.copyOfRange(values, ne + nd, values.length)).castTo(type));
                if (mask != null) {
                    extraMatrix.muli(mask); // only i < j may feed pixel j
                }
            }
        }
    }

    /**
     * NADE decoder: sets its NADE part from a {@link dev.genlab.model.autoregressive.Nade}'s
     * parameters ({@code Nade.saveParams()}: W, c, V, b) of the same size, {@link #NADE_HIDDEN}
     * hidden units and raster order, e.g. lesson 5's trained NADE, so that the decoder models the
     * images well before z says anything.
     */
    public void setNadeParameters(double[] nade) {
        if (config.decoder() != Decoder.NADE) {
            throw new IllegalStateException("only the NADE decoder has NADE parameters (this is " + config.decoder() + ")");
        }
        if (nade.length != extra.length()) {
            throw new IllegalArgumentException("expected a NADE of " + d + " pixels and " + NADE_HIDDEN
                    + " hidden units (" + extra.length() + " values), got " + nade.length + " values");
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            extra.assign(Nd4j.createFromArray(nade).castTo(type));
        }
    }

    /** True when no parameter is NaN or infinite. */
    public boolean isFinite() {
        if (!encoder.isFinite() || !decoder.isFinite()) {
            return false;
        }
        return extra == null
                || Nd4j.getExecutioner().exec(new MatchCondition(extra, Conditions.notFinite())).getInt(0) == 0;
    }

    /** A model with the same configuration and parameters (a fresh optimiser). */
    public Vae copy() {
        Vae c = new Vae(config, type);
        c.setParameters(parameters());
        return c;
    }

    /** A checkpoint whose header holds the Config. */
    public Checkpoint toCheckpoint(String modelId) {
        return toCheckpoint(modelId, Map.of());
    }

    /** A checkpoint whose header holds the Config, then {@code extra} (training metadata). */
    public Checkpoint toCheckpoint(String modelId, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("family", FAMILY);
        h.put("format", Integer.toString(FORMAT));
        h.put("inputDim", Integer.toString(config.inputDim()));
        h.put("hidden", Integer.toString(config.hidden()));
        h.put("latent", Integer.toString(config.latent()));
        h.put("likelihood", config.likelihood().name());
        h.put("decoder", config.decoder().name());
        h.put("autoencoder", Boolean.toString(config.autoencoder()));
        h.put("seed", Long.toString(config.seed()));
        h.put("activation", HIDDEN_ACTIVATION.name());
        for (Map.Entry<String, String> e : extra.entrySet()) {
            h.putIfAbsent(e.getKey(), e.getValue());
        }
        return new Checkpoint(modelId, h, parameters());
    }

    /** The model a checkpoint of {@link #toCheckpoint} holds; refuses another model's or a mismatched one. */
    public static Vae fromCheckpoint(Checkpoint c) throws Checkpoint.CheckpointException {
        Map<String, String> h = c.header();
        if (!FAMILY.equals(h.get("family"))) {
            throw new Checkpoint.CheckpointException("not a VAE checkpoint: model '" + c.modelId() + "' "
                    + (h.containsKey("family") ? "of family '" + h.get("family") + "'" : "has no 'family' in its header"));
        }
        try {
            if (c.intValue("format") != FORMAT) {
                throw new Checkpoint.CheckpointException("VAE checkpoint layout " + c.value("format")
                        + " is not supported (this GenLab reads " + FORMAT + ")");
            }
            if (!HIDDEN_ACTIVATION.name().equals(c.value("activation"))) {
                throw new Checkpoint.CheckpointException("VAE checkpoint with " + c.value("activation")
                        + " hidden units; this GenLab builds " + HIDDEN_ACTIVATION.name());
            }
            String ae = c.value("autoencoder");
            if (!ae.equals("true") && !ae.equals("false")) {
                throw new IllegalArgumentException("the checkpoint's 'autoencoder' is not true or false: '" + ae + "'");
            }
            long seed;
            try {
                seed = Long.parseLong(c.value("seed").trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the checkpoint's 'seed' is not a whole number");
            }
            Config config = new Config(c.intValue("inputDim"), c.intValue("hidden"), c.intValue("latent"),
                    Likelihood.valueOf(c.value("likelihood")), Decoder.valueOf(c.value("decoder")),
                    Boolean.parseBoolean(ae), seed);
            Vae vae = new Vae(config);
            float[] p = c.params();
            if (p.length != vae.numParams()) {
                throw new Checkpoint.CheckpointException("VAE checkpoint has " + p.length + " parameters; its header's "
                        + "architecture needs " + vae.numParams());
            }
            vae.setParameters(p);
            if (!vae.isFinite()) {
                throw new Checkpoint.CheckpointException("VAE checkpoint holds NaN or infinite parameters");
            }
            return vae;
        } catch (IllegalArgumentException e) {
            throw new Checkpoint.CheckpointException("bad VAE checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * The shipped model of the built-in digits ({@link #DIGITS_CHECKPOINT}, or with
     * {@code autoencoder} {@link #AE_DIGITS_CHECKPOINT}), trained on all but the last 2,000 images.
     */
    public static Vae loadDigits(boolean autoencoder) throws Checkpoint.CheckpointException {
        return fromCheckpoint(Checkpoint.readResource(autoencoder ? AE_DIGITS_CHECKPOINT : DIGITS_CHECKPOINT));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Vae[%s, %d params]", config, numParams());
    }

    // ---------------------------------------------------------------- the pass

    /** Sums over a batch (and per-image values when asked) of one forward (and backward) pass. */
    private final class Pass {
        double recSum;
        double klSum;
        double[] klDim = new double[l];
        double[] recImage;
        double[] mu;
        double[] logVar;

        StepStats stats(int n) {
            double[] k = new double[l];
            for (int j = 0; j < l; j++) {
                k[j] = klDim[j] / n;
            }
            return new StepStats((recSum - klSum) / n, recSum / n, klSum / n, k);
        }
    }

    /**
     * The loss −(1/n) Σ [log p(x|z) − β KL] of a batch and, with {@code gradients}, its gradient in
     * every parameter group ({@link #gradientGroups()}). For tests: x is n × D and eps n × L (null
     * for the autoencoder) in this model's data type, inside a workspace scope or none.
     */
    double lossAndGradients(INDArray x, INDArray eps, double beta, boolean gradients) {
        Pass p = run(x, eps, beta, gradients, false);
        return -(p.recSum - beta * p.klSum) / x.rows();
    }

    private Pass run(INDArray x, INDArray eps, double beta, boolean gradients, boolean perImage) {
        return run(x, eps, beta, gradients, perImage, null);
    }

    /** @param nadeCached NADE decoder: the NADE part of x's logits ({@link #nadeOnlyLogits}), or null */
    private Pass run(INDArray x, INDArray eps, double beta, boolean gradients, boolean perImage, double[] nadeCached) {
        int n = (int) x.rows();
        Pass pass = new Pass();
        INDArray h = encoder.forward(x);
        // The reparameterisation and the KL work on n × L numbers: plain Java on one copy of the
        // encoder's output is cheaper than the dozen ND4J ops (~8 µs each) they would take.
        double[] hv = Nd4j.toFlattened('f', h).toDoubleVector(); // μ columns, then log σ² columns
        int nl = n * l;
        double[] sigma = null;
        double[] e = null;
        INDArray z;
        if (config.autoencoder()) {
            z = array(Arrays.copyOf(hv, nl), n, l);
        } else {
            e = Nd4j.toFlattened('f', eps).toDoubleVector();
            sigma = new double[nl];
            double[] zv = new double[nl];
            for (int j = 0; j < l; j++) {
                double sumJ = 0;
                for (int i = 0; i < n; i++) {
                    int k = j * n + i;
                    double mu = hv[k];
                    double lv = hv[nl + k];
                    double sd = Math.exp(0.5 * lv);
                    sigma[k] = sd;
                    zv[k] = mu + sd * e[k];
                    double kl = 0.5 * (mu * mu + sd * sd - 1 - lv); // ½(μ² + σ² − 1 − log σ²)
                    sumJ += kl;
                }
                pass.klDim[j] = sumJ;
                pass.klSum += sumJ;
            }
            z = array(zv, n, l);
            if (perImage) {
                pass.mu = Arrays.copyOf(hv, nl);
                pass.logVar = Arrays.copyOfRange(hv, nl, 2 * nl);
            }
        }
        INDArray logits = decoder.forward(z);
        if (config.decoder() == Decoder.AUTOREGRESSIVE) {
            Nd4j.gemm(x, extraMatrix, logits, false, false, 1.0, 1.0);
        }
        double[] nadeGrad = config.decoder() == Decoder.NADE ? addNade(x, logits, nadeCached, gradients) : null;
        INDArray gradLogits = null;
        if (config.likelihood() == Likelihood.BERNOULLI) {
            // log p(x|z) = Σ x ℓ − softplus(ℓ); libnd4j's softplus is log(1 + e^ℓ), finite below ℓ ≈ 88
            INDArray sp = f(n, d);
            Nd4j.exec(new SoftPlus(logits, sp));
            if (perImage) {
                pass.recImage = sp.rsubi(x.mul(logits)).sum(1).toDoubleVector();
                for (double v : pass.recImage) {
                    pass.recSum += v;
                }
            } else {
                // Σ x ℓ as one BLAS dot over the contiguous buffers: an n × D product array less
                // and Σ softplus(ℓ) as a dot with ones: sumNumber took 0.2-0.35 ms on 128 × 784, a dot 0.05
                long len = (long) n * d;
                double xl = Nd4j.getBlasWrapper().dot(x.reshape('f', true, len), logits.reshape('f', true, len));
                pass.recSum = xl - Nd4j.getBlasWrapper().dot(sp.reshape('f', true, len), ones(len));
            }
            if (gradients) {
                gradLogits = f(n, d);
                Nd4j.exec(new Sigmoid(logits, gradLogits));
                gradLogits.subi(x).muli(1.0 / n);
            }
        } else {
            INDArray s = Transforms.max(extraMatrix, LOG_VARIANCE_FLOOR, true); // 1 × D
            INDArray precision = s.neg();
            Nd4j.exec(new Exp(precision, precision));
            INDArray mean = f(n, d);
            Nd4j.exec(new Sigmoid(logits, mean));
            INDArray scaled = x.sub(mean); // x − m
            INDArray maha = scaled.mulRowVector(precision); // (x − m) e^{−s}
            INDArray sq = maha.mul(scaled); // (x − m)² e^{−s}
            double sumS = s.sumNumber().doubleValue();
            if (perImage) {
                double[] rows = sq.sum(1).toDoubleVector();
                pass.recImage = new double[n];
                for (int i = 0; i < n; i++) {
                    pass.recImage[i] = -0.5 * (d * LOG_2PI + sumS + rows[i]);
                    pass.recSum += pass.recImage[i];
                }
            } else {
                pass.recSum = -0.5 * (n * (d * LOG_2PI + sumS) + sq.sumNumber().doubleValue());
            }
            if (gradients) {
                // ∂(−log p)/∂m = −(x − m) e^{−s}; m = sigmoid(ℓ), so ∂/∂ℓ multiplies by m(1 − m)
                gradLogits = maha.negi().muli(mean).muli(mean.rsub(1)).muli(1.0 / n);
                // ∂(−log p)/∂s = ½ (1 − (x − m)² e^{−s}), summed over images; 0 where s is held at the floor
                INDArray gs = sq.sum(0).reshape('f', 1, d).rsubi(n).muli(0.5 / n);
                gs.muli(extraMatrix.gte(LOG_VARIANCE_FLOOR).castTo(type));
                extraGradMatrix.assign(gs);
            }
        }
        if (!gradients) {
            return pass;
        }
        INDArray gz = decoder.backward(gradLogits, true);
        if (config.decoder() == Decoder.AUTOREGRESSIVE) {
            Nd4j.gemm(x, gradLogits, extraGradMatrix, true, false, 1.0, 0.0);
            extraGradMatrix.muli(mask);
        }
        if (nadeGrad != null) {
            extraGrad.assign(Nd4j.createFromArray(nadeGrad).castTo(type));
        }
        double[] g = Nd4j.toFlattened('f', gz).toDoubleVector();
        double[] ghv = new double[2 * n * l];
        for (int k = 0; k < n * l; k++) {
            if (config.autoencoder()) {
                ghv[k] = g[k]; // ∂/∂log σ² stays 0: that half of the output is unused
            } else {
                ghv[k] = g[k] + beta / n * hv[k];
                // ½ g_z ε σ + ½ β (σ² − 1) / n
                ghv[n * l + k] = 0.5 * g[k] * e[k] * sigma[k] + 0.5 * beta / n * (sigma[k] * sigma[k] - 1);
            }
        }
        INDArray gh = array(ghv, n, 2 * l);
        encoder.backward(gh, false);
        return pass;
    }

    /** Decoder MLP logits at z (count × L row-major), count × D row-major. */
    private float[] decoderLogits(float[] z, int count) {
        float[] out = new float[count * d];
        for (int from = 0; from < count; from += CHUNK) {
            int n = Math.min(CHUNK, count - from);
            try (MemoryWorkspace ws = workspace.open()) {
                INDArray zin = Nd4j.create(Arrays.copyOfRange(z, from * l, (from + n) * l), new long[] {n, l}, 'c')
                        .castTo(type).dup('f');
                System.arraycopy(rowMajor(decoder.forward(zin)), 0, out, from * d, n * d);
            }
        }
        return out;
    }

    /** Pixels drawn from the logits (row-major), sequentially for AUTOREGRESSIVE. */
    private float[] drawFrom(float[] logits, int count, SplittableRandom rng) {
        if (config.decoder() != Decoder.MLP) {
            return sequential(logits, count, rng);
        }
        float[] out = new float[logits.length];
        if (config.likelihood() == Likelihood.BERNOULLI) {
            for (int i = 0; i < out.length; i++) {
                out[i] = rng.nextDouble() < sigmoid(logits[i]) ? 1f : 0f;
            }
        } else {
            float[] s = extra.toFloatVector();
            for (int i = 0; i < out.length; i++) {
                double sd = Math.exp(0.5 * Math.max(s[i % d], LOG_VARIANCE_FLOOR));
                out[i] = (float) Math.min(1, Math.max(0, sigmoid(logits[i]) + sd * rng.nextGaussian()));
            }
        }
        return out;
    }

    /**
     * Raster-order pass of the autoregressive decoder over base logits (row-major): with an rng, a
     * sample (pixels 0/1); without, the greedy path, returning p(xⱼ = 1 | z, x_&lt;j) along it.
     */
    private float[] sequential(float[] base, int count, SplittableRandom rng) {
        if (config.decoder() == Decoder.NADE) {
            return nadeSequential(base, count, rng);
        }
        float[] a = extra.toFloatVector(); // column j of A (what feeds pixel j) is a[j·D .. j·D + D)
        float[] out = new float[count * d];
        float[] x = new float[d];
        for (int img = 0; img < count; img++) {
            for (int j = 0; j < d; j++) {
                double logit = base[img * d + j];
                int col = j * d;
                for (int i = 0; i < j; i++) {
                    logit += x[i] * a[col + i];
                }
                double p = sigmoid(logit);
                if (rng != null) {
                    x[j] = rng.nextDouble() < p ? 1f : 0f;
                    out[img * d + j] = x[j];
                } else {
                    x[j] = p >= 0.5 ? 1f : 0f;
                    out[img * d + j] = (float) p;
                }
            }
        }
        return out;
    }

    /**
     * {@link #sequential} for the NADE decoder: aₜ = c + Σ_{i&lt;j} W[:, i] xᵢ updated by one column
     * after each pixel that is on (O(DH) an image), pixel j's logit = base + bⱼ + Vⱼ · sigmoid(a).
     */
    private float[] nadeSequential(float[] base, int count, SplittableRandom rng) {
        double[] p = extra.toDoubleVector();
        int h = NADE_HIDDEN;
        int hd = h * d;
        int offV = hd + h;
        int offB = 2 * hd + h;
        double[] a = new double[h];
        double[] s = new double[h];
        float[] out = new float[count * d];
        for (int img = 0; img < count; img++) {
            System.arraycopy(p, hd, a, 0, h);
            for (int i = 0; i < h; i++) {
                s[i] = sigmoidD(a[i]);
            }
            for (int j = 0; j < d; j++) {
                double prob = sigmoidD(base[img * d + j] + p[offB + j] + NadeKernel.dot(p, offV + j * h, s, 0, h));
                boolean on = rng != null ? rng.nextDouble() < prob : prob >= 0.5;
                out[img * d + j] = rng != null ? (on ? 1f : 0f) : (float) prob;
                if (on) {
                    int wo = j * h;
                    for (int i = 0; i < h; i++) {
                        a[i] += p[wo + i];
                        s[i] = sigmoidD(a[i]);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The NADE decoder's logits: with {@code cached} (the z-independent NADE part of these n images,
     * row-major, from {@link #nadeOnlyLogits}) and no gradients, adds it to the MLP's logits (n × D,
     * column-major) in place; else runs the NADE per image with the MLP's logits as extra biases,
     * replaces {@code logits} with the sum and, with {@code gradients}, returns the gradient of
     * −(1/n) Σ log p(x|z) in the NADE's parameters (null without).
     */
    private double[] addNade(INDArray x, INDArray logits, double[] cached, boolean gradients) {
        int n = (int) x.rows();
        if (cached != null && !gradients) {
            logits.addi(Nd4j.create(cached, new long[] {n, d}, 'c').castTo(type));
            return null;
        }
        double[] p = extra.toDoubleVector();
        byte[] bits = bits(x);
        double[] base = Nd4j.toFlattened('c', logits).toDoubleVector();
        double[] out = new double[n * d];
        double[] grad = gradients ? new double[p.length] : null;
        for (int i = 0; i < n; i++) {
            nadeKernel.forward(p, bits, i * d, out, i * d, base, i * d);
            if (gradients) {
                nadeKernel.backward(p, bits, i * d, 1.0 / n, grad);
            }
        }
        logits.assign(Nd4j.create(out, new long[] {n, d}, 'c').castTo(type));
        return grad;
    }

    /** The NADE part bⱼ + Vⱼ · sigmoid(c + W x_&lt;j) of the logits of images from..from+n, row-major. */
    private double[] nadeOnlyLogits(float[] images, int from, int n) {
        double[] p = extra.toDoubleVector();
        byte[] bits = new byte[n * d];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = images[from * d + k] >= 0.5f ? (byte) 1 : 0;
        }
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            nadeKernel.forward(p, bits, i * d, out, i * d);
        }
        return out;
    }

    /** The binary pixels of an n × D batch, row-major. */
    private byte[] bits(INDArray x) {
        float[] v = rowMajor(x);
        byte[] b = new byte[v.length];
        for (int k = 0; k < v.length; k++) {
            b[k] = v[k] >= 0.5f ? (byte) 1 : 0;
        }
        return b;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The parameter arrays, live and each contiguous: the encoder's W₁, b₁, W₂, b₂, the decoder's,
     * then r or A when present (the order of {@link #parameters()}).
     */
    INDArray[] parameterGroups() {
        return concat(encoder.params(), decoder.params(), extra);
    }

    /** The gradients of the last {@link #lossAndGradients}, same arrays. */
    INDArray[] gradientGroups() {
        return concat(encoder.gradients(), decoder.gradients(), extraGrad);
    }

    private static INDArray[] concat(INDArray[] a, INDArray[] b, INDArray last) {
        INDArray[] all = Arrays.copyOf(a, a.length + b.length + (last == null ? 0 : 1));
        System.arraycopy(b, 0, all, a.length, b.length);
        if (last != null) {
            all[all.length - 1] = last;
        }
        return all;
    }

    DataType dataType() {
        return type;
    }

    /** A vector of {@code len} ones outside any workspace, grown as needed. */
    private INDArray ones(long len) {
        if (onesStore == null || onesStore.length() < len) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                onesStore = Nd4j.ones(type, len);
            }
        }
        return onesStore.length() == len ? onesStore : onesStore.get(NDArrayIndex.interval(0, len));
    }

    /** A rows × cols column-major array of this model's type holding v (column-major). */
    private INDArray array(double[] v, int rows, int cols) {
        if (type == DataType.DOUBLE) {
            return Nd4j.create(v, new long[] {rows, cols}, 'f');
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Nd4j.create(f, new long[] {rows, cols}, 'f');
    }

    private INDArray f(int rows, int cols) {
        return Nd4j.createUninitialized(type, new long[] {rows, cols}, 'f');
    }

    /**
     * Images from..from+n of a row-major set as an n × D column-major array. Transposed in Java:
     * {@code Nd4j.create(.., 'c').dup('f')} took 0.86 ms for 128 × 784, this about a fifth of it.
     */
    private INDArray input(float[] images, int from, int n) {
        if (transposed == null || transposed.length < n * d) {
            transposed = new float[n * d];
        }
        float[] t = transposed;
        int base = from * d;
        // in 16 × 64 tiles, so that both the rows read and the columns written stay in cache
        for (int i0 = 0; i0 < n; i0 += 16) {
            int i1 = Math.min(n, i0 + 16);
            for (int j0 = 0; j0 < d; j0 += 64) {
                int j1 = Math.min(d, j0 + 64);
                for (int i = i0; i < i1; i++) {
                    int row = base + i * d;
                    for (int j = j0; j < j1; j++) {
                        t[j * n + i] = images[row + j];
                    }
                }
            }
        }
        if (type != DataType.FLOAT) {
            return Nd4j.create(Arrays.copyOf(t, n * d), new long[] {n, d}, 'f').castTo(type);
        }
        // one detached array per batch size, filled by a bulk copy: Nd4j.create(float[]) cost more
        if (inputStore == null || inputStore.rows() != n) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                inputStore = Nd4j.createUninitialized(type, new long[] {n, d}, 'f');
            }
        }
        java.nio.FloatBuffer buffer = inputStore.data().asNioFloat();
        buffer.put(t, 0, n * d);
        return inputStore;
    }

    /** ε laid out column-major (εᵢⱼ at j·n + i) as an n × L array. */
    private INDArray epsArray(float[] eps, int n) {
        INDArray e = Nd4j.create(eps, new long[] {n, l}, 'f');
        return type == DataType.FLOAT ? e : e.castTo(type);
    }

    /** n × L standard normals in column-major order, image by image (draw order: image i's L values). */
    private float[] gaussians(SplittableRandom rng, int n) {
        float[] e = new float[n * l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                e[j * n + i] = (float) rng.nextGaussian();
            }
        }
        return e;
    }

    private static float[] rowMajor(INDArray m) {
        return Nd4j.toFlattened('c', m).toFloatVector();
    }

    private static double sigmoidD(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float sigmoid(double v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    private void checkImages(float[] images, int count) {
        if (count < 1 || images.length < (long) count * d) {
            throw new IllegalArgumentException("expected " + count + " × " + d + " pixels, got " + images.length);
        }
    }

    private void checkLatents(float[] z, int count) {
        if (count < 1 || z.length < (long) count * l) {
            throw new IllegalArgumentException("expected " + count + " × " + l + " latents, got " + z.length);
        }
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
