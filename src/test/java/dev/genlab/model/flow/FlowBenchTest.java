package dev.genlab.model.flow;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.DataSource2D;
import dev.genlab.data.TwoMoons;

/**
 * The flow lesson's figures: training steps per second (8 couplings, hidden 64, batch 256,
 * Adam, float), the 128 × 128 model log-density grid, and the wall time of training on two moons
 * until the held-out NLL is within 0.1 nats of H(p), or the cap and the gap if it never gets there.
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=FlowBenchTest}.
 */
@Tag("bench")
class FlowBenchTest {

    private static final double CAP_S = 120;

    @Test
    void stepsPerSecondAndGrid() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        FlowTraining t = new FlowTraining(FlowConfig.defaults(), DataSource2D.of(new TwoMoons()));
        for (int i = 0; i < 100; i++) {
            t.step();
        }
        int timed = 400;
        double[] ms = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t0 = System.nanoTime();
            t.step();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        BenchReport.row("flow_steps_per_s", 1000 / BenchReport.median(ms), "steps/s");
        BenchReport.row("flow_step_ms_p90", BenchReport.percentile(ms, 0.9), "ms");
        Flow f = t.flow();
        double[] b = new TwoMoons().bounds();
        for (int i = 0; i < 5; i++) {
            f.densityGrid(b[0], b[1], b[2], b[3], 128);
        }
        double[] g = new double[20];
        for (int i = 0; i < g.length; i++) {
            long t0 = System.nanoTime();
            f.densityGrid(b[0], b[1], b[2], b[3], 128);
            g[i] = (System.nanoTime() - t0) / 1e6;
        }
        BenchReport.row("flow_grid128_ms", BenchReport.median(g), "ms");
        for (int i = 0; i < g.length; i++) {
            long t0 = System.nanoTime();
            f.densityGrid(b[0], b[1], b[2], b[3], 64);
            g[i] = (System.nanoTime() - t0) / 1e6;
        }
        BenchReport.row("flow_grid64_ms", BenchReport.median(g), "ms");
        for (dev.genlab.model.nn.Activation a : new dev.genlab.model.nn.Activation[] {
            dev.genlab.model.nn.Activation.LEAKY_RELU}) {
            Flow other = FlowConfig.defaults().withActivation(a).build();
            for (int i = 0; i < 5; i++) {
                other.densityGrid(b[0], b[1], b[2], b[3], 128);
            }
            for (int i = 0; i < g.length; i++) {
                long t0 = System.nanoTime();
                other.densityGrid(b[0], b[1], b[2], b[3], 128);
                g[i] = (System.nanoTime() - t0) / 1e6;
            }
            BenchReport.row("flow_grid128_" + a.name().toLowerCase(java.util.Locale.ROOT) + "_ms", BenchReport.median(g), "ms");
        }
        // the analytic (network-free) stack of the 2-D view: 8 layers of linear / planar / radial / LU
        Flow analytic = new Flow(Base2D.NORMAL);
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 2; k++) {
            analytic.add(new LinearLayer(1.1, 0.2, -0.3, 0.9, 0, 0)).add(new PlanarLayer(1, 0.5, 0.4, 0.2, 0))
                    .add(new RadialLayer(0.2, 0.1, 1, 0.5)).add(LuLinearLayer.randomRotation(r));
        }
        for (int i = 0; i < 5; i++) {
            analytic.densityGrid(-3, 3, -3, 3, 128);
        }
        for (int i = 0; i < g.length; i++) {
            long t0 = System.nanoTime();
            analytic.densityGrid(-3, 3, -3, 3, 128);
            analytic.cells(-3, 3, -3, 3, 32);
            analytic.warpedGridLines(-3, 3, -3, 3, 21, 101);
            g[i] = (System.nanoTime() - t0) / 1e6;
        }
        BenchReport.row("flow_analytic_view_ms", BenchReport.median(g), "ms");
        BenchReport.row("flow_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    @Test
    void moonsToATenthOfANat() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        TwoMoons moons = new TwoMoons();
        double entropy = moons.entropy();
        FlowConfig c = FlowConfig.defaults().withKind(FlowConfig.Kind.COUPLING_LU).withLearningRate(2e-3);
        FlowTraining t = new FlowTraining(c, DataSource2D.of(moons));
        double trainS = 0;
        double gap = Double.NaN;
        double reached = Double.NaN;
        while (trainS < CAP_S) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                t.step();
            }
            trainS += (System.nanoTime() - t0) / 1e9;
            gap = t.heldOutNll(8192, 77) - entropy;
            System.out.printf("moons: %d steps, %.1f s, gap %.4f nats%n", t.steps(), trainS, gap);
            if (gap < 0.1) {
                reached = trainS;
                break;
            }
        }
        BenchReport.row("flow_moons_s_to_0.1nat", Double.isNaN(reached) ? CAP_S : reached, Double.isNaN(reached) ? "s (cap, not reached)" : "s");
        BenchReport.row("flow_moons_final_gap_nat", gap, "nats");
        BenchReport.row("flow_moons_steps", t.steps(), "steps");
        BenchReport.row("flow_moons_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }
}
