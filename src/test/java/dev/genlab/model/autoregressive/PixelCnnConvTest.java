package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link MaskedConv2d}'s libnd4j forward and backward against plain-Java loops written straight
 * from the definition y[n,o,r,c] = b[o] + Σ (W ⊙ M)[o,i,u,v] x[n,i,r+u−p,c+v−p], in double.
 */
class PixelCnnConvTest {

    private static final double TOL = 1e-12;

    @Test
    void masksKeepTheTapsBeforeTheCentre() {
        // 3 × 3: type A keeps the row above and the left neighbour; B also the centre
        assertArrayEquals(new boolean[] {true, true, true, true, false, false, false, false, false},
                PixelCnn.mask(3, true));
        assertArrayEquals(new boolean[] {true, true, true, true, true, false, false, false, false},
                PixelCnn.mask(3, false));
        assertArrayEquals(new boolean[] {true}, PixelCnn.mask(1, false));
        int kept = 0;
        for (boolean b : PixelCnn.mask(7, true)) {
            kept += b ? 1 : 0;
        }
        assertEquals(24, kept); // 3 full rows of 7 and 3 taps left of the centre
    }

    @Test
    void typeBThreeByThree() {
        check(2, 3, 4, 5, 6, 3, PixelCnn.taps(3, false), 1);
    }

    @Test
    void typeASevenBySevenOnOneChannel() {
        check(3, 1, 5, 6, 9, 7, PixelCnn.taps(7, true), 2);
    }

    @Test
    void oneByOne() {
        check(2, 4, 1, 3, 4, 1, 1, 3);
    }

    @Test
    void anUnmaskedFiveByFiveLargerThanTheImage() {
        check(2, 2, 3, 4, 3, 5, 25, 5);
    }

    @Test
    void tapsCountTheMask() {
        for (int k = 1; k <= 9; k += 2) {
            for (boolean a : new boolean[] {true, false}) {
                if (k == 1 && a) {
                    continue;
                }
                boolean[] m = PixelCnn.mask(k, a);
                int t = PixelCnn.taps(k, a);
                for (int i = 0; i < m.length; i++) {
                    assertEquals(i < t, m[i], "k = " + k + " tap " + i);
                }
            }
        }
    }

    private static void check(int n, int in, int out, int h, int w, int k, int taps, long seed) {
        check(n, in, out, h, w, k, taps, seed, false);
        if (in == 1) {
            check(n, in, out, h, w, k, taps, seed, true);
        }
    }

