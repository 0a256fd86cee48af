package dev.genlab.model.flow;

/**
 * A layer x = W z + c with an invertible 2×2 matrix W(θ): log|det ∂f/∂z| = log|det W| everywhere,
 * z = W⁻¹(x − c). Back-propagation through the inverse z = V(x − c), V = W⁻¹, with
 * G = dL/dz and γ = dL/d(log-det) per point:
 * <pre>
 *   dL/dx = Vᵀ G,   dL/dc = −Σ Vᵀ G,
 *   dL/dW = −Vᵀ (Σ G (x − c)ᵀ) Vᵀ − n γ Vᵀ       (dV = −V dW V,  d log|det W| = tr(V dW)),
 * </pre>
 * then dL/dθ by the chain rule through W(θ) ({@link #matrixGradient}).
 */
abstract class AffineLinearLayer extends JavaParamLayer {

    private double[] cachedX;
    private double[] cachedY;

    AffineLinearLayer(int size) {
        super(size);
    }

    /** W row-major {a, b, c, d}. */
    abstract double[] matrix();

    /** The bias c as {c₁, c₂}: the last two parameters. */
    final double[] bias() {
        return new double[] {p[p.length - 2], p[p.length - 1]};
    }

    /** log|det W| (a layer may know it without forming the determinant). */
    double logAbsDet() {
        return Math.log(Math.abs(det(matrix())));
    }

    /** Adds dL/dθ (all but the bias) for dL/dW = {@code gw} to {@link #g}. */
    abstract void matrixGradient(double[] gw);

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double[] w = matrix();
        double c1 = p[p.length - 2];
        double c2 = p[p.length - 1];
        double ld = logAbsDet();
        for (int i = 0; i < n; i++) {
            double x = w[0] * xs[i] + w[1] * ys[i] + c1;
            double y = w[2] * xs[i] + w[3] * ys[i] + c2;
            xs[i] = x;
            ys[i] = y;
            if (logDet != null) {
                logDet[i] += ld;
            }
        }
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double[] v = inverse2x2(matrix());
        double c1 = p[p.length - 2];
        double c2 = p[p.length - 1];
        double ld = -logAbsDet();
        for (int i = 0; i < n; i++) {
            double dx = xs[i] - c1;
            double dy = ys[i] - c2;
            xs[i] = v[0] * dx + v[1] * dy;
            ys[i] = v[2] * dx + v[3] * dy;
            if (logDet != null) {
                logDet[i] += ld;
            }
        }
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        return matrix();
    }

    @Override
    void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        cachedX = java.util.Arrays.copyOf(xs, n);
        cachedY = java.util.Arrays.copyOf(ys, n);
        inverse(xs, ys, n, logDet);
    }

    @Override
    void backward(double[] gx, double[] gy, int n, double gLogDet) {
        double[] v = inverse2x2(matrix());
        double c1 = p[p.length - 2];
        double c2 = p[p.length - 1];
        double s00 = 0, s01 = 0, s10 = 0, s11 = 0, gc1 = 0, gc2 = 0;
        for (int i = 0; i < n; i++) {
            double dx = cachedX[i] - c1;
            double dy = cachedY[i] - c2;
            s00 += gx[i] * dx;
            s01 += gx[i] * dy;
            s10 += gy[i] * dx;
            s11 += gy[i] * dy;
            double ox = v[0] * gx[i] + v[2] * gy[i];
            double oy = v[1] * gx[i] + v[3] * gy[i];
            gx[i] = ox;
            gy[i] = oy;
            gc1 -= ox;
            gc2 -= oy;
        }
        // Vᵀ S Vᵀ with S = Σ G (x − c)ᵀ
        double[] vt = {v[0], v[2], v[1], v[3]};
        double[] s = {s00, s01, s10, s11};
        double[] vs = mul(vt, s);
        double[] vsv = mul(vs, vt);
        double[] gw = new double[4];
        for (int k = 0; k < 4; k++) {
            gw[k] = -vsv[k] - n * gLogDet * vt[k];
        }
        java.util.Arrays.fill(g, 0);
        matrixGradient(gw);
        g[p.length - 2] = gc1;
        g[p.length - 1] = gc2;
    }

    static double[] mul(double[] a, double[] b) {
        return new double[] {
            a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
    }
}
