package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.nn.Adam;

/**
 * PixelCNN with the default architecture on 28 × 28 digits in FLOAT, as the app runs it:
 * <ul>
 *   <li>{@code pixelcnn_step_ms}: median of one training step (forward, loss, backward, Adam) on
 *       a batch of {@link PixelCnn#DEFAULT_BATCH}</li>
 *   <li>{@code pixelcnn_train_examples_per_s}: the batch over that median</li>
 *   <li>{@code pixelcnn_sample_ms}: one 784-pixel sample drawn from scratch</li>
 *   <li>{@code pixelcnn_sample_batch16_ms}: sixteen at once</li>
 *   <li>{@code pixelcnn_bench_other_cpu_cores}: cores' worth of CPU other processes used meanwhile
 *       (the machine is shared: figures are only comparable when this is low)</li>
 * </ul>
 * Run with {@code ./mvnw -B -ntp -o -q -Pbench test -Dtest=PixelCnnBenchTest}.
 */
@Tag("bench")
class PixelCnnBenchTest {

    private static final int WARMUP = 5;
    private static final int TIMED = 15;

    @Test
    void trainAndSample() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        BinaryImages data = BinaryImages.from(ProceduralDigits.generate(1000, 1), 28, 0.5, 1000);
        PixelCnn m = new PixelCnn(28, 28, DataType.FLOAT, 1);
        Adam adam = new Adam(m.numParams(), DataType.FLOAT, PixelCnn.DEFAULT_LEARNING_RATE);
        SplittableRandom r = new SplittableRandom(2);
        int[] batch = new int[PixelCnn.DEFAULT_BATCH];
        double[] ms = new double[TIMED];
        for (int s = 0; s < WARMUP + TIMED; s++) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = r.nextInt(data.count());
            }
            long t0 = System.nanoTime();
            double loss = m.lossAndGradients(data, batch);
            adam.step(m.params(), m.gradients());
            if (s >= WARMUP) {
                ms[s - WARMUP] = (System.nanoTime() - t0) / 1e6;
            }
            assertTrue(Double.isFinite(loss));
        }
        double step = BenchReport.median(ms);
        BenchReport.row("pixelcnn_step_ms", step, "ms");
        BenchReport.row("pixelcnn_train_examples_per_s", batch.length * 1000 / step, "examples/s");

        BenchReport.row("pixelcnn_sample_ms", sampleMs(m, 1, 3), "ms");
        BenchReport.row("pixelcnn_sample_batch16_ms", sampleMs(m, 16, 2), "ms");
        BenchReport.row("pixelcnn_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    /** Median wall time of drawing {@code count} images pixel by pixel, over {@code runs} runs after one warm-up. */
    private static double sampleMs(PixelCnn m, int count, int runs) {
        double[] ms = new double[runs];
        for (int run = -1; run < runs; run++) {
            long t0 = System.nanoTime();
            AutoregressiveModel.Completion c = m.complete(new byte[count * m.pixels()], count, 0,
                    new SplittableRandom(run + 10));
            while (!c.done()) {
                c.advance(28);
            }
            if (run >= 0) {
                ms[run] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return BenchReport.median(ms);
    }
}
