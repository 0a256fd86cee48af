package dev.genlab.scene.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.scene.ParamSet;

class CountingModelTest {

    static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = ProceduralDigits.generate(3000, 5);
    }

    static CountingParams params(String... kv) {
        ParamSet p = new ParamSet(CountingParams.SPEC);
        for (int i = 0; i < kv.length; i += 2) {
            p.setText(kv[i], kv[i + 1]);
        }
        return CountingParams.from(p.values(), digits);
    }

    static CountingSnapshot.Row row(CountingSnapshot s, String id) {
        return s.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void countsAreTheClosedFormsAtEverySize() {
        CountingModel m = new CountingModel();
        CountingParams p = params("size", "28", "markov_order", "1", "nade_hidden", "500", "neighbourhood", "0");
        m.reset(p);
        CountingSnapshot s = m.snapshot(p);
        int n = 784;
        assertEquals(BigInteger.TWO.pow(n).subtract(BigInteger.ONE), row(s, "full").params());
        assertEquals(237, row(s, "full").params().toString().length());
        assertEquals(BigInteger.valueOf(n), row(s, "independent").params());
        assertEquals(BigInteger.valueOf(2L * n - 1), row(s, "markov").params());
        assertEquals(BigInteger.valueOf(n), row(s, "neighbourhood").params(), "m = 0 is independent pixels");
        assertEquals(BigInteger.valueOf((long) n * (n + 1) / 2), row(s, "fvsbn").params());
        assertEquals(BigInteger.valueOf(2L * n * 500 + n + 500), row(s, "nade").params());
        assertFalse(row(s, "full").fitted(), "no table of 2^784 entries");
        // the chart's last point is log10 of the same integers
        int last = s.sides().length - 1;
        assertEquals(784 * Math.log10(2), s.log10Counts().get(0)[last], 1e-9);
        assertEquals(Math.log10(784), s.log10Counts().get(1)[last], 1e-12);
    }

    @Test
    void twoByTwoProbabilitiesOfAllSixteenImagesSumToOne() {
        CountingModel m = new CountingModel();
        CountingParams p = params("size", "2", "markov_order", "2", "neighbourhood", "3");
        m.reset(p);
        CountingSnapshot s = m.snapshot(p);
        assertEquals(4, s.allImages().size(), "full, independent, Markov, neighbourhood");
        for (double[] probs : s.allImages()) {
            assertEquals(16, probs.length);
            assertEquals(1.0, java.util.Arrays.stream(probs).sum(), 1e-9);
        }
        // and the train NLL is the mean of -log of those probabilities over the training images
        BinaryImages train = CountingModel.binarise(digits, 2, 0.5, s.trainCount());
        double nll = 0;
        for (int i = 0; i < train.count(); i++) {
            int index = 0;
            for (int j = 0; j < 4; j++) {
                index |= train.bit(i, j) << j;
            }
            nll -= Math.log(s.allImages().get(0)[index]);
        }
        assertEquals(nll / train.count(), row(s, "full").trainNll(), 1e-9);
    }

    @Test
    void withoutSmoothingAnUnseenTestImageHasZeroProbability() {
        CountingModel m = new CountingModel();
        CountingParams p = params("size", "4", "smoothing", "0", "train_images", "200");
        m.reset(p);
        CountingSnapshot s = m.snapshot(p);
        assertTrue(Double.isInfinite(row(s, "full").testNll()));
        CountingParams smooth = params("size", "4", "smoothing", "0.5", "train_images", "200");
        m.reset(smooth);
        assertTrue(Double.isFinite(row(m.snapshot(smooth), "full").testNll()));
    }

    @Test
    void theFullJointMemorisesAndTheChainSitsBetween() {
        CountingModel m = new CountingModel();
        // without smoothing: with 2^16 cells even a small alpha would outweigh 500 images
        CountingParams p = params("size", "4", "smoothing", "0", "train_images", "500");
        m.reset(p);
        CountingSnapshot s = m.snapshot(p);
        double fullTrain = row(s, "full").trainNll();
        double indepTrain = row(s, "independent").trainNll();
        double markovTrain = row(s, "markov").trainNll();
        assertTrue(fullTrain < markovTrain && markovTrain < indepTrain, fullTrain + " < " + markovTrain + " < " + indepTrain);
        assertTrue(row(s, "full").testNll() > fullTrain, "the full joint does worse on images it has not seen");
    }

    @Test
    void aStepDrawsNewSamplesAndKeepsTheFit() {
        CountingModel m = new CountingModel();
        CountingParams p = params("size", "7");
        m.reset(p);
        CountingSnapshot a = m.snapshot(p);
        m.step(p);
        CountingSnapshot b = m.snapshot(p);
        assertEquals(row(a, "markov").trainNll(), row(b, "markov").trainNll());
        assertNotEquals(java.util.Arrays.toString(row(a, "markov").samples().get(0)),
                java.util.Arrays.toString(row(b, "markov").samples().get(0)));
        assertFalse(m.needsReset(p, params("size", "7", "seed", "9")), "a new seed only resamples");
        assertTrue(m.needsReset(p, params("size", "7", "markov_order", "3")));
    }

    @Test
    void noImagesYetSaysSo() {
        CountingModel m = new CountingModel();
        CountingParams p = CountingParams.from(new ParamSet(CountingParams.SPEC).values(), null);
        m.reset(p);
        CountingSnapshot s = m.snapshot(p);
        assertEquals("counting.note.noImages", s.message());
        assertTrue(s.rows().stream().noneMatch(CountingSnapshot.Row::fitted));
        assertEquals(6, s.rows().size(), "the counts are still shown");
    }

    /**
     * Issue 12: "the rise-then-fall of NLL over k and m" is plotted. The curves are the chain and the
     * neighbourhood fitted at every k and m (the table's row at the knob's k and m is one of their points),
     * fitted only once the chart asks for them and kept while only k and m move.
     */
    @Test
    void theNllChartIsTheChainAtEveryKAndTheNeighbourhoodAtEveryM() {
        CountingModel m = new CountingModel();
        CountingParams counts = params("size", "7", "markov_order", "3", "neighbourhood", "5");
        m.reset(counts);
        assertEquals(null, m.snapshot(counts).curves(), "not fitted for the parameter chart");
        CountingParams nll = params("size", "7", "markov_order", "3", "neighbourhood", "5", "chart", "nll");
        assertFalse(m.needsReset(counts, nll), "the chart is no new fit");
        CountingSnapshot s = m.snapshot(nll);
        CountingSnapshot.Curves c = s.curves();
        assertEquals(CountingModel.MAX_ORDER + 1, c.markovTest().length);
        assertEquals(CountingModel.MAX_NEIGHBOURS + 1, c.neighbourTest().length);
        assertEquals(row(s, "markov").testNll(), c.markovTest()[3], 1e-9);
        assertEquals(row(s, "markov").trainNll(), c.markovTrain()[3], 1e-9);
        assertEquals(row(s, "neighbourhood").testNll(), c.neighbourTest()[5], 1e-9);
        assertEquals(row(s, "independent").testNll(), c.markovTest()[0], 1e-9, "k = 0 is independent pixels");
        // k and m move a marker, not the curves
        CountingParams k5 = params("size", "7", "markov_order", "5", "neighbourhood", "5", "chart", "nll");
        m.reset(k5);
        assertTrue(c == m.snapshot(k5).curves());
        // other smoothing, other curves
        CountingParams alpha = params("size", "7", "markov_order", "5", "neighbourhood", "5", "chart", "nll",
                "smoothing", "1");
        m.reset(alpha);
        assertNotEquals(c.markovTest()[5], m.snapshot(alpha).curves().markovTest()[5]);
        // the training NLL only falls with the context on 7 x 7 images with little smoothing
        assertTrue(c.neighbourTrain()[12] < c.neighbourTrain()[0]);
    }
}
