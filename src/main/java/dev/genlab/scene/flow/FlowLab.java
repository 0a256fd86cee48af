package dev.genlab.scene.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.PointSet;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.live.LiveModel;
import dev.genlab.model.flow.ActNorm;
import dev.genlab.model.flow.AdditiveCoupling;
import dev.genlab.model.flow.AffineCoupling;
import dev.genlab.model.flow.AutoregressiveFlow;
import dev.genlab.model.flow.CouplingLayer;
import dev.genlab.model.flow.Flow;
import dev.genlab.model.flow.FlowLayer;
import dev.genlab.model.flow.LatentDiagnostics;
import dev.genlab.model.flow.LinearLayer;
import dev.genlab.model.flow.LuLinearLayer;
import dev.genlab.model.flow.MadeFlowLayer;
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
 * <p>Layer edits ({@link #add}, {@link #remove}, {@link #move}) and what the view asks to see
 * ({@link #show(View)}) arrive as commands through the trainer's channel and run here, on the trainer
 * thread, which alone touches the flow (coupling layers own ND4J workspaces). The model knows nothing
 * of the view but that request.
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

    /**
     * What the view asks the trainer thread to compute: the density grid of the panel shown (over the
     * data when training, over the warped base box in the layers panel, none in 1-D) and the Jacobian of
     * the selected layer (−1: the first coupling) at the base-plane point (probeX, probeY).
     */
    public record View(FlowParams.Panel panel, int selected, double probeX, double probeY, double pointX,
                       double pointY) {
        public static final View INITIAL = new View(FlowParams.Panel.ONED, -1, 0.8, 0.6);

        /** No data point chosen on the training panel: the read-out decomposes the first of the shown data. */
        public View(FlowParams.Panel panel, int selected, double probeX, double probeY) {
            this(panel, selected, probeX, probeY, Double.NaN, Double.NaN);
        }
    }

    /**
     * The log-density of one data point term by term: z = f⁻¹(x), log p_z(z), and per layer k of the stack
     * (sampling order) log|det ∂f_k⁻¹/∂x| at the state the point has when the inverse reaches that layer.
     * {@code logPx} is the flow's own {@link Flow#logDensity}, computed apart: the terms add up to it.
     */
    public record PointTerms(double x, double y, double zx, double zy, double logPz, double[] logDets, double logPx) {
        public double sumLogDets() {
            double s = 0;
            for (double v : logDets) {
                s += v;
            }
            return s;
        }
    }

    /** The Jacobian of one layer at the state a base-plane point reaches before it (row-major ∂f_k/∂z). */
    public record LayerJacobian(int layer, double zx, double zy, double[] matrix) {
    }

    private View view = View.INITIAL;
    private boolean playing;
    private Flow flow;
    /** The dequantisation panel's flow on 8 × 8 digits; it trains instead of the 2-D flow while that panel is shown. */
    private DequantLab dequant;
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
    private double heldOutLogPz = Double.NaN;
    private double heldOutLogDet = Double.NaN;
    private PointTerms pointTerms;
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

    /** What the view shows from now on (a command, on the trainer thread). */
    public void show(View v) {
        view = v;
    }

    @Override
    public void playingChanged(boolean now) {
        playing = now;
    }

    // ---------------------------------------------------------------- the stack

    /** Layer kinds the editor offers. */
    static final List<String> KINDS = List.of("linear", "planar", "radial", "coupling_x", "coupling_y",
            "coupling_additive_x", "coupling_additive_y", "maf_x", "maf_y", "iaf_x", "iaf_y", "actnorm", "permutation");

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
            case "coupling_additive_x", "coupling_additive_y" -> new AdditiveCoupling(kind.endsWith("_x"), p.hidden(),
                    Activation.TANH, DTYPE, r.nextLong(), identityStart);
            case "maf_x", "maf_y", "iaf_x", "iaf_y" -> new MadeFlowLayer(kind.startsWith("maf")
                    ? AutoregressiveFlow.Kind.MAF : AutoregressiveFlow.Kind.IAF, kind.endsWith("_x"), p.hidden(), DTYPE,
                    r.nextLong(), identityStart);
            case "actnorm" -> new ActNorm();
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
        if (l instanceof CouplingLayer c) {
            return (c instanceof AdditiveCoupling ? "coupling_additive" : "coupling") + (c.conditionedOnX() ? "_x" : "_y");
        }
        if (l instanceof MadeFlowLayer m) {
            return (m.kind() == AutoregressiveFlow.Kind.MAF ? "maf" : "iaf") + (m.xFirst() ? "_x" : "_y");
        }
        if (l instanceof ActNorm) {
            return "actnorm";
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
                case "coupling_additive" -> f.add(newLayer(k % 2 == 0 ? "coupling_additive_x" : "coupling_additive_y", p,
                        true));
                case "maf", "iaf" -> f.add(newLayer(p.flowType() + (k % 2 == 0 ? "_x" : "_y"), p, true));
                case "glow" -> {
                    // Glow's step, data side first: actnorm, invertible 1×1 convolution (LU), affine coupling;
                    // in the sampling order of the stack that is coupling, LU, actnorm
                    f.add(newLayer("coupling_x", p, true));
                    f.add(LuLinearLayer.randomRotation(layerRng));
                    f.add(new ActNorm());
                }
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
    public void add(String kind, int index, FlowParams p) {
        FlowLayer l = newLayer(kind, p, false);
        flow.insert(Math.max(0, Math.min(flow.size(), index)), l);
        changed();
        message = "";
    }

    public void remove(int index) {
        if (index >= 0 && index < flow.size()) {
            flow.remove(index);
            changed();
        }
    }

    public void move(int from, int to) {
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
            if (flow.layer(i) instanceof CouplingLayer || flow.layer(i) instanceof MadeFlowLayer) {
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
        int i = linearIndex(view.selected());
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

    /** Follows the knobs that act without a reset: the matrix sliders and the drawn points. */
    private void follow(FlowParams p) {
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
        structure++;
        key = p;
        flow = build(p);
        dequant = new DequantLab(p.dequantNoise(), p.seed());
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
        recentNll = Double.NaN;
        blownUp = false;
        rewindTo = null;
        beforePrevious = null;
        heldOut = Double.NaN;
        heldOutLogPz = Double.NaN;
        heldOutLogDet = Double.NaN;
        pointTerms = null;
        speed = null;
        // the timed samples are drawn from this reset's base density
        sbx = new double[0];
        sby = new double[0];
        heldOutAt = -1;
        version++;
    }

    @Override
    public double step(FlowParams p) {
        if (view.panel() == FlowParams.Panel.DEQUANT) {
            return dequant.step();
        }
        follow(p);
        if (data == null || flow.size() == 0) {
            return 0;
        }
        int n = p.batch();
        if (bx.length != n) {
            bx = new double[n];
            by = new double[n];
        }
        data.batch(n, rng, bx, by);
        Saved before = capture();
        lastNll = flow.trainStep(bx, by, n, p.learningRate());
        watchForBlowUp(lastNll);
        // this step's NLL was measured before its update: a jump shows the previous step was the culprit
        rewindTo = blownUp ? beforePrevious : null;
        beforePrevious = before;
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

    private record Saved(List<FlowLayer> layers, double[][] params, long steps, DequantLab.Saved dequant) {
    }

    /** The state before the previous step, and where a blow-up goes back to (the state before its culprit). */
    private Saved beforePrevious;
    private Saved rewindTo;

    private Saved capture() {
        return new Saved(new ArrayList<>(flow.layers()), flow.saveParams(), steps, dequant.save());
    }

    @Override
    public Object saveState() {
        return capture();
    }

    @Override
    public void restoreState(Object state) {
        // a step's batch NLL is measured before its update, so a blow-up shows one step after the step
        // that caused it: the trainer's last good state already has the damage; go back before the culprit
        Saved s = rewindTo != null ? rewindTo : (Saved) state;
        blownUp = false;
        rewindTo = null;
        beforePrevious = null;
        while (flow.size() > 0) {
            flow.remove(flow.size() - 1);
        }
        s.layers().forEach(flow::add);
        flow.restoreParams(s.params());
        dequant.restore(s.dequant());
        flow.resetOptimizer();
        steps = s.steps();
        // the read-out's batch NLL is the restored step's, not the undone one's (a NaN or the jump itself)
        lastNll = steps > 0 ? history[(int) steps - 1] : Double.NaN;
        version++;
        structure++;
        heldOutAt = -1;
    }

    /**
     * A blow-up that is not (yet) a NaN: the batch NLL jumps far above where training was (at the top
     * learning rate a step can send it from 2 to 2,400 nats and the samples off the plot). Measured
     * against a slow running mean of the recent batch NLLs, after a few steps.
     */
    static final double BLOW_UP_NATS = 25;
    static final int BLOW_UP_AFTER = 20;
    private double recentNll = Double.NaN;
    private boolean blownUp;

    private void watchForBlowUp(double nll) {
        blownUp = steps > BLOW_UP_AFTER && Double.isFinite(recentNll) && nll > recentNll + BLOW_UP_NATS;
        if (!blownUp) {
            recentNll = Double.isNaN(recentNll) ? nll : 0.9 * recentNll + 0.1 * nll;
        }
    }

    @Override
    public boolean isHealthy() {
        return !blownUp && flow.health().isEmpty() && dequant.health().isEmpty();
    }

    @Override
    public String problem() {
        if (blownUp) {
            return dev.genlab.i18n.I18n.get("flow.blowUp", String.format(java.util.Locale.ROOT, "%.2f", recentNll),
                    String.format(java.util.Locale.ROOT, "%.1f", lastNll));
        }
        if (!dequant.health().isEmpty()) {
            return dev.genlab.i18n.I18n.get("flow.dq.notFinite");
        }
        // in the student's language (Flow.health() is the English for tests and logs): which layer,
        // and whether a parameter stopped being a number or the map stopped being invertible
        for (int i = 0; i < flow.size(); i++) {
            FlowLayer l = flow.layer(i);
            if (!l.health().isEmpty()) {
                boolean finite = java.util.Arrays.stream(l.params()).allMatch(Double::isFinite);
                return dev.genlab.i18n.I18n.get(finite ? "flow.problem.degenerate" : "flow.problem.notFinite",
                        i + 1, dev.genlab.i18n.I18n.get("flow.kind." + kindOf(l)));
            }
        }
        return "";
    }

    @Override
    public long steps() {
        return view.panel() == FlowParams.Panel.DEQUANT ? dequant.steps() : steps;
    }

    @Override
    public FlowLabSnapshot snapshot(FlowParams p) {
        follow(p);
        DequantLab.View dq = view.panel() == FlowParams.Panel.DEQUANT ? dequant.view(playing) : null;
        long now = System.nanoTime();
        // while playing, the trainer publishes every ~16 ms: the traced points, Jacobian and latent codes
        // (~25 ms with eight couplings) follow at most every HEAVY_PERIOD_NS and the grid every
        // GRID_PERIOD_NS, so that training keeps most of the thread
        boolean full = !playing || trace == null || traceStructure != structure || !view.equals(traceView)
                || now - traceAt >= HEAVY_PERIOD_NS;
        if (full) {
            traceView = view;
            trace();
            traceAt = now;
            traceStructure = structure;
        }
        refreshGrid(p, trace);
        int k = flow.size();
        String[] names = new String[k];
        String[] kinds = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = flow.layer(i).name();
            kinds[i] = kindOf(flow.layer(i));
        }
        int li = linearIndex(view.selected());
        double entropy = toy == null ? Double.NaN : toy.entropy(); // a default shape: a shipped constant
        String health = flow.health();
        return new FlowLabSnapshot(steps, lastNll, heldOut, java.util.Arrays.copyOf(history, (int) steps), entropy,
                p.dataset(), names, kinds, flow.numParams(), layerJacobian,
                li, li >= 0 ? ((LinearLayer) flow.layer(li)).matrix() : null, SAMPLES, CELLS, trace.xs(), trace.ys(),
                trace.logDet(), grid, dx.clone(), dy.clone(), latent[0], latent[1], qq[0], qq[1],
                health.isEmpty() ? message : health, heldOutLogPz, heldOutLogDet, pointTerms, speed, dq);
    }

    static final long HEAVY_PERIOD_NS = 200_000_000L;
    private Flow.Trace trace;
    private long traceAt;
    private long traceStructure = -1;
    private View traceView;
    private LayerJacobian layerJacobian;
    private double[][] latent;
    private double[][][] qq;

    /** Samples, grid corners and cell centres through every layer; the selected layer's Jacobian; the codes. */
    private void trace() {
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
        int selected = view.selected() >= 0 && view.selected() < k ? view.selected() : firstCoupling();
        layerJacobian = null;
        if (selected >= 0 && view.panel() == FlowParams.Panel.LAYERS) {
            Flow.Trace t = flow.trace(new double[] {view.probeX()}, new double[] {view.probeY()}, true);
            layerJacobian = new LayerJacobian(selected, view.probeX(), view.probeY(),
                    flow.layer(selected).jacobian(t.xs()[selected][0], t.ys()[selected][0]));
        }
        if (data != null && heldOutAt != steps) {
            heldOut = flow.nll(hx, hy);
            // the same NLL split in its two parts: −NLL = mean log p_z(f⁻¹(x)) + mean Σ log|det ∂f_k⁻¹/∂x|
            double[] ld = new double[hx.length];
            double[][] z = flow.inverse(hx, hy, ld);
            double lpz = 0;
            double sld = 0;
            for (int i = 0; i < ld.length; i++) {
                lpz += flow.base().logDensity(z[0][i], z[1][i]);
                sld += ld[i];
            }
            heldOutLogPz = lpz / ld.length;
            heldOutLogDet = sld / ld.length;
            heldOutAt = steps;
            // the two timed directions cost about three held-out evaluations: while playing, every SPEED_PERIOD_NS
            long now = System.nanoTime();
            if (!playing || speed == null || now - speedAt >= SPEED_PERIOD_NS) {
                speed = timeBothDirections();
                speedAt = now;
            }
        }
        pointTerms = view.panel() == FlowParams.Panel.TRAIN ? pointTerms() : null;
        latent = dx.length == 0 ? new double[][] {new double[0], new double[0]} : flow.inverse(dx, dy, null);
        double[][] empty = {new double[0], new double[0]};
        qq = new double[][][] {latent[0].length == 0 ? empty : LatentDiagnostics.qq(latent[0], flow.base()),
                latent[1].length == 0 ? empty : LatentDiagnostics.qq(latent[1], flow.base())};
    }

    /**
     * What the two directions cost on this stack, measured: the log-density of the held-out points
     * (x → z with log-dets, then log p_z) and as many samples (z → x from fixed base draws), each timed
     * with System.nanoTime around the call (the faster of two runs, so the first run's buffers are not
     * counted), and the MADE forward passes each made, counted by the networks themselves.
     */
    public record Speed(int points, long densityNs, long densityPasses, long samplingNs, long samplingPasses,
                        boolean autoregressive) {
    }

    private Speed speed;
    private long speedAt;
    static final long SPEED_PERIOD_NS = 2_000_000_000L;

    private Speed timeBothDirections() {
        int n = hx.length;
        if (sbx.length != n) {
            sbx = new double[n];
            sby = new double[n];
            flow.base().sample(n, new SplittableRandom(4242), sbx, sby);
        }
        long dNs = Long.MAX_VALUE;
        long sNs = Long.MAX_VALUE;
        long dPasses = 0;
        long sPasses = 0;
        for (int run = 0; run < 2; run++) {
            long p0 = madePasses();
            long t0 = System.nanoTime();
            flow.logDensity(hx, hy);
            dNs = Math.min(dNs, System.nanoTime() - t0);
            long p1 = madePasses();
            t0 = System.nanoTime();
            flow.forward(sbx, sby, null);
            sNs = Math.min(sNs, System.nanoTime() - t0);
            dPasses = p1 - p0;
            sPasses = madePasses() - p1;
        }
        boolean ar = flow.layers().stream().anyMatch(l -> l instanceof MadeFlowLayer);
        return new Speed(n, Math.max(1, dNs), dPasses, Math.max(1, sNs), sPasses, ar);
    }

    private double[] sbx = new double[0];
    private double[] sby = new double[0];

    /** Forward passes of every MADE in the stack so far. */
    private long madePasses() {
        long c = 0;
        for (FlowLayer l : flow.layers()) {
            if (l instanceof MadeFlowLayer m) {
                c += m.flow().passCount();
            }
        }
        return c;
    }

    /** The chosen data point (else the first shown data point) decomposed layer by layer; null without data. */
    private PointTerms pointTerms() {
        double x = view.pointX();
        double y = view.pointY();
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            if (dx.length == 0) {
                return null;
            }
            x = dx[0];
            y = dy[0];
        }
        return pointTerms(flow, x, y);
    }

    /** log p(x) of one point term by term: each layer's inverse applied alone, last layer first. */
    static PointTerms pointTerms(Flow flow, double x, double y) {
        double[] px = {x};
        double[] py = {y};
        double[] terms = new double[flow.size()];
        for (int k = flow.size() - 1; k >= 0; k--) {
            double[] ld = new double[1];
            flow.layer(k).inverse(px, py, 1, ld);
            terms[k] = ld[0];
        }
        double logPx = flow.logDensity(new double[] {x}, new double[] {y})[0];
        return new PointTerms(x, y, px[0], py[0], flow.base().logDensity(px[0], py[0]), terms, logPx);
    }

    /**
     * The density grid over the data (training panel) or over the mapped base box (layers panel),
     * always {@link #GRID_CELLS} a side. Paused it follows every change; while playing it is refreshed
     * at most every GRID_PERIOD_NS, and less often when it would take more than GRID_SHARE of the thread.
     */
    private void refreshGrid(FlowParams p, Flow.Trace trace) {
        long now = System.nanoTime();
        boolean samePanel = grid != null && gridPanel == view.panel();
        if (samePanel && gridVersion == version) {
            return;
        }
        long period = Math.min(GRID_PERIOD_MAX_NS, Math.max(GRID_PERIOD_NS, (long) (gridNs / GRID_SHARE)));
        if (samePanel && playing && now - gridAt < period) {
            return;
        }
        double[] b = box(p, trace);
        long t0 = System.nanoTime();
        // paused, the second core is idle and the student waits for this grid; playing, the JavaFX thread needs it
        grid = flow.densityGrid(b[0], b[1], b[2], b[3], GRID_CELLS, !playing);
        gridNs = System.nanoTime() - t0;
        gridAt = now;
        gridVersion = version;
        gridPanel = view.panel();
    }

    private FlowParams.Panel gridPanel;

    private double[] box(FlowParams p, Flow.Trace trace) {
        if (data != null && view.panel() != FlowParams.Panel.LAYERS) {
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

    /** Makes the first network layer (a coupling or a MADE) non-finite, so the divergence guard must act (tests, a demo). */
    void poison() {
        for (int i = 0; i < flow.size(); i++) {
            FlowLayer l = flow.layer(i);
            if (l instanceof CouplingLayer || l instanceof MadeFlowLayer) {
                double[] q = l.params();
                q[0] = Double.NaN;
                l.setParams(q);
                return;
            }
        }
        throw new IllegalStateException("no network layer to poison");
    }

    /** The dequantisation panel's model (tests on the trainer's thread). */
    DequantLab dequantForTests() {
        return dequant;
    }

    /** The flow itself (benches and tests on the trainer's thread). */
    Flow flowForBench() {
        return flow;
    }

    /** Wall time of the last density grid (bench). */
    long lastGridNs() {
        return gridNs;
    }
}
