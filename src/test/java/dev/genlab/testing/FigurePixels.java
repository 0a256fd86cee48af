package dev.genlab.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.image.Image;

import org.testfx.util.WaitForAsyncUtils;

/** Helpers for tests that read a figure's pixels: counting a colour, running on the FX thread. */
public final class FigurePixels {

    private FigurePixels() {
    }

    /** Pixels whose red, green and blue are each within {@code tolerance} levels of argb's (blending, rounding). */
    public static int count(Image img, int argb, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int c = img.getPixelReader().getArgb(x, y);
                int d = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    d = Math.max(d, Math.abs((c >> shift & 0xFF) - (argb >> shift & 0xFF)));
                }
                n += d <= tolerance ? 1 : 0;
            }
        }
        return n;
    }

    /** Runs on the FX thread and waits (20 s at most) for the result. */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
