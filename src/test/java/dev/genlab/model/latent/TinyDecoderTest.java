package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The claims of {@link TinyDecoder}'s Javadoc, checked on a {@link PosteriorGrid}. */
class TinyDecoderTest {

    static List<Integer> modes(double[] p) {
        List<Integer> modes = new ArrayList<>();
        for (int i = 1; i < p.length - 1; i++) {
            if (p[i] > p[i - 1] && p[i] >= p[i + 1]) {
                modes.add(i);
            }
        }
        return modes;
    }

    /**
     * M = 1, x = g(0.7): the posterior has exactly two modes, near ±0.7, the smaller about 0.27 of the
     * larger; x = g(1): two modes, ratio below 0.1; x = g(0.3): one mode (the Javadoc's claims).
     */
    @Test
    void oneDimensionalBananaIsBimodal() {
        TinyDecoder dec = TinyDecoder.banana(1);
        double[] x = dec.decode(new double[] {0.7});
        PosteriorGrid g = PosteriorGrid.compute(dec, x, -4, 4, 4001);
        double[] p = g.density();
        double[] z = g.zValues();
        List<Integer> modes = modes(p);
        assertEquals(2, modes.size(), "modes at " + modes);
        double left = p[modes.get(0)];
        double right = p[modes.get(1)];
        assertEquals(-0.7, z[modes.get(0)], 0.15);
        assertEquals(0.7, z[modes.get(1)], 0.15);
        double ratio = left / right;
        assertTrue(ratio > 0.2 && ratio < 0.35, "ratio " + ratio);
        List<Integer> far = modes(PosteriorGrid.compute(dec, dec.decode(new double[] {1}), -4, 4, 4001).density());
        assertEquals(2, far.size());
        assertEquals(1, modes(PosteriorGrid.compute(dec, dec.decode(new double[] {0.3}), -4, 4, 4001).density()).size());
        // the density integrates to 1 with the trapezoid weights
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * (i == 0 || i == p.length - 1 ? 0.5 : 1) * (z[1] - z[0]);
        }
        assertEquals(1, s, 1e-9);
    }

    /**
     * M = 2: given z₁ the posterior of z₂ is Gaussian with mean 1.6 (x₂ + 1 − z₁²) (precision 1 + ¼/σ² = 5), so
     * the ridge of p(z | x) is a parabola in the latent plane: on the grid (row j is z₂, column i is z₁) the
     * arg-max over each column lies on it.
     */
    @Test
    void twoDimensionalBananaFollowsAParabola() {
        TinyDecoder dec = TinyDecoder.banana(2);
        double[] x = dec.decode(new double[] {0.4, 0.3});
        int n = 321;
        PosteriorGrid g = PosteriorGrid.compute(dec, x, -4, 4, n);
        double[] p = g.density();
        double[] z = g.zValues();
        double h = z[1] - z[0];
        for (double z1 : new double[] {-1, -0.5, 0, 0.5, 1}) {
            int i = (int) Math.round((z1 - z[0]) / h);
            int best = 0;
            for (int j = 1; j < n; j++) {
                if (p[j * n + i] > p[best * n + i]) {
                    best = j;
                }
            }
            double ridge = 1.6 * (x[1] + 1 - z[i] * z[i]);
            assertEquals(ridge, z[best], h, "z1 = " + z1);
        }
    }

    /** of(...) is g(z) = W₂ tanh(W₁ z + c₁) + c₂; log p(x|z) is the isotropic Gaussian; mlp is deterministic in its seed. */
    @Test
    void mlpDecoder() {
        double[][] w1 = {{1, -2}, {0.5, 0.3}, {-1, 1}};
        double[] c1 = {0.1, -0.2, 0.3};
        double[][] w2 = {{1, 2, 3}, {-1, 0.5, 0}};
        double[] c2 = {0.5, -0.5};
        TinyDecoder dec = TinyDecoder.of(w1, c1, w2, c2, 0.3);
        double[] z = {0.7, -0.4};
        double[] h = new double[3];
        for (int k = 0; k < 3; k++) {
            h[k] = Math.tanh(w1[k][0] * z[0] + w1[k][1] * z[1] + c1[k]);
        }
        double[] g = {c2[0] + w2[0][0] * h[0] + w2[0][1] * h[1] + w2[0][2] * h[2],
            c2[1] + w2[1][0] * h[0] + w2[1][1] * h[1] + w2[1][2] * h[2]};
        assertArrayEquals(g, dec.decode(z), 1e-14);
        double[] x = {1, 2};
        double ll = -Math.log(2 * Math.PI * 0.09) - ((x[0] - g[0]) * (x[0] - g[0]) + (x[1] - g[1]) * (x[1] - g[1])) / 0.18;
        assertEquals(ll, dec.logLikelihood(x, z), 1e-12);
        assertArrayEquals(TinyDecoder.mlp(2, 8, 3, 0.2).decode(z), TinyDecoder.mlp(2, 8, 3, 0.2).decode(z), 0);
        // samples: x − g(z) has sd σ; check the mean of x over many samples against E[g(z)] by the grid of z
        TinyDecoder b = TinyDecoder.banana(1);
        SplittableRandom rng = new SplittableRandom(61);
        double m1 = 0;
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            m1 += b.sample(rng)[1] / count;
        }
        assertEquals(0, m1, 0.01, "E[z² − 1] = 0");
    }
}
