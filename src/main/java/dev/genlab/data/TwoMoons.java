package dev.genlab.data;

import java.util.random.RandomGenerator;

/**
 * Two interleaved half circles blurred by isotropic Gaussian noise σ (the "two moons" of
 * scikit-learn's {@code make_moons}), centred on the origin.
 *
 * <pre>
 *   upper moon  c₁(t) = (cos t − ½,  sin t − ¼),          t ~ U[0, π]
 *   lower moon  c₂(t) = (½ − cos t,  ¼ − sin t),          t ~ U[0, π]
 *   x = c_k(t) + σ ε,  k ~ U{1, 2},  ε ~ N(0, I₂)
 *   p(x) = ½ Σ_k (1/π) ∫_0^π N(x; c_k(t), σ² I) dt
 * </pre>
 * The arc integral has no closed form (it is an incomplete von Mises integral); it is computed
 * by composite 8-point Gauss–Legendre with panels of arc length ≤ 2σ (see {@code NoisyCurve}),
 * relative error below 10⁻⁶ wherever log p is within 30 nats of its maximum.
 */
public final class TwoMoons extends AbstractToyDistribution {

    /**
     * H(p) of the default shape in nats, computed offline by {@link #quadratureEntropy()} (midpoint rule,
     * 360² over the bounds widened by a fifth; 720² and 1440² agree to 10⁻¹², a box twice as wide to
     * 10⁻¹¹), so no one waits seconds for it at run time. Precision: about 10⁻¹¹ nats as an integral of
     * this log-density; {@code ToyDistributionsTest} recomputes it.
     */
    static final double DEFAULT_ENTROPY = 1.007584834846;

    private final double sigma;
    private final NoisyCurve[] moons;

    /** Noise σ = 0.1. */
    public TwoMoons() {
        this(0.1);
        shipEntropy(DEFAULT_ENTROPY);
    }

    public TwoMoons(double sigma) {
        this(sigma, 2);
    }

    /** With a chosen quadrature panel length (in σ), for accuracy tests. */
    TwoMoons(double sigma, double panelSigmas) {
        this.sigma = requirePositive("noise σ", sigma);
        double q = 0.5 / Math.PI;
        moons = new NoisyCurve[] {
            new NoisyCurve(t -> Math.cos(t) - 0.5, t -> Math.sin(t) - 0.25, t -> q, 0, Math.PI, sigma, panelSigmas),
            new NoisyCurve(t -> 0.5 - Math.cos(t), t -> 0.25 - Math.sin(t), t -> q, 0, Math.PI, sigma, panelSigmas)
        };
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public String id() {
        return "moons";
    }

    @Override
    public double logDensity(double x, double y) {
        return NoisyCurve.logDensity(moons, x, y);
    }

    @Override
    public void sample(int n, RandomGenerator rng, double[] xsOut, double[] ysOut) {
        requireCapacity(n, xsOut, ysOut);
        for (int i = 0; i < n; i++) {
            double t = Math.PI * rng.nextDouble();
            double sign = rng.nextBoolean() ? 1 : -1;
            xsOut[i] = sign * (Math.cos(t) - 0.5) + sigma * rng.nextGaussian();
            ysOut[i] = sign * (Math.sin(t) - 0.25) + sigma * rng.nextGaussian();
        }
    }

    @Override
    public double[] bounds() {
        double pad = 5 * sigma;
        return new double[] {-1.5 - pad, 1.5 + pad, -0.75 - pad, 0.75 + pad};
    }
}
