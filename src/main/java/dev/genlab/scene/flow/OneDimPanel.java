package dev.genlab.scene.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;
import dev.genlab.model.flow.onedim.Affine1D;
import dev.genlab.model.flow.onedim.Base1D;
import dev.genlab.model.flow.onedim.ChangeOfVariables1D;
import dev.genlab.model.flow.onedim.Fold1D;
import dev.genlab.model.flow.onedim.Knots;
import dev.genlab.model.flow.onedim.PiecewiseLinearSpline;
import dev.genlab.model.flow.onedim.RationalQuadraticSpline;
import dev.genlab.model.flow.onedim.TanhWarp;
import dev.genlab.model.flow.onedim.Transform1D;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.ScenePanel;

/**
 * The 1-D change of variables x = f(z): the base density p_z with a few z-intervals shaded, the
 * map f with those intervals carried to their x-intervals (and the spline's draggable knots), the
 * stretch |f'(z)|, and p_x with the images of the intervals. Read-outs: ∫ p_x dx by quadrature, the
 * intervals' widths and masses, and p_x at the cursor as p_z term × Jacobian term. For a fold the
 * naive single-branch formula is drawn too, and its integral is shown failing to be 1.
 *
 * <p>Everything is plain double arithmetic on a few hundred points, recomputed on the JavaFX
 * thread in the same pulse as the slider or knot that moved.
 */
final class OneDimPanel extends BorderPane implements ScenePanel<FlowLabSnapshot> {

    private final javafx.beans.value.ChangeListener<java.util.Locale> languageListener;
    /** Only while shown: {@link #shown} computes it all again (a left scene's panel waits for the collector). */
    private final javafx.beans.InvalidationListener themeListener = o -> recomputeIfShown();

    static final int POINTS = 400;
    static final double PLOT_Z = 3.5;
    static final Knots DEFAULT_KNOTS = new Knots(new double[] {-2.5, -1.5, -0.5, 0.5, 1.5, 2.5},
            new double[] {-2.5, -1.2, -0.8, 0.8, 1.2, 2.5});
    private static final double GRAB_PX = 14;

    final CurvePlot pz = new CurvePlot();
    final CurvePlot fz = new CurvePlot();
    final CurvePlot df = new CurvePlot();
    final CurvePlot px = new CurvePlot();
    final Label integral = new Label();
    final Label decomposition = new Label();
    final Label intervals = new Label();
    final Label message = new Label();

    private final ParamSet params;
    private Knots knots = DEFAULT_KNOTS;
    private Transform1D lastAffine = new Affine1D(2, 1);
    private Transform1D lastTanh = new TanhWarp(2, 1, 0);
    private ChangeOfVariables1D cov;
    private double probeX = Double.NaN;
    private int dragKnot = -1;
    private String refusal = "";
    private long lastComputeNs;
    private final List<String> pxNames = new ArrayList<>();

