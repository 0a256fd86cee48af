package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What the lessons show on procedural digits (ProceduralDigits.generate(2000, 1), 7x7 or 4x4 by
 * block averaging, ink where the mean is ≥ 0.35; the first images train, images 1000–1999 test).
 */
class DigitsLessonTest {

    private static final BinaryImages D7 = TestImages.digits(7);
    private static final BinaryImages TEST = D7.subset(1000, 2000);

    static double testNll(BinaryImageModel m, BinaryImages train) {
        m.fit(train);
        return m.nll(TEST);
    }

    @Test
    void fullJointLikelihoodDoesNotDependOnTheOrdering() {
        BinaryImages d4 = TestImages.digits(4);
        BinaryImages train = d4.subset(0, 1000);
        BinaryImages all = BinaryImages.all(4, 4);
        FullJointModel raster = new FullJointModel(PixelOrdering.raster(4, 4), 0.1);
        raster.fit(train);
        for (String id : PixelOrdering.IDS) {
            FullJointModel m = new FullJointModel(PixelOrdering.byId(id, 4, 4, 8), 0.1);
            m.fit(train);
            for (int i = 0; i < all.count(); i++) {
                assertEquals(raster.logProb(all.image(i)), m.logProb(all.image(i)), 0, id);
            }
            // and the chain rule along this ordering, its conditionals summed out of the table, gives p(x)
            int[] order = m.ordering().order();
            for (int i = 1000; i < 1020; i++) {
                byte[] x = d4.image(i);
                double logChain = 0;
                for (int t = 0; t < order.length; t++) {
                    double c = m.conditionalOne(x, t);
                    logChain += Math.log(x[order[t]] == 1 ? c : 1 - c);
                }
                assertEquals(raster.logProb(x), logChain, 1e-9, id);
            }
        }
    }

    @Test
    void markovLikelihoodDependsOnTheOrdering() {
        BinaryImages train = D7.subset(0, 1000);
        StringBuilder line = new StringBuilder("Markov k=2, 7x7, 1000 train: test NLL");
        double[] nll = new double[PixelOrdering.IDS.size()];
        for (int i = 0; i < nll.length; i++) {
            nll[i] = testNll(new MarkovModel(PixelOrdering.byId(PixelOrdering.IDS.get(i), 7, 7, 3), 2, 0.5), train);
            line.append(String.format(" %s %.3f", PixelOrdering.IDS.get(i), nll[i]));
        }
        System.out.println(line);
        double min = java.util.Arrays.stream(nll).min().orElseThrow();
        double max = java.util.Arrays.stream(nll).max().orElseThrow();
        assertTrue(max - min > 0.2, "orderings differ by " + (max - min) + " nats");
        // column and random order visit pixels in a different sequence than raster: different likelihoods
        assertTrue(Math.abs(nll[0] - nll[1]) > 0.05);
        assertTrue(Math.abs(nll[0] - nll[4]) > 0.05);
    }

    @Test
    void testNllOverMarkovOrderFallsThenRisesWithFewTrainingImages() {
        double alpha = 0.5;
        PixelOrdering raster = PixelOrdering.raster(7, 7);
        for (int n : new int[] {100, 1000}) {
            BinaryImages train = D7.subset(0, n);
            double independent = testNll(new IndependentModel(raster, alpha), train);
            double[] nll = new double[9];
            StringBuilder line = new StringBuilder(String.format(
                    "7x7, %d train, alpha %.1f: independent %.3f, Markov k=1..8", n, alpha, independent));
            for (int k = 1; k <= 8; k++) {
                nll[k] = testNll(new MarkovModel(raster, k, alpha), train);
                line.append(String.format(" %.3f", nll[k]));
            }
            line.append(String.format(", neighbourhood r=1 %.3f",
                    testNll(NeighbourhoodModel.ofRadius(7, 7, 1, alpha), train)));
            System.out.println(line);
            int best = 1;
            for (int k = 2; k <= 8; k++) {
                best = nll[k] < nll[best] ? k : best;
            }
            assertTrue(independent > nll[1], "independent " + independent + " vs k=1 " + nll[1]);
            assertTrue(independent > nll[best]);
            if (n == 100) {
                // few images: the curve first falls, then more context overfits
                assertTrue(nll[2] < nll[1]);
                assertTrue(best > 1 && best < 8, "best k " + best);
                assertTrue(nll[8] > nll[best] + 0.3, "k=8 " + nll[8] + " vs best " + nll[best]);
            } else {
                // ten times the data: k = 8 (the pixel above is 7 steps back) is far better than k = 1
                assertTrue(nll[8] < nll[1] - 1);
            }
        }
    }
}
