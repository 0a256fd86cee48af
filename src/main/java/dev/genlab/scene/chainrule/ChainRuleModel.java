package dev.genlab.scene.chainrule;

import java.util.List;

/**
 * Exact probability on three binary variables R (it rained), S (the sprinkler ran) and W (the
 * grass is wet): a joint table of 8 numbers and what the chain rule, Bayes' rule and
 * conditional independence make of it. Plain Java on 8 doubles, no JavaFX.
 *
 * <p>Table index of (r, s, w) is {@code 4r + 2s + w}. The equations:
 * <ul>
 *   <li>normalisation: {@code p(r,s,w) = u(r,s,w) / Σ u} for non-negative weights u, not all 0;</li>
 *   <li>chain rule, for every order (A, B, C) of (R, S, W):
 *       {@code p(a,b,c) = p(a) p(b | a) p(c | a,b)}, with {@code p(b | a) = p(a,b) / p(a)};</li>
 *   <li>Bayes' rule: {@code p(x | y) = p(y | x) p(x) / p(y)};</li>
 *   <li>conditional independence X ⊥ Y | Z: {@code p(x,y | z) = p(x | z) p(y | z)} for every z with
 *       {@code p(z) > 0}; its size is measured by the conditional mutual information
 *       {@code I(X;Y|Z) = Σ p(x,y,z) log [p(x,y,z) p(z) / (p(x,z) p(y,z))]} (nats);</li>
 *   <li>the I-projection onto the family where X ⊥ Y | Z holds,
 *       {@code q*(x,y,z) = p(z) p(x | z) p(y | z)}, minimises {@code KL(p ‖ q)} over that family and
 *       {@code KL(p ‖ q*) = I(X;Y|Z)} (Cover and Thomas, <i>Elements of Information Theory</i>, 2nd ed.,
 *       2006, ch. 2; Koller and Friedman, <i>Probabilistic Graphical Models</i>, 2009, ch. 3 and 8).</li>
 * </ul>
 * A full table has {@value #FULL_PARAMETERS} free numbers; one where X ⊥ Y | Z holds is described
 * by {@value #CI_PARAMETERS}: p(z) takes 1, p(x | z) and p(y | z) take 2 each.
 */
public final class ChainRuleModel {

    public static final int R = 0;
    public static final int S = 1;
    public static final int W = 2;
    /** The variables' letters, by index. */
    public static final String LETTERS = "RSW";
    /** The six orders of the chain rule, each a string of the three letters. */
    public static final List<String> ORDERS = List.of("RSW", "RWS", "SRW", "SWR", "WRS", "WSR");
    /** The three statements "X ⊥ Y | Z", written {@code XY|Z}. */
    public static final List<String> CI_STATEMENTS = List.of("RS|W", "RW|S", "SW|R");
    public static final int FULL_PARAMETERS = 7;
    public static final int CI_PARAMETERS = 5;
    /** A conditional independence counts as holding when the largest gap is at most this. */
    public static final double CI_TOLERANCE = 1e-9;

    private ChainRuleModel() {
    }

    /** Table index of (r, s, w). */
    public static int index(int r, int s, int w) {
        return 4 * r + 2 * s + w;
    }

    /** The value (0 or 1) of variable var in table entry index. */
    public static int value(int index, int var) {
        return (index >> (2 - var)) & 1;
    }

    /** "p" followed by the bits of r, s, w: the knob id of a table entry. */
    public static String knobId(int index) {
        return "p" + value(index, R) + value(index, S) + value(index, W);
    }

    /** The variable indices of an order such as "WRS". */
    public static int[] order(String letters) {
        if (letters.length() != 3) {
            throw new IllegalArgumentException("an order names all three variables: " + letters);
        }
        int[] o = new int[3];
        for (int i = 0; i < 3; i++) {
            o[i] = var(letters.charAt(i));
        }
        if (o[0] == o[1] || o[1] == o[2] || o[0] == o[2]) {
            throw new IllegalArgumentException("an order names each variable once: " + letters);
        }
        return o;
    }

    /** The variable of a letter R, S or W. */
    public static int var(char letter) {
        int v = LETTERS.indexOf(letter);
        if (v < 0) {
            throw new IllegalArgumentException("no variable " + letter + "; the variables are R, S, W");
        }
        return v;
    }

    /** {x, y, z} of a statement "XY|Z". */
    public static int[] ciStatement(String s) {
        if (s.length() != 4 || s.charAt(2) != '|') {
            throw new IllegalArgumentException("a statement reads XY|Z, not " + s);
        }
        return order("" + s.charAt(0) + s.charAt(1) + s.charAt(3));
    }

