package dev.genlab.model.flow;

import java.util.Arrays;
import java.util.SplittableRandom;

import dev.genlab.data.DataSource2D;

/**
 * A flow trained by maximum likelihood on a 2-D data source, one Adam step at a time: what a
 * scene's {@code LiveModel} wraps. Each {@link #step} draws a batch, minimises
 * −(1/n) Σ log p_x(x_i) and returns that batch NLL. Learning rate and batch size changes apply
 * from the next step ({@link #setConfig}); an architecture change needs a new instance
 * ({@link FlowConfig#needsRebuild}). The divergence guard uses {@link #saveState},
 * {@link #restoreState} and {@link #health}.
 *
 * <p>Confined to one thread (the trainer's): it owns ND4J networks and workspaces.
 */
public final class FlowTraining {

    private static final int HISTORY = 2000;

    private FlowConfig config;
    private final Flow flow;
    private final DataSource2D data;
    private final SplittableRandom rng;
    private double[] bx = new double[0];
    private double[] by = new double[0];
    private final double[] history = new double[HISTORY];
    private long steps;
    private double lastNll = Double.NaN;

    public FlowTraining(FlowConfig config, DataSource2D data) {
        this.config = config;
        this.flow = config.build();
        this.data = data;
        this.rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
    }

    public Flow flow() {
        return flow;
    }

    public FlowConfig config() {
        return config;
    }

    /** Applies learning rate and batch size; refuses changes that need a rebuild. */
    public void setConfig(FlowConfig next) {
        if (FlowConfig.needsRebuild(config, next)) {
            throw new IllegalArgumentException("this change needs a new flow (FlowConfig.needsRebuild)");
        }
        config = next;
    }

    /** One Adam step on a fresh batch; the batch NLL in nats (NaN or ∞ when it diverged). */
    public double step() {
        int n = config.batchSize();
        if (bx.length != n) {
            bx = new double[n];
            by = new double[n];
        }
        data.batch(n, rng, bx, by);
        lastNll = flow.trainStep(bx, by, n, config.learningRate());
        history[(int) (steps % HISTORY)] = lastNll;
        steps++;
        return lastNll;
    }

    public long steps() {
        return steps;
    }

    /** Mean NLL on n fresh points from the data source, drawn with its own seed (nats). */
    public double heldOutNll(int n, long seed) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        data.batch(n, new SplittableRandom(seed), xs, ys);
        return flow.nll(xs, ys);
    }

    /** The parameters (deep copy) and step count to return to. */
    public Object saveState() {
        return new Saved(flow.saveParams(), steps);
    }

    private record Saved(double[][] params, long steps) {
    }

    /** Back to a saved state; the optimiser's moments start afresh (they may be what diverged). */
    public void restoreState(Object state) {
        Saved s = (Saved) state;
        flow.restoreParams(s.params());
        flow.resetOptimizer();
        steps = s.steps();
    }

    /** Empty while healthy, else the reason (a non-finite weight, a layer about to become singular). */
    public String health() {
        return flow.health();
    }

    /**
     * Everything the training view draws. The grid covers the data source's bounds.
     *
     * @param gridN    cells per axis of the density heatmap (128 in the lesson)
     * @param nSamples samples from the model
     * @param nLatent  data points mapped to the latent plane (also the QQ plot's points)
     */
    public FlowSnapshot snapshot(int gridN, int nSamples, int nLatent) {
        double[] b = data.bounds();
        Flow.DensityGrid grid = flow.densityGrid(b[0], b[1], b[2], b[3], gridN);
        double[][] s = flow.sample(nSamples, new SplittableRandom(steps * 31 + 7));
        double[] dx = new double[nLatent];
        double[] dy = new double[nLatent];
        data.batch(nLatent, new SplittableRandom(12345), dx, dy);
        double[][] z = flow.inverse(dx, dy, null);
        int h = (int) Math.min(steps, HISTORY);
        double[] hist = new double[h];
        for (int i = 0; i < h; i++) {
            hist[i] = history[(int) ((steps - h + i) % HISTORY)];
        }
        return new FlowSnapshot(steps, lastNll, hist, grid, s[0], s[1], dx, dy, z[0], z[1],
                LatentDiagnostics.qq(z[0], flow.base()), LatentDiagnostics.qq(z[1], flow.base()), flow.health());
    }

    @Override
    public String toString() {
        return "FlowTraining" + Arrays.asList(config, steps);
    }
}
