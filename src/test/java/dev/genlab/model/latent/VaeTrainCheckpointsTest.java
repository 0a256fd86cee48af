package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * Trains the latent-variable lesson's shipped models and writes them under
 * {@code resources/checkpoints/} (the classpath resources {@link Vae#DIGITS_CHECKPOINT} and
 * {@link Vae#AE_DIGITS_CHECKPOINT}). Run with
 * <pre>
 *   ./mvnw -o -q test -Pcheckpoints -Dtest=VaeTrainCheckpointsTest
 * </pre>
 * then commit the written files. Latent 2 (so the lesson can draw the codes in the plane), hidden
 * {@link #HIDDEN}, Bernoulli pixels, MLP decoder, on the built-in digits binarised at 0.5 minus the
 * last 2,000, which the lesson holds out ({@link VaeDigits}). Every figure (seeds, steps, learning
 * rates) is fixed here, so a rerun on the same machine writes the same parameters.
 */
@Tag("checkpoints")
class VaeTrainCheckpointsTest {

    static final int HIDDEN = 256;
    static final int LATENT = 2;
    static final int BATCH = 128;
    static final int[] STEPS = {8_000, 2_000};
    static final double[] RATES = {1e-3, 3e-4};
    static final long SEED = 42;

    @Test
    void vae() throws IOException {
        train(false, "vae-digits.bin.gz");
    }

    @Test
    void autoencoder() throws IOException {
        train(true, "ae-digits.bin.gz");
    }

    private static void train(boolean autoencoder, String name) throws IOException {
        VaeDigits data = VaeDigits.get();
        Vae vae = new Vae(new Config(VaeDigits.D, HIDDEN, LATENT, Likelihood.BERNOULLI, Decoder.MLP, autoencoder, SEED));
        SplittableRandom rng = new SplittableRandom(SEED);
        float[] x = new float[BATCH * VaeDigits.D];
        long t0 = System.nanoTime();
        int done = 0;
        for (int phase = 0; phase < STEPS.length; phase++) {
            for (int s = 0; s < STEPS[phase]; s++) {
                data.batch(rng, x, BATCH);
                vae.step(x, BATCH, 1.0, RATES[phase], rng);
                done++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(vae.isFinite());
        StepStats train = vae.evaluate(data.train, data.trainCount(), 1);
        StepStats test = vae.evaluate(data.test, data.testCount(), 1);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("optimizer", "Adam " + java.util.Arrays.toString(RATES) + " for " + java.util.Arrays.toString(STEPS) + " steps");
        meta.put("batch", Integer.toString(BATCH));
        meta.put("beta", "1");
        meta.put("steps", Integer.toString(done));
        meta.put("dataset", String.format(Locale.ROOT, "built-in digits (ProceduralDigits %d, seed %d) binarised at 0.5, images 0-%d",
                ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED, data.trainCount() - 1));
        meta.put("train.count", Integer.toString(data.trainCount()));
        meta.put("test.count", Integer.toString(data.testCount()));
        meta.put("train.elbo", String.format(Locale.ROOT, "%.4f", train.elbo()));
        meta.put("test.elbo", String.format(Locale.ROOT, "%.4f", test.elbo()));
        meta.put("test.reconstruction", String.format(Locale.ROOT, "%.4f", test.reconstruction()));
        meta.put("test.kl", String.format(Locale.ROOT, "%.4f", test.kl()));
        if (!autoencoder) {
            meta.put("test.iwae50", String.format(Locale.ROOT, "%.4f", vae.importanceLogLikelihood(data.test, data.testCount(), 50, 1)));
        }
        meta.put("unit", "nats per image");
        meta.put("training.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        System.out.printf(Locale.ROOT, "%s: %s%n", name, meta);

        Path file = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("resources/checkpoints").resolve(name);
        Files.createDirectories(file.getParent());
        vae.toCheckpoint(autoencoder ? "ae" : "vae", meta).write(file);
        System.out.printf(Locale.ROOT, "wrote %s (%d bytes)%n", file, Files.size(file));
        Vae back = Vae.fromCheckpoint(Checkpoint.read(file));
        assertArrayEquals(vae.parameters(), back.parameters());
        assertEquals(test.elbo(), back.evaluate(data.test, data.testCount(), 1).elbo(), 1e-9);
    }
}
