package dev.genlab.scene.autoregressive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.PlotTheme;

/**
 * The neural autoregressive scene's figures. Left: training-batch and held-out NLL against the
 * step, with the independent and Markov baselines as dashed lines and the run before the last
 * reset as a thin curve; read-outs of the NLL, the architecture and the two timings (a parallel
 * training step, a sequential sample). Right, by the view knob: the grid of samples, the
 * pixel-by-pixel sampler with its estimate map, the receptive field, or the inpainting canvas.
 */
final class AutoregressiveView extends HBox {

    static final int INK = 0xFF000000;
    static final int PAPER = 0xFFFFFFFF;
    static final int UNDRAWN = 0xFFB8B8B8;
    static final int LATER = 0xFFE8E8E8;
    /** What the layers not counted add to the field; the field's caption names it, as the parts below. */
    static final FigureColour DEEPER = FigureColour.PALE_ORANGE;
    // the parts a lesson's text names, as {colour:KEY} with the keys of AutoregressiveScene.DESCRIPTOR
    /** The training-batch NLL curve ({@code batch}). */
    static final FigureColour BATCH = FigureColour.GREY;
    /** The held-out NLL curve ({@code held-out}). */
    static final FigureColour HELD_OUT = FigureColour.VERMILION;
    /** The run before the last reset ({@code previous-run}). */
    static final FigureColour PREVIOUS = FigureColour.BLUE;
    /** The next pixel of the sampler, the pixel of the receptive field ({@code next-pixel}). */
    static final FigureColour CURRENT = FigureColour.BLUE;
    /** The receptive field of the layers counted ({@code field}). */
    static final FigureColour FIELD = FigureColour.ORANGE;
    /** Earlier pixels within the stack's reach that no layer sees ({@code blind-spot}). */
    static final FigureColour BLIND = FigureColour.VERMILION;
    /** Earlier pixels beyond the stack's reach ({@code far}). */
    static final FigureColour FAR = FigureColour.LIGHT_GREY;

    final LineChartPlot nll = new LineChartPlot();
    final Label note = new Label();
    final Label nllText = new Label();
    final Label archText = new Label();
    final Label timeText = new Label();
    final Label previousText = new Label();
    final Label passText = new Label();

    final ImageGridPlot samples = new ImageGridPlot();
    final Label samplesText = new Label();
    final PixelGridFigure sampler = new PixelGridFigure();
    final PixelGridFigure estimates = new PixelGridFigure();
    final Label samplerText = new Label();
    final Label estimateText = new Label();
    final PixelGridFigure field = new PixelGridFigure();
    final Label fieldText = new Label();
    final MadeMaskFigure masks = new MadeMaskFigure();
    final Label masksText = new Label();
    final PixelGridFigure canvas = new PixelGridFigure();
    final ImageGridPlot completions = new ImageGridPlot();
    final Button testImage = new Button();
    final Button clear = new Button();
    final Label inpaintText = new Label();

    private final VBox trainPanel;
    private final VBox samplePanel;
    private final VBox fieldPanel;
    private final VBox inpaintPanel;
    /** The continuous panel: RNADE on 2-D points, in place of both columns of the image models. */
    final RnadePanel continuous = new RnadePanel();
    private final VBox left;
    private final StackPane right;
    private AutoregressiveSnapshot last;
    private AutoregressiveSnapshot curvesShown;
    private LineChartPlot.Series batchSeries;
    private LineChartPlot.Series testSeries;
    private byte[] samplesShown;
    private byte[] completionsShown;
    private AutoregressiveParams.Panel currentView = AutoregressiveParams.Panel.TRAIN;
    /** The canvas as the student left it, ahead of the trainer's copy while a stroke is drawn. */
    private byte[] drawing;

