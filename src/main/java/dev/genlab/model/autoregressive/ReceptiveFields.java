package dev.genlab.model.autoregressive;

import java.util.BitSet;
import java.util.Objects;

/**
 * Receptive fields of four autoregressive image architectures, computed from their layer definitions
 * by propagating dependency sets (which input pixels each feature can depend on) layer by layer, on a
 * rows × cols grid, pixels row-major. Every architecture starts, as in van den Oord et al. 2016 ("Pixel
 * Recurrent Neural Networks", "Conditional Image Generation with PixelCNN Decoders"), with a k₁ × k₁
 * convolution under mask A (rows above, and the pixels left of the centre in its row):
 * <ul>
 *   <li>{@link Architecture#PIXELCNN}: then 3 × 3 convolutions under mask B (the centre too); a wedge
 *       of earlier pixels up and right is never reached, the blind spot.</li>
 *   <li>{@link Architecture#GATED_PIXELCNN}: a vertical stack V (a (k/2 + 1) × k kernel over the rows
 *       above and its own row) and a horizontal stack H (a 1 × (k/2 + 1) kernel over its row to the
 *       left); H at row r reads V at row r − 1 (V shifted down a row), so nothing later leaks in and
 *       the blind spot is gone. The first layer uses k₁, the others 3.</li>
 *   <li>{@link Architecture#ROW_LSTM}: after the first convolution, LSTM layers that run over the rows
 *       one after another; a state reads the previous row's states at c − 1, c, c + 1 and the layer
 *       below at c − 1, c (a masked 3 × 1 convolution): a triangle above the pixel.</li>
 *   <li>{@link Architecture#DIAGONAL_BILSTM}: after the first convolution, layers of two diagonal LSTMs,
 *       one reading the states above and to the left, the other above and to the right, that one
 *       shifted down a row: every earlier pixel in raster order from one layer on, but one: on a one-channel
 *       image the last pixel of the row above is read by no feature of that row (each excludes its own pixel)
 *       and the mask-A convolution of the row below reaches only k₁/2 columns to the right of its own.</li>
 * </ul>
 * Only the connectivity is modelled (which inputs a feature can depend on), not the gates: a gate
 * multiplies, it adds no new input to a path. Plain Java; a field of 28 × 28 pixels at depth 9 takes a few
 * milliseconds.
 */
public final class ReceptiveFields {

    /** The architectures of the field figure. */
    public enum Architecture {
        PIXELCNN("pixelcnn"), GATED_PIXELCNN("gated"), ROW_LSTM("rowlstm"), DIAGONAL_BILSTM("diagonal");

        private final String id;

        Architecture(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Architecture byId(String id) {
            for (Architecture a : values()) {
                if (a.id.equals(id)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("no architecture '" + id + "'");
        }
    }

    private final int rows;
    private final int cols;
    private final int firstKernel;

    /** @param firstKernel k₁, odd, of the first (mask A) layer; the later convolutions are 3 wide */
    public ReceptiveFields(int rows, int cols, int firstKernel) {
        if (rows < 1 || cols < 1 || firstKernel < 1 || firstKernel % 2 == 0) {
            throw new IllegalArgumentException("a grid of at least 1 x 1 and an odd first kernel, got " + rows + "x"
                    + cols + ", k = " + firstKernel);
        }
        this.rows = rows;
        this.cols = cols;
        this.firstKernel = firstKernel;
    }

    /**
     * The input pixels the conditional of {@code pixel} can depend on through {@code layers} layers: for
     * the PixelCNNs, layers convolutions (the first one included); for the LSTMs, the first convolution
     * and max(1, layers − 1) recurrent layers.
     */
    public boolean[] field(Architecture a, int pixel, int layers) {
        Objects.checkIndex(pixel, rows * cols);
        if (layers < 1) {
            throw new IllegalArgumentException("at least one layer, got " + layers);
        }
        BitSet[] f = switch (a) {
            case PIXELCNN -> pixelCnn(layers);
            case GATED_PIXELCNN -> gated(layers);
            case ROW_LSTM -> rowLstm(layers);
            case DIAGONAL_BILSTM -> diagonal(layers);
        };
        boolean[] out = new boolean[rows * cols];
        f[pixel].stream().forEach(j -> out[j] = true);
        return out;
    }

    /**
     * Steps one after another that a layer of this architecture takes over one image when every input
     * pixel is known (training, or scoring an image): 1 for the convolutions (every position at once),
     * the rows for a Row LSTM, the rows + cols − 1 diagonals for a Diagonal BiLSTM.
     */
    public int sequentialStepsPerLayer(Architecture a) {
        return switch (a) {
            case PIXELCNN, GATED_PIXELCNN -> 1;
            case ROW_LSTM -> rows;
            case DIAGONAL_BILSTM -> rows + cols - 1;
        };
    }

    private BitSet[] empty() {
        BitSet[] s = new BitSet[rows * cols];
        for (int q = 0; q < s.length; q++) {
            s[q] = new BitSet(rows * cols);
        }
        return s;
    }

    private boolean inside(int r, int c) {
        return r >= 0 && r < rows && c >= 0 && c < cols;
    }

    /** The k × k mask-A convolution of the input: rows above within k/2, and the pixels left of the centre. */
    private BitSet[] maskA(int k) {
        BitSet[] f = empty();
        int h = k / 2;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int dr = -h; dr <= 0; dr++) {
                    for (int dc = -h; dc <= h; dc++) {
                        if ((dr < 0 || dc < 0) && inside(r + dr, c + dc)) {
                            f[r * cols + c].set((r + dr) * cols + c + dc);
                        }
                    }
                }
            }
        }
        return f;
    }

