package dev.genlab.scene.autoregressive;

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
import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.autoregressive.PixelCnn;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.nn.Adam;

/**
 * Trains the checkpoints lesson 5 ships and writes them under {@code resources/checkpoints/}
 * (packaged as the classpath resources {@code /genlab/checkpoints/...}). Run with
 * <pre>
 *   ./mvnw -Pcheckpoints verify
 * </pre>
 * then commit the written files. The data are the app's built-in digits, split as the scene splits
 * them ({@link AutoregressiveLab#split}): the networks train on the first {@link #TRAIN} images and
 * never see the last 2,000, which the scene holds out. Every figure (seeds, steps, learning rates)
 * is fixed here, so a rerun on the same machine writes the same parameters.
 */
@Tag("checkpoints")
class TrainCheckpointsTest {

    static final int TRAIN = 8_000;
    static final double ALPHA = AutoregressiveLab.BASELINE_ALPHA;

    static AutoregressiveLab.Split data() {
        return AutoregressiveLab.split(ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT,
                ProceduralDigits.BUILT_IN_SEED), TRAIN);
    }

    static String datasetDescription() {
        return String.format(Locale.ROOT, "built-in digits (ProceduralDigits %d, seed %d), images 0-%d",
                ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED, TRAIN - 1);
    }

    @Test
    void nade() throws IOException {
        AutoregressiveLab.Split d = data();
        Nade nade = new Nade(28, 28, 100, DataType.FLOAT, 42);
        nade.initOutputBiasFromMarginals(d.train(), ALPHA);
        Map<String, String> meta = train(nade, d, 64, new int[] {4_000, 1_000}, new double[] {0.005, 0.001}, 42);
        write(nade.toCheckpoint(meta), "nade-digits.bin.gz", nade, d.test());
    }

    @Test
    void pixelCnn() throws IOException {
        AutoregressiveLab.Split d = data();
        PixelCnn cnn = new PixelCnn(28, 28, PixelCnn.DEFAULT_CHANNELS, PixelCnn.DEFAULT_LAYERS,
                PixelCnn.DEFAULT_FIRST_KERNEL, PixelCnn.DEFAULT_KERNEL, DataType.FLOAT, 42);
        Map<String, String> meta = train(cnn, d, 32, new int[] {1_600, 400}, new double[] {0.003, 0.001}, 42);
        Map<String, String> header = new LinkedHashMap<>(cnn.hyperparameters());
        header.putAll(meta);
        float[] params = cnn.params().toFloatVector();
        write(new Checkpoint(cnn.id(), header, params), "pixelcnn-digits.bin.gz", cnn, d.test());
    }

    /** Adam in phases (fresh moments at each), batches drawn with replacement; returns the header's training figures. */
    private static Map<String, String> train(AutoregressiveModel m, AutoregressiveLab.Split d, int batchSize,
                                             int[] steps, double[] rates, long seed) {
        IndependentModel independent = new IndependentModel(28, 28, ALPHA);
        independent.fit(d.train());
        double baseline = independent.nll(d.test());
        SplittableRandom rng = new SplittableRandom(seed);
        int[] batch = new int[batchSize];
        long t0 = System.nanoTime();
        int done = 0;
        StringBuilder optimiser = new StringBuilder();
        for (int phase = 0; phase < steps.length; phase++) {
            Adam adam = new Adam(m.numParams(), DataType.FLOAT, rates[phase]);
            optimiser.append(phase == 0 ? "" : ", then ").append(String.format(Locale.ROOT, "adam lr %s for %d steps",
                    rates[phase], steps[phase]));
            for (int s = 0; s < steps[phase]; s++) {
                for (int k = 0; k < batchSize; k++) {
                    batch[k] = rng.nextInt(d.train().count());
                }
                m.lossAndGradients(d.train(), batch);
                adam.step(m.params(), m.gradients());
                done++;
                if (done % 250 == 0) {
                    System.out.printf(Locale.ROOT, "%s step %5d  %6.1f s  held-out NLL %.2f%n", m.id(), done,
                            (System.nanoTime() - t0) / 1e9, m.meanNll(d.test()));
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(m.isFinite());
        double trainNll = m.meanNll(d.train());
        double testNll = m.meanNll(d.test());
        System.out.printf(Locale.ROOT, "%s: train %.2f, held-out %.2f nats per image after %.0f s (independent %.2f)%n",
                m.id(), trainNll, testNll, seconds, baseline);
        assertTrue(testNll < baseline, "the network did not beat independent pixels");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("ordering.seed", "0");
        meta.put("init.seed", Long.toString(seed));
        meta.put("optimizer", optimiser.toString());
        meta.put("batch", Integer.toString(batchSize));
        meta.put("steps", Integer.toString(done));
        meta.put("examples.seen", Long.toString((long) batchSize * done));
        meta.put("dataset", datasetDescription());
        meta.put("train.count", Integer.toString(d.train().count()));
        meta.put("test.count", Integer.toString(d.test().count()));
        meta.put("train.nll", String.format(Locale.ROOT, "%.4f", trainNll));
        meta.put("test.nll", String.format(Locale.ROOT, "%.4f", testNll));
        meta.put("independent.test.nll", String.format(Locale.ROOT, "%.4f", baseline));
        meta.put("nll.unit", "nats per image");
        meta.put("training.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        return meta;
    }

    private static void write(Checkpoint c, String name, AutoregressiveModel m, BinaryImages test) throws IOException {
        Path file = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("resources/checkpoints").resolve(name);
        Files.createDirectories(file.getParent());
        c.write(file);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", file, Files.size(file));
        ModelFactory.Loaded back = StandardModels.load(Checkpoint.read(file), DataType.FLOAT);
        assertArrayEquals(m.logProb(test), back.model().logProb(test), 1e-4);
    }
}
