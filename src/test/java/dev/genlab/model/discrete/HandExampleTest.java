package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Maximum-likelihood counts on three 2x2 images, worked out by hand. */
class HandExampleTest {

    /*
     * Pixels  0 1     A = 1 1    B = 1 0    C = 0 0
     *         2 3         0 0        1 0        1 1
     */
    static final BinaryImages ABC = new BinaryImages(3, 2, 2, new byte[] {
        1, 1, 0, 0,
        1, 0, 1, 0,
        0, 0, 1, 1,
    });
    static final byte[] A = {1, 1, 0, 0};
    static final byte[] B = {1, 0, 1, 0};
    static final byte[] C = {0, 0, 1, 1};

    @Test
    void independentMarginals() {
        IndependentModel m = new IndependentModel(2, 2, 0);
        m.fit(ABC);
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 2 / 3.0, 1 / 3.0}, m.marginals(), 1e-15);
        // Laplace: (count + 1) / (3 + 2)
        IndependentModel laplace = new IndependentModel(2, 2, 1);
        laplace.fit(ABC);
        assertArrayEquals(new double[] {0.6, 0.4, 0.6, 0.4}, laplace.marginals(), 1e-15);
        // p(A) = 2/3 · 1/3 · 1/3 · 2/3
        assertEquals(Math.log(4 / 81.0), m.logProb(A), 1e-12);
    }

    @Test
    void firstOrderMarkovCountsInRasterOrder() {
        MarkovModel m = new MarkovModel(PixelOrdering.raster(2, 2), 1, 0);
        m.fit(ABC);
        byte[] x = new byte[4];
        assertEquals(2 / 3.0, m.conditionalOne(x, 0), 1e-15);
        // p(x1 = 1 | x0 = 1): A, B -> 1 of 2;   p(x1 = 1 | x0 = 0): C -> 0 of 1
        assertEquals(0.5, m.conditionalOne(new byte[] {1, 0, 0, 0}, 1), 1e-15);
        assertEquals(0.0, m.conditionalOne(new byte[] {0, 0, 0, 0}, 1), 1e-15);
        // p(x2 = 1 | x1 = 1): A -> 0 of 1;      p(x2 = 1 | x1 = 0): B, C -> 2 of 2
        assertEquals(0.0, m.conditionalOne(new byte[] {0, 1, 0, 0}, 2), 1e-15);
        assertEquals(1.0, m.conditionalOne(new byte[] {0, 0, 0, 0}, 2), 1e-15);
        // p(x3 = 1 | x2 = 0): A -> 0 of 1;      p(x3 = 1 | x2 = 1): B, C -> 1 of 2
        assertEquals(0.0, m.conditionalOne(new byte[] {0, 0, 0, 0}, 3), 1e-15);
        assertEquals(0.5, m.conditionalOne(new byte[] {0, 0, 1, 0}, 3), 1e-15);
        // p(A) = 2/3 · 1/2 · 1 · 1,  p(B) = 2/3 · 1/2 · 1 · 1/2,  p(C) = 1/3 · 1 · 1 · 1/2
        assertEquals(Math.log(1 / 3.0), m.logProb(A), 1e-12);
        assertEquals(Math.log(1 / 6.0), m.logProb(B), 1e-12);
        assertEquals(Math.log(1 / 6.0), m.logProb(C), 1e-12);
        assertEquals(-(Math.log(1 / 3.0) + 2 * Math.log(1 / 6.0)) / 3, m.trainNll(), 1e-12);
        assertArrayEquals(new int[] {1}, m.context(2));
    }

    @Test
    void smoothedMarkovCounts() {
        MarkovModel m = new MarkovModel(PixelOrdering.raster(2, 2), 1, 1);
        m.fit(ABC);
        assertEquals(3 / 5.0, m.conditionalOne(new byte[4], 0), 1e-15);
        // (1 + 1) / (2 + 2) and (0 + 1) / (1 + 2)
        assertEquals(0.5, m.conditionalOne(new byte[] {1, 0, 0, 0}, 1), 1e-15);
        assertEquals(1 / 3.0, m.conditionalOne(new byte[] {0, 0, 0, 0}, 1), 1e-15);
        // (2 + 1) / (2 + 2)
        assertEquals(0.75, m.conditionalOne(new byte[] {0, 0, 0, 0}, 2), 1e-15);
    }

    @Test
    void columnOrderChangesTheChain() {
        // Column order visits 0, 2, 1, 3: p(x2 = 1 | x0 = 1) = 1 of 2 (B), p(x2 = 1 | x0 = 0) = 1 of 1 (C)
        MarkovModel m = new MarkovModel(PixelOrdering.column(2, 2), 1, 0);
        m.fit(ABC);
        assertEquals(0.5, m.conditionalOne(new byte[] {1, 0, 0, 0}, 1), 1e-15);
        assertEquals(1.0, m.conditionalOne(new byte[] {0, 0, 0, 0}, 1), 1e-15);
        assertArrayEquals(new int[] {2}, m.context(2));
    }

    @Test
    void unseenContextWithoutSmoothingIsOneHalf() {
        // Order 2: the context (x1, x0) = (1, 0) of step 2 occurs in none of A, B, C
        MarkovModel m = new MarkovModel(PixelOrdering.raster(2, 2), 2, 0);
        m.fit(ABC);
        assertEquals(0.5, m.conditionalOne(new byte[] {0, 1, 0, 0}, 2), 1e-15);
        assertArrayEquals(new int[] {1, 0}, m.context(2));
        // Seen: (x1, x0) = (0, 1) only in B, which has x2 = 1
        assertEquals(1.0, m.conditionalOne(new byte[] {1, 0, 0, 0}, 2), 1e-15);
    }

    @Test
    void fullJointCounts() {
        FullJointModel m = new FullJointModel(2, 2, 0);
        m.fit(ABC);
        assertEquals(Math.log(1 / 3.0), m.logProb(A), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, m.logProb(new byte[] {1, 1, 1, 1}));
        FullJointModel laplace = new FullJointModel(2, 2, 1);
        laplace.fit(ABC);
        // (1 + 1) / (3 + 16) and (0 + 1) / (3 + 16)
        assertEquals(Math.log(2 / 19.0), laplace.logProb(B), 1e-12);
        assertEquals(Math.log(1 / 19.0), laplace.logProb(new byte[] {0, 1, 1, 0}), 1e-12);
        // p(x1 = 1 | x0 = 1) summed out of the table: p(A) / (p(A) + p(B))
        assertEquals(0.5, m.conditionalOne(new byte[] {1, 0, 0, 0}, 1), 1e-15);
    }

    @Test
    void neighbourhoodOfRadiusOneOnTwoByTwoIsTheFullChainRule() {
        // Pixel 3's neighbours are left (2), up (1), up-left (0): context bits in stencil order
        NeighbourhoodModel m = NeighbourhoodModel.ofRadius(2, 2, 1, 0);
        assertArrayEquals(new int[] {2, 1, 0}, m.context(3));
        assertArrayEquals(new int[] {0, 1}, m.context(2)); // up (0), up-right (1)
        assertEquals(java.math.BigInteger.valueOf(15), m.parameterCount());
        m.fit(ABC);
        FullJointModel full = new FullJointModel(2, 2, 0);
        full.fit(ABC);
        BinaryImages all = BinaryImages.all(2, 2);
        for (int i = 0; i < 16; i++) {
            assertEquals(Math.exp(full.logProb(all.image(i))), Math.exp(m.logProb(all.image(i))), 1e-12);
        }
    }
}
