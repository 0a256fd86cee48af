package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.model.gan.ImageGan.Config;

/**
 * The default image GAN ({@link Config#digits()}: N = 64, G 64-256-784, D 784-256-1, batch 64,
 * unconditional; and the same conditional on 10 labels) on one ND4J thread (surefire sets
 * OMP_NUM_THREADS=1):
 * <ul>
 *   <li>{@code gan_image_step_ms}: one {@link ImageGan#step} (a D step on 64 real images and 64
 *       fakes, then a G step on 64 fresh z), batch drawing included, the median of 5 timed blocks of
 *       50 steps after two warm-up blocks;</li>
 *   <li>{@code gan_image_images_per_s}: 64 / that, each real image of a D+G step counted once (the
 *       issue asks for at least 2,000);</li>
 *   <li>{@code cgan_image_step_ms}, {@code cgan_image_images_per_s}: the same, conditional;</li>
 *   <li>{@code gan_image_generate_grid_ms}: {@link ImageGan#generate} of a fixed 10 × 10 grid (the
 *       view's figure), median of 20;</li>
 *   <li>{@code gan_image_bench_other_cpu_cores}: CPU other processes used meanwhile.</li>
 * </ul>
 * Run with {@code ./mvnw -o -q -Pbench test -Dtest=ImageGanBenchTest -Dprojector.skip=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class ImageGanBenchTest {

    @Test
    void imageGan() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        double ms = stepMs(Config.digits().withSeed(3));
        BenchReport.row("gan_image_step_ms", ms, "ms");
        BenchReport.row("gan_image_images_per_s", 64 / (ms / 1e3), "images/s");
        double cms = stepMs(Config.digits().withSeed(3).withClasses(10));
        BenchReport.row("cgan_image_step_ms", cms, "ms");
        BenchReport.row("cgan_image_images_per_s", 64 / (cms / 1e3), "images/s");

        ImageGan gan = new ImageGan(Config.digits());
        float[] z = gan.noise(100, new SplittableRandom(1));
        double[] grid = new double[20];
        for (int i = -3; i < grid.length; i++) {
            long t0 = System.nanoTime();
            gan.generate(z, null, 100);
            if (i >= 0) {
                grid[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        BenchReport.row("gan_image_generate_grid_ms", BenchReport.median(grid), "ms");
        BenchReport.row("gan_image_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
        assertTrue(ms > 0 && Double.isFinite(ms));
    }

    static double stepMs(Config config) {
        ImageGanDigits data = ImageGanDigits.get();
        ImageGan gan = new ImageGan(config);
        SplittableRandom rng = new SplittableRandom(5);
        int b = config.batch();
        float[] x = new float[b * ImageGanDigits.D];
        int[] y = config.conditional() ? new int[b] : null;
        int stepsPerBlock = 50;
        double[] ms = new double[5];
        for (int block = -2; block < ms.length; block++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < stepsPerBlock; s++) {
                data.batch(rng, x, y, b);
                gan.step(x, y, rng);
            }
            if (block >= 0) {
                ms[block] = (System.nanoTime() - t0) / 1e6 / stepsPerBlock;
            }
        }
        assertTrue(gan.isFinite());
        return BenchReport.median(ms);
    }
}
