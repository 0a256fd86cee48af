package dev.genlab.scene.flow;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ToyDistributions;
import dev.genlab.scene.ParamSet;

/**
 * The flow lesson's figures, timed on the code the scene runs: {@link FlowLab} with the training
 * step's preset (eight couplings, hidden 32, tanh, batch 256, Adam 0.005, float, two moons), and the
 * same at hidden 64. Adam steps per second, the 128 × 128 model log-density grid of the training panel
 * (as FlowLab computes it for a snapshot), and the wall time of training until the held-out NLL is
 * within 0.1 nats of H(p), or the cap and the gap if it never gets there.
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=FlowBenchTest}.
 *
 * <p>Physical limits beside the figures: a step of the default flow is ~12.6 MFLOP of multiply-adds
 * (8 couplings × 3 × 2·256·32², the hidden product forward, its two backward products), which at the
 * single-core GEMM peak (~100 GFLOP/s, STACK.md) would allow ~8000 steps/s: at batch 256 the step is
 * bound by per-layer overheads and the element-wise work (tanhs, exps), not by FLOPs. The grid's
 * hidden products are 2·16384·H²·8 FLOP: 0.27 GFLOP at H = 32 (2.7 ms at peak), 1.07 GFLOP at H = 64
 * (10.7 ms); the 2·16384·H·8 tanhs (8.4 M at H = 32) cost as much again in plain Java.
 */
@Tag("bench")
class FlowBenchTest {

    private static final double CAP_S = 120;

    /** The last step's preset of lessons/06-change-of-variables/lesson.en.md, with overrides by knob id. */
    static FlowParams params(Map<String, String> overrides) {
        ParamSet v = new ParamSet(FlowParams.SPEC);
        v.set(FlowParams.FLOW_TYPE, "coupling");
        v.set(FlowParams.LAYERS, 8);
        v.set(FlowParams.HIDDEN, 32);
        v.set(FlowParams.LEARNING_RATE, 0.005);
        v.set(FlowParams.BATCH, 256);
        v.set(FlowParams.DATASET, "moons");
        v.apply(overrides);
        return FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
    }

    /** A lab as the scene runs it in that step: the training panel shown. */
    static FlowLab lab(FlowParams p) {
        FlowLab lab = new FlowLab();
        lab.reset(p);
        lab.show(new FlowLab.View(FlowParams.Panel.TRAIN, -1, 0.8, 0.6));
        return lab;
    }

    @Test
    void stepsPerSecondAndGrid() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        measure("", params(Map.of()), 2.7);
        measure("_hidden64", params(Map.of("hidden", "64")), 10.7);
        // the machine's speed at the time: STACK.md's reference product (3.1 ms on an idle machine)
        org.nd4j.linalg.api.ndarray.INDArray a = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 40000, 64).dup('f');
        org.nd4j.linalg.api.ndarray.INDArray b = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 64, 64).dup('f');
        org.nd4j.linalg.api.ndarray.INDArray c = org.nd4j.linalg.factory.Nd4j.createUninitialized(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, new long[] {40000, 64}, 'f');
        double[] gm = new double[20];
        for (int i = -5; i < gm.length; i++) {
            long t0 = System.nanoTime();
            org.nd4j.linalg.factory.Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            if (i >= 0) {
                gm[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        BenchReport.row("flow_bench_gemm40000x64x64_ms", BenchReport.median(gm),
                "ms (machine reference: 3.1 ms idle per STACK.md, i.e. ~100 GFLOP/s)");
        BenchReport.row("flow_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    private static void measure(String suffix, FlowParams p, double peakMs) {
        FlowLab lab = lab(p);
        FlowParams playing = p;
        FlowParams paused = p;
        for (int i = 0; i < 200; i++) {
            lab.step(playing);
        }
        int timed = 600;
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            lab.step(playing);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        BenchReport.row("flow_steps_per_s" + suffix, 1000 / BenchReport.median(ms),
                suffix.isEmpty() ? "steps/s (target >= 250)" : "steps/s");
        BenchReport.row("flow_step_ms_p90" + suffix, BenchReport.percentile(ms, 0.9), "ms");
        // the grid a snapshot computes: a step makes the flow new, so each paused snapshot draws one
        lab.playingChanged(false);
        double[] g = new double[25];
        for (int i = -5; i < g.length; i++) {
            lab.step(playing);
            FlowLabSnapshot s = lab.snapshot(paused);
            if (s.density().n() != 128) {
                throw new AssertionError("grid " + s.density().n());
            }
            if (i >= 0) {
                g[i] = lab.lastGridNs() / 1e6;
            }
        }
        String name = suffix.isEmpty() ? "flow_grid128_ms" : "flow_grid128" + suffix + "_ms";
        BenchReport.row(name, BenchReport.median(g), String.format(java.util.Locale.ROOT,
                "ms (%shidden products alone at GEMM peak: %.1f ms)", suffix.isEmpty() ? "target <= 16; " : "", peakMs));
    }

    @Test
    void moonsToATenthOfANat() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        double entropy = ToyDistributions.byId("moons").entropy();
        FlowParams playing = params(Map.of());
        FlowParams paused = playing;
        FlowLab lab = lab(playing);
        double trainS = 0;
        double gap = Double.NaN;
        double reached = Double.NaN;
        while (trainS < CAP_S) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                lab.step(playing);
            }
            trainS += (System.nanoTime() - t0) / 1e9;
            gap = lab.snapshot(paused).heldOutNll() - entropy;
            System.out.printf("moons: %d steps, %.1f s, gap %.4f nats%n", lab.steps(), trainS, gap);
            if (gap < 0.1) {
                reached = trainS;
                break;
            }
        }
        BenchReport.row("flow_moons_s_to_0.1nat", Double.isNaN(reached) ? CAP_S : reached,
                Double.isNaN(reached) ? "s (cap, not reached)" : "s");
        BenchReport.row("flow_moons_final_gap_nat", gap, "nats (1000 held-out points)");
        BenchReport.row("flow_moons_steps", lab.steps(), "steps");
        BenchReport.row("flow_moons_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }
}
