package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

/** Once the guard holds JavaFX's shared glyph layout, no text layout is handed that instance again. */
class PangoRaceGuardTest {

    @Test
    void theSharedLayoutIsNeverHandedOutAgain() throws Exception {
        assertTrue(PangoRaceGuard.install(), "the guard reaches JavaFX's glyph layout pool");
        Class<?> layout = Class.forName("com.sun.javafx.text.GlyphLayout");
        Field shared = layout.getDeclaredField("reusableGL");
        shared.setAccessible(true);
        assertSame(shared.get(null), PangoRaceGuard.held(), "the guard holds the pool's shared instance");
        Method get = layout.getMethod("getInstance");
        Method dispose = layout.getMethod("dispose");
        for (int i = 0; i < 5; i++) {
            // as a text layout does: take one, lay out, give it back
            Object l = get.invoke(null);
            assertNotSame(PangoRaceGuard.held(), l, "layout " + i + " got an instance of its own");
            dispose.invoke(l);
        }
    }
}
