package dev.genlab.model.gan;

import java.util.Arrays;

/**
 * A monotone piecewise-linear generator: K ≥ 2 knots at fixed, evenly spaced noise values
 * z_k = −Z + 2Z·k/(K − 1) (Z = {@link #DEFAULT_Z_MAX} = 3 unless given), with increasing knot
 * values x_0 &lt; x_1 &lt; … &lt; x_{K−1}, joined by straight lines and extended beyond the end knots
 * with the end slopes. It is parameterised so that every real θ gives a monotone map:
 * <pre>
 *   θ = (θ_0, θ_1, …, θ_{K−1}),   x_0 = θ_0,   x_k = x_{k−1} + e^{θ_k}   (k ≥ 1)
 *   g(z)  = x_j + e^{θ_{j+1}} · t,   t = (z − z_j)/Δz,  j = clamp(⌊(z − z_0)/Δz⌋, 0, K − 2)
 *   g'(z) = e^{θ_{j+1}} / Δz  &gt; 0
 *   ∂g/∂θ_0 = 1,  ∂g/∂θ_i = e^{θ_i} (1 ≤ i ≤ j),  ∂g/∂θ_{j+1} = e^{θ_{j+1}} · t,  0 otherwise
 * </pre>
 * (t &lt; 0 left of z_0 and t &gt; 1 right of z_{K−1}: the same formula extrapolates.) The density is
 * exact by the change of variables, p_g(x) = φ(z)/g'(z) with z = g⁻¹(x): on each piece a rescaled
 * piece of φ, with jumps at the interior knots' images where the slope changes. With K = 2 the
 * map is affine.
 */
public final class MonotoneGenerator implements Generator1D {

    /** Default half-width of the knots' z range: z_k evenly spaced in [−3, 3]. */
    public static final double DEFAULT_Z_MAX = 3;

    private final double zMax;
    private final double[] theta;
    private final double[] z;
    private final double[] x;
    private final double[] inc;
    private final double dz;

    /** The generator with knots in [−zMax, zMax] and parameters θ (length K ≥ 2, finite). */
    public MonotoneGenerator(double zMax, double[] theta) {
        if (!(zMax > 0) || !Double.isFinite(zMax)) {
            throw new IllegalArgumentException("the knots' z range must be positive and finite, got " + zMax);
        }
        if (theta == null || theta.length < 2) {
            throw new IllegalArgumentException("a monotone generator needs at least 2 knots (2 parameters)");
        }
        this.theta = Generator1D.checkParams(theta, theta.length);
        this.zMax = zMax;
        int k = theta.length;
        this.dz = 2 * zMax / (k - 1);
        this.z = new double[k];
        this.x = new double[k];
        this.inc = new double[k];
        x[0] = theta[0];
        for (int i = 0; i < k; i++) {
            z[i] = -zMax + dz * i;
            if (i > 0) {
                inc[i] = Math.exp(theta[i]);
                if (!(inc[i] > 0) || Double.isInfinite(inc[i])) {
                    throw new IllegalArgumentException("parameter " + i + " = " + theta[i] + " gives an increment that is not positive and finite");
                }
                x[i] = x[i - 1] + inc[i];
            }
        }
        if (!Double.isFinite(x[k - 1])) {
            throw new IllegalArgumentException("the knot values overflow");
        }
        z[k - 1] = zMax;
    }

    /** The generator with knots in [−3, 3] and parameters θ. */
    public MonotoneGenerator(double[] theta) {
        this(DEFAULT_Z_MAX, theta);
    }

    /** The generator through knot values x_0 &lt; … &lt; x_{K−1} (K ≥ 2, strictly increasing) at z_k in [−3, 3]. */
    public static MonotoneGenerator fromKnotValues(double[] knotX) {
        return fromKnotValues(DEFAULT_Z_MAX, knotX);
    }

    /** The generator through knot values x_0 &lt; … &lt; x_{K−1} at z_k evenly spaced in [−zMax, zMax]. */
    public static MonotoneGenerator fromKnotValues(double zMax, double[] knotX) {
        if (knotX == null || knotX.length < 2) {
            throw new IllegalArgumentException("a monotone generator needs at least 2 knots");
        }
        double[] t = new double[knotX.length];
        t[0] = knotX[0];
        for (int i = 1; i < knotX.length; i++) {
            double d = knotX[i] - knotX[i - 1];
            if (!(d > 0) || !Double.isFinite(d)) {
                throw new IllegalArgumentException("knot values must be finite and strictly increasing; x_" + i + " − x_" + (i - 1) + " = " + d);
            }
            t[i] = Math.log(d);
        }
        return new MonotoneGenerator(zMax, t);
    }

    /** K knots on the line x = μ + s z (so p_g = N(μ, s²) exactly), knots in [−3, 3]. */
    public static MonotoneGenerator affine(int knots, double mu, double s) {
        if (knots < 2) {
            throw new IllegalArgumentException("a monotone generator needs at least 2 knots, got " + knots);
        }
        double[] kx = new double[knots];
        double d = 2 * DEFAULT_Z_MAX / (knots - 1);
        for (int i = 0; i < knots; i++) {
            kx[i] = mu + s * (-DEFAULT_Z_MAX + d * i);
        }
        return fromKnotValues(kx);
    }

    /** Half-width of the knots' z range. */
    public double zMax() {
        return zMax;
    }

    /** Number of knots K (= number of parameters). */
    public int size() {
        return theta.length;
    }

    /** A copy of the knot values x_k. */
    public double[] knotValues() {
        return x.clone();
    }

    @Override
    public double[] knots() {
        return z.clone();
    }

    @Override
    public int numParams() {
        return theta.length;
    }

    @Override
    public double[] params() {
        return theta.clone();
    }

    @Override
    public MonotoneGenerator withParams(double[] t) {
        return new MonotoneGenerator(zMax, Generator1D.checkParams(t, theta.length));
    }

    /** The piece j of z: 0 … K − 2, clamped so the end pieces extrapolate. */
    private int pieceOfZ(double zz) {
        int j = (int) Math.floor((zz - z[0]) / dz);
        return Math.max(0, Math.min(theta.length - 2, j));
    }

    /** The piece j of x (by the knot values). */
    private int pieceOfX(double xx) {
        int i = Arrays.binarySearch(x, xx);
        int j = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(theta.length - 2, j));
    }

    @Override
    public double apply(double zz) {
        int j = pieceOfZ(zz);
        return x[j] + inc[j + 1] * (zz - z[j]) / dz;
    }

    @Override
    public double derivative(double zz) {
        return inc[pieceOfZ(zz) + 1] / dz;
    }

    @Override
    public double inverse(double xx) {
        int j = pieceOfX(xx);
        return z[j] + (xx - x[j]) * dz / inc[j + 1];
    }

    @Override
    public void paramGradient(double zz, double[] out) {
        int j = pieceOfZ(zz);
        double t = (zz - z[j]) / dz;
        out[0] = 1;
        for (int i = 1; i < out.length; i++) {
            out[i] = i <= j ? inc[i] : (i == j + 1 ? inc[i] * t : 0);
        }
    }

    @Override
    public double logDensity(double xx) {
        int j = pieceOfX(xx);
        double zz = z[j] + (xx - x[j]) * dz / inc[j + 1];
        return StdNormal.logPdf(zz) - theta[j + 1] + Math.log(dz);
    }

    @Override
    public String toString() {
        return "MonotoneGenerator[z in ±" + zMax + ", x_k=" + Arrays.toString(x) + "]";
    }
}
