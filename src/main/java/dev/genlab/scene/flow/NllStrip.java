package dev.genlab.scene.flow;

import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.LineChartPlot;

/**
 * The read-outs under the 2-D panels: held-out and batch NLL against H(p), a note (the model's
 * message, or a divergence report the scene keeps on screen), and, under the training panel, the
 * NLL curve, which grows by its new points only.
 */
final class NllStrip extends VBox {

    final LineChartPlot chart = new LineChartPlot();
    final Label nll = new Label();
    final Label note = new Label();
    private LineChartPlot.Series batchSeries;
    private double chartEntropy = Double.NaN;

    NllStrip() {
        super(2);
        chart.setId("flow-nll-chart");
        chart.setPrefHeight(110);
        chart.setMinHeight(80);
        // a spike of a few steps (a large learning rate) must not flatten the rest of the curve
        chart.setClipOutliers(true);
        chart.xLabelProperty().bind(I18n.bind("flow.chartX"));
        chart.yLabelProperty().bind(I18n.bind("flow.chartY"));
        nll.setId("flow-nll");
        nll.getStyleClass().add("readout");
        nll.setWrapText(true);
        nll.setMinHeight(Region.USE_PREF_SIZE);
        note.setId("flow-note");
        note.getStyleClass().add("readout");
        note.setWrapText(true);
        note.setStyle("-fx-text-fill: #c0392b;");
        getChildren().addAll(nll, note);
        setPadding(new Insets(0, 8, 6, 8));
    }

    /** The NLL curve is part of training; the layers panel needs the height for its figures. */
    void setChartShown(boolean on) {
        if (on && !getChildren().contains(chart)) {
            getChildren().add(chart);
        } else if (!on) {
            getChildren().remove(chart);
        }
    }

    /** Shows a note ("" hides it). */
    void setNote(String text) {
        note.setText(text);
        note.setManaged(!text.isEmpty());
    }

    /** The read-out and the curve of a snapshot; the model's message is shown unless {@code notice} is set. */
    void show(FlowLabSnapshot s, String notice, boolean modelMessage) {
        String m = s.message();
        setNote(!notice.isEmpty() ? notice : modelMessage && !m.isEmpty() ? m.startsWith("flow.") ? I18n.get(m) : m : "");
        String floor = Double.isNaN(s.entropy()) ? I18n.get("flow.noFloor")
                : I18n.get("flow.floor", fmt3(s.entropy()), fmt3(s.heldOutNll() - s.entropy()));
        nll.setText(Double.isNaN(s.heldOutNll()) ? I18n.get("flow.nll.none")
                : I18n.get("flow.nll", s.steps(), fmt3(s.heldOutNll()), Double.isNaN(s.nll()) ? "\u2014" : fmt3(s.nll()),
                        s.layers(), s.numParams()) + " " + floor);
        double[] h = s.history();
        boolean entropyChanged = Double.compare(chartEntropy, s.entropy()) != 0;
        if (batchSeries == null || h.length < batchSeries.size() || entropyChanged) {
            chart.clearSeries();
            chart.clearReferenceLines();
            batchSeries = chart.addSeries(I18n.get("flow.series.batch"), Color.web("#1f77b4"));
            chartEntropy = s.entropy();
            if (!Double.isNaN(s.entropy())) {
                chart.addReferenceLine(s.entropy(), "H(p) = " + fmt3(s.entropy()), Color.web("#d62728"));
            }
        }
        for (int i = batchSeries.size(); i < h.length; i++) {
            batchSeries.append(i + 1, h[i]);
        }
    }

    static String fmt3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
