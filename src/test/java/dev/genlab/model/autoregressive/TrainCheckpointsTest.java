package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.nn.Adam;

/**
 * Trains the checkpoints the app ships and writes them under {@code resources/checkpoints/}
 * (packaged as the classpath resources {@code /genlab/checkpoints/...}). Run with
 * <pre>
 *   ./mvnw -B -ntp -o -q -Pcheckpoints test -Dtest=TrainCheckpointsTest
 * </pre>
 * then commit the written files. Every figure (data, seeds, steps, learning rates) is fixed here,
 * so a rerun on the same machine writes the same parameters.
 */
@Tag("checkpoints")
class TrainCheckpointsTest {

    static final int TRAIN = 10_000;
    static final long TRAIN_SEED = 1;
    static final int TEST = 2_000;
    static final long TEST_SEED = 2;
    static final int HIDDEN = 100;
    static final long INIT_SEED = 42;
    static final int BATCH = 64;
    /** Adam at {@link #LR} for the first steps, then at {@link #LR_FINAL} (fresh moments). */
    static final int STEPS = 4_000;
    static final int STEPS_FINAL = 1_000;
    static final double LR = 0.005;
    static final double LR_FINAL = 0.001;
    static final double ALPHA = 1.0;

    /** The held-out images of the shipped checkpoint, as its header describes them. */
    static BinaryImages digits(int count, long seed) {
        return BinaryImages.from(ProceduralDigits.generate(count, seed), 28, 0.5, count);
    }

    @Test
    void trainNadeOnDigits() throws IOException {
        long t0 = System.nanoTime();
        BinaryImages train = digits(TRAIN, TRAIN_SEED);
        BinaryImages test = digits(TEST, TEST_SEED);
        IndependentModel independent = new IndependentModel(28, 28, ALPHA);
        independent.fit(train);
        double baseline = independent.nll(test);
        System.out.printf(Locale.ROOT, "data ready in %.1f s; independent pixels (alpha %.1f): train %.2f, test %.2f nats%n",
                (System.nanoTime() - t0) / 1e9, ALPHA, independent.trainNll(), baseline);

        Nade nade = new Nade(28, 28, HIDDEN, DataType.FLOAT, INIT_SEED);
        nade.initOutputBiasFromMarginals(train, ALPHA);
        SplittableRandom rng = new SplittableRandom(INIT_SEED);
        int[] batch = new int[BATCH];
        long trainStart = System.nanoTime();
        Adam adam = new Adam(nade.numParams(), DataType.FLOAT, LR);
        double running = Double.NaN;
        for (int step = 1; step <= STEPS + STEPS_FINAL; step++) {
            if (step == STEPS + 1) {
                adam = new Adam(nade.numParams(), DataType.FLOAT, LR_FINAL);
            }
            for (int k = 0; k < BATCH; k++) {
                batch[k] = rng.nextInt(TRAIN);
            }
            double loss = nade.lossAndGradients(train, batch);
            adam.step(nade.params(), nade.gradients());
            running = Double.isNaN(running) ? loss : 0.98 * running + 0.02 * loss;
            if (step % 500 == 0) {
                System.out.printf(Locale.ROOT, "step %5d  %7.1f s  batch NLL (smoothed) %7.2f  test NLL %7.2f%n", step,
                        (System.nanoTime() - trainStart) / 1e9, running, nade.meanNll(test));
            }
        }
        double seconds = (System.nanoTime() - trainStart) / 1e9;
        assertTrue(nade.isFinite());
        double trainNll = nade.meanNll(train);
        double testNll = nade.meanNll(test);
        System.out.printf(Locale.ROOT, "NADE H=%d: train %.2f, test %.2f nats per image after %.0f s (independent test %.2f)%n",
                HIDDEN, trainNll, testNll, seconds, baseline);
        assertTrue(testNll < baseline, "NADE did not beat independent pixels");

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("ordering.seed", "0");
        meta.put("dtype", "float");
        meta.put("init.seed", Long.toString(INIT_SEED));
        meta.put("init.b", "logit of pixel marginals, alpha " + ALPHA);
        meta.put("optimizer", String.format(Locale.ROOT, "adam lr %s for %d steps, then lr %s for %d steps",
                LR, STEPS, LR_FINAL, STEPS_FINAL));
        meta.put("batch", Integer.toString(BATCH));
        meta.put("steps", Integer.toString(STEPS + STEPS_FINAL));
        meta.put("examples.seen", Long.toString((long) BATCH * (STEPS + STEPS_FINAL)));
        meta.put("dataset", "built-in digits: BinaryImages.from(ProceduralDigits.generate(" + TRAIN + ", " + TRAIN_SEED
                + "), 28, 0.5)");
        meta.put("dataset.test", "BinaryImages.from(ProceduralDigits.generate(" + TEST + ", " + TEST_SEED
                + "), 28, 0.5)");
        meta.put("train.count", Integer.toString(TRAIN));
        meta.put("train.seed", Long.toString(TRAIN_SEED));
        meta.put("test.count", Integer.toString(TEST));
        meta.put("test.seed", Long.toString(TEST_SEED));
        meta.put("train.nll", String.format(Locale.ROOT, "%.4f", trainNll));
        meta.put("test.nll", String.format(Locale.ROOT, "%.4f", testNll));
        meta.put("independent.test.nll", String.format(Locale.ROOT, "%.4f", baseline));
        meta.put("nll.unit", "nats per image");
        meta.put("training.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        Checkpoint checkpoint = nade.toCheckpoint(meta);

        Path file = Path.of(System.getProperty("genlab.project.dir", "."))
                .resolve("resources/checkpoints/nade-digits.bin.gz");
        checkpoint.write(file);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", file, Files.size(file));

        Nade back = Nade.fromCheckpoint(Checkpoint.read(file), DataType.FLOAT);
        assertArrayEquals(nade.logProb(test), back.logProb(test));
    }
}
