package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class LineChartPlotTest {

    private LineChartPlot chart;

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        chart = new LineChartPlot();
        stage.setScene(new Scene(new StackPane(chart), 500, 300));
        stage.show();
    }

    @Test
    void hundredThousandPointsRender() {
        Color green = Color.rgb(0, 158, 115);
        long ms = Fx.call(() -> {
            LineChartPlot.Series loss = chart.addSeries("loss", green);
            Random rnd = new Random(1);
            for (int i = 0; i < 100_000; i++) {
                loss.append(i, 2 + Math.exp(-i / 20_000.0) + 0.1 * rnd.nextGaussian());
            }
            chart.addReferenceLine(2, "H(p) floor", null);
            long t0 = System.nanoTime();
            chart.layout();
            return (System.nanoTime() - t0) / 1_000_000;
        });
        WritableImage img = Fx.call(() -> FigureExport.snapshot(chart, 1));
        PlotTransform t = Fx.call(chart::getTransform);
        // the band of noisy values around step 50,000 is painted in the series colour
        int column = (int) t.px(50_000);
        int hits = 0;
        for (int y = (int) t.top(); y < t.bottom(); y++) {
            if (Fx.distance(Fx.argb(img, column, y), 0xFF009E73) < 40) {
                hits++;
            }
        }
        assertTrue(hits >= 5, "series pixels in column " + column + ": " + hits);
        assertTrue(ms < 2000, "paint took " + ms + " ms");
    }

    @Test
    void logYSpacesDecadesEvenly() {
        Fx.run(() -> {
            chart.setLogY(true);
            LineChartPlot.Series s = chart.addSeries("kl");
            for (int i = 0; i <= 100; i++) {
                s.append(i, Math.pow(10, -3 + 5 * i / 100.0));
            }
            chart.layout();
        });
        PlotTransform t = Fx.call(chart::getTransform);
        double decade = t.py(1e-2) - t.py(1e-1);
        assertTrue(decade > 10, "a decade is " + decade + " px");
        assertEquals(decade, t.py(1) - t.py(10), 1e-9);
        assertEquals(decade, t.py(1e-3) - t.py(1e-2), 1e-9);
        double halfDecade = Math.sqrt(1e-3 * 1e-2);
        assertEquals(decade / 2, t.py(1e-3) - t.py(halfDecade), 1e-9);
    }

    @Test
    void decimationKeepsTheMinimumAndMaximumOfEveryPixelColumn() {
        // given 20,000 noisy points across a 200 px wide plot: about 100 per column
        int n = 20_000;
        double[] x = new double[n];
        double[] y = new double[n];
        Random rnd = new Random(7);
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = rnd.nextGaussian();
        }
        PlotTransform t = PlotTransform.of(new Extent(0, n - 1, -5, 5), 10, 10, 200, 100, false);
        double[] ox = new double[4 * (200 + 3)];
        double[] oy = new double[ox.length];
        // when decimated
        int m = LineChartPlot.decimate(x, y, n, t, ox, oy);
        // then at most four points per column remain, and every column's extremes are among them
        assertTrue(m <= 4 * 201 && m >= 2 * 200, "kept " + m);
        int k = 0;
        while (k < n) {
            long col = (long) Math.floor(t.px(x[k]));
            int min = k, max = k;
            for (k++; k < n && (long) Math.floor(t.px(x[k])) == col; k++) {
                min = y[k] < y[min] ? k : min;
                max = y[k] > y[max] ? k : max;
            }
            assertTrue(contains(ox, oy, m, t.px(x[min]), t.py(y[min])), "min of column " + col);
            assertTrue(contains(ox, oy, m, t.px(x[max]), t.py(y[max])), "max of column " + col);
        }
        for (int i = 1; i < m; i++) {
            assertTrue(ox[i] >= ox[i - 1], "x order kept");
        }
    }

    private static boolean contains(double[] ox, double[] oy, int m, double px, double py) {
        for (int i = 0; i < m; i++) {
            if (ox[i] == px && oy[i] == py) {
                return true;
            }
        }
        return false;
    }

    /** At step 0 a run has one point: the axis starts there and runs on, with no negative steps. */
    @Test
    void aSinglePointAtStepZeroGivesNoNegativeSteps() {
        Extent e = Fx.call(() -> {
            chart.clearSeries();
            chart.clearReferenceLines();
            chart.addSeries("NLL", Color.BLUE).append(0, 2.5);
            return chart.dataBounds();
        });
        assertEquals(0, e.xMin(), 0);
        assertEquals(1, e.xMax(), 0);
    }

    /** A spike of a few points does not flatten a long curve: the range ends near the bulk, the spike is marked. */
    @Test
    void outliersAreClippedAndMarked() {
        Color blue = Color.rgb(0, 114, 178);
        Extent e = Fx.call(() -> {
            chart.clearSeries();
            chart.clearReferenceLines();
            chart.setClipOutliers(true);
            LineChartPlot.Series s = chart.addSeries("batch NLL", blue);
            for (int i = 0; i < 1000; i++) {
                s.append(i, i >= 500 && i < 503 ? 2400 : 2 + 0.001 * (1000 - i));
            }
            chart.layout();
            return chart.dataBounds();
        });
        assertTrue(e.yMax() < 10, "the range follows the curve, not the spike: " + e.yMax());
        assertTrue(Fx.call(chart::isClipped));
        // a marker on the top edge above the spike, in the series' colour
        WritableImage img = Fx.call(() -> FigureExport.snapshot(chart, 1));
        PlotTransform t = Fx.call(chart::getTransform);
        int column = (int) Math.round(t.px(501));
        int hits = 0;
        for (int y = (int) t.top(); y < t.top() + 8; y++) {
            for (int x = column - 2; x <= column + 2; x++) {
                if (Fx.distance(Fx.argb(img, x, y), 0xFF0072B2) < 60) {
                    hits++;
                }
            }
        }
        assertTrue(hits >= 3, "marker pixels above the spike: " + hits);
        // without clipping, the range holds the spike
        Fx.call(() -> {
            chart.setClipOutliers(false);
            return null;
        });
        assertTrue(Fx.call(() -> chart.dataBounds()).yMax() >= 2400);
    }

    /** Lesson 5's close reference lines printed their labels over each other (dark screenshot, 2026-12-05). */
    @Test
    void referenceLabelsOfCloseLinesDoNotOverlap() {
        double lh = 14;
        // three lines within 10 px (labels above them), one far below, one at the top (label below it)
        double[] wanted = {100, 106, 110, 200, 20};
        double[] tops = LineChartPlot.labelTops(wanted, lh, 20, 280);
        for (int i = 0; i < tops.length; i++) {
            assertTrue(tops[i] >= 20 && tops[i] + lh <= 280, "inside the plot: " + tops[i]);
            for (int j = 0; j < i; j++) {
                assertTrue(Math.abs(tops[i] - tops[j]) >= lh - 1e-9, "labels " + i + " and " + j + " overlap: "
                        + tops[i] + ", " + tops[j]);
            }
        }
        assertEquals(100, tops[0], 1e-9, "the first of the close ones keeps its place");
        assertEquals(114, tops[1], 1e-9, "the next goes just below it");
        assertEquals(128, tops[2], 1e-9);
        assertEquals(200, tops[3], 1e-9, "labels far apart stay where they are");
        assertEquals(20, tops[4], 1e-9);
        // pushed past the bottom: moved back up, still apart
        double[] low = LineChartPlot.labelTops(new double[] {260, 262, 263}, lh, 20, 280);
        assertEquals(266, low[2], 1e-9);
        assertEquals(252, low[1], 1e-9);
        assertEquals(238, low[0], 1e-9);
    }
}
