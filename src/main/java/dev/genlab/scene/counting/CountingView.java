package dev.genlab.scene.counting;

import java.math.BigInteger;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.PlotTheme;

/**
 * The counting scene's figures: parameter counts of every family against image size (log scale),
 * the exact counts at the current size, and each fitted model's samples and likelihoods.
 */
final class CountingView extends VBox {

    final LineChartPlot chart = new LineChartPlot();
    /** Under the chart: where the full joint leaves it, or the best k and m of the NLL curves. */
    final Label chartText = new Label();
    final Label heading = new Label();
    final GridPane table = new GridPane();
    final TextArea full = new TextArea();
    final AllImagesView allImages = new AllImagesView();
    final Label note = new Label();
    /** Colour pixels' counts and channel masks, shown by the "Colour pixels" knob above the table. */
    final ColourView colour = new ColourView();
    private CountingSnapshot last;
    private boolean showFull;
    /** What the chart shows now: "counts", "nll" or null (to be drawn again, e.g. in another language). */
    private String chartKind;
    /** The NLL curves it was last drawn from. */
    private CountingSnapshot.Curves curvesShown;
    private final javafx.beans.InvalidationListener languageListener = o -> {
        if (last != null) {
            chartKind = null;
            show(last);
        }
    };

    CountingView() {
        setSpacing(6);
        setPadding(new Insets(6));
        chart.setId("counting-chart");
        chart.setPrefHeight(150);
        // its legend takes two rows above the plot: the plot keeps about 80 px when the knob panel is open
        chart.setMinHeight(165);
        // a third: six model names in its legend
        chart.keepHeightShare(this, 0.33);
        chartText.setId("counting-chart-text");
        chartText.getStyleClass().add("readout");
        chartText.setWrapText(true);
        chartText.setMinHeight(Label.USE_PREF_SIZE);
        heading.setId("counting-heading");
        heading.getStyleClass().add("readout");
        table.setId("counting-table");
        table.setHgap(14);
        table.setVgap(4);
        full.setId("counting-full");
        full.setEditable(false);
        full.setWrapText(true);
        full.setPrefRowCount(4);
        full.setStyle("-fx-font-family: monospace;");
        allImages.setId("counting-all-images");
        note.setWrapText(true);
        note.setId("counting-note");
        colour.setVisible(false);
        colour.setManaged(false);
        ScrollPane tableScroll = new ScrollPane(table);
        tableScroll.setFitToWidth(true);
        tableScroll.setPrefViewportHeight(230);
        VBox.setVgrow(tableScroll, Priority.ALWAYS);
        getChildren().addAll(chart, chartText, colour, heading, note, tableScroll, full, allImages);
        I18n.localeProperty().addListener(new javafx.beans.WeakInvalidationListener(languageListener));
        setShowFull(false);
    }

    void setShowFull(boolean on) {
        showFull = on;
        full.setVisible(on);
        full.setManaged(on);
        if (last != null) {
            full.setText(fullText(last));
        }
    }

    /** Colour pixels take the chart's place (the chart is about binary families); the binary table stays below. */
    void setShowColour(boolean on) {
        colour.setVisible(on);
        colour.setManaged(on);
        chart.setVisible(!on);
        chart.setManaged(!on);
        if (on) {
            chartText.setVisible(false);
            chartText.setManaged(false);
        } else if (last != null) {
            chartKind = null;
            show(last);
        }
        if (on && last != null) {
            colour.show(last.side());
        }
    }

    CountingSnapshot last() {
        return last;
    }

