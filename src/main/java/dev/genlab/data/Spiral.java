package dev.genlab.data;

import java.util.random.RandomGenerator;

/**
 * Two interleaved Archimedean spiral arms blurred by isotropic Gaussian noise σ.
 *
 * <pre>
 *   arm₁ c(t) = a t (cos t, sin t),   arm₂ = −c(t),   t ∈ [t₀, t₁] = [0.5, 3π],   a = R / t₁
 *   t has density q(t) = 2t / (t₁² − t₀²)   (t = √(t₀² + u (t₁² − t₀²)), u ~ U[0,1)),
 *   which spreads points nearly evenly along the arm, whose speed grows ∝ √(1 + t²)
 *   p(x) = ½ Σ_arm ∫ q(t) N(x; ±c(t), σ² I) dt
 * </pre>
 * R is the outer radius (2 by default). The arc integral is computed like {@link TwoMoons}'s.
 */
public final class Spiral extends AbstractToyDistribution {

    /**
     * H(p) of the default shape in nats, computed offline by {@link #quadratureEntropy()} (midpoint rule,
     * 360² over the bounds widened by a fifth; 720² and 1440² agree to 10⁻¹², a box twice as wide to
     * 10⁻¹¹), so no one waits seconds for it at run time. Precision: about 10⁻¹¹ nats as an integral of
     * this log-density; {@code ToyDistributionsTest} recomputes it.
     */
    static final double DEFAULT_ENTROPY = 2.085431075257;

    private static final double T0 = 0.5;
    private static final double T1 = 3 * Math.PI;

    private final double sigma;
    private final double radius;
    private final double a;
    private final NoisyCurve[] arms;

    /** Outer radius 2, noise σ = 0.1. */
    public Spiral() {
        this(2, 0.1);
        shipEntropy(DEFAULT_ENTROPY);
    }

    public Spiral(double radius, double sigma) {
        this(radius, sigma, 2);
    }

    Spiral(double radius, double sigma, double panelSigmas) {
        this.sigma = requirePositive("noise σ", sigma);
        this.radius = requirePositive("radius", radius);
        this.a = radius / T1;
        double norm = 0.5 * 2 / (T1 * T1 - T0 * T0);
        arms = new NoisyCurve[] {
            new NoisyCurve(t -> a * t * Math.cos(t), t -> a * t * Math.sin(t), t -> norm * t, T0, T1, sigma,
                    panelSigmas),
            new NoisyCurve(t -> -a * t * Math.cos(t), t -> -a * t * Math.sin(t), t -> norm * t, T0, T1, sigma,
                    panelSigmas)
        };
    }

    public double sigma() {
        return sigma;
    }

    public double radius() {
        return radius;
    }

    @Override
    public String id() {
        return "spiral";
    }

    @Override
    public double logDensity(double x, double y) {
        return NoisyCurve.logDensity(arms, x, y);
    }

    @Override
    public void sample(int n, RandomGenerator rng, double[] xsOut, double[] ysOut) {
        requireCapacity(n, xsOut, ysOut);
        for (int i = 0; i < n; i++) {
            double t = Math.sqrt(T0 * T0 + rng.nextDouble() * (T1 * T1 - T0 * T0));
            double sign = rng.nextBoolean() ? 1 : -1;
            xsOut[i] = sign * a * t * Math.cos(t) + sigma * rng.nextGaussian();
            ysOut[i] = sign * a * t * Math.sin(t) + sigma * rng.nextGaussian();
        }
    }

    @Override
    public double[] bounds() {
        double r = radius + 5 * sigma;
        return new double[] {-r, r, -r, r};
    }
}
