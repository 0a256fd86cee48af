package dev.genlab.model.discrete;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each pixel conditioned on a causal 2-D neighbourhood in raster order, the counting version of
 * PixelCNN's masked convolution (van den Oord et al. 2016, "Pixel Recurrent Neural Networks"):
 * <pre>
 *   p(x) = Π_{(r,c)} p(x_{r,c} | x_{N(r,c)}),   p(x_{r,c} = 1 | v) = (N¹_{r,c,v} + α) / (N_{r,c,v} + 2α),
 * </pre>
 * where N(r, c) holds those of the first m offsets (Δrow, Δcol) of the stencil
 * <pre>
 *   (0,−1) (−1,0) (−1,−1) (−1,1) | (0,−2) (−2,0) (−1,−2) (−1,2) (−2,−1) (−2,1) (−2,−2) (−2,2)
 * </pre>
 * (all above, or left on the same row, so already generated) that fall inside the image. Offsets outside the image are constantly 0 and
 * carry no parameters, so the model has Σ_{(r,c)} 2^{|N(r,c)|} free parameters. m = 4 is the radius-1
 * mask (left, up-left, up, up-right), m = 12 the radius-2 one.
 */
public final class NeighbourhoodModel extends ConditionalTableModel {

    /** Causal offsets (Δrow, Δcol), nearest first: radius 1 is the first 4, radius 2 all 12. */
    private static final int[][] STENCIL = {
        {0, -1}, {-1, 0}, {-1, -1}, {-1, 1},
        {0, -2}, {-2, 0}, {-1, -2}, {-1, 2}, {-2, -1}, {-2, 1}, {-2, -2}, {-2, 2},
    };

    /** Bits of the sliding 12-bit window: two to the left, five on each of the two rows above. */
    private static final int WINDOW = 1 << 12;

    private final int m;
    private final int rows;
    private final int cols;
    /**
     * Per pixel j, the start of its lookup table in {@link #tables}: window bits → 2 · context index.
     * Pixels with the same in-image neighbours share a table (at most 15 kinds: first rows, edge
     * columns, interior).
     */
    private final int[] tableOf;
    private final int[] tables;
    /** 2·offset[j]. */
    private final int[] slots;
    /** Scratch for {@link #contexts}; the model, like its tables, is for one thread. */
    private final byte[] canvas;

    /** The largest neighbourhood size m. */
    public static final int MAX_M = 12;

    /** @param m how many stencil offsets form the neighbourhood, 0 … {@link #MAX_M} */
    public NeighbourhoodModel(int rows, int cols, int m, double alpha) {
        super(PixelOrdering.raster(rows, cols), neighbours(rows, cols, m), alpha);
        this.m = m;
        this.rows = rows;
        this.cols = cols;
        canvas = new byte[(rows + 2) * (cols + 2)];
        int n = rows * cols;
        tableOf = new int[n];
        Map<String, Integer> kinds = new HashMap<>();
        List<int[]> built = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            int[] bitOfWindow = windowBits(j);
            String key = Arrays.toString(bitOfWindow);
            Integer kind = kinds.get(key);
            if (kind == null) {
                kind = built.size();
                kinds.put(key, kind);
                int[] table = new int[WINDOW];
                for (int w = 0; w < WINDOW; w++) {
                    for (int b = 0; b < bitOfWindow.length; b++) {
                        table[w] |= ((w >>> bitOfWindow[b]) & 1) << (b + 1);
                    }
                }
                built.add(table);
            }
            tableOf[j] = kind * WINDOW;
        }
        slots = new int[n];
        for (int j = 0; j < n; j++) {
            slots[j] = 2 * offset[j];
        }
        tables = new int[built.size() * WINDOW];
        for (int k = 0; k < built.size(); k++) {
            System.arraycopy(built.get(k), 0, tables, k * WINDOW, WINDOW);
        }
    }

    /** For each context bit b of pixel j, the window bit holding that neighbour (see {@link #contexts}). */
    private int[] windowBits(int j) {
        int[] nb = context(j);
        int[] bits = new int[nb.length];
        for (int b = 0; b < nb.length; b++) {
            int dr = nb[b] / cols - j / cols;
            int dc = nb[b] % cols - j % cols;
            bits[b] = dr == 0 ? -dc - 1 : (dr == -1 ? 2 : 7) + 2 - dc;
        }
        return bits;
    }

    /**
     * Slides a window over the image: bits 0–1 hold x(r, c−1), x(r, c−2); bits 2–6 x(r−1, c+2 … c−2);
     * bits 7–11 x(r−2, c+2 … c−2), cells outside the image 0. A per-pixel table turns the window into
     * the context index, so each pixel costs three reads whatever m is. The image is copied onto a
     * canvas with two blank rows above and two blank columns after each row; read as one long
     * row, the blank columns also pad the left edge, so a single loop with no bounds tests slides
     * across all rows.
     */
    @Override
    void contexts(byte[] image, int[] out) {
        int width = cols + 2;
        byte[] canvas = this.canvas;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(image, r * cols, canvas, (r + 2) * width, cols);
        }
        int w0 = 0;
        int w1 = 0;
        int w2 = 0;
        int j = 0;
        int c = 0;
        for (int q = 2 * width; q < canvas.length; q++) {
            w1 = ((w1 << 1) | canvas[q - width + 2]) & 31;
            w2 = ((w2 << 1) | canvas[q - 2 * width + 2]) & 31;
            if (c < cols) {
                out[j] = slots[j] + tables[tableOf[j] + (w0 | w1 << 2 | w2 << 7)];
                j++;
            }
            w0 = ((w0 << 1) | canvas[q]) & 3;
            c = c == width - 1 ? 0 : c + 1;
        }
    }

    /** The full square causal neighbourhood of radius r: r = 0, 1, 2 give m = 0, 4, 12. */
    public static NeighbourhoodModel ofRadius(int rows, int cols, int r, double alpha) {
        return new NeighbourhoodModel(rows, cols, stencilSizeOfRadius(r), alpha);
    }

    /** m of the causal square of radius r (2r² + 2r offsets); only r ≤ 2 fits the stencil. */
    public static int stencilSizeOfRadius(int r) {
        if (r < 0 || r > 2) {
            throw new IllegalArgumentException("neighbourhood radius must be 0, 1 or 2, got " + r
                    + " (radius 3 would need 2^24 conditionals per pixel)");
        }
        return 2 * r * r + 2 * r;
    }

    /** Per pixel (row-major), the in-image neighbours among the first m stencil offsets. */
    static int[][] neighbours(int rows, int cols, int m) {
        if (m < 0 || m > STENCIL.length) {
            throw new IllegalArgumentException("neighbourhood size m must be in 0.." + STENCIL.length + ", got " + m);
        }
        int[][] out = new int[rows * cols][];
        int[] buf = new int[m];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int len = 0;
                for (int s = 0; s < m; s++) {
                    int rr = r + STENCIL[s][0];
                    int cc = c + STENCIL[s][1];
                    if (rr >= 0 && cc >= 0 && cc < cols) {
                        buf[len++] = rr * cols + cc;
                    }
                }
                out[r * cols + c] = Arrays.copyOf(buf, len);
            }
        }
        return out;
    }

    @Override
    public String id() {
        return "neighbourhood-" + m;
    }

    public int m() {
        return m;
    }
}