    void show(CountingSnapshot s) {
        boolean newCurves = last == null || last.log10Counts().size() != s.log10Counts().size()
                || !sameCurves(last, s);
        last = s;
        int n = s.side() * s.side();
        heading.setText(I18n.get("counting.heading", s.side(), n, s.trainCount(), s.testCount()));
        note.setText(s.message().isEmpty() ? "" : I18n.get(s.message()));
        if (s.chart().equals("nll")) {
            showNll(s);
        } else if (newCurves || !"counts".equals(chartKind)) {
            showCounts(s);
        }
        fillTable(s);
        if (colour.isVisible()) {
            colour.show(s.side());
            chartText.setVisible(false);
            chartText.setManaged(false);
        }
        full.setText(showFull ? fullText(s) : "");
        boolean two = !s.allImages().isEmpty();
        allImages.setVisible(two);
        allImages.setManaged(two);
        if (two) {
            List<String> names = new ArrayList<>();
            for (CountingSnapshot.Row r : s.rows()) {
                if (r.fitted()) {
                    names.add(name(r.id()));
                }
            }
            allImages.set(s.allImages(), names);
        }
    }

    /**
     * log10 of every family's parameter count against the image side. The y axis ends a little above
     * the largest of the other families, so that all of them are visible: the full joint (2^n − 1,
     * 237 digits at 28 × 28) leaves the chart at the top, and the line under the chart says where.
     */
    private void showCounts(CountingSnapshot s) {
        chartKind = "counts";
        chart.clearSeries();
        chart.xLabelProperty().set(I18n.get("counting.chartX"));
        chart.yLabelProperty().set(I18n.get("counting.chartY"));
        PlotTheme theme = PlotTheme.current();
        double top = 0;
        int full = -1;
        for (int i = 0; i < s.rows().size(); i++) {
            LineChartPlot.Series series = chart.addSeries(name(s.rows().get(i).id()), theme.seriesColor(i));
            double[] y = s.log10Counts().get(i);
            series.appendAll(s.sides(), y);
            if (s.rows().get(i).id().equals("full")) {
                full = i;
            } else {
                for (double v : y) {
                    top = Math.max(top, v);
                }
            }
        }
        double yMax = Math.ceil(top * 1.25 + 0.5);
        double[] sides = s.sides();
        chart.setDataExtent(new dev.genlab.plot.Extent(sides[0], sides[sides.length - 1], 0, yMax));
        String text = "";
        if (full >= 0) {
            double[] y = s.log10Counts().get(full);
            int leaves = -1;
            for (int k = 0; k < y.length; k++) {
                if (y[k] > yMax) {
                    leaves = k;
                    break;
                }
            }
            if (leaves >= 0) {
                int last = sides.length - 1;
                text = I18n.get("counting.chart.offTop", (int) sides[leaves], (int) sides[last],
                        (long) Math.floor(y[last]) + 1);
            }
        }
        chartText.setText(text);
        chartText.setVisible(!text.isEmpty());
        chartText.setManaged(!text.isEmpty());
    }

    /**
     * Train and held-out NLL of the Markov chain against k and of the causal neighbourhood against m
     * at this image size: the held-out curves fall, then rise once the tables outgrow the training images.
     */
    private void showNll(CountingSnapshot s) {
        CountingSnapshot.Curves c = s.curves();
        if (!"nll".equals(chartKind) || c != curvesShown || c == null) {
            chartKind = "nll";
            curvesShown = c;
            chart.clearSeries();
            chart.setDataExtent(null);
            chart.xLabelProperty().set(I18n.get("counting.nllX"));
            chart.yLabelProperty().set(I18n.get("counting.nllY"));
            if (c != null) {
                PlotTheme theme = PlotTheme.current();
                chart.addSeries(I18n.get("counting.series.markovTest"), theme.seriesColor(2))
                        .appendAll(indices(c.markovTest().length), c.markovTest());
                chart.addSeries(I18n.get("counting.series.markovTrain"), theme.seriesColor(2).deriveColor(0, 0.6, 1.2, 0.6))
                        .appendAll(indices(c.markovTrain().length), c.markovTrain());
                chart.addSeries(I18n.get("counting.series.neighbourTest"), theme.seriesColor(3))
                        .appendAll(indices(c.neighbourTest().length), c.neighbourTest());
                chart.addSeries(I18n.get("counting.series.neighbourTrain"), theme.seriesColor(3).deriveColor(0, 0.6, 1.2, 0.6))
                        .appendAll(indices(c.neighbourTrain().length), c.neighbourTrain());
            }
        }
        String text;
        if (c == null) {
            text = I18n.get("counting.nll.fitting");
        } else {
            int bk = CountingSnapshot.Curves.argmin(c.markovTest());
            int bm = CountingSnapshot.Curves.argmin(c.neighbourTest());
            text = bk < 0 || bm < 0 ? I18n.get("counting.nll.infinite")
                    : I18n.get("counting.nll.best", bk, nats(c.markovTest()[bk]), bm, nats(c.neighbourTest()[bm]),
                    s.markovK(), nats(at(c.markovTest(), s.markovK())), s.neighbourM(),
                    nats(at(c.neighbourTest(), s.neighbourM())));
        }
        chartText.setText(text);
        chartText.setVisible(true);
        chartText.setManaged(true);
    }

