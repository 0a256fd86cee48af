package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.gan.ImageGan.Config;
import dev.genlab.model.gan.ImageGan.Loss;

/**
 * What one step of each player touches, the shapes of the API on images of any size, the
 * Config's validation, and the starving minimax gradient of Goodfellow et al. 2014 on the real
 * digits' model.
 */
class ImageGanStepTest {

    /** 5 × 7 images: nothing assumes 28 × 28. */
    static Config small(int classes) {
        return Config.defaults(5, 7).withNetworks(16, 1, 12, 2).withNoiseDim(4).withClasses(classes).withBatch(8);
    }

    static float[] images(SplittableRandom r, int n, int d) {
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @ParameterizedTest(name = "classes={0}")
    @ValueSource(ints = {0, 3})
    void aDiscriminatorStepChangesOnlyDAndAGeneratorStepOnlyG(int classes) {
        ImageGan gan = new ImageGan(small(classes));
        long g = gan.generatorParams();
        SplittableRandom r = new SplittableRandom(1);
        int n = 6;
        float[] x = images(r, n, 35);
        int[] y = classes == 0 ? null : new int[] {0, 1, 2, 2, 1, 0};

        float[] before = gan.parameters();
        ImageGanStats sd = gan.stepD(x, y, r);
        float[] afterD = gan.parameters();
        assertArrayEquals(Arrays.copyOfRange(before, 0, (int) g), Arrays.copyOfRange(afterD, 0, (int) g), "G moved in a D step");
        assertFalse(Arrays.equals(Arrays.copyOfRange(before, (int) g, before.length),
                Arrays.copyOfRange(afterD, (int) g, afterD.length)), "D did not move in a D step");
        assertTrue(Double.isFinite(sd.dLoss()) && Double.isFinite(sd.gLoss()) && sd.dReal() > 0 && sd.dFake() < 1);

        ImageGanStats sg = gan.stepG(r);
        float[] afterG = gan.parameters();
        assertArrayEquals(Arrays.copyOfRange(afterD, (int) g, afterD.length), Arrays.copyOfRange(afterG, (int) g, afterG.length),
                "D moved in a G step");
        assertFalse(Arrays.equals(Arrays.copyOfRange(afterD, 0, (int) g), Arrays.copyOfRange(afterG, 0, (int) g)),
                "G did not move in a G step");
        assertTrue(Double.isNaN(sg.dLoss()) && Double.isNaN(sg.dReal()) && Double.isFinite(sg.gLoss()));

        ImageGanStats both = gan.step(x, y, r);
        assertTrue(Double.isFinite(both.dLoss()) && Double.isFinite(both.gLoss()) && Double.isFinite(both.dFake()));
        assertTrue(gan.isFinite());
    }

    @Test
    void theFirstStepsLossesAreTheGamesValuesAtInitialisation() {
        // at initialisation D(x) ≈ ½ for everything: L_D ≈ log 4, L_G ≈ log 2 (non-saturating), −log 2 (minimax)
        SplittableRandom r = new SplittableRandom(2);
        float[] x = images(r, 8, 35);
        for (Loss loss : Loss.values()) {
            ImageGan gan = new ImageGan(small(0).withLoss(loss));
            ImageGanStats s = gan.stepD(x, null, new SplittableRandom(3));
            assertEquals(Math.log(4), s.dLoss(), 0.3);
            assertEquals(loss == Loss.NON_SATURATING ? Math.log(2) : -Math.log(2), s.gLoss(), 0.2);
            assertEquals(0.5, s.dReal(), 0.1);
            assertEquals(0.5, s.dFake(), 0.1);
        }
    }

    @Test
    void generateAndDiscriminateHaveTheDocumentedShapes() {
        ImageGan gan = new ImageGan(small(3));
        SplittableRandom r = new SplittableRandom(4);
        int count = 300; // more than one chunk of 256
        float[] z = gan.noise(count, r);
        int[] y = new int[count];
        Arrays.setAll(y, i -> i % 3);
        float[] img = gan.generate(z, y, count);
        assertEquals(count * 35, img.length);
        for (float v : img) {
            assertTrue(v > 0 && v < 1);
        }
        // the same noise and labels give the same pixels, one by one or all at once
        float[] one = gan.generate(Arrays.copyOfRange(z, 299 * 4, 300 * 4), new int[] {y[299]}, 1);
        assertArrayEquals(Arrays.copyOfRange(img, 299 * 35, 300 * 35), one, 1e-6f);
        double[] p = gan.discriminate(img, y, count);
        assertEquals(count, p.length);
        for (double v : p) {
            assertTrue(v > 0 && v < 1);
        }
        assertThrows(IllegalArgumentException.class, () -> gan.generate(z, null, count));
        assertThrows(IllegalArgumentException.class, () -> gan.generate(z, new int[count], count + 1));
        int[] bad = y.clone();
        bad[5] = 3;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gan.generate(z, bad, count));
        assertTrue(e.getMessage().contains("label 3"), e.getMessage());
        ImageGan plain = new ImageGan(small(0));
        assertThrows(IllegalArgumentException.class, () -> plain.generate(z, y, count));
        assertThrows(IllegalArgumentException.class, () -> plain.stepD(new float[34], null, r));
    }

