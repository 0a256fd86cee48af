package dev.genlab.live;

import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.function.Executable;

/** For tests of the models' stop points ({@link LiveModel#stopIfInterrupted}). */
public final class Interrupts {

    private Interrupts() {
    }

    /**
     * Runs {@code work} on this thread with its interrupt flag set, as {@link Trainer#stop} leaves the trainer's,
     * and asserts it ends with a {@link CancellationException}; clears the flag whatever happens.
     */
    public static void assertStopsWhenInterrupted(Executable work) {
        Thread.currentThread().interrupt();
        try {
            Assertions.assertThrows(CancellationException.class, work);
        } finally {
            Thread.interrupted();
        }
    }
}
