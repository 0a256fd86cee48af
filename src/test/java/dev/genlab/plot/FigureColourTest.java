package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.genlab.i18n.I18n;

/** Every colour a text may name has a name in every language, and the figures' maps are built from them. */
class FigureColourTest {

    @Test
    void everyColourIsNamedInEveryLanguageAndKoreanNamesTakeTheSameParticles() {
        for (FigureColour c : FigureColour.values()) {
            for (Locale l : I18n.SUPPORTED) {
                String name = c.label(l);
                assertFalse(name.isBlank() || name.startsWith("!"), c + " has no name in " + l + ": " + name);
            }
            // 은/이/으로 after a placeholder are right only if every name ends in the same syllable
            assertTrue(c.label(Locale.KOREAN).endsWith("색"), c + ": " + c.label(Locale.KOREAN));
        }
        assertEquals("vermilion", FigureColour.VERMILION.label(Locale.ENGLISH));
        assertEquals("주황색", FigureColour.ORANGE.label(Locale.KOREAN));
    }

    @Test
    void argbIsTheOpaqueColour() {
        assertEquals(0xFFD55E00, FigureColour.VERMILION.argb());
        assertEquals(0xFF0072B2, FigureColour.BLUE.argb());
        for (FigureColour c : FigureColour.values()) {
            assertEquals(1.0, c.color().getOpacity(), 0, c + " is opaque: a figure that wants it lighter says so");
        }
    }

    /** Lesson 6 names the ends of the cool-warm map; the map is interpolated between exactly these. */
    @Test
    void theCoolWarmMapRunsFromCoolBlueToWarmRed() {
        assertTrue(Fx.distance(ColorMap.COOL_WARM.argb(0), FigureColour.COOL_BLUE.argb()) <= 1,
                Fx.hex(ColorMap.COOL_WARM.argb(0)));
        assertTrue(Fx.distance(ColorMap.COOL_WARM.argb(1), FigureColour.WARM_RED.argb()) <= 1,
                Fx.hex(ColorMap.COOL_WARM.argb(1)));
    }
}
