package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.autoregressive.ReceptiveFields.Architecture;

/**
 * The four architectures' receptive fields against brute force: each architecture written out as a
 * linear network with positive random weights (a weight per kernel tap, shared across positions as a
 * convolution's), evaluated number by number on an image with one pixel on; the output moves exactly
 * when a path joins that pixel to it. PixelCNN's field also against the trained model's own
 * ({@link PixelCnn#receptiveField}).
 */
class ReceptiveFieldsTest {

    /** A linear stand-in for one architecture, evaluated on an image. */
    static final class Linear {
        final int rows;
        final int cols;
        final int k1;
        final SplittableRandom rng;

        Linear(int rows, int cols, int k1, long seed) {
            this.rows = rows;
            this.cols = cols;
            this.k1 = k1;
            this.rng = new SplittableRandom(seed);
        }

        double w() {
            return 0.5 + rng.nextDouble();
        }

        double at(double[] a, int r, int c) {
            return r >= 0 && r < rows && c >= 0 && c < cols ? a[r * cols + c] : 0;
        }

        double[] maskA(double[] x) {
            int h = k1 / 2;
            double[][] w = new double[k1][k1];
            for (double[] row : w) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = w();
                }
            }
            double[] y = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    double s = 0;
                    for (int dr = -h; dr <= 0; dr++) {
                        for (int dc = -h; dc <= h; dc++) {
                            if (dr < 0 || dc < 0) {
                                s += w[dr + h][dc + h] * at(x, r + dr, c + dc);
                            }
                        }
                    }
                    y[r * cols + c] = s;
                }
            }
            return y;
        }

        double[] out(Architecture a, double[] x, int layers) {
            switch (a) {
                case PIXELCNN -> {
                    double[] y = maskA(x);
                    for (int l = 1; l < layers; l++) {
                        double a1 = w(), a2 = w(), a3 = w(), a4 = w(), a5 = w();
                        double[] z = new double[rows * cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                z[r * cols + c] = a1 * at(y, r - 1, c - 1) + a2 * at(y, r - 1, c) + a3 * at(y, r - 1, c + 1)
                                        + a4 * at(y, r, c - 1) + a5 * at(y, r, c);
                            }
                        }
                        y = z;
                    }
                    return y;
                }
                case GATED_PIXELCNN -> {
                    int h = k1 / 2;
                    double[] v = new double[rows * cols];
                    double[] hs = new double[rows * cols];
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            double s = 0;
                            for (int dr = -h; dr <= 0; dr++) {
                                for (int dc = -h; dc <= h; dc++) {
                                    s += (1 + 0.1 * (dr + dc + 2 * h)) * at(x, r + dr, c + dc);
                                }
                            }
                            v[r * cols + c] = s;
                            double t = 0;
                            for (int dc = -h; dc < 0; dc++) {
                                t += (2 + 0.1 * dc) * at(x, r, c + dc);
                            }
                            hs[r * cols + c] = t + 0.7 * at(v, r - 1, c);
                        }
                    }
                    for (int l = 1; l < layers; l++) {
                        double[] v2 = new double[rows * cols];
                        double[] h2 = new double[rows * cols];
                        double b1 = w(), b2 = w(), b3 = w(), b4 = w(), b5 = w(), b6 = w(), g1 = w(), g2 = w(), g3 = w();
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                v2[r * cols + c] = b1 * at(v, r - 1, c - 1) + b2 * at(v, r - 1, c) + b3 * at(v, r - 1, c + 1)
                                        + b4 * at(v, r, c - 1) + b5 * at(v, r, c) + b6 * at(v, r, c + 1);
                            }
                        }
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                h2[r * cols + c] = g1 * at(hs, r, c - 1) + g2 * at(hs, r, c) + g3 * at(v2, r - 1, c);
                            }
                        }
                        v = v2;
                        hs = h2;
                    }
                    return hs;
                }
                case ROW_LSTM -> {
                    double[] y = maskA(x);
                    for (int l = 0; l < Math.max(1, layers - 1); l++) {
                        double i1 = w(), i2 = w(), s1 = w(), s2 = w(), s3 = w();
                        double[] s = new double[rows * cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                s[r * cols + c] = i1 * at(y, r, c - 1) + i2 * at(y, r, c) + s1 * at(s, r - 1, c - 1)
                                        + s2 * at(s, r - 1, c) + s3 * at(s, r - 1, c + 1);
                            }
                        }
                        y = s;
                    }
                    return y;
                }
                default -> {
                    double[] y = maskA(x);
                    for (int l = 0; l < Math.max(1, layers - 1); l++) {
                        double li = w(), lu = w(), ll = w(), ri = w(), ru = w(), rr = w(), ml = w(), mr = w();
                        double[] left = new double[rows * cols];
                        double[] right = new double[rows * cols];
                        // diagonal by diagonal, as the skewed LSTM runs: r + c = const for left, r + (cols - 1 - c) for right
                        for (int diag = 0; diag < rows + cols - 1; diag++) {
                            for (int r = 0; r < rows; r++) {
                                int c = diag - r;
                                if (c >= 0 && c < cols) {
                                    left[r * cols + c] = li * y[r * cols + c] + lu * at(left, r - 1, c) + ll * at(left, r, c - 1);
                                }
                                int c2 = cols - 1 - (diag - r);
                                if (c2 >= 0 && c2 < cols) {
                                    right[r * cols + c2] = ri * y[r * cols + c2] + ru * at(right, r - 1, c2)
                                            + rr * at(right, r, c2 + 1);
                                }
                            }
                        }
                        double[] z = new double[rows * cols];
                        for (int r = 0; r < rows; r++) {
                            for (int c = 0; c < cols; c++) {
                                z[r * cols + c] = ml * left[r * cols + c] + mr * at(right, r - 1, c);
                            }
                        }
                        y = z;
                    }
                    return y;
                }
            }
        }
    }

    /** For every output pixel, the input pixels that move it: one image per input pixel. */
    static boolean[][] bruteForce(Architecture a, int rows, int cols, int k1, int layers) {
        int n = rows * cols;
        boolean[][] dep = new boolean[n][n];
        for (int j = 0; j < n; j++) {
            double[] x = new double[n];
            x[j] = 1;
            double[] y = new Linear(rows, cols, k1, 42).out(a, x, layers);
            for (int p = 0; p < n; p++) {
                dep[p][j] = y[p] != 0;
            }
        }
        return dep;
    }

    @Test
    void everyFieldIsWhatPerturbingALinearNetworkOfTheArchitectureShows() {
        for (Architecture a : Architecture.values()) {
            for (int[] g : new int[][] {{5, 7, 3}, {6, 6, 5}}) {
                ReceptiveFields rf = new ReceptiveFields(g[0], g[1], g[2]);
                for (int layers = 1; layers <= 4; layers++) {
                    boolean[][] dep = bruteForce(a, g[0], g[1], g[2], layers);
                    for (int p = 0; p < g[0] * g[1]; p++) {
                        assertArrayEquals(dep[p], rf.field(a, p, layers), a + " " + g[0] + "x" + g[1] + " k1 " + g[2]
                                + ", " + layers + " layers, pixel " + p);
                        for (int q = p; q < g[0] * g[1]; q++) {
                            assertFalse(dep[p][q], a + ": never the pixel itself or a later one");
                        }
                    }
                }
            }
        }
    }

    @Test
    void pixelCnnsFieldIsTheModelsOwn() {
        PixelCnn cnn = new PixelCnn(28, 28, 4, 8, PixelCnn.DEFAULT_FIRST_KERNEL, PixelCnn.DEFAULT_KERNEL, DataType.FLOAT, 1);
        ReceptiveFields rf = new ReceptiveFields(28, 28, PixelCnn.DEFAULT_FIRST_KERNEL);
        for (int pixel : new int[] {0, 27, 100, 406, 783}) {
            for (int depth = 1; depth <= cnn.depth(); depth++) {
                assertArrayEquals(cnn.receptiveField(pixel, depth), rf.field(Architecture.PIXELCNN, pixel, depth),
                        "pixel " + pixel + ", depth " + depth);
            }
        }
    }

    @Test
    void gatedSeesEveryEarlierPixelDiagonalAllButOnePixelCnnAndRowLstmMiss() {
        int side = 9;
        ReceptiveFields rf = new ReceptiveFields(side, side, 3);
        int pixel = 6 * side + 4;
        int deep = 9;
        boolean[] gated = rf.field(Architecture.GATED_PIXELCNN, pixel, deep);
        boolean[] diag = rf.field(Architecture.DIAGONAL_BILSTM, pixel, 2);
        boolean[] cnn = rf.field(Architecture.PIXELCNN, pixel, deep);
        boolean[] row = rf.field(Architecture.ROW_LSTM, pixel, 2);
        int cnnMissed = 0;
        int rowMissed = 0;
        for (int q = 0; q < pixel; q++) {
            assertTrue(gated[q], "the gated stack's field holds every earlier pixel: " + q);
            // one pixel escapes the diagonal BiLSTM on a one-channel image: the last of the row above, which no
            // feature of that row may read (itself excluded) and the mask-A convolution below does not reach
            assertEquals(q != 5 * side + side - 1, diag[q], "one diagonal BiLSTM layer holds every earlier pixel but one: " + q);
            cnnMissed += cnn[q] ? 0 : 1;
            rowMissed += row[q] ? 0 : 1;
        }
        // PixelCNN's blind spot: the pixel right above-right of the current one, within reach, never seen
        assertFalse(cnn[5 * side + 6], "the blind spot");
        assertTrue(cnnMissed > 0 && rowMissed > 0, cnnMissed + " and " + rowMissed);
        assertEquals(1, rf.sequentialStepsPerLayer(Architecture.PIXELCNN));
        assertEquals(1, rf.sequentialStepsPerLayer(Architecture.GATED_PIXELCNN));
        assertEquals(side, rf.sequentialStepsPerLayer(Architecture.ROW_LSTM));
        assertEquals(2 * side - 1, rf.sequentialStepsPerLayer(Architecture.DIAGONAL_BILSTM));
    }
}
