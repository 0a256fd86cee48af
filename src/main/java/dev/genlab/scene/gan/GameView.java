package dev.genlab.scene.gan;

import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.model.gan.Discriminator1D;
import dev.genlab.model.gan.Game1D;
import dev.genlab.model.gan.GeneratorLoss;
import dev.genlab.model.gan.Interval;
import dev.genlab.model.gan.OptimalDiscriminator;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HoverProvider;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.Grids;

/**
 * Lesson 8's first panel, the exact game in one dimension. Left: p_data and p_g over x, and under them
 * the optimal discriminator D*(x) = p_data / (p_data + p_g) beside the discriminator the generator plays
 * against. Right: the generator's two losses as functions of D(G(z)), the size of the gradient each
 * sends back through D's logit (d for log(1 − d), 1 − d for −log d: the saturating loss starves when D
 * rejects the fakes), and the game's value V(D*, G) = −log 4 + 2·JSD over the steps taken. Below, the
 * numbers, all by quadrature ({@link Game1D}).
 */
final class GameView extends BorderPane {

    static final FigureColour DATA = FigureColour.BLUE;
    static final FigureColour GENERATOR = FigureColour.ORANGE;
    static final FigureColour OPTIMAL = FigureColour.GREY;
    static final FigureColour STUDENT = FigureColour.CYAN;
    static final FigureColour SATURATING = FigureColour.VERMILION;
    static final FigureColour NON_SATURATING = FigureColour.SKY_BLUE;
    static final FigureColour HISTORY_VALUE = FigureColour.WARM_RED;
    static final FigureColour HISTORY_JSD = FigureColour.COOL_BLUE;
    /** Points on x for the density and discriminator curves. */
    static final int POINTS = 401;
    /** The x axis never extends past ±X_LIMIT (the knobs keep the data within ±4 with sd ≤ 2). */
    static final double X_LIMIT = 9;
    static final double LOG4 = Math.log(4);

    final CurvePlot densities = new CurvePlot();
    final CurvePlot discriminator = new CurvePlot();
    final CurvePlot losses = new CurvePlot();
    final CurvePlot slopes = new CurvePlot();
    final CurvePlot history = new CurvePlot();
    final Button trainD = new Button();
    final Label readout = new Label();
    final Label gradients = new Label();
    final Label message = new Label();
    private final javafx.scene.layout.FlowPane key = new javafx.scene.layout.FlowPane(10, 2);
    private GameState.Shown last;

    GameView() {
        setId("gan-game");
        densities.setId("gan-game-densities");
        discriminator.setId("gan-game-d");
        losses.setId("gan-game-losses");
        slopes.setId("gan-game-slopes");
        history.setId("gan-game-history");
        trainD.setId("gan-train-d");
        readout.setId("gan-game-readout");
        gradients.setId("gan-game-gradients");
        message.setId("gan-game-message");
        trainD.textProperty().bind(I18n.bind("gan.trainD"));
        densities.setXLabel("x");
        densities.yLabelProperty().bind(I18n.bind("gan.axis.density"));
        discriminator.setXLabel("x");
        discriminator.yLabelProperty().bind(I18n.bind("gan.axis.d"));
        losses.xLabelProperty().bind(I18n.bind("gan.axis.dOfFake"));
        losses.yLabelProperty().bind(I18n.bind("gan.axis.loss"));
        slopes.xLabelProperty().bind(I18n.bind("gan.axis.dOfFake"));
        slopes.yLabelProperty().bind(I18n.bind("gan.axis.slope"));
        history.xLabelProperty().bind(I18n.bind("gan.axis.steps"));
        history.yLabelProperty().bind(I18n.bind("gan.axis.value"));
        for (CurvePlot p : List.of(densities, discriminator, losses, slopes, history)) {
            p.setMinSize(120, 90);
            p.setZoomPanEnabled(false);
        }
        discriminator.setHoverProvider((x, y) -> last == null ? null
                : HoverProvider.format(x, y, "D*(x)", last.game().optimalDiscriminator().value(x)));
        densities.setHoverProvider((x, y) -> last == null ? null
                : HoverProvider.format(x, y, "p_data(x)", last.game().data().pdf(x)));
        Grids.readout(readout, gradients, message);
        message.setStyle("-fx-text-fill: #c0392b;");
        // one colour key under the figures instead of a legend beside each: five legends took half the
        // figures' width on a 1280 × 800 window
        for (CurvePlot p : List.of(densities, discriminator, losses, slopes, history)) {
            p.setLegendVisible(false);
        }
        key.setId("gan-game-key");
        // two rows, so that every figure keeps at least a quarter of the height on a 1280 × 720 projector
        // (three stacked on the right were 110 px high there)
        var top = Grids.row(new double[] {50, 25, 25}, densities, losses, slopes);
        var bottom2 = Grids.row(new double[] {50, 50}, discriminator, history);
        setCenter(Grids.column(new double[] {50, 50}, top, bottom2));
        VBox bottom = new VBox(2, key, new HBox(6, trainD), readout, gradients, message);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        setBottom(bottom);
    }

