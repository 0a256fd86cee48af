package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.gan.ImageGan;
import dev.genlab.model.gan.NearestCentroidClassifier;
import dev.genlab.scene.ParamSet;

/**
 * The image panel's live model without a window: where it starts, what its pictures are (checked against
 * the GAN's own generate of the same noise, built here from the seeds the panel documents), what training
 * and knob changes do to it, and what it says about data it cannot use as asked.
 */
class ImageLabTest {

    static final ImageDataset DIGITS = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT,
            ProceduralDigits.BUILT_IN_SEED);

    static ImageParams params(ImageDataset images, String... overrides) {
        ParamSet p = new ParamSet(GanParams.SPEC);
        p.setText("panel", "images");
        for (int i = 0; i < overrides.length; i += 2) {
            p.setText(overrides[i], overrides[i + 1]);
        }
        return GanLabParams.from(p.values(), images).image();
    }

    /** A trainer stopped while it builds the GAN (its scene left) ends there, not after the whole build. */
    @Test
    void anInterruptedResetStopsAtOnce() {
        ImageParams p = params(DIGITS);
        ImageLab lab = new ImageLab();
        dev.genlab.live.Interrupts.assertStopsWhenInterrupted(() -> lab.reset(p));
        lab.close();
        ImageLab again = new ImageLab();
        again.reset(p);
        assertTrue(again.snapshot(p).shipped(), "the same reset, not interrupted");
        again.close();
    }

    @Test
    void onTheBuiltInDigitsItStartsFromTheShippedGanAndItsPicturesAreThatGansImages() throws Exception {
        ImageParams p = params(DIGITS, "img_from", "5", "img_to", "9", "img_path", "linear");
        ImageLab lab = new ImageLab();
        ImageSnapshot s = lab.snapshot(p);
        assertTrue(s.shipped());
        assertTrue(s.notes().contains("gan.img.note.shipped"), s.notes().toString());
        ImageGan shipped = ImageGan.loadDigits(false);
        assertArrayEquals(shipped.parameters(), lab.gan().parameters(), "the shipped weights");
        assertEquals(ImageLab.GRID_ROWS, s.gridRows());
        float[] z = shipped.noise(64, new SplittableRandom(ImageLab.GRID_SEED));
        assertArrayEquals(shipped.generate(z, null, 64), s.grid(), "the grid is G of seed 7's noise");
        float[] za = shipped.noise(1, new SplittableRandom(5));
        float[] zb = shipped.noise(1, new SplittableRandom(9));
        float[] strip = s.strip();
        int d = ImageLab.D;
        assertArrayEquals(shipped.generate(za, null, 1), Arrays.copyOfRange(strip, 0, d), 1e-6f, "the strip starts at G(z_A)");
        assertArrayEquals(shipped.generate(zb, null, 1), Arrays.copyOfRange(strip, 9 * d, 10 * d), 1e-6f,
                "and ends at G(z_B)");
        // linear: the middle image is G at the noise midway (t = 4/9 and 5/9 bracket it; check t = 1/9)
        float[] z1 = new float[za.length];
        for (int j = 0; j < z1.length; j++) {
            z1[j] = (float) (8.0 / 9 * za[j] + 1.0 / 9 * zb[j]);
        }
        assertArrayEquals(shipped.generate(z1, null, 1), Arrays.copyOfRange(strip, d, 2 * d), 1e-5f);
        // coverage: the 1,000 samples of seed 15, labelled by the nearest class mean of every image
        int[] counts = s.counts();
        assertNotNull(counts);
        assertEquals(1000, Arrays.stream(counts).sum());
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(DIGITS);
        int[] predicted = clf.classify(shipped.sample(1000, null, new SplittableRandom(ImageLab.COVERAGE_SEED)), 1000);
        int[] expected = new int[10];
        for (int y : predicted) {
            expected[y]++;
        }
        assertArrayEquals(expected, counts);
        assertTrue(s.covered() >= 9, "the shipped GAN draws nearly every digit: " + Arrays.toString(counts));
        assertTrue(Double.isNaN(s.agreement()));
    }

    @Test
    void theConditionalGanDrawsOneRowPerDigitWithTheSameNoiseAndMostlyTheDigitAskedFor() throws Exception {
        ImageParams p = params(DIGITS, "img_model", "cgan", "img_digit", "7");
        ImageLab lab = new ImageLab();
        ImageSnapshot s = lab.snapshot(p);
        assertTrue(s.conditional() && s.shipped());
        assertEquals(10, s.gridRows());
        ImageGan shipped = ImageGan.loadDigits(true);
        float[] z = shipped.noise(ImageLab.GRID_COLS, new SplittableRandom(ImageLab.GRID_SEED));
        int d = ImageLab.D;
        for (int r : new int[] {0, 7}) {
            int[] y = new int[ImageLab.GRID_COLS];
            Arrays.fill(y, r);
            float[] row = shipped.generate(z, y, ImageLab.GRID_COLS);
            // 8 images through the GEMM instead of 80: the same sums up to float rounding
            assertArrayEquals(row, Arrays.copyOfRange(s.grid(), r * ImageLab.GRID_COLS * d, (r + 1) * ImageLab.GRID_COLS * d),
                    1e-6f, "row " + r + " is class " + r + " of the same noise");
        }
        // the agreement and counts, recomputed here: 1,000 samples of seed 15 asking for class i % 10, each
        // labelled by a classifier fitted here
        int[] asked = new int[1000];
        for (int i = 0; i < asked.length; i++) {
            asked[i] = i % 10;
        }
        int[] got = NearestCentroidClassifier.fit(DIGITS).classify(
                shipped.sample(1000, asked, new SplittableRandom(ImageLab.COVERAGE_SEED)), 1000);
        int agree = 0;
        int[] counts = new int[10];
        for (int i = 0; i < got.length; i++) {
            agree += got[i] == asked[i] ? 1 : 0;
            counts[got[i]]++;
        }
        assertEquals(agree / 1000.0, s.agreement(), 1e-12);
        assertArrayEquals(counts, s.counts());
        assertTrue(s.agreement() > 0.9, "agreement " + s.agreement());
        // the strip is drawn with the digit knob's label
        float[] za = shipped.noise(1, new SplittableRandom(7)); // the default "from" seed
        assertArrayEquals(shipped.generate(za, new int[] {7}, 1), Arrays.copyOfRange(s.strip(), 0, d), 1e-6f);
        ImageSnapshot three = lab.snapshot(params(DIGITS, "img_model", "cgan", "img_digit", "3"));
        assertFalse(Arrays.equals(s.strip(), three.strip()), "another digit, another strip");
        assertArrayEquals(s.grid(), three.grid(), "the grid does not depend on the digit");
    }

    @Test
    void stepsTrainAndALossOrRateChangeKeepsTheWeights() {
        ImageParams p = params(DIGITS);
        ImageLab lab = new ImageLab();
        ImageSnapshot before = lab.snapshot(p);
        float[] w0 = lab.gan().parameters();
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(lab.step(p)));
        }
        assertEquals(3, lab.steps());
        float[] w3 = lab.gan().parameters();
        assertFalse(Arrays.equals(w0, w3), "training moved the weights");
        ImageSnapshot after = lab.snapshot(p);
        assertEquals(3, after.curveD().length);
        assertFalse(Arrays.equals(before.grid(), after.grid()), "the grid follows G");
        ImageParams minimax = params(DIGITS, "img_loss", "minimax", "img_lr", "0.001");
        assertFalse(lab.needsReset(minimax));
        lab.snapshot(minimax);
        assertEquals(ImageGan.Loss.MINIMAX, lab.gan().config().loss());
        assertEquals(0.001, lab.gan().config().lrG());
        assertArrayEquals(w3, lab.gan().parameters(), "the weights are kept");
        assertEquals(3, lab.steps());
        assertTrue(lab.needsReset(params(DIGITS, "img_start", "scratch")));
        ImageSnapshot fresh = lab.snapshot(params(DIGITS, "img_start", "scratch"));
        assertFalse(fresh.shipped());
        assertEquals(0, fresh.steps());
        assertArrayEquals(new ImageGan(ImageGan.Config.digits()).parameters(), lab.gan().parameters(),
                "scratch: the Glorot weights of seed 1");
    }

    @Test
    void otherImagesStartFromScratchAndUnlabelledOnesCannotBeConditional() {
        // 14 × 14 labelled images: resized, and the shipped GAN (trained on the built-in digits) does not apply
        ImageDataset small = dev.genlab.data.Downsample.resample(DIGITS.subset(0, 300), 14, 14);
        ImageSnapshot s = new ImageLab().snapshot(params(small));
        assertFalse(s.shipped());
        assertTrue(s.notes().contains("gan.img.note.resized") && s.notes().contains("gan.img.note.scratch"),
                s.notes().toString());
        assertEquals(64 * ImageLab.D, s.grid().length);
        float[] px = DIGITS.subset(0, 50).copyPixels();
        int[] none = new int[50];
        Arrays.fill(none, ImageDataset.UNLABELLED);
        ImageDataset unlabelled = ImageDataset.of("unlabelled", 28, 28, px, none);
        ImageLab lab = new ImageLab();
        ImageSnapshot u = lab.snapshot(params(unlabelled, "img_model", "cgan"));
        assertFalse(u.conditional());
        assertTrue(u.notes().contains("gan.img.note.noLabels"), u.notes().toString());
        assertNull(u.counts(), "no labels, no coverage");
        assertTrue(Double.isFinite(lab.step(params(unlabelled, "img_model", "cgan"))));
    }

    @Test
    void withoutImagesItSaysSoAndDoesNothing() {
        ImageLab lab = new ImageLab();
        ImageSnapshot s = lab.snapshot(params(null));
        assertNull(s.grid());
        assertEquals(java.util.List.of("gan.img.note.noImages"), s.notes());
        assertEquals(0, lab.step(params(null)));
    }

    @Test
    void theSceneLabTrainsTheImageGanOnlyOnItsPanelAndAResetDropsIt() {
        ParamSet p = new ParamSet(GanParams.SPEC);
        p.setText("panel", "images");
        GanLab lab = new GanLab();
        lab.reset(GanLabParams.from(p.values(), DIGITS));
        lab.step(GanLabParams.from(p.values(), DIGITS));
        lab.step(GanLabParams.from(p.values(), DIGITS));
        assertEquals(2, lab.steps(), "the image GAN's steps while its panel shows");
        GanSnapshot s = lab.snapshot(GanLabParams.from(p.values(), DIGITS));
        assertEquals(2, s.images().steps());
        assertEquals(0, s.rounds(), "the plane did not train");
        lab.reset(GanLabParams.from(p.values(), DIGITS));
        assertEquals(0, lab.snapshot(GanLabParams.from(p.values(), DIGITS)).images().steps());
    }

    /**
     * The divergence guard's restore takes the loss curves back with the weights: no point of the undone steps (a
     * diverged step's NaN among them) stays on the figure past the step the read-out names (issue 16).
     */
    @Test
    void restoringTheLastGoodStateTakesTheCurvesBack() {
        ImageParams p = params(DIGITS, "img_start", "scratch");
        ImageLab lab = new ImageLab();
        lab.snapshot(p);
        for (int i = 0; i < 2; i++) {
            lab.step(p);
        }
        Object good = lab.saveState();
        ImageSnapshot saved = lab.snapshot(p);
        for (int i = 0; i < 3; i++) {
            lab.step(p);
        }
        lab.restoreState(good);
        ImageSnapshot back = lab.snapshot(p);
        assertEquals(2, back.steps());
        assertArrayEquals(saved.curveX(), back.curveX());
        assertArrayEquals(saved.curveD(), back.curveD());
        assertArrayEquals(saved.curveG(), back.curveG());
        assertArrayEquals(saved.curveReal(), back.curveReal());
        assertArrayEquals(saved.curveFake(), back.curveFake());
    }
}
