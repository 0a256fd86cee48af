package dev.genlab.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A gallery of every figure with made-up data, for the sample PNG and the benchmark. */
final class SampleFigures {

    static final Extent BOX = Extent.square(3);

    private SampleFigures() {
    }

    /** Density of an equal mixture of two Gaussians, sampled at cell centres of an n x n grid over BOX. */
    static float[] mixture(int n, double shift) {
        float[] v = new float[n * n];
        double d = BOX.width() / n;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = BOX.xMin() + (i + 0.5) * d;
                double y = BOX.yMin() + (j + 0.5) * d;
                v[j * n + i] = (float) density(x, y, shift);
            }
        }
        return v;
    }

    static double density(double x, double y, double shift) {
        double a = Math.exp(-((x - 1 - shift) * (x - 1 - shift) + (y - 0.5) * (y - 0.5)) / (2 * 0.36));
        double b = Math.exp(-((x + 1) * (x + 1) + (y + 0.8) * (y + 0.8)) / (2 * 0.49));
        return 0.5 * a / (2 * Math.PI * 0.36) + 0.5 * b / (2 * Math.PI * 0.49);
    }

    static float[][] samples(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int k = 0; k < n; k++) {
            boolean first = rnd.nextBoolean();
            x[k] = (float) (first ? 1 + 0.6 * rnd.nextGaussian() : -1 + 0.7 * rnd.nextGaussian());
            y[k] = (float) (first ? 0.5 + 0.6 * rnd.nextGaussian() : -0.8 + 0.7 * rnd.nextGaussian());
        }
        return new float[][] {x, y};
    }

    static Node gallery() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.setStyle("-fx-padding: 10;");
        grid.backgroundProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> javafx.scene.layout.Background.fill(PlotTheme.current().background()),
                PlotTheme.currentProperty()));

        Plot2D density = new Plot2D();
        density.setEqualAspect(true);
        density.setXLabel("x\u2081");
        density.setYLabel("x\u2082");
        HeatmapLayer heat = new HeatmapLayer();
        heat.setContourLevels(6);
        heat.setData(mixture(128, 0), 128, 128, BOX);
        ScatterLayer scatter = new ScatterLayer();
        float[][] data = samples(300, 1);
        float[][] model = samples(150, 2);
        scatter.put(new ScatterLayer.Series("data", data[0], data[1], null, Marker.CIRCLE));
        scatter.put(new ScatterLayer.Series("model", model[0], model[1], null, Marker.CROSS));
        density.layers().addAll(heat, scatter);
        density.setDataExtent(BOX);
        grid.add(panel("Density, contours, data vs model", withBar(density, ColorBar.of(heat, "density"))), 0, 0);

        LineChartPlot chart = new LineChartPlot();
        chart.setYLabel("loss (nats)");
        LineChartPlot.Series train = chart.addSeries("train");
        LineChartPlot.Series val = chart.addSeries("validation");
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            double mean = 1.4 + 1.6 * Math.exp(-i / 3000.0);
            train.append(i, mean + 0.08 * rnd.nextGaussian());
            if (i % 500 == 0) {
                val.append(i, mean + 0.05);
            }
        }
        chart.addReferenceLine(1.4, "H(p) floor", null);
        grid.add(panel("Training curve with entropy floor", chart), 1, 0);

        ImageGridPlot images = new ImageGridPlot();
        List<float[]> imgs = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            imgs.add(ring(28, 5 + n % 4 * 2, n * 0.5));
            captions.add(String.format("%.1f", -80 - 7.3 * n));
        }
        images.setImages(imgs, 28, 28, 6);
        images.setCaptions(captions);
        grid.add(panel("Samples with log p(x)", images), 0, 1);

        Plot2D flow = new Plot2D();
        flow.setEqualAspect(true);
        flow.setXLabel("z\u2081");
        flow.setYLabel("z\u2082");
        WarpedGridLayer warped = new WarpedGridLayer();
        int nx = 16;
        float[] vx = new float[(nx + 1) * (nx + 1)];
        float[] vy = new float[vx.length];
        for (int j = 0; j <= nx; j++) {
            for (int i = 0; i <= nx; i++) {
                double x = -2 + 4.0 * i / nx;
                double y = -2 + 4.0 * j / nx;
                double angle = 0.8 * Math.exp(-(x * x + y * y) / 2);
                double r = 1 + 0.25 * Math.exp(-(x * x + y * y));
                vx[j * (nx + 1) + i] = (float) (r * (x * Math.cos(angle) - y * Math.sin(angle)));
                vy[j * (nx + 1) + i] = (float) (r * (x * Math.sin(angle) + y * Math.cos(angle)));
            }
        }
        warped.setGrid(nx, nx, vx, vy);
        float[] logDet = new float[nx * nx];
        for (int j = 0; j < nx; j++) {
            for (int i = 0; i < nx; i++) {
                int a = j * (nx + 1) + i;
                double area = 0.5 * Math.abs((vx[a + 1] - vx[a + nx + 1]) * (vy[a + nx + 2] - vy[a])
                        - (vx[a + nx + 2] - vx[a]) * (vy[a + 1] - vy[a + nx + 1]));
                logDet[j * nx + i] = (float) Math.log(area / (16.0 / (nx * nx)));
            }
        }
        warped.setCellValues(logDet, ColorMap.COOL_WARM, -0.6, 0.6);
        flow.layers().add(warped);
        ColorBar logDetBar = new ColorBar();
        logDetBar.setColorMap(ColorMap.COOL_WARM);
        logDetBar.setRange(-0.6, 0.6);
        logDetBar.setLabel("log |det J|");
        grid.add(panel("Warped grid, volume change", withBar(flow, logDetBar)), 1, 1);

        Plot2D field = new Plot2D();
        field.setEqualAspect(true);
        HeatmapLayer disc = new HeatmapLayer();
        disc.setColorMap(ColorMap.COOL_WARM);
        int n = 64;
        float[] d = new float[n * n];
        List<float[]> arrows = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = -3 + 6 * (i + 0.5) / n;
                double y = -3 + 6 * (j + 0.5) / n;
                d[j * n + i] = (float) (1 / (1 + Math.exp(-(x + 0.5 * y))) - 0.5);
            }
        }
        disc.setData(d, n, n, BOX);
        disc.setRange(-0.5, 0.5);
        ArrowLayer grads = new ArrowLayer();
        int m = 9;
        float[] ax = new float[m * m], ay = new float[m * m], adx = new float[m * m], ady = new float[m * m];
        for (int k = 0; k < m * m; k++) {
            ax[k] = (float) (-2.6 + 5.2 * (k % m) / (m - 1));
            ay[k] = (float) (-2.6 + 5.2 * (k / m) / (m - 1));
            adx[k] = -ax[k] * 0.3f + 0.2f;
            ady[k] = -ay[k] * 0.3f;
        }
        grads.setArrows(ax, ay, adx, ady);
        field.layers().addAll(disc, grads);
        field.setDataExtent(BOX);
        grid.add(panel("D(x) - 1/2 and generator gradients", withBar(field, ColorBar.of(disc, "D(x) - 1/2"))), 0, 2);

        HBox oneD = new HBox(8);
        CurvePlot curves = new CurvePlot();
        double[] xs = new double[200];
        double[] p = new double[200];
        double[] q = new double[200];
        for (int k = 0; k < 200; k++) {
            xs[k] = -4 + 8 * k / 199.0;
            p[k] = 0.5 * gauss(xs[k], -1, 0.6) + 0.5 * gauss(xs[k], 1.5, 0.8);
            q[k] = gauss(xs[k], 0.3, 1.3);
        }
        curves.put(new CurvePlot.Curve("p(x)", xs, p, null, true));
        curves.put(new CurvePlot.Curve("q(x)", xs, q, null, false));
        curves.setXLabel("x");
        HistogramPlot hist = new HistogramPlot();
        float[] s = new float[2000];
        Random r2 = new Random(5);
        for (int k = 0; k < s.length; k++) {
            s[k] = (float) (r2.nextBoolean() ? -1 + 0.6 * r2.nextGaussian() : 1.5 + 0.8 * r2.nextGaussian());
        }
        hist.setSamples(s, 30, -4, 4, true);
        hist.setXLabel("x");
        HBox.setHgrow(curves, Priority.ALWAYS);
        HBox.setHgrow(hist, Priority.ALWAYS);
        curves.setPrefWidth(280);
        hist.setPrefWidth(280);
        oneD.getChildren().addAll(curves, hist);
        grid.add(panel("1-D densities and a histogram", oneD), 1, 2);
        return grid;
    }

    private static double gauss(double x, double mu, double s) {
        return Math.exp(-(x - mu) * (x - mu) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
    }

    private static float[] ring(int size, double radius, double phase) {
        float[] v = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x - size / 2.0 + 0.5, dy = y - size / 2.0 + 0.5;
                double r = Math.hypot(dx, dy);
                double stroke = Math.exp(-(r - radius) * (r - radius) / 3);
                double bar = Math.abs(dx * Math.cos(phase) + dy * Math.sin(phase)) < 1.2 && r < radius ? 1 : 0;
                v[y * size + x] = (float) Math.max(stroke, bar);
            }
        }
        return v;
    }

    private static Node withBar(Node plot, ColorBar bar) {
        HBox.setHgrow(plot, Priority.ALWAYS);
        return new HBox(4, plot, bar);
    }

    private static Node panel(String title, Node content) {
        Label label = new Label(title);
        label.setStyle("-fx-font-weight: bold;");
        label.textFillProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> PlotTheme.current().text(), PlotTheme.currentProperty()));
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox box = new VBox(4, label, content);
        box.setPrefSize(580, 290);
        return new BorderPane(box);
    }
}
