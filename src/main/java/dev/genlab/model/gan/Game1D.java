package dev.genlab.model.gan;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

import dev.genlab.math.LogMath;
import dev.genlab.math.Quadrature;

/**
 * The 1-D GAN game of Goodfellow et al. (2014, "Generative Adversarial Nets"), computed exactly by
 * quadrature instead of minibatches:
 * <pre>
 *   V(D, G)  = E_{x~p_data}[log D(x)] + E_{z~N(0,1)}[log(1 − D(g(z)))]                  (eq. 1)
 *   D*(x)    = p_data(x) / (p_data(x) + p_g(x))                                          (Prop. 1)
 *   V(D*, G) = −log 4 + 2 · JSD(p_data ‖ p_g)                                            (Thm. 1)
 *   JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m),   m = (p + q)/2,   0 ≤ JSD ≤ log 2 (nats)
 * </pre>
 * Every expectation over x is a composite Gauss–Legendre sum ({@link Quadrature}, {@value #NODES_PER_PANEL}
 * nodes a panel) on [lo, hi] = the union of μ_k ± {@value #TAIL_SDS} σ_k over p_data's components and
 * [g(−{@value #TAIL_SDS}), g({@value #TAIL_SDS})], whose mass outside is below 1e-18. Panel boundaries:
 * every half standard deviation of every data component (μ_k + σ_k t, t = −9, −8.5, …, 9), the images
 * g(t) of the same t, the images g(z_k) of the generator's knots (where p_g jumps, so each panel sees a
 * smooth integrand) and 64 even steps across the range. Every integrand is formed from log densities
 * (log D* = log p_data − logsumexp(log p_data, log p_g)), so nothing is lost where both densities underflow.
 *
 * <p>The generator's side is reparameterised: E_g[f(x)] = E_z[f(g(z))] by Gauss–Legendre in z on the
 * preimages g⁻¹ of the same boundaries (plus the knots), clipped to [−9, 9], with weights w_i φ(z_i).
 * A panel in z maps linearly onto a panel in x, so both forms agree to rounding. Its gradient,
 * <pre>
 *   ∇_θ E_z[ℓ(a(g_θ(z)))] = E_z[ℓ'(a) · a'(x) · ∂g_θ(z)/∂θ],   x = g_θ(z),
 * </pre>
 * is the exact expectation of what backpropagation through D computes on samples, for
 * ℓ a {@link GeneratorLoss} and a the discriminator's logit. Against D* (held fixed) the saturating
 * gradient is the gradient of V(D*, G_θ) (the envelope theorem: D* maximises V pointwise), i.e.
 * 2 ∇_θ JSD, wherever D* is smooth. For a {@link MonotoneGenerator} D* jumps at the knots' images
 * and the pathwise gradient omits the jumps' terms, as backpropagation would.
 *
 * <p>Immutable; the grids are built once in the constructor (a few thousand density evaluations).
 */
public final class Game1D {

    /** Gauss–Legendre nodes per panel. */
    public static final int NODES_PER_PANEL = 10;
    /** Half-width of the integration range in standard deviations (data) or noise units (generator). */
    public static final double TAIL_SDS = 9;
    /** Panel boundaries every this many standard deviations of each component. */
    static final double STEP_SDS = 0.5;
    /** Even panels across the whole range (on top of the others). */
    static final int EVEN_PANELS = 64;

    private static final double LOG2 = Math.log(2);

    private final Mixture1D data;
    private final Generator1D generator;
    private final Interval range;
    private final double[] xs;
    private final double[] ws;
    private final double[] logPd;
    private final double[] logPg;
    private final double[] zs;
    private final double[] wz;
    private final double[] gz;

    /** The game between p_data = {@code data} and the generator's p_g. */
    public Game1D(Mixture1D data, Generator1D generator) {
        if (data == null || generator == null) {
            throw new IllegalArgumentException("the game needs a data distribution and a generator");
        }
        this.data = data;
        this.generator = generator;
        double glo = generator.apply(-TAIL_SDS);
        double ghi = generator.apply(TAIL_SDS);
        if (!(ghi > glo) || !Double.isFinite(glo) || !Double.isFinite(ghi)) {
            throw new IllegalArgumentException("the generator has collapsed or diverged: g(±" + TAIL_SDS + ") = "
                    + glo + ", " + ghi + " (" + generator + ")");
        }
        this.range = data.bounds(TAIL_SDS).union(new Interval(glo, ghi));
        double[] cuts = xBoundaries();
        Quadrature.Rule rule = Quadrature.gaussLegendre(NODES_PER_PANEL);
        int n = (cuts.length - 1) * rule.size();
        xs = new double[n];
        ws = new double[n];
        logPd = new double[n];
        logPg = new double[n];
        fill(cuts, rule, xs, ws);
        for (int i = 0; i < n; i++) {
            logPd[i] = data.logPdf(xs[i]);
            logPg[i] = generator.logDensity(xs[i]);
        }
        double[] zc = zBoundaries(cuts);
        int m = (zc.length - 1) * rule.size();
        zs = new double[m];
        wz = new double[m];
        gz = new double[m];
        fill(zc, rule, zs, wz);
        for (int i = 0; i < m; i++) {
            wz[i] *= StdNormal.pdf(zs[i]);
            gz[i] = generator.apply(zs[i]);
        }
    }

