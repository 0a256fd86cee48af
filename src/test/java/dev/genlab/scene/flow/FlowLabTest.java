package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.genlab.scene.KnobSpec;

class FlowLabTest {

    static FlowParams params(boolean playing, String panel, String type, int layers) {
        Map<String, Object> v = new HashMap<>();
        for (KnobSpec k : FlowParams.SPEC.knobs()) {
            v.put(k.id(), k.defaultValue());
        }
        v.put("panel", panel);
        v.put("flow_type", type);
        v.put("layers", layers);
        return FlowParams.from(v, new double[0], new double[0], playing, -1, 0.8, 0.6);
    }

    @Test
    void whilePlayingTheGridIsFullSizeAndThrottled() {
        FlowLab lab = new FlowLab();
        FlowParams p = params(true, "train", "coupling", 8);
        lab.reset(p);
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
        FlowLabSnapshot paused = lab.snapshot(params(false, "train", "coupling", 8));
        assertEquals(128, paused.density().n(), "paused: the same grid");
        assertTrue(grids.size() >= 2, "the grid follows training while playing: " + grids.size());
    }
}
