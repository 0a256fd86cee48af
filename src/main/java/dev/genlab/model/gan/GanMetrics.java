package dev.genlab.model.gan;

import java.util.Arrays;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.math.Gaussian2D;

/**
 * How close a GAN's samples are to the data distribution, from samples alone (G has no density).
 *
 * <h2>Divergences on a grid</h2>
 * The estimator ({@link #estimatorName()}): a box (by default the data's {@link ToyDistribution#bounds()})
 * is cut into M = 128 × 128 cells plus one cell "outside the box".
 * <ul>
 *   <li>P_i, the data's cell mass, by the midpoint rule: p(c_i) at the cell's centre c_i times its area,
 *       renormalised to sum to 1 over the box (so P_out = 0; {@code bounds()} holds all but ≲ 10⁻⁵ of the
 *       mass).</li>
 *   <li>Q_i, G's cell mass: the normalised histogram of N generated samples with additive (Lidstone)
 *       smoothing, Q_i = (c_i + ε) / (N + ε (M + 1)), c_i the count in cell i, ε pseudo-counts per cell
 *       (default {@value #DEFAULT_EPSILON}); samples off the box (or not finite) count in the outside
 *       cell, so a generator that puts its mass far away is seen.</li>
 * </ul>
 * Then KL(p_data ‖ p_g) ≈ Σ_i P_i log(P_i / Q_i) and JS(p_data, p_g) ≈ ½ Σ P_i log(P_i / m_i) +
 * ½ Σ Q_i log(Q_i / m_i), m = (P + Q)/2, in nats; JS ∈ [0, log 2] exactly for these discrete P, Q.
 * Both are divergences between the discretised distributions, biased upwards at finite N (a histogram of N
 * samples from p_data itself is not P: for the bias at N see {@code Gan2DMetricsTest}; against closed forms
 * on Gaussian pairs, about M / 2N for KL when G is not narrower than the data, see
 * {@code GanMetricsGaussianTest}), so compare values at the same N, grid and ε.
 *
 * <h2>Mode coverage</h2>
 * For a Gaussian mixture with K components (the 8-Gaussian ring of Metz et al. 2017, "Unrolled
 * Generative Adversarial Networks", ICLR, as measured by Srivastava et al. 2017, VEEGAN): each sample
 * goes to the nearest component mean (Euclidean) if its Mahalanobis distance to that component is at
 * most {@code maxSd} (3 standard deviations by default), else it is off-mode. A mode is covered when it
 * holds at least {@code fraction} (10 % by default) of its fair share n/K. Evenness is the normalised
 * entropy of the counts over covered modes, H(counts / Σ) / log(covered): 1 = perfectly even; by
 * convention 1 when one mode is covered and 0 when none is.
 */
public final class GanMetrics {

    /** Cells per axis of the divergence grid. */
    public static final int GRID = 128;
    /** Additive smoothing of G's histogram in pseudo-counts per cell. */
    public static final double DEFAULT_EPSILON = 1e-3;
    /** A mode is covered with at least this fraction of n/K samples. */
    public static final double DEFAULT_COVERED_FRACTION = 0.10;
    /** A sample is on a mode within this many standard deviations (Mahalanobis). */
    public static final double DEFAULT_MAX_SD = 3.0;

    private GanMetrics() {
    }

    /** The estimator's name, for a figure's caption. */
    public static String estimatorName() {
        return "128×128 grid: data mass by the cell-centre (midpoint) rule renormalised over the box; "
                + "samples as a histogram with additive smoothing ε per cell and one outside cell";
    }

    /**
     * KL and JS estimates and what they were computed from.
     *
     * @param kl              KL(p_data ‖ p_g) in nats
     * @param js              JS(p_data, p_g) in nats, in [0, log 2]
     * @param samples         N
     * @param grid            cells per axis
     * @param epsilon         pseudo-counts per cell
     * @param outsideFraction the fraction of samples off the box (or not finite)
     */
    public record Divergences(double kl, double js, int samples, int grid, double epsilon, double outsideFraction) {
        public String estimator() {
            return estimatorName();
        }
    }

    /** {@link #divergences(ToyDistribution, double[], double[], double[], int, double)} over the data's bounds, 128², default ε. */
    public static Divergences divergences(ToyDistribution data, double[] xs, double[] ys) {
        return divergences(data, data.bounds(), xs, ys, GRID, DEFAULT_EPSILON);
    }