    private double[] xBoundaries() {
        int nt = (int) Math.round(2 * TAIL_SDS / STEP_SDS) + 1;
        double[] knots = generator.knots();
        double[] c = new double[nt * (data.size() + 1) + knots.length + EVEN_PANELS + 1];
        int o = 0;
        for (int t = 0; t < nt; t++) {
            double u = -TAIL_SDS + STEP_SDS * t;
            for (int k = 0; k < data.size(); k++) {
                c[o++] = data.mean(k) + data.sd(k) * u;
            }
            c[o++] = generator.apply(u);
        }
        for (double zk : knots) {
            c[o++] = generator.apply(zk);
        }
        for (int i = 0; i <= EVEN_PANELS; i++) {
            c[o++] = range.lo() + range.width() * i / EVEN_PANELS;
        }
        return sortedUnique(c, range.lo(), range.hi());
    }

    private double[] zBoundaries(double[] xCuts) {
        double[] knots = generator.knots();
        double[] c = new double[xCuts.length + knots.length + 2];
        int o = 0;
        for (double x : xCuts) {
            c[o++] = generator.inverse(x);
        }
        for (double zk : knots) {
            c[o++] = zk;
        }
        c[o++] = -TAIL_SDS;
        c[o++] = TAIL_SDS;
        return sortedUnique(c, -TAIL_SDS, TAIL_SDS);
    }

    /** The values in [lo, hi], sorted, with lo and hi, dropping any closer than 1e-12 of the width to the last kept. */
    private static double[] sortedUnique(double[] c, double lo, double hi) {
        double[] s = c.clone();
        Arrays.sort(s);
        double tol = 1e-12 * (hi - lo);
        double[] out = new double[s.length + 2];
        int n = 0;
        out[n++] = lo;
        for (double v : s) {
            if (v > out[n - 1] + tol && v < hi - tol) {
                out[n++] = v;
            }
        }
        out[n++] = hi;
        return Arrays.copyOf(out, n);
    }

    private static void fill(double[] cuts, Quadrature.Rule rule, double[] nodes, double[] weights) {
        int o = 0;
        for (int p = 0; p + 1 < cuts.length; p++) {
            double mid = 0.5 * (cuts[p] + cuts[p + 1]);
            double half = 0.5 * (cuts[p + 1] - cuts[p]);
            for (int i = 0; i < rule.size(); i++) {
                nodes[o] = mid + half * rule.nodes()[i];
                weights[o] = half * rule.weights()[i];
                o++;
            }
        }
    }

    /** p_data. */
    public Mixture1D data() {
        return data;
    }

    /** G. */
    public Generator1D generator() {
        return generator;
    }

    /** The same data against another generator. */
    public Game1D withGenerator(Generator1D g) {
        return new Game1D(data, g);
    }

    /** Another data distribution against the same generator. */
    public Game1D withData(Mixture1D d) {
        return new Game1D(d, generator);
    }

    /** The integration range [lo, hi] in x. */
    public Interval range() {
        return range;
    }

    /** Number of quadrature nodes in x (the cost of one expectation). */
    public int nodeCount() {
        return xs.length;
    }

    /** D* against the current generator, held fixed. */
    public OptimalDiscriminator optimalDiscriminator() {
        return new OptimalDiscriminator(data, generator);
    }

