package dev.genlab.model.discrete;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The order in which an autoregressive model visits the pixels of a rows × cols image:
 * {@code order()[t]} is the row-major index r·cols + c of the pixel generated at step t, so that
 * <pre>
 *   p(x) = Π_t p(x_{order[t]} | x_{order[0]}, …, x_{order[t−1]}).
 * </pre>
 * Immutable; the order is checked to be a permutation of 0 … n−1.
 */
public record PixelOrdering(String id, int rows, int cols, int[] order) {

    /** The ids {@link #byId} knows. */
    public static final List<String> IDS = List.of("raster", "column", "snake", "hilbert", "random");

    public PixelOrdering {
        Objects.requireNonNull(id, "id");
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + rows + "x" + cols);
        }
        int n = rows * cols;
        if (order.length != n) {
            throw new IllegalArgumentException("an ordering of " + rows + "x" + cols + " pixels needs " + n
                    + " entries, got " + order.length);
        }
        order = order.clone();
        boolean[] seen = new boolean[n];
        for (int p : order) {
            if (p < 0 || p >= n || seen[p]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (n - 1) + ": " + p);
            }
            seen[p] = true;
        }
    }

    /** Row after row, left to right. */
    public static PixelOrdering raster(int rows, int cols) {
        int[] o = new int[rows * cols];
        for (int t = 0; t < o.length; t++) {
            o[t] = t;
        }
        return new PixelOrdering("raster", rows, cols, o);
    }

    /** Column after column, top to bottom. */
    public static PixelOrdering column(int rows, int cols) {
        int[] o = new int[rows * cols];
        int t = 0;
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                o[t++] = r * cols + c;
            }
        }
        return new PixelOrdering("column", rows, cols, o);
    }

    /** Row after row, alternately left to right and right to left (boustrophedon). */
    public static PixelOrdering snake(int rows, int cols) {
        int[] o = new int[rows * cols];
        int t = 0;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                o[t++] = r * cols + (r % 2 == 0 ? k : cols - 1 - k);
            }
        }
        return new PixelOrdering("snake", rows, cols, o);
    }

    /**
     * The Hilbert curve on the smallest 2^k × 2^k square holding the image, skipping cells outside
     * it; for a power-of-two square image consecutive pixels are 4-neighbours.
     */
    public static PixelOrdering hilbert(int rows, int cols) {
        int side = 1;
        while (side < Math.max(rows, cols)) {
            side *= 2;
        }
        int[] o = new int[rows * cols];
        int t = 0;
        for (int d = 0; d < side * side; d++) {
            int[] xy = hilbertCell(side, d);
            if (xy[1] < rows && xy[0] < cols) {
                o[t++] = xy[1] * cols + xy[0];
            }
        }
        return new PixelOrdering("hilbert", rows, cols, o);
    }

    /** Cell (x, y) at distance d along the Hilbert curve of a side × side square (side = 2^k). */
    static int[] hilbertCell(int side, int d) {
        int x = 0;
        int y = 0;
        for (int s = 1; s < side; s *= 2) {
            int rx = 1 & (d / 2);
            int ry = 1 & (d ^ rx);
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                int tmp = x;
                x = y;
                y = tmp;
            }
            x += s * rx;
            y += s * ry;
            d /= 4;
        }
        return new int[] {x, y};
    }

    /** A uniformly random permutation (Fisher–Yates driven by {@code SplittableRandom(seed)}). */
    public static PixelOrdering random(int rows, int cols, long seed) {
        int[] o = raster(rows, cols).order;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = o.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = o[i];
            o[i] = o[j];
            o[j] = tmp;
        }
        return new PixelOrdering("random", rows, cols, o);
    }

    /** One of {@link #IDS}; the seed matters only for "random". */
    public static PixelOrdering byId(String id, int rows, int cols, long seed) {
        return switch (id) {
            case "raster" -> raster(rows, cols);
            case "column" -> column(rows, cols);
            case "snake" -> snake(rows, cols);
            case "hilbert" -> hilbert(rows, cols);
            case "random" -> random(rows, cols, seed);
            default -> throw new IllegalArgumentException("unknown pixel ordering '" + id + "'; known: "
                    + String.join(", ", IDS));
        };
    }

    /** n = rows × cols. */
    public int pixels() {
        return rows * cols;
    }

    /** A copy of the order. */
    @Override
    public int[] order() {
        return order.clone();
    }

    /** The inverse permutation: position()[pixel] is the step at which the pixel is visited. */
    public int[] position() {
        int[] pos = new int[order.length];
        for (int t = 0; t < order.length; t++) {
            pos[order[t]] = t;
        }
        return pos;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelOrdering p && p.id.equals(id) && p.rows == rows && p.cols == cols
                && Arrays.equals(p.order, order);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, rows, cols, Arrays.hashCode(order));
    }

    @Override
    public String toString() {
        return "PixelOrdering[" + id + ", " + rows + "x" + cols + "]";
    }
}