    GameState.Shown last() {
        return last;
    }

    /** Draws a state of the game. */
    void show(GameState.Shown s, boolean networkChosen) {
        last = s;
        message.setText("");
        PlotTheme theme = PlotTheme.current();
        Game1D game = s.game();
        Interval r = game.range();
        double lo = Math.max(-X_LIMIT, r.lo());
        double hi = Math.min(X_LIMIT, r.hi());
        double[] xs = new double[POINTS];
        double[] pd = new double[POINTS];
        double[] pg = new double[POINTS];
        double[] dStar = new double[POINTS];
        double[] dNow = new double[POINTS];
        OptimalDiscriminator opt = game.optimalDiscriminator();
        Discriminator1D d = s.d();
        for (int i = 0; i < POINTS; i++) {
            double x = lo + (hi - lo) * i / (POINTS - 1);
            xs[i] = x;
            pd[i] = game.data().pdf(x);
            pg[i] = game.generator().density(x);
            dStar[i] = opt.value(x);
            dNow[i] = d.value(x);
        }
        densities.clearCurves();
        densities.put(new CurvePlot.Curve(I18n.get("gan.legend.data"), xs, pd, DATA.color(), true));
        densities.put(new CurvePlot.Curve(I18n.get("gan.legend.generator"), xs, pg, GENERATOR.color(), true));
        discriminator.clearCurves();
        discriminator.setDataExtent(new Extent(lo, hi, 0, 1.05));
        discriminator.put(new CurvePlot.Curve("D*(x)", xs, dStar, OPTIMAL.color(), false));
        if (!(d instanceof OptimalDiscriminator)) {
            discriminator.put(new CurvePlot.Curve(I18n.get("gan.legend.studentD"), xs, dNow, STUDENT.color(), false));
        }
        drawLosses(s.meanD(), theme);
        double[][] h = s.history();
        double[] floor = new double[h[0].length];
        java.util.Arrays.fill(floor, -LOG4);
        history.clearCurves();
        // V(D*, G) lies in [−log 4, 0] and the JSD in [0, log 2]: one fixed range, rounds from 0
        double rounds = h[0].length == 0 ? 0 : h[0][h[0].length - 1];
        history.setDataExtent(new Extent(0, Math.max(10, rounds), -1.45, 0.75));
        history.put(new CurvePlot.Curve("\u2212log 4", h[0], floor, OPTIMAL.color(), false));
        history.put(new CurvePlot.Curve("V(D*, G)", h[0], h[1], HISTORY_VALUE.color(), false));
        history.put(new CurvePlot.Curve("JSD", h[0], h[2], HISTORY_JSD.color(), false));
        showKey(!(d instanceof OptimalDiscriminator));
        trainD.setDisable(!networkChosen);
        readout.setText(I18n.get("gan.game.readout", fmt(s.value()), fmt(s.optimal()), fmt(-LOG4), fmt(s.jsd()),
                fmt(Math.log(2)), fmt(s.klData()), fmt(s.klModel())));
        gradients.setText(I18n.get("gan.game.gradients", fmt(s.meanD()), vector(s.gradSat()), norm(s.gradSat()),
                vector(s.gradNonSat()), norm(s.gradNonSat())));
    }

