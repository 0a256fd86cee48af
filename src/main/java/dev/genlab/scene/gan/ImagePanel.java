package dev.genlab.scene.gan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HistogramPlot;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.Grids;
import dev.genlab.scene.ScenePanel;

/**
 * Lesson 8's third panel: a GAN on 28 × 28 images trained live ({@link ImageLab}). Left, G's images of a
 * fixed set of noise vectors, which change as G trains (one row per class for the conditional GAN, the
 * same noise in every row), and under them an interpolation strip between two noise vectors. Right, the
 * losses and the mean D(x) and D(G(z)) over the steps, and the class coverage: how a thousand samples
 * spread over the classes by the nearest class mean of the training images, which is mode collapse on
 * images, counted.
 */
final class ImagePanel extends BorderPane implements ScenePanel<GanSnapshot> {

    static final FigureColour LOSS_D = FigureColour.VERMILION;
    static final FigureColour LOSS_G = FigureColour.GREY;
    static final FigureColour REAL = PlanePanel.REAL;
    static final FigureColour FAKE = PlanePanel.FAKE;

    final ImageGridPlot grid = new ImageGridPlot();
    final ImageGridPlot strip = new ImageGridPlot();
    final CurvePlot losses = new CurvePlot();
    final HistogramPlot coverage = new HistogramPlot();
    final Label readout = new Label();
    final Label coverageText = new Label();
    final Label notes = new Label();
    private ImageSnapshot last;
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> redraw());
    private final javafx.beans.InvalidationListener themeListener = o -> redraw();

    ImagePanel() {
        setId("gan-images");
        grid.setId("gan-images-grid");
        strip.setId("gan-images-strip");
        losses.setId("gan-images-losses");
        coverage.setId("gan-images-coverage");
        readout.setId("gan-images-readout");
        coverageText.setId("gan-images-coverage-text");
        notes.setId("gan-images-notes");
        losses.xLabelProperty().bind(I18n.bind("gan.img.stepsAxis"));
        losses.yLabelProperty().bind(I18n.bind("gan.img.lossAxis"));
        losses.setZoomPanEnabled(false);
        coverage.xLabelProperty().bind(I18n.bind("gan.img.classAxis"));
        coverage.yLabelProperty().bind(I18n.bind("gan.img.countAxis"));
        for (var f : List.of(grid, strip, losses, coverage)) {
            f.setMinSize(120, 60);
        }
        Grids.readout(readout, coverageText, notes);
        notes.setStyle("-fx-opacity: 0.8;");
        VBox bottom = new VBox(2, readout, coverageText, notes);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        setCenter(Grids.row(new double[] {55, 45}, Grids.column(new double[] {74, 26}, grid, strip),
                Grids.column(new double[] {50, 50}, losses, coverage)));
        setBottom(bottom);
        readout.setText(I18n.get("gan.img.loading"));
        PlotTheme.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(themeListener));
    }

    @Override
    public Enum<?> id() {
        return GanParams.Panel.IMAGES;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public void draw(GanSnapshot s) {
        ImageSnapshot p = s.images();
        if (p == null || p == last) {
            return;
        }
        ImageSnapshot before = last;
        last = p;
        if (before == null || before.grid() != p.grid() || before.strip() != p.strip()) {
            pictures(p);
        }
        curves(p);
        text(p);
    }

    private void redraw() {
        ImageSnapshot p = last;
        if (p != null) {
            pictures(p);
            curves(p);
            text(p);
        }
    }

    private void pictures(ImageSnapshot p) {
        int d = ImageLab.D;
        int side = ImageLab.SIDE;
        if (p.grid() == null) {
            grid.setImages(List.of(), side, side, 1);
            strip.setImages(List.of(), side, side, 1);
            return;
        }
        List<float[]> g = new ArrayList<>();
        int n = p.gridRows() * p.gridCols();
        for (int i = 0; i < n; i++) {
            g.add(Arrays.copyOfRange(p.grid(), i * d, (i + 1) * d));
        }
        grid.setImages(g, side, side, p.gridCols());
        // no captions: a caption line under each of ten rows left the conditional grid's digits a few pixels
        // high (the text says row r is digit r, 0 at the top)
        grid.setCaptions(List.of());
        List<float[]> st = new ArrayList<>();
        List<String> sc = new ArrayList<>();
        int m = p.strip().length / d;
        for (int i = 0; i < m; i++) {
            st.add(Arrays.copyOfRange(p.strip(), i * d, (i + 1) * d));
            sc.add(i == 0 ? "z_A" : i == m - 1 ? "z_B" : "");
        }
        strip.setImages(st, side, side, m);
        strip.setCaptions(sc);
    }

    private void curves(ImageSnapshot p) {
        losses.clearCurves();
        losses.put(new CurvePlot.Curve("L_D", p.curveX(), p.curveD(), LOSS_D.color(), false));
        losses.put(new CurvePlot.Curve("L_G", p.curveX(), p.curveG(), LOSS_G.color(), false));
        losses.put(new CurvePlot.Curve(I18n.get("gan.img.meanReal"), p.curveX(), p.curveReal(), REAL.color(), false));
        losses.put(new CurvePlot.Curve(I18n.get("gan.img.meanFake"), p.curveX(), p.curveFake(), FAKE.color(), false));
        int[] c = p.counts();
        if (c == null) {
            coverage.setBins(new double[] {0, 1}, new double[] {0}, FAKE.color());
            return;
        }
        double[] edges = new double[c.length + 1];
        double[] heights = new double[c.length];
        for (int k = 0; k <= c.length; k++) {
            edges[k] = k - 0.5;
        }
        for (int k = 0; k < c.length; k++) {
            heights[k] = c[k];
        }
        coverage.setBins(edges, heights, FAKE.color());
    }

    private void text(ImageSnapshot p) {
        int last = p.curveX().length - 1;
        if (last < 0) {
            readout.setText(I18n.get("gan.img.readoutStart", p.steps()));
        } else {
            readout.setText(I18n.get("gan.img.readout", p.steps(), PlanePanel.fmt(p.curveD()[last]),
                    PlanePanel.fmt(p.curveG()[last]), PlanePanel.fmt(p.curveReal()[last]),
                    PlanePanel.fmt(p.curveFake()[last])));
        }
        if (p.counts() == null) {
            coverageText.setText(p.grid() == null ? "" : I18n.get("gan.img.noCoverage"));
        } else {
            String t = I18n.get("gan.img.coverage", p.coverageStep(), ImageLab.COVERAGE_SAMPLES, p.covered(),
                    p.counts().length, PlanePanel.fmt(p.evenness()));
            if (p.conditional()) {
                t += " " + I18n.get("gan.img.agreement", String.format(Locale.ROOT, "%.0f", 100 * p.agreement()));
            }
            coverageText.setText(t);
        }
        StringBuilder sb = new StringBuilder();
        for (String key : p.notes()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("gan.img.note.shipped".equals(key) ? I18n.get(key, p.shippedSteps()) : I18n.get(key));
        }
        if (p.conditional()) {
            sb.append(sb.length() > 0 ? " " : "").append(I18n.get("gan.img.stripDigit", p.digit()));
        }
        notes.setText(sb.toString());
    }

    // ---------------------------------------------------------------- for tests

    ImageSnapshot last() {
        return last;
    }
}
