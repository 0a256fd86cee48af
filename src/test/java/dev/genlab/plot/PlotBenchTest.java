package dev.genlab.plot;

import java.util.Arrays;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.bench.BenchReport;

/**
 * Frame cost of the densest live figure: a new 128 x 128 heatmap (colour mapping, image upload,
 * 6 contour levels) plus 1,000 scatter points. Reports timings through {@link BenchReport}, asserts nothing.
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=PlotBenchTest}.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class PlotBenchTest {

    private static final int FRAMES = 50;

    private Plot2D plot;
    private HeatmapLayer heat;
    private ScatterLayer scatter;

    @Start
    void start(Stage stage) {
        plot = new Plot2D();
        plot.setDataExtent(SampleFigures.BOX);
        heat = new HeatmapLayer();
        heat.setContourLevels(6);
        scatter = new ScatterLayer();
        plot.layers().addAll(heat, scatter);
        stage.setScene(new Scene(new StackPane(plot), 640, 560));
        stage.show();
    }

    @Test
    void grid128PlusThousandPoints() {
        float[][] grids = new float[8][];
        for (int k = 0; k < grids.length; k++) {
            grids[k] = SampleFigures.mixture(128, k * 0.1);
        }
        float[][] pts = SampleFigures.samples(1000, 4);
        double[] paint = new double[FRAMES];
        double[] withRaster = new double[FRAMES];
        double[] snapshotOnly = new double[FRAMES];
        for (int f = -10; f < FRAMES; f++) {
            int frame = f;
            double[] ms = Fx.call(() -> {
                long t0 = System.nanoTime();
                heat.setData(grids[Math.floorMod(frame, grids.length)], 128, 128, SampleFigures.BOX);
                scatter.put(new ScatterLayer.Series("samples", pts[0], pts[1], null, Marker.CIRCLE));
                plot.layout();
                long t1 = System.nanoTime();
                // a snapshot makes the software pipeline rasterise the canvas now
                FigureExport.snapshot(plot, 1);
                long t2 = System.nanoTime();
                // the same snapshot again, nothing new to draw: the cost of the snapshot itself
                FigureExport.snapshot(plot, 1);
                long t3 = System.nanoTime();
                return new double[] {(t1 - t0) / 1e6, (t2 - t0) / 1e6, (t3 - t2) / 1e6};
            });
            if (f >= 0) {
                paint[f] = ms[0];
                withRaster[f] = ms[1];
                snapshotOnly[f] = ms[2];
            }
        }
        BenchReport.row("grid128_render_ms", median(withRaster), "ms");
        BenchReport.row("grid128_paint_commands_ms", median(paint), "ms");
        BenchReport.row("snapshot_overhead_ms", median(snapshotOnly), "ms");
    }

    @Test
    void lineChartHundredThousandPoints() {
        double[] ms = new double[FRAMES];
        double[] paint = new double[FRAMES];
        LineChartPlot chart = Fx.call(() -> {
            LineChartPlot c = new LineChartPlot();
            LineChartPlot.Series s = c.addSeries("loss");
            java.util.Random rnd = new java.util.Random(1);
            for (int i = 0; i < 100_000; i++) {
                s.append(i, 1 + Math.exp(-i / 20_000.0) + 0.1 * rnd.nextGaussian());
            }
            plot.getScene().setRoot(new StackPane(c));
            return c;
        });
        for (int f = -5; f < FRAMES; f++) {
            int frame = f;
            double[] t = Fx.call(() -> {
                long t0 = System.nanoTime();
                chart.redraw();
                chart.layout();
                long t1 = System.nanoTime();
                FigureExport.snapshot(chart, 1);
                return new double[] {(t1 - t0) / 1e6, (System.nanoTime() - t0) / 1e6};
            });
            if (frame >= 0) {
                paint[frame] = t[0];
                ms[frame] = t[1];
            }
        }
        BenchReport.row("linechart100k_render_ms", median(ms), "ms");
        BenchReport.row("linechart100k_paint_commands_ms", median(paint), "ms");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
