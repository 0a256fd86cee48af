package dev.genlab.model.mixture;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.math.Gaussian2D;
import dev.genlab.math.LogMath;

/**
 * A K-component Gaussian mixture in the plane fitted to N points by expectation-maximisation
 * (Dempster, Laird &amp; Rubin 1977, "Maximum Likelihood from Incomplete Data via the EM Algorithm",
 * JRSS B 39(1); Bishop, "Pattern Recognition and Machine Learning", 2006, section 9.2):
 * <pre>
 *   p(x) = Σ_k π_k N(x | μ_k, Σ_k)
 *   log-likelihood  ℓ = (1/N) Σ_i log p(x_i)                         (reported per point)
 *   E-step:  r_ik = π_k N(x_i | μ_k, Σ_k) / p(x_i)                    (kept as log r_ik)
 *   M-step:  N_k = Σ_i r_ik,  π_k = N_k / N,  μ_k = Σ_i r_ik x_i / N_k,
 *            Σ_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ / N_k
 * </pre>
 * An iteration ({@link #mStep()} then {@link #eStep()}) never lowers ℓ (Dempster et al., Theorem 1;
 * Bishop section 9.4). A component whose N_k falls under 10⁻¹⁰ keeps its place with π_k = 0.
 *
 * <p>The M-step adds λI to every Σ_k, λ = {@link #REGULARISER_FRACTION} × the data's mean variance per
 * axis (scikit-learn's {@code reg_covar} does the same with a fixed λ). Without it, data on a line (a
 * stroke the student draws) gives a component a singular Σ_k and ℓ = ∞ at the first iteration, the
 * likelihood's well-known singularity (Bishop section 9.2.1). With it, ℓ is bounded; an iteration can then
 * lower ℓ by a hair (it is no longer the exact maximiser), which the tests allow for. Anything still
 * broken (a NaN) is what {@link #isHealthy()} reports for a trainer's divergence guard.
 *
 * <p>Initialisation ({@link #initialise}): K data points as means, drawn without replacement
 * ({@link Init#RANDOM}) or by k-means++ D² seeding ({@link Init#KMEANS_PP}; Arthur &amp; Vassilvitskii
 * 2007, "k-means++: The Advantages of Careful Seeding", SODA), π_k = 1/K, and every Σ_k the data's
 * covariance divided by K (plus 10⁻³ on the diagonal), so that K components start as K distinct blobs.
 *
 * <p>Plain Java rather than ND4J: with a few hundred 2-D points and at most a dozen components one
 * iteration is ~10⁵ flops, less than the fixed cost of the dozen ND4J calls it would take. Not
 * thread-safe: one trainer thread owns an instance.
 */
public final class GaussianMixtureEm {

    /** λ as a fraction of the data's variance: 10⁻³, a standard deviation floor of about 3 % of the data's. */
    public static final double REGULARISER_FRACTION = 1e-3;

    /** A covariance with log-determinant under this has collapsed onto a point. */
    public static final double MIN_LOG_DET = -25;

    /** How the means are chosen. */
    public enum Init {
        /** K distinct data points, uniformly. */
        RANDOM,
        /** k-means++: the first uniformly, each next with probability ∝ squared distance to the nearest chosen. */
        KMEANS_PP
    }

    private final double[] xs;
    private final double[] ys;
    private final int k;
    private final double[] w;
    private final double[] mx;
    private final double[] my;
    private final double[] sxx;
    private final double[] sxy;
    private final double[] syy;
    private final double[][] logR;
    /** log π_k and the components as Gaussian2D, rebuilt on demand after the parameters change. */
    private double[] logW;
    private double regulariser;
    private Gaussian2D[] g;