    AutoregressiveView() {
        setSpacing(8);
        setPadding(new Insets(4, 6, 4, 6));
        nll.setId("ar-nll-chart");
        note.setId("ar-note");
        nllText.setId("ar-nll");
        archText.setId("ar-arch");
        timeText.setId("ar-time");
        previousText.setId("ar-previous");
        passText.setId("ar-passes");
        masks.setId("ar-made-masks");
        masksText.setId("ar-made-masks-text");
        samples.setId("ar-samples");
        samplesText.setId("ar-samples-text");
        sampler.setId("ar-sampler");
        estimates.setId("ar-estimates");
        samplerText.setId("ar-sampler-text");
        estimateText.setId("ar-estimate-text");
        field.setId("ar-field");
        fieldText.setId("ar-field-text");
        canvas.setId("ar-canvas");
        completions.setId("ar-completions");
        testImage.setId("ar-test-image");
        clear.setId("ar-clear");
        inpaintText.setId("ar-inpaint-text");
        for (Label l : new Label[] {note, nllText, archText, passText, timeText, previousText, samplesText, samplerText,
                estimateText, fieldText, masksText, inpaintText}) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(Label.USE_PREF_SIZE);
        }
        testImage.textProperty().bind(I18n.bind("ar.inpaint.testImage"));
        clear.textProperty().bind(I18n.bind("ar.inpaint.clear"));
        nll.setPrefHeight(260);
        nll.setMinHeight(120);
        nll.keepHeightShare(this, 0.25);
        VBox.setVgrow(nll, Priority.ALWAYS);
        left = new VBox(3, note, nll, nllText, previousText, archText, passText, timeText);

        samples.setPrefSize(300, 300);
        samples.setMinSize(120, 120);
        VBox.setVgrow(samples, Priority.ALWAYS);
        trainPanel = new VBox(3, samples, samplesText);

        sampler.setPrefSize(300, 200);
        sampler.setMinSize(120, 100);
        estimates.setPrefSize(300, 200);
        estimates.setMinSize(120, 100);
        VBox.setVgrow(sampler, Priority.ALWAYS);
        VBox.setVgrow(estimates, Priority.ALWAYS);
        samplePanel = new VBox(3, sampler, samplerText, estimates, estimateText);

        field.setPrefSize(300, 300);
        field.setMinSize(120, 120);
        VBox.setVgrow(field, Priority.ALWAYS);
        masks.setPrefSize(300, 300);
        masks.setMinSize(100, 120);
        // MADE's masks beside its receptive field, the captions under both (hidden for the other models)
        HBox fieldFigures = new HBox(6, masks, field);
        HBox.setHgrow(masks, Priority.ALWAYS);
        HBox.setHgrow(field, Priority.ALWAYS);
        VBox.setVgrow(fieldFigures, Priority.ALWAYS);
        fieldPanel = new VBox(3, fieldFigures, masksText, fieldText);

        canvas.setPrefSize(300, 200);
        canvas.setMinSize(120, 100);
        completions.setPrefSize(300, 170);
        completions.setMinSize(120, 110);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        VBox.setVgrow(completions, Priority.ALWAYS);
        HBox buttons = new HBox(6, testImage, clear);
        inpaintPanel = new VBox(3, canvas, buttons, inpaintText, completions);

