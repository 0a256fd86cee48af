package dev.genlab.model.flow;

import dev.genlab.model.flow.onedim.RootSolve;

/**
 * The planar flow of Rezende &amp; Mohamed 2015 ("Variational Inference with Normalizing Flows",
 * ICML, §4.1), defined here in the <em>normalizing</em> direction x → z so that maximum-likelihood
 * training needs no root solve:
 * <pre>
 *   z = f⁻¹(x) = x + û tanh(wᵀx + b),     log|det ∂f⁻¹/∂x| = log(1 + wᵀû · tanh'(wᵀx + b)).
 * </pre>
 * Invertibility needs wᵀû ≥ −1 (the paper's Appendix A); it is kept by the paper's
 * reparametrisation û = u + (m(wᵀu) − wᵀu) w/‖w‖², m(a) = −1 + softplus(a), so every raw u
 * is allowed and wᵀû = m(wᵀu) &gt; −1. Here m(a) = −1 + ε + softplus(a) with ε = {@link #FLOOR}:
 * in double precision softplus(−40) already vanishes next to 1, and without the floor a raw u
 * driven far enough by training would make the layer exactly singular. The constructor takes the effective û (what a UI shows)
 * and refuses wᵀû &lt; −1 + {@link #MARGIN}; {@link #u()} returns û.
 *
 * <p>The sampling direction z → x has no closed form but is exact by a 1-D solve along w:
 * with α = wᵀx, wᵀz = α + wᵀû tanh(α + b) is strictly increasing in α and |tanh| ≤ 1 brackets
 * α in [wᵀz − |wᵀû|, wᵀz + |wᵀû|]; then x = z − û tanh(α + b).
 * Parameters {w₁, w₂, u₁, u₂, b} with u the raw (pre-reparametrisation) vector.
 */
public final class PlanarLayer extends JavaParamLayer {

    /** wᵀû must exceed −1 by this much in the constructor (the map's Jacobian stays ≥ 0.01). */
    public static final double MARGIN = 0.01;

    /** The ε of m(a) = −1 + ε + softplus(a): wᵀû ≥ −1 + ε always. */
    public static final double FLOOR = 1e-3;

    private double uh1;
    private double uh2;
    private double[] cachedX;
    private double[] cachedY;

    /**
     * @param u1 the effective û (after reparametrisation)
     * @throws IllegalArgumentException if wᵀû &lt; −1 + {@link #MARGIN}, w = 0 or a value is not finite
     */
    public PlanarLayer(double w1, double w2, double u1, double u2, double b) {
        super(5);
        String why = refusal(w1, w2, u1, u2);
        if (!why.isEmpty() || !Double.isFinite(b)) {
            throw new IllegalArgumentException(why.isEmpty() ? "planar layer: b must be finite" : why);
        }
        double q = w1 * w1 + w2 * w2;
        double k = w1 * u1 + w2 * u2;
        double a = softplusInverse(k + 1 - FLOOR);
        setParams(new double[] {w1, w2, u1 + (a - k) * w1 / q, u2 + (a - k) * w2 / q, b});
    }

    /** Empty if (w, û) make an invertible planar layer, else the message for the UI. */
    public static String refusal(double w1, double w2, double u1, double u2) {
        if (!Double.isFinite(w1) || !Double.isFinite(w2) || !Double.isFinite(u1) || !Double.isFinite(u2)) {
            return "planar layer: w and u must be finite";
        }
        if (w1 * w1 + w2 * w2 < 1e-12) {
            return "planar layer: w = 0 has no direction (the layer would be a constant shift; use a linear layer)";
        }
        double k = w1 * u1 + w2 * u2;
        if (k < -1 + MARGIN) {
            return "planar layer: wᵀu = " + String.format(java.util.Locale.ROOT, "%.3f", k)
                    + " < −1 folds the plane (det = 1 + wᵀu·tanh' changes sign), so the map is not invertible";
        }
        return "";
    }

    /** Builds a layer from raw training parameters {w₁, w₂, u₁, u₂, b} (any u allowed). */
    public static PlanarLayer fromRaw(double[] raw) {
        PlanarLayer l = new PlanarLayer(1, 0, 0, 0, 0);
        l.setParams(raw);
        return l;
    }

    @Override
    void changed() {
        double w1 = p[0];
        double w2 = p[1];
        double q = w1 * w1 + w2 * w2;
        double a = w1 * p[2] + w2 * p[3];
        double c = q < 1e-12 ? 0 : (softplus(a) - 1 + FLOOR - a) / q;
        uh1 = p[2] + c * w1;
        uh2 = p[3] + c * w2;
    }

