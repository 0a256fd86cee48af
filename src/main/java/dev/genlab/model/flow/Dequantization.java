package dev.genlab.model.flow;

import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;

import dev.genlab.data.Downsample;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;

/**
 * Uniform dequantisation and the bits-per-dimension conversion (Theis, van den Oord &amp; Bethge 2016,
 * "A note on the evaluation of generative models", ICLR; Uria, Murray &amp; Larochelle 2013, RNADE; used by
 * Dinh et al. 2017, RealNVP, and Kingma &amp; Dhariwal 2018, Glow; Ho et al. 2019, "Flow++", ICML, which
 * learns the noise instead).
 *
 * <p>Pixels are discrete: x ∈ {0, …, K−1}^D. A density p on ℝ^D fitted to them directly could put
 * infinite density on the D-dimensional lattice points and drive the likelihood to +∞ without learning
 * anything. Uniform dequantisation fits p to y = (x + u)/K, u ~ U[0, 1)^D, instead, i.e. to the data
 * smeared over its cells C_x = [x/K, (x+1)/K)^D of volume K^{−D}. The model of the discrete data is the
 * mass p gives each cell,
 * <pre>
 *   P(x) = ∫_{C_x} p(y) dy = K^{−D} E_u[ p((x + u)/K) ],
 * </pre>
 * and by Jensen's inequality (log is concave), the statement this class computes:
 * <pre>
 *   log P(x) ≥ E_u[ log p((x + u)/K) ] − D log K.
 * </pre>
 * The −D log K is the Jacobian of the scaling y = z/K from the unscaled z = x + u (whose cells are unit
 * cubes, where the bound reads log P(x) ≥ E_u[log p_z(x + u)] with p_z(z) = K^{−D} p(z/K)). The cells
 * tile [0, 1)^D, so Σ_x P(x) ≤ 1: P is a proper (sub-)distribution on the discrete images, and the
 * dequantised training objective can only under-state its likelihood.
 *
 * <p>Bits per dimension: bpd = −log₂ P(x)/D = −(log-likelihood in nats)/(D ln 2). With the bound,
 * bpd ≤ (−E_u[log p((x+u)/K)] + D ln K)/(D ln 2) = −E_u[log p(y)]/(D ln 2) + log₂ K, which is what
 * {@link #bitsPerDim(DequantFlow, int[][], int, int, RandomGenerator)} reports (an upper bound on the
 * true bits per dimension, estimated by Monte Carlo over u). An independent-uniform model scores
 * exactly log₂ K, the yardstick.
 */
public final class Dequantization {

    private static final double LN2 = Math.log(2);

    private Dequantization() {
    }

    /** Pixels in [0, 1] to levels 0..K−1: ⌊v K⌋, 1 itself to K − 1. */
    public static int[][] quantise(ImageDataset ds, int k) {
        checkLevels(k);
        int d = ds.pixelsPerImage();
        FloatBuffer buf = ds.pixelBuffer();
        int[][] out = new int[ds.size()][d];
        for (int i = 0; i < ds.size(); i++) {
            for (int j = 0; j < d; j++) {
                double v = buf.get(i * d + j);
                out[i][j] = (int) Math.max(0, Math.min(k - 1, Math.floor(v * k)));
            }
        }
        return out;
    }

    /**
     * The lesson's data: {@code count} of the built-in procedural digits (their seed), area-averaged
     * from 28 × 28 to side × side ({@link Downsample#resample}) and quantised to K levels.
     */
    public static int[][] digits(int count, long seed, int side, int k) {
        return quantise(Downsample.resample(ProceduralDigits.generate(count, seed), side, side), k);
    }

    /** y = (x + u)/K with fresh u ~ U[0, 1)^D per image. */
    public static double[][] dequantise(int[][] levels, int k, RandomGenerator rng) {
        checkLevels(k);
        double[][] y = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            int[] x = levels[i];
            double[] r = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                r[j] = (x[j] + rng.nextDouble()) / k;
            }
            y[i] = r;
        }
        return y;
    }

    /**
     * The cell a continuous point lies in, x = ⌊y K⌋ clamped to 0..K−1: what a sample of the flow shows
     * as a discrete image (the inverse of {@link #dequantise} up to the noise).
     */
    public static int[] levelsOf(double[] y, int k) {
        checkLevels(k);
        int[] x = new int[y.length];
        for (int j = 0; j < y.length; j++) {
            x[j] = (int) Math.max(0, Math.min(k - 1, Math.floor(y[j] * k)));
        }
        return x;
    }

    /** The discrete log-likelihood's lower bound from a continuous one: log p(y) − D log K (nats). */
    public static double discreteLowerBound(double continuousLogDensity, int dims, int k) {
        return continuousLogDensity - dims * Math.log(k);
    }

    /** bpd = −(log-likelihood in nats)/(D ln 2). */
    public static double bitsPerDim(double logLikelihoodNats, int dims) {
        return -logLikelihoodNats / (dims * LN2);
    }

    /**
     * An evaluation of a flow on discrete images: {@code continuousNll} = −mean log p(y) over images and
     * noise draws (nats per image), {@code discreteNllBound} = continuousNll + D ln K (an upper bound on
     * −log P(x), nats per image), and {@code bitsPerDim} = discreteNllBound/(D ln 2).
     */
    public record Evaluation(double continuousNll, double discreteNllBound, double bitsPerDim, int images,
                             int noiseDraws) {
    }

    /** {@link Evaluation} with {@code draws} dequantisations of every image. */
    public static Evaluation evaluate(DequantFlow f, int[][] levels, int k, int draws, RandomGenerator rng) {
        double sum = 0;
        for (int r = 0; r < draws; r++) {
            for (double lp : f.logDensity(dequantise(levels, k, rng))) {
                sum += lp;
            }
        }
        double continuous = -sum / ((double) draws * levels.length);
        double discrete = -discreteLowerBound(-continuous, f.dims(), k);
        return new Evaluation(continuous, discrete, bitsPerDim(-discrete, f.dims()), levels.length, draws);
    }

    /** The bits-per-dimension bound of {@link #evaluate}. */
    public static double bitsPerDim(DequantFlow f, int[][] levels, int k, int draws, RandomGenerator rng) {
        return evaluate(f, levels, k, draws, rng).bitsPerDim();
    }

    private static void checkLevels(int k) {
        if (k < 2 || k > 256) {
            throw new IllegalArgumentException("levels must be 2..256, got " + k);
        }
    }
}