    /**
     * EM for {@code k} components on the points (xs[i], ys[i]) (copied). The parameters are all zero
     * until {@link #initialise} or {@link #setParameters}.
     *
     * @throws IllegalArgumentException when k &lt; 1, there are fewer than max(2, k) points, or the
     *                                  coordinate arrays differ in length
     */
    public GaussianMixtureEm(double[] xs, double[] ys, int k) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("x and y differ in length: " + xs.length + " vs " + ys.length);
        }
        if (k < 1 || xs.length < Math.max(2, k)) {
            throw new IllegalArgumentException("EM with " + k + " components needs at least max(2, K) points, got "
                    + xs.length);
        }
        this.xs = xs.clone();
        this.ys = ys.clone();
        this.k = k;
        w = new double[k];
        mx = new double[k];
        my = new double[k];
        sxx = new double[k];
        sxy = new double[k];
        syy = new double[k];
        logR = new double[xs.length][k];
    }

    /** Means from data points ({@code init}), equal weights, every covariance the data's over K. */
    public void initialise(Init init, SplittableRandom rng) {
        int n = xs.length;
        double cx = mean(xs);
        double cy = mean(ys);
        double vxx = 0;
        double vxy = 0;
        double vyy = 0;
        for (int i = 0; i < n; i++) {
            vxx += (xs[i] - cx) * (xs[i] - cx);
            vxy += (xs[i] - cx) * (ys[i] - cy);
            vyy += (ys[i] - cy) * (ys[i] - cy);
        }
        vxx /= n;
        vxy /= n;
        vyy /= n;
        regulariser = REGULARISER_FRACTION * 0.5 * (vxx + vyy);
        if (!(regulariser > 0)) {
            regulariser = 1e-6; // all points on one spot: any positive floor keeps Σ_k invertible
        }
        double shrink = 1.0 / k;
        int[] chosen = new int[k];
        if (init == Init.RANDOM) {
            int[] perm = rng.ints(0, n).distinct().limit(k).toArray();
            System.arraycopy(perm, 0, chosen, 0, k);
        } else {
            chosen[0] = rng.nextInt(n);
            double[] d2 = new double[n];
            Arrays.fill(d2, Double.POSITIVE_INFINITY);
            for (int j = 1; j < k; j++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double dx = xs[i] - xs[chosen[j - 1]];
                    double dy = ys[i] - ys[chosen[j - 1]];
                    d2[i] = Math.min(d2[i], dx * dx + dy * dy);
                    total += d2[i];
                }
                double u = rng.nextDouble() * total;
                int pick = n - 1;
                for (int i = 0; i < n; i++) {
                    u -= d2[i];
                    if (u <= 0) {
                        pick = i;
                        break;
                    }
                }
                chosen[j] = pick;
            }
        }
        for (int j = 0; j < k; j++) {
            w[j] = 1.0 / k;
            mx[j] = xs[chosen[j]];
            my[j] = ys[chosen[j]];
            sxx[j] = vxx * shrink + 1e-3;
            sxy[j] = vxy * shrink;
            syy[j] = vyy * shrink + 1e-3;
        }
        changed();
    }

    /**
     * E-step: fills log r_ik for the current parameters and returns ℓ, the average log-likelihood
     * of the data.
     */
    public double eStep() {
        refresh();
        int n = xs.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] r = logR[i];
            for (int j = 0; j < k; j++) {
                r[j] = logW[j] + g[j].logDensity(xs[i], ys[i]);
            }
            double lse = LogMath.logSumExp(r);
            for (int j = 0; j < k; j++) {
                r[j] -= lse;
            }
            total += lse;
        }
        return total / n;
    }

    /** M-step: π, μ, Σ from the responsibilities of the last {@link #eStep()}. */
    public void mStep() {
        int n = xs.length;
        for (int j = 0; j < k; j++) {
            double nk = 0;
            double ax = 0;
            double ay = 0;
            for (int i = 0; i < n; i++) {
                double r = Math.exp(logR[i][j]);
                nk += r;
                ax += r * xs[i];
                ay += r * ys[i];
            }
            if (nk < 1e-10) {
                w[j] = 0; // an empty component keeps its place and takes no mass
                continue;
            }
            double ux = ax / nk;
            double uy = ay / nk;
            double cxx = 0;
            double cxy = 0;
            double cyy = 0;
            for (int i = 0; i < n; i++) {
                double r = Math.exp(logR[i][j]);
                double dx = xs[i] - ux;
                double dy = ys[i] - uy;
                cxx += r * dx * dx;
                cxy += r * dx * dy;
                cyy += r * dy * dy;
            }
            w[j] = nk / n;
            mx[j] = ux;
            my[j] = uy;
            sxx[j] = cxx / nk + regulariser;
            sxy[j] = cxy / nk;
            syy[j] = cyy / nk + regulariser;
        }
        changed();
    }

    /** r_ik, k = 0..K−1, of point i from the last {@link #eStep()}. */
    public double[] responsibilities(int i) {
        double[] r = new double[k];
        for (int j = 0; j < k; j++) {
            r[j] = Math.exp(logR[i][j]);
        }
        return r;
    }

    /** log p(x, y) under the current parameters. */
    public double logDensity(double x, double y) {
        return logJoint(x, y, new double[k]);
    }

    /**
     * Writes log π_k + log N((x, y) | μ_k, Σ_k) into {@code out[0..K)} and returns their log-sum-exp,
     * log p(x, y): the unnormalised log responsibilities of any point, e.g. for its most likely component.
     */
    public double logJoint(double x, double y, double[] out) {
        refresh();
        for (int j = 0; j < k; j++) {
            out[j] = logW[j] + g[j].logDensity(x, y);
        }
        return LogMath.logSumExp(out, 0, k);
    }

    /** The average log p over the given points; NaN when there are none. */
    public double averageLogLikelihood(double[] x, double[] y) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            total += logDensity(x[i], y[i]);
        }
        return total / x.length;
    }

    /** One draw: a component j ~ π, then μ_j + L_j ε (Σ_j = L_j L_jᵀ). */
    public double[] sample(SplittableRandom rng) {
        refresh();
        double u = rng.nextDouble();
        int j = 0;
        while (j < k - 1 && (u -= w[j]) > 0) {
            j++;
        }
        return g[j].sample(rng);
    }

    /** Every mean finite, every π_k finite, every Σ_k positive definite and not collapsed. */
    public boolean isHealthy() {
        for (int j = 0; j < k; j++) {
            double det = sxx[j] * syy[j] - sxy[j] * sxy[j];
            if (!Double.isFinite(mx[j]) || !Double.isFinite(my[j]) || !Double.isFinite(w[j])
                    || !(sxx[j] > 0) || !(syy[j] > 0) || !(det > 0) || Math.log(det) < MIN_LOG_DET) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the parameters as they are (no check: a broken set is what {@link #isHealthy()} is for).
     *
     * @param weights π_k, K values
     * @param means   μ_k as (x, y) pairs, 2K values
     * @param covs    Σ_k as (σxx, σxy, σyy), 3K values
     */
    public void setParameters(double[] weights, double[] means, double[] covs) {
        if (weights.length != k || means.length != 2 * k || covs.length != 3 * k) {
            throw new IllegalArgumentException("need " + k + " weights, " + 2 * k + " mean and " + 3 * k
                    + " covariance entries");
        }
        for (int j = 0; j < k; j++) {
            w[j] = weights[j];
            mx[j] = means[2 * j];
            my[j] = means[2 * j + 1];
            sxx[j] = covs[3 * j];
            sxy[j] = covs[3 * j + 1];
            syy[j] = covs[3 * j + 2];
        }
        changed();
    }

    /** π_k, a copy. */
    public double[] weights() {
        return w.clone();
    }

    /** μ_k as (x, y) pairs. */
    public double[] means() {
        double[] m = new double[2 * k];
        for (int j = 0; j < k; j++) {
            m[2 * j] = mx[j];
            m[2 * j + 1] = my[j];
        }
        return m;
    }

    /** Σ_k as (σxx, σxy, σyy) triples. */
    /** λ, the variance added to each Σ_k's diagonal in every M-step (0 before {@link #initialise}). */
    public double regulariser() {
        return regulariser;
    }

    public double[] covs() {
        double[] c = new double[3 * k];
        for (int j = 0; j < k; j++) {
            c[3 * j] = sxx[j];
            c[3 * j + 1] = sxy[j];
            c[3 * j + 2] = syy[j];
        }
        return c;
    }

    /** K. */
    public int components() {
        return k;
    }

    /** N, the number of data points. */
    public int size() {
        return xs.length;
    }

    private void changed() {
        g = null;
        logW = null;
    }

    private void refresh() {
        if (g != null) {
            return;
        }
        Gaussian2D[] gs = new Gaussian2D[k];
        double[] lw = new double[k];
        for (int j = 0; j < k; j++) {
            lw[j] = Math.log(w[j]);
            gs[j] = new Gaussian2D(mx[j], my[j], sxx[j], sxy[j], syy[j]);
        }
        g = gs;
        logW = lw;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }
}
