package dev.genlab.plot;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.scene.image.Image;
import org.testfx.util.WaitForAsyncUtils;

/** Test helpers: run on the FX thread and wait, compare colours. */
final class Fx {

    private Fx() {
    }

    static <T> T call(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void run(Runnable r) {
        call(() -> {
            r.run();
            return null;
        });
    }

    static int argb(Image img, double x, double y) {
        return img.getPixelReader().getArgb((int) Math.floor(x), (int) Math.floor(y));
    }

    /** Largest difference of the R, G, B channels. */
    static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }

    static String hex(int argb) {
        return String.format("%08X", argb);
    }
}
