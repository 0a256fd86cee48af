package dev.genlab.data;

import dev.genlab.math.Gaussian2D;
import dev.genlab.math.LogMath;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A mixture of bivariate Gaussians, immutable; edit it with the {@code with…} methods.
 *
 * <pre>
 *   p(x) = Σ_k π_k N(x; μ_k, Σ_k),   π_k = w_k / Σ_j w_j
 *   log p(x) = logsumexp_k (log π_k + log N(x; μ_k, Σ_k))
 * </pre>
 * Weights w_k are any positive numbers; they are normalised here. Sampling draws k ~ π, then
 * μ_k + L_k ε with Σ_k = L_k L_kᵀ. The entropy has no closed form for K &gt; 1: the default mixture ships it as a constant,
 * any other integrates it on first use.
 */
public final class GaussianMixture2D extends AbstractToyDistribution {

    /**
     * H(p) of the default three-component mixture in nats, computed offline by
     * {@link #quadratureEntropy()} (midpoint rule, 360² over the bounds widened by a fifth, which gives
     * 2.001502344748; 720² and 1440² agree to 10⁻¹²) and here from a box twice as wide (500²), which
     * also counts the 2·10⁻¹³ of mass the narrower box misses. Precision: about 10⁻¹¹ nats;
     * {@code ToyDistributionsTest} recomputes it. Any other mixture (lesson 1 edits its own) is
     * integrated on first use: a few hundredths of a second, since the Gaussians are cheap.
     */
    static final double DEFAULT_ENTROPY = 2.001502344755;

    /** One component: an unnormalised positive weight and a Gaussian. */
    public record Component(double weight, Gaussian2D gaussian) {
        public Component {
            requirePositive("component weight", weight);
            if (gaussian == null) {
                throw new IllegalArgumentException("component needs a Gaussian");
            }
        }

        public static Component of(double weight, double mx, double my, double sxx, double sxy, double syy) {
            return new Component(weight, new Gaussian2D(mx, my, sxx, sxy, syy));
        }
    }

    private final List<Component> components;
    private final double[] logPi;
    private final double[] cumulative;

    /** Three components: a wide one, a tilted one and a small one. */
    public GaussianMixture2D() {
        this(List.of(
                Component.of(0.4, -1.0, -0.6, 0.30, 0.0, 0.30),
                Component.of(0.35, 1.0, 0.2, 0.25, 0.15, 0.20),
                Component.of(0.25, -0.2, 1.2, 0.05, 0.0, 0.05)));
        shipEntropy(DEFAULT_ENTROPY);
    }

    public GaussianMixture2D(List<Component> components) {
        if (components == null || components.isEmpty()) {
            throw new IllegalArgumentException("a mixture needs at least one component");
        }
        this.components = List.copyOf(components);
        int k = this.components.size();
        double total = 0;
        for (Component c : this.components) {
            total += c.weight();
        }
        logPi = new double[k];
        cumulative = new double[k];
        double acc = 0;
        for (int i = 0; i < k; i++) {
            double pi = this.components.get(i).weight() / total;
            logPi[i] = Math.log(pi);
            acc += pi;
            cumulative[i] = acc;
        }
        cumulative[k - 1] = 1;
    }

    public List<Component> components() {
        return components;
    }

    public int size() {
        return components.size();
    }

    /** The normalised weight π_i. */
    public double mixingWeight(int i) {
        return Math.exp(logPi[i]);
    }

    /** This mixture with {@code c} appended. */
    public GaussianMixture2D withComponent(Component c) {
        List<Component> list = new ArrayList<>(components);
        list.add(c);
        return new GaussianMixture2D(list);
    }

    /** This mixture with component i replaced. */
    public GaussianMixture2D withComponent(int i, Component c) {
        List<Component> list = new ArrayList<>(components);
        list.set(i, c);
        return new GaussianMixture2D(list);
    }

    /** This mixture without component i; the last one cannot be removed. */
    public GaussianMixture2D withoutComponent(int i) {
        if (components.size() == 1) {
            throw new IllegalArgumentException("cannot remove the only component of a mixture");
        }
        List<Component> list = new ArrayList<>(components);
        list.remove(i);
        return new GaussianMixture2D(list);
    }

    public GaussianMixture2D withWeight(int i, double weight) {
        return withComponent(i, new Component(weight, components.get(i).gaussian()));
    }

    public GaussianMixture2D withMean(int i, double mx, double my) {
        Gaussian2D g = components.get(i).gaussian();
        return withComponent(i, new Component(components.get(i).weight(),
                new Gaussian2D(mx, my, g.varX(), g.covXY(), g.varY())));
    }

    public GaussianMixture2D withCovariance(int i, double sxx, double sxy, double syy) {
        Gaussian2D g = components.get(i).gaussian();
        return withComponent(i, new Component(components.get(i).weight(),
                new Gaussian2D(g.meanX(), g.meanY(), sxx, sxy, syy)));
    }

    @Override
    public String id() {
        return "mixture";
    }

    @Override
    public double logDensity(double x, double y) {
        double acc = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logPi.length; k++) {
            acc = LogMath.logSumExp(acc, logPi[k] + components.get(k).gaussian().logDensity(x, y));
        }
        return acc;
    }

    @Override
    public void sample(int n, RandomGenerator rng, double[] xsOut, double[] ysOut) {
        requireCapacity(n, xsOut, ysOut);
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (cumulative[k] <= u && k < cumulative.length - 1) {
                k++;
            }
            components.get(k).gaussian().sample(rng, xsOut, i, ysOut, i);
        }
    }

    /** The union of every component's mean ± 5 standard deviations per axis. */
    @Override
    public double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (Component c : components) {
            Gaussian2D g = c.gaussian();
            double sx = 5 * Math.sqrt(g.varX());
            double sy = 5 * Math.sqrt(g.varY());
            b[0] = Math.min(b[0], g.meanX() - sx);
            b[1] = Math.max(b[1], g.meanX() + sx);
            b[2] = Math.min(b[2], g.meanY() - sy);
            b[3] = Math.max(b[3], g.meanY() + sy);
        }
        return b;
    }
}