    /**
     * KL(p_data ‖ p_g) and JS(p_data, p_g) by the estimator in the class comment.
     *
     * @param box     {xmin, xmax, ymin, ymax}
     * @param grid    cells per axis
     * @param epsilon pseudo-counts per cell, &gt; 0
     */
    public static Divergences divergences(ToyDistribution data, double[] box, double[] xs, double[] ys, int grid,
                                          double epsilon) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " and " + ys.length);
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException("need at least one sample");
        }
        if (box == null || box.length != 4 || !(box[1] > box[0]) || !(box[3] > box[2])) {
            throw new IllegalArgumentException("box must be {xmin, xmax, ymin, ymax} with min < max, got "
                    + Arrays.toString(box));
        }
        if (grid < 1) {
            throw new IllegalArgumentException("grid must have at least one cell per axis, got " + grid);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("smoothing epsilon must be finite and > 0, got " + epsilon);
        }
        int m = grid * grid;
        double hx = (box[1] - box[0]) / grid;
        double hy = (box[3] - box[2]) / grid;
        double[] p = new double[m + 1];
        double logMax = Double.NEGATIVE_INFINITY;
        double[] logP = new double[m];
        for (int j = 0; j < grid; j++) {
            for (int i = 0; i < grid; i++) {
                double lp = data.logDensity(box[0] + (i + 0.5) * hx, box[2] + (j + 0.5) * hy);
                logP[j * grid + i] = lp;
                logMax = Math.max(logMax, lp);
            }
        }
        if (!Double.isFinite(logMax)) {
            throw new IllegalArgumentException("the data have no density inside the box " + Arrays.toString(box));
        }
        double sumP = 0;
        for (int k = 0; k < m; k++) {
            p[k] = Math.exp(logP[k] - logMax);
            sumP += p[k];
        }
        for (int k = 0; k < m; k++) {
            p[k] /= sumP;
        }
        double[] count = new double[m + 1];
        int outside = 0;
        for (int t = 0; t < xs.length; t++) {
            double fx = (xs[t] - box[0]) / hx;
            double fy = (ys[t] - box[2]) / hy;
            if (fx >= 0 && fx < grid && fy >= 0 && fy < grid) {
                count[(int) fy * grid + (int) fx]++;
            } else {
                count[m]++;
                outside++;
            }
        }
        double denom = xs.length + epsilon * (m + 1);
        double kl = 0;
        double js = 0;
        for (int k = 0; k <= m; k++) {
            double q = (count[k] + epsilon) / denom;
            double pk = p[k];
            double mid = 0.5 * (pk + q);
            if (pk > 0) {
                kl += pk * Math.log(pk / q);
                js += 0.5 * pk * Math.log(pk / mid);
            }
            js += 0.5 * q * Math.log(q / mid);
        }
        js = Math.max(0, Math.min(Math.log(2), js));
        return new Divergences(Math.max(0, kl), js, xs.length, grid, epsilon, outside / (double) xs.length);
    }

    /**
     * Mode coverage of samples against a Gaussian mixture.
     *
     * @param modes           K
     * @param covered         modes holding at least {@code threshold} samples
     * @param counts          samples on each mode (a copy)
     * @param offMode         samples on no mode
     * @param offModeFraction offMode / n
     * @param evenness        normalised entropy of the counts over covered modes (1 = even)
     * @param threshold       the count a mode needs to be covered: fraction · n / K
     */
    public record ModeCoverage(int modes, int covered, int[] counts, int offMode, double offModeFraction,
                               double evenness, double threshold) {
        public ModeCoverage {
            counts = counts.clone();
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }
    }

    /** Mode coverage with the defaults: 3 standard deviations, covered at 10 % of n/K. */
    public static ModeCoverage modeCoverage(GaussianMixture2D mixture, double[] xs, double[] ys) {
        return modeCoverage(mixture, xs, ys, DEFAULT_COVERED_FRACTION, DEFAULT_MAX_SD);
    }

    /** Mode coverage (see the class comment). */
    public static ModeCoverage modeCoverage(GaussianMixture2D mixture, double[] xs, double[] ys, double fraction,
                                            double maxSd) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("xs and ys differ in length: " + xs.length + " and " + ys.length);
        }
        if (!(fraction >= 0) || !(maxSd > 0)) {
            throw new IllegalArgumentException("need fraction ≥ 0 and maxSd > 0, got " + fraction + " and " + maxSd);
        }
        int k = mixture.size();
        double[] mx = new double[k];
        double[] my = new double[k];
        double[][] inv = new double[k][];
        for (int c = 0; c < k; c++) {
            Gaussian2D g = mixture.components().get(c).gaussian();
            mx[c] = g.meanX();
            my[c] = g.meanY();
            double det = g.varX() * g.varY() - g.covXY() * g.covXY();
            inv[c] = new double[] {g.varY() / det, -g.covXY() / det, g.varX() / det};
        }
        int[] counts = new int[k];
        int off = 0;
        double max2 = maxSd * maxSd;
        for (int t = 0; t < xs.length; t++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dx = xs[t] - mx[c];
                double dy = ys[t] - my[c];
                double d2 = dx * dx + dy * dy;
                if (d2 < bestD) {
                    bestD = d2;
                    best = c;
                }
            }
            if (best < 0) { // NaN sample
                off++;
                continue;
            }
            double dx = xs[t] - mx[best];
            double dy = ys[t] - my[best];
            double[] s = inv[best];
            double maha2 = dx * (s[0] * dx + s[1] * dy) + dy * (s[1] * dx + s[2] * dy);
            if (maha2 <= max2) {
                counts[best]++;
            } else {
                off++;
            }
        }
        double threshold = fraction * xs.length / k;
        int covered = 0;
        double onCovered = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0 && counts[c] >= threshold) {
                covered++;
                onCovered += counts[c];
            }
        }
        double evenness;
        if (covered == 0) {
            evenness = 0;
        } else if (covered == 1) {
            evenness = 1;
        } else {
            double h = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0 && counts[c] >= threshold) {
                    double q = counts[c] / onCovered;
                    h -= q * Math.log(q);
                }
            }
            evenness = h / Math.log(covered);
        }
        return new ModeCoverage(k, covered, counts, off, xs.length == 0 ? 0 : off / (double) xs.length, evenness,
                threshold);
    }
}
