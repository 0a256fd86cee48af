package dev.genlab.scene.autoregressive;

import java.util.Arrays;

import dev.genlab.model.autoregressive.MadeMasks;

/**
 * What the figure of a one-hidden-layer MADE's masks draws, computed once per network on the trainer
 * thread from {@link MadeMasks}: the hidden units sorted by their degree m(k), both masks with the
 * inputs and outputs in the ordering's positions, the product of the masks as a D × D connectivity
 * image, and the connectivity check's counts ({@link MadeMasks#check()}). Immutable after construction;
 * the arrays are never written again.
 *
 * @param inputs     D
 * @param hidden     H, the first hidden layer's width
 * @param degrees    m(k) of the hidden units, ascending (the figure's rows)
 * @param inMask     H × D, row r (the r-th unit by degree), column s (the input at position s + 1): kept
 * @param outMask    H × D, row r, column t (the output at position t + 1): the unit feeds that output
 * @param connected  D × D, row t (output at position t + 1), column s (input at position s + 1): a path
 *                   through the masks joins them
 * @param keptIn     connections the input mask keeps
 * @param keptOut    connections the output mask keeps
 * @param check      the connectivity check
 */
record MadeView(int inputs, int hidden, int[] degrees, boolean[] inMask, boolean[] outMask, boolean[] connected,
                long keptIn, long keptOut, MadeMasks.Check check) {

    /** The figure's data for these masks (the first hidden layer's units; the connectivity through all layers). */
    static MadeView of(MadeMasks masks) {
        int d = masks.inputs();
        int h = masks.width(1);
        int last = masks.layers() - 1;
        int[] m = masks.degrees(1);
        Integer[] byDegree = new Integer[h];
        for (int k = 0; k < h; k++) {
            byDegree[k] = k;
        }
        Arrays.sort(byDegree, (a, b) -> Integer.compare(m[a], m[b]));
        int[] order = masks.order();
        boolean[][] first = masks.mask(0);
        boolean[][] lastMask = masks.mask(last);
        int[] sorted = new int[h];
        boolean[] in = new boolean[h * d];
        boolean[] out = new boolean[h * d];
        for (int r = 0; r < h; r++) {
            int k = byDegree[r];
            sorted[r] = m[k];
            for (int s = 0; s < d; s++) {
                in[r * d + s] = first[k][order[s]];
                // the output mask's columns are the last hidden layer's units: with one layer, these ones
                out[r * d + s] = last == 1 && lastMask[order[s]][k];
            }
        }
        boolean[] conn = new boolean[d * d];
        for (int t = 0; t < d; t++) {
            long[] paths = masks.pathsTo(order[t]);
            for (int s = 0; s < d; s++) {
                conn[t * d + s] = paths[order[s]] > 0;
            }
        }
        return new MadeView(d, h, sorted, in, out, conn, masks.kept(0), masks.kept(last), masks.check());
    }
}
