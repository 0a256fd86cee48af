package dev.genlab.model.discrete;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The common machinery of models that factorise along an ordering with a fixed context per step:
 * <pre>
 *   p(x) = Π_t θ_{t, c_t(x)}^{x_{o_t}} (1 − θ_{t, c_t(x)})^{1 − x_{o_t}},
 *   c_t(x) = Σ_b x_{π_{t,b}} 2^b   (π_t = the context pixels of step t),
 *   θ_{t,c} = (N¹_{t,c} + α) / (N_{t,c} + 2α),
 * </pre>
 * N_{t,c} counting the training images whose context at step t is c and N¹_{t,c} those of them with
 * x_{o_t} = 1. One Bernoulli per (step, context): Σ_t 2^{|π_t|} free parameters. A context never
 * seen gets θ = α / 2α = ½, and with α = 0 it gets ½ too (by convention, so that p stays a
 * distribution); a model that was never fitted is therefore uniform.
 */
abstract class ConditionalTableModel implements BinaryImageModel {

    /** Largest table (Σ_t 2^{|π_t|} conditionals) a model may allocate, about 100 MB. */
    static final int MAX_CONDITIONALS = 1 << 22;

    private static final double LN_HALF = Math.log(0.5);

    final PixelOrdering ordering;
    final int[] order;
    final double alpha;
    private final int[][] contextPixels;
    /** Step t's conditionals are entries offset[t] … offset[t+1]−1; offset[n] is their number. */
    final int[] offset;
    /** N_{t,c} with x_{o_t} = v at 2·entry + v. */
    private final int[] counts;
    /** ln p(x_{o_t} = v | c) at 2·entry + v. */
    private final double[] logP;
    private double trainNll = Double.NaN;

