package dev.genlab.data;

import dev.genlab.math.LogMath;
import dev.genlab.math.SpecialFunctions;
import java.util.random.RandomGenerator;

/**
 * K concentric circles blurred by isotropic Gaussian noise σ.
 *
 * <p>Ring k has radius R_k = k·R/K (k = 1..K) and weight w_k = R_k / Σ_j R_j (so points are
 * spread evenly along the total length). A point is R_k (cos φ, sin φ) + σ ε with φ ~ U[0, 2π).
 * Averaging the Gaussian over φ gives a closed form in r = |x|:
 * <pre>
 *   (1/2π) ∫ N(x; R u(φ), σ² I) dφ = 1/(2πσ²) · exp(−(r² + R²)/(2σ²)) · I₀(rR/σ²)
 *   log p(x) = log Σ_k w_k · [ −log(2πσ²) − (r − R_k)²/(2σ²) + log(e^{−z} I₀(z)) ],  z = rR_k/σ²
 * </pre>
 * using the exponentially scaled Bessel function so that nothing overflows.
 */
public final class Rings extends AbstractToyDistribution {

    /**
     * H(p) of the default shape in nats, computed offline by {@link #quadratureEntropy()} (midpoint rule,
     * 360² over the bounds widened by a fifth; 720² and 1440² agree to 10⁻¹², a box twice as wide to
     * 10⁻¹¹), so no one waits seconds for it at run time. Precision: about 10⁻¹¹ nats as an integral of
     * this log-density; {@code ToyDistributionsTest} recomputes it.
     */
    static final double DEFAULT_ENTROPY = 2.337149010214;

    private final int count;
    private final double outerRadius;
    private final double sigma;
    private final double[] radii;
    private final double[] logWeights;
    private final double[] cumulative;

    /** Three rings, outer radius 2, noise σ = 0.1. */
    public Rings() {
        this(3, 2, 0.1);
        shipEntropy(DEFAULT_ENTROPY);
    }

    public Rings(int count, double outerRadius, double sigma) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one ring, got " + count);
        }
        this.count = count;
        this.outerRadius = requirePositive("outer radius", outerRadius);
        this.sigma = requirePositive("noise σ", sigma);
        radii = new double[count];
        logWeights = new double[count];
        cumulative = new double[count];
        double total = outerRadius * (count + 1) / 2.0;
        double acc = 0;
        for (int k = 0; k < count; k++) {
            radii[k] = outerRadius * (k + 1) / count;
            logWeights[k] = Math.log(radii[k] / total);
            acc += radii[k] / total;
            cumulative[k] = acc;
        }
        cumulative[count - 1] = 1;
    }

    public int count() {
        return count;
    }

    public double outerRadius() {
        return outerRadius;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public String id() {
        return "rings";
    }

    @Override
    public double logDensity(double x, double y) {
        double r = Math.hypot(x, y);
        double s2 = sigma * sigma;
        double logNorm = -Math.log(2 * Math.PI * s2);
        double acc = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < count; k++) {
            double z = r * radii[k] / s2;
            double d = r - radii[k];
            double term = logWeights[k] + logNorm - d * d / (2 * s2) + SpecialFunctions.logBesselI0(z) - z;
            acc = LogMath.logSumExp(acc, term);
        }
        return acc;
    }

    @Override
    public void sample(int n, RandomGenerator rng, double[] xsOut, double[] ysOut) {
        requireCapacity(n, xsOut, ysOut);
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (cumulative[k] <= u && k < count - 1) {
                k++;
            }
            double phi = 2 * Math.PI * rng.nextDouble();
            xsOut[i] = radii[k] * Math.cos(phi) + sigma * rng.nextGaussian();
            ysOut[i] = radii[k] * Math.sin(phi) + sigma * rng.nextGaussian();
        }
    }

    @Override
    public double[] bounds() {
        double r = outerRadius + 5 * sigma;
        return new double[] {-r, r, -r, r};
    }
}
