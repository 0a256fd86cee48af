package dev.genlab.model.autoregressive;

import java.util.SplittableRandom;

/**
 * RNADE, NADE for real-valued data (Uria, Murray &amp; Larochelle 2013, "RNADE: The real-valued neural
 * autoregressive density-estimator", NIPS), on D-dimensional points, plain Java doubles. NADE's running
 * hidden pre-activation, and a mixture of K Gaussians per conditional:
 * <pre>
 *   a_1 = c,   a_{d+1} = a_d + W[:, d] x_d,   h_d = σ(a_d)
 *   α_d = softmax(Vα_d h_d + bα_d),  μ_d = Vμ_d h_d + bμ_d,  σ_d = exp(Vσ_d h_d + bσ_d)     (K each)
 *   p(x_d | x_&lt;d) = Σ_k α_dk N(x_d; μ_dk, σ_dk²)
 * </pre>
 * (the paper's per-dimension rescaling ρ_d of a_d is left out). The log-density is exact, one pass of
 * O(DH K); its gradient is back-propagated by hand, the hidden pre-activations' through a reverse running
 * sum as NADE's. Parameters in one vector: W (H × D, column d at d·H), c (H), then per dimension d and
 * component k the rows Vα, Vμ, Vσ (H each) and the biases bα, bμ, bσ.
 *
 * <p>Lesson 5 trains it on 2-D toy data (scene.autoregressive.RnadeLab): x₁'s conditional is a plain mixture
 * (a is c alone), x₂'s a mixture whose weights, means and widths the hidden units compute from x₁.
 */
public final class Rnade {

    private final int dims;
    private final int hidden;
    private final int components;
    private final double[] p;
    private final double[] g;
    private final int cOff;
    private final int vOff;

    /** Weights from the seed: W and V uniform in ±1/√H, biases 0 but μ's spread over [−1, 1]. */
    public Rnade(int dims, int hidden, int components, long seed) {
        if (dims < 1 || hidden < 1 || components < 1) {
            throw new IllegalArgumentException("dims, hidden and components must be positive");
        }
        this.dims = dims;
        this.hidden = hidden;
        this.components = components;
        cOff = hidden * dims;
        vOff = cOff + hidden;
        p = new double[vOff + dims * components * (3 * hidden + 3)];
        g = new double[p.length];
        SplittableRandom r = new SplittableRandom(seed);
        double s = 1 / Math.sqrt(hidden);
        for (int i = 0; i < cOff; i++) {
            p[i] = s * (2 * r.nextDouble() - 1);
        }
        for (int d = 0; d < dims; d++) {
            for (int k = 0; k < components; k++) {
                int o = unit(d, k);
                for (int i = 0; i < 3 * hidden; i++) {
                    p[o + i] = s * (2 * r.nextDouble() - 1);
                }
                p[o + 3 * hidden + 1] = components == 1 ? 0 : -1 + 2.0 * k / (components - 1);
            }
        }
    }

    /** Offset of component k of dimension d: Vα (H), Vμ (H), Vσ (H), bα, bμ, bσ. */
    private int unit(int d, int k) {
        return vOff + (d * components + k) * (3 * hidden + 3);
    }

    public int dims() {
        return dims;
    }

    public int hidden() {
        return hidden;
    }

    public int components() {
        return components;
    }

    /**
     * The mixture p(x_d | x_&lt;d) of one conditional: weights α (summing to 1), means μ and standard deviations σ,
     * K each.
     */
    public record Mixture(double[] weights, double[] means, double[] sds) {

        /** Σ_k α_k N(v; μ_k, σ_k²). */
        public double density(double v) {
            double s = 0;
            for (int k = 0; k < weights.length; k++) {
                s += component(k, v);
            }
            return s;
        }

        /** α_k N(v; μ_k, σ_k²), component k's share of the density at v. */
        public double component(int k, double v) {
            double z = (v - means[k]) / sds[k];
            return weights[k] * Math.exp(-0.5 * z * z) / (sds[k] * Math.sqrt(2 * Math.PI));
        }
    }

