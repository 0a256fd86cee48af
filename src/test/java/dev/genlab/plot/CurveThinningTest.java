package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** {@link CurvePlot#columnExtremes}: the thinned polyline keeps every device column's lowest and highest point. */
class CurveThinningTest {

    @Test
    void keepsEachColumnsExtremesInOrderAndTheEnds() {
        Random rnd = new Random(3);
        for (double scale : new double[] {1, 1.5, 2}) {
            int n = 1500;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = 40 + 300.0 * k / (n - 1);
                y[k] = 100 + 60 * rnd.nextGaussian();
            }
            // the truth, from the untouched copy: each column's lowest and highest y
            TreeMap<Long, double[]> truth = new TreeMap<>();
            for (int k = 0; k < n; k++) {
                double[] mm = truth.computeIfAbsent((long) Math.floor(x[k] * scale),
                        c -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                mm[0] = Math.min(mm[0], y[k]);
                mm[1] = Math.max(mm[1], y[k]);
            }
            double first = y[0];
            double last = y[n - 1];
            double[] px = x.clone();
            double[] py = y.clone();
            int m = CurvePlot.columnExtremes(px, py, n, scale);
            assertTrue(m <= 2 * truth.size() + 2 && m < n, "thinned to " + m + " of " + n + " for "
                    + truth.size() + " columns");
            assertEquals(first, py[0]);
            assertEquals(last, py[m - 1]);
            TreeMap<Long, double[]> seen = new TreeMap<>();
            for (int k = 0; k < m; k++) {
                if (k > 0) {
                    assertTrue(px[k] >= px[k - 1], "order kept");
                }
                double[] mm = seen.computeIfAbsent((long) Math.floor(px[k] * scale),
                        c -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                mm[0] = Math.min(mm[0], py[k]);
                mm[1] = Math.max(mm[1], py[k]);
            }
            assertEquals(truth.keySet(), seen.keySet(), "every column still drawn");
            for (Long c : truth.keySet()) {
                assertEquals(truth.get(c)[0], seen.get(c)[0], "lowest in column " + c);
                assertEquals(truth.get(c)[1], seen.get(c)[1], "highest in column " + c);
            }
        }
    }

    @Test
    void leavesShortUnorderedAndGappedCurvesAlone() {
        double[] x = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(10, CurvePlot.columnExtremes(x.clone(), y.clone(), 10, 100), "few points a column");
        double[] many = new double[100];
        double[] back = new double[100];
        for (int k = 0; k < 100; k++) {
            many[k] = k * 0.01;
            back[k] = 1 - k * 0.01;
        }
        double[] ys = new double[100];
        assertEquals(100, CurvePlot.columnExtremes(back, ys.clone(), 100, 1), "x descending");
        ys[50] = Double.NaN;
        assertEquals(100, CurvePlot.columnExtremes(many.clone(), ys.clone(), 100, 1), "a NaN gap");
        assertEquals(3, CurvePlot.columnExtremes(many.clone(), new double[100], 100, 1),
                "a flat run in one column: first, one point, last");
    }
}
