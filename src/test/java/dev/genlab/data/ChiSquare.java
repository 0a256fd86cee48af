package dev.genlab.data;

import dev.genlab.math.GridIntegral;

/**
 * Pearson's chi-square goodness-of-fit of 2-D samples against a density, over a grid of cells.
 *
 * <p>Cell probabilities are integrated from the density (midpoint rule, sub × sub points per
 * cell). Cells expecting fewer than 5 samples are pooled with everything outside the grid into
 * one bin, so every bin expects ≥ 5 (unless the whole remainder expects less).
 */
final class ChiSquare {

    /** Upper-tail normal quantile for p = 10⁻⁶. */
    static final double Z_1E6 = 4.753424;

    record Result(double statistic, int degreesOfFreedom, double critical) {
        boolean rejects() {
            return statistic > critical;
        }
    }

    private ChiSquare() {
    }

    static Result test(ToyDistribution p, double[] xs, double[] ys, int n, int grid, int sub) {
        double[] b = p.bounds();
        double cw = (b[1] - b[0]) / grid;
        double ch = (b[3] - b[2]) / grid;
        double[] expected = new double[grid * grid];
        for (int j = 0; j < grid; j++) {
            for (int i = 0; i < grid; i++) {
                double x0 = b[0] + i * cw;
                double y0 = b[2] + j * ch;
                expected[j * grid + i] = n * GridIntegral.mass(p::logDensity, x0, x0 + cw, y0, y0 + ch, sub);
            }
        }
        long[] observed = new long[grid * grid];
        long outside = 0;
        for (int k = 0; k < n; k++) {
            int i = (int) Math.floor((xs[k] - b[0]) / cw);
            int j = (int) Math.floor((ys[k] - b[2]) / ch);
            if (i < 0 || i >= grid || j < 0 || j >= grid) {
                outside++;
            } else {
                observed[j * grid + i]++;
            }
        }
        double inside = 0;
        for (double e : expected) {
            inside += e;
        }
        double restExpected = Math.max(0, n - inside);
        long restObserved = outside;
        double chi2 = 0;
        int bins = 0;
        for (int c = 0; c < expected.length; c++) {
            if (expected[c] >= 5) {
                double d = observed[c] - expected[c];
                chi2 += d * d / expected[c];
                bins++;
            } else {
                restExpected += expected[c];
                restObserved += observed[c];
            }
        }
        if (restExpected > 0) {
            double d = restObserved - restExpected;
            chi2 += d * d / restExpected;
            bins++;
        } else if (restObserved > 0) {
            chi2 = Double.POSITIVE_INFINITY;
        }
        int df = bins - 1;
        return new Result(chi2, df, wilsonHilferty(df, Z_1E6));
    }

    /** Chi-square quantile ≈ k (1 − 2/(9k) + z √(2/(9k)))³ (Wilson &amp; Hilferty 1931). */
    static double wilsonHilferty(int k, double z) {
        double a = 2.0 / (9 * k);
        double c = 1 - a + z * Math.sqrt(a);
        return k * c * c * c;
    }
}
