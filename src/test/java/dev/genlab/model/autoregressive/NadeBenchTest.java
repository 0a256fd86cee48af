package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.bench.BenchReport;
import dev.genlab.model.discrete.BinaryImages;
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
 *       shipped checkpoint (2,000 images, seed 2) after 60 s of training from scratch on its
 *       10,000 training images, with the same recipe (marginal init of b, Adam lr 0.005);
 *       {@code independent_test_nll} the independent-pixel model (α = 1) on the same images</li>
 *   <li>{@code nade_bench_other_cpu_cores}: CPU other processes used meanwhile</li>
 * </ul>
 * Run with {@code ./mvnw -B -ntp -o -q -Pbench test -Dtest=NadeBenchTest}.
 */
@Tag("bench")
class NadeBenchTest {

    static final int HIDDEN = TrainCheckpointsTest.HIDDEN;
    static final int BATCH = TrainCheckpointsTest.BATCH;

    @Test
    void nade() {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        BinaryImages train = TrainCheckpointsTest.digits(TrainCheckpointsTest.TRAIN, TrainCheckpointsTest.TRAIN_SEED);
        BinaryImages test = TrainCheckpointsTest.digits(TrainCheckpointsTest.TEST, TrainCheckpointsTest.TEST_SEED);

        BenchReport.row("nade_train_examples_per_s", examplesPerSecond(train, Nade.Engine.JAVA, 40), "images/s");
        BenchReport.row("nade_train_examples_per_s_nd4j", examplesPerSecond(train, Nade.Engine.ND4J, 4), "images/s");

        Nade nade = new Nade(28, 28, HIDDEN, DataType.FLOAT, 1);
        BenchReport.row("nade_sample_ms", sampleMs(nade, 1), "ms");
        BenchReport.row("nade_sample_batch64_ms", sampleMs(nade, 64), "ms");

        IndependentModel independent = new IndependentModel(28, 28, TrainCheckpointsTest.ALPHA);
        independent.fit(train);
        Nade fresh = new Nade(28, 28, HIDDEN, DataType.FLOAT, TrainCheckpointsTest.INIT_SEED);
        fresh.initOutputBiasFromMarginals(train, TrainCheckpointsTest.ALPHA);
        Adam adam = new Adam(fresh.numParams(), DataType.FLOAT, TrainCheckpointsTest.LR);
        SplittableRandom rng = new SplittableRandom(TrainCheckpointsTest.INIT_SEED);
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