    /** @param contextPixels per step t, the pixels whose bits make up the context index, bit b first */
    ConditionalTableModel(PixelOrdering ordering, int[][] contextPixels, double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("smoothing alpha must be a finite number >= 0, got " + alpha);
        }
        this.ordering = ordering;
        this.order = ordering.order();
        this.alpha = alpha;
        this.contextPixels = contextPixels;
        int n = order.length;
        offset = new int[n + 1];
        long size = 0;
        for (int t = 0; t < n; t++) {
            offset[t] = (int) size;
            int len = contextPixels[t].length;
            size += len >= 31 ? Long.MAX_VALUE / 4 : 1L << len;
            if (size > MAX_CONDITIONALS) {
                throw new IllegalArgumentException("contexts this large need more than " + MAX_CONDITIONALS
                        + " conditional probabilities for " + ordering.rows() + "x" + ordering.cols()
                        + " images; use a smaller context or image");
            }
        }
        offset[n] = (int) size;
        counts = new int[2 * offset[n]];
        logP = new double[2 * offset[n]];
        Arrays.fill(logP, LN_HALF);
    }

    @Override
    public BigInteger parameterCount() {
        return BigInteger.valueOf(offset[order.length]);
    }

    /** Both ln p(0 | c) and ln p(1 | c) of every conditional. */
    @Override
    public long storedParameters() {
        return logP.length;
    }

    /** p(0 | c) + p(1 | c) = 1 for every conditional. */
    @Override
    public long normalisationConstraints() {
        return offset[order.length];
    }

    @Override
    public void fit(BinaryImages train) {
        if (train.rows() != ordering.rows() || train.cols() != ordering.cols()) {
            throw new IllegalArgumentException(id() + " is for " + ordering.rows() + "x" + ordering.cols()
                    + " images, got " + train.rows() + "x" + train.cols());
        }
        Arrays.fill(counts, 0);
        byte[] bits = train.raw();
        int n = order.length;
        byte[] image = new byte[n];
        int[] ctx = new int[n];
        for (int i = 0; i < train.count(); i++) {
            System.arraycopy(bits, i * n, image, 0, n);
            contexts(image, ctx);
            for (int t = 0; t < n; t++) {
                counts[ctx[t] + image[order[t]]]++;
            }
        }
        // Counts never exceed N, so ln(c + α) and ln(c + 2α) come from two tables of N + 1 logs
        // instead of two log calls per conditional.
        int total = train.count();
        double[] lnNum = new double[total + 1];
        double[] lnDen = new double[total + 1];
        for (int c = 0; c <= total; c++) {
            lnNum[c] = Math.log(c + alpha);
            lnDen[c] = Math.log(c + 2 * alpha);
        }
        double sum = 0;
        for (int e = 0; e < offset[n]; e++) {
            int c0 = counts[2 * e];
            int c1 = counts[2 * e + 1];
            if (c0 + c1 == 0) {
                logP[2 * e] = LN_HALF;
                logP[2 * e + 1] = LN_HALF;
                continue;
            }
            logP[2 * e] = lnNum[c0] - lnDen[c0 + c1];
            logP[2 * e + 1] = lnNum[c1] - lnDen[c0 + c1];
            // 0 · ln 0 = 0: with α = 0 an outcome never seen has ln p = −∞ but also count 0.
            if (c0 > 0) {
                sum += c0 * logP[2 * e];
            }
            if (c1 > 0) {
                sum += c1 * logP[2 * e + 1];
            }
        }
        trainNll = train.count() == 0 ? Double.NaN : -sum / train.count();
    }

    /**
     * Writes, for every step t of an image, the slot 2·(offset[t] + c_t(x)) of its conditional in
     * {@link #counts} and {@link #logP}. Each subclass has its own loop: one shared loop would be
     * compiled for all context shapes at once and run slower for each.
     */
    abstract void contexts(byte[] image, int[] out);

    private int contextAt(byte[] image, int t) {
        int[] ps = contextPixels[t];
        int c = 0;
        for (int b = 0; b < ps.length; b++) {
            c |= image[ps[b]] << b;
        }
        return c;
    }

    private double pOne(int entry) {
        int c0 = counts[2 * entry];
        int c1 = counts[2 * entry + 1];
        return c0 + c1 == 0 ? 0.5 : (c1 + alpha) / (c0 + c1 + 2 * alpha);
    }

    private double logProb(byte[] image, int[] ctx) {
        contexts(image, ctx);
        double s = 0;
        for (int t = 0; t < ctx.length; t++) {
            s += logP[ctx[t] + image[order[t]]];
        }
        return s;
    }

    @Override
    public double logProb(byte[] image) {
        checkLength(image);
        return logProb(image, new int[order.length]);
    }

    /** As the interface's definition, without copying each image out. */
    @Override
    public double nll(BinaryImages data) {
        int n = order.length;
        if (data.pixels() != n) {
            throw new IllegalArgumentException(id() + " is for " + n + " pixels, got " + data.pixels());
        }
        int[] ctx = new int[n];
        byte[] image = new byte[n];
        byte[] bits = data.raw();
        double sum = 0;
        for (int i = 0; i < data.count(); i++) {
            System.arraycopy(bits, i * n, image, 0, n);
            sum -= logProb(image, ctx);
        }
        return sum / data.count();
    }

    @Override
    public double trainNll() {
        return trainNll;
    }

    @Override
    public void sample(RandomGenerator rng, byte[] out) {
        checkLength(out);
        for (int t = 0; t < order.length; t++) {
            double p = pOne(offset[t] + contextAt(out, t));
            out[order[t]] = (byte) (rng.nextDouble() < p ? 1 : 0);
        }
    }

    @Override
    public double conditionalOne(byte[] image, int t) {
        checkLength(image);
        return pOne(offset[t] + contextAt(image, t));
    }

    @Override
    public int[] context(int t) {
        return contextPixels[t].clone();
    }

    @Override
    public PixelOrdering ordering() {
        return ordering;
    }

    /** Smoothing α. */
    public double alpha() {
        return alpha;
    }

    private void checkLength(byte[] image) {
        if (image.length != order.length) {
            throw new IllegalArgumentException(id() + " needs images of " + order.length + " bits, got "
                    + image.length);
        }
    }
}
