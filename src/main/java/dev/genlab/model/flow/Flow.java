package dev.genlab.model.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * A 2-D normalizing flow: a base density p_z ({@link Base2D}) pushed through a stack of
 * invertible layers x = f_K ∘ … ∘ f_1(z) (Rezende &amp; Mohamed 2015; Dinh et al. 2017). Layer 0
 * acts first when sampling. By the change of variables,
 * <pre>
 *   log p_x(x) = log p_z(z₀) + Σ_{k=1..K} log|det ∂f_k⁻¹/∂z_k|,   z_K = x,  z_{k−1} = f_k⁻¹(z_k),
 * </pre>
 * and training minimises the mean negative log-likelihood of a batch, −(1/n) Σ_i log p_x(x_i),
 * by back-propagating through the inverse layers by hand and taking one Adam step per layer.
 *
 * <p>Everything is batched over plain {@code double[]} arrays, in plain Java except the
 * {@link AffineCoupling} networks on large batches (a density grid), which take one ND4J gemm per
 * layer; a flow that has couplings belongs to one thread (its layers keep scratch buffers). Inputs are
 * never modified; results are fresh arrays, safe to publish.
 */
public final class Flow {

    private final List<FlowLayer> layers = new ArrayList<>();
    private Base2D base;

    public Flow(Base2D base) {
        this.base = base;
    }

    public Base2D base() {
        return base;
    }

    public void setBase(Base2D base) {
        this.base = base;
    }

    // ---- the stack -------------------------------------------------------------------------

    /** Appends a layer (it acts last when sampling). */
    public Flow add(FlowLayer layer) {
        layers.add(layer);
        return this;
    }

    public void insert(int index, FlowLayer layer) {
        layers.add(index, layer);
    }

    public FlowLayer remove(int index) {
        return layers.remove(index);
    }

    public void replace(int index, FlowLayer layer) {
        layers.set(index, layer);
    }

    /** Moves the layer at {@code from} to position {@code to}. */
    public void move(int from, int to) {
        layers.add(to, layers.remove(from));
    }

    public FlowLayer layer(int i) {
        return layers.get(i);
    }

    public int size() {
        return layers.size();
    }

    /** An unmodifiable view of the layers, sampling order. */
    public List<FlowLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public int numParams() {
        int n = 0;
        for (FlowLayer l : layers) {
            n += l.numParams();
        }
        return n;
    }

    // ---- evaluation ------------------------------------------------------------------------

    /** log p_x at each point, on the calling thread. */
    public double[] logDensity(double[] xs, double[] ys) {
        return logDensity(xs, ys, false);
    }