    private static void check(int n, int in, int out, int h, int w, int k, int taps, long seed, boolean columns) {
        boolean[] mask = new boolean[k * k];
        for (int t = 0; t < taps; t++) {
            mask[t] = true;
        }
        SplittableRandom r = new SplittableRandom(seed);
        long size = MaskedConv2d.size(in, out, k);
        INDArray params = Nd4j.zeros(DataType.DOUBLE, size);
        INDArray grads = Nd4j.zeros(DataType.DOUBLE, size);
        double[] theta = random(r, (int) size);
        params.assign(Nd4j.createFromArray(theta));
        MaskedConv2d conv = new MaskedConv2d(in, out, k, taps, params, grads);
        double[] x = random(r, n * in * h * w);
        double[] g = random(r, n * out * h * w);
        int nw = out * in * k * k;
        int p = (k - 1) / 2;

        double[] y = new double[n * out * h * w];
        double[] gx = new double[x.length];
        double[] gw = new double[nw];
        double[] gb = new double[out];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                for (int rr = 0; rr < h; rr++) {
                    for (int cc = 0; cc < w; cc++) {
                        int yi = ((s * h + rr) * w + cc) * out + o;
                        double acc = theta[nw + o];
                        gb[o] += g[yi];
                        for (int i = 0; i < in; i++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int sr = rr + u - p;
                                    int sc = cc + v - p;
                                    if (!mask[u * k + v] || sr < 0 || sr >= h || sc < 0 || sc >= w) {
                                        continue;
                                    }
                                    int wi = MaskedConv2d.index(in, out, k, o, i, u, v);
                                    int xi = ((s * h + sr) * w + sc) * in + i;
                                    acc += theta[wi] * x[xi];
                                    gw[wi] += g[yi] * x[xi];
                                    gx[xi] += g[yi] * theta[wi];
                                }
                            }
                        }
                        y[yi] = acc;
                    }
                }
            }
        }

        // on a grid padded by p (plus 1, to see that a wider ring changes nothing): channels × grid columns
        MaskedConv2d.Grid grid = new MaskedConv2d.Grid(n, h, w, p + 1);
        int gp = (int) grid.pixels();
        int margin = (int) grid.margin();
        double[] xg = new double[in * (gp + 2 * margin)];
        double[] gg = new double[out * gp];
        double[] cols = new double[taps * in * gp];
        for (int s = 0; s < n; s++) {
            for (int rr = 0; rr < h; rr++) {
                for (int cc = 0; cc < w; cc++) {
                    int q = (int) grid.at(s, rr, cc);
                    for (int i = 0; i < in; i++) {
                        xg[(margin + q) * in + i] = x[((s * h + rr) * w + cc) * in + i];
                        for (int t = 0; t < taps; t++) {
                            int sr = rr + t / k - p;
                            int sc = cc + t % k - p;
                            if (sr >= 0 && sr < h && sc >= 0 && sc < w) {
                                cols[q * taps * in + t * in + i] = x[((s * h + sr) * w + sc) * in + i];
                            }
                        }
                    }
                    for (int o = 0; o < out; o++) {
                        gg[q * out + o] = g[((s * h + rr) * w + cc) * out + o];
                    }
                }
            }
        }
        INDArray gradY = Nd4j.create(gg, new long[] {out, gp}, 'f');
        if (columns) {
            INDArray ya = conv.forwardColumns(Nd4j.create(cols, new long[] {(long) taps * in, gp}, 'f'));
            assertArrayEquals(y, interior(ya, grid, out), TOL, "forward from columns");
            assertEquals(null, conv.backward(gradY, true));
        } else {
            INDArray ya = conv.forward(Nd4j.create(xg, new long[] {in, gp + 2L * margin}, 'f'), grid);
            assertArrayEquals(y, interior(ya, grid, out), TOL, "forward");
            INDArray gxa = conv.backward(gradY, true);
            INDArray gxInner = MaskedConv2d.columns(gxa, margin, gp);
            assertArrayEquals(gx, interior(gxInner, grid, in), TOL, "dL/dx");
        }
        double[] grad = grads.toDoubleVector();
        double[] gwa = java.util.Arrays.copyOfRange(grad, 0, nw);
        double[] gba = java.util.Arrays.copyOfRange(grad, nw, (int) size);
        assertArrayEquals(gw, gwa, TOL, "dL/dW");
        assertArrayEquals(gb, gba, TOL, "dL/db");
        for (int i = 0; i < nw; i++) {
            if (!mask[i / (in * out)]) {
                assertEquals(0.0, gwa[i], 0.0, "masked weight " + i + " has a gradient");
            }
        }
        // the masked weights were random and non-zero here: they must not have entered y or dL/dx
        assertArrayEquals(theta, params.toDoubleVector(), 0.0);
    }

    /** The image pixels of a channels × grid-columns matrix, NHWC like the reference arrays. */
    private static double[] interior(INDArray a, MaskedConv2d.Grid grid, int channels) {
        double[] all = a.dup('f').data().asDouble();
        double[] v = new double[grid.n() * grid.h() * grid.w() * channels];
        for (int s = 0; s < grid.n(); s++) {
            for (int r = 0; r < grid.h(); r++) {
                for (int c = 0; c < grid.w(); c++) {
                    for (int i = 0; i < channels; i++) {
                        v[((s * grid.h() + r) * grid.w() + c) * channels + i] = all[(int) grid.at(s, r, c) * channels + i];
                    }
                }
            }
        }
        return v;
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }
}
