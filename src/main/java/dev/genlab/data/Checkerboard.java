package dev.genlab.data;

import java.util.random.RandomGenerator;

/**
 * The uniform distribution on the dark squares of an n × n checkerboard over [−h, h]².
 *
 * <p>Squares have side s = 2h/n; square (i, j) (column i, row j from the lower left) is on the
 * support when i + j is even, which makes m = ⌈n²/2⌉ squares. Exactly:
 * <pre>
 *   p(x) = 1 / (m s²) on the support, 0 elsewhere;   log 0 = −∞;   H = log(m s²).
 * </pre>
 * The density jumps, so no smooth model fits it exactly: a good test of flows and GANs.
 */
public final class Checkerboard extends AbstractToyDistribution {

    private final int n;
    private final double half;
    private final double side;
    private final int[] cells;
    private final double logP;

    /** A 4 × 4 board over [−2, 2]². */
    public Checkerboard() {
        this(4, 2);
    }

    public Checkerboard(int n, double half) {
        if (n < 1) {
            throw new IllegalArgumentException("board must have at least one square per side, got " + n);
        }
        this.n = n;
        this.half = requirePositive("half width", half);
        this.side = 2 * half / n;
        int m = (n * n + 1) / 2;
        cells = new int[m];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if ((i + j) % 2 == 0) {
                    cells[k++] = j * n + i;
                }
            }
        }
        logP = -Math.log(m * side * side);
    }

    public int squaresPerSide() {
        return n;
    }

    public double halfWidth() {
        return half;
    }

    @Override
    public String id() {
        return "checkerboard";
    }

    @Override
    public double logDensity(double x, double y) {
        if (!(x >= -half && x <= half && y >= -half && y <= half)) {
            return Double.NEGATIVE_INFINITY;
        }
        int i = Math.min(n - 1, (int) Math.floor((x + half) / side));
        int j = Math.min(n - 1, (int) Math.floor((y + half) / side));
        return (i + j) % 2 == 0 ? logP : Double.NEGATIVE_INFINITY;
    }

    @Override
    public void sample(int count, RandomGenerator rng, double[] xsOut, double[] ysOut) {
        requireCapacity(count, xsOut, ysOut);
        for (int k = 0; k < count; k++) {
            int cell = cells[rng.nextInt(cells.length)];
            xsOut[k] = -half + (cell % n + rng.nextDouble()) * side;
            ysOut[k] = -half + (cell / n + rng.nextDouble()) * side;
        }
    }

    /** H = log(m s²) in closed form, for every board (the quadrature, which the test compares, is exact too). */
    @Override
    public double entropy() {
        return -logP;
    }

    /** The support fills the bounds exactly; an aligned grid then integrates without error. */
    @Override
    double[] entropyBox() {
        return bounds();
    }

    @Override
    public double[] bounds() {
        return new double[] {-half, half, -half, half};
    }
}
