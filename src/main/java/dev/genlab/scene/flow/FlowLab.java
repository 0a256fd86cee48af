package dev.genlab.scene.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.PointSet;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.model.flow.AffineCoupling;
import dev.genlab.model.flow.DataSource2D;
import dev.genlab.model.flow.Flow;
import dev.genlab.model.flow.FlowLayer;
import dev.genlab.model.flow.LatentDiagnostics;
import dev.genlab.model.flow.LinearLayer;
import dev.genlab.model.flow.LuLinearLayer;
import dev.genlab.model.flow.PlanarLayer;
import dev.genlab.model.flow.RadialLayer;
import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Nd4jReady;

/**
 * The model side of the change-of-variables scene's 2-D panels: one flow, a stack the student
 * builds (from a recipe, then by adding, removing and reordering layers), trained by maximum
 * likelihood on a toy distribution or drawn points, one Adam step per {@link #step}. Each snapshot
 * traces samples and a base-plane grid through every layer and evaluates the model density.
 *
 * <p>Layer edits arrive through {@link #edit} from the JavaFX thread and are applied here, on the
 * trainer thread, which alone touches the flow (coupling layers own ND4J workspaces).
 */
public final class FlowLab implements LiveModel<FlowParams, FlowLabSnapshot> {

    /** Half-width of the base-plane box the grid covers. */
    static final double BOX = 3;
    static final int CELLS = 12;
    static final int SAMPLES = 400;
    static final int DATA_POINTS = 500;
    static final int HELD_OUT = 1000;
    /**
     * Density grid cells per axis, paused and playing alike. While playing the grid is refreshed at the
     * first snapshot GRID_PERIOD_NS after the last (a snapshot follows a step and comes ~16 ms after the
     * previous one, so 12–14 grids a second), and never more often than keeps it under GRID_SHARE of
     * the trainer thread: a grid that costs more (a slow machine, a wide network, the first grids before
     * the JIT has compiled them) comes less often, never coarser, and at least every GRID_PERIOD_MAX_NS.
     * The lesson's grid (8 couplings, H = 32: 16384 points through one gemm per layer) costs ~10 ms on an
     * idle machine (estimated; 20–40 ms measured with other builds running), so training keeps ~85 % of
     * the thread (at least 70 %).
     */
    static final int GRID_CELLS = 128;
    static final long GRID_PERIOD_NS = 60_000_000L;
    static final double GRID_SHARE = 0.3;
    static final long GRID_PERIOD_MAX_NS = 250_000_000L;
    static final int HELD_OUT_EVERY = 20;
    static final DataType DTYPE = DataType.FLOAT;

    private static final Map<String, Double> ENTROPY = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();

    private final ConcurrentLinkedQueue<Consumer<FlowLab>> edits = new ConcurrentLinkedQueue<>();
    private Flow flow;
    private FlowParams key;
    private DataSource2D data;
    private ToyDistribution toy;
    private int drawnCount = -1;
    private SplittableRandom rng = new SplittableRandom(1);
    private SplittableRandom layerRng = new SplittableRandom(2);
    private double[] bx = new double[0];
    private double[] by = new double[0];
    private double[] hx = new double[0];
    private double[] hy = new double[0];
    private double[] dx = new double[0];
    private double[] dy = new double[0];
    private final double[] zx = new double[SAMPLES];
    private final double[] zy = new double[SAMPLES];
    private double[] history = new double[1024];
    private long steps;
    private double lastNll = Double.NaN;
    private double heldOut = Double.NaN;
    private long heldOutAt = -1;
    private double[] appliedMatrix;
    private String message = "";
    private Flow.DensityGrid grid;
    private long gridAt = Long.MIN_VALUE;
    private long gridNs;
    private long gridVersion = -1;
    private long version;
    /** Counts edits of the stack (not training steps): a new structure is traced at once. */
    private long structure;

