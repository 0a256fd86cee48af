package dev.genlab.scene.flow;

import java.util.Arrays;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.scene.ScenePanel;

/**
 * The dequantisation panel: samples of the flow on 8 × 8 digits (as the discrete images ⌊yK⌋ they fall
 * in) beside training digits, the batch NLL against −D ln K (no dequantised model's expected NLL goes
 * below it; on the lattice without noise nothing stops it), and the read-out of {@link DequantLab.View}.
 */
final class DequantPanel extends BorderPane implements ScenePanel<FlowLabSnapshot> {

    final ImageGridPlot samples = new ImageGridPlot();
    final ImageGridPlot digits = new ImageGridPlot();
    final LineChartPlot chart = new LineChartPlot();
    final Label readout = new Label();
    /** A divergence report the scene keeps on screen until training goes on. */
    final Label note = new Label();
    private final Label samplesTitle = new Label();
    private final Label digitsTitle = new Label();
    private LineChartPlot.Series series;
    private DequantLab.View last;

    DequantPanel() {
        setId("flow-dequant");
        samples.setId("flow-dequant-samples");
        digits.setId("flow-dequant-data");
        chart.setId("flow-dequant-chart");
        readout.setId("flow-dequant-readout");
        samplesTitle.textProperty().bind(I18n.bind("flow.dq.samples"));
        digitsTitle.textProperty().bind(I18n.bind("flow.dq.data", DequantLab.LEVELS));
        chart.xLabelProperty().bind(I18n.bind("flow.chartX"));
        chart.yLabelProperty().bind(I18n.bind("flow.dq.chartY"));
        chart.setClipOutliers(true);
        readout.getStyleClass().add("readout");
        readout.setWrapText(true);
        readout.setMinHeight(Region.USE_PREF_SIZE);
        VBox left = new VBox(2, samplesTitle, samples);
        VBox right = new VBox(2, digitsTitle, digits);
        VBox.setVgrow(samples, Priority.ALWAYS);
        VBox.setVgrow(digits, Priority.ALWAYS);
        samples.setPrefSize(300, 300);
        digits.setPrefSize(300, 160);
        samples.setMinSize(120, 120);
        digits.setMinSize(120, 80);
        HBox top = new HBox(8, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        chart.setPrefHeight(150);
        chart.setMinHeight(90);
        note.setId("flow-dequant-note");
        note.getStyleClass().add("readout");
        note.setWrapText(true);
        note.setStyle("-fx-text-fill: #c0392b;");
        note.setManaged(false);
        VBox box = new VBox(6, top, chart, readout, note);
        VBox.setVgrow(top, Priority.ALWAYS);
        box.setPadding(new Insets(6));
        setCenter(box);
    }

    @Override
    public Enum<?> id() {
        return FlowParams.Panel.DEQUANT;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public void draw(FlowLabSnapshot s) {
        DequantLab.View v = s.dequant();
        if (v == null || v == last) {
            return;
        }
        boolean newRun = last == null || v.history().length < series.size() || v.noise() != last.noise();
        last = v;
        readout.setText(readoutText(v));
        samples.setImages(Arrays.asList(v.samples()), DequantLab.SIDE, DequantLab.SIDE, 4);
        digits.setImages(Arrays.asList(v.data()), DequantLab.SIDE, DequantLab.SIDE, 4);
        if (newRun) {
            chart.clearSeries();
            chart.clearReferenceLines();
            series = chart.addSeries(I18n.get("flow.series.batch"), Color.web("#1f77b4"));
            double floor = -DequantLab.DIMS * Math.log(DequantLab.LEVELS);
            chart.addReferenceLine(floor, "\u2212D ln K = " + fmt(floor), Color.web("#d62728"));
        }
        double[] h = v.history();
        for (int i = series.size(); i < h.length; i++) {
            series.append(i + 1, h[i]);
        }
    }

    void setNote(String text) {
        note.setText(text);
        note.setManaged(!text.isEmpty());
        note.setVisible(!text.isEmpty());
    }

    /** The read-out: the dequantised NLL, the discrete bound in nats and bits/dim, and the lattice's density. */
    static String readoutText(DequantLab.View v) {
        double uniform = Math.log(DequantLab.LEVELS) / Math.log(2);
        String text = I18n.get("flow.dq.readout", v.steps(),
                v.history().length == 0 ? "\u2014" : fmt(v.history()[v.history().length - 1]), DequantLab.TEST,
                DequantLab.LEVELS, DequantLab.DIMS, fmt(v.dequantNll()), fmt(v.discreteBound()),
                String.format(Locale.ROOT, "%.3f", v.bitsPerDim()), String.format(Locale.ROOT, "%.0f", uniform),
                fmt(v.latticeNll()), String.format(Locale.ROOT, "%.3f", v.latticeBitsPerDim()),
                fmt(DequantLab.DIMS * Math.log(DequantLab.LEVELS)));
        return v.latticeBitsPerDim() < 0 ? text + " " + I18n.get("flow.dq.impossible") : text;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