    /** The conditional of dimension d given x's first d values (the rest of x is not read). */
    public Mixture mixtureAt(double[] x, int d) {
        if (d < 0 || d >= dims) {
            throw new IllegalArgumentException("dimension " + d + " of " + dims);
        }
        double[] a = new double[hidden];
        System.arraycopy(p, cOff, a, 0, hidden);
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < hidden; i++) {
                a[i] += p[j * hidden + i] * x[j];
            }
        }
        double[] h = new double[hidden];
        for (int i = 0; i < hidden; i++) {
            h[i] = 1 / (1 + Math.exp(-a[i]));
        }
        double[][] mix = new double[3][components];
        mixture(d, h, mix);
        return new Mixture(mix[0], mix[1], mix[2]);
    }

    /** Whether every parameter is a finite number. */
    public boolean isFinite() {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    public int numParams() {
        return p.length;
    }

    /** The parameters (live; an optimiser may update them in place). */
    public double[] params() {
        return p;
    }

    /** The gradient of the last {@link #lossAndGradient}, same layout. */
    public double[] gradient() {
        return g;
    }

    /** The mixture of dimension d given the hidden h: α, μ, σ, each K long, into out[0..2]. */
    private void mixture(int d, double[] h, double[][] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < components; k++) {
            int o = unit(d, k);
            double za = p[o + 3 * hidden];
            double zm = p[o + 3 * hidden + 1];
            double zs = p[o + 3 * hidden + 2];
            for (int i = 0; i < hidden; i++) {
                za += p[o + i] * h[i];
                zm += p[o + hidden + i] * h[i];
                zs += p[o + 2 * hidden + i] * h[i];
            }
            out[0][k] = za;
            out[1][k] = zm;
            out[2][k] = Math.exp(zs);
            max = Math.max(max, za);
        }
        double sum = 0;
        for (int k = 0; k < components; k++) {
            out[0][k] = Math.exp(out[0][k] - max);
            sum += out[0][k];
        }
        for (int k = 0; k < components; k++) {
            out[0][k] /= sum;
        }
    }

    /** ln p(x) of one point. */
    public double logDensity(double[] x) {
        return pass(x, false);
    }

    /**
     * Mean −ln p(x) over the points {@code rows[k]} of {@code data} (n × D, row-major), and its gradient
     * into {@link #gradient()}.
     */
    public double lossAndGradient(double[] data, int[] rows) {
        java.util.Arrays.fill(g, 0);
        double loss = 0;
        double[] x = new double[dims];
        for (int row : rows) {
            System.arraycopy(data, row * dims, x, 0, dims);
            loss -= pass(x, true);
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= rows.length;
        }
        return loss / rows.length;
    }

    /** ln p(x); with grad, adds d(−ln p)/dθ to g. */
    private double pass(double[] x, boolean grad) {
        double[] a = new double[hidden];
        System.arraycopy(p, cOff, a, 0, hidden);
        double[][] hs = new double[dims][hidden];
        double[][] mix = new double[3][components];
        double[] dA = new double[hidden];
        double[][] dAs = grad ? new double[dims][] : null;
        double lp = 0;
        for (int d = 0; d < dims; d++) {
            double[] h = hs[d];
            for (int i = 0; i < hidden; i++) {
                h[i] = 1 / (1 + Math.exp(-a[i]));
            }
            mixture(d, h, mix);
            double[] l = new double[components];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < components; k++) {
                double z = (x[d] - mix[1][k]) / mix[2][k];
                l[k] = Math.log(mix[0][k]) - 0.5 * z * z - Math.log(mix[2][k]) - 0.5 * Math.log(2 * Math.PI);
                max = Math.max(max, l[k]);
            }
            double s = 0;
            for (int k = 0; k < components; k++) {
                s += Math.exp(l[k] - max);
            }
            double lse = max + Math.log(s);
            lp += lse;
            if (grad) {
                double[] dh = new double[hidden];
                for (int k = 0; k < components; k++) {
                    double pi = Math.exp(l[k] - lse);
                    double z = (x[d] - mix[1][k]) / mix[2][k];
                    double dza = mix[0][k] - pi;
                    double dzm = -pi * z / mix[2][k];
                    double dzs = -pi * (z * z - 1);
                    int o = unit(d, k);
                    g[o + 3 * hidden] += dza;
                    g[o + 3 * hidden + 1] += dzm;
                    g[o + 3 * hidden + 2] += dzs;
                    for (int i = 0; i < hidden; i++) {
                        g[o + i] += dza * h[i];
                        g[o + hidden + i] += dzm * h[i];
                        g[o + 2 * hidden + i] += dzs * h[i];
                        dh[i] += dza * p[o + i] + dzm * p[o + hidden + i] + dzs * p[o + 2 * hidden + i];
                    }
                }
                double[] da = new double[hidden];
                for (int i = 0; i < hidden; i++) {
                    da[i] = dh[i] * h[i] * (1 - h[i]);
                }
                dAs[d] = da;
            }
            if (d + 1 < dims) {
                for (int i = 0; i < hidden; i++) {
                    a[i] += p[d * hidden + i] * x[d];
                }
            }
        }
        if (grad) {
            // a_d = c + Σ_{j<d} W[:, j] x_j: dc = Σ_d da_d, dW[:, j] = x_j Σ_{d>j} da_d (a reverse running sum)
            for (int d = dims - 1; d >= 0; d--) {
                for (int i = 0; i < hidden; i++) {
                    g[d * hidden + i] += x[d] * dA[i];
                    dA[i] += dAs[d][i];
                }
            }
            for (int i = 0; i < hidden; i++) {
                g[cOff + i] += dA[i];
            }
        }
        return lp;
    }

    /** n points drawn dimension by dimension: a component from α, then x_d from its Gaussian. */
    public double[] sample(int n, SplittableRandom rng) {
        double[] out = new double[n * dims];
        double[][] mix = new double[3][components];
        for (int s = 0; s < n; s++) {
            double[] a = new double[hidden];
            System.arraycopy(p, cOff, a, 0, hidden);
            double[] h = new double[hidden];
            for (int d = 0; d < dims; d++) {
                for (int i = 0; i < hidden; i++) {
                    h[i] = 1 / (1 + Math.exp(-a[i]));
                }
                mixture(d, h, mix);
                double u = rng.nextDouble();
                int k = 0;
                while (k < components - 1 && (u -= mix[0][k]) > 0) {
                    k++;
                }
                double x = mix[1][k] + mix[2][k] * gaussian(rng);
                out[s * dims + d] = x;
                for (int i = 0; i < hidden; i++) {
                    a[i] += p[d * hidden + i] * x;
                }
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
