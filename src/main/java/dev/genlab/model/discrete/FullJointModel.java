package dev.genlab.model.discrete;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The unrestricted distribution over {0,1}^n: one probability per image,
 * <pre>
 *   p(x) = (N_x + α) / (N + α 2^n),   x indexed by Σ_j x_j 2^j,
 * </pre>
 * N_x the training images equal to x; 2^n − 1 free parameters (the chain rule with full contexts,
 * 1 + 2 + … + 2^{n−1}). With α = 0 and no training images it is uniform. Sampling inverts the
 * cumulative table by binary search. The ordering changes nothing about p, only the step numbering
 * of {@link #conditionalOne}, whose conditionals are summed out of the table.
 */
public final class FullJointModel implements BinaryImageModel {

    /** Largest n: a table of 2^16 = 65 536 probabilities. */
    public static final int MAX_PIXELS = 16;

    private final PixelOrdering ordering;
    private final int[] order;
    private final double alpha;
    private final int n;
    private final int[] counts;
    private final double[] prob;
    private final double[] cumulative;
    private double trainNll = Double.NaN;

    public FullJointModel(PixelOrdering ordering, double alpha) {
        if (ordering.pixels() > MAX_PIXELS) {
            throw new IllegalArgumentException("a full joint table over " + ordering.pixels() + " pixels needs 2^"
                    + ordering.pixels() + " entries; it is feasible only up to " + MAX_PIXELS + " pixels");
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha must be a finite number >= 0, got " + alpha);
        }
        this.ordering = ordering;
        this.order = ordering.order();
        this.alpha = alpha;
        this.n = order.length;
        counts = new int[1 << n];
        prob = new double[1 << n];
        cumulative = new double[1 << n];
        estimate(0);
    }

    public FullJointModel(int rows, int cols, double alpha) {
        this(PixelOrdering.raster(rows, cols), alpha);
    }

    /** The table index Σ_j x_j 2^j of an image, as in {@link BinaryImages#all}. */
    static int index(byte[] bits, int base, int n) {
        int x = 0;
        for (int j = 0; j < n; j++) {
            x |= bits[base + j] << j;
        }
        return x;
    }

    @Override
    public String id() {
        return "full-joint";
    }

    @Override
    public BigInteger parameterCount() {
        return BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
    }

    @Override
    public long storedParameters() {
        return prob.length;
    }

    /** Σ_x p(x) = 1. */
    @Override
    public long normalisationConstraints() {
        return 1;
    }

    @Override
    public void fit(BinaryImages train) {
        if (train.rows() != ordering.rows() || train.cols() != ordering.cols()) {
            throw new IllegalArgumentException("full joint is for " + ordering.rows() + "x" + ordering.cols()
                    + " images, got " + train.rows() + "x" + train.cols());
        }
        Arrays.fill(counts, 0);
        byte[] bits = train.raw();
        for (int i = 0; i < train.count(); i++) {
            counts[index(bits, i * n, n)]++;
        }
        estimate(train.count());
    }

    private void estimate(int total) {
        double den = total + alpha * prob.length;
        double sum = 0;
        double acc = 0;
        for (int x = 0; x < prob.length; x++) {
            prob[x] = den == 0 ? 1.0 / prob.length : (counts[x] + alpha) / den;
            acc += prob[x];
            cumulative[x] = acc;
            if (counts[x] > 0) {
                sum += counts[x] * Math.log(prob[x]);
            }
        }
        trainNll = total == 0 ? Double.NaN : -sum / total;
    }

    /** p(x) of the image with table index x. */
    public double probability(int x) {
        return prob[x];
    }

    @Override
    public double logProb(byte[] image) {
        checkLength(image);
        return Math.log(prob[index(image, 0, n)]);
    }

    @Override
    public double trainNll() {
        return trainNll;
    }

    @Override
    public void sample(RandomGenerator rng, byte[] out) {
        checkLength(out);
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) { // the first x with cumulative[x] > u
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (int j = 0; j < n; j++) {
            out[j] = (byte) ((lo >>> j) & 1);
        }
    }

    /** Σ p(x) over the images agreeing with {@code image} on order[0 … t−1], with and without x_{order[t]} = 1. */
    @Override
    public double conditionalOne(byte[] image, int t) {
        checkLength(image);
        int mask = 0;
        int want = 0;
        for (int s = 0; s < t; s++) {
            mask |= 1 << order[s];
            want |= image[order[s]] << order[s];
        }
        int bit = 1 << order[t];
        double num = 0;
        double den = 0;
        for (int x = 0; x < prob.length; x++) {
            if ((x & mask) == want) {
                den += prob[x];
                if ((x & bit) != 0) {
                    num += prob[x];
                }
            }
        }
        return den == 0 ? 0.5 : num / den;
    }

    @Override
    public int[] context(int t) {
        return Arrays.copyOf(order, t);
    }

    @Override
    public PixelOrdering ordering() {
        return ordering;
    }

    private void checkLength(byte[] image) {
        if (image.length != n) {
            throw new IllegalArgumentException("full joint needs images of " + n + " bits, got " + image.length);
        }
    }
}
