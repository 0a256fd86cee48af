package dev.genlab.scene.autoregressive;

import java.util.SplittableRandom;

import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.DoubleList;
import dev.genlab.model.autoregressive.Rnade;
import dev.genlab.model.nn.DoubleAdam;

/**
 * The continuous panel's model: RNADE (a mixture of Gaussians per conditional) trained with Adam on points of a
 * 2-D toy distribution, p(x) = p(x₁) p(x₂ | x₁), held-out NLL against the best full-covariance Gaussian and the
 * entropy floor H(p). Beside it, the two conditionals it learnt: p(x₁), and p(x₂ | x₁) at the slice the student
 * picks, each with its weighted components, over the truth computed from the toy's exact density. Plain Java; on
 * the trainer thread, owned by {@link AutoregressiveLab}, which hands it the steps while the panel shows.
 */
final class RnadeLab {

    static final int TRAIN_POINTS = 2000;
    static final int TEST_POINTS = 1000;
    static final int HIDDEN = 32;
    /**
     * Adam steps in one step of the scene: one is a fraction of a millisecond here, and at the scene's ten steps a
     * second the density would take minutes to form.
     */
    static final int ADAM_PER_STEP = 20;
    /** Scene steps between two held-out evaluations. */
    static final int EVAL_EVERY = 5;
    /** The density map's cells per side. */
    static final int GRID = 72;
    /** Points of each conditional's curve. */
    static final int CURVE = 241;
    /** Training points drawn over the map. */
    static final int SHOWN_POINTS = 600;
    /** While playing, the density map is recomputed at most this often (a map is ~5,000 densities). */
    static final long GRID_PERIOD_NS = 120_000_000L;

    /** What a new network is built from. */
    record Key(String toy, int components, long seed) {
    }

    /** The state the divergence guard restores. */
    record Saved(Key key, double[] params, long adamSteps) {
    }

    private Key key;
    private ToyDistribution toy;
    private double[] train = new double[0];
    private double[] test = new double[0];
    private Rnade model;
    private DoubleAdam adam;
    private long adamSteps;
    private long sceneSteps;
    private SplittableRandom batchRng;
    private final DoubleList nllX = new DoubleList();
    private final DoubleList nllY = new DoubleList();
    private double gaussianNll = Double.NaN;
    private double[] marginalTruth;
    private String marginalToy;
    private double[] conditionalTruth;
    private double conditionalAt = Double.NaN;
    private float[] grid;
    private long gridAtStep = -1;
    private long gridAtNs;
    private boolean playing;
    private Saved saved;

    /** Builds a new network and data when the knobs ask for another; the trainer thread. */
    void sync(AutoregressiveParams p) {
        Key k = new Key(p.toy(), p.components(), p.seed());
        if (!k.equals(key)) {
            build(k);
        }
    }

    /** Forgets the network (Reset): the next {@link #sync} builds a new one. */
    void clear() {
        key = null;
    }

    private void build(Key k) {
        String toyChanged = key == null ? null : key.toy();
        key = k;
        toy = ToyDistributions.byId(k.toy());
        train = points(toy, TRAIN_POINTS, new SplittableRandom(k.seed() * 31L + 5));
        test = points(toy, TEST_POINTS, new SplittableRandom(k.seed() * 31L + 6));
        model = new Rnade(2, HIDDEN, k.components(), k.seed());
        adam = new DoubleAdam(model.numParams());
        adamSteps = 0;
        sceneSteps = 0;
        batchRng = new SplittableRandom(k.seed() * 7_919L + 23);
        nllX.clear();
        nllY.clear();
        gaussianNll = bestGaussianNll(train, test);
        if (toyChanged == null || !toyChanged.equals(k.toy())) {
            marginalTruth = null;
            conditionalTruth = null;
            conditionalAt = Double.NaN;
        }
        grid = null;
        gridAtStep = -1;
        evaluate();
        saved = save();
    }