    /**
     * log p_x at each point. With {@code spareCore} a large batch (the density grid: 16,384 points)
     * is cut in two and the halves run at once on a machine with a second core, the second half on
     * {@link #SECOND_CORE}: lesson 6's grid took 21.4 ms on one thread and 14 ms on two
     * (BENCHMARKS.md, {@code flow_grid128_ms}). The caller waits for both, so the layers' parameters
     * are only read meanwhile. Only a caller that knows the second core is idle should ask: lesson 6
     * does while paused, when the grid is what the student waits for after moving a knob; while it
     * trains, the JavaFX and render threads need that core (two-core grids every 100 ms put the
     * lesson's frame p99 at 48 ms, one-core grids at 19 ms).
     */
    public double[] logDensity(double[] xs, double[] ys, boolean spareCore) {
        int n = xs.length;
        double[] ld = new double[n];
        if (!spareCore || n < SPLIT_MIN || SECOND_CORE == null
                || !layers.stream().allMatch(FlowLayer::concurrentInverse)) {
            logDensity(xs, ys, 0, n, ld);
            return ld;
        }
        int half = n / 2;
        Future<?> other = SECOND_CORE.submit(() -> logDensity(xs, ys, half, n, ld));
        logDensity(xs, ys, 0, half, ld);
        // the other half takes milliseconds: wait for it even when interrupted (a scene being left
        // stops its trainer so), then keep the interrupt for the caller to see
        boolean interrupted = false;
        while (true) {
            try {
                other.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the other half of the density failed: " + e.getCause(), e.getCause());
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ld;
    }

    /** Batches of at least this many points are split over two cores. */
    static final int SPLIT_MIN = 4096;

    /** The thread that takes the second half of a large batch, or null on a one-core machine. */
    private static final ExecutorService SECOND_CORE = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "flow-second-half");
                t.setDaemon(true);
                return t;
            });

    /** log p_x of points [from, to) into ld[from, to). */
    private void logDensity(double[] xs, double[] ys, int from, int to, double[] ld) {
        int n = to - from;
        double[] zx = Arrays.copyOfRange(xs, from, to);
        double[] zy = Arrays.copyOfRange(ys, from, to);
        double[] d = new double[n];
        for (int k = layers.size() - 1; k >= 0; k--) {
            layers.get(k).inverse(zx, zy, n, d);
        }
        for (int i = 0; i < n; i++) {
            ld[from + i] = d[i] + base.logDensity(zx[i], zy[i]);
        }
    }

    /**
     * A density heatmap: log p_x at the centres of an n × n grid of cells over [x0, x1] × [y0, y1],
     * index j·n + i for the cell in column i (x) and row j (y, from y0 up).
     */
    public record DensityGrid(double x0, double x1, double y0, double y1, int n, double[] logDensity) {
        public double cellArea() {
            return (x1 - x0) * (y1 - y0) / ((double) n * n);
        }

        /** Σ p · cell area: the midpoint-rule mass inside the box. */
        public double mass() {
            double s = 0;
            for (double l : logDensity) {
                s += Math.exp(l);
            }
            return s * cellArea();
        }
    }

    public DensityGrid densityGrid(double x0, double x1, double y0, double y1, int n) {
        return densityGrid(x0, x1, y0, y1, n, false);
    }

    /** The grid, with the second core's help if {@code spareCore} (see {@link #logDensity(double[], double[], boolean)}). */
    public DensityGrid densityGrid(double x0, double x1, double y0, double y1, int n, boolean spareCore) {
        double[] xs = new double[n * n];
        double[] ys = new double[n * n];
        for (int j = 0; j < n; j++) {
            double y = y0 + (j + 0.5) * (y1 - y0) / n;
            for (int i = 0; i < n; i++) {
                xs[j * n + i] = x0 + (i + 0.5) * (x1 - x0) / n;
                ys[j * n + i] = y;
            }
        }
        return new DensityGrid(x0, x1, y0, y1, n, logDensity(xs, ys, spareCore));
    }

    /** Maps base points z to data space x = f(z) (fresh arrays); {@code logDetOut} (may be null) gets log|det ∂f/∂z|. */
    public double[][] forward(double[] zx, double[] zy, double[] logDetOut) {
        double[] xs = zx.clone();
        double[] ys = zy.clone();
        for (FlowLayer l : layers) {
            l.forward(xs, ys, xs.length, logDetOut);
        }
        return new double[][] {xs, ys};
    }

    /** Maps data points x to the latent plane z = f⁻¹(x) (fresh arrays); {@code logDetOut} (may be null) gets log|det ∂f⁻¹/∂x|. */
    public double[][] inverse(double[] xs, double[] ys, double[] logDetOut) {
        double[] zx = xs.clone();
        double[] zy = ys.clone();
        for (int k = layers.size() - 1; k >= 0; k--) {
            layers.get(k).inverse(zx, zy, zx.length, logDetOut);
        }
        return new double[][] {zx, zy};
    }

    /** n samples x = f(z), z ~ p_z: {xs, ys}. */
    public double[][] sample(int n, RandomGenerator rng) {
        double[] zx = new double[n];
        double[] zy = new double[n];
        base.sample(n, rng, zx, zy);
        return forward(zx, zy, null);
    }

    /** ∂f/∂z of the whole stack at z, row-major 2×2: the product J_K ⋯ J_1 along the path. */
    public double[] jacobian(double zx, double zy) {
        double[] j = {1, 0, 0, 1};
        double[] x = {zx};
        double[] y = {zy};
        for (FlowLayer l : layers) {
            j = AffineLinearLayer.mul(l.jacobian(x[0], y[0]), j);
            l.forward(x, y, 1, null);
        }
        return j;
    }

    /** The density read-out at a data point: log p_x = log p_z(z) + Σ log|det ∂f⁻¹|. */
    public record Decomposition(double x, double y, double zx, double zy, double logPz, double logDetInverse,
                                double logPx) {
    }

    public Decomposition decompose(double x, double y) {
        double[] ld = new double[1];
        double[][] z = inverse(new double[] {x}, new double[] {y}, ld);
        double lpz = base.logDensity(z[0][0], z[1][0]);
        return new Decomposition(x, y, z[0][0], z[1][0], lpz, ld[0], lpz + ld[0]);
    }

    /**
     * The points after each layer, for stepping through the flow. {@code xs[0]} is the input;
     * {@code xs[k]} is after k layers in the chosen direction (sampling: layers 0, 1, …; inference:
     * the last layer first). {@code logDet[k]} is the running sum of log|det| of the layers applied
     * so far, in that direction's sense (∂f/∂z when sampling, ∂f⁻¹/∂x when inferring);
     * {@code layerNames[k]} names the layer that made state k + 1.
     */
    public record Trace(boolean sampling, double[][] xs, double[][] ys, double[][] logDet, String[] layerNames) {
    }

    public Trace trace(double[] xs, double[] ys, boolean sampling) {
        int k = layers.size();
        int n = xs.length;
        double[][] tx = new double[k + 1][];
        double[][] ty = new double[k + 1][];
        double[][] tl = new double[k + 1][];
        String[] names = new String[k];
        double[] cx = xs.clone();
        double[] cy = ys.clone();
        double[] cl = new double[n];
        tx[0] = cx.clone();
        ty[0] = cy.clone();
        tl[0] = cl.clone();
        for (int s = 0; s < k; s++) {
            FlowLayer l = layers.get(sampling ? s : k - 1 - s);
            if (sampling) {
                l.forward(cx, cy, n, cl);
            } else {
                l.inverse(cx, cy, n, cl);
            }
            names[s] = l.name();
            tx[s + 1] = cx.clone();
            ty[s + 1] = cy.clone();
            tl[s + 1] = cl.clone();
        }
        return new Trace(sampling, tx, ty, tl, names);
    }

    /**
     * The base-plane grid of n × n cells over a box, pushed forward: the (n+1)² mapped corners
     * (index j·(n+1) + i), each cell's area before and after (the mapped quadrilateral by the
     * shoelace formula) and the analytic log|det ∂f/∂z| at its centre, which log(after/before)
     * approaches as cells shrink.
     */
    public record CellGrid(double z0, double z1, double w0, double w1, int n, double[] cornerX, double[] cornerY,
                           double areaBefore, double[] areaAfter, double[] logDetCentre) {
        /** log(area after / area before) of cell (i, j). */
        public double logAreaRatio(int i, int j) {
            return Math.log(areaAfter[j * n + i] / areaBefore);
        }
    }

    public CellGrid cells(double zx0, double zx1, double zy0, double zy1, int n) {
        int m = n + 1;
        double[] cx = new double[m * m];
        double[] cy = new double[m * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                cx[j * m + i] = zx0 + (zx1 - zx0) * i / n;
                cy[j * m + i] = zy0 + (zy1 - zy0) * j / n;
            }
        }
        double[][] mc = forward(cx, cy, null);
        double[] mx = new double[n * n];
        double[] my = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                mx[j * n + i] = zx0 + (zx1 - zx0) * (i + 0.5) / n;
                my[j * n + i] = zy0 + (zy1 - zy0) * (j + 0.5) / n;
            }
        }
        double[] ld = new double[n * n];
        forward(mx, my, ld);
        double[] after = new double[n * n];
        double[] ax = mc[0];
        double[] ay = mc[1];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int a = j * m + i;
                int b = a + 1;
                int c = a + m + 1;
                int d = a + m;
                double s = ax[a] * ay[b] - ax[b] * ay[a] + ax[b] * ay[c] - ax[c] * ay[b]
                        + ax[c] * ay[d] - ax[d] * ay[c] + ax[d] * ay[a] - ax[a] * ay[d];
                after[j * n + i] = 0.5 * Math.abs(s);
            }
        }
        double before = (zx1 - zx0) * (zy1 - zy0) / ((double) n * n);
        return new CellGrid(zx0, zx1, zy0, zy1, n, ax, ay, before, after, ld);
    }

    /**
     * Grid lines of the base plane pushed forward as polylines: {@code lines} vertical lines then
     * {@code lines} horizontal ones over the box, each sampled at {@code points} points;
     * result[0] are the x coordinates, result[1] the y, line l at [l·points, (l+1)·points).
     */
    public double[][] warpedGridLines(double zx0, double zx1, double zy0, double zy1, int lines, int points) {
        double[] xs = new double[2 * lines * points];
        double[] ys = new double[xs.length];
        for (int l = 0; l < lines; l++) {
            double fl = lines == 1 ? 0.5 : (double) l / (lines - 1);
            for (int p = 0; p < points; p++) {
                double fp = (double) p / (points - 1);
                int v = l * points + p;
                xs[v] = zx0 + (zx1 - zx0) * fl;
                ys[v] = zy0 + (zy1 - zy0) * fp;
                int h = (lines + l) * points + p;
                xs[h] = zx0 + (zx1 - zx0) * fp;
                ys[h] = zy0 + (zy1 - zy0) * fl;
            }
        }
        return forward(xs, ys, null);
    }

    // ---- training --------------------------------------------------------------------------

    /**
     * The mean NLL of the batch, −(1/n) Σ log p_x(x_i), and its gradients in every layer's
     * {@link FlowLayer#gradients()} (no step).
     */
    public double backprop(double[] xs, double[] ys, int n) {
        double[] zx = Arrays.copyOf(xs, n);
        double[] zy = Arrays.copyOf(ys, n);
        double[] ld = new double[n];
        for (int k = layers.size() - 1; k >= 0; k--) {
            layers.get(k).inverseForTraining(zx, zy, n, ld);
        }
        double sum = 0;
        double[] gx = new double[n];
        double[] gy = new double[n];
        for (int i = 0; i < n; i++) {
            sum += base.logDensity(zx[i], zy[i]) + ld[i];
            gx[i] = -base.dLog(zx[i]) / n;
            gy[i] = -base.dLog(zy[i]) / n;
        }
        for (FlowLayer l : layers) {
            l.backward(gx, gy, n, -1.0 / n);
        }
        return -sum / n;
    }

    /** One maximum-likelihood step with Adam on a batch; returns the batch NLL before the step (nats). */
    public double trainStep(double[] xs, double[] ys, int n, double learningRate) {
        double nll = backprop(xs, ys, n);
        for (FlowLayer l : layers) {
            l.adamStep(learningRate);
        }
        return nll;
    }

    /** −(1/n) Σ log p_x over the points (nats). */
    public double nll(double[] xs, double[] ys) {
        double[] lp = logDensity(xs, ys);
        double s = 0;
        for (double v : lp) {
            s += v;
        }
        return -s / lp.length;
    }

    /** Every layer's parameters (deep copy), for the divergence guard. */
    public double[][] saveParams() {
        double[][] p = new double[layers.size()][];
        for (int i = 0; i < p.length; i++) {
            p[i] = layers.get(i).params();
        }
        return p;
    }

    public void restoreParams(double[][] p) {
        if (p.length != layers.size()) {
            throw new IllegalArgumentException("saved " + p.length + " layers, the flow has " + layers.size());
        }
        for (int i = 0; i < p.length; i++) {
            layers.get(i).setParams(p[i]);
        }
    }

    public void resetOptimizer() {
        for (FlowLayer l : layers) {
            l.resetOptimizer();
        }
    }

    /** Empty while every layer is finite and invertible, else the first problem. */
    public String health() {
        for (int i = 0; i < layers.size(); i++) {
            String h = layers.get(i).health();
            if (!h.isEmpty()) {
                return "layer " + (i + 1) + " (" + layers.get(i).name() + "): " + h;
            }
        }
        return "";
    }

    public boolean isFinite() {
        return health().isEmpty();
    }
}