    /** Computes the toy shapes' entropies in the background once per process (the spiral takes seconds). */
    static void warmEntropies() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            for (String id : ToyDistributions.ids()) {
                ENTROPY.computeIfAbsent(id, k -> ToyDistributions.byId(k).entropy());
            }
        }, "flow-entropy-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Queues an edit of the stack; it is applied on the trainer thread before the next step or snapshot. */
    public void edit(Consumer<FlowLab> e) {
        edits.add(e);
    }

    // ---------------------------------------------------------------- the stack

    /** Layer kinds the editor offers. */
    static final List<String> KINDS = List.of("linear", "planar", "radial", "coupling_x", "coupling_y", "permutation");

    FlowLayer newLayer(String kind, FlowParams p, boolean identityStart) {
        SplittableRandom r = layerRng;
        return switch (kind) {
            case "linear" -> {
                double[] m = p.matrix();
                yield LinearLayer.refusal(m[0], m[1], m[2], m[3]).isEmpty()
                        ? new LinearLayer(m[0], m[1], m[2], m[3], 0, 0) : LinearLayer.identity();
            }
            case "planar" -> {
                double th = 2 * Math.PI * r.nextDouble();
                double w1 = 1.5 * Math.cos(th);
                double w2 = 1.5 * Math.sin(th);
                // wᵀû = 0.6 (invertible needs > −1) plus a sideways part: a visible bend
                double side = 0.5 * r.nextGaussian();
                yield new PlanarLayer(w1, w2, 0.6 * w1 / 2.25 - side * w2 / 1.5, 0.6 * w2 / 2.25 + side * w1 / 1.5,
                        0.3 * r.nextGaussian());
            }
            case "radial" -> new RadialLayer(r.nextGaussian() * 0.7, r.nextGaussian() * 0.7, 1, 0.8);
            case "coupling_x", "coupling_y" -> new AffineCoupling(kind.equals("coupling_x"), p.hidden(), Activation.TANH,
                    DTYPE, r.nextLong(), identityStart);
            case "permutation" -> LuLinearLayer.swap();
            default -> throw new IllegalArgumentException("unknown layer kind " + kind);
        };
    }

    static String kindOf(FlowLayer l) {
        if (l instanceof LinearLayer) {
            return "linear";
        }
        if (l instanceof PlanarLayer) {
            return "planar";
        }
        if (l instanceof RadialLayer) {
            return "radial";
        }
        if (l instanceof AffineCoupling c) {
            return c.conditionedOnX() ? "coupling_x" : "coupling_y";
        }
        return l.name().startsWith("permutation") ? "permutation" : "lu";
    }

    private Flow build(FlowParams p) {
        layerRng = new SplittableRandom(p.seed() * 7919 + 11);
        Flow f = new Flow(p.base());
        for (int k = 0; k < p.layers(); k++) {
            switch (p.flowType()) {
                case "linear" -> {
                    if (k == 0) {
                        f.add(newLayer("linear", p, true));
                    } else {
                        f.add(newLayer(k % 2 == 1 ? "planar" : "radial", p, true));
                    }
                }
                case "planar", "radial" -> f.add(newLayer(p.flowType(), p, true));
                case "coupling" -> f.add(newLayer(k % 2 == 0 ? "coupling_x" : "coupling_y", p, true));
                case "coupling_lu" -> {
                    f.add(newLayer("coupling_x", p, true));
                    if (k < p.layers() - 1) {
                        f.add(LuLinearLayer.randomRotation(layerRng));
                    }
                }
                default -> throw new IllegalArgumentException("unknown flow type " + p.flowType());
            }
        }
        return f;
    }

    /** Adds a layer of this kind at index (sampling order); it starts as a visible, invertible map. */
    void add(String kind, int index, FlowParams p) {
        FlowLayer l = newLayer(kind, p, false);
        flow.insert(Math.max(0, Math.min(flow.size(), index)), l);
        changed();
        message = "";
    }

    void remove(int index) {
        if (index >= 0 && index < flow.size()) {
            flow.remove(index);
            changed();
        }
    }

    void move(int from, int to) {
        if (from >= 0 && from < flow.size() && to >= 0 && to < flow.size()) {
            flow.move(from, to);
            changed();
        }
    }

    private void changed() {
        structure++;
        flow.resetOptimizer();
        version++;
        heldOutAt = -1;
    }

    private int firstCoupling() {
        for (int i = 0; i < flow.size(); i++) {
            if (flow.layer(i) instanceof AffineCoupling) {
                return i;
            }
        }
        return flow.size() > 0 ? 0 : -1;
    }

    /** The layer the matrix sliders edit: the selected one if it is linear, else the first linear one. */
    private int linearIndex(int selected) {
        if (selected >= 0 && selected < flow.size() && flow.layer(selected) instanceof LinearLayer) {
            return selected;
        }
        for (int i = 0; i < flow.size(); i++) {
            if (flow.layer(i) instanceof LinearLayer) {
                return i;
            }
        }
        return -1;
    }

    private void applyMatrix(FlowParams p) {
        double[] m = p.matrix();
        if (appliedMatrix != null && java.util.Arrays.equals(m, appliedMatrix)) {
            return;
        }
        appliedMatrix = m.clone();
        int i = linearIndex(p.selected());
        if (i < 0) {
            return;
        }
        String why = LinearLayer.refusal(m[0], m[1], m[2], m[3]);
        if (!why.isEmpty()) {
            message = why;
            return;
        }
        double[] old = flow.layer(i).params();
        flow.replace(i, new LinearLayer(m[0], m[1], m[2], m[3], old[4], old[5]));
        message = "";
        changed();
    }

    private void drainEdits(FlowParams p) {
        Consumer<FlowLab> e;
        while ((e = edits.poll()) != null) {
            e.accept(this);
        }
        applyMatrix(p);
        updateData(p);
    }

    private void updateData(FlowParams p) {
        if (!FlowParams.DRAWN.equals(p.dataset()) || p.drawnX().length == drawnCount) {
            return;
        }
        drawnCount = p.drawnX().length;
        if (drawnCount == 0) {
            data = null;
            message = "flow.note.drawSome";
        } else {
            PointSet ps = new PointSet();
            for (int i = 0; i < drawnCount; i++) {
                ps.add(p.drawnX()[i], p.drawnY()[i]);
            }
            data = DataSource2D.of(ps.snapshot());
            if ("flow.note.drawSome".equals(message)) {
                message = "";
            }
        }
        fixedPoints();
        version++;
        structure++;
    }

    private void fixedPoints() {
        hx = new double[data == null ? 0 : HELD_OUT];
        hy = new double[hx.length];
        dx = new double[data == null ? 0 : DATA_POINTS];
        dy = new double[dx.length];
        if (data != null) {
            data.batch(HELD_OUT, new SplittableRandom(999), hx, hy);
            data.batch(DATA_POINTS, new SplittableRandom(12345), dx, dy);
        }
        heldOutAt = -1;
    }

    // ---------------------------------------------------------------- LiveModel

    @Override
    public void reset(FlowParams p) {
        // coupling networks are ND4J arrays: never initialise the backend beside the app's loader thread
        Nd4jReady.await();
        edits.clear();
        structure++;
        key = p;
        flow = build(p);
        appliedMatrix = p.matrix().clone();
        message = "";
        drawnCount = -1;
        if (FlowParams.DRAWN.equals(p.dataset())) {
            toy = null;
            data = null;
            updateData(p);
        } else {
            toy = ToyDistributions.byId(p.dataset());
            data = DataSource2D.of(toy);
            fixedPoints();
        }
        rng = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
        p.base().sample(SAMPLES, new SplittableRandom(p.seed() + 77), zx, zy);
        steps = 0;
        lastNll = Double.NaN;
        heldOut = Double.NaN;
        heldOutAt = -1;
        version++;
    }

    @Override
    public double step(FlowParams p) {
        drainEdits(p);
        if (data == null || flow.size() == 0) {
            return 0;
        }
        int n = p.batch();
        if (bx.length != n) {
            bx = new double[n];
            by = new double[n];
        }
        data.batch(n, rng, bx, by);
        lastNll = flow.trainStep(bx, by, n, p.learningRate());
        if (steps == history.length) {
            history = java.util.Arrays.copyOf(history, history.length * 2);
        }
        history[(int) steps] = lastNll;
        steps++;
        version++;
        return lastNll;
    }

    @Override
    public boolean needsReset(FlowParams before, FlowParams after) {
        return !before.sameModel(after);
    }

    private record Saved(List<FlowLayer> layers, double[][] params, long steps) {
    }

    @Override
    public Object saveState() {
        return new Saved(new ArrayList<>(flow.layers()), flow.saveParams(), steps);
    }

    @Override
    public void restoreState(Object state) {
        Saved s = (Saved) state;
        while (flow.size() > 0) {
            flow.remove(flow.size() - 1);
        }
        s.layers().forEach(flow::add);
        flow.restoreParams(s.params());
        flow.resetOptimizer();
        steps = s.steps();
        version++;
        structure++;
        heldOutAt = -1;
    }

    @Override
    public boolean isHealthy() {
        return flow.health().isEmpty();
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public FlowLabSnapshot snapshot(FlowParams p) {
        drainEdits(p);
        long now = System.nanoTime();
        // while playing, the trainer publishes every ~16 ms: the traced points, Jacobian and latent codes
        // (~25 ms with eight couplings) follow at most every HEAVY_PERIOD_NS and the grid every
        // GRID_PERIOD_NS, so that training keeps most of the thread
        boolean full = !p.playing() || trace == null || traceStructure != structure || !p.panel().equals(tracePanel)
                || now - traceAt >= HEAVY_PERIOD_NS || p.selected() != traceAsked || p.probeX() != traceProbeX
                || p.probeY() != traceProbeY;
        if (full) {
            traceAsked = p.selected();
            traceProbeX = p.probeX();
            traceProbeY = p.probeY();
            trace(p);
            traceAt = now;
            traceStructure = structure;
            tracePanel = p.panel();
        }
        refreshGrid(p, trace);
        int k = flow.size();
        String[] names = new String[k];
        String[] kinds = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = flow.layer(i).name();
            kinds[i] = kindOf(flow.layer(i));
        }
        int li = linearIndex(p.selected());
        double entropy = toy == null ? Double.NaN : ENTROPY.getOrDefault(toy.id(), Double.NaN);
        String health = flow.health();
        return new FlowLabSnapshot(steps, lastNll, heldOut, java.util.Arrays.copyOf(history, (int) steps), entropy,
                p.dataset(), names, kinds, flow.numParams(), traceSelected, layerJacobian, null, p.probeX(), p.probeY(),
                li, li >= 0 ? ((LinearLayer) flow.layer(li)).matrix() : null, SAMPLES, CELLS, trace.xs(), trace.ys(),
                trace.logDet(), grid, dx.clone(), dy.clone(), latent[0], latent[1], qq[0], qq[1],
                health.isEmpty() ? message : health);
    }

    static final long HEAVY_PERIOD_NS = 200_000_000L;
    private Flow.Trace trace;
    private long traceAt;
    private long traceStructure = -1;
    private String tracePanel = "";
    private int traceSelected = -1;
    private int traceAsked = -2;
    private double traceProbeX = Double.NaN;
    private double traceProbeY = Double.NaN;
    private double[] layerJacobian;
    private double[][] latent;
    private double[][][] qq;

    /** Samples, grid corners and cell centres through every layer; the selected layer's Jacobian; the codes. */
    private void trace(FlowParams p) {
        int m = CELLS + 1;
        int nPts = SAMPLES + m * m + CELLS * CELLS;
        double[] px = new double[nPts];
        double[] py = new double[nPts];
        System.arraycopy(zx, 0, px, 0, SAMPLES);
        System.arraycopy(zy, 0, py, 0, SAMPLES);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                px[SAMPLES + j * m + i] = -BOX + 2 * BOX * i / CELLS;
                py[SAMPLES + j * m + i] = -BOX + 2 * BOX * j / CELLS;
            }
        }
        int c0 = SAMPLES + m * m;
        for (int j = 0; j < CELLS; j++) {
            for (int i = 0; i < CELLS; i++) {
                px[c0 + j * CELLS + i] = -BOX + 2 * BOX * (i + 0.5) / CELLS;
                py[c0 + j * CELLS + i] = -BOX + 2 * BOX * (j + 0.5) / CELLS;
            }
        }
        trace = flow.trace(px, py, true);
        int k = flow.size();
        // nothing selected: the first coupling layer (else the first layer), so a Jacobian is always shown
        traceSelected = p.selected() >= 0 && p.selected() < k ? p.selected() : firstCoupling();
        layerJacobian = null;
        if (traceSelected >= 0 && !"train".equals(p.panel())) {
            Flow.Trace t = flow.trace(new double[] {p.probeX()}, new double[] {p.probeY()}, true);
            layerJacobian = flow.layer(traceSelected).jacobian(t.xs()[traceSelected][0], t.ys()[traceSelected][0]);
        }
        if (data != null && heldOutAt != steps) {
            heldOut = flow.nll(hx, hy);
            heldOutAt = steps;
        }
        latent = dx.length == 0 ? new double[][] {new double[0], new double[0]} : flow.inverse(dx, dy, null);
        double[][] empty = {new double[0], new double[0]};
        qq = new double[][][] {latent[0].length == 0 ? empty : LatentDiagnostics.qq(latent[0], flow.base()),
                latent[1].length == 0 ? empty : LatentDiagnostics.qq(latent[1], flow.base())};
    }

    /**
     * The density grid over the data (training panel) or over the mapped base box (layers panel),
     * always {@link #GRID_CELLS} a side. Paused it follows every change; while playing it is refreshed
     * at most every GRID_PERIOD_NS, and less often when it would take more than GRID_SHARE of the thread.
     */
    private void refreshGrid(FlowParams p, Flow.Trace trace) {
        long now = System.nanoTime();
        boolean samePanel = grid != null && gridPanel.equals(p.panel());
        if (samePanel && gridVersion == version) {
            return;
        }
        long period = Math.min(GRID_PERIOD_MAX_NS, Math.max(GRID_PERIOD_NS, (long) (gridNs / GRID_SHARE)));
        if (samePanel && p.playing() && now - gridAt < period) {
            return;
        }
        double[] b = box(p, trace);
        long t0 = System.nanoTime();
        grid = flow.densityGrid(b[0], b[1], b[2], b[3], GRID_CELLS);
        gridNs = System.nanoTime() - t0;
        gridAt = now;
        gridVersion = version;
        gridPanel = p.panel();
    }

    private String gridPanel = "";

    private double[] box(FlowParams p, Flow.Trace trace) {
        if (data != null && !"layers".equals(p.panel())) {
            // a square box: the plot keeps one unit as long on x as on y, so the heat map fills it
            double[] b = data.bounds();
            if (toy == null) {
                // drawn points: at least the base box, so the student can keep drawing anywhere on it
                b = new double[] {Math.min(b[0], -BOX), Math.max(b[1], BOX), Math.min(b[2], -BOX), Math.max(b[3], BOX)};
            }
            double cx = 0.5 * (b[0] + b[1]);
            double cy = 0.5 * (b[2] + b[3]);
            double h = 0.5 * Math.max(b[1] - b[0], b[3] - b[2]);
            return new double[] {cx - h, cx + h, cy - h, cy + h};
        }
        double[] x = trace.xs()[trace.xs().length - 1];
        double[] y = trace.ys()[trace.ys().length - 1];
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (int i = SAMPLES; i < x.length; i++) {
            x0 = Math.min(x0, x[i]);
            x1 = Math.max(x1, x[i]);
            y0 = Math.min(y0, y[i]);
            y1 = Math.max(y1, y[i]);
        }
        double lim = 12;
        return new double[] {Math.max(-lim, x0), Math.min(lim, x1), Math.max(-lim, y0), Math.min(lim, y1)};
    }

    /** Makes the first coupling's network non-finite, so the divergence guard must act (tests, a demo). */
    void poison() {
        for (int i = 0; i < flow.size(); i++) {
            if (flow.layer(i) instanceof AffineCoupling c) {
                double[] q = c.params();
                q[0] = Double.NaN;
                c.setParams(q);
                return;
            }
        }
        throw new IllegalStateException("no coupling layer to poison");
    }

    /** Wall time of the last density grid (bench). */
    long lastGridNs() {
        return gridNs;
    }
}
