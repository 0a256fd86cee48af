package dev.genlab.live;

import java.util.concurrent.TimeUnit;

/**
 * The window first, the models after: while the window builds a step or lays itself out anew (a step opened, the
 * language, theme, zoom or presenter mode changed) every {@link Trainer} waits before its next piece of work, so
 * that on a 2-core machine the JavaFX thread and the render thread have the cores to themselves. Without it a
 * trainer, the JIT compiler and the two JavaFX threads shared two cores, and opening a step stalled the window
 * 290–350 ms, half of it waiting for a core (issue 16; CI, 2026-12-05).
 *
 * <p>The window {@linkplain #hold holds} when it starts such a change and {@linkplain #release releases} once the
 * change has been laid out; a hold also ends by itself after its limit, so a window that never lays out again
 * cannot stop the models. A piece of work already running finishes; none starts meanwhile. Holding costs the
 * models a fraction of a second per change, which a student does not see: the model's figures are behind the
 * window's anyway until it is laid out.
 */
public final class UiFirst {

    private static final Object LOCK = new Object();
    /** Until when (System.nanoTime) trainers wait; 0 when they do not. Guarded by LOCK. */
    private static long holdUntilNs;

    private UiFirst() {
    }

    /** Trainers wait from now until {@link #release} or for {@code maxMs}, whichever comes first. */
    public static void hold(long maxMs) {
        synchronized (LOCK) {
            holdUntilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxMs));
        }
    }

    /** Trainers go on. */
    public static void release() {
        synchronized (LOCK) {
            holdUntilNs = 0;
            LOCK.notifyAll();
        }
    }

    /** Whether trainers wait now. */
    public static boolean held() {
        synchronized (LOCK) {
            return holdUntilNs != 0 && holdUntilNs - System.nanoTime() > 0;
        }
    }

    /**
     * Waits while the window holds, for a background job that is not a trainer's (lesson 7's Monte Carlo curve);
     * false if the thread was interrupted meanwhile (its interrupt flag set again).
     */
    public static boolean awaitTurnOrInterrupt() {
        try {
            awaitTurn();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits while the window holds (called by a trainer before each piece of work). */
    static void awaitTurn() throws InterruptedException {
        synchronized (LOCK) {
            long left;
            while (holdUntilNs != 0 && (left = holdUntilNs - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(LOCK, left);
            }
        }
    }
}
