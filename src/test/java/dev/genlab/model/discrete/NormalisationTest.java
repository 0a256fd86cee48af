package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every model is a distribution: Σ_x p(x) = 1 over all 2^n images, and p(x) is the product of its
 * own conditionals Π_t p(x_{o_t} | context) — for several sizes, orderings, orders k, neighbourhood
 * sizes and smoothings, α = 0 included (unseen contexts then fall back to ½).
 */
class NormalisationTest {

    private static final double[] ALPHAS = {0, 0.5, 1};

    static List<BinaryImageModel> models(int rows, int cols, String orderingId, double alpha) {
        PixelOrdering o = PixelOrdering.byId(orderingId, rows, cols, 11);
        int n = rows * cols;
        List<BinaryImageModel> ms = new ArrayList<>();
        ms.add(new FullJointModel(o, alpha));
        ms.add(new IndependentModel(o, alpha));
        for (int k : new int[] {0, 1, 2, 3, 5, 8, n - 1, n + 2}) {
            ms.add(new MarkovModel(o, k, alpha));
        }
        for (int m : new int[] {0, 1, 4, 7, 12}) {
            ms.add(new NeighbourhoodModel(rows, cols, m, alpha));
        }
        return ms;
    }

    @Test
    void probabilitiesOfAllImagesSumToOne() {
        int[][] sizes = {{2, 2}, {3, 3}, {4, 4}};
        for (int[] s : sizes) {
            // 25 images: with α = 0 many contexts stay unseen
            BinaryImages train = TestImages.correlated(25, s[0], s[1], 7);
            BinaryImages all = BinaryImages.all(s[0], s[1]);
            for (String id : PixelOrdering.IDS) {
                for (double alpha : ALPHAS) {
                    for (BinaryImageModel m : models(s[0], s[1], id, alpha)) {
                        m.fit(train);
                        double sum = 0;
                        for (int i = 0; i < all.count(); i++) {
                            sum += Math.exp(m.logProb(all.image(i)));
                        }
                        assertEquals(1, sum, 1e-9, m.id() + " " + id + " alpha " + alpha + " " + s[0] + "x" + s[1]);
                    }
                }
            }
        }
    }

    @Test
    void anUnfittedModelIsUniform() {
        for (BinaryImageModel m : models(2, 2, "snake", 0)) {
            assertEquals(-4 * Math.log(2), m.logProb(new byte[] {1, 0, 0, 1}), 1e-12, m.id());
        }
    }

    @Test
    void probabilityIsTheProductOfTheModelsOwnConditionals() {
        int[][] sizes = {{2, 2}, {3, 3}};
        for (int[] s : sizes) {
            BinaryImages train = TestImages.correlated(40, s[0], s[1], 8);
            BinaryImages all = BinaryImages.all(s[0], s[1]);
            for (String id : PixelOrdering.IDS) {
                for (double alpha : ALPHAS) {
                    for (BinaryImageModel m : models(s[0], s[1], id, alpha)) {
                        m.fit(train);
                        int[] order = m.ordering().order();
                        for (int i = 0; i < all.count(); i++) {
                            byte[] x = all.image(i);
                            double p = 1;
                            for (int t = 0; t < order.length; t++) {
                                double c = m.conditionalOne(x, t);
                                p *= x[order[t]] == 1 ? c : 1 - c;
                            }
                            assertEquals(p, Math.exp(m.logProb(x)), 1e-12, m.id() + " " + id + " alpha " + alpha);
                        }
                    }
                }
            }
        }
    }

    @Test
    void contextsArePixelsVisitedEarlier() {
        for (String id : PixelOrdering.IDS) {
            for (BinaryImageModel m : models(4, 4, id, 1)) {
                int[] pos = m.ordering().position();
                int[] order = m.ordering().order();
                for (int t = 0; t < order.length; t++) {
                    for (int p : m.context(t)) {
                        assertEquals(true, pos[p] < t, m.id() + " step " + t + " uses pixel " + p);
                    }
                }
            }
        }
    }

    @Test
    void markovOfOrderZeroIsTheIndependentModel() {
        BinaryImages train = TestImages.correlated(30, 3, 3, 9);
        BinaryImages all = BinaryImages.all(3, 3);
        PixelOrdering o = PixelOrdering.hilbert(3, 3);
        MarkovModel k0 = new MarkovModel(o, 0, 0.5);
        IndependentModel ind = new IndependentModel(o, 0.5);
        k0.fit(train);
        ind.fit(train);
        for (int i = 0; i < all.count(); i++) {
            assertEquals(ind.logProb(all.image(i)), k0.logProb(all.image(i)), 1e-12);
        }
    }

    @Test
    void fullJointRefusesMoreThanSixteenPixels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FullJointModel(5, 5, 1));
        assertEquals(true, e.getMessage().contains("16"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MarkovModel(PixelOrdering.raster(2, 2), 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new NeighbourhoodModel(4, 4, 13, 1));
        assertThrows(IllegalArgumentException.class, () -> NeighbourhoodModel.ofRadius(4, 4, 3, 1));
    }
}
