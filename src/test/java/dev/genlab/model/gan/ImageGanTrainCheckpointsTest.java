package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.gan.ImageGan.Config;
import dev.genlab.model.io.Checkpoint;

/**
 * Trains the GAN lesson's shipped image GANs and writes them under {@code resources/checkpoints/}
 * (the classpath resources {@link ImageGan#DIGITS_CHECKPOINT} and
 * {@link ImageGan#CONDITIONAL_DIGITS_CHECKPOINT}). Run with
 * <pre>
 *   ./mvnw -o -q test -Pcheckpoints -Dtest=ImageGanTrainCheckpointsTest -Dprojector.skip=true
 * </pre>
 * then commit the written files. Both are {@link Config#digits()} (N = 64, G 64-256-784 with leaky
 * ReLU 0.2, D 784-256-1, non-saturating loss, Adam 2·10⁻⁴ with β₁ = 0.5, batch 64), the second
 * conditional on the ten digit labels, trained on the first 8,000 built-in digits (grey levels,
 * {@link ImageGanDigits}; the last 2,000 are held out as in lessons 5 and 7) for
 * {@link #UNCONDITIONAL_STEPS} and {@link #CONDITIONAL_STEPS} D+G steps. A GAN's samples do not
 * improve steadily: which digits G favours drifts from one thousand steps to the next (seed 42's
 * unconditional GAN drew 8 of the 10 digits at its 8,000th step, almost no ones or sevens). So every
 * {@link #BLOCK} steps of the second half the trainer looks at 1,000 samples (noise seed
 * {@link #SELECTION_SEED}) and keeps the parameters of the best look ({@link #score}: early stopping
 * on the classifier's coverage); the header says which. The conditional GAN draws all ten digits
 * early but learns to obey its label only late (in a trial run with seed 3 the classifier agreed
 * with 15 % of the requested labels at 4,000 steps, 63 % at 8,000 and 99 % at 11,000).
 * The header records what {@link NearestCentroidClassifier} finds among 1,000 other samples
 * (noise seed {@link #SAMPLE_SEED}; labels 0, 1, …, 9 in turn for the conditional GAN): the counts
 * per class, the classes with at least 2 % of them and the evenness. Every figure is fixed here, so
 * a rerun on the same machine writes the same parameters.
 */
@Tag("checkpoints")
class ImageGanTrainCheckpointsTest {

    static final int UNCONDITIONAL_STEPS = 8_000;
    static final int CONDITIONAL_STEPS = 12_000;
    /** Steps between two looks at the samples. */
    static final int BLOCK = 500;
    /** The first look that may be kept: half the training (before, the samples are still blurry). */
    static final double KEEP_FROM = 0.5;
    static final long SEED = 42;
    /** The noise seed of the 1,000 samples the header and ImageGanCheckpointTest judge. */
    static final long SAMPLE_SEED = 1;
    /** Another noise seed for the samples that choose which look is kept. */
    static final long SELECTION_SEED = 7;
    static final int SAMPLES = 1_000;

    @Test
    void unconditional() throws IOException {
        train(0, UNCONDITIONAL_STEPS, "gan-digits.bin.gz", "gan-digits");
    }

    @Test
    void conditional() throws IOException {
        train(ImageGanDigits.CLASSES, CONDITIONAL_STEPS, "cgan-digits.bin.gz", "cgan-digits");
    }

