package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.bench.BenchReport;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.flow.AutoregressiveFlow;
import dev.genlab.model.nn.Adam;

/**
 * Issue 15's speed rows, each beside what it is compared with:
 * <ul>
 *   <li>{@code made_train_examples_per_s}: MADE 784-500-784 (the paper's MNIST size), FLOAT, batches
 *       of {@link NadeBenchTest#BATCH} of the built-in digits binarised as lesson 5 does, forward +
 *       backward + Adam; {@code made_train_examples_per_s_h100} with 100 hidden units;
 *       {@code nade_train_examples_per_s_same_run} NADE (H = 100, its default engine) in the same run
 *       on the same data and batch</li>
 *   <li>{@code made_test_nll_60s}: held-out NLL after 60 s of training, NADE's recipe (marginal init,
 *       Adam 0.005), beside the NADE rows of {@link NadeBenchTest}</li>
 *   <li>{@code made_sample_ms}, {@code made_sample_batch64_ms}: 784 sequential passes (cached)</li>
 *   <li>{@code maf_density_ms}, {@code maf_sample_ms}, {@code iaf_density_ms}, {@code iaf_sample_ms}:
 *       16,384 points (lesson 6's 128 × 128 grid), D = 2, MADE hidden {32, 32}, FLOAT; the same with
 *       suffix {@code _d8} for D = 8. Medians of 9 after 8 warm-ups</li>
 *   <li>{@code made_bench_gemm_peak_gflops}: the best of five 1024³ sgemms (the physical limit)</li>
 * </ul>
 */
@Tag("bench")
class MadeBenchTest {

    @Test
    void made() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        BinaryImages train = NadeBenchTest.digits(true);
        BinaryImages test = NadeBenchTest.digits(false);

        BenchReport.row("made_bench_gemm_peak_gflops", gemmPeak(), "GFLOP/s");
        BenchReport.row("made_train_examples_per_s", examplesPerSecond(train, 500, 10), "images/s");
        BenchReport.row("made_train_examples_per_s_h100", examplesPerSecond(train, 100, 20), "images/s");
        BenchReport.row("nade_train_examples_per_s_same_run",
                NadeBenchTest.examplesPerSecond(train, Nade.Engine.JAVA, 40), "images/s");

        Made made = new Made(28, 28, new int[] {500}, DataType.FLOAT, 1);
        BenchReport.row("made_sample_ms", sampleMs(made, 1), "ms");
        BenchReport.row("made_sample_batch64_ms", sampleMs(made, 64), "ms");

        Made fresh = new Made(28, 28, new int[] {500}, DataType.FLOAT, NadeBenchTest.INIT_SEED);
        fresh.initOutputBiasFromMarginals(train, NadeBenchTest.ALPHA);
        Adam adam = new Adam(fresh.numParams(), DataType.FLOAT, NadeBenchTest.LR);
        SplittableRandom rng = new SplittableRandom(NadeBenchTest.INIT_SEED);
        int[] batch = new int[NadeBenchTest.BATCH];
        long end = System.nanoTime() + 60_000_000_000L;
        int steps = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = rng.nextInt(train.count());
            }
            fresh.lossAndGradients(train, batch);
            adam.step(fresh.params(), fresh.gradients());
            steps++;
        }
        double nll = fresh.meanNll(test);
        BenchReport.row("made_test_nll_60s", nll, "nats");
        BenchReport.row("made_steps_60s", steps, "steps");
        BenchReport.row("made_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
        assertTrue(Double.isFinite(nll) && steps > 0);
    }

    /**
     * {@code fvsbn_train_examples_per_s}: the fully visible sigmoid belief net (784 × 784 masked logistic
     * layer, FLOAT), as MADE's row, beside NADE (H = 100, its default engine) in the same run.
     */
    @Test
    void fvsbn() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        BinaryImages train = NadeBenchTest.digits(true);
        BenchReport.row("fvsbn_bench_gemm_peak_gflops", gemmPeak(), "GFLOP/s");
        BenchReport.row("fvsbn_train_examples_per_s", examplesPerSecond(train, new Fvsbn(28, 28, DataType.FLOAT, 3), 20),
                "images/s");
        BenchReport.row("nade_train_examples_per_s_fvsbn_run",
                NadeBenchTest.examplesPerSecond(train, Nade.Engine.JAVA, 40), "images/s");
        BenchReport.row("fvsbn_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    @Test
    void autoregressiveFlows() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        for (int d : new int[] {2, 8}) {
            String suffix = d == 2 ? "" : "_d" + d;
            for (AutoregressiveFlow.Kind kind : AutoregressiveFlow.Kind.values()) {
                AutoregressiveFlow f = new AutoregressiveFlow(kind, identity(d), new int[] {32, 32},
                        DataType.FLOAT, 3, false);
                String name = kind.name().toLowerCase();
                BenchReport.row(name + "_density_ms" + suffix, flowMs(f, d, false), "ms");
                BenchReport.row(name + "_sample_ms" + suffix, flowMs(f, d, true), "ms");
            }
        }
        BenchReport.row("maf_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    static int[] identity(int d) {
        int[] o = new int[d];
        for (int i = 0; i < d; i++) {
            o[i] = i;
        }
        return o;
    }

    /** Median ms of one pass over 16,384 points: log p(x) (density) or z → x (sampling, base draws included). */
    static double flowMs(AutoregressiveFlow f, int d, boolean sampling) {
        int n = 16_384;
        SplittableRandom r = new SplittableRandom(7);
        double[] pts = new double[n * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = 2 * r.nextDouble() - 1;
        }
        double[] ms = new double[9];
        // 8 warm-up passes: the first row timed also paid for the JIT otherwise
        for (int i = -8; i < ms.length; i++) {
            long t0 = System.nanoTime();
            if (sampling) {
                double[] z = new double[n * d];
                for (int k = 0; k < z.length; k++) {
                    z[k] = r.nextGaussian();
                }
                f.forward(z, n, new double[n]);
            } else {
                f.logProb(pts, n);
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return BenchReport.median(ms);
    }

    static double examplesPerSecond(BinaryImages train, int hidden, int stepsPerBlock) {
        return examplesPerSecond(train, new Made(28, 28, new int[] {hidden}, DataType.FLOAT, 3), stepsPerBlock);
    }

    /** Training images a second of a masked model (FLOAT), Adam 0.005, batches of NadeBenchTest.BATCH; median of 5 blocks. */
    static double examplesPerSecond(BinaryImages train, MaskedMlp made, int stepsPerBlock) {
        Adam adam = new Adam(made.numParams(), DataType.FLOAT, 0.005);
        SplittableRandom rng = new SplittableRandom(5);
        int[] batch = new int[NadeBenchTest.BATCH];
        double[] rates = new double[5];
        for (int block = -2; block < rates.length; block++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < stepsPerBlock; s++) {
                for (int k = 0; k < batch.length; k++) {
                    batch[k] = rng.nextInt(train.count());
                }
                made.lossAndGradients(train, batch);
                adam.step(made.params(), made.gradients());
            }
            if (block >= 0) {
                rates[block] = (double) stepsPerBlock * batch.length / ((System.nanoTime() - t0) / 1e9);
            }
        }
        return BenchReport.median(rates);
    }

    static double sampleMs(Made made, int count) {
        double[] ms = new double[15];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = -10; i < ms.length; i++) {
            long t0 = System.nanoTime();
            AutoregressiveModel.Completion c = made.complete(new byte[count * 784], count, 0, rng);
            c.advance(784);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return BenchReport.median(ms);
    }

    static double gemmPeak() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n).dup('f');
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n).dup('f');
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            if (i > 0) {
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
