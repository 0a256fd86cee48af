package dev.genlab.model.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import dev.genlab.math.LogMath;

/**
 * A D-dimensional RealNVP (Dinh, Sohl-Dickstein &amp; Bengio 2017, "Density estimation using Real NVP",
 * ICLR, §3.3–3.4) for small images, D = 64 for 8 × 8 digits: a standard normal base N(0, I_D), a stack
 * of affine couplings with binary masks over the D coordinates, and one {@link ActNorm}-style
 * per-dimension scale and bias at the data side (Glow, Kingma &amp; Dhariwal 2018, §3.1; initialised from
 * the first training batch to zero mean and unit variance). Coupling k keeps the coordinates its mask
 * marks (A) and transforms the rest (B):
 * <pre>
 *   inference  z_B = (x_B − t(x_A)) ⊙ e^{−s(x_A)},   z_A = x_A,   log|det ∂f⁻¹/∂x| = −Σ_{d∈B} s_d(x_A)
 *   s = S tanh(ŝ/S), S = {@link AffineCoupling#SCALE_BOUND};  ŝ, t = one MLP |A| → H → H → 2|B| (tanh)
 * </pre>
 * The masks alternate (a checkerboard over the image and its complement, then the top and bottom
 * halves, RealNVP's spatial checkerboard without its squeeze), so that every pixel is transformed
 * conditioned on its neighbours and on the far half of the image. The output layers start at zero, so a
 * new flow is the ActNorm alone.
 *
 * <p>Why a class of its own rather than {@link Flow}: {@link Flow} and {@link FlowLayer} are
 * two-dimensional throughout (points as an x array and a y array, 2 × 2 Jacobians, density grids,
 * warped cells, the 1 → H → H → 2 {@link CouplingNet}); a D-dimensional layer would not fit any of that
 * API. What is shared is the math: the coupling's form, the scale bound, {@link ActNorm#meanStd} for the
 * initialisation and {@link FlowLayer#adam} for the steps.
 *
 * <p>Plain Java in double precision, feature-major (one array per coordinate or hidden unit, indexed by
 * the point, so that the inner loops run over the batch and vectorise): at D = 64, H = 64 and batches of
 * 64, a coupling's products are 32 × 64, 64 × 64 and 64 × 64 per point, a size where ND4J's ~8 µs a call
 * (STACK.md) would be about a third of the arithmetic. Back-propagation is written by hand; Adam per
 * step. Confined to one thread.
 */
public final class DequantFlow {

    private final int dims;
    private final int hidden;
    private final List<Coupling> couplings = new ArrayList<>();
    // the data-side ActNorm: z = e^{λ} x + b per dimension
    private final double[] an;
    private final double[] anGrad;
    private final double[] anM;
    private final double[] anV;
    private int anT;
    private boolean anInitialised;
    private double[][] anInput = new double[0][];

    /**
     * @param dims          D
     * @param masks         one mask per coupling, sampling order reversed (mask 0 acts first on the data
     *                      in inference): true marks a coordinate that passes through and conditions
     * @param hidden        H of every coupling's MLP
     * @param identityStart zero output layers (each coupling starts as the identity) or Glorot everywhere
     */
    public DequantFlow(int dims, List<boolean[]> masks, int hidden, long seed, boolean identityStart) {
        if (dims < 2 || hidden < 1) {
            throw new IllegalArgumentException("need D ≥ 2 and H ≥ 1, got " + dims + ", " + hidden);
        }
        this.dims = dims;
        this.hidden = hidden;
        an = new double[2 * dims];
        anGrad = new double[2 * dims];
        anM = new double[2 * dims];
        anV = new double[2 * dims];
        SplittableRandom r = new SplittableRandom(seed);
        for (boolean[] m : masks) {
            couplings.add(new Coupling(m, dims, hidden, r.split(), identityStart));
        }
    }

    /**
     * The lesson's flow for rows × cols images: {@code couplings} couplings whose masks cycle through the
     * checkerboard, its complement, the top half and the bottom half.
     */
    public static DequantFlow forImages(int rows, int cols, int couplings, int hidden, long seed) {
        List<boolean[]> masks = new ArrayList<>();
        for (int k = 0; k < couplings; k++) {
            masks.add(switch (k % 4) {
                case 0 -> checkerboard(rows, cols, true);
                case 1 -> checkerboard(rows, cols, false);
                case 2 -> halves(rows * cols, true);
                default -> halves(rows * cols, false);
            });
        }
        return new DequantFlow(rows * cols, masks, hidden, seed, true);
    }