        right = new StackPane(trainPanel, samplePanel, fieldPanel, inpaintPanel);
        left.setMinWidth(0);
        right.setMinWidth(0);
        left.setPrefWidth(380);
        right.setPrefWidth(300);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox.setHgrow(continuous, Priority.ALWAYS);
        continuous.setMinWidth(0);
        getChildren().addAll(left, right, continuous);
        showPanel(AutoregressiveParams.Panel.TRAIN);
        I18n.localeProperty().addListener(new WeakInvalidationListener(languageListener));
    }

    private final InvalidationListener languageListener = o -> {
        if (last != null) {
            curvesShown = null;
            samplesShown = null;
            completionsShown = null;
            show(last, currentView);
            continuous.show(last.continuous(), true);
        }
    };

    AutoregressiveSnapshot last() {
        return last;
    }

    void showPanel(AutoregressiveParams.Panel view) {
        currentView = view;
        trainPanel.setVisible(view == AutoregressiveParams.Panel.TRAIN);
        samplePanel.setVisible(view == AutoregressiveParams.Panel.SAMPLE);
        fieldPanel.setVisible(view == AutoregressiveParams.Panel.FIELD);
        inpaintPanel.setVisible(view == AutoregressiveParams.Panel.INPAINT);
        boolean cont = view == AutoregressiveParams.Panel.CONTINUOUS;
        for (javafx.scene.Node n : new javafx.scene.Node[] {left, right}) {
            n.setVisible(!cont);
            n.setManaged(!cont);
        }
        continuous.setVisible(cont);
        continuous.setManaged(cont);
    }

    /** The inpainting canvas as the student is drawing it (null: as the trainer last reported). */
    void setDrawing(byte[] bits) {
        drawing = bits == null ? null : bits.clone();
        if (last != null) {
            showInpaint(last);
        }
    }

    byte[] drawing() {
        return drawing != null ? drawing.clone() : last == null ? null : last.inpaintInput().clone();
    }

    void show(AutoregressiveSnapshot s, AutoregressiveParams.Panel view) {
        last = s;
        showPanel(view);
        if (view == AutoregressiveParams.Panel.CONTINUOUS) {
            continuous.show(s.continuous(), false);
            return;
        }
        // the message holds one or more keys separated by spaces
        note.setText(s.message().isEmpty() ? ""
                : java.util.Arrays.stream(s.message().split(" ")).map(I18n::get).collect(java.util.stream.Collectors.joining(" ")));
        note.setVisible(!s.message().isEmpty());
        note.setManaged(!s.message().isEmpty());
        if (s.side() == 0) {
            nll.clearSeries();
            nll.clearReferenceLines();
            for (Label l : new Label[] {nllText, archText, passText, timeText, previousText, samplesText, samplerText,
                    estimateText, fieldText, masksText, inpaintText}) {
                l.setText("");
            }
            return;
        }
        showCurves(s);
        showReadouts(s);
        switch (view) {
            case SAMPLE -> showSampler(s);
            case FIELD -> showField(s);
            case INPAINT -> showInpaint(s);
            case TRAIN -> showSamples(s);
            case CONTINUOUS -> { }
        }
    }

    /** Appends the new points while a run goes on (a frame must not redraw thousands); rebuilds after a reset. */
    private void showCurves(AutoregressiveSnapshot s) {
        AutoregressiveSnapshot c = curvesShown;
        boolean sameRun = c != null && c.architecture().equals(s.architecture()) && c.previousY() == s.previousY()
                && c.previousLabel().equals(s.previousLabel())
                && c.independentNll() == s.independentNll() && c.trainX().length <= s.trainX().length
                && c.testX().length <= s.testX().length && batchSeries != null
                && batchSeries.size() == c.trainX().length && testSeries.size() == c.testX().length
                && (c.trainX().length == 0 || s.trainX()[c.trainX().length - 1] == c.trainX()[c.trainX().length - 1])
                && (c.testX().length == 0 || s.testX()[c.testX().length - 1] == c.testX()[c.testX().length - 1]);
        if (sameRun) {
            for (int i = c.trainX().length; i < s.trainX().length; i++) {
                batchSeries.append(s.trainX()[i], s.trainY()[i]);
            }
            for (int i = c.testX().length; i < s.testX().length; i++) {
                testSeries.append(s.testX()[i], s.testY()[i]);
            }
            curvesShown = s;
            return;
        }
        curvesShown = s;
        PlotTheme theme = PlotTheme.current();
        nll.clearSeries();
        nll.clearReferenceLines();
        nll.setXLabel(I18n.get("ar.chartX"));
        nll.setYLabel(I18n.get("ar.chartY"));
        batchSeries = nll.addSeries(I18n.get("ar.series.batch"), BATCH.color().deriveColor(0, 1, 1, 0.8));
        batchSeries.appendAll(s.trainX(), s.trainY());
        testSeries = nll.addSeries(I18n.get("ar.series.test"), HELD_OUT.color());
        testSeries.appendAll(s.testX(), s.testY());
        if (s.previousX().length > 0) {
            nll.addSeries(I18n.get("ar.series.previous", s.previousLabel()), PREVIOUS.color())
                    .appendAll(s.previousX(), s.previousY());
        }
        nll.addReferenceLine(s.independentNll(), I18n.get("ar.ref.independent"), theme.seriesColor(2));
        if (s.markovK() > 0) {
            nll.addReferenceLine(s.markovNll(), I18n.get("ar.ref.markov", s.markovK()), theme.seriesColor(4));
        }
        if (s.checkpointImages() >= 0 && s.testY().length > 0) {
            // the shipped network's held-out NLL where it starts, level with the baselines it is compared to
            nll.addReferenceLine(s.testY()[0], I18n.get("ar.ref.checkpoint", count((long) s.testX()[0])),
                    HELD_OUT.color());
        }
    }

    private void showReadouts(AutoregressiveSnapshot s) {
        double test = s.testNll();
        String readout = I18n.get("ar.readout", nats(test), fmt(s.bitsPerPixel(test), 3), count(s.steps()),
                nats(s.independentNll()), s.markovK(), nats(s.markovNll()), s.evalCount(), nats(s.recentTrainNll()),
                Double.isNaN(s.testSe()) ? "\u2014" : fmt(s.testSe(), 1));
        double[] best = s.bestTest();
        // only a rise beyond twice the standard error is more than the noise of 500 images
        if (best != null && test - best[1] > 2 * s.testSe()) {
            readout += " " + I18n.get("ar.readout.best", nats(best[1]), count((long) best[0]));
        }
        nllText.setText(readout);
        double prev = s.previousAtSameStep();
        if (s.previousX().length == 0) {
            previousText.setText("");
        } else if (Double.isNaN(prev)) {
            previousText.setText(I18n.get("ar.previous.shorter", s.previousLabel()));
        } else {
            previousText.setText(I18n.get("ar.previous", I18n.get("ar.arch.params", s.previousLabel(),
                    count(s.previousParams())), count(s.steps()), nats(prev),
                    signed(test - prev)));
        }
        String arch = I18n.get("ar.arch", s.architecture(), count(s.freeParams()), count(s.trainCount()),
                count(s.examples()));
        if (s.freeParams() != s.numParams()) {
            arch += " " + I18n.get("ar.arch.masked", count(s.numParams()));
        }
        archText.setText(s.checkpointImages() < 0 ? arch
                : arch + " " + I18n.get("ar.checkpoint", count(s.checkpointImages())));
        String batch = Double.isNaN(s.batchMs()) ? I18n.get("ar.time.noBatch")
                : I18n.get("ar.time.batch", s.batchSize(), s.pixels(), fmt(s.batchMs(), 1));
        String sample = Double.isNaN(s.sampleMs()) ? I18n.get("ar.time.noSample", s.pixels())
                : I18n.get("ar.time.sample", s.sampleBatch(), s.pixels(), fmt(s.sampleMs(), 0),
                fmt(s.sampleMs() / s.pixels(), 3));
        timeText.setText(batch + " " + sample);
        passText.setText(passes(s));
    }

    /** How many sequential steps ln p(x) of one image takes, and its multiply-adds, from the model's sizes. */
    static String passes(AutoregressiveSnapshot s) {
        return switch (s.model()) {
            case "nade" -> I18n.get("ar.passes.nade", s.passes(), count(s.multiplyAdds()), count(s.naiveMultiplyAdds()));
            case "made" -> I18n.get("ar.passes.made", s.passes(), s.pixels(), count(s.multiplyAdds()));
            case "fvsbn" -> I18n.get("ar.passes.fvsbn", s.passes(), s.pixels(), count(s.multiplyAdds()));
            default -> I18n.get("ar.passes.pixelcnn", s.passes(), s.pixels(), s.modelDepth());
        };
    }

    private void showSamples(AutoregressiveSnapshot s) {
        int n = s.pixels();
        int count = s.samples().length / Math.max(1, n);
        List<float[]> imgs = new ArrayList<>();
        for (int i = 0; i < count && samplesShown != s.samples(); i++) {
            imgs.add(paper(s.samples(), i * n, n));
        }
        if (samplesShown != s.samples()) {
            samplesShown = s.samples();
            samples.setImages(imgs, s.side(), s.side(), 4);
        }
        if (count == 0) {
            samplesText.setText(I18n.get("ar.samples.drawing", percent(s.jobProgress())));
        } else if (s.jobProgress() < 1) {
            samplesText.setText(I18n.get("ar.samples.at", count, count(s.samplesStep())) + " "
                    + I18n.get("ar.samples.next", percent(s.jobProgress())));
        } else {
            samplesText.setText(I18n.get("ar.samples.at", count, count(s.samplesStep())));
        }
    }

    private void showSampler(AutoregressiveSnapshot s) {
        int n = s.pixels();
        boolean[] drawn = new boolean[n];
        for (int t = 0; t < s.samplerStep(); t++) {
            drawn[s.order()[t]] = true;
        }
        int[] cells = new int[n];
        for (int q = 0; q < n; q++) {
            cells[q] = !drawn[q] ? UNDRAWN : s.sampler()[q] == 1 ? INK : PAPER;
        }
        sampler.setCells(s.side(), cells);
        sampler.clearOutlines();
        int next = s.samplerNext();
        if (next >= 0) {
            sampler.outline(next, CURRENT.color(), 3);
        }
        sampler.setBar(s.samplerP(), I18n.get("ar.sampler.bar"));
        if (next < 0) {
            samplerText.setText(I18n.get("ar.sampler.complete", nats(s.samplerNll())));
        } else {
            samplerText.setText(I18n.get("ar.sampler.next", s.samplerStep() + 1, n, next / s.side(), next % s.side(),
                    fmt(s.samplerP(), 3), nats(s.samplerNll())));
        }
        // the estimate map: drawn pixels as they are, the rest coloured by the estimated p(x = 1)
        int[] est = new int[n];
        boolean have = s.estimates().length == n;
        boolean[] drawnThen = new boolean[n];
        for (int t = 0; t < Math.max(0, s.estimateStep()); t++) {
            drawnThen[s.order()[t]] = true;
        }
        for (int q = 0; q < n; q++) {
            if (!have) {
                est[q] = UNDRAWN;
            } else if (drawnThen[q]) {
                est[q] = s.sampler()[q] == 1 ? INK : PAPER;
            } else {
                est[q] = ColorMap.VIRIDIS.argb(s.estimates()[q]);
            }
        }
        estimates.setCells(s.side(), est);
        estimates.setBar(have && next >= 0 ? s.estimates()[next] : Double.NaN, I18n.get("ar.estimate.bar"));
        if (!have) {
            estimateText.setText(I18n.get("ar.estimate.waiting", s.estimateCount(), percent(s.jobProgress())));
        } else {
            String at = I18n.get("ar.estimate.at", s.estimateCount(), s.estimateStep());
            estimateText.setText(s.estimateStep() == s.samplerStep() ? at
                    : at + " " + I18n.get("ar.estimate.behind", s.samplerStep(), percent(s.jobProgress())));
        }
    }

    private void showField(AutoregressiveSnapshot s) {
        int n = s.pixels();
        int[] position = new int[n];
        for (int t = 0; t < n; t++) {
            position[s.fieldArch().equals("model") ? s.order()[t] : t] = t;
        }
        int p = s.fieldPixel();
        int[] cells = new int[n];
        // the box of rows and columns the whole stack reaches: an earlier pixel inside it that no layer
        // sees is in the blind spot, not merely too far for the stack
        int top = p / s.side();
        int left = p % s.side();
        int right = p % s.side();
        for (int q = 0; q < n; q++) {
            if (s.fullField()[q]) {
                top = Math.min(top, q / s.side());
                left = Math.min(left, q % s.side());
                right = Math.max(right, q % s.side());
            }
        }
        int seen = 0;
        int blind = 0;
        for (int q = 0; q < n; q++) {
            boolean earlier = position[q] < position[p];
            if (s.field()[q]) {
                cells[q] = FIELD.argb();
                seen++;
            } else if (s.fullField()[q]) {
                cells[q] = DEEPER.argb();
            } else if (earlier && q / s.side() >= top && q % s.side() >= left && q % s.side() <= right) {
                cells[q] = BLIND.argb();
                blind++;
            } else {
                cells[q] = earlier ? FAR.argb() : LATER;
            }
        }
        cells[p] = CURRENT.argb();
        field.setCells(s.side(), cells);
        field.clearOutlines();
        field.outline(p, CURRENT.color(), 3);
        Locale ui = I18n.getLocale();
        showMasks(s);
        if (!s.fieldArch().equals("model")) {
            String steps = I18n.get(s.fieldSteps() == 1 ? "ar.field.steps.parallel" : "ar.field.steps."
                    + s.fieldArch(), s.fieldSteps());
            fieldText.setText(I18n.get("ar.field.arch", p / s.side(), p % s.side(), s.fieldDepth(), s.maxDepth(), seen,
                    position[p], blind, FIELD.label(ui), DEEPER.label(ui), BLIND.label(ui), FAR.label(ui),
                    I18n.get("ar.fieldArch." + s.fieldArch()), steps));
            return;
        }
        fieldText.setText(I18n.get(s.model().equals("nade") ? "ar.field.nade" : s.model().equals("made") ? "ar.field.made"
                : s.model().equals("fvsbn") ? "ar.field.fvsbn"
                : "ar.field.pixelcnn",
                p / s.side(), p % s.side(), s.fieldDepth(), s.maxDepth(), seen, position[p], blind,
                FIELD.label(ui), DEEPER.label(ui), BLIND.label(ui), FAR.label(ui)));
    }

    /** MADE's masks and connectivity check above its receptive field; hidden for the other models. */
    private void showMasks(AutoregressiveSnapshot s) {
        MadeView v = s.fieldArch().equals("model") ? s.made() : null;
        masks.setVisible(v != null);
        masks.setManaged(v != null);
        masksText.setVisible(v != null);
        masksText.setManaged(v != null);
        masks.show(v);
        if (v == null) {
            masksText.setText("");
            return;
        }
        Locale ui = I18n.getLocale();
        var c = v.check();
        String check = I18n.get(c.autoregressive() ? "ar.made.check.ok" : "ar.made.check.broken",
                count(c.forbiddenConnected()), count(c.forbiddenPairs()));
        masksText.setText(I18n.get("ar.made.masks", v.hidden(), v.degrees()[0], v.degrees()[v.hidden() - 1],
                count(v.keptIn()), count((long) v.hidden() * v.inputs()), count(v.keptOut()),
                count(c.allowedConnected()), count(c.allowedPairs()), MadeMaskFigure.KEPT.label(ui),
                MadeMaskFigure.GAP.label(ui)) + " " + check);
    }

    private void showInpaint(AutoregressiveSnapshot s) {
        int n = s.pixels();
        byte[] input = drawing != null ? drawing : s.inpaintInput();
        int[] position = new int[n];
        for (int t = 0; t < n; t++) {
            position[s.order()[t]] = t;
        }
        int[] cells = new int[n];
        for (int q = 0; q < n; q++) {
            boolean given = position[q] < s.keepSteps();
            cells[q] = input[q] == 1 ? (given ? INK : 0xFF707070) : (given ? PAPER : 0xFFD8D8D8);
        }
        canvas.setCells(s.side(), cells);
        boolean raster = isRaster(s.order());
        canvas.setCutRow(raster ? s.keepSteps() / (double) s.side() : -1);
        int count = s.completionCount();
        List<float[]> imgs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            imgs.add(paper(s.completions(), i * n, n));
        }
        if (completionsShown != s.completions()) {
            completionsShown = s.completions();
            completions.setImages(imgs, s.side(), s.side(), 4);
        }
        String what = I18n.get(raster ? "ar.inpaint.raster" : "ar.inpaint.random", s.keepSteps() / s.side(),
                s.keepSteps());
        inpaintText.setText(s.jobProgress() < 1 ? what + " " + I18n.get("ar.inpaint.working", percent(s.jobProgress()))
                : what);
    }

    static boolean isRaster(int[] order) {
        for (int t = 0; t < order.length; t++) {
            if (order[t] != t) {
                return false;
            }
        }
        return true;
    }

    /** Bits as a printed page: ink black (0), paper white (1). */
    private static float[] paper(byte[] bits, int from, int n) {
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            out[j] = bits[from + j] == 1 ? 0f : 1f;
        }
        return out;
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * Math.max(0, Math.min(1, p)));
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String nats(double v) {
        return Double.isNaN(v) ? "\u2014" : Double.isInfinite(v) ? "\u221e" : fmt(v, 1);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "\u2014" : Double.isInfinite(v) ? "\u221e"
                : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
