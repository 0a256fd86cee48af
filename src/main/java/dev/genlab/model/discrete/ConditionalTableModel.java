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
    private final int[] offset;
    private final int[] ones;
    private final int[] totals;
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
        ones = new int[offset[n]];
        totals = new int[offset[n]];
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
        Arrays.fill(ones, 0);
        Arrays.fill(totals, 0);
        byte[] bits = train.raw();
        int n = order.length;
        int[] ctx = new int[n];
        for (int i = 0; i < train.count(); i++) {
            int base = i * n;
            contexts(bits, base, ctx);
            for (int t = 0; t < n; t++) {
                int e = offset[t] + ctx[t];
                totals[e]++;
                ones[e] += bits[base + order[t]];
            }
        }
        double sum = 0;
        for (int e = 0; e < totals.length; e++) {
            int c = totals[e];
            int c1 = ones[e];
            if (c == 0) {
                logP[2 * e] = LN_HALF;
                logP[2 * e + 1] = LN_HALF;
                continue;
            }
            double den = c + 2 * alpha;
            logP[2 * e] = Math.log((c - c1 + alpha) / den);
            logP[2 * e + 1] = Math.log((c1 + alpha) / den);
            // 0 · ln 0 = 0: with α = 0 an outcome never seen has ln p = −∞ but also count 0.
            if (c1 > 0) {
                sum += c1 * logP[2 * e + 1];
            }
            if (c > c1) {
                sum += (c - c1) * logP[2 * e];
            }
        }
        trainNll = train.count() == 0 ? Double.NaN : -sum / train.count();
    }

    /** Writes the context index c_t(x) of every step of the image at {@code bits[base …]}. */
    void contexts(byte[] bits, int base, int[] out) {
        for (int t = 0; t < out.length; t++) {
            out[t] = contextAt(bits, base, t);
        }
    }

    final int contextAt(byte[] bits, int base, int t) {
        int[] ps = contextPixels[t];
        int c = 0;
        for (int b = 0; b < ps.length; b++) {
            c |= bits[base + ps[b]] << b;
        }
        return c;
    }

    private double pOne(int entry) {
        int c = totals[entry];
        return c == 0 ? 0.5 : (ones[entry] + alpha) / (c + 2 * alpha);
    }

    private double logProb(byte[] bits, int base, int[] ctx) {
        contexts(bits, base, ctx);
        double s = 0;
        for (int t = 0; t < ctx.length; t++) {
            s += logP[2 * (offset[t] + ctx[t]) + bits[base + order[t]]];
        }
        return s;
    }

    @Override
    public double logProb(byte[] image) {
        checkLength(image);
        return logProb(image, 0, new int[order.length]);
    }

    /** As the interface's definition, without copying each image out. */
    @Override
    public double nll(BinaryImages data) {
        int n = order.length;
        if (data.pixels() != n) {
            throw new IllegalArgumentException(id() + " is for " + n + " pixels, got " + data.pixels());
        }
        int[] ctx = new int[n];
        byte[] bits = data.raw();
        double sum = 0;
        for (int i = 0; i < data.count(); i++) {
            sum -= logProb(bits, i * n, ctx);
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
            double p = pOne(offset[t] + contextAt(out, 0, t));
            out[order[t]] = (byte) (rng.nextDouble() < p ? 1 : 0);
        }
    }

    @Override
    public double conditionalOne(byte[] image, int t) {
        checkLength(image);
        return pOne(offset[t] + contextAt(image, 0, t));
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
