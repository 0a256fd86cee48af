package dev.genlab.model.autoregressive;

/**
 * NADE's forward and backward pass per image in plain Java, exploiting that the pixels are
 * binary: a_{t+1} = a_t + W[:, o(t)] x_{o(t)} changes only after a pixel that is on, so an image
 * with R pixels on has only R + 1 distinct hidden vectors h (a run of steps shares one). The
 * sigmoids then cost (R + 1)·H instead of D·H, and the backward pass sums g_t V[o(t), :] over a
 * run before multiplying by h ⊙ (1 − h) once per run:
 * <pre>
 *   δ_run = (Σ_{t ∈ run} g_t V[o(t), :]) ⊙ h_run ⊙ (1 − h_run)
 *   dL/dW[:, o(s)] = Σ_{runs after s} δ_run   for an on pixel at step s (the runs start after on pixels)
 *   dL/dc = Σ_runs δ_run
 * </pre>
 * The arithmetic is the same as {@link Nade}'s batched ND4J pass (same sums in the same order up
 * to the sigmoid's implementation); on the built-in digits (about a fifth of the pixels on) it is
 * an order of magnitude faster on one core. Parameters are read from the flat layout of
 * {@link Nade}: W column-major (W[i, j] at j·H + i), c, V row-major (V[j, i] at off_V + j·H + i), b.
 * One instance per model and thread: it keeps scratch buffers. Public for lesson 7's VAE, whose
 * NADE decoder ({@code dev.genlab.model.latent.Vae.Decoder#NADE}) adds a per-image bias (the
 * decoder MLP's logits at z) to every conditional's logit.
 */
public final class NadeKernel {

    private final int d;
    private final int h;
    private final int[] order;
    private final int offC;
    private final int offV;
    private final int offB;
    /** The hidden vector of every run of the current image: run r at r·H. */
    private final double[] states;
    /** The pre-activation of the current run. */
    private final double[] a;
    private final double[] g;
    private final int[] runOfStep;
    private final double[] u;
    private final double[] carry;

    /**
     * @param pixels D
     * @param hidden H
     * @param order  the chain rule's order: order[t] is the pixel at step t (a permutation of 0 … D−1)
     */
    public NadeKernel(int pixels, int hidden, int[] order) {
        if (order.length != pixels) {
            throw new IllegalArgumentException("order has " + order.length + " entries for " + pixels + " pixels");
        }
        this.d = pixels;
        this.h = hidden;
        this.order = order.clone();
        offC = h * d;
        offV = offC + h;
        offB = offV + h * d;
        states = new double[(d + 1) * h];
        a = new double[h];
        g = new double[d];
        runOfStep = new int[d];
        u = new double[h];
        carry = new double[h];
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * Σ_i p[po + i] s[so + i] over the H hidden units, with four partial sums: a single running
     * sum waits on each addition's latency, which made this loop, the forward pass's main cost,
     * about three times slower.
     */
    public static double dot(double[] p, int po, double[] s, int so, int h) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < h; i += 4) {
            s0 += p[po + i] * s[so + i];
            s1 += p[po + i + 1] * s[so + i + 1];
            s2 += p[po + i + 2] * s[so + i + 2];
            s3 += p[po + i + 3] * s[so + i + 3];
        }
        for (; i < h; i++) {
            s0 += p[po + i] * s[so + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Forward pass of one image (bits x[off … off+D−1], row-major): fills the run states, the
     * run of every step and g_t = σ(z_t) − x_{o(t)}; writes z_t to {@code logits} at
     * logitsOff + o(t) when it is not null.
     *
     * @return −ln p(x)
     */
    public double forward(double[] p, byte[] x, int off, double[] logits, int logitsOff) {
        return forward(p, x, off, logits, logitsOff, null, 0);
    }

    /**
     * As {@link #forward(double[], byte[], int, double[], int)} with bias[biasOff + j] added to pixel
     * j's logit z_t (when bias is not null): the conditionals of a NADE whose output biases depend on
     * something else, such as a latent code. g_t and the backward pass then include the bias, so
     * g_t = ∂(−ln p)/∂bias_{o(t)} as well ({@link #logitGradients}).
     */
    public double forward(double[] p, byte[] x, int off, double[] logits, int logitsOff, double[] bias, int biasOff) {
        System.arraycopy(p, offC, a, 0, h);
        for (int i = 0; i < h; i++) {
            states[i] = sigmoid(a[i]);
        }
        int run = 0;
        int base = 0;
        double nll = 0;
        for (int t = 0; t < d; t++) {
            int j = order[t];
            int vo = offV + j * h;
            double z = p[offB + j] + dot(p, vo, states, base, h);
            if (bias != null) {
                z += bias[biasOff + j];
            }
            int bit = x[off + j];
            // one exponential serves both softplus(z) = max(z, 0) + ln(1 + e^−|z|) and σ(z)
            double e = Math.exp(-Math.abs(z));
            nll += Math.max(z, 0) + Math.log1p(e) - bit * z;
            g[t] = (z >= 0 ? 1 : e) / (1 + e) - bit;
            runOfStep[t] = run;
            if (logits != null) {
                logits[logitsOff + j] = z;
            }
            if (bit != 0 && t < d - 1) {
                int wo = j * h;
                run++;
                base = run * h;
                for (int i = 0; i < h; i++) {
                    a[i] += p[wo + i];
                    states[base + i] = sigmoid(a[i]);
                }
            }
        }
        return nll;
    }

    /**
     * Writes g = σ(z) − x of the image of the last {@link #forward}, the derivative of −ln p(x) in
     * each pixel's logit, to out[outOff + j] for pixel j.
     */
    public void logitGradients(double[] out, int outOff) {
        for (int t = 0; t < d; t++) {
            out[outOff + order[t]] = g[t];
        }
    }

    /** Adds scale × d(−ln p(x))/dθ of the image of the last {@link #forward} to {@code grad}. */
    public void backward(double[] p, byte[] x, int off, double scale, double[] grad) {
        java.util.Arrays.fill(u, 0);
        java.util.Arrays.fill(carry, 0);
        for (int t = d - 1; t >= 0; t--) {
            int j = order[t];
            double gt = g[t] * scale;
            int run = runOfStep[t];
            int base = run * h;
            int vo = offV + j * h;
            grad[offB + j] += gt;
            for (int i = 0; i < h; i++) {
                grad[vo + i] += gt * states[base + i];
                u[i] += gt * p[vo + i];
            }
            if (t == 0 || runOfStep[t - 1] != run) {
                for (int i = 0; i < h; i++) {
                    double s = states[base + i];
                    carry[i] += u[i] * s * (1 - s);
                    u[i] = 0;
                }
                if (t > 0) {
                    // the run began because the pixel at step t − 1 is on
                    int wo = order[t - 1] * h;
                    for (int i = 0; i < h; i++) {
                        grad[wo + i] += carry[i];
                    }
                }
            }
        }
        for (int i = 0; i < h; i++) {
            grad[offC + i] += carry[i];
        }
    }
}