    OneDimPanel(ParamSet params) {
        this.params = params;
        setId("flow-oned");
        pz.setId("flow-pz");
        fz.setId("flow-f");
        df.setId("flow-df");
        px.setId("flow-px");
        pz.xLabelProperty().set("z");
        pz.yLabelProperty().set("p_z(z)");
        fz.xLabelProperty().set("z");
        fz.yLabelProperty().set("x = f(z)");
        df.xLabelProperty().set("z");
        df.yLabelProperty().set("|f\u2032(z)|");
        px.xLabelProperty().set("x");
        px.yLabelProperty().set("p_x(x)");
        for (CurvePlot c : List.of(pz, fz, df)) {
            c.setLegendVisible(false);
        }
        for (CurvePlot c : List.of(pz, fz, df, px)) {
            c.setMinSize(120, 100);
            c.setZoomPanEnabled(false);
        }
        integral.setId("flow-integral");
        decomposition.setId("flow-decomposition");
        intervals.setId("flow-intervals");
        message.setId("flow-oned-message");
        for (Label l : List.of(integral, decomposition, intervals, message)) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        message.setStyle("-fx-text-fill: #c0392b;");
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(6);
        grid.add(pz, 0, 0);
        grid.add(fz, 1, 0);
        grid.add(df, 0, 1);
        grid.add(px, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        VBox readouts = new VBox(3, integral, decomposition, intervals, message);
        readouts.setPadding(new Insets(4, 8, 2, 8));
        setCenter(grid);
        setBottom(readouts);
        // a wide, low panel (presenter mode on a 16:9 projector) puts the read-outs right of the
        // figures: below them they took 40 % of the height and left each plot a strip
        javafx.beans.InvalidationListener place = o -> {
            boolean wide = getWidth() > 1.8 * getHeight() && getHeight() > 0;
            if (wide && getRight() != readouts) {
                setBottom(null);
                readouts.prefWidthProperty().bind(widthProperty().multiply(0.36));
                setRight(readouts);
            } else if (!wide && getBottom() != readouts) {
                setRight(null);
                readouts.prefWidthProperty().unbind();
                readouts.setPrefWidth(Region.USE_COMPUTED_SIZE);
                setBottom(readouts);
            }
        };
        widthProperty().addListener(place);
        heightProperty().addListener(place);
        setPadding(new Insets(6));
        px.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            PlotTransform t = px.getTransform();
            if (t != null && t.containsPixel(e.getX(), e.getY())) {
                setProbe(t.dataX(e.getX()));
            }
        });
        fz.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        fz.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragKnot = -1);
        fz.setOnDataDragged((z, x) -> {
            if (dragKnot >= 0) {
                moveKnot(dragKnot, z, x);
            }
        });
        // both held here and listened to weakly: plain listeners on the static language and theme
        // kept every closed lesson 6 (and its window) alive
        languageListener = I18n.listen((obs, o, n) -> recomputeIfShown());
        // the curves carry the theme's palette colours: pick them again when the theme changes
        PlotTheme.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(themeListener));
    }

    private boolean isSpline() {
        String t = params.get(FlowParams.TRANSFORM);
        return t.equals("linear_spline") || t.equals("rq_spline");
    }

    private void pressed(MouseEvent e) {
        dragKnot = -1;
        PlotTransform t = fz.getTransform();
        if (!isSpline() || t == null || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double best = GRAB_PX;
        for (int k = 0; k < knots.size(); k++) {
            double d = Math.hypot(t.px(knots.z(k)) - e.getX(), t.py(knots.x(k)) - e.getY());
            if (d < best) {
                best = d;
                dragKnot = k;
            }
        }
    }

    /** Moves knot k towards (z, x); the knots clamp it so f stays increasing, and say why. */
    String moveKnot(int k, double z, double x) {
        Knots.Edit e = knots.move(k, z, x);
        knots = e.knots();
        // the reason in the student's language (Edit.reason is the English for tests and logs)
        java.util.List<String> why = new java.util.ArrayList<>();
        if (!Double.isFinite(z) || !Double.isFinite(x)) {
            why.add(I18n.get("flow.oned.why.finite"));
        } else {
            if (e.knots().z(k) != z) {
                why.add(I18n.get("flow.oned.why.z"));
            }
            if (e.knots().x(k) != x) {
                why.add(I18n.get("flow.oned.why.x"));
            }
        }
        refusal = e.clamped() ? I18n.get("flow.oned.clamped", String.join("; ", why)) : "";
        recompute();
        return refusal;
    }

    Knots knots() {
        return knots;
    }

    void resetKnots() {
        knots = DEFAULT_KNOTS;
        refusal = "";
        probeX = Double.NaN;
    }

    void setProbe(double x) {
        probeX = x;
        showDecomposition();
    }

    ChangeOfVariables1D current() {
        return cov;
    }

    long lastComputeNs() {
        return lastComputeNs;
    }

    private Transform1D transform() {
        double a = params.get(FlowParams.A);
        double b = params.get(FlowParams.B);
        double c = params.get(FlowParams.C);
        switch (params.get(FlowParams.TRANSFORM)) {
            case "affine" -> {
                try {
                    lastAffine = new Affine1D(a, b);
                } catch (IllegalArgumentException e) {
                    refusal = I18n.get("flow.oned.refused", I18n.get(Double.isFinite(a) && Double.isFinite(b)
                            ? "flow.oned.why.affineZero" : "flow.oned.why.finite"));
                }
                return lastAffine;
            }
            case "tanh" -> {
                String why = TanhWarp.refusal(a, b);
                if (why.isEmpty()) {
                    lastTanh = new TanhWarp(a, b, c);
                } else {
                    refusal = I18n.get("flow.oned.refused", I18n.get("flow.oned.why.tanhFold",
                            String.format(java.util.Locale.ROOT, "%.2f", a * b), TanhWarp.MIN_AB));
                }
                return lastTanh;
            }
            case "linear_spline" -> {
                return new PiecewiseLinearSpline(knots);
            }
            case "rq_spline" -> {
                return RationalQuadraticSpline.withDefaultDerivatives(knots);
            }
            default -> {
                return new Fold1D(Fold1D.Kind.SQUARE);
            }
        }
    }

    /** Recomputes every curve and read-out from the knobs and knots. */
    @Override
    public Enum<?> id() {
        return FlowParams.Panel.ONED;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /** The 1-D panel draws nothing of the 2-D flow's: it computes its own curves on this thread. */
    @Override
    public void draw(FlowLabSnapshot snapshot) {
    }

    @Override
    public void shown() {
        recompute();
    }

    private void recomputeIfShown() {
        if (getScene() != null) {
            recompute();
        }
    }

    void recompute() {
        long t0 = System.nanoTime();
        if (!isSpline()) {
            refusal = "";
        }
        Base1D base = params.get(FlowParams.BASE_1D).equals("uniform") ? new Base1D.Uniform(-1.5, 1.5)
                : new Base1D.StandardNormal();
        Transform1D f = transform();
        cov = new ChangeOfVariables1D(base, f);
        boolean fold = !f.isInvertible();
        double[] s = base.support();
        double zr = fold ? 2.5 : PLOT_Z;
        double z0 = Math.max(-zr, s[0] - 0.5);
        double z1 = Math.min(zr, s[1] + 0.5);
        double[] zs = new double[POINTS];
        double[] pzs = new double[POINTS];
        double[] fs = new double[POINTS];
        double[] dfs = new double[POINTS];
        double xlo = Double.POSITIVE_INFINITY;
        double xhi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < POINTS; i++) {
            double z = z0 + (z1 - z0) * i / (POINTS - 1);
            zs[i] = z;
            pzs[i] = base.density(z);
            fs[i] = f.forward(z);
            dfs[i] = Math.abs(f.derivative(z));
            if (pzs[i] > 0) {
                xlo = Math.min(xlo, fs[i]);
                xhi = Math.max(xhi, fs[i]);
            }
        }
        double pad = 0.08 * (xhi - xlo);
        xlo -= pad;
        xhi += pad;
        double[] xs = new double[POINTS];
        double[] pxs = new double[POINTS];
        double[] naive = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double x = xlo + (xhi - xlo) * i / (POINTS - 1);
            xs[i] = x;
            pxs[i] = cov.density(x);
            naive[i] = cov.naiveDensity(x);
        }
        PlotTheme theme = PlotTheme.current();
        Color pzCol = theme.seriesColor(0);
        Color pxCol = theme.seriesColor(1);
        pz.put(new CurvePlot.Curve("p_z", zs, pzs, pzCol, true));
        fz.put(new CurvePlot.Curve("f", zs, fs, theme.seriesColor(2), false));
        df.put(new CurvePlot.Curve("|f\u2032|", zs, dfs, theme.seriesColor(3), false));
        // curve names are translated: forget the ones put last time, whatever the language was then
        pxNames.forEach(px::remove);
        pxNames.clear();
        if (fold) {
            pxNames.add(I18n.get("flow.oned.naive"));
            pxNames.add(I18n.get("flow.oned.true"));
            px.put(new CurvePlot.Curve(pxNames.get(0), xs, naive, theme.seriesColor(4), true));
            px.put(new CurvePlot.Curve(pxNames.get(1), xs, pxs, pxCol, false));
        } else {
            pxNames.add("p_x");
            px.put(new CurvePlot.Curve("p_x", xs, pxs, pxCol, true));
        }
        px.setLegendVisible(fold);
        if (isSpline()) {
            fz.setPoints(knots.zs(), knots.xs(), theme.axis());
        } else {
            fz.setPoints(new double[0], new double[0], null);
        }
        showIntervals(theme);
        if (fold) {
            integral.setText(I18n.get("flow.oned.integralFold", fmt4(cov.naiveIntegral()), fmt4(cov.integral()),
                    I18n.get("flow.oned.whyFold")));
        } else {
            integral.setText(I18n.get("flow.oned.integral", fmt4(cov.integral())));
        }
        if (Double.isNaN(probeX) || probeX < xlo || probeX > xhi) {
            probeX = f.forward(0.5);
        }
        showDecomposition();
        message.setText(refusal);
        lastComputeNs = System.nanoTime() - t0;
    }

    private void showIntervals(PlotTheme theme) {
        int n = params.get(FlowParams.INTERVALS);
        double[] s = cov.base().support();
        double lo = Math.max(-1.8, s[0]);
        double hi = Math.min(1.8, s[1]);
        double w = Math.min(0.5, 0.7 * (hi - lo) / n);
        List<CurvePlot.Band> zb = new ArrayList<>();
        List<CurvePlot.Band> fb = new ArrayList<>();
        List<CurvePlot.Band> xb = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double c = lo + (hi - lo) * (i + 0.5) / n;
            ChangeOfVariables1D.IntervalMap m = image(c - w / 2, c + w / 2);
            Color col = theme.seriesColor(BAND_COLOURS[i % BAND_COLOURS.length]).deriveColor(0, 1, 1, 0.28);
            zb.add(new CurvePlot.Band(m.z0(), m.z1(), 0, Double.NaN, col));
            // an L from each axis to the curve: the z-interval up to f, the x-interval across to it
            fb.add(new CurvePlot.Band(m.z0(), m.z1(), Double.NaN, m.x1(), col));
            fb.add(new CurvePlot.Band(Double.NaN, m.z0(), m.x0(), m.x1(), col));
            xb.add(new CurvePlot.Band(m.x0(), m.x1(), 0, Double.NaN, col));
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(I18n.get("flow.oned.interval", fmt(m.z0()), fmt(m.z1()), fmt(m.x0()), fmt(m.x1()),
                    fmt(m.widthZ()), fmt(m.widthX()), fmt(m.stretch()), fmt(m.massZ())));
        }
        pz.setBands(zb);
        fz.setBands(fb);
        List<CurvePlot.Band> withProbe = new ArrayList<>(xb);
        px.setBands(withProbe);
        intervals.setText(text.toString());
    }

    private static final int[] BAND_COLOURS = {5, 6, 2, 4, 3};

    /**
     * The interval and its image. For a fold the endpoints' images are not the image's ends (the
     * interval around 0 folds onto [0, max]), so its ends are searched along the interval.
     */
    private ChangeOfVariables1D.IntervalMap image(double z0, double z1) {
        ChangeOfVariables1D.IntervalMap m = cov.mapInterval(z0, z1);
        if (cov.transform().isInvertible()) {
            return m;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= 200; i++) {
            double x = cov.transform().forward(z0 + (z1 - z0) * i / 200);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return new ChangeOfVariables1D.IntervalMap(m.z0(), m.z1(), lo, hi, m.widthZ(), hi - lo, m.massZ());
    }

    private void showDecomposition() {
        if (cov == null) {
            return;
        }
        ChangeOfVariables1D.Decomposition d = cov.decompose(probeX);
        String text;
        if (Double.isNaN(d.z()) || d.pz() == 0) {
            text = I18n.get("flow.oned.probeOutside", fmt(probeX));
        } else {
            text = I18n.get("flow.oned.decomposition", fmt(d.x()), fmt(d.z()), fmt4(d.pz()), fmt4(d.jacobian()),
                    fmt4(d.px()), fmt(d.logPz()), fmt(d.logJacobian()), fmt(d.logPx()));
            if (!cov.transform().isInvertible()) {
                text += " " + I18n.get("flow.oned.probeFold", fmt4(cov.density(probeX)));
            }
        }
        decomposition.setText(text);
        List<CurvePlot.Band> b = new ArrayList<>(px.bands().stream().filter(x -> x.color().getOpacity() < 0.5).toList());
        double w = 0.004 * Math.max(1e-9, px.visibleExtent().width());
        b.add(new CurvePlot.Band(probeX - w, probeX + w, 0, Double.NaN, PlotTheme.current().axis()));
        px.setBands(b);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String fmt4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
