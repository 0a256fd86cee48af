package dev.genlab.model.flow.onedim;

import java.util.Arrays;

import dev.genlab.math.Quadrature;

/**
 * The 1-D change of variables x = f(z), z ~ p_z, evaluated for a lesson's views. For an
 * invertible f
 * <pre>
 *   p_x(x) = p_z(f⁻¹(x)) · |d f⁻¹/dx| = p_z(z) · 1/|f'(z)|,   z = f⁻¹(x),
 *   log p_x(x) = log p_z(z) − log |f'(z)|,
 *   P(z ∈ [z₀, z₁]) = P(x ∈ f([z₀, z₁]))   (probability mass is carried, widths are scaled by ≈ |f'|).
 * </pre>
 * {@link #naiveDensity} always applies this formula with the single branch {@link Transform1D#inverse};
 * {@link #density} sums over every preimage (Σ_{f(z)=x} p_z(z)/|f'(z)|), which is the correct
 * density of f(z) also for a fold. The two agree exactly when f is invertible; for a fold
 * {@link #naiveIntegral()} shows the naive one no longer integrating to 1.
 *
 * <p>Plain Java on doubles, immutable, any thread; a 512-point curve costs microseconds.
 */
public final class ChangeOfVariables1D {

    private static final int PANELS = 16;
    private static final int NODES = 8;

    private final Base1D base;
    private final Transform1D f;

    public ChangeOfVariables1D(Base1D base, Transform1D f) {
        this.base = base;
        this.f = f;
    }

    public Base1D base() {
        return base;
    }

    public Transform1D transform() {
        return f;
    }

    /** p_z(f⁻¹(x)) / |f'(f⁻¹(x))| with the single branch f⁻¹ (0 where f⁻¹(x) is undefined). */
    public double naiveDensity(double x) {
        double z = f.inverse(x);
        if (Double.isNaN(z)) {
            return 0;
        }
        double d = Math.abs(f.derivative(z));
        double pz = base.density(z);
        return pz == 0 ? 0 : pz / d;
    }

    /** The true density of x = f(z): Σ over preimages of p_z(z)/|f'(z)|. */
    public double density(double x) {
        double sum = 0;
        for (double z : f.preimages(x)) {
            double pz = base.density(z);
            if (pz > 0) {
                sum += pz / Math.abs(f.derivative(z));
            }
        }
        return sum;
    }

    /**
     * The read-out at a point: p_x(x) = p_z(z) × |d f⁻¹/dx|, each factor and its logarithm.
     *
     * @param jacobian |d f⁻¹/dx| = 1/|f'(z)|, the factor by which the density is scaled
     */
    public record Decomposition(double x, double z, double pz, double jacobian, double px,
                                double logPz, double logJacobian, double logPx) {
    }

    /** The naive formula at x, decomposed (for a fold: the principal branch only). */
    public Decomposition decompose(double x) {
        double z = f.inverse(x);
        double logPz = base.logDensity(z);
        double logJac = -Math.log(Math.abs(f.derivative(z)));
        return new Decomposition(x, z, Math.exp(logPz), Math.exp(logJac), Math.exp(logPz + logJac),
                logPz, logJac, logPz + logJac);
    }

    /** An interval [z₀, z₁] and its image, their widths and the mass they share. */
    public record IntervalMap(double z0, double z1, double x0, double x1, double widthZ, double widthX,
                              double massZ) {
        /** widthX / widthZ: the mean stretch |f'| over the interval. */
        public double stretch() {
            return widthX / widthZ;
        }
    }

    /** The interval [z₀, z₁] mapped by f (endpoints sorted, so a decreasing f gives x₀ &lt; x₁). */
    public IntervalMap mapInterval(double z0, double z1) {
        double lo = Math.min(z0, z1);
        double hi = Math.max(z0, z1);
        double a = f.forward(lo);
        double b = f.forward(hi);
        double mass = integrateSplit(base::density, lo, hi, clip(base.support(), lo, hi), 4);
        return new IntervalMap(lo, hi, Math.min(a, b), Math.max(a, b), hi - lo, Math.abs(b - a), mass);
    }

