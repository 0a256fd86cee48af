package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    /** CIE L* of an sRGB colour. */
    private static double lightness(int argb) {
        double r = lin(((argb >> 16) & 0xFF) / 255.0);
        double g = lin(((argb >> 8) & 0xFF) / 255.0);
        double b = lin((argb & 0xFF) / 255.0);
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        return y > 0.008856 ? 116 * Math.cbrt(y) - 16 : 903.3 * y;
    }

    private static double lin(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @Test
    void viridisEndpointsAreThePublishedColours() {
        assertEquals("FF440154", Fx.hex(ColorMap.VIRIDIS.argb(0)));
        assertEquals("FFFDE725", Fx.hex(ColorMap.VIRIDIS.argb(1)));
        assertEquals("FF440154", Fx.hex(ColorMap.VIRIDIS.argb(-3)), "clamped below");
    }

    @Test
    void viridisLightnessRisesMonotonically() {
        // viridis is uniform in CAM02-UCS, so CIE L* may wobble by a hair between neighbours
        double prev = -1;
        for (int k = 0; k < 256; k++) {
            double l = lightness(ColorMap.VIRIDIS.argb(k / 255.0));
            assertTrue(l > prev - 0.1, "L* at entry " + k + " = " + l + " after " + prev);
            if (k >= 8) {
                double before = lightness(ColorMap.VIRIDIS.argb((k - 8) / 255.0));
                assertTrue(l > before + 1, "L* rises over 8 entries at " + k);
            }
            prev = l;
        }
        assertTrue(prev - lightness(ColorMap.VIRIDIS.argb(0)) > 60, "spans a wide lightness range");
    }

    @Test
    void coolWarmIsNeutralInTheMiddleAndSymmetric() {
        int mid = ColorMap.COOL_WARM.argb(0.5);
        int r = (mid >> 16) & 0xFF, g = (mid >> 8) & 0xFF, b = mid & 0xFF;
        assertTrue(Math.max(Math.abs(r - g), Math.abs(g - b)) <= 8, "centre is grey: " + Fx.hex(mid));
        assertTrue(lightness(mid) > 80, "centre is light: " + lightness(mid));
        int lo = ColorMap.COOL_WARM.argb(0);
        int hi = ColorMap.COOL_WARM.argb(1);
        assertTrue((lo & 0xFF) > ((lo >> 16) & 0xFF), "low end is blue: " + Fx.hex(lo));
        assertTrue(((hi >> 16) & 0xFF) > (hi & 0xFF), "high end is red: " + Fx.hex(hi));
        for (int k = 0; k <= 10; k++) {
            double t = k / 20.0;
            double l1 = lightness(ColorMap.COOL_WARM.argb(t));
            double l2 = lightness(ColorMap.COOL_WARM.argb(1 - t));
            assertEquals(l1, l2, 4, "lightness symmetric at t=" + t);
            if (k > 0) {
                assertTrue(l1 > lightness(ColorMap.COOL_WARM.argb(t - 0.05)), "lighter towards the centre");
            }
        }
    }

    @Test
    void nanIsTransparent() {
        assertEquals(0, ColorMap.VIRIDIS.argb(Double.NaN) >>> 24);
        assertEquals(0, ColorMap.COOL_WARM.argb(Double.NaN) >>> 24);
    }
}
