package dev.genlab.model.flow;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * A 2-D MAF or IAF layer ({@link AutoregressiveFlow} with D = 2) as a {@link FlowLayer}, so it
 * stacks in a {@link Flow} beside couplings and trains with it (Papamakarios et al. 2017, "Masked
 * Autoregressive Flow for Density Estimation"; Kingma et al. 2016, "Improved Variational Inference
 * with Inverse Autoregressive Flow"). With the ordering (a, b) = (x, y) or (y, x):
 * <pre>
 *   MAF   x_a = z_a e^{α_a} + μ_a,   x_b = z_b e^{α_b(x_a)} + μ_b(x_a)
 *   IAF   x_a = z_a e^{α_a} + μ_a,   x_b = z_b e^{α_b(z_a)} + μ_b(z_a)
 * </pre>
 * where μ_a, α_a are learnt constants (the first coordinate sees nothing). In two dimensions a MADE's
 * hidden units all have degree 1, so the layer is an affine coupling whose conditioned coordinate is
 * also scaled and shifted; MAF conditions on x_a (density in one pass, sampling in two), IAF on z_a
 * (sampling in one pass, density in two). Log-det Σ α: the Jacobian is triangular.
 *
 * <p>Not thread-safe ({@link #concurrentInverse()} is false: the layer keeps scratch).
 */
public final class MadeFlowLayer extends FlowLayer {

    private final AutoregressiveFlow flow;
    private final boolean xFirst;
    private final int hidden;
    private double[] pts = new double[0];
    private double[] grad = new double[0];

    /**
     * @param xFirst        ordering (x, y): y is conditioned on x; false: (y, x)
     * @param hidden        width of the MADE's two hidden layers
     * @param type          FLOAT (the app) or DOUBLE (exact tanh: checks)
     * @param identityStart the layer starts as the identity
     */
    public MadeFlowLayer(AutoregressiveFlow.Kind kind, boolean xFirst, int hidden, DataType type, long seed,
                         boolean identityStart) {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden size must be positive, got " + hidden);
        }
        this.xFirst = xFirst;
        this.hidden = hidden;
        this.flow = new AutoregressiveFlow(kind, xFirst ? new int[] {0, 1} : new int[] {1, 0},
                new int[] {hidden, hidden}, type, seed, identityStart);
    }

    /** The D = 2 flow this layer wraps (its masks, passes, kind). */
    public AutoregressiveFlow flow() {
        return flow;
    }

    public AutoregressiveFlow.Kind kind() {
        return flow.kind();
    }

    public boolean xFirst() {
        return xFirst;
    }

    public int hidden() {
        return hidden;
    }

    private double[] pack(double[] xs, double[] ys, int n) {
        if (pts.length < 2 * n) {
            pts = new double[2 * n];
        }
        for (int i = 0; i < n; i++) {
            pts[2 * i] = xs[i];
            pts[2 * i + 1] = ys[i];
        }
        return pts;
    }

    private static void unpack(double[] p, double[] xs, double[] ys, int n) {
        for (int i = 0; i < n; i++) {
            xs[i] = p[2 * i];
            ys[i] = p[2 * i + 1];
        }
    }

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double[] p = pack(xs, ys, n);
        flow.forward(p, n, logDet);
        unpack(p, xs, ys, n);
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double[] p = pack(xs, ys, n);
        flow.inverse(p, n, logDet);
        unpack(p, xs, ys, n);
    }

    @Override
    void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        double[] p = pack(xs, ys, n);
        flow.inverseForTraining(p, n, logDet);
        unpack(p, xs, ys, n);
    }

    @Override
    void backward(double[] gx, double[] gy, int n, double gLogDet) {
        if (grad.length < 2 * n) {
            grad = new double[2 * n];
        }
        for (int i = 0; i < n; i++) {
            grad[2 * i] = gx[i];
            grad[2 * i + 1] = gy[i];
        }
        flow.backward(grad, n, gLogDet);
        unpack(grad, gx, gy, n);
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        return flow.jacobian(new double[] {zx, zy});
    }

    @Override
    public String name() {
        String dir = xFirst ? "(x → y)" : "(y → x)";
        return (flow.kind() == AutoregressiveFlow.Kind.MAF ? "MAF " : "IAF ") + dir;
    }

    @Override
    public String health() {
        String h = flow.health();
        return h.isEmpty() ? "" : name() + ": " + h;
    }

    @Override
    public int numParams() {
        return flow.numParams();
    }

    @Override
    public double[] params() {
        return flow.params();
    }

    @Override
    public void setParams(double[] p) {
        if (p.length != flow.numParams()) {
            throw new IllegalArgumentException("expected " + flow.numParams() + " values, got " + p.length);
        }
        flow.setParams(p);
    }

    @Override
    public double[] gradients() {
        return flow.gradients();
    }

    @Override
    void adamStep(double learningRate) {
        flow.adamStep(learningRate);
    }

    @Override
    void resetOptimizer() {
        flow.resetOptimizer();
    }

    @Override
    boolean concurrentInverse() {
        return false;
    }
}
