package dev.genlab.model.gan;

import java.util.SplittableRandom;

import dev.genlab.math.LogMath;

/**
 * A small neural discriminator 1 → H tanh → 1 on a standardised input, plain Java:
 * <pre>
 *   u = (x − c₀)/s₀,   h_j = tanh(α_j u + β_j),   a(x) = Σ_j v_j h_j + c,   D(x) = σ(a(x))
 *   da/dx = Σ_j v_j (1 − h_j²) α_j / s₀
 * </pre>
 * with parameters θ = (α_1…α_H, β_1…β_H, v_1…v_H, c) and a fixed input centre c₀ and scale s₀.
 * {@link #train} climbs V(D, G) of a {@link Game1D} by gradient ascent, with the exact
 * expectations of the game's quadrature rather than minibatches (Goodfellow et al. 2014,
 * Algorithm 1, with the sums over samples replaced by integrals). Backpropagation by hand:
 * <pre>
 *   V = Σ_i w_i [p_data(x_i) log σ(a_i) + p_g(x_i) log σ(−a_i)]
 *   ∂V/∂a_i = w_i [p_data(x_i) σ(−a_i) − p_g(x_i) σ(a_i)] =: δ_i
 *   ∂V/∂c = Σ δ_i,  ∂V/∂v_j = Σ δ_i h_ij,  ∂V/∂β_j = Σ δ_i v_j (1 − h_ij²),  ∂V/∂α_j = Σ δ_i v_j (1 − h_ij²) u_i
 * </pre>
 * Immutable: {@link #train} returns a new discriminator.
 */
public final class MlpDiscriminator1D implements Discriminator1D {

    private final int hidden;
    private final double centre;
    private final double scale;
    private final double[] theta;

    /**
     * The network with input centre c₀, scale s₀ &gt; 0 and parameters θ = (α, β, v, c) of length 3H + 1.
     */
    public MlpDiscriminator1D(double centre, double scale, double[] theta) {
        if (!Double.isFinite(centre) || !(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("input centre must be finite and scale positive and finite, got " + centre + ", " + scale);
        }
        if (theta == null || theta.length < 4 || (theta.length - 1) % 3 != 0) {
            throw new IllegalArgumentException("θ must have length 3H + 1 with H ≥ 1");
        }
        this.theta = Generator1D.checkParams(theta, theta.length);
        this.hidden = (theta.length - 1) / 3;
        this.centre = centre;
        this.scale = scale;
    }

    /**
     * A seeded random network whose input range [lo, hi] is mapped to u ∈ [−2, 2]: α_j ~ N(0, 1.5²),
     * each unit's kink −β_j/α_j uniform in [−2, 2], v_j ~ N(0, 0.25/H), c = 0.
     */
    public static MlpDiscriminator1D random(int hidden, Interval inputRange, long seed) {
        if (hidden < 1) {
            throw new IllegalArgumentException("need at least one hidden unit, got " + hidden);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] t = new double[3 * hidden + 1];
        for (int j = 0; j < hidden; j++) {
            double alpha = 1.5 * gaussian(rng);
            double kink = -2 + 4 * rng.nextDouble();
            t[j] = alpha;
            t[hidden + j] = -alpha * kink;
            t[2 * hidden + j] = 0.5 * gaussian(rng) / Math.sqrt(hidden);
        }
        return new MlpDiscriminator1D(0.5 * (inputRange.lo() + inputRange.hi()), inputRange.width() / 4, t);
    }

    /** {@link #random} with the input range [lo, hi] where both densities of {@code game} have all but 2Φ(−3) of their mass. */
    public static MlpDiscriminator1D forGame(Game1D game, int hidden, long seed) {
        Interval r = game.data().bounds(3).union(game.generator().bounds(3));
        return random(hidden, r, seed);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box–Muller: SplittableRandom.nextGaussian exists from Java 17 but stays explicit here for reproducibility.
        double u1 = 1 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** H. */
    public int hidden() {
        return hidden;
    }

    /** Input centre c₀. */
    public double centre() {
        return centre;
    }

    /** Input scale s₀. */
    public double scale() {
        return scale;
    }

    /** Number of parameters 3H + 1. */
    public int numParams() {
        return theta.length;
    }

    /** A copy of θ = (α, β, v, c). */
    public double[] params() {
        return theta.clone();
    }

    /** The same architecture and input map with parameters θ. */
    public MlpDiscriminator1D withParams(double[] t) {
        return new MlpDiscriminator1D(centre, scale, Generator1D.checkParams(t, theta.length));
    }

    @Override
    public double logit(double x) {
        double u = (x - centre) / scale;
        double a = theta[3 * hidden];
        for (int j = 0; j < hidden; j++) {
            a += theta[2 * hidden + j] * Math.tanh(theta[j] * u + theta[hidden + j]);
        }
        return a;
    }

    @Override
    public double logitDerivative(double x) {
        double u = (x - centre) / scale;
        double d = 0;
        for (int j = 0; j < hidden; j++) {
            double h = Math.tanh(theta[j] * u + theta[hidden + j]);
            d += theta[2 * hidden + j] * (1 - h * h) * theta[j];
        }
        return d / scale;
    }

    /** ∇_θ V(D, G) by backpropagation through the quadrature sum (see the class comment). */
    public double[] valueGradient(Game1D game) {
        double[] g = new double[theta.length];
        accumulateGradient(game, g);
        return g;
    }

    /** Writes ∇_θ V into g and returns V. */
    private double accumulateGradient(Game1D game, double[] g) {
        double[] xs = game.nodes();
        double[] ws = game.weights();
        double[] lpd = game.logDataDensity();
        double[] lpg = game.logModelDensity();
        double[] h = new double[hidden];
        double v = 0;
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < xs.length; i++) {
            double pd = Math.exp(lpd[i]);
            double pg = Math.exp(lpg[i]);
            double mass = pd + pg;
            if (mass == 0) {
                continue;
            }
            double u = (xs[i] - centre) / scale;
            double a = theta[3 * hidden];
            for (int j = 0; j < hidden; j++) {
                h[j] = Math.tanh(theta[j] * u + theta[hidden + j]);
                a += theta[2 * hidden + j] * h[j];
            }
            v -= ws[i] * (pd * LogMath.log1pExp(-a) + pg * LogMath.log1pExp(a));
            double delta = ws[i] * (pd * LogMath.sigmoid(-a) - pg * LogMath.sigmoid(a));
            g[3 * hidden] += delta;
            for (int j = 0; j < hidden; j++) {
                double back = delta * theta[2 * hidden + j] * (1 - h[j] * h[j]);
                g[2 * hidden + j] += delta * h[j];
                g[hidden + j] += back;
                g[j] += back * u;
            }
        }
        return v;
    }

    /**
     * {@code steps} steps of gradient ascent θ ← θ + lr ∇_θ V(D_θ, G) on {@code game}'s exact V
     * (the generator held fixed); returns the trained discriminator, this one is unchanged.
     */
    public MlpDiscriminator1D train(Game1D game, int steps, double lr) {
        if (steps < 0 || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("need steps ≥ 0 and a finite learning rate, got " + steps + ", " + lr);
        }
        MlpDiscriminator1D d = this;
        double[] g = new double[theta.length];
        double[] t = theta.clone();
        for (int s = 0; s < steps; s++) {
            d.accumulateGradient(game, g);
            for (int j = 0; j < t.length; j++) {
                t[j] += lr * g[j];
            }
            d = new MlpDiscriminator1D(centre, scale, t);
        }
        return d;
    }
}
