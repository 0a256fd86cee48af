package dev.genlab.app;

/**
 * Works around a JavaFX race on Linux (seen with 21.0.12): {@code PangoGlyphLayout.dispose()}
 * hands the shared glyph layout back to {@code GlyphLayout}'s pool before it frees the native
 * strings it holds, so the render thread (drawing a canvas's text) can take it while the JavaFX
 * thread is still freeing them: a {@code ConcurrentModificationException} in a layout pass, or a
 * native double free that aborts the JVM ("malloc(): unaligned tcache chunk detected"). Both
 * happened here in the screenshot runs. Holding the shared instance for the life of the process
 * makes every text layout take a fresh one of its own, which is what the pool does anyway when
 * the shared one is busy; the cost is a small object per layout.
 */
final class PangoRaceGuard {

    private static volatile Object held;

    private PangoRaceGuard() {
    }

    /** The instance held, or null (tests). */
    static Object held() {
        return held;
    }

    /** Checks the shared glyph layout out for good; true if it could (JavaFX's internal API). */
    static synchronized boolean install() {
        if (held != null) {
            return true;
        }
        try {
            Class<?> c = Class.forName("com.sun.javafx.text.GlyphLayout");
            java.lang.reflect.Method m = c.getMethod("getInstance");
            m.setAccessible(true);
            held = m.invoke(null);
            return held != null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // another JavaFX, or the package not open to us: text layout stays as JavaFX makes it
            return false;
        }
    }
}
