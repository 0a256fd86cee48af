package dev.genlab.live;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.genlab.i18n.I18n;

/**
 * Runs one {@link LiveModel} on one named daemon thread, as ARCHITECTURE.md prescribes:
 * knob values come in through an {@link AtomicReference} read at the start of each step;
 * snapshots go out through a latest-wins reference that the JavaFX thread polls once a frame.
 *
 * <p>Time is stepped, not timed: while playing, the trainer takes {@code baseRate * speed}
 * steps a second (as fast as it can when that is more than the machine does), so progress
 * never depends on the frame rate. {@link #stepOnce()} takes exactly one step.
 *
 * <p>Commands ({@link #send}) are the one way to act on the running model from another thread:
 * a FIFO queue applied in order on the trainer thread before the next step, playing or paused.
 *
 * <p>A model may also have a job of its own ({@link LiveModel#hasWork}), such as samples drawn
 * pixel by pixel; the trainer advances it a slice at a time between steps, playing or paused.
 *
 * <p>While the window builds a step or lays itself out, the trainer waits before its next piece of work
 * ({@link UiFirst}).
 *
 * <p>Divergence guard: after every step the objective must be finite and the model healthy;
 * otherwise the last good state is restored, play stops and {@link Event#diverged} is reported.
 *
 * <p>{@link #stop()} interrupts the thread. A model's computation that takes seconds (lesson 7's reference
 * log-likelihoods of lesson 5's networks, 4 s on a busy machine) checks the interrupt between its batches and
 * throws {@link CancellationException}: the thread then ends at once, with no divergence reported, instead of
 * outliving the scene that was left.
 */
public final class Trainer<M extends LiveModel<P, S>, P, S> {

    /**
     * Something the scene should know, reported on the trainer thread: a divergence (play stopped, the last good
     * state restored, {@code message} says why) or, when {@code diverged} is false, that the model finished
     * ({@link LiveModel#finished}) and play stopped.
     */
    public record Event(boolean diverged, long step, String message) {
    }

    /** The newest snapshot with a sequence number, so a consumer can tell a new one apart. */
    public record Versioned<S>(long version, S snapshot) {
    }

    private final String name;
    private final M model;
    private final double baseRate;
    private final AtomicReference<P> params;
    private final AtomicReference<Versioned<S>> latest = new AtomicReference<>();
    private final AtomicLong version = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean playing;
    private volatile double speed = 1;
    private volatile Consumer<Event> events = e -> { };
    /** Commands to apply on the trainer thread, oldest first; none is ever dropped or replaced. */
    private final ConcurrentLinkedQueue<Consumer<? super M>> commands = new ConcurrentLinkedQueue<>();
    private boolean playingApplied;
    private int pendingSteps;
    private boolean resetRequested;
    private boolean redrawRequested = true;
    /** Set under the lock; volatile so that {@link #publish} can skip a snapshot no one will see. */
    private volatile boolean stopRequested;
    private Thread thread;

    /**
     * @param name     thread name suffix (the scene id)
     * @param model    the model; used only on the trainer thread from now on
     * @param initial  initial knob values
     * @param baseRate steps per second at speed 1
     */
    public Trainer(String name, M model, P initial, double baseRate) {
        this.name = "trainer-" + name;
        this.model = model;
        this.params = new AtomicReference<>(Objects.requireNonNull(initial));
        this.baseRate = baseRate;
    }

    public void setEventListener(Consumer<Event> listener) {
        this.events = listener == null ? e -> { } : listener;
    }

    /** Starts the thread; the model is reset to the current knobs on it. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits (up to 2 s) until it has ended. */
    public void stop() {
        stop(TimeUnit.SECONDS.toMillis(2));
    }