    static double[] points(ToyDistribution toy, int n, SplittableRandom rng) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        toy.sample(n, rng, xs, ys);
        double[] out = new double[2 * n];
        for (int i = 0; i < n; i++) {
            out[2 * i] = xs[i];
            out[2 * i + 1] = ys[i];
        }
        return out;
    }

    /**
     * Mean −ln N(x; μ, Σ) over the test points of the Gaussian fitted to the training points by maximum likelihood
     * (their mean and covariance): what a model without mixtures or conditionals reaches.
     */
    static double bestGaussianNll(double[] train, double[] test) {
        int n = train.length / 2;
        double m1 = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            m1 += train[2 * i];
            m2 += train[2 * i + 1];
        }
        m1 /= n;
        m2 /= n;
        double a = 0;
        double b = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            double u = train[2 * i] - m1;
            double v = train[2 * i + 1] - m2;
            a += u * u;
            b += u * v;
            c += v * v;
        }
        a /= n;
        b /= n;
        c /= n;
        double det = a * c - b * b;
        int t = test.length / 2;
        double q = 0;
        for (int i = 0; i < t; i++) {
            double u = test[2 * i] - m1;
            double v = test[2 * i + 1] - m2;
            q += (c * u * u - 2 * b * u * v + a * v * v) / det;
        }
        return Math.log(2 * Math.PI) + 0.5 * Math.log(det) + 0.5 * q / t;
    }

    /** ADAM_PER_STEP Adam steps on batches of the training points; returns the last batch's mean −ln p. */
    double step(AutoregressiveParams p) {
        int n = train.length / 2;
        int[] batch = new int[Math.min(p.batch(), n)];
        double loss = Double.NaN;
        for (int s = 0; s < ADAM_PER_STEP; s++) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = batchRng.nextInt(n);
            }
            loss = model.lossAndGradient(train, batch);
            if (!Double.isFinite(loss)) {
                return loss;
            }
            adam.step(model.params(), model.gradient(), p.learningRate());
            adamSteps++;
        }
        sceneSteps++;
        if (sceneSteps % EVAL_EVERY == 0) {
            evaluate();
        }
        if (model.isFinite()) {
            saved = save();
        }
        return loss;
    }

    private void evaluate() {
        nllX.add(adamSteps);
        nllY.add(testNll());
    }

    /** Mean −ln p(x) of the held-out points under the network as it is. */
    double testNll() {
        double s = 0;
        double[] x = new double[2];
        int n = test.length / 2;
        for (int i = 0; i < n; i++) {
            x[0] = test[2 * i];
            x[1] = test[2 * i + 1];
            s -= model.logDensity(x);
        }
        return s / n;
    }

    void playingChanged(boolean now) {
        playing = now;
    }

    boolean isHealthy() {
        return model == null || model.isFinite();
    }

    long adamSteps() {
        return adamSteps;
    }

    Saved save() {
        return model == null ? null : new Saved(key, model.params().clone(), adamSteps);
    }

    void restore(Saved s) {
        if (s == null || model == null || !s.key().equals(key)) {
            return;
        }
        System.arraycopy(s.params(), 0, model.params(), 0, s.params().length);
        adamSteps = s.adamSteps();
        adam.reset(); // the moments of a diverged run may hold NaN
        while (nllX.size() > 0 && nllX.last() > adamSteps) {
            nllX.removeLast();
            nllY.removeLast();
        }
        gridAtStep = -1;
    }

    Saved lastSaved() {
        return saved;
    }

    /** The panel's picture of the network as it is now. */
    RnadeView view(AutoregressiveParams p) {
        double[] b = toy.bounds();
        long now = System.nanoTime();
        if (grid == null || gridAtStep != adamSteps && (!playing || now - gridAtNs >= GRID_PERIOD_NS)) {
            grid = densityMap(model, b, GRID);
            gridAtStep = adamSteps;
            gridAtNs = now;
        }
        double slice = Math.max(b[0], Math.min(b[1], p.slice()));
        double[] x1 = axis(b[0], b[1]);
        double[] x2 = axis(b[2], b[3]);
        if (marginalTruth == null || !key.toy().equals(marginalToy)) {
            marginalTruth = trueMarginal(toy, x1, x2);
            marginalToy = key.toy();
        }
        if (conditionalTruth == null || conditionalAt != slice) {
            conditionalTruth = trueConditional(toy, slice, x2);
            conditionalAt = slice;
        }
        Rnade.Mixture first = model.mixtureAt(new double[2], 0);
        Rnade.Mixture second = model.mixtureAt(new double[] {slice, 0}, 1);
        int shown = Math.min(SHOWN_POINTS, train.length / 2);
        float[] px = new float[shown];
        float[] py = new float[shown];
        for (int i = 0; i < shown; i++) {
            px[i] = (float) train[2 * i];
            py[i] = (float) train[2 * i + 1];
        }
        return new RnadeView(key.toy(), key.components(), HIDDEN, model.numParams(), adamSteps, Math.min(p.batch(),
                train.length / 2), ADAM_PER_STEP, train.length / 2, test.length / 2, px, py, b.clone(), grid, GRID,
                slice, x1, curve(first, x1), marginalTruth, components(first, x1), x2, curve(second, x2),
                conditionalTruth, components(second, x2), second.weights().clone(), nllX.toArray(), nllY.toArray(),
                gaussianNll, toy.entropy());
    }

    static double[] axis(double lo, double hi) {
        double[] x = new double[CURVE];
        for (int i = 0; i < CURVE; i++) {
            x[i] = lo + (hi - lo) * i / (CURVE - 1);
        }
        return x;
    }

    static double[] curve(Rnade.Mixture m, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = m.density(x[i]);
        }
        return y;
    }

    static double[][] components(Rnade.Mixture m, double[] x) {
        double[][] y = new double[m.weights().length][x.length];
        for (int k = 0; k < y.length; k++) {
            for (int i = 0; i < x.length; i++) {
                y[k][i] = m.component(k, x[i]);
            }
        }
        return y;
    }

    /** p(x₁, x₂) of the network on a side × side grid of cell centres over the bounds, row 0 at the bottom. */
    static float[] densityMap(Rnade m, double[] b, int side) {
        float[] out = new float[side * side];
        double[] x = new double[2];
        for (int r = 0; r < side; r++) {
            x[1] = b[2] + (b[3] - b[2]) * (r + 0.5) / side;
            for (int c = 0; c < side; c++) {
                x[0] = b[0] + (b[1] - b[0]) * (c + 0.5) / side;
                out[r * side + c] = (float) Math.exp(m.logDensity(x));
            }
        }
        return out;
    }

    /** p(x₁) = ∫ p(x₁, x₂) dx₂ by the trapezoid rule over the toy's bounds (which hold all but ~10⁻⁵ of the mass). */
    static double[] trueMarginal(ToyDistribution toy, double[] x1, double[] x2) {
        double h = x2[1] - x2[0];
        double[] out = new double[x1.length];
        for (int i = 0; i < x1.length; i++) {
            double s = 0;
            for (int j = 0; j < x2.length; j++) {
                double w = j == 0 || j == x2.length - 1 ? 0.5 : 1;
                s += w * toy.density(x1[i], x2[j]);
            }
            out[i] = s * h;
        }
        return out;
    }

    /** p(x₂ | x₁ = a) = p(a, x₂) / p(a) on the points x2; null where the toy has no mass at x₁ = a. */
    static double[] trueConditional(ToyDistribution toy, double a, double[] x2) {
        double h = x2[1] - x2[0];
        double[] out = new double[x2.length];
        double s = 0;
        for (int j = 0; j < x2.length; j++) {
            out[j] = toy.density(a, x2[j]);
            s += (j == 0 || j == x2.length - 1 ? 0.5 : 1) * out[j];
        }
        s *= h;
        if (!(s > 1e-9)) {
            return null;
        }
        for (int j = 0; j < x2.length; j++) {
            out[j] /= s;
        }
        return out;
    }

    // ---------------------------------------------------------------- tests

    Rnade model() {
        return model;
    }

    double[] testPoints() {
        return test;
    }

    double[] trainPoints() {
        return train;
    }
}
