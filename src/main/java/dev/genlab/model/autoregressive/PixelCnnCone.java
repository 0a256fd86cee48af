package dev.genlab.model.autoregressive;

/**
 * The logit of one pixel of a {@link PixelCnn}, computed in plain Java from only the activations
 * it depends on: walking back from pixel j through the layers, layer l needs its outputs at the
 * positions S_l = ∪_{q ∈ S_{l+1}} {q + kept tap offsets} (inside the image), the same walk as
 * {@link PixelCnn#receptiveField}. For 28 × 28 and the defaults that is at most a few hundred
 * positions instead of the 8 × 28 band × 6 layers of an ND4J forward pass, whose ~60 small ops
 * cost more than the arithmetic (one image, 28 × 28, defaults, on the shared machine: 3.9 ms per
 * step for a band forward on ND4J, 0.5–0.7 ms here; {@code pixelcnn_sample_ms} of
 * {@code PixelCnnBenchTest}). Same equations as the model's forward pass,
 * checked against it in {@code PixelCnnSamplingTest}. One instance per thread.
 */
final class PixelCnnCone {

    private final int rows;
    private final int cols;
    private final int[] in;
    private final int[] out;
    private final int[] k;
    private final int[] taps;
    private final int[] offset;
    /** positions[pixel][l]: the row-major pixels where layer l's output is needed, or null. */
    private final int[][][] positions;
    /** Scratch: slot[l][q] = index of pixel q in positions[pixel][l] during one evaluation. */
    private final int[][] slot;
    private final double[][] acts;

    PixelCnnCone(PixelCnn m) {
        this.rows = m.rows();
        this.cols = m.cols();
        int n = m.numConvs();
        in = new int[n];
        out = new int[n];
        k = new int[n];
        taps = new int[n];
        offset = new int[n];
        for (int l = 0; l < n; l++) {
            MaskedConv2d c = m.conv(l);
            in[l] = c.inputs();
            out[l] = c.outputs();
            k[l] = c.kernel();
            taps[l] = c.taps();
            offset[l] = (int) m.paramOffset(l);
        }
        positions = new int[rows * cols][][];
        slot = new int[n][rows * cols];
        acts = new double[n][];
    }

    private int[][] positions(int pixel) {
        int[][] p = positions[pixel];
        if (p != null) {
            return p;
        }
        int n = in.length;
        p = new int[n][];
        boolean[] need = new boolean[rows * cols];
        need[pixel] = true;
        for (int l = n - 1; l >= 0; l--) {
            p[l] = list(need);
            if (l == 0) {
                break;
            }
            boolean[] below = new boolean[rows * cols];
            int h = (k[l] - 1) / 2;
            for (int q : p[l]) {
                for (int t = 0; t < taps[l]; t++) {
                    int rr = q / cols + t / k[l] - h;
                    int cc = q % cols + t % k[l] - h;
                    if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) {
                        below[rr * cols + cc] = true;
                    }
                }
            }
            need = below;
        }
        positions[pixel] = p;
        return p;
    }

    private static int[] list(boolean[] set) {
        int count = 0;
        for (boolean b : set) {
            count += b ? 1 : 0;
        }
        int[] v = new int[count];
        int i = 0;
        for (int q = 0; q < set.length; q++) {
            if (set[q]) {
                v[i++] = q;
            }
        }
        return v;
    }

    /** z_j for the image at {@code bits[start …]} under parameters theta (the model's layout). */
    double logit(double[] theta, byte[] bits, int start, int pixel) {
        int[][] pos = positions(pixel);
        int n = in.length;
        for (int l = 0; l < n; l++) {
            int need = pos[l].length * out[l];
            if (acts[l] == null || acts[l].length < need) {
                acts[l] = new double[Math.max(need, 16)];
            }
            int[] s = slot[l];
            for (int a = 0; a < pos[l].length; a++) {
                s[pos[l][a]] = a;
            }
            double[] act = acts[l];
            int kk = k[l];
            int h = (kk - 1) / 2;
            int nw = out[l] * in[l] * kk * kk;
            int base = offset[l];
            for (int a = 0; a < pos[l].length; a++) {
                int q = pos[l][a];
                int r = q / cols;
                int c = q % cols;
                int at = a * out[l];
                for (int o = 0; o < out[l]; o++) {
                    act[at + o] = theta[base + nw + o];
                }
                for (int t = 0; t < taps[l]; t++) {
                    int rr = r + t / kk - h;
                    int cc = c + t % kk - h;
                    if (rr < 0 || rr >= rows || cc < 0 || cc >= cols) {
                        continue;
                    }
                    int src = rr * cols + cc;
                    for (int i = 0; i < in[l]; i++) {
                        double x = l == 0 ? bits[start + src] : acts[l - 1][slot[l - 1][src] * in[l] + i];
                        if (x == 0) {
                            continue;
                        }
                        int w = base + (t * in[l] + i) * out[l];
                        for (int o = 0; o < out[l]; o++) {
                            act[at + o] += theta[w + o] * x;
                        }
                    }
                }
                if (l < n - 1) {
                    for (int o = 0; o < out[l]; o++) {
                        act[at + o] = Math.max(act[at + o], 0);
                    }
                }
            }
        }
        return acts[n - 1][0];
    }
}