    /**
     * Stops the thread and waits at most {@code maxWaitMs} for it to end; a thread in the middle of a long
     * computation that does not check the interrupt ends on its own when that is done (it takes no further step).
     */
    public synchronized void stop(long maxWaitMs) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        signal(() -> stopRequested = true);
        t.interrupt();
        try {
            t.join(maxWaitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    public String threadName() {
        return name;
    }

    public void setPlaying(boolean p) {
        signal(() -> playing = p);
    }

    public boolean isPlaying() {
        return playing;
    }

    public void setSpeed(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("speed must be a positive number, not " + s);
        }
        speed = s;
    }

    /** Exactly one step, whether playing or not. */
    public void stepOnce() {
        signal(() -> pendingSteps++);
    }

    public void reset() {
        signal(() -> {
            resetRequested = true;
            pendingSteps = 0;
        });
    }

    /** New knob values; the model resets only when {@link LiveModel#needsReset} says so. */
    public void setParams(P p) {
        P before = params.getAndSet(Objects.requireNonNull(p));
        signal(() -> {
            if (model.needsReset(before, p)) {
                resetRequested = true;
            }
            redrawRequested = true;
        });
    }

    public P params() {
        return params.get();
    }

    /** Asks for a new snapshot without stepping (e.g. a view knob changed). */
    public void redraw() {
        signal(() -> redrawRequested = true);
    }

    /**
     * Queues a command for the model: every command sent is applied exactly once, in the order sent,
     * on the trainer thread before the next step (playing or paused), and a snapshot follows. A command
     * that throws is handled like a diverging step: the last good state comes back and it is reported.
     * Commands sent before {@link #start()} run after the first reset.
     */
    public void send(Consumer<? super M> command) {
        Objects.requireNonNull(command);
        commands.add(command);
        signal(() -> { });
    }

    /** The newest snapshot, or null before the first. */
    public Versioned<S> latest() {
        return latest.get();
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        P p = params.get();
        try {
            UiFirst.awaitTurn();
            // after the window's turn: the renice it runs is a process start, which should not compete with it
            BackgroundPriority.lowerThisThread();
            model.reset(p);
            Object good = model.saveState();
            publish(p);
            long nextDue = System.nanoTime();
            long lastPublish = System.nanoTime();
            while (true) {
                boolean doStep;
                boolean doReset;
                boolean doRedraw;
                boolean playChanged;
                lock.lock();
                try {
                    while (!stopRequested && !resetRequested && pendingSteps == 0 && !redrawRequested
                            && commands.isEmpty() && playing == playingApplied && !(playing && System.nanoTime() >= nextDue) && !model.hasWork()) {
                        if (playing) {
                            wake.awaitNanos(Math.max(1000, nextDue - System.nanoTime()));
                        } else {
                            wake.await();
                        }
                    }
                    if (stopRequested) {
                        return;
                    }
                    doReset = resetRequested;
                    resetRequested = false;
                    playChanged = playing != playingApplied;
                    playingApplied = playing;
                    doStep = !doReset && (pendingSteps > 0 || playing && System.nanoTime() >= nextDue);
                    if (doStep && pendingSteps > 0) {
                        pendingSteps--;
                    }
                    doRedraw = redrawRequested;
                    redrawRequested = false;
                } finally {
                    lock.unlock();
                }
                // the window builds a step or lays itself out anew: it has the cores first
                UiFirst.awaitTurn();
                p = params.get();
                try {
                    if (playChanged) {
                        model.playingChanged(playingApplied);
                        // paused: the full-detail picture of where training stopped
                        doRedraw |= !playingApplied;
                    }
                    if (doReset) {
                        model.reset(p);
                        good = model.saveState();
                        if (commands.isEmpty()) {
                            publish(p);
                            lastPublish = System.nanoTime();
                            continue;
                        }
                        doStep = false;
                    }
                    if (drainCommands()) {
                        // an edit is kept by a later restore; a command that broke the model is not
                        if (model.isHealthy()) {
                            good = model.saveState();
                        }
                        doRedraw = true;
                        // a command may have come with newer knobs (see drainCommands): step with those
                        p = params.get();
                    }
                    if (doStep) {
                        double objective = model.step(p);
                        if (!Double.isFinite(objective) || !model.isHealthy()) {
                            String why = model.problem();
                            diverged(good, p, !Double.isFinite(objective)
                                    ? I18n.get("live.reason.objective", String.valueOf(objective))
                                    : why.isEmpty() ? I18n.get("live.reason.range") : why);
                            continue;
                        }
                        good = model.saveState();
                        if (playing && model.finished()) {
                            // nothing left to play for: Play is Play again (the scene hears a non-divergence event)
                            playing = false;
                            publish(p);
                            lastPublish = System.nanoTime();
                            events.accept(new Event(false, model.steps(), ""));
                            continue;
                        }
                        long now = System.nanoTime();
                        nextDue = Math.max(nextDue + (long) (1e9 / (baseRate * speed)), now - 50_000_000L);
                        // latest-wins: while playing fast, one snapshot per ~16 ms is all a screen can show
                        if (!playing || now - lastPublish >= 16_000_000L) {
                            publish(p);
                            lastPublish = now;
                        }
                    } else if (doRedraw && !model.hasWork()) {
                        publish(p);
                        lastPublish = System.nanoTime();
                    }
                    if (model.hasWork()) {
                        model.work(p);
                        long now = System.nanoTime();
                        if (doRedraw || !model.hasWork() || now - lastPublish >= 16_000_000L) {
                            publish(p);
                            lastPublish = now;
                        }
                    }
                } catch (CancellationException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    diverged(good, p, I18n.get("live.reason.error", e.getClass().getSimpleName() + ": " + e.getMessage()));
                } catch (RuntimeException e) {
                    // a model bug or a numerical failure must not kill the scene: back to the last good state
                    diverged(good, p, I18n.get("live.reason.error", e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
                if (!playing) {
                    nextDue = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CancellationException e) {
            // stop() interrupted a long computation (a reset, a snapshot, a job) that checks for it: the thread ends
            // now instead of after it, and its model is freed below
        } finally {
            try {
                model.close();
            } catch (RuntimeException e) {
                // leaving the scene must not fail on a model that cannot free its memory
                System.err.println("GenLab: " + name + " could not free its model: " + e);
            }
        }
    }

    /**
     * Applies every queued command in order; true if there was any. A reset that new knobs asked for before a
     * command was sent is done before that command, so a command sent right after knobs that restart the model
     * (a saved scenario's knobs, then its weights) acts on the restarted model and is not undone by it: the
     * knobs could otherwise arrive while this loop is between its reset check and the commands.
     */
    private boolean drainCommands() {
        boolean any = false;
        Consumer<? super M> c;
        while ((c = commands.poll()) != null) {
            if (takeResetRequest()) {
                model.reset(params.get());
            }
            c.accept(model);
            any = true;
        }
        return any;
    }

    private boolean takeResetRequest() {
        lock.lock();
        try {
            boolean r = resetRequested;
            resetRequested = false;
            return r;
        } finally {
            lock.unlock();
        }
    }

    private void diverged(Object good, P p, String why) {
        long at = model.steps();
        model.restoreState(good);
        playing = false;
        publish(p);
        events.accept(new Event(true, at, why));
    }

    private void publish(P p) {
        if (stopRequested) {
            // the scene was left: a snapshot (a grid, samples, a held-out curve) would only take a core from the
            // scene opened next (the 30-minute monkey, 2026-12-05: a trainer of the scene left had 110-160 ms of the
            // window's waits while the next one opened)
            return;
        }
        latest.set(new Versioned<>(version.incrementAndGet(), model.snapshot(p)));
    }
}
