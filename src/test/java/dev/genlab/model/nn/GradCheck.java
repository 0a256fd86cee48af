package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Central finite differences in double precision, the independent truth for every gradient. */
final class GradCheck {

    private static final double H = 1e-6;
    static final double TOLERANCE = 1e-6;

    private GradCheck() {
    }

    /** dL/dx by (L(x + h eᵢ) − L(x − h eᵢ)) / 2h, perturbing x in place (and restoring it). */
    static double[] numeric(INDArray x, DoubleSupplier loss) {
        double[] g = new double[(int) x.length()];
        for (int i = 0; i < g.length; i++) {
            long[] at = rowMajorIndex(x, i);
            double old = x.getDouble(at);
            x.putScalar(at, old + H);
            double plus = loss.getAsDouble();
            x.putScalar(at, old - H);
            double minus = loss.getAsDouble();
            x.putScalar(at, old);
            g[i] = (plus - minus) / (2 * H);
        }
        return g;
    }

    /** The analytic gradient in the same linear index order as {@link #numeric}. */
    static double[] flat(INDArray a) {
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(rowMajorIndex(a, i));
        }
        return v;
    }

    // INDArray.getDouble(i) follows the array's own order, so 'c' and 'f' arrays would disagree
    private static long[] rowMajorIndex(INDArray a, int i) {
        return a.rank() == 1 ? new long[] {i} : new long[] {i / a.columns(), i % a.columns()};
    }

    /** ‖a − n‖ / (‖a‖ + ‖n‖) must stay below {@link #TOLERANCE}. */
    static void assertClose(String what, INDArray analytic, double[] numeric) {
        double[] a = flat(analytic);
        double diff = 0;
        double sa = 0;
        double sn = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - numeric[i]) * (a[i] - numeric[i]);
            sa += a[i] * a[i];
            sn += numeric[i] * numeric[i];
        }
        assertTrue(sa > 0, what + ": analytic gradient is all zero");
        double rel = Math.sqrt(diff) / (Math.sqrt(sa) + Math.sqrt(sn));
        assertTrue(rel < TOLERANCE, what + ": relative error " + rel);
    }

    /** A DOUBLE rows × cols array of uniform values in [lo, hi). */
    static INDArray uniform(SplittableRandom r, int rows, int cols, double lo, double hi) {
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = lo + (hi - lo) * r.nextDouble();
            }
        }
        return Nd4j.createFromArray(v);
    }

    /** Σ y ⊙ r: a scalar whose gradient with respect to y is r. */
    static double dot(INDArray y, INDArray r) {
        return y.castTo(DataType.DOUBLE).mul(r).sumNumber().doubleValue();
    }
}
