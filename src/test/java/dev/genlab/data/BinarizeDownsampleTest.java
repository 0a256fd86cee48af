package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinarizeDownsampleTest {

    @Test
    void thresholdKeepsPixelsAtOrAboveT() {
        ImageDataset ds = ImageDataset.of("d", 2, 2, new float[] {0f, 0.49f, 0.5f, 1f}, new int[] {4});
        ImageDataset b = Binarize.threshold(ds, 0.5);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, b.copyPixels());
        assertArrayEquals(new int[] {4}, b.labels());
    }

    @Test
    void stochasticBinarisationIsSeededAndUnbiased() {
        int n = 20_000;
        float[] p = new float[n * 4];
        for (int i = 0; i < n; i++) {
            p[4 * i] = 0f;
            p[4 * i + 1] = 0.25f;
            p[4 * i + 2] = 0.75f;
            p[4 * i + 3] = 1f;
        }
        ImageDataset ds = ImageDataset.of("d", 2, 2, p, null);
        ImageDataset a = Binarize.stochastic(ds, 3);
        assertArrayEquals(a.copyPixels(), Binarize.stochastic(ds, 3).copyPixels());
        int[] ones = new int[4];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                float v = a.pixel(i, k / 2, k % 2);
                assertEquals(true, v == 0f || v == 1f);
                ones[k] += (int) v;
            }
        }
        // Binomial standard error at p = 0.25 with n = 20000 is 0.003; allow 5 of them.
        assertEquals(0, ones[0]);
        assertEquals(0.25, ones[1] / (double) n, 0.015);
        assertEquals(0.75, ones[2] / (double) n, 0.015);
        assertEquals(n, ones[3]);
    }

    @Test
    void blockAveragingOnAHandMadeImage() {
        // 4×4 image: top-left 2×2 block all 1, top-right a single 1, bottom-left mean 0.5, rest 0.
        float[] p = {
            1, 1, 0, 1,
            1, 1, 0, 0,
            0.5f, 0.5f, 0, 0,
            0.5f, 0.5f, 0, 0};
        ImageDataset ds = ImageDataset.of("d", 4, 4, p, new int[] {2});
        ImageDataset d2 = Downsample.to(ds, 2);
        assertArrayEquals(new float[] {1f, 0.25f, 0.5f, 0f}, d2.copyPixels());
        assertArrayEquals(new int[] {2}, d2.labels());
        assertArrayEquals(new float[] {0.4375f}, Downsample.to(ds, 1).copyPixels());
        assertArrayEquals(new float[] {1f, 1f, 0f, 0.5f, 0.5f, 0.5f, 0f, 0f}, Downsample.to(ds, 2, 4).copyPixels());
    }

    @Test
    void twentyEightToFourUsesSevenBySevenBlocks() {
        float[] p = new float[28 * 28];
        // Ink exactly the block at block-row 1, block-col 2: rows 7..13, cols 14..20.
        for (int r = 7; r < 14; r++) {
            for (int c = 14; c < 21; c++) {
                p[r * 28 + c] = 1f;
            }
        }
        p[0] = 0.49f;
        ImageDataset small = Downsample.to(ImageDataset.of("d", 28, 28, p, null), 4);
        assertEquals(4, small.rows());
        assertEquals(1f, small.pixel(0, 1, 2));
        assertEquals(0.01f, small.pixel(0, 0, 0), 1e-7);
        assertEquals(0f, small.pixel(0, 1, 1));
        assertEquals(14, Downsample.to(ImageDataset.of("d", 28, 28, p, null), 14).rows());
        assertThrows(IllegalArgumentException.class, () -> Downsample.to(ImageDataset.of("d", 28, 28, p, null), 5));
    }

    @Test
    void resamplingIsTheBlockAverageWhenTheSizeDivides() {
        float[] p = new float[2 * 28 * 28];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rng.nextDouble();
        }
        ImageDataset ds = ImageDataset.of("d", 28, 28, p, null);
        for (int side : new int[] {1, 2, 4, 7, 14}) {
            assertArrayEquals(Downsample.to(ds, side).copyPixels(), Downsample.resample(ds, side, side).copyPixels(), 0f);
        }
        assertArrayEquals(p, Downsample.resample(ds, 28, 28).copyPixels(), 0f);
    }

    @Test
    void resamplingToASizeThatDoesNotDivideAveragesOverlappingAreas() {
        // 3 × 3 → 2 × 2: output (0, 0) covers rows [0, 1.5) and cols [0, 1.5): weights 4/9, 2/9, 2/9, 1/9
        float[] p = {
            1, 0, 0,
            0, 0, 0,
            0, 0, 0.5f};
        ImageDataset d = Downsample.resample(ImageDataset.of("d", 3, 3, p, new int[] {6}), 2, 2);
        assertEquals(4 / 9.0, d.pixel(0, 0, 0), 1e-6);
        assertEquals(0, d.pixel(0, 0, 1), 1e-6);
        assertEquals(0.5 * 4 / 9.0, d.pixel(0, 1, 1), 1e-6);
        assertArrayEquals(new int[] {6}, d.labels());
        // 20 × 20 → 28 × 28 (enlarging) and → 7 × 7: a flat image stays flat, the mean is kept
        float[] q = new float[400];
        java.util.Arrays.fill(q, 0.3f);
        q[0] = 1f;
        ImageDataset twenty = ImageDataset.of("d", 20, 20, q, null);
        for (int side : new int[] {28, 7, 3}) {
            float[] r = Downsample.resample(twenty, side, side).copyPixels();
            double mean = 0;
            for (float v : r) {
                mean += v / r.length;
            }
            assertEquals((0.3 * 399 + 1) / 400, mean, 1e-6, side + "x" + side);
            assertEquals(0.3f, r[r.length - 1], 1e-6);
        }
    }
}
