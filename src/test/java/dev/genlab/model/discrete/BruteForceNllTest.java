package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The reported NLL against −mean ln p computed a second way: every conditional re-counted from the
 * raw training images (scan all images, keep those whose context bits match), never through the
 * models' tables.
 */
class BruteForceNllTest {

    private static final BinaryImages DIGITS = TestImages.digits(7);
    private static final BinaryImages TRAIN = DIGITS.subset(0, 200);
    private static final BinaryImages TEST = DIGITS.subset(1000, 1100);

    /** ln [(n1 + α) / (n + 2α)] (or ln ½ for n = 0) of x's value at pixel p among images matching x on ctx. */
    static double logConditional(BinaryImages train, byte[] x, int p, int[] ctx, double alpha) {
        int n = 0;
        int n1 = 0;
        for (int i = 0; i < train.count(); i++) {
            boolean match = true;
            for (int q : ctx) {
                match &= train.bit(i, q) == x[q];
            }
            if (match) {
                n++;
                n1 += train.bit(i, p);
            }
        }
        if (n == 0) {
            return Math.log(0.5);
        }
        double p1 = (n1 + alpha) / (n + 2 * alpha);
        return Math.log(x[p] == 1 ? p1 : 1 - p1);
    }

    /** −mean over the set of Σ_t ln p(x_{o_t} | x_{context_t}), contexts given per step. */
    static double bruteNll(BinaryImages train, BinaryImages data, int[] order, int[][] ctx, double alpha) {
        double sum = 0;
        for (int i = 0; i < data.count(); i++) {
            byte[] x = data.image(i);
            for (int t = 0; t < order.length; t++) {
                sum -= logConditional(train, x, order[t], ctx[t], alpha);
            }
        }
        return sum / data.count();
    }

    @Test
    void markovNllFromRawCounts() {
        for (String id : new String[] {"raster", "hilbert", "random"}) {
            PixelOrdering o = PixelOrdering.byId(id, 7, 7, 3);
            int[] order = o.order();
            for (int k : new int[] {0, 1, 2, 4, 8}) {
                // the k pixels visited just before, written out independently of the model
                int[][] ctx = new int[order.length][];
                for (int t = 0; t < order.length; t++) {
                    ctx[t] = java.util.Arrays.copyOfRange(order, Math.max(0, t - k), t);
                }
                for (double alpha : new double[] {0.1, 1}) {
                    MarkovModel m = new MarkovModel(o, k, alpha);
                    m.fit(TRAIN);
                    assertEquals(bruteNll(TRAIN, TEST, order, ctx, alpha), m.nll(TEST), 1e-9, id + " k=" + k);
                    assertEquals(bruteNll(TRAIN, TRAIN, order, ctx, alpha), m.trainNll(), 1e-9, id + " k=" + k);
                }
            }
        }
    }

    @Test
    void independentNllFromRawCounts() {
        int[] order = PixelOrdering.raster(7, 7).order();
        int[][] none = new int[49][0];
        IndependentModel m = new IndependentModel(7, 7, 0.5);
        m.fit(TRAIN);
        assertEquals(bruteNll(TRAIN, TEST, order, none, 0.5), m.nll(TEST), 1e-9);
    }

    @Test
    void neighbourhoodNllFromRawCounts() {
        int[] order = PixelOrdering.raster(7, 7).order();
        for (int r = 0; r <= 2; r++) {
            // the causal square of radius r: rows above within r, and the r pixels to the left
            int[][] ctx = new int[49][];
            for (int p = 0; p < 49; p++) {
                int row = p / 7;
                int col = p % 7;
                java.util.List<Integer> nb = new java.util.ArrayList<>();
                for (int dr = -r; dr <= 0; dr++) {
                    for (int dc = -r; dc <= r; dc++) {
                        boolean causal = dr < 0 || dc < 0;
                        int rr = row + dr;
                        int cc = col + dc;
                        if (causal && rr >= 0 && cc >= 0 && cc < 7) {
                            nb.add(rr * 7 + cc);
                        }
                    }
                }
                ctx[p] = nb.stream().mapToInt(Integer::intValue).toArray();
            }
            NeighbourhoodModel m = NeighbourhoodModel.ofRadius(7, 7, r, 0.5);
            m.fit(TRAIN);
            assertEquals(bruteNll(TRAIN, TEST, order, ctx, 0.5), m.nll(TEST), 1e-9, "r=" + r);
        }
    }

    @Test
    void fullJointNllFromRawCounts() {
        BinaryImages d = TestImages.digits(4);
        BinaryImages train = d.subset(0, 500);
        BinaryImages test = d.subset(1000, 1200);
        double alpha = 0.05;
        double sum = 0;
        for (int i = 0; i < test.count(); i++) {
            int same = 0;
            for (int j = 0; j < train.count(); j++) {
                same += java.util.Arrays.equals(test.image(i), train.image(j)) ? 1 : 0;
            }
            sum -= Math.log((same + alpha) / (train.count() + alpha * 65536));
        }
        FullJointModel m = new FullJointModel(4, 4, alpha);
        m.fit(train);
        assertEquals(sum / test.count(), m.nll(test), 1e-9);
    }

    @Test
    void trainNllFromCountsEqualsThePassOverTheImages() {
        BinaryImages d4 = TestImages.digits(4).subset(0, 300);
        for (double alpha : new double[] {0, 0.5}) {
            BinaryImageModel[] ms = {
                new FullJointModel(4, 4, alpha),
                new IndependentModel(7, 7, alpha),
                new MarkovModel(PixelOrdering.snake(7, 7), 3, alpha),
                new MarkovModel(PixelOrdering.random(7, 7, 1), 8, alpha),
                new NeighbourhoodModel(7, 7, 7, alpha),
            };
            for (BinaryImageModel m : ms) {
                BinaryImages train = m.ordering().rows() == 4 ? d4 : TRAIN;
                m.fit(train);
                double viaImages = m.nll(train);
                assertEquals(true, Double.isFinite(viaImages), m.id());
                assertEquals(viaImages, m.trainNll(), 1e-9, m.id() + " alpha " + alpha);
                // and the interface's own definition, one logProb per image
                double sum = 0;
                for (int i = 0; i < train.count(); i++) {
                    sum -= m.logProb(train.image(i));
                }
                assertEquals(sum / train.count(), viaImages, 1e-9, m.id());
            }
        }
    }
}