    private static void train(int classes, int steps, String name, String modelId) throws IOException {
        ImageGanDigits data = ImageGanDigits.get();
        Config config = Config.digits().withClasses(classes).withSeed(SEED);
        ImageGan gan = new ImageGan(config);
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(data.trainSet);
        int[] labels = ImageGanDigits.cyclicLabels(gan, SAMPLES);
        long t0 = System.nanoTime();
        float[] kept = null;
        double keptScore = Double.NEGATIVE_INFINITY;
        int keptSteps = 0;
        ImageGanStats last = null;
        StringBuilder looks = new StringBuilder();
        for (int done = 0, block = 0; done < steps; done += BLOCK, block++) {
            ImageGanStats s = ImageGanDigits.train(gan, BLOCK, SEED + block);
            assertTrue(gan.isFinite());
            if (done + BLOCK < KEEP_FROM * steps) {
                continue;
            }
            float[] look = gan.sample(SAMPLES, labels, new SplittableRandom(SELECTION_SEED));
            double score = score(clf, look, labels);
            looks.append(String.format(Locale.ROOT, "%s%d:%.3f", looks.length() == 0 ? "" : " ", done + BLOCK, score));
            if (score > keptScore) {
                keptScore = score;
                kept = gan.parameters();
                keptSteps = done + BLOCK;
                last = s;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        gan.setParameters(kept);
        float[] samples = gan.sample(SAMPLES, labels, new SplittableRandom(SAMPLE_SEED));
        int[] predicted = clf.classify(samples, SAMPLES);
        NearestCentroidClassifier.Coverage coverage = clf.coverage(predicted);

        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("steps", Integer.toString(keptSteps));
        meta.put("steps.trained", Integer.toString(steps));
        meta.put("selection", "the look with the best score (covered classes + evenness, + 10 × agreement when conditional) on "
                + SAMPLES + " samples of noise seed " + SELECTION_SEED + " every " + BLOCK + " steps from " + (int) (KEEP_FROM * steps)
                + ": " + looks);
        meta.put("dataset", String.format(Locale.ROOT, "built-in digits (ProceduralDigits %d, seed %d), grey levels, images 0-%d",
                ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED, data.trainCount() - 1));
        meta.put("train.count", Integer.toString(data.trainCount()));
        meta.put("kept.step.dLoss", String.format(Locale.ROOT, "%.4f", last.dLoss()));
        meta.put("kept.step.gLoss", String.format(Locale.ROOT, "%.4f", last.gLoss()));
        meta.put("kept.step.dReal", String.format(Locale.ROOT, "%.4f", last.dReal()));
        meta.put("kept.step.dFake", String.format(Locale.ROOT, "%.4f", last.dFake()));
        meta.put("coverage.samples", Integer.toString(SAMPLES));
        meta.put("coverage.counts", Arrays.toString(coverage.counts()));
        meta.put("coverage.classes", coverage.covered() + " of " + clf.classes() + " with at least "
                + String.format(Locale.ROOT, "%.0f %%", 100 * coverage.minShare()));
        meta.put("coverage.evenness", String.format(Locale.ROOT, "%.4f", coverage.evenness()));
        if (labels != null) {
            meta.put("coverage.agreement", String.format(Locale.ROOT, "%.4f", clf.accuracy(samples, labels, SAMPLES)));
        }
        meta.put("classifier", String.format(Locale.ROOT, "nearest class mean of the training images, held-out accuracy %.4f",
                clf.accuracy(data.test, data.testLabels, data.testCount())));
        meta.put("training.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        System.out.printf(Locale.ROOT, "%s: %s%n", name, meta);

        Path file = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("resources/checkpoints").resolve(name);
        Files.createDirectories(file.getParent());
        gan.toCheckpoint(modelId, meta).write(file);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", file, Files.size(file));
        ImageGan back = ImageGan.fromCheckpoint(Checkpoint.read(file));
        assertArrayEquals(gan.parameters(), back.parameters());
        assertArrayEquals(samples, back.sample(SAMPLES, labels, new SplittableRandom(SAMPLE_SEED)));
        assertTrue(coverage.covered() >= 9, "coverage " + coverage);
    }

    /**
     * How well a look's samples cover the digits: the classes with ≥ 2 % of them plus the evenness
     * (below 1, so it breaks ties), plus ten times the agreement with the requested labels when
     * conditional (which then comes first).
     */
    static double score(NearestCentroidClassifier clf, float[] samples, int[] labels) {
        NearestCentroidClassifier.Coverage c = clf.coverage(clf.classify(samples, SAMPLES));
        return c.covered() + c.evenness() + (labels == null ? 0 : 10 * clf.accuracy(samples, labels, SAMPLES));
    }
}
