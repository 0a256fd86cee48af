package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.genlab.model.gan.ImageGan.Config;
import dev.genlab.model.gan.ImageGan.Loss;
import dev.genlab.model.io.Checkpoint;

/**
 * {@link ImageGan#toCheckpoint} / {@link ImageGan#fromCheckpoint}: a round trip through the gzip
 * file gives the same parameters and samples; another family's file, a changed parameter count, NaN
 * parameters, an architecture the caller did not ask for, a truncated file and a flipped bit are
 * refused with a message that says which; the shipped checkpoints load, draw all ten digits (at
 * least nine with 2 % of 1,000 samples) and the conditional one draws the digit it is asked for.
 */
class ImageGanCheckpointTest {

    static Config small(int classes) {
        return Config.defaults(4, 5).withNetworks(9, 2, 7, 1).withNoiseDim(3).withClasses(classes)
                .withLoss(Loss.MINIMAX).withSeed(21);
    }

    static byte[] bytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return out.toByteArray();
    }

    static Checkpoint read(byte[] b) throws IOException {
        return Checkpoint.read(new ByteArrayInputStream(b));
    }

    @ParameterizedTest(name = "classes={0}")
    @ValueSource(ints = {0, 4})
    void aRoundTripKeepsConfigParametersAndSamples(int classes) throws IOException {
        ImageGan gan = new ImageGan(small(classes));
        SplittableRandom r = new SplittableRandom(1);
        float[] x = ImageGanStepTest.images(r, 8, 20);
        int[] y = classes == 0 ? null : new int[] {0, 1, 2, 3, 3, 2, 1, 0};
        for (int i = 0; i < 5; i++) {
            gan.step(x, y, r);
        }
        ImageGan back = ImageGan.fromCheckpoint(read(bytes(gan.toCheckpoint("tiny", Map.of("steps", "5", "rows", "99")))));
        assertEquals(gan.config(), back.config());
        assertArrayEquals(gan.parameters(), back.parameters());
        float[] z = gan.noise(6, new SplittableRandom(2));
        int[] labels = classes == 0 ? null : new int[] {0, 1, 2, 3, 0, 1};
        assertArrayEquals(gan.generate(z, labels, 6), back.generate(z, labels, 6));
        assertArrayEquals(gan.discriminate(x, y, 8), back.discriminate(x, y, 8));
        // training metadata rides along; it never overrides the Config
        assertEquals("5", gan.toCheckpoint("tiny", Map.of("steps", "5", "rows", "99")).value("steps"));
        assertEquals("4", gan.toCheckpoint("tiny", Map.of("rows", "99")).value("rows"));
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedNamingTheDifferences() throws IOException {
        Checkpoint c = new ImageGan(small(0)).toCheckpoint("tiny");
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class,
                () -> ImageGan.fromCheckpoint(c, small(10).withNetworks(9, 1, 7, 1)));
        assertTrue(e.getMessage().contains("classes 0 (needed: 10)"), e.getMessage());
        assertTrue(e.getMessage().contains("generator hidden layers 2 (needed: 1)"), e.getMessage());
        // the same architecture with other training settings loads, and takes those settings
        Config other = small(0).withLoss(Loss.NON_SATURATING).withOptimizer(1e-3, 5e-4, 0.9).withBatch(16);
        ImageGan loaded = ImageGan.fromCheckpoint(c, other);
        assertEquals(other, loaded.config());
        assertArrayEquals(c.params(), loaded.parameters());
    }

    @Test
    void foreignCountMismatchedAndNonFiniteCheckpointsAreRefused() {
        Checkpoint good = new ImageGan(small(0)).toCheckpoint("tiny");
        Map<String, String> foreign = new LinkedHashMap<>(good.header());
        foreign.put("family", "vae");
        assertMessage("not an image GAN checkpoint", new Checkpoint("vae", foreign, good.params()));
        Map<String, String> format = new LinkedHashMap<>(good.header());
        format.put("format", "2");
        assertMessage("layout 2 is not supported", new Checkpoint("tiny", format, good.params()));
        Map<String, String> missing = new LinkedHashMap<>(good.header());
        missing.remove("noiseDim");
        assertMessage("'noiseDim'", new Checkpoint("tiny", missing, good.params()));
        Map<String, String> bad = new LinkedHashMap<>(good.header());
        bad.put("generatorLayers", "3");
        assertMessage("1 or 2 hidden layers", new Checkpoint("tiny", bad, good.params()));
        float[] p = good.params();
        assertMessage("parameters; its header's architecture needs " + p.length,
                new Checkpoint("tiny", good.header(), Arrays.copyOf(p, p.length - 1)));
        p[3] = Float.NaN;
        assertMessage("NaN", new Checkpoint("tiny", good.header(), p));
    }

    private static void assertMessage(String part, Checkpoint c) {
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class, () -> ImageGan.fromCheckpoint(c));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void aTruncatedOrCorruptedFileIsRefused() throws IOException {
        byte[] b = bytes(new ImageGan(small(4)).toCheckpoint("tiny"));
        Checkpoint.CheckpointException truncated = assertThrows(Checkpoint.CheckpointException.class,
                () -> ImageGan.fromCheckpoint(read(Arrays.copyOf(b, b.length / 2))));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        // flip one bit inside the compressed data: gzip's own CRC, the inflater or the file's CRC catches it
        int refused = 0;
        for (int at = 20; at < b.length - 12; at += Math.max(1, (b.length - 32) / 16)) {
            byte[] flipped = b.clone();
            flipped[at] ^= 0x10;
            Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class,
                    () -> ImageGan.fromCheckpoint(read(flipped)), "bit flip at byte " + at);
            assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated")
                    || e.getMessage().contains("cannot read"), e.getMessage());
            refused++;
        }
        assertTrue(refused >= 16);
    }

    @ParameterizedTest(name = "conditional={0}")
    @ValueSource(booleans = {false, true})
    void theShippedCheckpointDrawsTheDigits(boolean conditional) throws IOException {
        ImageGan gan = ImageGan.loadDigits(conditional);
        assertEquals(Config.digits().withClasses(conditional ? 10 : 0).withSeed(ImageGanTrainCheckpointsTest.SEED), gan.config());
        assertTrue(gan.isFinite());
        ImageGanDigits data = ImageGanDigits.get();
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(data.trainSet);
        int n = 1_000;
        int[] labels = ImageGanDigits.cyclicLabels(gan, n);
        float[] samples = gan.sample(n, labels, new SplittableRandom(ImageGanTrainCheckpointsTest.SAMPLE_SEED));
        NearestCentroidClassifier.Coverage c = clf.coverage(clf.classify(samples, n));
        System.out.println((conditional ? "cgan" : "gan") + "-digits: " + c
                + (conditional ? ", agreement " + clf.accuracy(samples, labels, n) : ""));
        assertTrue(c.covered() >= 9, c.toString());
        if (conditional) {
            assertTrue(clf.accuracy(samples, labels, n) > 0.9, "the samples follow their labels");
        }
        // the discriminator still prefers held-out real digits to samples
        double real = mean(gan.discriminate(data.test, conditional ? data.testLabels : null, 500));
        double fake = mean(gan.discriminate(samples, labels, 500));
        assertTrue(real > fake, "D(x) " + real + " vs D(G(z)) " + fake);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