    /** The x-range [lo, hi] that holds the image of the base's support. */
    public double[] xRange() {
        double[] s = base.support();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int n = 2048;
        for (int i = 0; i <= n; i++) {
            double x = f.forward(s[0] + (s[1] - s[0]) * i / n);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        for (double z : f.breakpoints()) {
            if (z >= s[0] && z <= s[1]) {
                lo = Math.min(lo, f.forward(z));
                hi = Math.max(hi, f.forward(z));
            }
        }
        return new double[] {lo, hi};
    }

    /** ∫ naive p_x dx over {@link #xRange()}: 1 for an invertible f, less for a fold. */
    public double naiveIntegral() {
        return integrateX(this::naiveDensity);
    }

    /** ∫ p_x dx of the true density over {@link #xRange()}: 1 (up to quadrature error) for every f. */
    public double integral() {
        return integrateX(this::density);
    }

    private double integrateX(java.util.function.DoubleUnaryOperator px) {
        double[] r = xRange();
        double[] s = base.support();
        double[] bz = f.breakpoints();
        double[] cuts = new double[bz.length + 2];
        int m = 0;
        for (double z : bz) {
            if (z > s[0] && z < s[1]) {
                cuts[m++] = f.forward(z);
            }
        }
        // the images of the support's ends: a uniform base makes p_x jump there
        cuts[m++] = f.forward(s[0]);
        cuts[m++] = f.forward(s[1]);
        return integrateSplit(px, r[0], r[1], Arrays.copyOf(cuts, m), PANELS);
    }

    private static double[] clip(double[] support, double lo, double hi) {
        return new double[] {Math.max(lo, Math.min(hi, support[0])), Math.max(lo, Math.min(hi, support[1]))};
    }

    private static double integrateSplit(java.util.function.DoubleUnaryOperator g, double lo, double hi,
                                         double[] cuts, int panels) {
        double[] pts = Arrays.copyOf(cuts, cuts.length + 2);
        pts[cuts.length] = lo;
        pts[cuts.length + 1] = hi;
        Arrays.sort(pts);
        double sum = 0;
        for (int i = 0; i + 1 < pts.length; i++) {
            double a = Math.max(lo, pts[i]);
            double b = Math.min(hi, pts[i + 1]);
            if (b > a) {
                // x = a + (b − a)(3t² − 2t³): dx vanishes at both ends, which tames the integrable
                // 1/√ singularities a fold's density has at a panel end (z² at x = 0)
                double w = b - a;
                java.util.function.DoubleUnaryOperator h = t -> g.applyAsDouble(a + w * t * t * (3 - 2 * t)) * 6 * w * t * (1 - t);
                for (int p = 0; p < panels; p++) {
                    double t0 = (double) p / panels;
                    double t1 = (double) (p + 1) / panels;
                    sum += adaptive(h, t0, t1, gauss(h, t0, t1), 1e-10, 40);
                }
            }
        }
        return sum;
    }

    private static final Quadrature.Rule RULE = Quadrature.gaussLegendre(NODES);

    private static double gauss(java.util.function.DoubleUnaryOperator g, double a, double b) {
        double mid = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double s = 0;
        for (int i = 0; i < NODES; i++) {
            s += RULE.weights()[i] * g.applyAsDouble(mid + half * RULE.nodes()[i]);
        }
        return s * half;
    }

    /** Adaptive bisection: a panel is accepted when its two halves agree with it to tol. */
    private static double adaptive(java.util.function.DoubleUnaryOperator g, double a, double b, double whole,
                                   double tol, int depth) {
        double m = 0.5 * (a + b);
        double left = gauss(g, a, m);
        double right = gauss(g, m, b);
        if (depth == 0 || Math.abs(left + right - whole) <= tol) {
            return left + right;
        }
        return adaptive(g, a, m, left, tol / 2, depth - 1) + adaptive(g, m, b, right, tol / 2, depth - 1);
    }

    /** Everything the four 1-D views draw, sampled at n points each; plain arrays. */
    public record Curves(double[] zs, double[] pz, double[] fz, double[] absDerivative,
                         double[] xs, double[] pxNaive, double[] px) {
    }

    /** The views' curves: p_z, f and |f'| on the base's support, p_x on {@link #xRange()}. */
    public Curves curves(int n) {
        double[] s = base.support();
        double[] r = xRange();
        double[] zs = new double[n];
        double[] pz = new double[n];
        double[] fz = new double[n];
        double[] df = new double[n];
        double[] xs = new double[n];
        double[] naive = new double[n];
        double[] px = new double[n];
        for (int i = 0; i < n; i++) {
            double z = s[0] + (s[1] - s[0]) * i / (n - 1);
            zs[i] = z;
            pz[i] = base.density(z);
            fz[i] = f.forward(z);
            df[i] = Math.abs(f.derivative(z));
            double x = r[0] + (r[1] - r[0]) * i / (n - 1);
            xs[i] = x;
            naive[i] = naiveDensity(x);
            px[i] = density(x);
        }
        return new Curves(zs, pz, fz, df, xs, naive, px);
    }
}