    private static double at(double[] v, int i) {
        return i >= 0 && i < v.length ? v[i] : Double.NaN;
    }

    private static double[] indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static boolean sameCurves(CountingSnapshot a, CountingSnapshot b) {
        for (int i = 0; i < a.log10Counts().size(); i++) {
            if (!java.util.Arrays.equals(a.log10Counts().get(i), b.log10Counts().get(i))
                    || !a.rows().get(i).id().equals(b.rows().get(i).id())) {
                return false;
            }
        }
        return true;
    }

    private void fillTable(CountingSnapshot s) {
        table.getChildren().clear();
        String[] head = {"counting.col.model", "counting.col.params", "counting.col.train", "counting.col.test",
                "counting.col.bits"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(I18n.get(head[c]));
            l.setStyle("-fx-font-weight: bold;");
            l.setMinWidth(Label.USE_PREF_SIZE);
            table.add(l, c, 0);
        }
        int n = s.side() * s.side();
        int row = 1;
        for (CountingSnapshot.Row r : s.rows()) {
            Label name = new Label(name(r.id()));
            Label params = new Label(exact(r.params()));
            name.setMinWidth(Label.USE_PREF_SIZE);
            params.setMinWidth(Label.USE_PREF_SIZE);
            params.setId("count-" + r.id());
            table.add(name, 0, row);
            table.add(params, 1, row);
            if (r.fitted()) {
                Label train = new Label(nats(r.trainNll()));
                Label test = new Label(nats(r.testNll()));
                Label bits = new Label(number(r.testBitsPerPixel(n), 3));
                train.setId("train-nll-" + r.id());
                test.setId("test-nll-" + r.id());
                table.add(train, 2, row);
                table.add(test, 3, row);
                table.add(bits, 4, row);
                ImageGridPlot samples = new ImageGridPlot();
                samples.setId("samples-" + r.id());
                samples.setImages(r.samples(), s.side(), s.side(), r.samples().size());
                samples.setPrefSize(8 * 40, 40);
                samples.setMinSize(8 * 30, 34);
                row++;
                table.add(samples, 0, row, 5, 1);
            } else {
                Label counted = new Label(I18n.get("counting.countedOnly"));
                counted.setStyle("-fx-opacity: 0.7;");
                table.add(counted, 2, row, 4, 1);
            }
            row++;
        }
    }

    private static String fullText(CountingSnapshot s) {
        int n = s.side() * s.side();
        BigInteger v = BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE);
        return "2^" + n + " \u2212 1 = " + v + "\n(" + I18n.get("counting.digits", v.toString().length()) + ")";
    }

    static String name(String id) {
        return I18n.get("counting.family." + id);
    }

    /** An exact integer: in full up to 15 digits, else as a power of ten with its digit count. */
    static String exact(BigInteger v) {
        String digits = v.toString();
        if (digits.length() <= 15) {
            return NumberFormat.getIntegerInstance(I18n.getLocale()).format(v);
        }
        String mant = digits.charAt(0) + "." + digits.substring(1, 3);
        return mant + " \u00d7 10^" + (digits.length() - 1) + "  (" + I18n.get("counting.digits", digits.length()) + ")";
    }

    private static String nats(double v) {
        return number(v, 2);
    }

    private static String number(double v, int decimals) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? "\u221e" : fmt(v, decimals);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
