package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.lesson.LessonPresets;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * Lesson 8's image steps against the live model they describe: each step's merged preset on the built-in
 * digits, the steps the text asks for, and what it says the student will see, through {@link ImageLab} as
 * the trainer drives it (paused snapshots, so the coverage is measured at the step named).
 */
class GanImagesLessonTest {

    static ImageParams knobs(String heading, String... overrides) {
        ParamSet p = LessonPresets.knobs(GameStateTest.LESSON, heading, GanParams.SPEC, overrides);
        assertEquals(Panel.IMAGES, p.get(GanParams.PANEL));
        return GanLabParams.from(p.values(), ImageLabTest.DIGITS).image();
    }

    /** Mean over pixels of the standard deviation across images: how different the images are. */
    static double spread(float[] images, int count) {
        int d = ImageLab.D;
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < count; i++) {
                m += images[i * d + j];
            }
            m /= count;
            double v = 0;
            for (int i = 0; i < count; i++) {
                double e = images[i * d + j] - m;
                v += e * e;
            }
            sum += Math.sqrt(v / count);
        }
        return sum / d;
    }

    /**
     * "The shipped GAN draws all 10 digits, each at least 2 % … the mean D(x) on real images stays above the
     * mean D(G(z)) … within a few hundred steps one of them can fall under 2 %."
     */
    @Test
    void theShippedGanCoversEveryDigitThenDrifts() {
        ImageParams p = knobs("A GAN on images");
        ImageLab lab = new ImageLab();
        ImageSnapshot s = lab.snapshot(p);
        assertTrue(s.shipped() && !s.conditional());
        assertEquals(10, s.covered(), Arrays.toString(s.counts()));
        assertTrue(Arrays.stream(s.counts()).allMatch(c -> c >= 20), Arrays.toString(s.counts()));
        int fewest = 10;
        for (int block = 0; block < 4; block++) {
            for (int i = 0; i < 100; i++) {
                lab.step(p);
            }
            s = lab.snapshot(p);
            fewest = Math.min(fewest, s.covered());
            System.out.println("shipped GAN, step " + s.steps() + ": " + Arrays.toString(s.counts()));
        }
        assertTrue(fewest < 10, "a digit fell under 2 % within 400 steps");
        int n = s.curveReal().length;
        double real = Arrays.stream(s.curveReal(), n - 100, n).average().orElseThrow();
        double fake = Arrays.stream(s.curveFake(), n - 100, n).average().orElseThrow();
        System.out.printf("mean D(x) %.3f, mean D(G(z)) %.3f over the last 100 steps%n", real, fake);
        assertTrue(real > fake + 0.2, real + " vs " + fake);
        for (int i = 0; i < n; i += 50) {
            assertTrue(s.curveReal()[i] > s.curveFake()[i], "step " + (i + 1));
        }
    }

    /**
     * "At first … the classifier files all 1,000 under one digit … the 64 images are nearly the same … after
     * about 1,500 steps the grid holds different digits, and the bars spread over most of the ten."
     */
    @Test
    void fromScratchTheGanCollapsesFirstAndSpreadsLater() {
        ImageParams p = knobs("Mode collapse, counted");
        ImageLab lab = new ImageLab();
        ImageSnapshot s = lab.snapshot(p);
        assertTrue(!s.shipped());
        assertEquals(1, s.covered());
        assertTrue(Arrays.stream(s.counts()).anyMatch(c -> c == 1000), Arrays.toString(s.counts()));
        float[] real = new float[64 * ImageLab.D];
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 64; k++) {
            ImageLabTest.DIGITS.copyImage(rng.nextInt(ImageLabTest.DIGITS.size()), real, k * ImageLab.D);
        }
        double realSpread = spread(real, 64);
        for (int step = 1; step <= 1500; step++) {
            lab.step(p);
            if (step == 300 || step == 500) {
                s = lab.snapshot(p);
                double ratio = spread(s.grid(), 64) / realSpread;
                System.out.printf("scratch, step %d: %s, grid spread %.3f of the real images'%n", step,
                        Arrays.toString(s.counts()), ratio);
                assertEquals(1, s.covered(), "one shape: " + Arrays.toString(s.counts()));
                assertTrue(ratio < 0.25, "the 64 images are nearly the same: " + ratio);
            }
        }
        s = lab.snapshot(p);
        System.out.println("scratch, step 1500: " + Arrays.toString(s.counts()) + ", evenness " + s.evenness()
                + ", grid spread " + spread(s.grid(), 64) / realSpread);
        assertTrue(s.covered() >= 8, Arrays.toString(s.counts()));
        long digits = Arrays.stream(lab.classifier().classify(s.grid(), 64)).distinct().count();
        assertTrue(digits >= 5, "different digits in the grid: " + digits);
        assertTrue(spread(s.grid(), 64) / realSpread > 0.4, "and different images: " + spread(s.grid(), 64) / realSpread);
    }

    /** "… files under the digit they were asked for: over 95 %." and the strip draws the Digit knob's digit. */
    @Test
    void theConditionalGanDrawsTheDigitAskedFor() {
        ImageParams p = knobs("Pick the digit");
        ImageSnapshot s = new ImageLab().snapshot(p);
        assertTrue(s.conditional() && s.shipped());
        assertEquals(3, s.digit());
        assertTrue(s.agreement() > 0.95, "agreement " + s.agreement());
    }

    /** "a length ‖z‖ close to √64 = 8 … halfway along the straight line … about √32 ≈ 5.7 … the great circle keeps the length near 8." */
    @Test
    void theLinearPathShortensTheNoiseAndTheGreatCircleDoesNot() {
        ImageParams p = knobs("Walking through the noise");
        assertTrue(!p.spherical());
        ImageGan g = new ImageGan(ImageGan.Config.digits());
        float[] za = g.noise(1, new SplittableRandom(p.from()));
        float[] zb = g.noise(1, new SplittableRandom(p.to()));
        double a = norm(za, 0);
        double b = norm(zb, 0);
        assertEquals(8, a, 1);
        assertEquals(8, b, 1);
        float[] mid = ImageGan.interpolate(za, zb, 3, false);
        double m = norm(mid, 64);
        System.out.printf("‖z_A‖ %.2f, ‖z_B‖ %.2f, linear midpoint %.2f%n", a, b, m);
        assertEquals(5.2, m, 0.05, "the text's 5.2 for seeds 7 and 27");
        float[] arc = ImageGan.interpolate(za, zb, ImageLab.STRIP, true);
        for (int k = 0; k < ImageLab.STRIP; k++) {
            assertEquals(8, norm(arc, k * 64), 1, "spherical, image " + k);
        }
    }

    private static double norm(float[] z, int from) {
        double s = 0;
        for (int j = 0; j < 64; j++) {
            s += (double) z[from + j] * z[from + j];
        }
        return Math.sqrt(s);
    }
}
