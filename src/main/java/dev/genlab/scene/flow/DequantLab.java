package dev.genlab.scene.flow;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.model.flow.DequantFlow;
import dev.genlab.model.flow.Dequantization;

/**
 * The dequantisation panel's model, owned by {@link FlowLab} and run on its trainer thread: a RealNVP on
 * 8 × 8 downsampled built-in digits quantised to {@link #LEVELS} levels ({@link DequantFlow},
 * {@link Dequantization}), trained by maximum likelihood on y = (x + u)/K, u ~ U[0, 1)^D, or, with the
 * noise off, on the lattice points x/K themselves, where nothing stops the density from growing without
 * bound. Its read-out ({@link View}) is computed from the model on fixed held-out images: the dequantised
 * NLL (one fixed noise draw per image), the discrete-data bound −log P(x) ≤ that + D ln K and its bits per
 * dimension, and the density at the lattice points.
 */
public final class DequantLab {

    public static final int SIDE = 8;
    public static final int DIMS = SIDE * SIDE;
    public static final int LEVELS = 16;
    public static final int TRAIN = 2000;
    public static final int TEST = 500;
    static final int COUPLINGS = 4;
    static final int HIDDEN = 32;
    static final int BATCH = 64;
    static final double LEARNING_RATE = 2e-3;
    public static final int SAMPLES = 16;
    static final long EVAL_PERIOD_NS = 1_000_000_000L;

    /** The digits, quantised once for every lab (immutable after the first use). */
    private static volatile int[][][] data;

    static int[][][] data() {
        if (data == null) {
            synchronized (DequantLab.class) {
                if (data == null) {
                    data = new int[][][] {Dequantization.digits(TRAIN, 2026, SIDE, LEVELS),
                            Dequantization.digits(TEST, 7, SIDE, LEVELS)};
                }
            }
        }
        return data;
    }

    /**
     * What the panel shows: steps, batch NLL history (nats per image, the objective trained), and the
     * held-out evaluation: {@code dequantNll} = −mean log p((x + u)/K), {@code discreteBound} = dequantNll +
     * D ln K (an upper bound on −log P(x), nats per image), {@code bitsPerDim} its bits per dimension,
     * {@code latticeNll} = −mean log p(x/K) (no noise) and {@code latticeBitsPerDim} = (latticeNll + D ln K)/(D
     * ln 2), what the same conversion makes of it; samples as K-level images in [0, 1].
     */
    public record View(boolean noise, long steps, double[] history, double dequantNll, double discreteBound, double bitsPerDim,
                double latticeNll, double latticeBitsPerDim, float[][] samples, float[][] data) {
    }

    private final boolean noise;
    private final long seed;
    private DequantFlow flow;
    private final SplittableRandom rng;
    private final int[][] batch = new int[BATCH][];
    private double[] history = new double[256];
    private long steps;
    private View view;
    private long viewAt;
    private long viewSteps = -1;

    public DequantLab(boolean noise, long seed) {
        this.noise = noise;
        this.seed = seed;
        this.flow = DequantFlow.forImages(SIDE, SIDE, COUPLINGS, HIDDEN, seed);
        this.rng = new SplittableRandom(seed * 31 + 5);
    }

    public DequantFlow flow() {
        return flow;
    }

    public long steps() {
        return steps;
    }

    /** One Adam step on a batch; the batch NLL (nats per image) before it. */
    public double step() {
        int[][] train = data()[0];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = train[rng.nextInt(train.length)];
        }
        if (!flow.actNormInitialised()) {
            // the same start with and without noise: the data-side scale and bias from a dequantised first batch
            // (fitted to the lattice, a pixel that is 0 in all 64 images would get a scale of 10⁶ at once)
            flow.initialiseActNorm(Dequantization.dequantise(batch, LEVELS, new SplittableRandom(seed + 17)));
        }
        double nll = noise ? flow.trainStep(batch, LEVELS, rng, LEARNING_RATE)
                : flow.trainStep(lattice(batch), LEARNING_RATE);
        if (steps == history.length) {
            history = Arrays.copyOf(history, history.length * 2);
        }
        history[(int) steps++] = nll;
        return nll;
    }

    /** The lattice points x/K of discrete images: no noise. */
    static double[][] lattice(int[][] levels) {
        double[][] y = new double[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            y[i] = new double[levels[i].length];
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = levels[i][j] / (double) LEVELS;
            }
        }
        return y;
    }

    /** −mean log p over the rows (nats per image). */
    static double nll(DequantFlow f, double[][] y) {
        double s = 0;
        for (double v : f.logDensity(y)) {
            s += v;
        }
        return -s / y.length;
    }

    /** The read-out; re-evaluated when training moved on and, while playing, at most every EVAL_PERIOD_NS. */
    public View view(boolean playing) {
        long now = System.nanoTime();
        if (view != null && (viewSteps == steps || playing && now - viewAt < EVAL_PERIOD_NS)) {
            return view;
        }
        int[][] test = data()[1];
        Dequantization.Evaluation e = Dequantization.evaluate(flow, test, LEVELS, 1, new SplittableRandom(99));
        double lattice = nll(flow, lattice(test));
        double latticeBpd = Dequantization.bitsPerDim(-(lattice + DIMS * Math.log(LEVELS)), DIMS);
        double[][] ys = flow.sample(SAMPLES, new SplittableRandom(1234));
        float[][] samples = new float[SAMPLES][];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = image(Dequantization.levelsOf(ys[i], LEVELS));
        }
        float[][] shown = new float[8][];
        for (int i = 0; i < shown.length; i++) {
            shown[i] = image(data()[0][i]);
        }
        view = new View(noise, steps, Arrays.copyOf(history, (int) steps), e.continuousNll(), e.discreteNllBound(),
                e.bitsPerDim(), lattice, latticeBpd, samples, shown);
        viewAt = now;
        viewSteps = steps;
        return view;
    }

    private static float[] image(int[] levels) {
        float[] v = new float[levels.length];
        for (int j = 0; j < v.length; j++) {
            v[j] = levels[j] / (float) (LEVELS - 1);
        }
        return v;
    }

    public String health() {
        return flow.health();
    }

    /** A state to go back to: the flow's parameters and its step count. */
    public record Saved(double[] params, long steps) {
    }

    public Saved save() {
        return new Saved(flow.params(), steps);
    }

    /** Back to a saved state; to the untrained flow (ActNorm not yet fitted to a batch) before the first step. */
    public void restore(Saved s) {
        if (s.steps() == 0) {
            flow = DequantFlow.forImages(SIDE, SIDE, COUPLINGS, HIDDEN, seed);
        } else {
            flow.setParams(s.params());
        }
        steps = s.steps();
        view = null;
    }
}