    /** E_data[f] = ∫ p_data f dx by the x rule. */
    public double expectData(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            s += ws[i] * Math.exp(logPd[i]) * f.applyAsDouble(xs[i]);
        }
        return s;
    }

    /** E_g[f] = ∫ p_g f dx by the x rule. */
    public double expectModel(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            s += ws[i] * Math.exp(logPg[i]) * f.applyAsDouble(xs[i]);
        }
        return s;
    }

    /** E_z[f(g(z))] by the z rule (equal to {@link #expectModel} up to quadrature rounding). */
    public double expectNoise(DoubleUnaryOperator f) {
        double s = 0;
        for (int i = 0; i < zs.length; i++) {
            s += wz[i] * f.applyAsDouble(gz[i]);
        }
        return s;
    }

    /**
     * V(D, G) = E_data[log D] + E_g[log(1 − D)] = −E_data[softplus(−a)] − E_g[softplus(a)], a = D's logit.
     * At most 0; equal to −log 4 for D ≡ ½.
     */
    public double value(Discriminator1D d) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double a = d.logit(xs[i]);
            s -= ws[i] * (Math.exp(logPd[i]) * LogMath.log1pExp(-a) + Math.exp(logPg[i]) * LogMath.log1pExp(a));
        }
        return s;
    }

    /** V(D*, G) = E_data[log D*] + E_g[log(1 − D*)], log D* = log p_data − logsumexp(log p_data, log p_g). */
    public double optimalValue() {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double l = LogMath.logSumExp(logPd[i], logPg[i]);
            s += ws[i] * (Math.exp(logPd[i]) * (logPd[i] - l) + Math.exp(logPg[i]) * (logPg[i] - l));
        }
        return s;
    }

    /** JSD(p_data ‖ p_g) = ½ KL(p_data ‖ m) + ½ KL(p_g ‖ m), m = (p_data + p_g)/2, in nats. */
    public double jsd() {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double lm = LogMath.logSumExp(logPd[i], logPg[i]) - LOG2;
            s += ws[i] * (Math.exp(logPd[i]) * (logPd[i] - lm) + Math.exp(logPg[i]) * (logPg[i] - lm));
        }
        return 0.5 * s;
    }

    /** KL(p_data ‖ p_g) = E_data[log p_data − log p_g] (finite here: p_g &gt; 0 everywhere). */
    public double klDataToModel() {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            s += ws[i] * Math.exp(logPd[i]) * (logPd[i] - logPg[i]);
        }
        return s;
    }

    /** KL(p_g ‖ p_data) = E_g[log p_g − log p_data]. */
    public double klModelToData() {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            s += ws[i] * Math.exp(logPg[i]) * (logPg[i] - logPd[i]);
        }
        return s;
    }

    /** The generator's objective E_z[ℓ(D(g(z)))] (to be minimised) against {@code d}. */
    public double generatorObjective(Discriminator1D d, GeneratorLoss loss) {
        double s = 0;
        for (int i = 0; i < zs.length; i++) {
            s += wz[i] * loss.valueOfLogit(d.logit(gz[i]));
        }
        return s;
    }

    /**
     * ∇_θ E_z[ℓ(D(g_θ(z)))] = E_z[dℓ/da · da/dx · ∂g/∂θ] against {@code d} held fixed: the exact
     * expectation of the reparameterised (backpropagated) gradient.
     */
    public double[] generatorGradient(Discriminator1D d, GeneratorLoss loss) {
        int p = generator.numParams();
        double[] grad = new double[p];
        double[] dg = new double[p];
        for (int i = 0; i < zs.length; i++) {
            double x = gz[i];
            double c = wz[i] * loss.derivativeWrtLogit(d.logit(x)) * d.logitDerivative(x);
            if (c == 0) {
                continue;
            }
            generator.paramGradient(zs[i], dg);
            for (int j = 0; j < p; j++) {
                grad[j] += c * dg[j];
            }
        }
        return grad;
    }

    /** {@link #generatorGradient} against D* of the current generator, held fixed. */
    public double[] generatorGradientAgainstOptimal(GeneratorLoss loss) {
        return generatorGradient(optimalDiscriminator(), loss);
    }

    /** One gradient-descent step θ ← θ − lr ∇_θ E_z[ℓ(D(g_θ(z)))] against {@code d}; the new generator. */
    public Generator1D step(Discriminator1D d, GeneratorLoss loss, double lr) {
        if (!Double.isFinite(lr)) {
            throw new IllegalArgumentException("the step size must be finite, got " + lr);
        }
        double[] theta = generator.params();
        double[] g = generatorGradient(d, loss);
        for (int j = 0; j < theta.length; j++) {
            theta[j] -= lr * g[j];
        }
        return generator.withParams(theta);
    }

    /** One gradient-descent step against D* of the current generator (held fixed during the step). */
    public Generator1D stepAgainstOptimal(GeneratorLoss loss, double lr) {
        return step(optimalDiscriminator(), loss, lr);
    }

    // Package-private views of the x rule for the discriminator's trainer (not copied; do not modify).
    double[] nodes() {
        return xs;
    }

    double[] weights() {
        return ws;
    }

    double[] logDataDensity() {
        return logPd;
    }

    double[] logModelDensity() {
        return logPg;
    }
}
