package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;

/**
 * pPCA on the 10,000 built-in 28 × 28 digits with 8 latents:
 * <ul>
 *   <li>{@code ppca_fit_ms}: one {@link Ppca#fitImages} (mean, float covariance gemm, LAPACK syev
 *       of 784 × 784, W), median of 5 runs after a warm-up that also loads ND4J;</li>
 *   <li>{@code ppca_sigma2}: the fitted noise variance, and {@code ppca_logdensity_us}: one exact
 *       log p(x) (Woodbury, O(D M)), median over 2,000 images;</li>
 *   <li>{@code ppca_bench_other_cpu_cores}: CPU other processes used meanwhile.</li>
 * </ul>
 * Run with {@code ./mvnw -o -q -Pbench test -Dtest=PpcaBenchTest -Dprojector.skip=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class PpcaBenchTest {

    static final int LATENTS = 8;

    @Test
    void fit() {
        ImageDataset d = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
        float[] pixels = d.copyPixels();
        int dim = d.pixelsPerImage();
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        Ppca warm = Ppca.fitImages(pixels, d.size(), dim, LATENTS);
        double[] ms = new double[5];
        Ppca p = warm;
        for (int r = 0; r < ms.length; r++) {
            long t0 = System.nanoTime();
            p = Ppca.fitImages(pixels, d.size(), dim, LATENTS);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        assertEquals(warm.sigma2(), p.sigma2(), 0);
        BenchReport.row("ppca_fit_ms", BenchReport.median(ms), "ms");
        BenchReport.row("ppca_sigma2", p.sigma2(), "");

        double[] us = new double[2000];
        double sink = 0;
        for (int i = 0; i < us.length; i++) {
            double[] x = new double[dim];
            float[] img = d.image(i);
            for (int j = 0; j < dim; j++) {
                x[j] = img[j];
            }
            long t0 = System.nanoTime();
            sink += p.logDensity(x);
            us[i] = (System.nanoTime() - t0) / 1e3;
        }
        assertTrue(Double.isFinite(sink));
        BenchReport.row("ppca_logdensity_us", BenchReport.median(us), "us");
        BenchReport.row("ppca_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }
}