    @Test
    void interpolationStripsRunFromOneNoiseToTheOther() {
        float[] a = {3, 0, 0};
        float[] b = {0, 4, 0};
        float[] lin = ImageGan.interpolate(a, b, 3, false);
        assertArrayEquals(new float[] {3, 0, 0, 1.5f, 2, 0, 0, 4, 0}, lin, 1e-6f);
        float[] sph = ImageGan.interpolate(a, b, 3, true);
        assertArrayEquals(new float[] {3, 0, 0}, Arrays.copyOfRange(sph, 0, 3), 1e-6f);
        assertArrayEquals(new float[] {0, 4, 0}, Arrays.copyOfRange(sph, 6, 9), 1e-6f);
        // Ω = 90°: the midpoint is (a + b) sin 45°, length 5 sin 45° ≈ 3.54 where the line has 2.5
        double s = Math.sin(Math.PI / 4);
        assertArrayEquals(new float[] {(float) (3 * s), (float) (4 * s), 0}, Arrays.copyOfRange(sph, 3, 6), 1e-6f);
        // parallel vectors fall back to the line
        assertArrayEquals(ImageGan.interpolate(a, a, 4, false), ImageGan.interpolate(a, a, 4, true));
        assertThrows(IllegalArgumentException.class, () -> ImageGan.interpolate(a, new float[2], 3, true));
        assertThrows(IllegalArgumentException.class, () -> ImageGan.interpolate(a, b, 1, true));
        // and it feeds generate: a strip of 5 images
        ImageGan gan = new ImageGan(small(0));
        SplittableRandom r = new SplittableRandom(8);
        float[] strip = gan.generate(ImageGan.interpolate(gan.noise(1, r), gan.noise(1, r), 5, true), null, 5);
        assertEquals(5 * 35, strip.length);
    }

    @Test
    void theConfigRefusesNonsenseWithAClearMessage() {
        Config ok = Config.digits();
        assertEquals(784, ok.pixels());
        assertEquals(64, ok.noiseDim());
        assertEquals(Loss.NON_SATURATING, ok.loss());
        assertEquals(0.5, ok.beta1());
        assertEquals(64, ok.batch());
        assertMessage("image size", () -> Config.defaults(0, 28));
        assertMessage("noise dimension", () -> ok.withNoiseDim(0));
        assertMessage("hidden layers", () -> ok.withNetworks(256, 3, 256, 1));
        assertMessage("hidden widths", () -> ok.withNetworks(0, 1, 256, 1));
        assertMessage("classes", () -> ok.withClasses(1));
        assertMessage("slope", () -> ok.withGeneratorSlope(1));
        assertMessage("learning rates", () -> ok.withOptimizer(0, 2e-4, 0.5));
        assertMessage("beta1", () -> ok.withOptimizer(2e-4, 2e-4, 1));
        assertMessage("batch", () -> ok.withBatch(0));
        assertThrows(NullPointerException.class, () -> ok.withLoss(null));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
    }

    @Test
    void theMinimaxGradientStarvesWhereDRejectsTheFakes() throws Exception {
        // D trained alone for 150 steps on the digits: D(G(z)) near 0. Then G's gradient is
        // Σ σ(a) ∂a/∂θ (minimax) against Σ (1 − σ(a)) ∂a/∂θ (non-saturating): far smaller
        ImageGanDigits data = ImageGanDigits.get();
        Config config = Config.digits().withSeed(5);
        ImageGan gan = new ImageGan(config);
        SplittableRandom r = new SplittableRandom(6);
        float[] x = new float[64 * ImageGanDigits.D];
        ImageGanStats s = null;
        for (int i = 0; i < 150; i++) {
            data.batch(r, x, null, 64);
            s = gan.stepD(x, null, r);
        }
        assertTrue(s.dFake() < 0.05, "D(G(z)) = " + s.dFake());
        assertTrue(s.dReal() > 0.95, "D(x) = " + s.dReal());
        double[] norms = new double[2];
        for (Loss loss : Loss.values()) {
            ImageGan g = ImageGan.fromCheckpoint(gan.toCheckpoint("starving"), config.withLoss(loss));
            INDArray z = Nd4j.createFromArray(toDouble(g.noise(64, new SplittableRandom(7)), 64, 64)).castTo(g.dataType()).dup('f');
            g.generatorPass(z, null, true);
            norms[loss.ordinal()] = g.gradientGroups()[0].norm2Number().doubleValue();
        }
        assertTrue(norms[Loss.MINIMAX.ordinal()] < 0.1 * norms[Loss.NON_SATURATING.ordinal()],
                "minimax " + norms[1] + " vs non-saturating " + norms[0]);
    }

    private static double[][] toDouble(float[] v, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = v[i * cols + j];
            }
        }
        return out;
    }
}