    /**
     * The table p = u / Σu.
     *
     * @throws IllegalArgumentException when a weight is negative or not finite, or all are 0
     *         (there is nothing to normalise: no distribution gives every outcome probability 0)
     */
    public static double[] normalise(double[] weights) {
        if (weights.length != 8) {
            throw new IllegalArgumentException("a table of three binary variables has 8 entries, not " + weights.length);
        }
        double sum = 0;
        for (double u : weights) {
            if (!(u >= 0) || Double.isInfinite(u)) {
                throw new IllegalArgumentException("weights must be finite and non-negative, not " + u);
            }
            sum += u;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("all 8 weights are 0: there is no distribution to normalise to,"
                    + " since the probabilities must add up to 1");
        }
        double[] p = new double[8];
        for (int i = 0; i < 8; i++) {
            p[i] = weights[i] / sum;
        }
        return p;
    }

    /** True when every weight is 0, the one table {@link #normalise} refuses for want of mass. */
    public static boolean allZero(double[] weights) {
        for (double u : weights) {
            if (u != 0) {
                return false;
            }
        }
        return true;
    }

    /** The sum of the weights. */
    public static double sum(double[] weights) {
        double s = 0;
        for (double u : weights) {
            s += u;
        }
        return s;
    }

    /** p(vars = vals): the table summed over the variables not named. */
    public static double marginal(double[] p, int[] vars, int[] vals) {
        double s = 0;
        for (int i = 0; i < 8; i++) {
            boolean match = true;
            for (int k = 0; k < vars.length; k++) {
                if (value(i, vars[k]) != vals[k]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                s += p[i];
            }
        }
        return s;
    }

    /** p(var = val | given = givenVals); NaN when the condition has probability 0. */
    public static double conditional(double[] p, int var, int val, int[] given, int[] givenVals) {
        int[] vars = new int[given.length + 1];
        int[] vals = new int[given.length + 1];
        System.arraycopy(given, 0, vars, 0, given.length);
        System.arraycopy(givenVals, 0, vals, 0, given.length);
        vars[given.length] = var;
        vals[given.length] = val;
        double den = marginal(p, given, givenVals);
        return den == 0 ? Double.NaN : marginal(p, vars, vals) / den;
    }

    /**
     * The probability tree of the chain rule in one order (a, b, c). Paths are numbered by the values
     * taken along them: level 1 by a, level 2 by 2a + b, the leaves by 4a + 2b + c.
     *
     * @param order     the variables in the order they are drawn
     * @param first     p(a) for a = 0, 1
     * @param second    p(b | a) at path 2a + b (NaN when p(a) = 0)
     * @param third     p(c | a, b) at path 4a + 2b + c (NaN when p(a, b) = 0)
     * @param product   p(a) p(b | a) p(c | a, b) at each leaf (0 where an earlier factor is 0)
     * @param joint     the table entry of each leaf
     * @param tableIndex the table index of each leaf
     */
    public record Tree(int[] order, double[] first, double[] second, double[] third, double[] product,
                       double[] joint, int[] tableIndex) {

        /** The product at the leaf of table entry i. */
        public double productOf(int tableEntry) {
            for (int leaf = 0; leaf < 8; leaf++) {
                if (tableIndex[leaf] == tableEntry) {
                    return product[leaf];
                }
            }
            throw new IllegalArgumentException("no table entry " + tableEntry);
        }
    }

    /** The chain-rule factorisation of p in the given order. */
    public static Tree tree(double[] p, int[] order) {
        int a = order[0];
        int b = order[1];
        int c = order[2];
        double[] first = new double[2];
        double[] second = new double[4];
        double[] third = new double[8];
        double[] product = new double[8];
        double[] joint = new double[8];
        int[] tableIndex = new int[8];
        for (int va = 0; va < 2; va++) {
            first[va] = marginal(p, new int[] {a}, new int[] {va});
            for (int vb = 0; vb < 2; vb++) {
                int pb = 2 * va + vb;
                second[pb] = conditional(p, b, vb, new int[] {a}, new int[] {va});
                for (int vc = 0; vc < 2; vc++) {
                    int leaf = 4 * va + 2 * vb + vc;
                    third[leaf] = conditional(p, c, vc, new int[] {a, b}, new int[] {va, vb});
                    int[] vals = new int[3];
                    vals[a] = va;
                    vals[b] = vb;
                    vals[c] = vc;
                    tableIndex[leaf] = index(vals[R], vals[S], vals[W]);
                    joint[leaf] = p[tableIndex[leaf]];
                    double p2 = first[va] == 0 ? 0 : first[va] * second[pb];
                    product[leaf] = p2 == 0 ? 0 : p2 * third[leaf];
                }
            }
        }
        return new Tree(order.clone(), first, second, third, product, joint, tableIndex);
    }

    /**
     * Bayes' rule for one x and y: posterior p(x | y) = likelihood p(y | x) × prior p(x) / evidence p(y).
     * joint is p(x, y), so that the posterior can be checked against joint / evidence.
     */
    public record Bayes(double posterior, double likelihood, double prior, double evidence, double joint) {
    }

    /** Bayes' rule for p(X = xv | Y = yv); terms that condition on probability 0 are NaN. */
    public static Bayes bayes(double[] p, int x, int xv, int y, int yv) {
        if (x == y) {
            throw new IllegalArgumentException("Bayes' rule needs two different variables");
        }
        double prior = marginal(p, new int[] {x}, new int[] {xv});
        double evidence = marginal(p, new int[] {y}, new int[] {yv});
        double joint = marginal(p, new int[] {x, y}, new int[] {xv, yv});
        double likelihood = prior == 0 ? Double.NaN : joint / prior;
        double posterior = evidence == 0 ? Double.NaN : prior == 0 ? 0 : likelihood * prior / evidence;
        return new Bayes(posterior, likelihood, prior, evidence, joint);
    }

    /** max over z with p(z) > 0 and over x, y of |p(x,y | z) − p(x | z) p(y | z)|. */
    public static double ciGap(double[] p, int x, int y, int z) {
        double max = 0;
        for (int vz = 0; vz < 2; vz++) {
            double pz = marginal(p, new int[] {z}, new int[] {vz});
            if (pz == 0) {
                continue;
            }
            for (int vx = 0; vx < 2; vx++) {
                double pxz = marginal(p, new int[] {x, z}, new int[] {vx, vz}) / pz;
                for (int vy = 0; vy < 2; vy++) {
                    double pyz = marginal(p, new int[] {y, z}, new int[] {vy, vz}) / pz;
                    double pxyz = marginal(p, new int[] {x, y, z}, new int[] {vx, vy, vz}) / pz;
                    max = Math.max(max, Math.abs(pxyz - pxz * pyz));
                }
            }
        }
        return max;
    }

    /** I(X;Y|Z) in nats. */
    public static double conditionalMutualInformation(double[] p, int x, int y, int z) {
        double s = 0;
        for (int i = 0; i < 8; i++) {
            if (p[i] == 0) {
                continue;
            }
            int vx = value(i, x);
            int vy = value(i, y);
            int vz = value(i, z);
            double pz = marginal(p, new int[] {z}, new int[] {vz});
            double pxz = marginal(p, new int[] {x, z}, new int[] {vx, vz});
            double pyz = marginal(p, new int[] {y, z}, new int[] {vy, vz});
            s += p[i] * Math.log(p[i] * pz / (pxz * pyz));
        }
        return Math.max(0, s);
    }

    /** True when X ⊥ Y | Z holds in p to {@link #CI_TOLERANCE}. */
    public static boolean holds(double[] p, int x, int y, int z) {
        return ciGap(p, x, y, z) <= CI_TOLERANCE;
    }

    /** The I-projection q(x,y,z) = p(z) p(x | z) p(y | z) = p(x,z) p(y,z) / p(z), 0 where p(z) = 0. */
    public static double[] project(double[] p, int x, int y, int z) {
        double[] q = new double[8];
        for (int i = 0; i < 8; i++) {
            int vx = value(i, x);
            int vy = value(i, y);
            int vz = value(i, z);
            double pz = marginal(p, new int[] {z}, new int[] {vz});
            if (pz > 0) {
                q[i] = marginal(p, new int[] {x, z}, new int[] {vx, vz})
                        * marginal(p, new int[] {y, z}, new int[] {vy, vz}) / pz;
            }
        }
        return q;
    }

    /** KL(p ‖ q) in nats; infinite when q is 0 where p is not. */
    public static double kl(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                continue;
            }
            if (q[i] == 0) {
                return Double.POSITIVE_INFINITY;
            }
            s += p[i] * Math.log(p[i] / q[i]);
        }
        return s;
    }
}
