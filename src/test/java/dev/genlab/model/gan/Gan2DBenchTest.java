package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Adam;
import dev.genlab.model.nn.Mlp;
import dev.genlab.model.nn.StepWorkspace;

/**
 * What a 2-D GAN costs with {@link Gan2D.Config#defaults()} (noise 2 Gaussian, G and D 2 × 64 ReLU,
 * batch 256, non-saturating loss, Adam, k = 1) on the default toy mixture, one thread:
 * <ul>
 *   <li>{@code gan2d_steps_per_s}: rounds ({@link Gan2D#step}: one D step, one G step) per second,
 *       the median of 7 timed blocks of 100 after 2 s of warm-up; {@code gan2d_round_java_ms} the same as
 *       milliseconds per round, {@code gan2d_round_java_cpu_ms} the benchmark thread's CPU time per round
 *       (what a round costs when it has a core; on a loaded machine wall time also holds the waits)</li>
 *   <li>{@code gan2d_round_nd4j_ms}: the same round with this project's ND4J {@link Mlp} (float,
 *       gemm into column-major results, fused ReLU and Adam ops, step workspace; real and fake
 *       through D as one batch of 2n), the median of 7 blocks of 100: the alternative that
 *       {@link Gan2D}'s plain Java loops were measured against</li>
 *   <li>{@code gan2d_dgrid_128_ms}: {@link Gan2D#discriminatorGrid} at 128 × 128, median of 15
 *       ({@code _cpu_ms}: thread CPU time)</li>
 *   <li>{@code gan2d_wgan_gp_round_ms}: a round of {@link GanPresets#wganGp()} (5 critic steps with the
 *       exact gradient penalty, one G step)</li>
 *   <li>{@code gan2d_iters_per_s_ganlab_config}: iterations a second in GAN Lab's default configuration
 *       ({@link #ganLabConfig()}), an iteration counted as GAN Lab counts it (k = 2 D steps and one G
 *       step); {@code _k1} the same with one D step</li>
 *   <li>{@code gan2d_bench_other_cpu_cores}: CPU other processes used meanwhile</li>
 * </ul>
 * Measured when this was written, three runs with other builds using 1.25–1.4 of the 2 cores: 200–299
 * rounds/s (3.3–5.0 ms) in plain Java, 12.2–13.4 ms through ND4J, the 128 × 128 grid 13.3–15.7 ms, a
 * WGAN-GP round 26 ms. (STACK.md's best ND4J figure for this round, 3.6 ms, was taken on an idle
 * machine; the ND4J round here makes a few more small arrays than that hand-tuned one.)
 * Run with {@code ./mvnw -o -q -Pbench test -Dtest=Gan2DBenchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class Gan2DBenchTest {

    private static final int BLOCKS = 7;
    private static final int PER_BLOCK = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void stepsAndGrid() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        ToyDistribution data = ToyDistributions.byId("mixture");
        Gan2D gan = new Gan2D(Gan2D.Config.defaults());
        // warm-up by time, not by count: on a loaded machine C2 needs a second or two to compile the kernels
        long warm = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warm) {
            gan.step(data);
        }
        double[] blockMs = new double[BLOCKS];
        double[] blockCpuMs = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_BLOCK; i++) {
                gan.step(data);
            }
            blockMs[b] = (System.nanoTime() - t0) / 1e6 / PER_BLOCK;
            blockCpuMs[b] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6 / PER_BLOCK;
        }
        double javaMs = BenchReport.median(blockMs);
        assertTrue(gan.isFinite());

        double[] grid = new double[15];
        double[] gridCpu = new double[15];
        double[] extent = data.bounds();
        for (int i = -10; i < grid.length; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            gan.discriminatorGrid(extent, 128, 128);
            if (i >= 0) {
                grid[i] = (System.nanoTime() - t0) / 1e6;
                gridCpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }

        Nd4jRound nd = new Nd4jRound(Gan2D.Config.defaults(), data);
        for (int i = 0; i < 300; i++) {
            nd.round();
        }
        double[] ndMs = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_BLOCK; i++) {
                nd.round();
            }
            ndMs[b] = (System.nanoTime() - t0) / 1e6 / PER_BLOCK;
        }
        BenchReport.row("gan2d_steps_per_s", 1000 / javaMs, "1/s");
        BenchReport.row("gan2d_round_java_ms", javaMs, "ms");
        BenchReport.row("gan2d_round_java_cpu_ms", BenchReport.median(blockCpuMs), "ms");
        BenchReport.row("gan2d_round_nd4j_ms", BenchReport.median(ndMs), "ms");
        BenchReport.row("gan2d_dgrid_128_ms", BenchReport.median(grid), "ms");
        BenchReport.row("gan2d_dgrid_128_cpu_ms", BenchReport.median(gridCpu), "ms");
        BenchReport.row("gan2d_wgan_gp_round_ms", wganGpRoundMs(data), "ms");
        BenchReport.row("gan2d_iters_per_s_ganlab_config", ganLabItersPerS(ganLabConfig()), "1/s");
        BenchReport.row("gan2d_iters_per_s_ganlab_config_k1", ganLabItersPerS(ganLabConfig().withSteps(1, 1)), "1/s");
        BenchReport.row("gan2d_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    /**
     * GAN Lab's default configuration (poloclub/ganlab, demo/ganlab.ts, demo/ganlab.html and
     * demo/ganlab_models.ts; BENCHMARKS.md quotes the values): 2-D uniform noise; G noise → 8 → 8 → 2 and
     * D 2 → 8 → 8 → 1 (its "1 hidden layer(s)" is one 8 × 8 layer after the input layer), ReLU; log loss
     * with the non-saturating G loss; SGD with learning rate 0.1 for both; batch 150; 2 D updates and
     * 1 G update per iteration. Two differences stay: GAN Lab's G ends in tanh and its D loss weighs
     * the real term by 0.95; neither changes the work of a step by more than a few elementwise passes.
     */
    static Gan2D.Config ganLabConfig() {
        return Gan2D.Config.defaults().withNoise(2, Gan2D.Noise.UNIFORM).withGenerator(2, 8).withDiscriminator(2, 8)
                .withLoss(GanLoss.NON_SATURATING).withOptimiser(Gan2D.Optimiser.SGD, 0.1, 0.1).withBatchSize(150)
                .withSteps(2, 1);
    }

    /**
     * Iterations a second in GAN Lab's sense (its {@code iterateTraining}: k D updates, then the G
     * updates, counted once), i.e. {@link Gan2D#step} rounds, on the toy mixture: the median of 7 blocks of
     * 0.2 s after 1 s of warm-up.
     */
    private static double ganLabItersPerS(Gan2D.Config c) {
        ToyDistribution data = ToyDistributions.byId("mixture");
        Gan2D gan = new Gan2D(c);
        long warm = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warm) {
            gan.step(data);
        }
        double[] rate = new double[BLOCKS];
        for (int b = 0; b < BLOCKS; b++) {
            long t0 = System.nanoTime();
            long end = t0 + 200_000_000L;
            int n = 0;
            while (System.nanoTime() < end) {
                gan.step(data);
                n++;
            }
            rate[b] = n / ((System.nanoTime() - t0) / 1e9);
        }
        assertTrue(gan.isFinite(), "GAN Lab's configuration trains without NaN");
        return BenchReport.median(rate);
    }

    /** A WGAN-GP round of the ring preset (5 critic steps with the exact penalty, one G step), median of 5 blocks of 20. */
    private static double wganGpRoundMs(ToyDistribution data) {
        Gan2D gan = new Gan2D(GanPresets.wganGp().config());
        for (int i = 0; i < 60; i++) {
            gan.step(data);
        }
        double[] ms = new double[5];
        for (int b = 0; b < ms.length; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                gan.step(data);
            }
            ms[b] = (System.nanoTime() - t0) / 1e6 / 20;
        }
        return BenchReport.median(ms);
    }

    /** One non-saturating round (D step, G step) of the default architecture with ND4J's Mlp, float. */
    private static final class Nd4jRound {
        final Mlp g;
        final Mlp d;
        final Adam adamG;
        final Adam adamD;
        final StepWorkspace ws = new StepWorkspace("gan2d-bench");
        final ToyDistribution data;
        final int n;
        final SplittableRandom rng = new SplittableRandom(7);
        final double[] xs;
        final double[] ys;
        final float[] zBuf;
        final float[] both;

        Nd4jRound(Gan2D.Config c, ToyDistribution data) {
            this.data = data;
            n = c.batchSize();
            g = new Mlp(DataType.FLOAT, Activation.RELU, Activation.IDENTITY, 1, c.noiseDim(), c.gWidth(), c.gWidth(), 2);
            d = new Mlp(DataType.FLOAT, Activation.RELU, Activation.IDENTITY, 2, 2, c.dWidth(), c.dWidth(), 1);
            adamG = new Adam(g.numParams(), DataType.FLOAT, c.lrG(), c.beta1(), c.beta2(), 1e-8);
            adamD = new Adam(d.numParams(), DataType.FLOAT, c.lrD(), c.beta1(), c.beta2(), 1e-8);
            xs = new double[n];
            ys = new double[n];
            zBuf = new float[n * c.noiseDim()];
            both = new float[4 * n];
        }

        private INDArray noise() {
            for (int i = 0; i < zBuf.length; i++) {
                zBuf[i] = (float) rng.nextGaussian();
            }
            return Nd4j.create(zBuf, new long[] {n, zBuf.length / n}, 'f');
        }

        void round() {
            try (MemoryWorkspace ignored = ws.open()) {
                // D step: real and fake as one batch of 2n rows
                data.sample(n, rng, xs, ys);
                INDArray fake = g.forward(noise());
                float[] f = fake.dup('f').data().asFloat();
                for (int i = 0; i < n; i++) {
                    both[i] = (float) xs[i];
                    both[2 * n + i] = (float) ys[i];
                    both[n + i] = f[i];
                    both[3 * n + i] = f[n + i];
                }
                INDArray x = Nd4j.create(both, new long[] {2 * n, 2}, 'f');
                INDArray o = d.forward(x);
                // dL/do = −σ(−o)/n on real rows, σ(o)/n on fake rows
                INDArray sign = Nd4j.ones(DataType.FLOAT, 2 * n, 1);
                sign.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).assign(-1);
                INDArray grad = Transforms.sigmoid(o.mul(sign), true).muli(sign).divi(n);
                d.backwardParams(grad);
                adamD.step(d.params(), d.gradients());
                // G step
                INDArray fake2 = g.forward(noise());
                INDArray o2 = d.forward(fake2);
                INDArray gradG = Transforms.sigmoid(o2.neg(), true).negi().divi(n);
                INDArray dx = d.backward(gradG);
                g.backwardParams(dx);
                adamG.step(g.params(), g.gradients());
            }
        }
    }
}