    /** Pixel (r, c) of a row-major image is conditioning where r + c is even ({@code even}) or odd. */
    public static boolean[] checkerboard(int rows, int cols, boolean even) {
        boolean[] m = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = ((r + c) % 2 == 0) == even;
            }
        }
        return m;
    }

    /** The first half of the coordinates (row-major: the top rows) conditions, or the second half. */
    public static boolean[] halves(int dims, boolean first) {
        boolean[] m = new boolean[dims];
        for (int d = 0; d < dims; d++) {
            m[d] = (d < dims / 2) == first;
        }
        return m;
    }

    public int dims() {
        return dims;
    }

    public int hidden() {
        return hidden;
    }

    public int couplings() {
        return couplings.size();
    }

    public int numParams() {
        int n = an.length;
        for (Coupling c : couplings) {
            n += c.p.length;
        }
        return n;
    }

    public boolean actNormInitialised() {
        return anInitialised;
    }

    /** Data-dependent initialisation of the ActNorm from these points (row-major, n × D). */
    public void initialiseActNorm(double[][] points) {
        initialiseActNorm(columns(points), points.length);
    }

    private void initialiseActNorm(double[][] x, int n) {
        for (int d = 0; d < dims; d++) {
            double[] ms = ActNorm.meanStd(x[d], n);
            an[d] = -Math.log(ms[1]);
            an[dims + d] = -ms[0] / ms[1];
        }
        anInitialised = true;
    }

    // ---- evaluation ------------------------------------------------------------------------

    /** log p(y) of the continuous density at each point (row-major, n × D), nats. */
    public double[] logDensity(double[][] points) {
        int n = points.length;
        double[] ld = new double[n];
        double[][] z = inverseColumns(columns(points), n, ld, false);
        for (int i = 0; i < n; i++) {
            ld[i] += logBase(z, i);
        }
        return ld;
    }

    /** −(1/n) Σ log p(y_i) (nats per point). */
    public double nll(double[][] points) {
        double s = 0;
        for (double v : logDensity(points)) {
            s += v;
        }
        return -s / points.length;
    }

    /** x → z = f⁻¹(x) (fresh rows); {@code logDetOut} (may be null) gets log|det ∂f⁻¹/∂x| added. */
    public double[][] inverse(double[][] points, double[] logDetOut) {
        int n = points.length;
        double[] ld = logDetOut == null ? new double[n] : logDetOut;
        return rows(inverseColumns(columns(points), n, ld, false), n);
    }

    /** z → x = f(z) (fresh rows); {@code logDetOut} (may be null) gets log|det ∂f/∂z| added. */
    public double[][] forward(double[][] latents, double[] logDetOut) {
        int n = latents.length;
        double[][] x = columns(latents);
        double[] ld = logDetOut == null ? new double[n] : logDetOut;
        for (int k = couplings.size() - 1; k >= 0; k--) {
            couplings.get(k).forward(x, n, ld);
        }
        double logDet = 0;
        for (int d = 0; d < dims; d++) {
            double inv = Math.exp(-an[d]);
            double b = an[dims + d];
            double[] c = x[d];
            for (int i = 0; i < n; i++) {
                c[i] = (c[i] - b) * inv;
            }
            logDet -= an[d];
        }
        for (int i = 0; i < n; i++) {
            ld[i] += logDet;
        }
        return rows(x, n);
    }

    /** n samples y = f(z), z ~ N(0, I_D), rows of D. */
    public double[][] sample(int n, RandomGenerator rng) {
        double[][] z = new double[n][dims];
        for (double[] row : z) {
            for (int d = 0; d < dims; d++) {
                row[d] = rng.nextGaussian();
            }
        }
        return forward(z, null);
    }

    /** The inference pass on feature-major x (modified in place and returned). */
    private double[][] inverseColumns(double[][] x, int n, double[] ld, boolean training) {
        if (training && !anInitialised) {
            initialiseActNorm(x, n);
        }
        if (training) {
            if (anInput.length != dims || anInput[0].length < n) {
                anInput = new double[dims][n];
            }
            for (int d = 0; d < dims; d++) {
                System.arraycopy(x[d], 0, anInput[d], 0, n);
            }
        }
        double logDet = 0;
        for (int d = 0; d < dims; d++) {
            double s = Math.exp(an[d]);
            double b = an[dims + d];
            double[] c = x[d];
            for (int i = 0; i < n; i++) {
                c[i] = s * c[i] + b;
            }
            logDet += an[d];
        }
        for (int i = 0; i < n; i++) {
            ld[i] += logDet;
        }
        for (Coupling c : couplings) {
            c.inverse(x, n, ld, training);
        }
        return x;
    }

    private double logBase(double[][] z, int i) {
        double q = 0;
        for (int d = 0; d < dims; d++) {
            q += z[d][i] * z[d][i];
        }
        return -0.5 * dims * LogMath.LOG_2PI - 0.5 * q;
    }

    // ---- training --------------------------------------------------------------------------

    /** The mean NLL of the batch (nats per point) and its gradient in {@link #gradients()} (no step). */
    public double backprop(double[][] points) {
        int n = points.length;
        double[] ld = new double[n];
        double[][] z = inverseColumns(columns(points), n, ld, true);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += logBase(z, i) + ld[i];
        }
        // dL/dz of −(1/n) Σ log N(z; 0, I) is z/n; every point's log-det enters with −1/n
        double[][] g = z;
        for (double[] c : g) {
            for (int i = 0; i < n; i++) {
                c[i] /= n;
            }
        }
        double gLd = -1.0 / n;
        for (int k = couplings.size() - 1; k >= 0; k--) {
            couplings.get(k).backward(g, n, gLd);
        }
        // ActNorm: z = e^{λ}x + b, so dL/dλ = Σ G e^{λ} x + n γ and dL/db = Σ G
        for (int d = 0; d < dims; d++) {
            double s = Math.exp(an[d]);
            anGrad[d] = s * CouplingNet.dot(g[d], anInput[d], n) + n * gLd;
            anGrad[dims + d] = CouplingNet.dot(g[d], null, n);
        }
        return -sum / n;
    }

    /** One maximum-likelihood Adam step on a batch of continuous points; the batch NLL before it. */
    public double trainStep(double[][] points, double learningRate) {
        double nll = backprop(points);
        anT++;
        FlowLayer.adam(an, anGrad, anM, anV, anT, learningRate);
        for (Coupling c : couplings) {
            c.adamStep(learningRate);
        }
        return nll;
    }

    /**
     * One step on discrete images: a fresh uniform dequantisation y = (x + u)/K of the batch
     * ({@link Dequantization#dequantise}) and {@link #trainStep}. Returns the batch's continuous NLL.
     */
    public double trainStep(int[][] levels, int k, RandomGenerator rng, double learningRate) {
        return trainStep(Dequantization.dequantise(levels, k, rng), learningRate);
    }

    /** All parameters, ActNorm {λ, b} first then each coupling's MLP (a copy). */
    public double[] params() {
        double[] out = new double[numParams()];
        System.arraycopy(an, 0, out, 0, an.length);
        int at = an.length;
        for (Coupling c : couplings) {
            System.arraycopy(c.p, 0, out, at, c.p.length);
            at += c.p.length;
        }
        return out;
    }

    public void setParams(double[] values) {
        if (values.length != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " values, got " + values.length);
        }
        System.arraycopy(values, 0, an, 0, an.length);
        int at = an.length;
        for (Coupling c : couplings) {
            System.arraycopy(values, at, c.p, 0, c.p.length);
            at += c.p.length;
        }
        anInitialised = true;
    }

    /** dL/d{@link #params()} from the last {@link #backprop}. */
    public double[] gradients() {
        double[] out = new double[numParams()];
        System.arraycopy(anGrad, 0, out, 0, an.length);
        int at = an.length;
        for (Coupling c : couplings) {
            System.arraycopy(c.g, 0, out, at, c.g.length);
            at += c.g.length;
        }
        return out;
    }

    /** Empty while every parameter is finite. */
    public String health() {
        for (double v : params()) {
            if (!Double.isFinite(v)) {
                return "a parameter is not finite";
            }
        }
        return "";
    }

    private double[][] columns(double[][] points) {
        int n = points.length;
        double[][] x = new double[dims][n];
        for (int i = 0; i < n; i++) {
            if (points[i].length != dims) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " values, not " + dims);
            }
            for (int d = 0; d < dims; d++) {
                x[d][i] = points[i][d];
            }
        }
        return x;
    }

    private double[][] rows(double[][] x, int n) {
        double[][] out = new double[n][dims];
        for (int d = 0; d < dims; d++) {
            for (int i = 0; i < n; i++) {
                out[i][d] = x[d][i];
            }
        }
        return out;
    }

    /**
     * One affine coupling over D coordinates: an MLP |A| → H → H → 2|B| with tanh hidden units,
     * parameters W₁ (H × |A|, row j the weights into hidden unit j), b₁, W₂ (H × H), b₂, W₃ (2|B| × H:
     * first the |B| rows of ŝ, then those of t), b₃.
     */
    private static final class Coupling {
        final int[] a;
        final int[] b;
        final int h;
        final int na;
        final int nb;
        final int oB1;
        final int oW2;
        final int oB2;
        final int oW3;
        final int oB3;
        final double[] p;
        final double[] g;
        final double[] m;
        final double[] v;
        int t;
        // training cache: hidden activations, the bound scale's tanh and z_B, one array per unit
        double[][] h1 = new double[0][];
        double[][] h2 = new double[0][];
        double[][] out = new double[0][];
        double[][] zb = new double[0][];
        double[][] dOut = new double[0][];
        double[][] d2 = new double[0][];
        double[][] d1 = new double[0][];
        double[][] in = new double[0][];

        Coupling(boolean[] mask, int dims, int hidden, SplittableRandom r, boolean identityStart) {
            if (mask.length != dims) {
                throw new IllegalArgumentException("a mask has " + mask.length + " entries for " + dims + " dimensions");
            }
            int count = 0;
            for (boolean k : mask) {
                count += k ? 1 : 0;
            }
            if (count == 0 || count == dims) {
                throw new IllegalArgumentException("a mask must keep some coordinates and transform others");
            }
            a = new int[count];
            b = new int[dims - count];
            for (int d = 0, ia = 0, ib = 0; d < dims; d++) {
                if (mask[d]) {
                    a[ia++] = d;
                } else {
                    b[ib++] = d;
                }
            }
            h = hidden;
            na = a.length;
            nb = b.length;
            oB1 = h * na;
            oW2 = oB1 + h;
            oB2 = oW2 + h * h;
            oW3 = oB2 + h;
            oB3 = oW3 + 2 * nb * h;
            p = new double[oB3 + 2 * nb];
            g = new double[p.length];
            m = new double[p.length];
            v = new double[p.length];
            glorot(r, 0, na, h);
            glorot(r, oW2, h, h);
            if (!identityStart) {
                glorot(r, oW3, h, 2 * nb);
            }
        }

        private void glorot(SplittableRandom r, int off, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < fanIn * fanOut; i++) {
                p[off + i] = (2 * r.nextDouble() - 1) * limit;
            }
        }

        private static double[][] ensure(double[][] old, int rows, int n) {
            return old.length == rows && rows > 0 && old[0].length >= n ? old : new double[rows][Math.max(n, 1)];
        }

        /** The MLP on x_A: fills h1, h2 and out (2|B| rows: ŝ then t). */
        private void net(double[][] x, int n) {
            h1 = ensure(h1, h, n);
            h2 = ensure(h2, h, n);
            out = ensure(out, 2 * nb, n);
            layer(x, a, na, 0, oB1, h1, h, n, true);
            layer(h1, null, h, oW2, oB2, h2, h, n, true);
            layer(h2, null, h, oW3, oB3, out, 2 * nb, n, false);
        }

        /** y_j = f(b_j + Σ_k W[j, k] x_{idx k}) for j &lt; rowsOut, over the batch. */
        private void layer(double[][] x, int[] idx, int fanIn, int w, int bias, double[][] y, int rowsOut, int n,
                           boolean tanh) {
            for (int j = 0; j < rowsOut; j++) {
                double[] r = y[j];
                Arrays.fill(r, 0, n, p[bias + j]);
                CouplingNet.mulAdd(r, x, idx, p, w + j * fanIn, 1, fanIn, n);
                if (tanh) {
                    for (int i = 0; i < n; i++) {
                        r[i] = CouplingNet.tanhExact(r[i]);
                    }
                }
            }
        }

        void inverse(double[][] x, int n, double[] ld, boolean training) {
            if (training) {
                in = ensure(in, na, n);
                for (int k = 0; k < na; k++) {
                    System.arraycopy(x[a[k]], 0, in[k], 0, n);
                }
            }
            net(x, n);
            if (training) {
                zb = ensure(zb, nb, n);
            }
            for (int q = 0; q < nb; q++) {
                double[] c = x[b[q]];
                double[] s = out[q];
                double[] t = out[nb + q];
                for (int i = 0; i < n; i++) {
                    double sc = scale(s[i]);
                    c[i] = (c[i] - t[i]) * Math.exp(-sc);
                    ld[i] -= sc;
                }
                if (training) {
                    System.arraycopy(c, 0, zb[q], 0, n);
                }
            }
        }

        void forward(double[][] x, int n, double[] ld) {
            net(x, n);
            for (int q = 0; q < nb; q++) {
                double[] c = x[b[q]];
                double[] s = out[q];
                double[] t = out[nb + q];
                for (int i = 0; i < n; i++) {
                    double sc = scale(s[i]);
                    c[i] = c[i] * Math.exp(sc) + t[i];
                    ld[i] += sc;
                }
            }
        }

        private static double scale(double raw) {
            return AffineCoupling.SCALE_BOUND * CouplingNet.tanhExact(raw / AffineCoupling.SCALE_BOUND);
        }

        /**
         * G (dL/dz, all D rows) → dL/dx in place; fills {@link #g}. As {@link AffineCoupling}'s backward:
         * dL/dx_B = G_B e^{−s}, dL/dt = −G_B e^{−s}, dL/dŝ = (−G_B z_B − γ)(1 − tanh²), then the MLP.
         */
        void backward(double[][] gr, int n, double gLd) {
            dOut = ensure(dOut, 2 * nb, n);
            d2 = ensure(d2, h, n);
            d1 = ensure(d1, h, n);
            double bound = AffineCoupling.SCALE_BOUND;
            for (int q = 0; q < nb; q++) {
                double[] gb = gr[b[q]];
                double[] raw = out[q];
                double[] z = zb[q];
                double[] ds = dOut[q];
                double[] dt = dOut[nb + q];
                for (int i = 0; i < n; i++) {
                    double th = CouplingNet.tanhExact(raw[i] / bound);
                    double e = Math.exp(-bound * th);
                    ds[i] = (-gb[i] * z[i] - gLd) * (1 - th * th);
                    dt[i] = -gb[i] * e;
                    gb[i] *= e;
                }
            }
            // output layer, then the two tanh layers; each: dW = δ xᵀ, db = Σ δ, δ_in = Wᵀ δ ⊙ f'
            backLayer(dOut, 2 * nb, h2, null, h, oW3, oB3, d2, n);
            backTanh(d2, h2, n);
            backLayer(d2, h, h1, null, h, oW2, oB2, d1, n);
            backTanh(d1, h1, n);
            backLayer(d1, h, in, null, na, 0, oB1, null, n);
            // dL/dx_A += W₁ᵀ δ₁
            for (int k = 0; k < na; k++) {
                CouplingNet.mulAdd(gr[a[k]], d1, null, p, k, na, h, n);
            }
        }

        /** Gradients of one layer y = W x + b from δ (rowsOut rows); δ_in = Wᵀ δ when {@code dIn} is not null. */
        private void backLayer(double[][] delta, int rowsOut, double[][] x, int[] idx, int fanIn, int w, int bias,
                               double[][] dIn, int n) {
            for (int j = 0; j < rowsOut; j++) {
                double[] d = delta[j];
                g[bias + j] = CouplingNet.dot(d, null, n);
                int wj = w + j * fanIn;
                for (int k = 0; k < fanIn; k++) {
                    g[wj + k] = CouplingNet.dot(d, x[idx == null ? k : idx[k]], n);
                }
            }
            if (dIn != null) {
                // δ_in[k] = Σ_j W[j, k] δ_j: column k of W, stride fanIn
                for (int k = 0; k < fanIn; k++) {
                    Arrays.fill(dIn[k], 0, n, 0);
                    CouplingNet.mulAdd(dIn[k], delta, null, p, w + k, fanIn, rowsOut, n);
                }
            }
        }

        private static void backTanh(double[][] d, double[][] a, int n) {
            for (int j = 0; j < d.length && j < a.length; j++) {
                double[] dj = d[j];
                double[] aj = a[j];
                for (int i = 0; i < n; i++) {
                    dj[i] *= 1 - aj[i] * aj[i];
                }
            }
        }

        void adamStep(double lr) {
            t++;
            FlowLayer.adam(p, g, m, v, t, lr);
        }
    }
}
