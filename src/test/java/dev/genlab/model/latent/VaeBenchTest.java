package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.bench.BenchReport;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * A 784-400-20 VAE (Bernoulli, MLP decoder, ReLU) on one ND4J thread (surefire sets
 * OMP_NUM_THREADS=1):
 * <ul>
 *   <li>{@code vae_images_per_s}: training throughput at batch 128, forward + backward + Adam,
 *       the median of 5 timed blocks of 40 steps after a warm-up; {@code vae_step_ms} the same as
 *       milliseconds per step</li>
 *   <li>{@code gemm_peak_gflops}: the best of 5 single-precision 1024 × 1024 × 1024
 *       {@code Nd4j.gemm} on column-major arrays, same thread, same run (2·1024³ FLOPs each)</li>
 *   <li>{@code vae_gemm_peak_fraction}: the step's gemm FLOPs per second over that peak. A step's
 *       gemms do 2n(5DH + 9LH) FLOPs (n batch, D = 784, H = 400, L = 20): forward
 *       n(DH + 2LH + LH + HD) multiply-adds; decoder backward n(HD + DH + LH + LH) (∂W and ∂input
 *       of both layers); encoder backward n(2LH + 2LH + DH) (no ∂input for the first layer). The
 *       bias gemms (n(2D + 4H + 4L) multiply-adds) are left out: 420 MFLOP a step at n = 128.</li>
 *   <li>{@code vae_test_elbo_30s}: held-out ELBO (nats per image, one ε per image, seed 1) on the
 *       last 2,000 built-in digits binarised at 0.5 after 30 s of training from scratch on the
 *       first 8,000 (latent 20, hidden 400, batch 128, Adam at {@link Vae#DEFAULT_LEARNING_RATE},
 *       β = 1), with {@code vae_test_iwae50_30s} its IWAE bound at K = 50 and
 *       {@code independent_test_nll} the independent-pixel model (α = 0.5, as NadeBenchTest) on the
 *       same images; the issue asks for ELBO &gt; −0.6 × that NLL</li>
 *   <li>{@code vae_bench_other_cpu_cores}: CPU other processes used meanwhile</li>
 * </ul>
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=VaeBenchTest}.
 */
@Tag("bench")
class VaeBenchTest {

    static final int D = 784;
    static final int H = 400;
    static final int L = 20;
    static final int BATCH = 128;

    static Vae model(long seed) {
        return new Vae(new Config(D, H, L, Likelihood.BERNOULLI, Decoder.MLP, false, seed));
    }

    /** Multiply-adds × 2 of one step's main gemms (see the class comment). */
    static double stepFlops(int n) {
        return 2.0 * n * (5.0 * D * H + 9.0 * L * H);
    }

    @Test
    void vae() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        VaeDigits data = VaeDigits.get();

        double peak = gemmPeakGflops();
        double stepMs = stepMs(data);
        double imagesPerS = BATCH / (stepMs / 1e3);
        BenchReport.row("vae_step_ms", stepMs, "ms");
        BenchReport.row("vae_images_per_s", imagesPerS, "images/s");
        BenchReport.row("gemm_peak_gflops", peak, "GFLOP/s");
        BenchReport.row("vae_gemm_peak_fraction", stepFlops(BATCH) / (stepMs / 1e3) / 1e9 / peak, "");

        Vae vae = model(42);
        SplittableRandom rng = new SplittableRandom(42);
        float[] x = new float[BATCH * D];
        long end = System.nanoTime() + 30_000_000_000L;
        int steps = 0;
        while (System.nanoTime() < end) {
            data.batch(rng, x, BATCH);
            vae.step(x, BATCH, 1.0, Vae.DEFAULT_LEARNING_RATE, rng);
            steps++;
        }
        StepStats test = vae.evaluate(data.test, data.testCount(), 1);
        IndependentModel independent = new IndependentModel(28, 28, 0.5);
        independent.fit(data.trainBits);
        double nll = independent.nll(data.testBits);
        BenchReport.row("vae_test_elbo_30s", test.elbo(), "nats");
        BenchReport.row("vae_test_kl_30s", test.kl(), "nats");
        BenchReport.row("vae_test_iwae50_30s", vae.importanceLogLikelihood(data.test, data.testCount(), 50, 1), "nats");
        BenchReport.row("vae_steps_30s", steps, "steps");
        BenchReport.row("independent_test_nll", nll, "nats");
        BenchReport.row("vae_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
        assertTrue(Double.isFinite(test.elbo()) && steps > 0);
    }

    static double stepMs(VaeDigits data) {
        Vae vae = model(3);
        SplittableRandom rng = new SplittableRandom(5);
        float[] x = new float[BATCH * D];
        int stepsPerBlock = 40;
        double[] ms = new double[5];
        for (int block = -2; block < ms.length; block++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < stepsPerBlock; s++) {
                data.batch(rng, x, BATCH);
                vae.step(x, BATCH, 1.0, Vae.DEFAULT_LEARNING_RATE, rng);
            }
            if (block >= 0) {
                ms[block] = (System.nanoTime() - t0) / 1e6 / stepsPerBlock;
            }
        }
        return BenchReport.median(ms);
    }

    /** The best of 5 timed 1024³ sgemms on column-major arrays, after one warm-up. */
    static double gemmPeakGflops() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n).dup('f');
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n).dup('f');
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[] {n, n}, 'f');
        double best = 0;
        for (int i = -1; i < 5; i++) {
            long t0 = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            c.getFloat(0);
            double s = (System.nanoTime() - t0) / 1e9;
            if (i >= 0) {
                best = Math.max(best, 2.0 * n * n * n / s / 1e9);
            }
        }
        return best;
    }
}
