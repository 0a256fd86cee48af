package dev.genlab.model.autoregressive;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The connectivity of a MADE (Germain, Gregor, Murray &amp; Larochelle 2015, "MADE: Masked
 * Autoencoder for Distribution Estimation", ICML, §4): degrees for every unit and the masks they
 * imply. With D inputs, an ordering o (input o(t) is the (t+1)-th) and L hidden layers:
 * <pre>
 *   m⁰(j) = position of input j + 1                   (1 … D)
 *   mˡ(k) ~ Uniform{min_k' mˡ⁻¹(k'), …, D − 1}        (hidden layer l = 1 … L)
 *   Mˡ[k][k'] = [mˡ(k) ≥ mˡ⁻¹(k')]                     (hidden masks)
 *   Mᴸ⁺¹[i][k] = [m⁰(i) &gt; mᴸ(k)]                    (output mask: strictly greater)
 * </pre>
 * A hidden unit of degree m sees only inputs of degree ≤ m, and output i only hidden units of degree
 * &lt; m⁰(i), so every path from input j to output i needs m⁰(j) ≤ … &lt; m⁰(i): no output sees itself or
 * a later input. Drawing hidden degrees from [min of the layer below, D − 1] (not [1, D − 1]) leaves
 * no unit without inputs (§4, "to avoid unconnected units"). Degrees are drawn from a seed, so the
 * same seed rebuilds the same masks (checkpoints store the seed, not the masks).
 *
 * <p>Random degrees leave gaps: when no hidden unit has degree d, output d + 1 cannot see input d, its
 * immediate predecessor. {@link #connectivity()} shows them; the model is still a valid
 * autoregressive model, only a less expressive one.
 *
 * <p>Immutable; plain arrays, no ND4J.
 */
public final class MadeMasks {

    private final int d;
    private final int[] order;
    private final int[] hidden;
    private final long seed;
    /** degrees[0] the inputs' (by input index), degrees[l] hidden layer l's. */
    private final int[][] degrees;
    /** masks[l][out][in], built once. */
    private final boolean[][][] masks;

    /**
     * @param order  the ordering: {@code order[t]} is the input conditioned (t+1)-th; a permutation of 0…D−1
     * @param hidden widths of the hidden layers (at least one)
     * @param seed   seed of the hidden degrees
     */
    public MadeMasks(int[] order, int[] hidden, long seed) {
        int dims = order.length;
        if (dims < 2) {
            throw new IllegalArgumentException("a MADE needs at least 2 inputs, got " + dims);
        }
        if (hidden.length == 0) {
            throw new IllegalArgumentException("a MADE needs at least one hidden layer");
        }
        boolean[] seen = new boolean[dims];
        for (int j : order) {
            if (j < 0 || j >= dims || seen[j]) {
                throw new IllegalArgumentException("the ordering is not a permutation of 0.." + (dims - 1));
            }
            seen[j] = true;
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden widths must be positive, got " + Arrays.toString(hidden));
            }
        }
        this.d = dims;
        this.order = order.clone();
        this.hidden = hidden.clone();
        this.seed = seed;
        degrees = new int[hidden.length + 1][];
        degrees[0] = new int[dims];
        for (int t = 0; t < dims; t++) {
            degrees[0][order[t]] = t + 1;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int low = 1;
        for (int l = 1; l <= hidden.length; l++) {
            int[] m = new int[hidden[l - 1]];
            int min = Integer.MAX_VALUE;
            for (int k = 0; k < m.length; k++) {
                m[k] = low + rng.nextInt(dims - low);
                min = Math.min(min, m[k]);
            }
            degrees[l] = m;
            low = min;
        }
        masks = new boolean[hidden.length + 1][][];
        for (int l = 0; l <= hidden.length; l++) {
            boolean[][] mk = new boolean[width(l + 1)][width(l)];
            for (int o = 0; o < mk.length; o++) {
                for (int i = 0; i < mk[o].length; i++) {
                    mk[o][i] = connected(l, o, i);
                }
            }
            masks[l] = mk;
        }
    }

    /** The identity ordering 0, 1, …, D − 1. */
    public static int[] identity(int dims) {
        int[] o = new int[dims];
        for (int i = 0; i < dims; i++) {
            o[i] = i;
        }
        return o;
    }

    /** D, the number of inputs (and of outputs per parameter of a conditional). */
    public int inputs() {
        return d;
    }

    /** The ordering (a copy): {@code order()[t]} is the input conditioned (t+1)-th. */
    public int[] order() {
        return order.clone();
    }

    /** Hidden widths (a copy). */
    public int[] hidden() {
        return hidden.clone();
    }

    public long seed() {
        return seed;
    }

    /** Number of masks: the hidden layers' plus the output's. */
    public int layers() {
        return hidden.length + 1;
    }

    /**
     * Degrees of layer {@code layer}'s units (a copy): 0 the inputs (m⁰(j) = position + 1, by input
     * index), 1 … L the hidden layers. An output's degree is its input's.
     */
    public int[] degrees(int layer) {
        return degrees[layer].clone();
    }

    /** Width of unit layer {@code layer}: D for 0 and L + 1, else the hidden width. */
    public int width(int layer) {
        return layer == 0 || layer == hidden.length + 1 ? d : hidden[layer - 1];
    }

    /** Whether mask {@code layer} (0 … L) lets unit {@code out} of layer layer + 1 see unit {@code in} of layer layer. */
    public boolean connected(int layer, int out, int in) {
        int below = degrees[layer][in];
        if (layer == hidden.length) {
            return degrees[0][out] > below;
        }
        return degrees[layer + 1][out] >= below;
    }

    /**
     * Mask {@code layer} (0 = input → first hidden, …, L = last hidden → output) as
     * [unit of the layer above][unit of the layer below].
     */
    public boolean[][] mask(int layer) {
        if (layer < 0 || layer > hidden.length) {
            throw new IndexOutOfBoundsException("mask " + layer + " of " + layers());
        }
        boolean[][] m = new boolean[masks[layer].length][];
        for (int o = 0; o < m.length; o++) {
            m[o] = masks[layer][o].clone();
        }
        return m;
    }

    /** Number of connections mask {@code layer} keeps. */
    public long kept(int layer) {
        long n = 0;
        for (boolean[] row : masks[layer]) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * Number of paths from every input to output {@code out} through the masks (the product of the
     * masks as 0/1 matrices, one row of it): entry j &gt; 0 exactly when input j can influence output
     * out. Computed from the masks alone, so it checks them.
     */
    public long[] pathsTo(int out) {
        boolean[][] top = masks[hidden.length];
        long[] v = new long[width(hidden.length)];
        for (int k = 0; k < v.length; k++) {
            v[k] = top[out][k] ? 1 : 0;
        }
        for (int l = hidden.length - 1; l >= 0; l--) {
            boolean[][] m = masks[l];
            long[] below = new long[width(l)];
            for (int k = 0; k < v.length; k++) {
                if (v[k] == 0) {
                    continue;
                }
                boolean[] row = m[k];
                for (int i = 0; i < below.length; i++) {
                    if (row[i]) {
                        below[i] += v[k];
                    }
                }
            }
            v = below;
        }
        return v;
    }

    /** {@link #pathsTo} for every output: entry [i][j] counts the paths from input j to output i. */
    public long[][] connectivity() {
        long[][] c = new long[d][];
        for (int i = 0; i < d; i++) {
            c[i] = pathsTo(i);
        }
        return c;
    }

    /**
     * The pairs (output i, input j) the masks connect although j is not before i in the ordering,
     * as "i&lt;-j" strings; empty for every MADE (the check the lesson draws).
     */
    public java.util.List<String> violations() {
        java.util.List<String> bad = new java.util.ArrayList<>();
        long[][] c = connectivity();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                if (c[i][j] != 0 && degrees[0][j] >= degrees[0][i]) {
                    bad.add(i + "<-" + j);
                }
            }
        }
        return bad;
    }

    /**
     * What the connectivity check counts, from the product of the masks ({@link #connectivity()}): of the
     * D(D − 1)/2 pairs (output i, input j) with j before i in the ordering, how many a path connects;
     * of the D(D + 1)/2 pairs with j at or after i (itself included), how many are connected, 0 for a
     * correct MADE (the check "no output sees itself or a later input").
     */
    public record Check(long allowedPairs, long allowedConnected, long forbiddenPairs, long forbiddenConnected) {

        /** True when no output sees itself or a later input. */
        public boolean autoregressive() {
            return forbiddenConnected == 0;
        }
    }

    /** The connectivity check of these masks (D path-count products; a few ms at D = 784, H = 64). */
    public Check check() {
        long allowed = 0;
        long forbidden = 0;
        for (int i = 0; i < d; i++) {
            long[] paths = pathsTo(i);
            for (int j = 0; j < d; j++) {
                if (paths[j] != 0) {
                    if (degrees[0][j] < degrees[0][i]) {
                        allowed++;
                    } else {
                        forbidden++;
                    }
                }
            }
        }
        long pairs = (long) d * (d - 1) / 2;
        return new Check(pairs, allowed, pairs + d, forbidden);
    }
}
