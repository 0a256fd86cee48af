package dev.genlab.model.latent;

import java.util.SplittableRandom;

import dev.genlab.math.LogMath;

/**
 * A small non-linear latent variable model with a 1-D or 2-D latent and 2-D data:
 * <pre>
 *   z ~ N(0, I),   x = g(z) + e,   e ~ N(0, σ² I₂),   log p(x | z) = Σ_d log N(x_d; g_d(z), σ²)
 * </pre>
 * Its posterior p(z | x) is not Gaussian, which is the point: a diagonal Gaussian q cannot reach it,
 * so KL(q ‖ p(z|x)) stays positive however q is fitted. Two kinds of g:
 * <ul>
 *   <li>{@link #banana(int)}, fixed polynomials (σ = {@value #BANANA_SIGMA}):
 *     <pre>
 *   M = 1:  g(z) = (0.3 z,  z² − 1)
 *   M = 2:  g(z) = (0.3 z₁,  z₁² + ½ z₂ − 1)
 *     </pre>
 *     With M = 1 the data lie along the parabola x₂ = (x₁ / 0.3)² − 1. x₂ fixes |z| well but only the
 *     weak x₁ = 0.3 z tells its sign, so for x = g(z) with z between 0.5 and 1 the posterior has two
 *     modes near ±z, the smaller one 0.55 (z = 0.5) to 0.06 (z = 1) of the larger's height (0.27 at
 *     z = 0.7); for |z| ≲ 0.3 they merge into one skewed bump. With M = 2 the same happens in z₁, and
 *     given z₁ the posterior of z₂ is Gaussian with mean 1.6 (x₂ + 1 − z₁²) (precision 1 + ¼/σ² = 5):
 *     its ridge is a parabola, a banana in the latent plane.</li>
 *   <li>{@link #of} / {@link #mlp}: a tanh MLP g(z) = W₂ tanh(W₁ z + c₁) + c₂ with given weights, or
 *     weights drawn from a seed.</li>
 * </ul>
 * Immutable; deterministic.
 */
public final class TinyDecoder implements LatentModel {

    /** σ of {@link #banana(int)}. */
    public static final double BANANA_SIGMA = 0.25;

    private final int latentDim;
    private final double sigma;
    private final boolean banana;
    private final double[][] w1;
    private final double[] c1;
    private final double[][] w2;
    private final double[] c2;

    private TinyDecoder(int latentDim, double sigma, boolean banana, double[][] w1, double[] c1, double[][] w2, double[] c2) {
        if (latentDim != 1 && latentDim != 2) {
            throw new IllegalArgumentException("latentDim must be 1 or 2: " + latentDim);
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("σ must be positive and finite: " + sigma);
        }
        this.latentDim = latentDim;
        this.sigma = sigma;
        this.banana = banana;
        this.w1 = w1;
        this.c1 = c1;
        this.w2 = w2;
        this.c2 = c2;
    }

    /** The fixed banana decoder of the class comment, latentDim 1 or 2. */
    public static TinyDecoder banana(int latentDim) {
        return new TinyDecoder(latentDim, BANANA_SIGMA, true, null, null, null, null);
    }

    /**
     * The tanh MLP g(z) = W₂ tanh(W₁ z + c₁) + c₂ with the given weights (copied): w1 is H × M,
     * c1 length H, w2 is 2 × H, c2 length 2; M = 1 or 2; noise σ &gt; 0.
     */
    public static TinyDecoder of(double[][] w1, double[] c1, double[][] w2, double[] c2, double sigma) {
        int h = w1.length;
        if (h == 0 || c1.length != h || w2.length != 2 || c2.length != 2) {
            throw new IllegalArgumentException("shapes: w1 H×M, c1 H, w2 2×H, c2 2");
        }
        int m = w1[0].length;
        for (double[] row : w1) {
            if (row.length != m) {
                throw new IllegalArgumentException("w1 is not rectangular");
            }
        }
        for (double[] row : w2) {
            if (row.length != h) {
                throw new IllegalArgumentException("w2 must be 2 × " + h);
            }
        }
        return new TinyDecoder(m, sigma, false, Linalg.copy(w1), c1.clone(), Linalg.copy(w2), c2.clone());
    }

    /**
     * A tanh MLP with {@code hidden} units whose weights come from {@code seed}: W₁ ~ N(0, 2²),
     * c₁ ~ N(0, 1), W₂ ~ N(0, 1/H)·2, c₂ = 0 (large first-layer weights, so g bends within the prior's
     * range). Deterministic in the seed.
     */
    public static TinyDecoder mlp(int latentDim, int hidden, long seed, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] w1 = new double[hidden][latentDim];
        double[] c1 = new double[hidden];
        double[][] w2 = new double[2][hidden];
        for (int i = 0; i < hidden; i++) {
            for (int j = 0; j < latentDim; j++) {
                w1[i][j] = 2 * rng.nextGaussian();
            }
            c1[i] = rng.nextGaussian();
        }
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < hidden; i++) {
                w2[o][i] = 2 * rng.nextGaussian() / Math.sqrt(hidden);
            }
        }
        return of(w1, c1, w2, new double[2], sigma);
    }

    @Override
    public int dataDim() {
        return 2;
    }

    @Override
    public int latentDim() {
        return latentDim;
    }

    /** σ, the noise standard deviation. */
    public double sigma() {
        return sigma;
    }

    /** g(z), the mean of p(x | z). */
    public double[] decode(double[] z) {
        if (banana) {
            if (latentDim == 1) {
                return new double[] {0.3 * z[0], z[0] * z[0] - 1};
            }
            return new double[] {0.3 * z[0], z[0] * z[0] + 0.5 * z[1] - 1};
        }
        double[] out = c2.clone();
        for (int i = 0; i < w1.length; i++) {
            double a = c1[i];
            for (int j = 0; j < latentDim; j++) {
                a += w1[i][j] * z[j];
            }
            double t = Math.tanh(a);
            out[0] += w2[0][i] * t;
            out[1] += w2[1][i] * t;
        }
        return out;
    }

    /** One x from the generative process: z ~ N(0, I), x = g(z) + σ ε. */
    public double[] sample(SplittableRandom rng) {
        double[] z = new double[latentDim];
        for (int j = 0; j < latentDim; j++) {
            z[j] = rng.nextGaussian();
        }
        double[] x = decode(z);
        x[0] += sigma * rng.nextGaussian();
        x[1] += sigma * rng.nextGaussian();
        return x;
    }

    /** log p(x | z) = −log(2πσ²) − ‖x − g(z)‖² / (2σ²). */
    @Override
    public double logLikelihood(double[] x, double[] z) {
        double[] g = decode(z);
        double r0 = x[0] - g[0];
        double r1 = x[1] - g[1];
        return -(LogMath.LOG_2PI + 2 * Math.log(sigma)) - (r0 * r0 + r1 * r1) / (2 * sigma * sigma);
    }
}
