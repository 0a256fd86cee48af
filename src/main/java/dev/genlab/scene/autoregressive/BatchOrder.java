package dev.genlab.scene.autoregressive;

import java.util.SplittableRandom;

/**
 * Lesson 5's order of training batches: shuffled passes over the training images, each pass a new permutation
 * from one seeded generator, batches taken from it in turn. {@link AutoregressiveLab} and {@link ScratchTraining}
 * draw their batches here, so a network trained from the same seed sees the same batches in both. Plain Java.
 */
final class BatchOrder {

    private final SplittableRandom rng;
    private int[] perm = new int[0];
    private int at;

    /** The order of a run with lesson 5's seed knob at {@code seed}. */
    BatchOrder(long seed) {
        this.rng = new SplittableRandom(seed * 7_919L + 17);
    }

    /** The next {@code size} image indices (at most n) of a set of n images. */
    int[] next(int size, int n) {
        int[] out = new int[Math.min(size, n)];
        for (int k = 0; k < out.length; k++) {
            if (at >= perm.length) {
                perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                }
                at = 0;
            }
            out[k] = perm[at++];
        }
        return out;
    }
}
