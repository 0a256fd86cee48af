package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tests of {@link MlpDiscriminator1D}: hand-written backprop against finite differences, and training on the exact V. */
class MlpDiscriminator1DTest {

    static final Game1D GAME = new Game1D(Game1DTest.TWO, AffineGenerator.ofMeanSd(0, 1.5));

    /** ∇_θ V(D_θ, G) by backprop equals central differences of the quadrature V to 1e-6, for every parameter. */
    @Test
    void valueGradientMatchesFiniteDifferences() {
        for (Game1D game : new Game1D[] {GAME, Game1DTest.games().get(2)}) {
            MlpDiscriminator1D d = MlpDiscriminator1D.forGame(game, 6, 9);
            double[] g = d.valueGradient(game);
            double[] t = d.params();
            double h = 1e-6;
            for (int j = 0; j < t.length; j++) {
                double[] tp = t.clone();
                double[] tm = t.clone();
                tp[j] += h;
                tm[j] -= h;
                double fd = (game.value(d.withParams(tp)) - game.value(d.withParams(tm))) / (2 * h);
                assertEquals(fd, g[j], 1e-6 * Math.max(1, Math.abs(fd)), "θ_" + j);
            }
            assertTrue(Truth.norm(g) > 1e-2, "an untrained D should have a clear gradient");
        }
    }

    /** da/dx against central differences of the logit. */
    @Test
    void logitDerivativeMatchesFiniteDifferences() {
        MlpDiscriminator1D d = MlpDiscriminator1D.random(8, new Interval(-4, 4), 2);
        double h = 1e-6;
        for (double x = -7; x <= 7; x += 0.23) {
            double fd = (d.logit(x + h) - d.logit(x - h)) / (2 * h);
            assertEquals(fd, d.logitDerivative(x), 1e-7 * Math.max(1, Math.abs(fd)), "x=" + x);
        }
    }

    /**
     * Gradient ascent on the exact V (H = 16, seed 1, step 0.3) climbs towards V(D*, G) = −1.1047: the gap
     * V(D*) − V(D) falls from 0.34 (random init) through 0.068 and 0.016 to below 0.005 after 1,500 steps, V rising at
     * each checkpoint and never above V(D*).
     */
    @Test
    void trainingClimbsTowardsTheOptimalValue() {
        double best = GAME.optimalValue();
        assertEquals(-1.1047, best, 1e-4);
        MlpDiscriminator1D d = MlpDiscriminator1D.forGame(GAME, 16, 1);
        double v = GAME.value(d);
        assertTrue(best - v > 0.3, "the random start is already good: gap " + (best - v));
        int done = 0;
        for (int n : new int[] {100, 400, 1500}) {
            MlpDiscriminator1D next = d.train(GAME, n - done, 0.3);
            done = n;
            double vn = GAME.value(next);
            assertTrue(vn > v, "V fell from " + v + " to " + vn + " by step " + n);
            assertTrue(vn <= best + 1e-12, "V(D) = " + vn + " above V(D*) = " + best);
            d = next;
            v = vn;
        }
        assertTrue(best - v < 0.005, "gap after 1,500 steps: " + (best - v));
        // The trained D is close to D* where the data and the fakes are.
        OptimalDiscriminator opt = GAME.optimalDiscriminator();
        for (double x = -2; x <= 2.5; x += 0.5) {
            assertEquals(opt.value(x), d.value(x), 0.06, "x=" + x);
        }
    }

    /** The same seed gives the same network; another seed another; train leaves its receiver unchanged. */
    @Test
    void seededAndImmutable() {
        MlpDiscriminator1D a = MlpDiscriminator1D.forGame(GAME, 5, 42);
        assertArrayEquals(a.params(), MlpDiscriminator1D.forGame(GAME, 5, 42).params(), 0);
        assertNotEquals(a.params()[0], MlpDiscriminator1D.forGame(GAME, 5, 43).params()[0]);
        assertEquals(16, a.numParams());
        double[] before = a.params();
        MlpDiscriminator1D b = a.train(GAME, 5, 0.3);
        assertArrayEquals(before, a.params(), 0);
        assertNotEquals(before[15], b.params()[15]);
        Mixture1DTest.assertMessage("at least one hidden unit", () -> MlpDiscriminator1D.random(0, new Interval(0, 1), 1));
        Mixture1DTest.assertMessage("length 3H + 1", () -> new MlpDiscriminator1D(0, 1, new double[5]));
        Mixture1DTest.assertMessage("steps ≥ 0", () -> a.train(GAME, -1, 0.1));
    }
}
