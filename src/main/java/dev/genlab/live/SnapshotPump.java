package dev.genlab.live;

import java.util.function.Consumer;

import javafx.animation.AnimationTimer;

/**
 * Polls a {@link Trainer}'s latest snapshot once a frame on the JavaFX thread and hands a new
 * one to the view. Never more than one draw per frame, however fast the trainer runs.
 */
public final class SnapshotPump<S> extends AnimationTimer {

    private final Trainer<?, ?, S> trainer;
    private final Consumer<S> draw;
    private long shown = -1;

    public SnapshotPump(Trainer<?, ?, S> trainer, Consumer<S> draw) {
        this.trainer = trainer;
        this.draw = draw;
    }

    @Override
    public void handle(long now) {
        pump();
    }

    /** Draws the newest snapshot if it has not been drawn; true when it drew. */
    public boolean pump() {
        Trainer.Versioned<S> v = trainer.latest();
        if (v == null || v.version() == shown) {
            return false;
        }
        shown = v.version();
        draw.accept(v.snapshot());
        return true;
    }
}
