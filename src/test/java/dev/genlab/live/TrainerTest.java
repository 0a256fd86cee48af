package dev.genlab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** x_{t+1} = x_t + rate; "diverges" (returns NaN) when x passes a limit. */
    static class Counter implements LiveModel<Double, Double> {
        volatile int closes;
        volatile String closedOn;
        double x;
        long steps;
        double limit = Double.POSITIVE_INFINITY;
        volatile int resets;

        @Override
        public void reset(Double rate) {
            x = 0;
            steps = 0;
            resets++;
        }

        @Override
        public double step(Double rate) {
            x += rate;
            steps++;
            return x > limit ? Double.NaN : x;
        }

        @Override
        public void close() {
            closes++;
            closedOn = Thread.currentThread().getName();
        }

        @Override
        public boolean needsReset(Double before, Double after) {
            return Math.signum(before) != Math.signum(after);
        }

        @Override
        public Object saveState() {
            return new double[] {x, steps};
        }

        @Override
        public void restoreState(Object state) {
            double[] s = (double[]) state;
            x = s[0];
            steps = (long) s[1];
        }

        @Override
        public boolean isHealthy() {
            return Double.isFinite(x);
        }

        @Override
        public Double snapshot(Double rate) {
            return x;
        }

        @Override
        public long steps() {
            return steps;
        }
    }

    private Trainer<? extends LiveModel<Double, Double>, Double, Double> trainer;

    @AfterEach
    void stop() {
        if (trainer != null) {
            trainer.stop();
        }
    }

    static void await(BooleanSupplier cond, String what) {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private double latest() {
        Trainer.Versioned<Double> v = trainer.latest();
        return v == null ? Double.NaN : v.snapshot();
    }

    @Test
    void stepOnceTakesExactlyOneStepAndPublishes() throws Exception {
        Counter m = new Counter();
        trainer = new Trainer<>("t", m, 1.0, 10);
        trainer.start();
        await(() -> trainer.latest() != null, "first snapshot");
        assertEquals(0.0, latest());
        trainer.stepOnce();
        trainer.stepOnce();
        trainer.stepOnce();
        await(() -> latest() == 3.0, "three steps");
        Thread.sleep(100);
        assertEquals(3.0, latest(), "no step beyond the three asked for");
        assertTrue(trainer.isAlive());
        assertEquals("trainer-t", trainer.threadName());
    }

    @Test
    void whileTheWindowHoldsNoWorkStartsAndAHoldEndsByItself() throws Exception {
        Counter m = new Counter();
        trainer = new Trainer<>("held", m, 1.0, 10);
        try {
            UiFirst.hold(60_000);
            trainer.start();
            trainer.stepOnce();
            Thread.sleep(200);
            assertEquals(null, trainer.latest(), "no reset, no snapshot while the window holds");
            assertEquals(0, m.resets);
            UiFirst.release();
            await(() -> trainer.latest() != null && latest() == 1.0, "the reset and the step asked for meanwhile");
            UiFirst.hold(60_000);
            trainer.stepOnce();
            Thread.sleep(200);
            assertEquals(1.0, latest(), "no step while the window holds");
            trainer.stop();
            assertEquals(1, m.closes, "a held trainer still stops at once and frees its model");
            // a hold the window never releases ends at its limit
            Counter n = new Counter();
            trainer = new Trainer<>("held2", n, 1.0, 10);
            UiFirst.hold(300);
            trainer.start();
            assertTrue(UiFirst.held());
            await(() -> trainer.latest() != null, "the first snapshot once the hold ran out");
            assertFalse(UiFirst.held());
        } finally {
            UiFirst.release();
        }
    }

    @Test
    void aModelThatFinishesStopsPlayAndSaysSoWithoutADivergence() {
        Counter m = new Counter() {
            @Override
            public boolean finished() {
                return steps >= 3;
            }
        };
        List<Trainer.Event> events = new CopyOnWriteArrayList<>();
        trainer = new Trainer<>("finishing", m, 1.0, 1000);
        trainer.setEventListener(events::add);
        trainer.start();
        trainer.setPlaying(true);
        await(() -> !events.isEmpty(), "the finished event");
        assertFalse(events.get(0).diverged());
        assertEquals(3, events.get(0).step());
        assertFalse(trainer.isPlaying(), "play stopped");
        assertEquals(3.0, latest(), "the last step's snapshot, no step beyond it");
        trainer.stepOnce();
        await(() -> latest() == 4.0, "Step still steps");
    }

    @Test
    void playingAdvancesAtTheRateAndPauseStops() throws Exception {
        Counter m = new Counter();
        trainer = new Trainer<>("t", m, 1.0, 1000);
        trainer.start();
        trainer.setPlaying(true);
        await(() -> trainer.latest() != null && latest() >= 20, "twenty steps while playing");
        trainer.setPlaying(false);
        Thread.sleep(50);
        double paused = latest();
        Thread.sleep(150);
        assertEquals(paused, latest(), "paused means no more steps");
    }

    @Test
    void stopFreesTheModelOnceOnItsThread() {
        Counter m = new Counter();
        trainer = new Trainer<>("closer", m, 1.0, 10);
        trainer.start();
        await(() -> trainer.latest() != null, "start");
        assertEquals(0, m.closes, "open while the scene is shown");
        trainer.stop();
        assertEquals(1, m.closes);
        assertEquals("trainer-closer", m.closedOn, "ND4J workspaces are the trainer thread's");
        trainer.stop();
        assertEquals(1, m.closes, "a second stop frees nothing twice");
    }

    /** A model whose reset or step computes until its thread is interrupted, checking between "batches". */
    static class Endless extends Counter {
        final boolean inReset;
        volatile boolean computing;

        Endless(boolean inReset) {
            this.inReset = inReset;
        }

        void compute() {
            computing = true;
            while (true) {
                dev.genlab.model.autoregressive.AutoregressiveModel.stopIfInterrupted();
                Thread.onSpinWait();
            }
        }

        @Override
        public void reset(Double rate) {
            super.reset(rate);
            if (inReset) {
                compute();
            }
        }

        @Override
        public double step(Double rate) {
            compute();
            return 0;
        }
    }

    /** Issue 16: lesson 7's trainer outlived its scene by 2 s, in a long evaluation that did not hear the stop. */
    @Test
    void stopEndsALongComputationAtOnceWithoutReportingIt() {
        for (boolean inReset : new boolean[] {true, false}) {
            Endless m = new Endless(inReset);
            List<Trainer.Event> events = new CopyOnWriteArrayList<>();
            trainer = new Trainer<>("long", m, 1.0, 10);
            trainer.setEventListener(events::add);
            trainer.start();
            if (!inReset) {
                await(() -> trainer.latest() != null, "start");
                trainer.stepOnce();
            }
            await(() -> m.computing, "the long computation");
            Thread t = Thread.getAllStackTraces().keySet().stream()
                    .filter(th -> th.getName().equals("trainer-long")).findFirst().orElseThrow();
            long t0 = System.nanoTime();
            trainer.stop();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(t.isAlive(), "the thread ended (in " + (inReset ? "reset" : "step") + ")");
            assertTrue(ms < 1000, "stop took " + ms + " ms");
            assertEquals(1, m.closes, "the model freed");
            assertEquals(List.of(), events, "a stop is no divergence");
        }
    }

    @Test
    void stopEndsTheThread() {
        trainer = new Trainer<>("stopper", new Counter(), 1.0, 10);
        trainer.start();
        await(() -> trainer.latest() != null, "start");
        Thread t = Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().equals("trainer-stopper")).findFirst().orElseThrow();
        assertTrue(t.isDaemon());
        trainer.stop();
        assertFalse(t.isAlive());
        assertFalse(trainer.isAlive());
    }

    @Test
    void divergenceRestoresTheLastGoodStateStopsAndReports() {
        Counter m = new Counter();
        m.limit = 4.5;
        CopyOnWriteArrayList<Trainer.Event> events = new CopyOnWriteArrayList<>();
        trainer = new Trainer<>("t", m, 1.0, 1000);
        trainer.setEventListener(events::add);
        trainer.start();
        trainer.setPlaying(true);
        await(() -> !events.isEmpty(), "the divergence event");
        Trainer.Event e = events.get(0);
        assertTrue(e.diverged());
        assertEquals(5, e.step());
        assertTrue(e.message().contains("NaN"), e.message());
        assertFalse(trainer.isPlaying());
        await(() -> latest() == 4.0, "the last good state published");
        assertTrue(trainer.isAlive(), "the trainer keeps working after a divergence");
    }

    @Test
    void anExceptionInTheModelIsReportedAndTheThreadLives() {
        Counter m = new Counter() {
            @Override
            public double step(Double rate) {
                throw new IllegalStateException("boom");
            }
        };
        CopyOnWriteArrayList<Trainer.Event> events = new CopyOnWriteArrayList<>();
        trainer = new Trainer<>("t", m, 1.0, 10);
        trainer.setEventListener(events::add);
        trainer.start();
        trainer.stepOnce();
        await(() -> !events.isEmpty(), "event");
        assertTrue(events.get(0).message().contains("boom"));
        assertTrue(trainer.isAlive());
    }

    @Test
    void knobChangesResetOnlyWhenTheModelSaysSo() throws Exception {
        Counter m = new Counter();
        trainer = new Trainer<>("t", m, 1.0, 10);
        trainer.start();
        trainer.stepOnce();
        trainer.stepOnce();
        await(() -> latest() == 2.0, "two steps");
        int resets = m.resets;
        trainer.setParams(2.0); // same sign: keep training with the new rate
        trainer.stepOnce();
        await(() -> latest() == 4.0, "step with the new rate");
        assertEquals(resets, m.resets);
        trainer.setParams(-1.0); // sign change: the model asks for a reset
        await(() -> m.resets == resets + 1 && latest() == 0.0, "reset");
        trainer.reset();
        await(() -> m.resets == resets + 2, "explicit reset");
        assertNotNull(trainer.params());
    }

    /** A counter that also has a job of its own: {@code left} slices to run, each adding 100 to x. */
    static class Worker extends Counter {
        volatile int left;
        volatile int slices;

        @Override
        public boolean hasWork() {
            return left > 0;
        }

        @Override
        public void work(Double rate) {
            left--;
            slices++;
            x += 100;
        }
    }

    @Test
    void aModelsOwnJobRunsWhilePausedWithoutCountingAsSteps() throws Exception {
        // given a paused trainer whose model is handed a job of five slices
        Worker m = new Worker();
        Trainer<Worker, Double, Double> t = new Trainer<>("t", m, 1.0, 10);
        trainer = t;
        t.start();
        await(() -> t.latest() != null, "first snapshot");
        t.send(model -> model.left = 5);
        // then the trainer runs every slice, publishes the result, and takes no step
        await(() -> latest() == 500.0, "the five slices published");
        Thread.sleep(100);
        assertEquals(5, m.slices);
        assertEquals(0, m.steps());
        // and a step still does exactly one step afterwards
        trainer.stepOnce();
        await(() -> latest() == 501.0, "one step after the job");
    }

    @Test
    void aJobAndPlayingShareTheThread() {
        Worker m = new Worker();
        Trainer<Worker, Double, Double> t = new Trainer<>("t", m, 1.0, 1000);
        trainer = t;
        t.start();
        t.send(model -> model.left = 50);
        trainer.setPlaying(true);
        await(() -> m.slices == 50 && m.steps() >= 50, "both the job and the steps advance");
        trainer.setPlaying(false);
    }

    @Test
    void speedMustBePositive() {
        trainer = new Trainer<>("t", new Counter(), 1.0, 10);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> trainer.setSpeed(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> trainer.setSpeed(Double.NaN));
    }

    /** Records every command it is sent, and every step, in the order the trainer thread ran them. */
    static final class Recorder extends Counter {
        final java.util.List<Integer> log = new java.util.ArrayList<>();
        volatile int applied;

        void record(int i) {
            log.add(i);
            applied++;
        }

        @Override
        public double step(Double rate) {
            log.add(-1);
            return super.step(rate);
        }
    }

    private void burstFromTheFxThread(boolean playing) throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        Recorder m = new Recorder();
        Trainer<Recorder, Double, Double> t = new Trainer<>("burst", m, 1.0, 1000);
        trainer = t;
        t.start();
        t.setPlaying(playing);
        int n = 5000;
        // given thousands of commands sent in one burst from the JavaFX thread, as fast as a drag sends them
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < n; i++) {
                int k = i;
                t.send(r -> r.record(k));
            }
        }).get(10, java.util.concurrent.TimeUnit.SECONDS);
        // then every one is applied, once, in the order sent, whether the model is stepping or not
        await(() -> m.applied == n, "all " + n + " commands");
        t.setPlaying(false);
        t.stop();
        java.util.List<Integer> commands = m.log.stream().filter(i -> i >= 0).toList();
        assertEquals(n, commands.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, commands.get(i), "command " + i + " in its place");
        }
        if (!playing) {
            assertEquals(0, m.steps(), "commands are not steps");
        }
    }

    @Test
    void thousandsOfCommandsFromTheFxThreadAreAllAppliedInOrderWhilePaused() throws Exception {
        burstFromTheFxThread(false);
    }

    @Test
    void thousandsOfCommandsFromTheFxThreadAreAllAppliedInOrderWhilePlaying() throws Exception {
        burstFromTheFxThread(true);
    }

    @Test
    void aCommandRunsBeforeTheNextStep() {
        // given a paused trainer, a command and a step sent right after it
        Recorder m = new Recorder();
        Trainer<Recorder, Double, Double> t = new Trainer<>("t", m, 1.0, 10);
        trainer = t;
        t.start();
        await(() -> t.latest() != null, "first snapshot");
        t.send(r -> r.record(7));
        t.stepOnce();
        await(() -> latest() == 1.0, "the step");
        // then the command was applied first
        assertEquals(java.util.List.of(7, -1), m.log);
    }

    @Test
    void aCommandThatThrowsIsReportedAndTheNextOnesStillRun() {
        Recorder m = new Recorder();
        Trainer<Recorder, Double, Double> t = new Trainer<>("t", m, 1.0, 10);
        trainer = t;
        CopyOnWriteArrayList<Trainer.Event> events = new CopyOnWriteArrayList<>();
        t.setEventListener(events::add);
        t.start();
        await(() -> t.latest() != null, "first snapshot");
        t.send(r -> {
            throw new IllegalStateException("broken edit");
        });
        t.send(r -> r.record(1));
        await(() -> m.applied == 1, "the command after the broken one");
        assertEquals(1, events.size());
        assertTrue(events.get(0).message().contains("broken edit"), events.get(0).message());
    }
}
