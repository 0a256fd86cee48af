package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hand-written back-propagation of the mean NLL against central finite differences, in double precision. */
class FlowGradientTest {

    private static final double H = 1e-6;

    @Test
    void parameterGradientsOfEveryLayerMatchFiniteDifferences() {
        for (Base2D base : Base2D.values()) {
            Flow f = FlowTestLayers.mixed8();
            f.setBase(base);
            check(f, base + " mixed stack");
        }
        check(FlowTestLayers.couplings8(org.nd4j.linalg.api.buffer.DataType.DOUBLE), "eight couplings");
        check(FlowTestLayers.nice8(org.nd4j.linalg.api.buffer.DataType.DOUBLE), "NICE: eight additive couplings and ActNorm");
        Flow withActNorm = FlowTestLayers.couplings8(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        withActNorm.insert(4, new ActNorm(0.3, -0.2, 0.5, 0.1));
        check(withActNorm, "couplings with an ActNorm between them");
    }

    private static void check(Flow f, String what) {
        SplittableRandom r = new SplittableRandom(4);
        int n = 64;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = 1.5 * r.nextGaussian();
            ys[i] = 1.5 * r.nextGaussian();
        }
        double nll = f.backprop(xs, ys, n);
        assertEquals(f.nll(xs, ys), nll, 1e-10, what + ": backprop's NLL");
        double[][] analytic = new double[f.size()][];
        for (int k = 0; k < f.size(); k++) {
            analytic[k] = f.layer(k).gradients();
        }
        for (int k = 0; k < f.size(); k++) {
            FlowLayer l = f.layer(k);
            double[] p = l.params();
            int checks = Math.min(p.length, 24);
            for (int c = 0; c < checks; c++) {
                int i = p.length <= 24 ? c : r.nextInt(p.length);
                double[] q = p.clone();
                q[i] = p[i] + H;
                l.setParams(q);
                double plus = f.nll(xs, ys);
                q[i] = p[i] - H;
                l.setParams(q);
                double minus = f.nll(xs, ys);
                l.setParams(p);
                double fd = (plus - minus) / (2 * H);
                double a = analytic[k][i];
                assertEquals(fd, a, 1e-6 + 1e-5 * Math.abs(fd), what + ": layer " + k + " (" + l.name() + ") parameter " + i);
            }
        }
    }

    /** The base score ∇ log p_z that starts the backward pass, and the CDF/quantile pair for QQ plots. */
    @Test
    void baseScoreIsTheDerivativeOfItsLogDensity() {
        for (Base2D b : Base2D.values()) {
            for (double u : new double[] {-2.3, -0.1, 0.7, 3.1}) {
                double fd = (b.logDensity(u + H, 0.4) - b.logDensity(u - H, 0.4)) / (2 * H);
                assertEquals(fd, b.dLog(u), 1e-7, b.toString());
                double q = b.marginalCdf(u);
                assertEquals(u, b.marginalQuantile(q), 1e-5, b + " quantile");
                double fdCdf = (b.marginalCdf(u + 1e-4) - b.marginalCdf(u - 1e-4)) / 2e-4;
                double pdf = Math.exp(b.logDensity(u, 0) - b.logDensity(0, 0)) * Math.exp(b.logDensity(0, 0))
                        / marginalAtZero(b);
                assertEquals(pdf, fdCdf, 1e-6, b + " CDF derivative");
            }
            assertTrue(Math.abs(b.marginalQuantile(0.5)) < 1e-6, "median of the erfc fit");
        }
    }

    /** p(0) of one marginal: the joint at (u, 0) is p(u)·p(0). */
    private static double marginalAtZero(Base2D b) {
        return Math.exp(0.5 * b.logDensity(0, 0));
    }
}
