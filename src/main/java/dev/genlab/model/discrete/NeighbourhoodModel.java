package dev.genlab.model.discrete;

/**
 * Each pixel conditioned on a causal 2-D neighbourhood in raster order, the counting version of
 * PixelCNN's masked convolution (van den Oord et al. 2016, "Pixel Recurrent Neural Networks"):
 * <pre>
 *   p(x) = Π_{(r,c)} p(x_{r,c} | x_{N(r,c)}),   p(x_{r,c} = 1 | v) = (N¹_{r,c,v} + α) / (N_{r,c,v} + 2α),
 * </pre>
 * where N(r, c) holds the first m offsets of {@link #STENCIL} (all above, or left on the same row,
 * so already generated) that fall inside the image. Offsets outside the image are constantly 0 and
 * carry no parameters, so the model has Σ_{(r,c)} 2^{|N(r,c)|} free parameters. m = 4 is the radius-1
 * mask (left, up-left, up, up-right), m = 12 the radius-2 one.
 */
public final class NeighbourhoodModel extends ConditionalTableModel {

    /** Causal offsets (Δrow, Δcol), nearest first: radius 1 is the first 4, radius 2 all 12. */
    public static final int[][] STENCIL = {
        {0, -1}, {-1, 0}, {-1, -1}, {-1, 1},
        {0, -2}, {-2, 0}, {-1, -2}, {-1, 2}, {-2, -1}, {-2, 1}, {-2, -2}, {-2, 2},
    };

    private final int m;

    /** @param m how many stencil offsets form the neighbourhood, 0 … 12 */
    public NeighbourhoodModel(int rows, int cols, int m, double alpha) {
        super(PixelOrdering.raster(rows, cols), neighbours(rows, cols, m), alpha);
        this.m = m;
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
                out[r * cols + c] = java.util.Arrays.copyOf(buf, len);
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
