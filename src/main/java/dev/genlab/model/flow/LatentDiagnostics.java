package dev.genlab.model.flow;

import java.util.Arrays;

/**
 * Checks that the data's latent codes z = f⁻¹(x) look like the base: a QQ plot of each coordinate
 * against the base marginal (points on the diagonal when the fit is good) and a histogram to set
 * beside the base marginal density.
 */
public final class LatentDiagnostics {

    private LatentDiagnostics() {
    }

    /**
     * {theoretical, empirical}: the sorted values against the base quantiles at the plotting
     * positions (i + ½)/n (Hazen's rule).
     */
    public static double[][] qq(double[] values, Base2D base) {
        double[] s = values.clone();
        Arrays.sort(s);
        double[] q = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            q[i] = base.marginalQuantile((i + 0.5) / s.length);
        }
        return new double[][] {q, s};
    }

    /** A density-normalised histogram (∑ height · width = fraction inside [lo, hi]). */
    public static double[] histogram(double[] values, double lo, double hi, int bins) {
        double[] h = new double[bins];
        double w = (hi - lo) / bins;
        for (double v : values) {
            int k = (int) Math.floor((v - lo) / w);
            if (k >= 0 && k < bins) {
                h[k]++;
            }
        }
        for (int k = 0; k < bins; k++) {
            h[k] /= values.length * w;
        }
        return h;
    }

    /** The base's marginal density at u (to overlay on the histogram). */
    public static double marginalDensity(Base2D base, double u) {
        return Math.exp(base.logDensity(u, 0) - 0.5 * base.logDensity(0, 0));
    }
}
