package dev.genlab.scene.chainrule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The chain rule, Bayes' rule and the CI projection on three binary variables, against the table itself. */
class ChainRuleModelTest {

    /** The scene's default weights (they add up to 1). */
    static final double[] DEFAULT = {0.44, 0.03, 0.03, 0.29, 0.04, 0.15, 0.01, 0.01};

    private static double[] randomTable(Random rnd) {
        double[] u = new double[8];
        for (int i = 0; i < 8; i++) {
            u[i] = rnd.nextDouble();
        }
        return ChainRuleModel.normalise(u);
    }

    @Test
    void everyOrderOfTheChainRuleGivesBackTheJoint() {
        Random rnd = new Random(3);
        for (int t = 0; t < 200; t++) {
            double[] p = t == 0 ? ChainRuleModel.normalise(DEFAULT) : randomTable(rnd);
            for (String o : ChainRuleModel.ORDERS) {
                ChainRuleModel.Tree tree = ChainRuleModel.tree(p, ChainRuleModel.order(o));
                for (int i = 0; i < 8; i++) {
                    assertEquals(p[i], tree.productOf(i), 1e-15 * p[i], o + " entry " + i);
                }
                for (int leaf = 0; leaf < 8; leaf++) {
                    assertEquals(p[tree.tableIndex()[leaf]], tree.joint()[leaf]);
                }
            }
        }
    }

    @Test
    void theTreesFirstLevelIsTheFirstVariablesMarginal() {
        double[] p = ChainRuleModel.normalise(DEFAULT);
        ChainRuleModel.Tree rsw = ChainRuleModel.tree(p, ChainRuleModel.order("RSW"));
        ChainRuleModel.Tree wrs = ChainRuleModel.tree(p, ChainRuleModel.order("WRS"));
        assertEquals(0.04 + 0.15 + 0.01 + 0.01, rsw.first()[1], 1e-15, "p(R = 1)");
        assertEquals(0.03 + 0.29 + 0.15 + 0.01, wrs.first()[1], 1e-15, "p(W = 1)");
        // p(W = 1 | R = 0, S = 1) = 0.29 / (0.03 + 0.29), leaf path 4 * 0 + 2 * 1 + 1
        assertEquals(0.29 / 0.32, rsw.third()[3], 1e-15);
        // every edge out of one node adds up to 1
        for (int a = 0; a < 2; a++) {
            assertEquals(1, wrs.second()[2 * a] + wrs.second()[2 * a + 1], 1e-15);
        }
    }

    @Test
    void aBranchOfProbabilityZeroHasUndefinedConditionalsAndProductZero() {
        double[] p = ChainRuleModel.normalise(new double[] {1, 1, 1, 1, 0, 0, 0, 0});
        ChainRuleModel.Tree t = ChainRuleModel.tree(p, ChainRuleModel.order("RSW"));
        assertEquals(0, t.first()[1]);
        assertTrue(Double.isNaN(t.second()[2]));
        assertEquals(0, t.productOf(ChainRuleModel.index(1, 1, 1)));
    }

