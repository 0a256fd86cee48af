package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class MutualInformationTest {

    /** 1x3 images: x0 a fair coin, x1 = x2 = x0 flipped with probability 0.1 each, or copies of x0. */
    static BinaryImages chain(int count, double flip, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] b = new byte[3 * count];
        for (int i = 0; i < count; i++) {
            byte s = (byte) (rng.nextBoolean() ? 1 : 0);
            b[3 * i] = s;
            b[3 * i + 1] = (byte) (rng.nextDouble() < flip ? 1 - s : s);
            b[3 * i + 2] = (byte) (rng.nextDouble() < flip ? 1 - s : s);
        }
        return new BinaryImages(count, 1, 3, b);
    }

    static double entropy(double... p) {
        double h = 0;
        for (double q : p) {
            h -= q > 0 ? q * Math.log(q) : 0;
        }
        return h;
    }

    @Test
    void copiesShareLogTwoAndNothingGivenTheirSource() {
        // x1 and x2 are exact copies of the fair coin x0 (the 4 images written out, each once)
        BinaryImages copies = new BinaryImages(2, 1, 3, new byte[] {0, 0, 0, 1, 1, 1});
        assertEquals(Math.log(2), MutualInformation.pairwise(copies, 1, 2, 0), 1e-12);
        assertEquals(0, MutualInformation.conditional(copies, 1, 2, new int[] {0}, 0), 1e-12);
    }

    @Test
    void pluginEstimateIsTheEntropyIdentity() {
        // I(X;Y) = H(X) + H(Y) − H(X,Y) on the empirical table
        BinaryImages d = chain(5000, 0.1, 3);
        int[] n = new int[4];
        for (int i = 0; i < d.count(); i++) {
            n[2 * d.bit(i, 1) + d.bit(i, 2)]++;
        }
        double[] p = new double[4];
        for (int c = 0; c < 4; c++) {
            p[c] = n[c] / (double) d.count();
        }
        double expected = entropy(p[0] + p[1], p[2] + p[3]) + entropy(p[0] + p[2], p[1] + p[3]) - entropy(p);
        assertEquals(expected, MutualInformation.pairwise(d, 1, 2, 0), 1e-12);
    }

    @Test
    void conditionalIndependenceMadeVisible() {
        // x1 ⊥ x2 | x0 by construction: clearly dependent, and conditionally (nearly) independent
        BinaryImages d = chain(20_000, 0.1, 4);
        double marginal = MutualInformation.pairwise(d, 1, 2, 0.5);
        double conditional = MutualInformation.conditional(d, 1, 2, new int[] {0}, 0.5);
        // truth: x1 and x2 agree with probability 0.82, so I = ln 2 − H(0.82, 0.18)
        assertEquals(Math.log(2) - entropy(0.82, 0.18), marginal, 0.01);
        assertTrue(conditional < 0.001, "conditional MI " + conditional);
    }

    @Test
    void neighboursInDigitsShareMoreThanDistantPixels() {
        // averaged over pixels of rows 1..5 and columns 4..6 of 7x7 digits
        BinaryImages d = TestImages.digits(7);
        double adjacent = 0;
        double far = 0;
        double two = 0;
        double twoGivenOne = 0;
        int count = 0;
        for (int r = 1; r < 6; r++) {
            for (int c = 4; c < 7; c++) {
                int j = r * 7 + c;
                adjacent += MutualInformation.pairwise(d, j, j - 1, 0.5);
                far += MutualInformation.pairwise(d, j, j - 4, 0.5);
                two += MutualInformation.pairwise(d, j, j - 2, 0.5);
                twoGivenOne += MutualInformation.conditional(d, j, j - 2, new int[] {j - 1}, 0.5);
                count++;
            }
        }
        System.out.printf("digits 7x7, mean MI in nats: left %.4f, 4 left %.4f, 2 left %.4f, 2 left given left %.4f%n",
                adjacent / count, far / count, two / count, twoGivenOne / count);
        assertTrue(adjacent > 10 * far);
        // Strokes break the first-order Markov assumption: the pixel two to the left still
        // informs about x_j once the left neighbour is known.
        assertTrue(twoGivenOne / count > 0.005);
    }

    @Test
    void conditionalMapSkipsTheGivenPixels() {
        BinaryImages d = TestImages.digits(7);
        int centre = 24;
        int[] given = new NeighbourhoodModel(7, 7, 4, 0).context(centre);
        double[] map = MutualInformation.conditionalMap(d, centre, given, 0.5);
        for (int g : given) {
            assertEquals(0, map[g]);
        }
        assertEquals(0, map[centre]);
        assertEquals(MutualInformation.conditional(d, centre, 31, given, 0.5), map[31], 1e-15);
        assertEquals(MutualInformation.pairwise(d, centre, 31, 0.5), MutualInformation.map(d, centre, 0.5)[31], 1e-15);
    }
}
