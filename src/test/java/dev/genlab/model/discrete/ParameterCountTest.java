package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class ParameterCountTest {

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** Stored numbers minus normalisation constraints, as the model holds them. */
    private static BigInteger free(BinaryImageModel m) {
        return big(m.storedParameters() - m.normalisationConstraints());
    }

    @Test
    void theNotesCounts() {
        for (int n = 1; n <= 16; n++) {
            int rows = n % 4 == 0 ? 4 : 1;
            PixelOrdering o = PixelOrdering.raster(rows, n / rows);
            FullJointModel full = new FullJointModel(o, 1);
            assertEquals(big((1L << n) - 1), full.parameterCount());
            assertEquals(full.parameterCount(), free(full));
            assertEquals(big(n), new IndependentModel(o, 1).parameterCount());
            assertEquals(big(n), free(new IndependentModel(o, 1)));
            MarkovModel chain = new MarkovModel(o, 1, 1);
            assertEquals(big(2L * n - 1), chain.parameterCount());
            assertEquals(big(2L * n - 1), free(chain));
            // the chain rule with every predecessor: 1 + 2 + … + 2^{n−1} = 2^n − 1
            assertEquals(full.parameterCount(), new MarkovModel(o, n - 1, 1).parameterCount());
            assertEquals(big(n), new MarkovModel(o, 0, 1).parameterCount());
        }
        assertEquals(big((1L << 16) - 1), ParameterCounts.fullJoint(16));
        assertEquals(big(784), ParameterCounts.independent(784));
        assertEquals(big(2 * 784 - 1), ParameterCounts.markov(784, 1));
    }

    @Test
    void mnistSizedFullJointHas237Digits() {
        BigInteger p = ParameterCounts.fullJoint(784);
        assertEquals(BigInteger.TWO.pow(784).subtract(BigInteger.ONE), p);
        System.out.println("2^784 - 1 has " + ParameterCounts.digits(p) + " digits");
        assertEquals(237, ParameterCounts.digits(p));
        assertEquals(1, ParameterCounts.digits(BigInteger.ZERO));
        assertEquals(4, ParameterCounts.digits(big(1567)));
    }

    @Test
    void modelsStoreWhatTheFormulasSay() {
        int[][] sizes = {{2, 2}, {3, 5}, {7, 7}, {28, 28}};
        for (int[] s : sizes) {
            int n = s[0] * s[1];
            for (int k = 0; k <= 10; k++) {
                MarkovModel m = new MarkovModel(PixelOrdering.snake(s[0], s[1]), k, 1);
                // Σ_t 2^{min(t,k)} summed term by term
                long sum = 0;
                for (int t = 0; t < n; t++) {
                    sum += 1L << Math.min(t, k);
                }
                assertEquals(big(sum), m.parameterCount());
                assertEquals(big(sum), free(m));
                assertEquals(big(sum), ParameterCounts.markov(n, k));
            }
            for (int mm = 0; mm <= 12; mm++) {
                NeighbourhoodModel m = new NeighbourhoodModel(s[0], s[1], mm, 1);
                long sum = 0;
                for (int t = 0; t < n; t++) {
                    sum += 1L << m.context(t).length;
                }
                assertEquals(big(sum), m.parameterCount());
                assertEquals(big(sum), free(m));
                assertEquals(big(sum), ParameterCounts.neighbourhood(s[0], s[1], mm));
            }
        }
    }

    @Test
    void neighbourhoodCountsByHand() {
        // 2x2, radius 1: pixel 0 has no neighbour, 1 has its left, 2 up and up-right, 3 left, up, up-left
        assertEquals(big(1 + 2 + 4 + 8), ParameterCounts.neighbourhood(2, 2, 4));
        // 28x28, radius 1: corner (0,0) 1; rest of row 0: 27 · 2; column 0 below: 27 · 4 (up, up-right);
        // column 27 below: 27 · 8 (left, up, up-left); the 27 · 26 interior: 16
        assertEquals(big(1 + 27 * 2 + 27 * 4 + 27 * 8 + 27 * 26 * 16), ParameterCounts.neighbourhood(28, 28, 4));
        assertEquals(big(28 * 28), ParameterCounts.neighbourhood(28, 28, 0));
    }

    @Test
    void referenceFamilies() {
        assertEquals(big(784 * 785 / 2), ParameterCounts.fvsbn(784));
        assertEquals(big(1 + 2 + 3), ParameterCounts.fvsbn(3));
        // NADE, 784 pixels, 500 hidden: W and V 784 · 500 each, b 784, c 500
        assertEquals(big(2 * 784 * 500 + 784 + 500), ParameterCounts.nade(784, 500));
        // order 8 on MNIST: 1 + 2 + … + 128 = 255, then 776 steps of 256
        assertEquals(big(255 + 776 * 256), ParameterCounts.markov(784, 8));
        assertEquals(big(7), ParameterCounts.markov(3, 5));
    }
}
