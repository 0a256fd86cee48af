package dev.genlab.model.flow;

/**
 * Glow's invertible 1 × 1 convolution in its LU form (Kingma &amp; Dhariwal 2018, "Glow: Generative Flow
 * with Invertible 1×1 Convolutions", NeurIPS, §3.2), for two channels. In Glow the same C × C matrix
 * mixes the C channels at every pixel (a 1 × 1 convolution, log-det h·w·log|det W|); a 2-D point is one
 * pixel with two channels, so here it is the matrix itself. Glow's step is {@link ActNorm}, this
 * layer, then a coupling:
 * <pre>
 *   x = W z + c,   W = P L (U + diag(s)),   L = [[1, 0], [l, 1]],  U = [[0, u], [0, 0]],
 *   s_i = sign_i · exp(λ_i),   log|det W| = λ₁ + λ₂,
 * </pre>
 * with a fixed permutation P (identity or the swap) and fixed signs. Since s_i ≠ 0 for every
 * real λ_i, W is invertible for every parameter value: training cannot make it singular. With
 * l = u = λ = c = 0 and P the swap it is the coordinate permutation, the "learned permutation"
 * that mixes which coordinate a coupling layer conditions on. Parameters {l, u, λ₁, λ₂, c₁, c₂}.
 */
public final class LuLinearLayer extends AffineLinearLayer {

    private final boolean swap;
    private final double sign1;
    private final double sign2;

    public LuLinearLayer(boolean swap, double sign1, double sign2, double l, double u, double logS1, double logS2,
                         double shiftX, double shiftY) {
        super(6);
        if (Math.abs(sign1) != 1 || Math.abs(sign2) != 1) {
            throw new IllegalArgumentException("signs must be +1 or −1, got " + sign1 + ", " + sign2);
        }
        this.swap = swap;
        this.sign1 = sign1;
        this.sign2 = sign2;
        setParams(new double[] {l, u, logS1, logS2, shiftX, shiftY});
    }

    /** The coordinate swap (x, y) → (y, x), |det| = 1. */
    public static LuLinearLayer swap() {
        return new LuLinearLayer(true, 1, 1, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Glow's initialisation: a random rotation, LU-decomposed with partial pivoting
     * (P swaps rows when |sin θ| &gt; |cos θ|).
     */
    public static LuLinearLayer randomRotation(java.util.random.RandomGenerator rng) {
        double th = 2 * Math.PI * rng.nextDouble();
        double c = Math.cos(th);
        double s = Math.sin(th);
        if (Math.abs(c) >= Math.abs(s)) {
            // R = [[c, −s], [s, c]] = L U'
            double u22 = c + s * s / c;
            return new LuLinearLayer(false, Math.signum(c), Math.signum(u22), s / c, -s, Math.log(Math.abs(c)),
                    Math.log(Math.abs(u22)), 0, 0);
        }
        // P R = [[s, c], [c, −s]] = L U'
        double u22 = -s - c * c / s;
        return new LuLinearLayer(true, Math.signum(s), Math.signum(u22), c / s, c, Math.log(Math.abs(s)),
                Math.log(Math.abs(u22)), 0, 0);
    }

    @Override
    public double[] matrix() {
        double s1 = sign1 * Math.exp(p[2]);
        double s2 = sign2 * Math.exp(p[3]);
        double l = p[0];
        double u = p[1];
        double[] m = {s1, u, l * s1, l * u + s2};
        return swap ? new double[] {m[2], m[3], m[0], m[1]} : m;
    }

    @Override
    double logAbsDet() {
        return p[2] + p[3];
    }

    @Override
    void matrixGradient(double[] gw) {
        double[] gm = swap ? new double[] {gw[2], gw[3], gw[0], gw[1]} : gw;
        double s1 = sign1 * Math.exp(p[2]);
        double s2 = sign2 * Math.exp(p[3]);
        double l = p[0];
        double u = p[1];
        g[0] = s1 * gm[2] + u * gm[3];
        g[1] = gm[1] + l * gm[3];
        g[2] = (gm[0] + l * gm[2]) * s1;
        g[3] = gm[3] * s2;
    }

    @Override
    String validate() {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return "LU layer: parameters must be finite";
            }
        }
        if (Math.abs(p[2]) > 30 || Math.abs(p[3]) > 30) {
            return "LU layer: a diagonal entry exp(λ) left the range e^±30";
        }
        return "";
    }

    public boolean swaps() {
        return swap;
    }

    @Override
    public String name() {
        return swap && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0 ? "permutation (swap)" : "LU linear";
    }
}
