package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicksContoursTest {

    @Test
    void ticksFollowOneTwoFiveSteps() {
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, Ticks.linear(0, 1, 5), 1e-12);
        assertArrayEquals(new double[] {-2, 0, 2}, Ticks.linear(-3, 3, 3), 1e-12);
        assertEquals(50, Ticks.niceStep(230, 5), 1e-12);
        assertArrayEquals(new double[] {1e-2, 1e-1, 1, 10}, Ticks.log(0.005, 20, 6), 1e-15);
        assertEquals("0.4", Ticks.format(0.4, 0.2));
        assertEquals("-1.20", Ticks.format(-1.2, 0.05));
    }

    /** A count axis (a chart's Adam steps) over one step showed 5000.0, 5000.5 and 5001.0. */
    @Test
    void wholeTicksNeverFallBetweenWholeNumbers() {
        assertArrayEquals(new double[] {5000, 5001}, Ticks.whole(5000, 5001, 5), 1e-12);
        assertArrayEquals(new double[] {0, 1, 2, 3}, Ticks.whole(-0.2, 3.4, 8), 1e-12);
        assertArrayEquals(Ticks.linear(0, 1000, 5), Ticks.whole(0, 1000, 5), 1e-12, "wide ranges as linear");
        assertArrayEquals(Ticks.linear(10.2, 10.8, 4), Ticks.whole(10.2, 10.8, 4), 1e-12,
                "between two whole numbers: fractions rather than no label");
        assertEquals("5001", Ticks.format(5001, 1));
    }

    @Test
    void logTicksOfARangeReachingZeroAreFewAndPositive() {
        // a log axis whose padded range reaches 0 or below once counted decades from Integer.MIN_VALUE
        // and ran the heap out (lesson 7's eigenvalue spectrum)
        for (double min : new double[] {0, -0.3, Double.NaN, Double.NEGATIVE_INFINITY}) {
            double[] t = Ticks.log(min, 5, 6);
            assertTrue(t.length > 0 && t.length <= 13, min + ": " + t.length + " ticks");
            for (double v : t) {
                assertTrue(v > 0 && v <= 5, min + ": tick " + v);
            }
        }
        assertEquals(0, Ticks.log(0, 0, 6).length);
        assertEquals(0, Ticks.log(1, Double.NaN, 6).length);
    }

    @Test
    void contourOfAParaboloidIsACircle() {
        // given v = x^2 + y^2 sampled at cell centres of [-2, 2]^2
        int n = 64;
        Extent e = Extent.square(2);
        float[] v = new float[n * n];
        double d = e.width() / n;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = e.xMin() + (i + 0.5) * d;
                double y = e.yMin() + (j + 0.5) * d;
                v[j * n + i] = (float) (x * x + y * y);
            }
        }
        // when contouring at level 1
        float[] s = Contours.segments(v, n, n, e, 1.0);
        // then every end point lies on the unit circle, and the segments go all the way round
        assertTrue(s.length / 4 > 50, "segments: " + s.length / 4);
        double length = 0;
        for (int k = 0; k < s.length; k += 2) {
            assertEquals(1.0, Math.hypot(s[k], s[k + 1]), d * 0.5);
        }
        for (int k = 0; k < s.length; k += 4) {
            length += Math.hypot(s[k + 2] - s[k], s[k + 3] - s[k + 1]);
        }
        assertEquals(2 * Math.PI, length, 0.1);
    }
}
