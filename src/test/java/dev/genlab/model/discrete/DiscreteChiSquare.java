package dev.genlab.model.discrete;

/**
 * Pearson's chi-square test of observed counts against the probabilities of a discrete
 * distribution, for the sampling tests of every model of binary images.
 */
public final class DiscreteChiSquare {

    /** The standard normal quantile of 1 − 10⁻⁶. */
    static final double Z_1E6 = 4.753424;

    private DiscreteChiSquare() {
    }

    /**
     * The statistic and its 1 − 10⁻⁶ quantile for n draws; bins expecting fewer than 5 are pooled
     * into one. The quantile is Wilson &amp; Hilferty's (1931) χ²_q ≈ k (1 − 2/(9k) + z √(2/(9k)))³.
     *
     * @return {statistic, the quantile to reject above}
     */
    public static double[] test(long[] observed, double[] p, long n) {
        double stat = 0;
        int bins = 0;
        double restE = 0;
        long restO = 0;
        for (int x = 0; x < p.length; x++) {
            double e = n * p[x];
            if (e >= 5) {
                stat += (observed[x] - e) * (observed[x] - e) / e;
                bins++;
            } else {
                restE += e;
                restO += observed[x];
            }
        }
        if (restE > 0) {
            stat += (restO - restE) * (restO - restE) / restE;
            bins++;
        } else if (restO > 0) {
            stat = Double.POSITIVE_INFINITY;
        }
        int df = bins - 1;
        double a = 2.0 / (9 * df);
        double c = 1 - a + Z_1E6 * Math.sqrt(a);
        return new double[] {stat, df * c * c * c};
    }
}
