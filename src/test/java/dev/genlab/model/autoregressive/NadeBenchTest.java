package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.scene.counting.CountingModel;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.nn.Adam;

/**
 * NADE on 28 × 28 built-in digits, H = {@link #HIDDEN}, FLOAT:
 * <ul>
 *   <li>{@code nade_train_examples_per_s}: images per second of Adam steps on batches of
 *       {@link #BATCH} (default engine, JAVA); {@code nade_train_examples_per_s_nd4j} the same with
 *       the batched ND4J pass; medians of 5 timed blocks after a warm-up</li>
 *   <li>{@code nade_sample_ms}: one fresh 784-pixel sample; {@code nade_sample_batch64_ms} 64 at once</li>
 *   <li>{@code nade_test_nll_60s}: mean −ln p in nats per image on the held-out digits of the
 *       built-in digits lesson 5 holds out (the last 2,000) after 60 s of training from scratch on
 *       the first 8,000, with the shipped checkpoint's recipe (marginal init of b, Adam lr 0.005);
 *       {@code independent_test_nll} the independent-pixel model (α = 0.5) on the same images</li>
 *   <li>{@code nade_bench_other_cpu_cores}: CPU other processes used meanwhile</li>
 * </ul>
 * Run with {@code ./mvnw -B -ntp -o -q -Pbench test -Dtest=NadeBenchTest}.
 */
@Tag("bench")
class NadeBenchTest {

    /** The shipped checkpoint's recipe (scene.autoregressive.TrainCheckpointsTest). */
    static final int HIDDEN = 100;
    static final int BATCH = 64;
    static final long INIT_SEED = 42;
    static final double LR = 0.005;
    static final double ALPHA = 0.5;

    /** The built-in digits as lesson 5 splits them: the first 8,000 for training, the last 2,000 held out. */
    static BinaryImages digits(boolean train) {
        ImageDataset d = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
        return train ? CountingModel.binarise(d, 28, 0.5, 8_000)
                : CountingModel.binarise(d.subset(d.size() - 2_000, d.size()), 28, 0.5, 2_000);
    }

    @Test
    void nade() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        BinaryImages train = digits(true);
        BinaryImages test = digits(false);

        BenchReport.row("nade_train_examples_per_s", examplesPerSecond(train, Nade.Engine.JAVA, 40), "images/s");
        BenchReport.row("nade_train_examples_per_s_nd4j", examplesPerSecond(train, Nade.Engine.ND4J, 4), "images/s");

        Nade nade = new Nade(28, 28, HIDDEN, DataType.FLOAT, 1);
        BenchReport.row("nade_sample_ms", sampleMs(nade, 1), "ms");
        BenchReport.row("nade_sample_batch64_ms", sampleMs(nade, 64), "ms");

        IndependentModel independent = new IndependentModel(28, 28, ALPHA);
        independent.fit(train);
        Nade fresh = new Nade(28, 28, HIDDEN, DataType.FLOAT, INIT_SEED);
        fresh.initOutputBiasFromMarginals(train, ALPHA);
        Adam adam = new Adam(fresh.numParams(), DataType.FLOAT, LR);
        SplittableRandom rng = new SplittableRandom(INIT_SEED);
        int[] batch = new int[BATCH];
        long end = System.nanoTime() + 60_000_000_000L;
        int steps = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < BATCH; k++) {
                batch[k] = rng.nextInt(train.count());
            }
            fresh.lossAndGradients(train, batch);
            adam.step(fresh.params(), fresh.gradients());
            steps++;
        }
        double nll = fresh.meanNll(test);
        BenchReport.row("nade_test_nll_60s", nll, "nats");
        BenchReport.row("nade_steps_60s", steps, "steps");
        BenchReport.row("independent_test_nll", independent.nll(test), "nats");
        BenchReport.row("nade_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
        assertTrue(Double.isFinite(nll) && steps > 0);
    }

    static double examplesPerSecond(BinaryImages train, Nade.Engine engine, int stepsPerBlock) {
        Nade nade = new Nade(28, 28, HIDDEN, DataType.FLOAT, 3);
        nade.setEngine(engine);
        Adam adam = new Adam(nade.numParams(), DataType.FLOAT, 0.005);
        SplittableRandom rng = new SplittableRandom(5);
        int[] batch = new int[BATCH];
        double[] rates = new double[5];
        for (int block = -2; block < rates.length; block++) {
            long t0 = System.nanoTime();
            for (int s = 0; s < stepsPerBlock; s++) {
                for (int k = 0; k < BATCH; k++) {
                    batch[k] = rng.nextInt(train.count());
                }
                nade.lossAndGradients(train, batch);
                adam.step(nade.params(), nade.gradients());
            }
            if (block >= 0) {
                rates[block] = (double) stepsPerBlock * BATCH / ((System.nanoTime() - t0) / 1e9);
            }
        }
        return BenchReport.median(rates);
    }

    static double sampleMs(Nade nade, int count) {
        double[] ms = new double[30];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = -30; i < ms.length; i++) {
            long t0 = System.nanoTime();
            AutoregressiveModel.Completion c = nade.complete(new byte[count * 784], count, 0, rng);
            c.advance(784);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return BenchReport.median(ms);
    }
}
