package dev.genlab.model.autoregressive;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The loop every pixel-by-pixel sampler shares: at each step the subclass computes the next pixel's
 * conditional for every image ({@link #computeNext}), the pixel is drawn, and the subclass hears of each
 * pixel that came out on ({@link #turnedOn}) to update its running sums. Used by {@link Made} and
 * {@link Fvsbn}.
 */
abstract class SequentialCompletion implements AutoregressiveModel.Completion {

    protected final int[] order;
    protected final int d;
    protected final byte[] x;
    protected final int count;
    /** p(x = 1) of the pixel at {@link #step} for every image, once {@link #computeNext} has run. */
    protected final float[] next;
    private final SplittableRandom rng;
    private int step;
    private boolean nextValid;

    SequentialCompletion(int[] order, byte[] x, int count, int fromStep, SplittableRandom rng) {
        this.order = order;
        this.d = order.length;
        this.x = x;
        this.count = count;
        this.rng = Objects.requireNonNull(rng, "rng");
        this.step = fromStep;
        next = new float[count];
    }

    /** Fills {@link #next} with every image's p(x_pixel = 1 | the pixels drawn so far). */
    protected abstract void computeNext(int pixel);

    /** Pixel {@code pixel} of image {@code k} came out on (given or drawn). */
    protected abstract void turnedOn(int k, int pixel);

    /** Tells the subclass of the given pixels before fromStep that are on; call at the end of its constructor. */
    protected final void replayGiven(int fromStep) {
        for (int k = 0; k < count; k++) {
            for (int s = 0; s < fromStep; s++) {
                if (x[k * d + order[s]] != 0) {
                    turnedOn(k, order[s]);
                }
            }
        }
    }

    private void ensureNext() {
        if (!nextValid) {
            computeNext(order[step]);
            nextValid = true;
        }
    }

    @Override
    public int step() {
        return step;
    }

    @Override
    public boolean done() {
        return step >= d;
    }

    @Override
    public int advance(int maxSteps) {
        int drawn = 0;
        while (drawn < maxSteps && step < d) {
            ensureNext();
            int j = order[step];
            for (int k = 0; k < count; k++) {
                byte bit = (byte) (rng.nextDouble() < next[k] ? 1 : 0);
                x[k * d + j] = bit;
                if (bit != 0) {
                    turnedOn(k, j);
                }
            }
            step++;
            nextValid = false;
            drawn++;
        }
        return drawn;
    }

    @Override
    public float[] nextConditionals() {
        if (done()) {
            float[] nan = new float[count];
            Arrays.fill(nan, Float.NaN);
            return nan;
        }
        ensureNext();
        return next.clone();
    }

    @Override
    public byte[] images() {
        return x.clone();
    }

    @Override
    public int count() {
        return count;
    }
}
