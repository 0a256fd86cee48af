package dev.genlab.model.flow;

/**
 * The radial flow of Rezende &amp; Mohamed 2015 (§4.1), defined in the normalizing direction
 * x → z like {@link PlanarLayer}:
 * <pre>
 *   z = f⁻¹(x) = x + β h(r) (x − x₀),   r = ‖x − x₀‖,   h(r) = 1/(α + r),
 *   log|det ∂f⁻¹/∂x| = (d − 1) log(1 + β h) + log(1 + β h + β h'(r) r) = log(1 + β h) + log(1 + α β h²)   (d = 2).
 * </pre>
 * Invertible iff β ≥ −α (Appendix A); kept during training by α = softplus(a), β = −α + softplus(b').
 * The constructor refuses (α + β)/α &lt; {@link #MIN_RATIO} (at β = −α the centre collapses to a point).
 * The sampling direction is closed-form: ‖z − x₀‖ = r (1 + β/(α + r)) gives the quadratic
 * r² + (α + β − d) r − α d = 0 in r, d = ‖z − x₀‖, whose positive root is
 * r = (−(α + β − d) + √((α + β − d)² + 4αd)) / 2, and x = x₀ + (z − x₀) r/d.
 * Parameters {x₀, y₀, a, b'}.
 */
public final class RadialLayer extends JavaParamLayer {

    /** (α + β)/α must be at least this: the Jacobian at the centre is ((α + β)/α)². */
    public static final double MIN_RATIO = 0.05;

    private double[] cachedX;
    private double[] cachedY;

    /** @throws IllegalArgumentException if α ≤ 0 or β is too close to (or below) −α */
    public RadialLayer(double x0, double y0, double alpha, double beta) {
        super(4);
        String why = refusal(alpha, beta);
        if (!why.isEmpty() || !Double.isFinite(x0) || !Double.isFinite(y0)) {
            throw new IllegalArgumentException(why.isEmpty() ? "radial layer: centre must be finite" : why);
        }
        setParams(new double[] {x0, y0, softplusInverse(alpha), softplusInverse(alpha + beta)});
    }

    /** Empty if (α, β) make an invertible radial layer, else the message for the UI. */
    public static String refusal(double alpha, double beta) {
        if (!(alpha > 0) || !Double.isFinite(alpha) || !Double.isFinite(beta)) {
            return "radial layer: α must be positive and finite";
        }
        if ((alpha + beta) / alpha < MIN_RATIO) {
            return "radial layer: β = " + beta + " < −α = " + (-alpha)
                    + " pulls the plane through its centre, so the map folds and is not invertible";
        }
        return "";
    }

    public double alpha() {
        return softplus(p[2]);
    }

    public double beta() {
        return -alpha() + softplus(p[3]);
    }

    public double[] centre() {
        return new double[] {p[0], p[1]};
    }

    @Override
    String validate() {
        double a = alpha();
        return a > 0 && softplus(p[3]) > 0 ? "" : "radial layer: α or α + β underflowed to 0";
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double al = alpha();
        double be = beta();
        for (int i = 0; i < n; i++) {
            double vx = xs[i] - p[0];
            double vy = ys[i] - p[1];
            double r = Math.sqrt(vx * vx + vy * vy);
            double s = 1 / (al + r);
            if (logDet != null) {
                logDet[i] += Math.log1p(be * s) + Math.log1p(al * be * s * s);
            }
            xs[i] += be * s * vx;
            ys[i] += be * s * vy;
        }
    }

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double al = alpha();
        double be = beta();
        for (int i = 0; i < n; i++) {
            double vx = xs[i] - p[0];
            double vy = ys[i] - p[1];
            double d = Math.sqrt(vx * vx + vy * vy);
            double q = al + be - d;
            // the positive root, written without cancellation when q > 0
            double r = q > 0 ? 2 * al * d / (q + Math.sqrt(q * q + 4 * al * d)) : (-q + Math.sqrt(q * q + 4 * al * d)) / 2;
            double scale = d > 0 ? r / d : 1 / (1 + be / al);
            xs[i] = p[0] + vx * scale;
            ys[i] = p[1] + vy * scale;
            if (logDet != null) {
                double s = 1 / (al + r);
                logDet[i] -= Math.log1p(be * s) + Math.log1p(al * be * s * s);
            }
        }
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        double[] x = {zx};
        double[] y = {zy};
        forward(x, y, 1, null);
        double vx = x[0] - p[0];
        double vy = y[0] - p[1];
        double r = Math.sqrt(vx * vx + vy * vy);
        double be = beta();
        double s = 1 / (alpha() + r);
        // ∂z/∂x = (1 + βs) I − β s² v vᵀ / r
        double c = r > 0 ? be * s * s / r : 0;
        double[] jinv = {1 + be * s - c * vx * vx, -c * vx * vy, -c * vx * vy, 1 + be * s - c * vy * vy};
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
        double al = alpha();
        double be = beta();
        double gAl = 0, gBe = 0, gx0 = 0, gy0 = 0;
        for (int i = 0; i < n; i++) {
            double vx = cachedX[i] - p[0];
            double vy = cachedY[i] - p[1];
            double r = Math.sqrt(vx * vx + vy * vy);
            double s = 1 / (al + r);
            double e1 = 1 + be * s;
            double e2 = 1 + al * be * s * s;
            double vg = vx * gx[i] + vy * gy[i];
            // ∂ld/∂r with ds/dr = −s²
            double dldr = -be * s * s / e1 - 2 * al * be * s * s * s / e2;
            double c = r > 0 ? (-be * s * s * vg + gLd * dldr) / r : 0;
            double ox = e1 * gx[i] + c * vx;
            double oy = e1 * gy[i] + c * vy;
            gBe += s * vg + gLd * (s / e1 + al * s * s / e2);
            gAl += -be * s * s * vg + gLd * (-be * s * s / e1 + be * s * s * (1 - 2 * al * s) / e2);
            gx0 += gx[i] - ox;
            gy0 += gy[i] - oy;
            gx[i] = ox;
            gy[i] = oy;
        }
        g[0] = gx0;
        g[1] = gy0;
        g[2] = (gAl - gBe) * sigmoid(p[2]);
        g[3] = gBe * sigmoid(p[3]);
    }

    @Override
    public String name() {
        return "radial";
    }
}
