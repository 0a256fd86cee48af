package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** {@link ColourCounts} against tables built and counted entry by entry, and the figures lesson 2 quotes. */
class ColourCountsTest {

    /** Free entries of the tables p(c_1) p(c_2 | c_1) … p(c_k | c_<k) over k values of L levels, by enumeration. */
    private static long chainByEnumeration(int values, int levels) {
        long free = 0;
        for (int k = 0; k < values; k++) {
            // one row per setting of the k values before, each row L entries with one fixed by Σ = 1
            long contexts = 1;
            for (int j = 0; j < k; j++) {
                contexts *= levels;
            }
            for (long ctx = 0; ctx < contexts; ctx++) {
                int entries = 0;
                for (int v = 0; v < levels; v++) {
                    entries++;
                }
                free += entries - 1;
            }
        }
        return free;
    }

    /** Every setting of the values, counted one by one, minus one. */
    private static long jointByEnumeration(int values, int levels) {
        long count = 0;
        int[] digit = new int[values];
        while (true) {
            count++;
            int j = 0;
            while (j < values && ++digit[j] == levels) {
                digit[j] = 0;
                j++;
            }
            if (j == values) {
                return count - 1;
            }
        }
    }

    @Test
    void smallLevelsAgreeWithTablesCountedEntryByEntry() {
        for (int levels = 2; levels <= 5; levels++) {
            long pixel = jointByEnumeration(3, levels);
            assertEquals(BigInteger.valueOf(pixel), ColourCounts.pixel(levels));
            BigInteger[] chain = ColourCounts.pixelChain(levels);
            assertEquals(BigInteger.valueOf(chainByEnumeration(3, levels)), chain[0].add(chain[1]).add(chain[2]),
                    "the chain rule's tables hold as many free numbers as the joint");
            assertEquals(BigInteger.valueOf(chainByEnumeration(1, levels)), chain[0]);
            assertEquals(BigInteger.valueOf(chainByEnumeration(2, levels) - chainByEnumeration(1, levels)), chain[1]);
            for (int n = 1; n <= 2; n++) {
                assertEquals(BigInteger.valueOf(jointByEnumeration(3 * n, levels)), ColourCounts.imageJoint(n, levels));
                assertEquals(BigInteger.valueOf(chainByEnumeration(3 * n, levels)), ColourCounts.imageJoint(n, levels));
                assertEquals(BigInteger.valueOf(n * pixel), ColourCounts.independentPixels(n, levels));
                assertEquals(BigInteger.valueOf(3L * n * (levels - 1)), ColourCounts.independentChannels(n, levels));
            }
        }
    }

    @Test
    void eightBitFiguresTheLessonQuotes() {
        assertEquals(BigInteger.valueOf(16_777_215), ColourCounts.pixel(256));
        assertArrayEquals(new BigInteger[] {BigInteger.valueOf(255), BigInteger.valueOf(65_280),
                BigInteger.valueOf(16_711_680)}, ColourCounts.pixelChain(256));
        assertEquals(BigInteger.valueOf(765 * 784), ColourCounts.independentChannels(784, 256));
        assertEquals(BigInteger.valueOf(16_777_215L * 784), ColourCounts.independentPixels(784, 256));
        // 256^(3·784) − 1 = 2^18816 − 1: floor(18816 · log10 2) + 1 digits
        assertEquals((int) Math.floor(18816 * Math.log10(2)) + 1, ColourCounts.imageJoint(784, 256).toString().length());
        assertEquals(5665, ColourCounts.imageJoint(784, 256).toString().length());
        assertEquals(BigInteger.ONE.shiftLeft(18816).subtract(BigInteger.ONE), ColourCounts.imageJoint(784, 256));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> ColourCounts.pixel(1));
        assertThrows(IllegalArgumentException.class, () -> ColourCounts.imageJoint(0, 256));
    }
}
