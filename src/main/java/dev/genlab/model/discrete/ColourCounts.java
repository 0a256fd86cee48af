package dev.genlab.model.discrete;

import java.math.BigInteger;

/**
 * Free parameters of tables over colour pixels: three channels (R, G, B) of {@code levels} values each (256 for
 * 8-bit colour), exactly.
 * <ul>
 *   <li>one pixel, one table over its levels³ colours: levels³ − 1;</li>
 *   <li>the same pixel by the chain rule R → G → B, p(r) p(g | r) p(b | r, g), each conditional a full table:
 *       (L − 1) + L(L − 1) + L²(L − 1), the same total (the chain rule is exact and, alone, saves nothing);</li>
 *   <li>an image of n pixels, one table over every image: L^{3n} − 1, which the chain rule over all 3n channel
 *       values (pixel by pixel, R → G → B within a pixel, as PixelRNN and PixelCNN order them) leaves unchanged;</li>
 *   <li>independent pixels, a full colour table each: n(L³ − 1); independent channels: 3n(L − 1).</li>
 * </ul>
 */
public final class ColourCounts {

    /** Channels of a colour pixel, in the order the chain rule takes them. */
    public static final int CHANNELS = 3;

    private ColourCounts() {
    }

    /** levels³ − 1. */
    public static BigInteger pixel(int levels) {
        return level(levels).pow(CHANNELS).subtract(BigInteger.ONE);
    }

    /** The chain rule's three tables within one pixel: p(r), p(g | r), p(b | r, g), each L^c (L − 1). */
    public static BigInteger[] pixelChain(int levels) {
        BigInteger l = level(levels);
        BigInteger free = l.subtract(BigInteger.ONE);
        BigInteger[] terms = new BigInteger[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            terms[c] = l.pow(c).multiply(free);
        }
        return terms;
    }

    /** L^{3n} − 1: one probability per colour image of n pixels, minus Σ p = 1. */
    public static BigInteger imageJoint(int n, int levels) {
        return level(levels).pow(CHANNELS * pixels(n)).subtract(BigInteger.ONE);
    }

    /** n(L³ − 1). */
    public static BigInteger independentPixels(int n, int levels) {
        return pixel(levels).multiply(BigInteger.valueOf(pixels(n)));
    }

    /** 3n(L − 1). */
    public static BigInteger independentChannels(int n, int levels) {
        return level(levels).subtract(BigInteger.ONE).multiply(BigInteger.valueOf((long) CHANNELS * pixels(n)));
    }

    private static BigInteger level(int levels) {
        if (levels < 2) {
            throw new IllegalArgumentException("a channel needs at least 2 levels, got " + levels);
        }
        return BigInteger.valueOf(levels);
    }

    private static int pixels(int n) {
        if (n < 1 || n > 1 << 20) {
            throw new IllegalArgumentException("pixels must be in 1..2^20, got " + n);
        }
        return n;
    }
}
