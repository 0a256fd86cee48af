package dev.genlab.scene.markov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.MarkovModel;
import dev.genlab.model.discrete.MutualInformation;
import dev.genlab.model.discrete.NeighbourhoodModel;
import dev.genlab.model.discrete.ParameterCounts;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.counting.CountingModel;

/** The Markov scene's model side against direct fits of the discrete models. */
class MarkovLabTest {

    static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = ProceduralDigits.generate(3500, 5);
    }

    static MarkovParams params(String... kv) {
        ParamSet p = new ParamSet(MarkovParams.SPEC);
        for (int i = 0; i < kv.length; i += 2) {
            p.setText(kv[i], kv[i + 1]);
        }
        return MarkovParams.from(p.values(), digits);
    }

    static MarkovSnapshot fitted(MarkovLab lab, MarkovParams p) {
        lab.reset(p);
        return lab.snapshot(p);
    }

    @Test
    void theCurveIsMarkovModelFittedAtEveryOrder() {
        MarkovParams p = params("size", "14", "ordering", "snake", "smoothing", "0.5");
        MarkovSnapshot s = fitted(new MarkovLab(), p);
        BinaryImages all = CountingModel.binarise(digits, 14, 0.5, 1000 + MarkovLab.TEST_IMAGES);
        BinaryImages train = all.subset(0, 1000);
        BinaryImages test = all.subset(1000, all.count());
        assertEquals(1000, s.trainCount());
        assertEquals(MarkovLab.TEST_IMAGES, s.testCount());
        assertEquals(MarkovParams.MAX_ORDER + 1, s.xs().length);
        for (int k = 0; k <= MarkovParams.MAX_ORDER; k++) {
            MarkovModel m = new MarkovModel(PixelOrdering.snake(14, 14), k, 0.5);
            m.fit(train);
            assertEquals(k, s.xs()[k]);
            assertEquals(m.trainNll(), s.trainNll()[k], 1e-9, "train NLL at k = " + k);
            assertEquals(m.nll(test), s.testNll()[k], 1e-9, "held-out NLL at k = " + k);
            assertEquals(m.nll(train), s.trainNll()[k], 1e-9, "the train NLL is the NLL of the training images");
            assertEquals(Math.log10(ParameterCounts.markov(196, k).doubleValue()), s.log10Params()[k], 1e-12);
        }
    }

    @Test
    void theNeighbourhoodCurveIsNeighbourhoodModelFittedAtEveryM() {
        MarkovParams p = params("size", "7", "family", "neighbourhood", "train_images", "500");
        MarkovSnapshot s = fitted(new MarkovLab(), p);
        BinaryImages all = CountingModel.binarise(digits, 7, 0.5, 500 + MarkovLab.TEST_IMAGES);
        assertEquals(MarkovParams.MAX_NEIGHBOURS + 1, s.xs().length);
        assertEquals("raster", s.ordering());
        for (int m = 0; m <= MarkovParams.MAX_NEIGHBOURS; m++) {
            NeighbourhoodModel model = new NeighbourhoodModel(7, 7, m, 0.5);
            model.fit(all.subset(0, 500));
            assertEquals(model.trainNll(), s.trainNll()[m], 1e-9);
            assertEquals(model.nll(all.subset(500, all.count())), s.testNll()[m], 1e-9);
        }
    }

    @Test
    void theBestOrderIsTheArgminOfTheHeldOutCurve() {
        MarkovSnapshot s = fitted(new MarkovLab(), params());
        double min = Arrays.stream(s.testNll()).min().orElseThrow();
        assertEquals(min, s.testNll()[s.best()]);
        for (int k = 0; k < s.best(); k++) {
            assertTrue(s.testNll()[k] > min, "the first minimum");
        }
        assertEquals(2, MarkovLab.argmin(new double[] {3, 2, 1, Double.POSITIVE_INFINITY, 1}));
        assertEquals(-1, MarkovLab.argmin(new double[] {Double.POSITIVE_INFINITY, Double.NaN}));
    }

    @Test
    void withAThousandDigitsTheHeldOutCurveTurnsUp() {
        MarkovSnapshot s = fitted(new MarkovLab(), params("size", "14", "train_images", "1000"));
        System.out.println("markov k=0..8, 14x14, 1000 train images, alpha 0.5, raster");
        System.out.println("  train    " + Arrays.toString(round(s.trainNll())));
        System.out.println("  held-out " + Arrays.toString(round(s.testNll())));
        System.out.println("  best k = " + s.bestX());
        int b = s.best();
        assertTrue(b > 0 && b < s.xs().length - 1, "the minimum lies inside, at k = " + b);
        assertTrue(s.testNll()[s.xs().length - 1] > s.testNll()[b] + 0.5, "k = 8 is worse than the best by over half a nat");
        double gapBest = s.testNll()[b] - s.trainNll()[b];
        double gap8 = s.testNll()[8] - s.trainNll()[8];
        assertTrue(gap8 > 2 * gapBest, "the gap between held-out and train grows: " + gapBest + " -> " + gap8);

        MarkovSnapshot n = fitted(new MarkovLab(), params("size", "14", "family", "neighbourhood"));
        System.out.println("neighbourhood m=0..12 held-out " + Arrays.toString(round(n.testNll())) + " best m = "
                + n.bestX());
        assertTrue(n.best() > 0 && n.best() < n.xs().length - 1, "best m inside: " + n.best());
    }

    private static double[] round(double[] v) {
        return Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray();
    }

    @Test
    void theSamplerDrawsOnePixelPerStepWithTheModelsConditionals() {
        MarkovParams p = params("size", "7", "order", "3", "ordering", "hilbert");
        MarkovLab lab = new MarkovLab();
        MarkovSnapshot s = fitted(lab, p);
        BinaryImageModel model = lab.model();
        assertEquals("markov-3", model.id());
        int n = 49;
        assertEquals(0, s.drawn());
        int[] path = s.path();
        assertArrayEquals(PixelOrdering.hilbert(7, 7).order(), path);
        for (int t = 0; t < n; t++) {
            // the conditional shown is the model's, for the prefix drawn so far
            assertEquals(model.conditionalOne(s.image(), t), s.conditional(), 0, "step " + t);
            assertEquals(path[t], s.current());
            assertArrayEquals(model.context(t), s.context());
            MarkovSnapshot next;
            lab.step(p);
            next = lab.snapshot(p);
            assertEquals(t + 1, next.drawn(), "exactly one pixel");
            for (int q = 0; q < n; q++) {
                if (q != path[t]) {
                    assertEquals(s.image()[q], next.image()[q], "only the current pixel changes");
                }
            }
            double pOne = s.conditional();
            double lp = next.image()[path[t]] == 1 ? Math.log(pOne) : Math.log(1 - pOne);
            assertEquals(s.sampleNll() - lp, next.sampleNll(), 1e-9);
            s = next;
        }
        assertTrue(s.complete());
        assertEquals(-1, s.current());
        assertTrue(Double.isNaN(s.conditional()));
        assertEquals(-model.logProb(s.image()), s.sampleNll(), 1e-9, "the running NLL is the sample's -ln p");
        long number = s.sampleNumber();
        lab.step(p);
        MarkovSnapshot again = lab.snapshot(p);
        assertEquals(1, again.drawn(), "a step after a complete sample starts a new one with one pixel");
        assertEquals(number + 1, again.sampleNumber());
    }

    @Test
    void everyOrderingsPathIsAPermutation() {
        for (String o : MarkovParams.ORDERINGS) {
            for (String side : MarkovParams.SIDES) {
                MarkovSnapshot s = fitted(new MarkovLab(), params("size", side, "ordering", o, "train_images", "50"));
                int n = s.pixels();
                int[] sorted = s.path().clone();
                Arrays.sort(sorted);
                for (int i = 0; i < n; i++) {
                    assertEquals(i, sorted[i], o + " " + side);
                }
                if (!o.equals("raster")) {
                    assertFalse(Arrays.equals(PixelOrdering.raster(s.side(), s.side()).order(), s.path()), o);
                }
            }
        }
    }

    @Test
    void resetStartsANewSampleWithoutRefitting() {
        MarkovParams p = params("size", "7");
        MarkovLab lab = new MarkovLab();
        lab.reset(p);
        BinaryImageModel model = lab.model();
        for (int t = 0; t < 20; t++) {
            lab.step(p);
        }
        MarkovSnapshot a = lab.snapshot(p);
        lab.reset(p);
        MarkovSnapshot b = lab.snapshot(p);
        assertEquals(0, b.drawn());
        assertNotEquals(a.sampleNumber(), b.sampleNumber());
        assertTrue(model == lab.model(), "the same fitted model");
        assertFalse(lab.needsReset(p, params("size", "7", "pixel", "100")), "a pixel knob only redraws");
        assertTrue(lab.needsReset(p, params("size", "7", "order", "5")));
        assertTrue(lab.needsReset(p, params("size", "7", "ordering", "column")));
    }

    @Test
    void mutualInformationIsEstimatedOnTheTrainingImages() {
        MarkovParams p = params("size", "14");
        MarkovLab lab = new MarkovLab();
        MarkovSnapshot s = fitted(lab, p);
        int i = p.pixelOnImage();
        int j = p.farPixelOnImage();
        assertEquals(7 * 14 + 7, i);
        assertEquals(7 * 14 + 10, j);
        BinaryImages train = lab.trainImages();
        int[] nb = {i - 14, i + 14, i - 1, i + 1};
        assertArrayEquals(nb, s.neighbours());
        double bias = 1 / 2000.0;
        double biasGiven = MarkovLab.seenContexts(train, nb) / 2000.0;
        assertTrue(biasGiven > bias && MarkovLab.seenContexts(train, nb) <= 16);
        assertEquals(Math.max(0, MutualInformation.pairwise(train, i, j, 0) - bias), s.mi(), 1e-12);
        assertEquals(Math.max(0, MutualInformation.conditional(train, i, j, nb, 0) - biasGiven), s.miGiven(), 1e-12);
        assertEquals(s.mi(), s.miMap()[j], 1e-12);
        assertEquals(s.miGiven(), s.miGivenMap()[j], 1e-12);
        // reported: on procedural digits the 4 neighbours screen off some far pixels, not all
        double sum = 0;
        double sumGiven = 0;
        for (int q = 0; q < s.pixels(); q++) {
            int pixel = q;
            if (q != i && Arrays.stream(nb).noneMatch(x -> x == pixel)) {
                sum += s.miMap()[q];
                sumGiven += s.miGivenMap()[q];
            }
        }
        for (int q : new int[] {i + 2, i - 2, i + 28, i - 28, i + 3, i + 42, i + 4 * 14, i + 15, i + 16}) {
            System.out.printf("  j=%d (%d,%d): I=%.4f I|N=%.4f%n", q, q / 14, q % 14, s.miMap()[q], s.miGivenMap()[q]);
        }
        System.out.printf("MI 14x14 i=%d j=%d: I=%.4f I|N=%.4f; summed over far pixels %.3f -> %.3f%n", i, j, s.mi(),
                s.miGiven(), sum, sumGiven);
        assertTrue(s.miGiven() < s.mi(), "the chosen far pixel tells less once the neighbours are known");
    }

    /** "Each ordering gives its own held-out curve": the one before a change of ordering stays to compare. */
    @Test
    void theHeldOutCurveOfThePreviousOrderingStaysAfterAChangeOfOrdering() {
        MarkovLab lab = new MarkovLab();
        MarkovSnapshot hilbert = fitted(lab, params("size", "7", "ordering", "hilbert"));
        assertEquals("", hilbert.previousOrdering());
        MarkovSnapshot raster = fitted(lab, params("size", "7", "ordering", "raster"));
        assertEquals("hilbert", raster.previousOrdering());
        assertArrayEquals(hilbert.testNll(), raster.previousTestNll());
        assertFalse(Arrays.equals(raster.testNll(), raster.previousTestNll()));
        // k only moves the marker: the overlay stays
        MarkovSnapshot k3 = fitted(lab, params("size", "7", "ordering", "raster", "order", "3"));
        assertEquals("hilbert", k3.previousOrdering());
        // other images: nothing to compare with
        MarkovSnapshot fewer = fitted(lab, params("size", "7", "ordering", "snake", "train_images", "300"));
        assertEquals("", fewer.previousOrdering());
        assertEquals(0, fewer.previousTestNll().length);
        MarkovSnapshot snake = fitted(lab, params("size", "7", "ordering", "column", "train_images", "300"));
        assertEquals("snake", snake.previousOrdering());
        // a neighbourhood has no ordering to compare
        MarkovSnapshot neighbours = fitted(lab, params("size", "7", "family", "neighbourhood", "train_images", "300"));
        assertEquals("", neighbours.previousOrdering());
    }
}