    /** The colour key: one chip and name per curve shown. */
    private void showKey(boolean studentD) {
        key.getChildren().clear();
        chip(DATA, I18n.get("gan.legend.data"));
        chip(GENERATOR, I18n.get("gan.legend.generator"));
        chip(OPTIMAL, "D*(x), \u2212log 4");
        if (studentD) {
            chip(STUDENT, I18n.get("gan.legend.studentD"));
        }
        chip(SATURATING, I18n.get("gan.legend.saturating"));
        chip(NON_SATURATING, I18n.get("gan.legend.nonSaturating"));
        chip(HISTORY_VALUE, "V(D*, G)");
        chip(HISTORY_JSD, "JSD");
    }

    private void chip(FigureColour c, String name) {
        javafx.scene.shape.Rectangle r = new javafx.scene.shape.Rectangle(10, 10, c.color());
        Label l = new Label(name, r);
        l.getStyleClass().add("readout");
        key.getChildren().add(l);
    }

    /** The two losses and their slopes in D's logit over d = D(G(z)), with the current E_g[D] marked. */
    private void drawLosses(double meanD, PlotTheme theme) {
        int n = 199;
        double[] dd = new double[n];
        double[] sat = new double[n];
        double[] nonSat = new double[n];
        double[] sSat = new double[n];
        double[] sNon = new double[n];
        for (int i = 0; i < n; i++) {
            double d = (i + 1) / (double) (n + 1);
            dd[i] = d;
            sat[i] = GeneratorLoss.SATURATING.value(d);
            nonSat[i] = GeneratorLoss.NON_SATURATING.value(d);
            double logit = Math.log(d / (1 - d));
            sSat[i] = Math.abs(GeneratorLoss.SATURATING.derivativeWrtLogit(logit));
            sNon[i] = Math.abs(GeneratorLoss.NON_SATURATING.derivativeWrtLogit(logit));
        }
        losses.clearCurves();
        losses.put(new CurvePlot.Curve("log(1 \u2212 D(G(z)))", dd, sat, SATURATING.color(), false));
        losses.put(new CurvePlot.Curve("\u2212log D(G(z))", dd, nonSat, NON_SATURATING.color(), false));
        slopes.clearCurves();
        slopes.setDataExtent(new Extent(0, 1, 0, 1.05));
        slopes.put(new CurvePlot.Curve("|\u2202/\u2202a log(1 \u2212 \u03c3(a))| = D", dd, sSat, SATURATING.color(), false));
        slopes.put(new CurvePlot.Curve("|\u2202/\u2202a \u2212log \u03c3(a)| = 1 \u2212 D", dd, sNon,
                NON_SATURATING.color(), false));
        if (Double.isFinite(meanD)) {
            slopes.setPoints(new double[] {meanD, meanD}, new double[] {meanD, 1 - meanD}, theme.text());
        }
    }

    void showError(String text) {
        message.setText(text);
    }

    /** Four decimals; a value that rounds to 0 shows as 0.0000, never −0.0000. */
    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", Math.abs(v) < 5e-5 ? 0.0 : v);
    }

    private static String vector(double[] g) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < g.length; i++) {
            b.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", g[i]));
        }
        return b.append(')').toString();
    }

    private static String norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return String.format(Locale.ROOT, "%.3g", Math.sqrt(s));
    }
}
