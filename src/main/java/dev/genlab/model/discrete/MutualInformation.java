package dev.genlab.model.discrete;

import java.util.Arrays;
import java.util.Objects;

/**
 * Plug-in estimates of (conditional) mutual information between pixels, in nats, from smoothed
 * counts: with S a set of conditioning pixels (possibly empty) and
 * p̂(a, b, s) = (N_{a,b,s} + α) / (N + 4α·2^{|S|}),
 * <pre>
 *   Î(X_i; X_j | X_S) = Σ_{a,b,s} p̂(a,b,s) ln [ p̂(a,b,s) p̂(s) / (p̂(a,s) p̂(b,s)) ],
 * </pre>
 * the marginals summed out of p̂. It is 0 exactly when X_i ⊥ X_j | X_S under p̂ — the conditional
 * independence that the Markov assumption imposes and that the lesson shows on real images:
 * neighbouring pixels share much information, and much less once their common neighbours are
 * known. (Plug-in estimates are biased upwards by about (cells − 1)/(2N) nats.)
 */
public final class MutualInformation {

    /** Largest conditioning set: 4·2^16 cells. */
    public static final int MAX_GIVEN = 16;

    private MutualInformation() {
    }

    /** Î(X_i; X_j). */
    public static double pairwise(BinaryImages data, int i, int j, double alpha) {
        return conditional(data, i, j, new int[0], alpha);
    }

    /** Î(X_i; X_j | X_given). */
    public static double conditional(BinaryImages data, int i, int j, int[] given, double alpha) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("smoothing alpha must be >= 0, got " + alpha);
        }
        if (given.length > MAX_GIVEN) {
            throw new IllegalArgumentException("at most " + MAX_GIVEN + " conditioning pixels, got " + given.length);
        }
        int n = data.pixels();
        Objects.checkIndex(i, n);
        Objects.checkIndex(j, n);
        int ctxCount = 1 << given.length;
        // cell = 4·s + 2·a + b
        double[] cells = new double[4 * ctxCount];
        byte[] bits = data.raw();
        for (int k = 0; k < data.count(); k++) {
            int base = k * n;
            int s = 0;
            for (int g = 0; g < given.length; g++) {
                s |= bits[base + given[g]] << g;
            }
            cells[4 * s + 2 * bits[base + i] + bits[base + j]]++;
        }
        double total = data.count() + alpha * cells.length;
        if (total == 0) {
            return 0;
        }
        double mi = 0;
        for (int s = 0; s < ctxCount; s++) {
            double[] p = new double[4];
            for (int c = 0; c < 4; c++) {
                p[c] = (cells[4 * s + c] + alpha) / total;
            }
            double ps = p[0] + p[1] + p[2] + p[3];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    double pab = p[2 * a + b];
                    if (pab > 0) {
                        double pa = p[2 * a] + p[2 * a + 1];
                        double pb = p[b] + p[2 + b];
                        mi += pab * Math.log(pab * ps / (pa * pb));
                    }
                }
            }
        }
        // Rounding can leave a hair below 0 for independent pixels.
        return Math.max(0, mi);
    }

    /** Î(X_i; X_j) for every pixel j (row-major); entry i is Î(X_i; X_i), with α = 0 the entropy Ĥ(X_i). */
    public static double[] map(BinaryImages data, int i, double alpha) {
        double[] out = new double[data.pixels()];
        for (int j = 0; j < out.length; j++) {
            out[j] = pairwise(data, i, j, alpha);
        }
        return out;
    }

    /** Î(X_i; X_j | X_given) for every pixel j; pixels in {@code given} and i itself get 0. */
    public static double[] conditionalMap(BinaryImages data, int i, int[] given, double alpha) {
        double[] out = new double[data.pixels()];
        for (int j = 0; j < out.length; j++) {
            int pixel = j;
            if (j != i && Arrays.stream(given).noneMatch(g -> g == pixel)) {
                out[j] = conditional(data, i, j, given, alpha);
            }
        }
        return out;
    }
}
