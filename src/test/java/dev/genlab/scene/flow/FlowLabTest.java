package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.junit.jupiter.api.Test;

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
    void whilePlayingTheGridIsCoarseAndThrottled() {
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
                assertTrue(s.density().n() <= FlowLab.GRID_PLAYING && s.density().n() >= FlowLab.GRID_PLAYING_MIN,
                        "a coarse grid while playing: " + s.density().n());
                assertEquals(s.steps(), s.history().length, "the curve is never held back");
            }
        }
        System.out.println("grid n " + lab.snapshot(p).density().n() + " steps " + steps + " snapshots " + snapshots + " grids " + grids.size() + " traces "
                + traces.size() + " last grid ms " + lab.lastGridNs() / 1e6);
        assertTrue(grids.size() <= 2 + 2e9 / FlowLab.GRID_PERIOD_NS, "grids are throttled: " + grids.size());
        assertTrue(traces.size() <= 2 + 2e9 / FlowLab.HEAVY_PERIOD_NS, "traces are throttled: " + traces.size());
        lab.playingChanged(false);
        FlowLabSnapshot paused = lab.snapshot(p);
        assertEquals(FlowLab.GRID_PAUSED, paused.density().n(), "paused: the fine grid");
    }
}
