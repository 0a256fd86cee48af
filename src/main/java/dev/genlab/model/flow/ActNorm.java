package dev.genlab.model.flow;

/**
 * Glow's activation normalisation (Kingma &amp; Dhariwal 2018, "Glow: Generative Flow with Invertible
 * 1×1 Convolutions", NeurIPS, §3.1) for two coordinates: a per-coordinate scale and bias, defined like
 * Glow in the normalizing direction (data → latent),
 * <pre>
 *   inference  z_d = s_d · x_d + b_d,   s_d = e^{λ_d} &gt; 0,   log|det ∂f⁻¹/∂x| = Σ_d log|s_d| = λ₁ + λ₂
 *   sampling   x_d = (z_d − b_d) / s_d,                        log|det ∂f/∂z| = −(λ₁ + λ₂)
 * </pre>
 * Parameters {λ₁, λ₂, b₁, b₂}; the scale is kept as its logarithm so that training can never make it
 * zero or negative (Glow's code stores log s too).
 *
 * <p>Data-dependent initialisation: the first training batch that reaches the layer
 * ({@link Flow#trainStep}, through {@link #inverseForTraining}) sets s_d = 1/σ_d and b_d = −μ_d/σ_d from
 * that batch's mean μ_d and standard deviation σ_d (population form, divided by n) at the layer's input,
 * so that the layer's output on it has mean 0 and variance 1 per coordinate; afterwards they are
 * ordinary trainable parameters. Why: a deep flow whose layers start near the identity would otherwise
 * see activations of whatever scale the data has, and the first steps would be spent rescaling them.
 * Glow introduced it as a batch-size-independent replacement for batch normalisation. Before that
 * batch the layer is the identity; {@link #initialise} does the same on demand, and
 * {@link #setParams} (a restore) counts as initialised.
 *
 * <p>NICE's final diagonal scaling layer (Dinh, Krueger &amp; Bengio 2015, §3.3) is this layer with the
 * bias: appended to a stack of {@link AdditiveCoupling}s it gives NICE its only volume change.
 */
public final class ActNorm extends JavaParamLayer {

    /** A σ below this (a constant coordinate) is taken as this, so that s stays finite. */
    static final double MIN_STD = 1e-6;

    private boolean initialised;
    private double[] cachedX = new double[0];
    private double[] cachedY = new double[0];

    /** The identity until the first training batch initialises it from the data. */
    public ActNorm() {
        super(4);
    }

    /** Given parameters (already initialised): z = e^{λ} x + b per coordinate. */
    public ActNorm(double logScaleX, double logScaleY, double biasX, double biasY) {
        super(4);
        setParams(new double[] {logScaleX, logScaleY, biasX, biasY});
    }

    public boolean isInitialised() {
        return initialised;
    }

    /** {s₁, s₂}: the inference direction's scales e^{λ}. */
    public double[] scale() {
        return new double[] {Math.exp(p[0]), Math.exp(p[1])};
    }

    /** {b₁, b₂}. */
    public double[] bias() {
        return new double[] {p[2], p[3]};
    }

    /** Sets the parameters from these points (the layer's input): mean 0 and variance 1 after it. */
    public void initialise(double[] xs, double[] ys, int n) {
        double[] mx = meanStd(xs, n);
        double[] my = meanStd(ys, n);
        p[0] = -Math.log(mx[1]);
        p[1] = -Math.log(my[1]);
        p[2] = -mx[0] / mx[1];
        p[3] = -my[0] / my[1];
        initialised = true;
    }

    /**
     * {μ, σ} of v[0, n), σ the population standard deviation (two passes, so a large mean does not
     * cancel the variance away), at least {@link #MIN_STD}.
     */
    static double[] meanStd(double[] v, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ActNorm needs at least one point to initialise from");
        }
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += v[i];
        }
        m /= n;
        double q = 0;
        for (int i = 0; i < n; i++) {
            double d = v[i] - m;
            q += d * d;
        }
        return new double[] {m, Math.max(MIN_STD, Math.sqrt(q / n))};
    }

    @Override
    public void setParams(double[] values) {
        super.setParams(values);
        initialised = true;
    }

    @Override
    public void forward(double[] xs, double[] ys, int n, double[] logDet) {
        double ix = Math.exp(-p[0]);
        double iy = Math.exp(-p[1]);
        for (int i = 0; i < n; i++) {
            xs[i] = (xs[i] - p[2]) * ix;
            ys[i] = (ys[i] - p[3]) * iy;
        }
        addLogDet(logDet, n, -(p[0] + p[1]));
    }

    @Override
    public void inverse(double[] xs, double[] ys, int n, double[] logDet) {
        double sx = Math.exp(p[0]);
        double sy = Math.exp(p[1]);
        for (int i = 0; i < n; i++) {
            xs[i] = sx * xs[i] + p[2];
            ys[i] = sy * ys[i] + p[3];
        }
        addLogDet(logDet, n, p[0] + p[1]);
    }

    private static void addLogDet(double[] logDet, int n, double v) {
        if (logDet != null) {
            for (int i = 0; i < n; i++) {
                logDet[i] += v;
            }
        }
    }

    @Override
    void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet) {
        if (!initialised) {
            initialise(xs, ys, n);
        }
        if (cachedX.length < n) {
            cachedX = new double[n];
            cachedY = new double[n];
        }
        System.arraycopy(xs, 0, cachedX, 0, n);
        System.arraycopy(ys, 0, cachedY, 0, n);
        inverse(xs, ys, n, logDet);
    }

    /** z = e^{λ}x + b: dL/dx = e^{λ} G, dL/dλ = Σ G e^{λ} x + n γ, dL/db = Σ G. */
    @Override
    void backward(double[] gx, double[] gy, int n, double gLogDet) {
        double sx = Math.exp(p[0]);
        double sy = Math.exp(p[1]);
        double lx = 0;
        double ly = 0;
        double bx = 0;
        double by = 0;
        for (int i = 0; i < n; i++) {
            lx += gx[i] * cachedX[i];
            ly += gy[i] * cachedY[i];
            bx += gx[i];
            by += gy[i];
            gx[i] *= sx;
            gy[i] *= sy;
        }
        g[0] = lx * sx + n * gLogDet;
        g[1] = ly * sy + n * gLogDet;
        g[2] = bx;
        g[3] = by;
    }

    @Override
    public double[] jacobian(double zx, double zy) {
        return new double[] {Math.exp(-p[0]), 0, 0, Math.exp(-p[1])};
    }

    @Override
    String validate() {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return "ActNorm: parameters must be finite";
            }
        }
        if (Math.abs(p[0]) > 30 || Math.abs(p[1]) > 30) {
            return "ActNorm: a scale e^λ left the range e^±30";
        }
        return "";
    }

    @Override
    public String name() {
        return "actnorm";
    }
}
