package dev.genlab.scene.markov;

import java.util.Arrays;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.PlotTheme;

/**
 * The Markov scene's figures: train and held-out NLL against k (or m) with the best marked and
 * the parameter count below; the sample being drawn pixel by pixel; mutual information between
 * two pixels with and without the first one's neighbours.
 */
final class MarkovView extends HBox {

    final NllChart nll = new NllChart();
    final NllChart params = new NllChart();
    final SamplerFigure sampler = new SamplerFigure();
    final MiFigure mi = new MiFigure();
    final Label nllText = new Label();
    final Label bestText = new Label();
    final Label samplerText = new Label();
    final Label miText = new Label();
    final Label note = new Label();
    private final VBox left;
    private final VBox right;
    private MarkovSnapshot last;
    private MarkovSnapshot curvesShown;

    MarkovView() {
        setSpacing(8);
        setPadding(new Insets(4, 6, 4, 6));
        nll.setId("markov-nll-chart");
        params.setId("markov-params-chart");
        sampler.setId("markov-sampler");
        mi.setId("markov-mi");
        nllText.setId("markov-nll");
        bestText.setId("markov-best");
        samplerText.setId("markov-conditional");
        miText.setId("markov-mi-text");
        note.setId("markov-note");
        for (Label l : new Label[] {nllText, bestText, samplerText, miText, note}) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(Label.USE_PREF_SIZE);
        }
        nll.setPrefHeight(200);
        nll.setMinHeight(140);
        params.setPrefHeight(88);
        params.setMinHeight(80);
        nll.keepHeightShare(this, 0.25);
        params.keepHeightShare(this, 0.25);
        sampler.setPrefSize(260, 200);
        sampler.setMinSize(120, 100);
        mi.setPrefSize(260, 150);
        mi.setMinSize(120, 140);
        VBox.setVgrow(nll, Priority.ALWAYS);
        VBox.setVgrow(sampler, Priority.ALWAYS);
        VBox.setVgrow(mi, Priority.SOMETIMES);
        left = new VBox(2, note, nll, params, nllText, bestText);
        right = new VBox(2, sampler, samplerText, mi, miText);
        left.setMinWidth(0);
        right.setMinWidth(0);
        left.setPrefWidth(360);
        right.setPrefWidth(280);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        getChildren().addAll(left, right);
        I18n.localeProperty().addListener(new javafx.beans.WeakInvalidationListener(languageListener));
    }

    /**
     * Shows the figures a lesson step has reached: the parameter-count chart, the NLL curves (with
     * their read-outs) and the mutual-information maps. The sampler is always shown; with neither
     * chart the left column goes and the sampler takes the width.
     */
    void setFigures(boolean counts, boolean curves, boolean maps) {
        display(params, counts);
        display(nll, curves);
        display(nllText, curves);
        display(bestText, curves);
        display(mi, maps);
        display(miText, maps);
        display(left, counts || curves);
        // alone in its column, the count chart takes the height the NLL chart would have
        VBox.setVgrow(params, curves ? null : Priority.ALWAYS);
    }

    private static void display(javafx.scene.Node n, boolean on) {
        n.setVisible(on);
        n.setManaged(on);
    }

    private final javafx.beans.InvalidationListener languageListener = o -> {
        if (last != null) {
            curvesShown = null;
            show(last);
        }
    };

    MarkovSnapshot last() {
        return last;
    }

    void show(MarkovSnapshot s) {
        last = s;
        note.setText(s.message().isEmpty() ? "" : I18n.get(s.message()));
        note.setVisible(!s.message().isEmpty());
        note.setManaged(!s.message().isEmpty());
        String x = s.family().equals("markov") ? "k" : "m";
        if (curvesShown == null || !sameCurves(curvesShown, s)) {
            curvesShown = s;
            PlotTheme theme = PlotTheme.current();
            nll.clearSeries();
            nll.xLabelProperty().set(I18n.get(s.family().equals("markov") ? "markov.chartX.k" : "markov.chartX.m"));
            nll.yLabelProperty().set(I18n.get("markov.chartY"));
            nll.addSeries(I18n.get("markov.series.test"), theme.seriesColor(1)).appendAll(s.xs(), s.testNll());
            nll.addSeries(I18n.get("markov.series.train"), theme.seriesColor(0)).appendAll(s.xs(), s.trainNll());
            if (s.previousTestNll().length == s.xs().length && !s.previousOrdering().isEmpty()) {
                // the ordering before the last change, on the same images: "each ordering gives its own curve"
                nll.addSeries(I18n.get("markov.series.testPrevious", I18n.get("markov.ordering." + s.previousOrdering())),
                        theme.seriesColor(3)).appendAll(s.xs(), s.previousTestNll());
            }
            params.clearSeries();
            params.xLabelProperty().set(nll.xLabelProperty().get());
            params.yLabelProperty().set(I18n.get("markov.paramsY"));
            params.addSeries(I18n.get("markov.series.params"), theme.seriesColor(2)).appendAll(s.xs(), s.log10Params());
        }
        int c = s.chosen();
        boolean have = c >= 0 && c < s.xs().length;
        String bestLabel = s.best() < 0 ? "" : I18n.get("markov.best", x, s.bestX());
        nll.mark(s.best() < 0 ? Double.NaN : s.bestX(), bestLabel, c, have ? s.testNll()[c] : Double.NaN,
                PlotTheme.current().seriesColor(1));
        params.mark(Double.NaN, "", c, have ? s.log10Params()[c] : Double.NaN, PlotTheme.current().seriesColor(2));
        if (have) {
            nllText.setText(I18n.get("markov.readout", x, c, I18n.get("markov.ordering." + s.ordering()),
                    nats(s.trainNll()[c]), nats(s.testNll()[c]), fmt(s.bitsPerPixel(s.testNll()[c]), 3)));
        } else {
            nllText.setText("");
        }
        bestText.setText(s.best() < 0 ? "" : I18n.get("markov.bestReadout", x, s.bestX(), nats(s.testNll()[s.best()]),
                fmt(s.bitsPerPixel(s.testNll()[s.best()]), 3), s.trainCount(), s.testCount()));
        sampler.show(s);
        if (s.side() == 0) {
            samplerText.setText("");
        } else if (s.complete()) {
            samplerText.setText(I18n.get("markov.sampler.complete", s.sampleNumber(), nats(s.sampleNll())));
        } else {
            int q = s.current();
            samplerText.setText(I18n.get("markov.sampler.next", s.drawn() + 1, s.pixels(), q / s.side(), q % s.side(),
                    fmt(s.conditional(), 3), nats(s.sampleNll())));
        }
        mi.show(s);
        if (s.pixel() >= 0) {
            int i = s.pixel();
            int j = s.farPixel();
            miText.setText(I18n.get("markov.mi.readout", i / s.side(), i % s.side(), j / s.side(), j % s.side()));
        } else {
            miText.setText("");
        }
    }

    private static boolean sameCurves(MarkovSnapshot a, MarkovSnapshot b) {
        return a.family().equals(b.family()) && Arrays.equals(a.testNll(), b.testNll())
                && a.previousOrdering().equals(b.previousOrdering())
                && Arrays.equals(a.previousTestNll(), b.previousTestNll())
                && Arrays.equals(a.trainNll(), b.trainNll()) && Arrays.equals(a.log10Params(), b.log10Params());
    }

    private static String nats(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? "\u221e" : fmt(v, 2);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "\u2014" : Double.isInfinite(v) ? "\u221e" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