    @Test
    void bayesEqualsTheTableRatio() {
        Random rnd = new Random(5);
        for (int t = 0; t < 100; t++) {
            double[] p = randomTable(rnd);
            for (int x = 0; x < 3; x++) {
                for (int y = 0; y < 3; y++) {
                    if (x == y) {
                        continue;
                    }
                    for (int xv = 0; xv < 2; xv++) {
                        for (int yv = 0; yv < 2; yv++) {
                            ChainRuleModel.Bayes b = ChainRuleModel.bayes(p, x, xv, y, yv);
                            double ratio = ChainRuleModel.marginal(p, new int[] {x, y}, new int[] {xv, yv})
                                    / ChainRuleModel.marginal(p, new int[] {y}, new int[] {yv});
                            assertEquals(ratio, b.posterior(), 1e-15 * ratio);
                            assertEquals(ratio, b.joint() / b.evidence(), 1e-15 * ratio);
                            assertEquals(b.likelihood() * b.prior() / b.evidence(), b.posterior(), 0);
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ChainRuleModel.bayes(randomTable(rnd), 0, 1, 0, 1));
    }

    @Test
    void bayesOnTheDefaultTable() {
        double[] p = ChainRuleModel.normalise(DEFAULT);
        ChainRuleModel.Bayes b = ChainRuleModel.bayes(p, ChainRuleModel.R, 1, ChainRuleModel.W, 1);
        // p(R=1, W=1) = 0.15 + 0.01, p(W=1) = 0.03 + 0.29 + 0.15 + 0.01, p(R=1) = 0.21
        assertEquals(0.16 / 0.48, b.posterior(), 1e-15);
        assertEquals(0.16 / 0.21, b.likelihood(), 1e-15);
        assertEquals(0.21, b.prior(), 1e-15);
    }

    @Test
    void theProjectionMakesTheIndependenceHoldAndKeepsItsFactors() {
        Random rnd = new Random(7);
        for (int t = 0; t < 100; t++) {
            double[] p = t == 0 ? ChainRuleModel.normalise(DEFAULT) : randomTable(rnd);
            for (String st : ChainRuleModel.CI_STATEMENTS) {
                int[] xyz = ChainRuleModel.ciStatement(st);
                int x = xyz[0];
                int y = xyz[1];
                int z = xyz[2];
                assertFalse(ChainRuleModel.holds(p, x, y, z), "a random table has no independence");
                double[] q = ChainRuleModel.project(p, x, y, z);
                assertEquals(1, ChainRuleModel.sum(q), 1e-15);
                assertTrue(ChainRuleModel.ciGap(q, x, y, z) <= 1e-12, st);
                assertTrue(ChainRuleModel.holds(q, x, y, z));
                assertEquals(0, ChainRuleModel.conditionalMutualInformation(q, x, y, z), 1e-12);
                for (int vz = 0; vz < 2; vz++) {
                    assertEquals(ChainRuleModel.marginal(p, new int[] {z}, new int[] {vz}),
                            ChainRuleModel.marginal(q, new int[] {z}, new int[] {vz}), 1e-15, "p(z)");
                    for (int v = 0; v < 2; v++) {
                        assertEquals(ChainRuleModel.conditional(p, x, v, new int[] {z}, new int[] {vz}),
                                ChainRuleModel.conditional(q, x, v, new int[] {z}, new int[] {vz}), 1e-14, "p(x|z)");
                        assertEquals(ChainRuleModel.conditional(p, y, v, new int[] {z}, new int[] {vz}),
                                ChainRuleModel.conditional(q, y, v, new int[] {z}, new int[] {vz}), 1e-14, "p(y|z)");
                    }
                }
                // KL(p || q*) is the conditional mutual information, the price of assuming the independence
                assertEquals(ChainRuleModel.conditionalMutualInformation(p, x, y, z), ChainRuleModel.kl(p, q), 1e-14);
                // projecting twice changes nothing
                assertArrayEquals(q, ChainRuleModel.project(q, x, y, z), 1e-15);
            }
        }
    }

    @Test
    void afterTheProjectionTheTreeInTheOrderZxyForgetsX() {
        // the lesson's claim: in the order Z, X, Y the third level is p(y | x, z) = p(y | z)
        double[] p = ChainRuleModel.normalise(DEFAULT);
        double[] q = ChainRuleModel.project(p, ChainRuleModel.R, ChainRuleModel.S, ChainRuleModel.W);
        ChainRuleModel.Tree before = ChainRuleModel.tree(p, ChainRuleModel.order("WRS"));
        ChainRuleModel.Tree after = ChainRuleModel.tree(q, ChainRuleModel.order("WRS"));
        for (int w = 0; w < 2; w++) {
            // leaf path 4w + 2r + s: S = 1 after (w, r = 0) and after (w, r = 1)
            assertTrue(Math.abs(before.third()[4 * w + 1] - before.third()[4 * w + 3]) > 0.1, "explaining away");
            assertEquals(after.third()[4 * w + 1], after.third()[4 * w + 3], 1e-14);
        }
        assertEquals(before.first()[1], after.first()[1], 1e-15, "p(W) is kept");
        assertEquals(before.second()[3], after.second()[3], 1e-14, "p(R | W) is kept");
    }

    @Test
    void theProjectionIsTheKlClosestAmongRandomIndependentTables() {
        Random rnd = new Random(11);
        double[] p = ChainRuleModel.normalise(DEFAULT);
        for (String st : ChainRuleModel.CI_STATEMENTS) {
            int[] xyz = ChainRuleModel.ciStatement(st);
            double best = ChainRuleModel.kl(p, ChainRuleModel.project(p, xyz[0], xyz[1], xyz[2]));
            for (int t = 0; t < 2000; t++) {
                // a random member of the family: q(z) q(x | z) q(y | z), 5 numbers
                double qz = rnd.nextDouble();
                double[] qx = {rnd.nextDouble(), rnd.nextDouble()};
                double[] qy = {rnd.nextDouble(), rnd.nextDouble()};
                if (t % 2 == 1) {
                    // near the projection too, where a wrong formula would lose
                    double[] q = ChainRuleModel.project(p, xyz[0], xyz[1], xyz[2]);
                    qz = clamp(ChainRuleModel.marginal(q, new int[] {xyz[2]}, new int[] {1}) + 0.02 * rnd.nextGaussian());
                    for (int vz = 0; vz < 2; vz++) {
                        qx[vz] = clamp(ChainRuleModel.conditional(q, xyz[0], 1, new int[] {xyz[2]}, new int[] {vz})
                                + 0.02 * rnd.nextGaussian());
                        qy[vz] = clamp(ChainRuleModel.conditional(q, xyz[1], 1, new int[] {xyz[2]}, new int[] {vz})
                                + 0.02 * rnd.nextGaussian());
                    }
                }
                double[] q = new double[8];
                for (int i = 0; i < 8; i++) {
                    int vx = ChainRuleModel.value(i, xyz[0]);
                    int vy = ChainRuleModel.value(i, xyz[1]);
                    int vz = ChainRuleModel.value(i, xyz[2]);
                    q[i] = (vz == 1 ? qz : 1 - qz) * (vx == 1 ? qx[vz] : 1 - qx[vz]) * (vy == 1 ? qy[vz] : 1 - qy[vz]);
                }
                assertTrue(ChainRuleModel.holds(q, xyz[0], xyz[1], xyz[2]), "the random q is in the family");
                assertTrue(best <= ChainRuleModel.kl(p, q) + 1e-15, st + ": " + best + " > " + ChainRuleModel.kl(p, q));
            }
        }
    }

    private static double clamp(double v) {
        return Math.max(1e-6, Math.min(1 - 1e-6, v));
    }

    @Test
    void normalisationDividesByTheSum() {
        double[] u = {1, 2, 3, 4, 0, 0, 0, 10};
        double[] p = ChainRuleModel.normalise(u);
        assertEquals(1, ChainRuleModel.sum(p), 1e-15);
        assertEquals(0.05, p[0], 1e-15);
        assertEquals(0.5, p[7], 1e-15);
        assertArrayEquals(p, ChainRuleModel.normalise(new double[] {2, 4, 6, 8, 0, 0, 0, 20}), 1e-15, "scale-free");
    }

    @Test
    void anAllZeroTableIsRefusedWithAMessage() {
        double[] zero = new double[8];
        assertTrue(ChainRuleModel.allZero(zero));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChainRuleModel.normalise(zero));
        assertTrue(e.getMessage().contains("all 8 weights are 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChainRuleModel.normalise(new double[] {1, -1, 0, 0, 0, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> ChainRuleModel.normalise(new double[] {1, Double.NaN, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void ordersStatementsAndKnobIds() {
        assertArrayEquals(new int[] {2, 0, 1}, ChainRuleModel.order("WRS"));
        assertArrayEquals(new int[] {0, 1, 2}, ChainRuleModel.ciStatement("RS|W"));
        assertThrows(IllegalArgumentException.class, () -> ChainRuleModel.order("RRS"));
        assertEquals("p101", ChainRuleModel.knobId(ChainRuleModel.index(1, 0, 1)));
        assertEquals(6, ChainRuleModel.ORDERS.stream().distinct().count());
    }
}
