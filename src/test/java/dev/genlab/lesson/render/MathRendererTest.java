package dev.genlab.lesson.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** JLaTeXMath paints with AWT only, so these tests need no FX toolkit. */
class MathRendererTest {

    private final MathRenderer renderer = new MathRenderer();

    @Test
    void renderedFormulaIsNotBlank() throws MathException {
        MathImage math = renderer.render("\\frac{a}{b} + x^2", false, 20, Color.BLACK, 1);

        int inked = countInked(math.image());
        // a fraction and x^2 at 20 px cover well over a hundred pixels
        assertTrue(inked > 100, "inked pixels: " + inked);
        assertEquals(math.image().getWidth(), math.width(), 1e-9);
        assertTrue(math.depth() > 0 && math.depth() < math.height() / 2, "depth " + math.depth());
    }

    @Test
    void depthPutsTheBaselineUnderTheLetters() throws MathException {
        for (String letters : new String[] {"x", "a = b", "\\alpha = m"}) {
            MathImage math = renderer.render(letters, false, 40, Color.BLACK, 1);
            // no descenders: the ink ends on the baseline (antialiasing may spill one row)
            assertEquals(math.ascent(), lowestInkedRow(math.image()) + 1, 1.5, letters);
        }
        MathImage descender = renderer.render("p", false, 40, Color.BLACK, 1);
        assertTrue(lowestInkedRow(descender.image()) + 1 > descender.ascent() + 5, "p descends below the baseline");
    }

    @Test
    void widerFormulaGivesWiderImage() throws MathException {
        MathImage narrow = renderer.render("x", false, 20, Color.BLACK, 1);
        MathImage wide = renderer.render("x + y + z + w", false, 20, Color.BLACK, 1);
        assertTrue(wide.width() > 3 * narrow.width(), narrow.width() + " vs " + wide.width());
    }

    @Test
    void colourFollowsTheOption() throws MathException {
        MathImage red = renderer.render("\\sum_{i=1}^n x_i", true, 24, Color.RED, 1);
        PixelReader pixels = red.image().getPixelReader();
        int opaque = 0;
        for (int y = 0; y < red.image().getHeight(); y++) {
            for (int x = 0; x < red.image().getWidth(); x++) {
                Color c = pixels.getColor(x, y);
                if (c.getOpacity() > 0.9) {
                    opaque++;
                    assertEquals(1.0, c.getRed(), 0.02);
                    assertEquals(0.0, c.getGreen(), 0.02);
                    assertEquals(0.0, c.getBlue(), 0.02);
                }
            }
        }
        assertTrue(opaque > 20, "opaque pixels: " + opaque);
        // the background stays transparent
        assertEquals(0.0, pixels.getColor(0, 0).getOpacity(), 1e-9);
    }

    @Test
    void outputScaleMultipliesPixelsButNotLogicalSize() throws MathException {
        MathImage one = renderer.render("a^2 + b^2", false, 16, Color.BLACK, 1);
        MathImage two = renderer.render("a^2 + b^2", false, 16, Color.BLACK, 2);
        assertEquals(2 * one.image().getWidth(), two.image().getWidth(), 3);
        assertEquals(one.width(), two.width(), 1.5);
        assertEquals(one.depth(), two.depth(), 1.0);
    }

    @Test
    void displayStyleIsTallerThanTextStyle() throws MathException {
        MathImage text = renderer.render("\\sum_{i=1}^n i", false, 16, Color.BLACK, 1);
        MathImage display = renderer.render("\\sum_{i=1}^n i", true, 16, Color.BLACK, 1);
        assertTrue(display.height() > text.height());
    }

    @Test
    void resultsAreCached() throws MathException {
        MathImage first = renderer.render("e^{i\\pi}", false, 16, Color.BLACK, 1);
        assertSame(first, renderer.render("e^{i\\pi}", false, 16, Color.BLACK, 1));
    }

    @Test
    void rendersFromManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MathImage>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String latex = "\\sum_{k=1}^{" + i + "} \\frac{x_k}{" + (i % 5 + 1) + "}";
                boolean display = i % 2 == 0;
                results.add(pool.submit(() -> renderer.render(latex, display, 18, Color.BLACK, 1)));
            }
            for (Future<MathImage> result : results) {
                assertTrue(countInked(result.get(20, TimeUnit.SECONDS).image()) > 50);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badFormulaThrowsMathException() {
        MathException e = assertThrows(MathException.class,
                () -> renderer.render("\\nosuchcommand", false, 16, Color.BLACK, 1));
        assertTrue(e.getMessage().contains("nosuchcommand"), e.getMessage());
    }

    @Test
    void checkAcceptsValidAndRejectsInvalid() {
        assertEquals(Optional.empty(), MathRenderer.check("\\frac{a}{b}"));
        assertEquals(Optional.empty(), MathRenderer.check("\\mathbb{E}_{q(z|x)}\\left[\\log p(x|z)\\right]"));
        // JLaTeXMath itself rejects these ...
        assertTrue(MathRenderer.check("\\foo").isPresent());
        assertTrue(MathRenderer.check("\\left( x").isPresent());
        assertTrue(MathRenderer.check("a}").isPresent());
        // ... and quietly accepts an unclosed brace, which check() rejects on its own
        assertTrue(MathRenderer.check("\\frac{a}{b").isPresent());
        assertEquals(Optional.empty(), MathRenderer.check("\\{ a \\}"));
    }

    private static int lowestInkedRow(Image image) {
        PixelReader pixels = image.getPixelReader();
        for (int y = (int) image.getHeight() - 1; y >= 0; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (pixels.getArgb(x, y) >>> 24 > 128) {
                    return y;
                }
            }
        }
        return -1;
    }

    private static int countInked(Image image) {
        PixelReader pixels = image.getPixelReader();
        int inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (pixels.getArgb(x, y) >>> 24 > 0) {
                    inked++;
                }
            }
        }
        return inked;
    }
}
