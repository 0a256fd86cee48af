package dev.genlab.model.flow;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.DataSource2D;
import dev.genlab.data.ToyDistributions;

/**
 * Issue 15's model figures: one maximum-likelihood Adam step of NICE (additive couplings), NICE with its
 * ActNorm scaling and RealNVP (affine couplings) on lesson 6's toy defaults (eight couplings, hidden 32,
 * tanh, float, batch 256, two moons, rate 0.005), and the 8 × 8 dequantised-digit flow's training rate.
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=NiceBenchTest}.
 */
@Tag("bench")
class NiceBenchTest {

    @Test
    void niceVsRealNvpStepTimes() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        DataSource2D data = DataSource2D.of(ToyDistributions.byId("moons"));
        String[] kinds = {"nice", "nice+actnorm", "realnvp"};
        Flow[] flows = new Flow[kinds.length];
        SplittableRandom[] rngs = new SplittableRandom[kinds.length];
        double[] bx = new double[256];
        double[] by = new double[256];
        for (int k = 0; k < kinds.length; k++) {
            flows[k] = NiceTest.build(kinds[k], 8, 32, 1);
            rngs[k] = new SplittableRandom(2);
            for (int i = 0; i < 200; i++) {
                FlowTestLayers.step(flows[k], data, rngs[k], bx, by, 0.005);
            }
        }
        // blocks of 100 steps taking turns, so that a load change on the shared machine hits all three alike
        int blocks = 6;
        double[][] ms = new double[kinds.length][blocks * 100];
        for (int blk = 0; blk < blocks; blk++) {
            for (int k = 0; k < kinds.length; k++) {
                for (int i = 0; i < 100; i++) {
                    long t0 = System.nanoTime();
                    FlowTestLayers.step(flows[k], data, rngs[k], bx, by, 0.005);
                    ms[k][blk * 100 + i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        for (int k = 0; k < kinds.length; k++) {
            BenchReport.row("nice_vs_realnvp_" + kinds[k].replace("+", "_") + "_step_ms", BenchReport.median(ms[k]),
                    "ms per batch of 256 (8 couplings, hidden 32; batch drawing included)");
        }
        BenchReport.row("nice_vs_realnvp_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    @Test
    void dequantFlowTraining() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        int k = 16;
        int[][] train = Dequantization.digits(2000, 2026, 8, k);
        DequantFlow f = DequantFlow.forImages(8, 8, 8, 64, 1);
        SplittableRandom rng = new SplittableRandom(3);
        int batch = 64;
        int[][] b = new int[batch][];
        double[] ms = new double[150];
        for (int s = -30; s < ms.length; s++) {
            for (int i = 0; i < batch; i++) {
                b[i] = train[rng.nextInt(train.length)];
            }
            long t0 = System.nanoTime();
            f.trainStep(b, k, rng, 1e-3);
            if (s >= 0) {
                ms[s] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double med = BenchReport.median(ms);
        BenchReport.row("dequant_flow_step_ms", med, "ms (D 64, 8 couplings, hidden 64, batch 64, K 16)");
        BenchReport.row("dequant_flow_train_examples_per_s", batch * 1000 / med, "images/s");
        long t0 = System.nanoTime();
        Dequantization.Evaluation e = Dequantization.evaluate(f, Dequantization.digits(500, 7, 8, k), k, 1,
                new SplittableRandom(9));
        BenchReport.row("dequant_flow_eval500_ms", (System.nanoTime() - t0) / 1e6, "ms (bits/dim of 500 images)");
        BenchReport.row("dequant_flow_bpd_after_180_steps", e.bitsPerDim(), "bits/dim (held-out bound)");
        BenchReport.row("dequant_flow_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }
}
