package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.genlab.i18n.I18n;
import dev.genlab.model.flow.Flow;
import dev.genlab.scene.ParamSet;

class FlowLabTest {

    static FlowParams params(String type, int layers) {
        ParamSet v = new ParamSet(FlowParams.SPEC);
        v.set(FlowParams.FLOW_TYPE, type);
        v.set(FlowParams.LAYERS, layers);
        return FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
    }

    /** A lab showing the training panel, as the scene asks for it. */
    static FlowLab lab(FlowParams p, boolean playing) {
        FlowLab lab = new FlowLab();
        lab.reset(p);
        lab.show(new FlowLab.View(FlowParams.Panel.TRAIN, -1, 0.8, 0.6));
        lab.playingChanged(playing);
        return lab;
    }

    @Test
    void whilePlayingTheGridIsFullSizeAndThrottled() {
        FlowParams p = params("coupling", 8);
        FlowLab lab = lab(p, true);
        for (int i = 0; i < 40; i++) {
            lab.step(p);
        }
        // as the trainer does while playing: a step, and a snapshot when 16 ms have passed since the last
        long t0 = System.nanoTime();
        long last = 0;
        int steps = 0;
        int snapshots = 0;
        java.util.Set<Object> grids = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.Set<Object> traces = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (System.nanoTime() - t0 < 2_000_000_000L) {
            lab.step(p);
            steps++;
            if (System.nanoTime() - last >= 16_000_000L) {
                FlowLabSnapshot s = lab.snapshot(p);
                last = System.nanoTime();
                snapshots++;
                grids.add(s.density());
                traces.add(s.traceX());
                assertEquals(128, s.density().n(), "the full 128 x 128 grid while playing");
                assertEquals(s.steps(), s.history().length, "the curve is never held back");
            }
        }
        System.out.println("grid n " + lab.snapshot(p).density().n() + " steps " + steps + " snapshots " + snapshots + " grids " + grids.size() + " traces "
                + traces.size() + " last grid ms " + lab.lastGridNs() / 1e6);
        assertTrue(grids.size() <= 2 + 2e9 / FlowLab.GRID_PERIOD_NS, "grids are throttled: " + grids.size());
        assertTrue(traces.size() <= 2 + 2e9 / FlowLab.HEAVY_PERIOD_NS, "traces are throttled: " + traces.size());
        lab.playingChanged(false);
        FlowLabSnapshot paused = lab.snapshot(p);
        assertEquals(128, paused.density().n(), "paused: the same grid");
        assertTrue(grids.size() >= 2, "the grid follows training while playing: " + grids.size());
    }

    /**
     * At the top learning rate the batch NLL can jump by thousands of nats without a NaN: the trainer
     * stops, says why, and goes back to the state before the step that did it (its curve keeps no spike).
     */
    @Test
    void aBlowUpThatIsNotANanIsReportedAndUndone() throws Exception {
        ParamSet v = new ParamSet(FlowParams.SPEC);
        v.set(FlowParams.FLOW_TYPE, "coupling");
        v.set(FlowParams.LAYERS, 8);
        v.set(FlowParams.LEARNING_RATE, 0.03);
        v.set(FlowParams.DATASET, "moons");
        v.set(FlowParams.BATCH, 32);
        v.set(FlowParams.SEED, 1);
        FlowParams p = FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
        FlowLab lab = new FlowLab();
        dev.genlab.live.Trainer<FlowLab, FlowParams, FlowLabSnapshot> t = new dev.genlab.live.Trainer<>("blowup", lab, p, 1e6);
        java.util.concurrent.CopyOnWriteArrayList<dev.genlab.live.Trainer.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        t.setEventListener(events::add);
        t.start();
        t.setPlaying(true);
        long end = System.nanoTime() + 60_000_000_000L;
        while (events.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        // with these seeds the step before step 92 sends the batch NLL from about 3 to 1,331 nats
        assertTrue(!events.isEmpty(), "at 0.03, batches of 32 on the moons, the flow blows up");
        dev.genlab.live.Trainer.Event e = events.get(0);
        assertTrue(e.diverged() && e.message().contains("jumped"), e.message());
        // and the curve it shows after the restore ends before the culprit: no point far above its recent level
        long endWait = System.nanoTime() + 5_000_000_000L;
        while (t.latest().snapshot().steps() >= e.step() && System.nanoTime() < endWait) {
            Thread.sleep(10);
        }
        t.stop();
        double[] h = t.latest().snapshot().history();
        assertTrue(h.length < e.step(), "restored to before the step that blew up: " + h.length + " < " + e.step());
        double recent = java.util.Arrays.stream(h, h.length - 20, h.length).average().orElseThrow();
        for (int i = h.length - 20; i < h.length; i++) {
            assertTrue(h[i] < recent + FlowLab.BLOW_UP_NATS, "no spike left on the curve: " + h[i]);
        }
    }

    /** A broken layer is named in the student's language: which layer, of which kind, and what broke. */
    @Test
    void whyALayerFailedIsSaidInTheStudentsLanguage() throws Exception {
        FlowLab lab = lab(params("coupling", 4), false);
        java.lang.reflect.Field field = FlowLab.class.getDeclaredField("flow");
        field.setAccessible(true);
        Flow flow = (Flow) field.get(lab);
        double[] p = flow.layer(2).params();
        p[0] = Double.NaN;
        flow.layer(2).setParams(p);
        assertFalse(lab.isHealthy());
        assertTrue(lab.problem().startsWith("layer 3 (coupling"), lab.problem());
        I18n.setLocale(Locale.KOREAN);
        try {
            String ko = lab.problem();
            assertTrue(ko.startsWith("3번째 층(커플링"), ko);
            assertFalse(Pattern.compile("[a-z]{3,}[ -]+[a-z]{3,}").matcher(ko).find(), "no English run in " + ko);
        } finally {
            I18n.setLocale(Locale.ENGLISH);
        }
    }

    /**
     * The divergence guard's restore brings back the restored step's batch NLL for the read-out, not the undone
     * step's (which was a NaN or the jump that tripped the guard; issue 16).
     */
    @Test
    void restoringTheLastGoodStateRestoresTheBatchNll() {
        FlowParams p = params("coupling", 2);
        FlowLab lab = lab(p, false);
        for (int i = 0; i < 3; i++) {
            lab.step(p);
        }
        Object good = lab.saveState();
        FlowLabSnapshot saved = lab.snapshot(p);
        for (int i = 0; i < 4; i++) {
            lab.step(p);
        }
        assertTrue(lab.snapshot(p).nll() != saved.nll(), "training moved the batch NLL");
        lab.restoreState(good);
        FlowLabSnapshot back = lab.snapshot(p);
        assertEquals(saved.steps(), back.steps());
        assertEquals(saved.nll(), back.nll(), "the batch NLL of step " + saved.steps());
        assertEquals(back.history()[back.history().length - 1], back.nll(), "the curve's last point");
    }
}