    /** Union over the taps (dr, dc) of the features below. */
    private BitSet[] conv(BitSet[] below, int[][] taps) {
        BitSet[] f = empty();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int[] t : taps) {
                    if (inside(r + t[0], c + t[1])) {
                        f[r * cols + c].or(below[(r + t[0]) * cols + c + t[1]]);
                    }
                }
            }
        }
        return f;
    }

    /** 3 × 3 mask B: the row above and the centre and its left. */
    static final int[][] MASK_B = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 0}};

    private BitSet[] pixelCnn(int layers) {
        BitSet[] f = maskA(firstKernel);
        for (int l = 1; l < layers; l++) {
            f = conv(f, MASK_B);
        }
        return f;
    }

    private BitSet[] gated(int layers) {
        int h = firstKernel / 2;
        BitSet[] v = empty();
        BitSet[] hs = empty();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                for (int dr = -h; dr <= 0; dr++) {
                    for (int dc = -h; dc <= h; dc++) {
                        if (inside(r + dr, c + dc)) {
                            v[r * cols + c].set((r + dr) * cols + c + dc);
                        }
                    }
                }
                for (int dc = -h; dc < 0; dc++) {
                    if (inside(r, c + dc)) {
                        hs[r * cols + c].set(r * cols + c + dc);
                    }
                }
            }
        }
        hs = withVerticalAbove(hs, v);
        int[][] vTaps = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 0}, {0, 1}};
        int[][] hTaps = {{0, -1}, {0, 0}};
        for (int l = 1; l < layers; l++) {
            v = conv(v, vTaps);
            hs = withVerticalAbove(conv(hs, hTaps), v);
        }
        return hs;
    }

    /** H(r, c) ∪ V(r − 1, c): the vertical stack shifted down a row into the horizontal one. */
    private BitSet[] withVerticalAbove(BitSet[] hs, BitSet[] v) {
        for (int r = 1; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                hs[r * cols + c].or(v[(r - 1) * cols + c]);
            }
        }
        return hs;
    }

    private BitSet[] rowLstm(int layers) {
        BitSet[] f = maskA(firstKernel);
        for (int l = 0; l < Math.max(1, layers - 1); l++) {
            BitSet[] s = conv(f, new int[][] {{0, -1}, {0, 0}});
            // row after row: the states of row r read row r − 1's at c − 1, c, c + 1
            for (int r = 1; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        if (inside(r - 1, c + dc)) {
                            s[r * cols + c].or(s[(r - 1) * cols + c + dc]);
                        }
                    }
                }
            }
            f = s;
        }
        return f;
    }

    private BitSet[] diagonal(int layers) {
        BitSet[] f = maskA(firstKernel);
        for (int l = 0; l < Math.max(1, layers - 1); l++) {
            BitSet[] left = empty();
            BitSet[] right = empty();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    BitSet s = left[r * cols + c];
                    s.or(f[r * cols + c]);
                    if (r > 0) {
                        s.or(left[(r - 1) * cols + c]);
                    }
                    if (c > 0) {
                        s.or(left[r * cols + c - 1]);
                    }
                }
                for (int c = cols - 1; c >= 0; c--) {
                    BitSet s = right[r * cols + c];
                    s.or(f[r * cols + c]);
                    if (r > 0) {
                        s.or(right[(r - 1) * cols + c]);
                    }
                    if (c < cols - 1) {
                        s.or(right[r * cols + c + 1]);
                    }
                }
            }
            BitSet[] next = empty();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    next[r * cols + c].or(left[r * cols + c]);
                    if (r > 0) {
                        next[r * cols + c].or(right[(r - 1) * cols + c]);
                    }
                }
            }
            f = next;
        }
        return f;
    }
}