    @Override
    String validate() {
        double q = p[0] * p[0] + p[1] * p[1];
        if (q < 1e-12) {
            return "planar layer: w = 0";
        }
        changed();
        if (!(p[0] * uh1 + p[1] * uh2 > -1 + FLOOR / 2)) {
            return "planar layer: wᵀû reached −1, the map is no longer invertible";
        }
        return "";
    }

    /** The effective û. */
    public double[] u() {
        return new double[] {uh1, uh2};
    }

    public double[] w() {
        return new double[] {p[0], p[1]};
    }

    public double b() {
        return p[4];
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double w1 = p[0];
        double w2 = p[1];
        double b = p[4];
        double k = w1 * uh1 + w2 * uh2;
        for (int i = 0; i < n; i++) {
            double t = Math.tanh(w1 * xs[i] + w2 * ys[i] + b);
            if (logDet != null) {
                logDet[i] += Math.log1p(k * (1 - t * t));
            }
            xs[i] += uh1 * t;
            ys[i] += uh2 * t;
        }
    }

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double w1 = p[0];
        double w2 = p[1];
        double b = p[4];
        double k = w1 * uh1 + w2 * uh2;
        for (int i = 0; i < n; i++) {
            double target = w1 * xs[i] + w2 * ys[i];
            double alpha = RootSolve.increasing(a -> a + k * Math.tanh(a + b), a -> {
                double t = Math.tanh(a + b);
                return 1 + k * (1 - t * t);
            }, target, target - Math.abs(k), target + Math.abs(k));
            double t = Math.tanh(alpha + b);
            xs[i] -= uh1 * t;
            ys[i] -= uh2 * t;
            if (logDet != null) {
                logDet[i] -= Math.log1p(k * (1 - t * t));
            }
        }
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        double[] x = {zx};
        double[] y = {zy};
        forward(x, y, 1, null);
        double t = Math.tanh(p[0] * x[0] + p[1] * y[0] + p[4]);
        double h = 1 - t * t;
        // ∂z/∂x = I + û h wᵀ; the sampling map's Jacobian is its inverse
        double[] jinv = {1 + uh1 * h * p[0], uh1 * h * p[1], uh2 * h * p[0], 1 + uh2 * h * p[1]};
        return inverse2x2(jinv);
    }

    @Override
    void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        cachedX = java.util.Arrays.copyOf(xs, n);
        cachedY = java.util.Arrays.copyOf(ys, n);
        inverse(xs, ys, n, logDet);
    }

    @Override
    void backward(double[] gx, double[] gy, int n, double gLd) {
        double w1 = p[0];
        double w2 = p[1];
        double b = p[4];
        double k = w1 * uh1 + w2 * uh2;
        double gu1 = 0, gu2 = 0, gw1 = 0, gw2 = 0, gb = 0;
        for (int i = 0; i < n; i++) {
            double x = cachedX[i];
            double y = cachedY[i];
            double t = Math.tanh(w1 * x + w2 * y + b);
            double hp = 1 - t * t;
            double hpp = -2 * t * hp;
            double d = 1 + k * hp;
            double ug = uh1 * gx[i] + uh2 * gy[i];
            // dL/da for a = wᵀx + b, from z's term and from the log-det's term
            double ga = ug * hp + gLd * k * hpp / d;
            gu1 += gx[i] * t + gLd * hp / d * w1;
            gu2 += gy[i] * t + gLd * hp / d * w2;
            gw1 += ga * x + gLd * hp / d * uh1;
            gw2 += ga * y + gLd * hp / d * uh2;
            gb += ga;
            gx[i] += ga * w1;
            gy[i] += ga * w2;
        }
        // through û = u + c(a) w/q, a = wᵀu, c = softplus(a) − 1 + ε − a, q = ‖w‖²
        double q = w1 * w1 + w2 * w2;
        double a = w1 * p[2] + w2 * p[3];
        double c = softplus(a) - 1 + FLOOR - a;
        double dc = sigmoid(a) - 1;
        double guw = gu1 * w1 + gu2 * w2;
        g[2] = gu1 + dc * guw * w1 / q;
        g[3] = gu2 + dc * guw * w2 / q;
        g[0] = gw1 + dc * guw * p[2] / q + c * gu1 / q - 2 * c * guw * w1 / (q * q);
        g[1] = gw2 + dc * guw * p[3] / q + c * gu2 / q - 2 * c * guw * w2 / (q * q);
        g[4] = gb;
    }

    @Override
    public String name() {
        return "planar";
    }
}
