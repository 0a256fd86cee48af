package dev.genlab.scene.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.genlab.model.autoregressive.PixelCnn;

/**
 * The step "Other stacks: Gated PixelCNN and PixelRNN" replayed with its preset: the gated stack's field has
 * no blind spot where PixelCNN's has one, the Row LSTM's misses earlier pixels, one Diagonal BiLSTM layer
 * misses exactly one (the last of the row above), and the quoted 7 × 7, 28 and 55 are the computation's.
 */
class AutoregressiveFieldArchTest {

    static final String STEP = "Other stacks";

    /** Earlier pixels that the field misses inside the box of rows and columns its deepest version reaches. */
    static int blindSpot(AutoregressiveSnapshot s) {
        int side = s.side();
        int p = s.fieldPixel();
        int top = p / side;
        int left = p % side;
        int right = p % side;
        for (int q = 0; q < s.pixels(); q++) {
            if (s.fullField()[q]) {
                top = Math.min(top, q / side);
                left = Math.min(left, q % side);
                right = Math.max(right, q % side);
            }
        }
        int n = 0;
        for (int q = 0; q < p; q++) {
            n += !s.fullField()[q] && q / side >= top && q % side >= left && q % side <= right ? 1 : 0;
        }
        return n;
    }

    static AutoregressiveSnapshot shown(String... overrides) {
        AutoregressiveMadeTest.data();
        AutoregressiveParams p = AutoregressiveMadeTest.params(STEP, overrides);
        return AutoregressiveMadeTest.lab(p).snapshot(p);
    }

    @Test
    void theStepsFieldsAndCosts() {
        AutoregressiveSnapshot gated = shown();
        assertEquals("gated", gated.fieldArch());
        assertEquals(406, gated.fieldPixel());
        assertEquals(0, blindSpot(gated), "the gated stack: no blind spot");
        assertTrue(blindSpot(shown("field_arch", "pixelcnn")) > 0, "PixelCNN's");
        AutoregressiveSnapshot row = shown("field_arch", "rowlstm");
        int rowMissed = 0;
        for (int q = 0; q < 406; q++) {
            rowMissed += row.field()[q] ? 0 : 1;
        }
        assertTrue(rowMissed > 0, "a triangle misses earlier pixels");
        assertEquals(28, row.fieldSteps());
        AutoregressiveSnapshot diag = shown("field_arch", "diagonal");
        for (int q = 0; q < 406; q++) {
            assertEquals(q != 13 * 28 + 27, diag.field()[q], "every earlier pixel but the last of the row above: " + q);
        }
        assertEquals(55, diag.fieldSteps());
        assertEquals(1, gated.fieldSteps());
        assertEquals(9, gated.maxDepth(), "the field counts up to 9 layers");
        assertEquals(5, gated.modelDepth(), "the read-out's passes go through the PixelCNN's own 1 + 4 layers");
        java.util.Locale before = dev.genlab.i18n.I18n.getLocale();
        try {
            dev.genlab.i18n.I18n.setLocale(java.util.Locale.ENGLISH);
            assertTrue(AutoregressiveView.passes(gated).contains("through 5 masked layers"), AutoregressiveView.passes(gated));
        } finally {
            dev.genlab.i18n.I18n.setLocale(before);
        }
        String text = AutoregressiveMadeTest.text(STEP);
        AutoregressiveMadeTest.quoted(text, row.fieldSteps());
        AutoregressiveMadeTest.quoted(text, diag.fieldSteps());
        assertTrue(text.contains("$" + PixelCnn.DEFAULT_FIRST_KERNEL + " \\times " + PixelCnn.DEFAULT_FIRST_KERNEL + "$"));
    }
}
