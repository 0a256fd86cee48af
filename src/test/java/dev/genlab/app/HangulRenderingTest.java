package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Korean must show real Hangul glyphs, not boxes. A missing glyph draws the same box for every
 * character, so two different syllables rendering to identical pixels means no Hangul font.
 */
@ExtendWith(ApplicationExtension.class)
class HangulRenderingTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    private static int[] pixels(String s, String family) {
        return AppTestSupport.fx(() -> {
            Text t = new Text(s);
            t.setFont(Font.font(family, 40));
            t.setFill(Color.BLACK);
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            WritableImage img = t.snapshot(p, null);
            PixelReader r = img.getPixelReader();
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] out = new int[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = r.getArgb(x, y);
                }
            }
            return out;
        });
    }

    @Test
    void koreanSyllablesRenderAsDistinctGlyphs() {
        String family = AppTestSupport.fx(() -> UiFonts.hangulFamily().orElse(null));
        assertTrue(family != null, "no font with Hangul is installed (on Debian: apt-get install fonts-nanum)");
        int[] ga = pixels("가", family);
        int[] bwe = pixels("뷁", family);
        long dark = java.util.Arrays.stream(ga).filter(argb -> (argb & 0xff) < 128).count();
        assertTrue(dark > 20, "the glyph has ink");
        assertNotEquals(java.util.Arrays.hashCode(ga), java.util.Arrays.hashCode(bwe),
                "two different syllables must not draw the same (box) glyph");
    }
}
