package dev.genlab.live;

/**
 * A model that a {@link Trainer} steps on its own thread. Every method is called on that
 * thread only, so an implementation may keep INDArrays and mutable state without locks.
 *
 * @param <P> the immutable knob values (a record or an unmodifiable map)
 * @param <S> the immutable snapshot handed to the JavaFX thread (plain arrays, no INDArray)
 */
public interface LiveModel<P, S> {

    /** Builds the initial state for these knobs. Called at start, on Reset and on a restart. */
    void reset(P params);

    /**
     * One update (one EM iteration, one optimiser step, one D or G step...).
     *
     * @return the objective after the step (a loss or a log-likelihood); NaN or infinite when
     *         the model diverged
     */
    double step(P params);

    /** True when a knob change needs {@link #reset} (architecture, dataset), not just a redraw. */
    boolean needsReset(P before, P after);

    /** The state to return to when a later step diverges; an opaque deep copy. */
    Object saveState();

    void restoreState(Object state);

    /** True while every parameter is finite and within sane bounds. */
    boolean isHealthy();

    /**
     * Why the model is not healthy, in a sentence for the student (the trainer shows it when it
     * restores the last good state); "" to let the trainer say that parameters left their sane range.
     */
    default String problem() {
        return "";
    }

    /**
     * Frees what the model holds outside the Java heap (its ND4J workspaces). Called once, on the trainer
     * thread, when the trainer stops (the scene is left); a later start on a new thread builds them again.
     */
    default void close() {
    }

    /** An immutable picture of the model for the view; may cost a grid evaluation. */
    S snapshot(P params);

    /** Number of steps taken since the last reset. */
    long steps();

    /**
     * True while the model has a job of its own to finish between steps, such as a batch of samples
     * drawn pixel by pixel. The trainer then keeps calling {@link #work} even while paused. Called
     * on the trainer thread, often: keep it cheap.
     */
    default boolean hasWork() {
        return false;
    }

    /**
     * Advances that job by one short slice (a few milliseconds), so that Pause, Step, knob changes
     * and Stop are never kept waiting. Called when no step is due, and after each step while playing.
     * Does not count as a step.
     */
    default void work(P params) {
    }

    /**
     * For a model's computations of tens of milliseconds or more, between their parts: throws
     * {@link java.util.concurrent.CancellationException} once {@link Trainer#stop} has interrupted the thread, which
     * then ends at once (no divergence is reported) instead of taking a core from the scene opened next.
     */
    static void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    /**
     * True when playing has nothing left to do (lesson 9 has measured every family): the trainer stops playing after
     * the step that finished it and reports a {@link Trainer.Event} that is not a divergence, so Play turns back into
     * Play. Step and Reset still work. Called on the trainer thread after each step.
     */
    default boolean finished() {
        return false;
    }

    /**
     * The trainer started or stopped playing (on the trainer thread, before the next step or snapshot).
     * A model may publish cheaper pictures while playing; after a pause the trainer asks for a snapshot.
     */
    default void playingChanged(boolean playing) {
    }
}
