package dev.genlab.scene.density;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.scene.ParamSet;

/**
 * EM iterations per second of {@link DensityModel#step} alone (no UI, no snapshot), with the
 * scene's default knobs (600 points, 3 components, k-means++ seeding) on the mixture data set,
 * plus a few variants; and the cost of one snapshot (the 128 x 128 density grid the trainer
 * evaluates for every frame it publishes). Reports figures, asserts only that they were taken.
 */
@Tag("bench")
class DensityModelBenchTest {

    /** Iterations per timed batch; the model is reset (untimed) between batches. */
    private static final int BATCH = 200;
    private static final long BUDGET_NS = 1_000_000_000L;

    static DensityParams params(String dataset, int components) {
        ParamSet set = new ParamSet(DensityParams.SPEC);
        set.set("dataset", dataset);
        set.set("components", components);
        return DensityParams.from(set.values(), new double[0], new double[0]);
    }

    /** Median over batches of iterations per second. */
    static double itersPerSecond(DensityParams p) {
        DensityModel m = new DensityModel();
        // warm-up: let the JIT compile the E- and M-steps
        m.reset(p);
        for (int i = 0; i < 3 * BATCH; i++) {
            if (!Double.isFinite(m.step(p))) {
                m.reset(p);
            }
        }
        List<Double> rates = new ArrayList<>();
        long end = System.nanoTime() + BUDGET_NS;
        while (System.nanoTime() < end || rates.size() < 3) {
            m.reset(p);
            int done = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCH; i++) {
                double ll = m.step(p);
                done++;
                if (!Double.isFinite(ll)) {
                    break; // a collapsed component: count what ran, start again
                }
            }
            long dt = System.nanoTime() - t0;
            rates.add(done / (dt / 1e9));
        }
        return BenchReport.median(rates.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void emIterationsPerSecond() {
        double mixture = itersPerSecond(params("mixture", 3));
        assertTrue(mixture > 0);
        BenchReport.row("em_iters_per_s", mixture, "iter/s");
        BenchReport.row("em_iters_per_s_moons_k3", itersPerSecond(params("moons", 3)), "iter/s");
        BenchReport.row("em_iters_per_s_mixture_k8", itersPerSecond(params("mixture", 8)), "iter/s");
        BenchReport.row("em_iters_per_s_moons_k8", itersPerSecond(params("moons", 8)), "iter/s");
    }

    @Test
    void snapshotCost() {
        DensityParams p = params("mixture", 3);
        DensityModel m = new DensityModel();
        m.reset(p);
        for (int i = 0; i < 20; i++) {
            m.step(p);
        }
        double[] ms = new double[60];
        for (int i = -20; i < ms.length; i++) {
            long t0 = System.nanoTime();
            DensitySnapshot s = m.snapshot(p);
            long dt = System.nanoTime() - t0;
            assertTrue(s.grid().length == DensityModel.GRID * DensityModel.GRID);
            if (i >= 0) {
                ms[i] = dt / 1e6;
            }
        }
        BenchReport.row("density_snapshot_ms", BenchReport.median(ms), "ms");
    }
}
