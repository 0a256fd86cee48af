package dev.genlab.model.flow.onedim;

/**
 * The monotone rational-quadratic spline of Durkan, Bekasov, Murray &amp; Papamakarios 2019,
 * "Neural Spline Flows" (NeurIPS), eq. 4–8 (after Gregory &amp; Delbourgo 1982). Knots
 * (z_k, x_k) strictly increasing ({@link Knots}) and positive derivatives δ_k at the knots. In bin
 * k, with w = z_{k+1} − z_k, h = x_{k+1} − x_k, s = h/w and ξ = (z − z_k)/w ∈ [0, 1):
 * <pre>
 *   f(z)  = x_k + h [s ξ² + δ_k ξ(1−ξ)] / [s + (δ_{k+1} + δ_k − 2s) ξ(1−ξ)]
 *   f'(z) = s² [δ_{k+1} ξ² + 2s ξ(1−ξ) + δ_k (1−ξ)²] / [s + (δ_{k+1} + δ_k − 2s) ξ(1−ξ)]²
 * </pre>
 * f' &gt; 0 for every positive s and δ (numerator and denominator are positive), so the spline is
 * monotone for any allowed knots. The inverse solves the quadratic a ξ² + b ξ + c = 0 with
 * a = h(s − δ_k) + (x − x_k) D, b = h δ_k − (x − x_k) D, c = −s (x − x_k), D = δ_{k+1} + δ_k − 2s,
 * by the root ξ = 2c / (−b − √(b² − 4ac)) (the paper's eq. 29, stable form). Outside
 * [z_0, z_K] the map is linear with the boundary slopes δ_0 and δ_K (the paper uses slope 1 with
 * δ_0 = δ_K = 1; any positive boundary derivative keeps f C¹ and monotone).
 */
public final class RationalQuadraticSpline implements Transform1D {

    /** Allowed range of a knot derivative; a slider is clamped to it. */
    public static final double MIN_DERIVATIVE = 1e-2;
    public static final double MAX_DERIVATIVE = 1e2;

    private final Knots knots;
    private final double[] deltas;

    /** @throws IllegalArgumentException if a derivative is outside [MIN, MAX] or the counts differ */
    public RationalQuadraticSpline(Knots knots, double[] deltas) {
        if (deltas.length != knots.size()) {
            throw new IllegalArgumentException("need one derivative per knot: " + knots.size() + ", got " + deltas.length);
        }
        for (int k = 0; k < deltas.length; k++) {
            if (!(deltas[k] >= MIN_DERIVATIVE && deltas[k] <= MAX_DERIVATIVE)) {
                throw new IllegalArgumentException("derivative at knot " + k + " is " + deltas[k] + "; it must lie in ["
                        + MIN_DERIVATIVE + ", " + MAX_DERIVATIVE + "] (≤ 0 would break monotonicity)");
            }
        }
        this.knots = knots;
        this.deltas = deltas.clone();
    }

    /** Derivatives at the interior knots from the secant slopes (harmonic-mean rule), 1 at the ends. */
    public static RationalQuadraticSpline withDefaultDerivatives(Knots knots) {
        int n = knots.size();
        double[] d = new double[n];
        d[0] = 1;
        d[n - 1] = 1;
        for (int k = 1; k < n - 1; k++) {
            double s0 = (knots.x(k) - knots.x(k - 1)) / (knots.z(k) - knots.z(k - 1));
            double s1 = (knots.x(k + 1) - knots.x(k)) / (knots.z(k + 1) - knots.z(k));
            d[k] = clampDerivative(2 * s0 * s1 / (s0 + s1));
        }
        return new RationalQuadraticSpline(knots, d);
    }

    /** A drag's outcome: the spline to show, and the reason if the request was clamped. */
    public record Result(RationalQuadraticSpline spline, boolean clamped, String reason) {
    }

    /** This spline with knot i dragged towards (z, x), clamped to stay monotone; derivatives kept. */
    public Result move(int i, double z, double x) {
        Knots.Edit e = knots.move(i, z, x);
        return new Result(new RationalQuadraticSpline(e.knots(), deltas), e.clamped(), e.reason());
    }

    /** This spline with the derivative at knot i set towards d, clamped to [MIN, MAX]. */
    public Result withDerivative(int i, double d) {
        double c = Double.isNaN(d) ? deltas[i] : clampDerivative(d);
        double[] nd = deltas.clone();
        nd[i] = c;
        boolean clamped = c != d;
        return new Result(new RationalQuadraticSpline(knots, nd), clamped, clamped
                ? "a knot derivative must lie in [" + MIN_DERIVATIVE + ", " + MAX_DERIVATIVE
                        + "]: zero or negative slopes would break monotonicity"
                : "");
    }

    private static double clampDerivative(double d) {
        return Math.max(MIN_DERIVATIVE, Math.min(MAX_DERIVATIVE, d));
    }

    public Knots knots() {
        return knots;
    }

    public double[] derivatives() {
        return deltas.clone();
    }

    @Override
    public double forward(double z) {
        int k = knots.binOfZ(z);
        int last = knots.size() - 1;
        if (k < 0) {
            return knots.x(0) + deltas[0] * (z - knots.z(0));
        }
        if (k == last) {
            return knots.x(last) + deltas[last] * (z - knots.z(last));
        }
        double w = knots.z(k + 1) - knots.z(k);
        double h = knots.x(k + 1) - knots.x(k);
        double s = h / w;
        double xi = (z - knots.z(k)) / w;
        double om = xi * (1 - xi);
        double den = s + (deltas[k + 1] + deltas[k] - 2 * s) * om;
        return knots.x(k) + h * (s * xi * xi + deltas[k] * om) / den;
    }

    @Override
    public double derivative(double z) {
        int k = knots.binOfZ(z);
        int last = knots.size() - 1;
        if (k < 0) {
            return deltas[0];
        }
        if (k == last) {
            return deltas[last];
        }
        double w = knots.z(k + 1) - knots.z(k);
        double s = (knots.x(k + 1) - knots.x(k)) / w;
        double xi = (z - knots.z(k)) / w;
        double om = xi * (1 - xi);
        double den = s + (deltas[k + 1] + deltas[k] - 2 * s) * om;
        double num = deltas[k + 1] * xi * xi + 2 * s * om + deltas[k] * (1 - xi) * (1 - xi);
        return s * s * num / (den * den);
    }

    @Override
    public double inverse(double x) {
        int k = knots.binOfX(x);
        int last = knots.size() - 1;
        if (k < 0) {
            return knots.z(0) + (x - knots.x(0)) / deltas[0];
        }
        if (k == last) {
            return knots.z(last) + (x - knots.x(last)) / deltas[last];
        }
        double w = knots.z(k + 1) - knots.z(k);
        double h = knots.x(k + 1) - knots.x(k);
        double s = h / w;
        double dx = x - knots.x(k);
        double d = deltas[k + 1] + deltas[k] - 2 * s;
        double a = h * (s - deltas[k]) + dx * d;
        double b = h * deltas[k] - dx * d;
        double c = -s * dx;
        double disc = Math.max(0, b * b - 4 * a * c);
        double xi = 2 * c / (-b - Math.sqrt(disc));
        return knots.z(k) + xi * w;
    }

    @Override
    public double[] breakpoints() {
        return knots.zs();
    }

    @Override
    public String describe() {
        return "rational-quadratic spline, " + (knots.size() - 1) + " bins";
    }
}
