package dev.genlab.model.discrete;

import java.math.BigInteger;

/**
 * Free parameters of model families over n binary pixels, exactly:
 * <ul>
 *   <li>full joint: 2^n − 1 (one probability per image, minus Σ p = 1);</li>
 *   <li>independent pixels: n;</li>
 *   <li>Markov chain of order k: Σ_{t=0}^{n−1} 2^{min(t,k)}, so 2n − 1 for k = 1;</li>
 *   <li>causal neighbourhood of m stencil offsets: Σ_pixels 2^{|in-image neighbours|};</li>
 *   <li>fully visible sigmoid belief net, p(x_i = 1 | x_{&lt;i}) = σ(b_i + Σ_{j&lt;i} w_ij x_j):
 *       Σ_i i = n(n + 1)/2 (Frey 1998);</li>
 *   <li>NADE with h hidden units, h_i = σ(c + W_{·,&lt;i} x_{&lt;i}), p_i = σ(b_i + V_i · h_i): W and V
 *       (n·h each), b (n), c (h): 2nh + n + h (Larochelle &amp; Murray 2011).</li>
 * </ul>
 */
public final class ParameterCounts {

    private ParameterCounts() {
    }

    public static BigInteger fullJoint(int n) {
        return BigInteger.ONE.shiftLeft(checkN(n)).subtract(BigInteger.ONE);
    }

    public static BigInteger independent(int n) {
        return BigInteger.valueOf(checkN(n));
    }

    public static BigInteger markov(int n, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("Markov order must be >= 0, got " + k);
        }
        checkN(n);
        // t < k: 2^0 + … + 2^{min(n,k)−1}; the remaining steps have 2^k each.
        int head = Math.min(n, k);
        BigInteger sum = BigInteger.ONE.shiftLeft(head).subtract(BigInteger.ONE);
        return sum.add(BigInteger.ONE.shiftLeft(k).multiply(BigInteger.valueOf(n - head)));
    }

    public static BigInteger neighbourhood(int rows, int cols, int m) {
        BigInteger sum = BigInteger.ZERO;
        for (int[] nb : NeighbourhoodModel.neighbours(rows, cols, m)) {
            sum = sum.add(BigInteger.ONE.shiftLeft(nb.length));
        }
        return sum;
    }

    public static BigInteger fvsbn(int n) {
        BigInteger b = BigInteger.valueOf(checkN(n));
        return b.multiply(b.add(BigInteger.ONE)).shiftRight(1);
    }

    public static BigInteger nade(int n, int h) {
        if (h < 0) {
            throw new IllegalArgumentException("hidden units must be >= 0, got " + h);
        }
        BigInteger bn = BigInteger.valueOf(checkN(n));
        BigInteger bh = BigInteger.valueOf(h);
        return bn.multiply(bh).shiftLeft(1).add(bn).add(bh);
    }

    /** Decimal digits of a non-negative number (1 for 0). */
    public static int digits(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("digits of a negative number: " + v);
        }
        return v.toString().length();
    }

    private static int checkN(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of pixels must be >= 0, got " + n);
        }
        return n;
    }
}
