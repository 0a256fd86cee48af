package dev.genlab.scene.elbo;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import dev.genlab.scene.Grids;
import dev.genlab.i18n.I18n;
import dev.genlab.model.latent.BoundParts;
import dev.genlab.model.latent.DiagGaussian;
import dev.genlab.model.latent.Estimators;
import dev.genlab.model.latent.LatentModel;
import dev.genlab.model.latent.PosteriorGrid;
import dev.genlab.model.latent.Ppca;
import dev.genlab.model.latent.QFitter;
import dev.genlab.model.latent.TinyDecoder;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.ScenePanel;

/**
 * Panel 2 of lesson 7: the bound for one data point. The model is pPCA with one latent fitted to the
 * plane's data (every term in closed form) or a fixed non-linear decoder whose posterior is not
 * Gaussian (terms by quadrature on a fine grid of z). The student drags a Gaussian q(z) over the true
 * posterior p(z|x); the waterfall ({@link BoundFigure}) shows log p(x) = ELBO + KL(q ‖ p(z|x)) and
 * ELBO = E_q[log p(x|z)] − KL(q ‖ p(z)). "Fit q" (and Play / Step) climbs the ELBO by gradient
 * ascent on q's mean and log sd. Below: K samples from q, Jensen's inequality for them (the mean of
 * the log-weights against the log of their mean), and the importance-weighted bound IWAE_K, averaged
 * over repeats for K = 1 … 1000, rising from the ELBO toward log p(x).
 */
final class BoundPanel extends LocalPanel {

    static final FigureColour Q = FigureColour.ORANGE;
    static final FigureColour POSTERIOR = FigureColour.BLUE;
    static final FigureColour POINT = PpcaPanel.POINT;
    static final FigureColour PRIOR = PpcaPanel.PRIOR;
    static final int GRID = 2001;
    static final double Z_RANGE = 5;
    static final int IW_REPEATS = 40;
    static final double FIT_RATE = 0.05;

    final Plot2D plane = new Plot2D();
    private final ScatterLayer planePoints = new ScatterLayer();
    final CurvePlot latent = new CurvePlot();
    final BoundFigure bar = new BoundFigure();
    final CurvePlot iwae = new CurvePlot();
    final Button fit = new Button();
    final Label readout = new Label();
    final Label jensen = new Label();

    private final ParamSet params;
    private final PpcaPanel ppcaData;
    private LatentModel model;
    private BoundParts parts;
    private PosteriorGrid grid;
    private int fitting;
    private double pressZ = Double.NaN;
    private boolean dragMean;

    BoundPanel(ParamSet params, PpcaPanel ppcaData) {
        this.params = params;
        this.ppcaData = ppcaData;
        setId("elbo-bound");
        plane.setId("elbo-bound-plane");
        latent.setId("elbo-bound-latent");
        iwae.setId("elbo-bound-iwae");
        fit.setId("elbo-fit-q");
        readout.setId("elbo-bound-readout");
        jensen.setId("elbo-jensen");
        fit.textProperty().bind(I18n.bind("elbo.fitQ"));
        fit.setOnAction(e -> startFit());
        plane.layers().add(planePoints);
        plane.setEqualAspect(true);
        plane.setDataExtent(Extent.square(4));
        plane.setZoomPanEnabled(false);
        plane.setXLabel("x\u2081");
        plane.setYLabel("x\u2082");
        plane.setOnDataClicked((x, y) -> {
            params.set(ElboParams.X1, Math.max(-4, Math.min(4, Math.round(x * 20) / 20.0)));
            params.set(ElboParams.X2, Math.max(-4, Math.min(4, Math.round(y * 20) / 20.0)));
        });
        latent.xLabelProperty().set("z");
        latent.yLabelProperty().bind(I18n.bind("elbo.bound.densityAxis"));
        latent.setZoomPanEnabled(false);
        latent.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            PlotTransform t = latent.getTransform();
            if (t != null) {
                pressZ = t.dataX(e.getX());
                double m = params.get(ElboParams.Q_MEAN);
                double s = params.get(ElboParams.Q_SD);
                dragMean = Math.abs(pressZ - m) < Math.max(0.5 * s, 0.15);
            }
        });
        latent.setOnDataDragged((z, y) -> drag(z));
        latent.setOnDataClicked((z, y) -> setMean(z));
        iwae.xLabelProperty().set("log\u2081\u2080 K");
        iwae.yLabelProperty().bind(I18n.bind("elbo.iwae.axis"));
        iwae.setZoomPanEnabled(false);
        for (var f : List.of(plane, latent, iwae)) {
            f.setMinSize(120, 100);
        }
        Grids.readout(readout, jensen);
        GridPane g = Grids.quad(new double[] {38, 62}, plane, latent, bar, iwae);
        HBox buttons = new HBox(6, fit);
        VBox bottom = new VBox(2, buttons, readout, jensen);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        setCenter(g);
        setBottom(bottom);
    }

    @Override
    public Enum<?> id() {
        return ElboParams.Panel.BOUND;
    }


    @Override
    public void frame() {
        if (fitting > 0) {
            fitting--;
            if (!fitStep()) {
                fitting = 0;
            }
        }
    }

    private void drag(double z) {
        if (Double.isNaN(pressZ) || dragMean) {
            setMean(z);
        } else {
            double m = params.get(ElboParams.Q_MEAN);
            setSd(Math.abs(z - m));
        }
    }

    private void setMean(double z) {
        params.set(ElboParams.Q_MEAN, Math.max(-4, Math.min(4, Math.round(z * 100) / 100.0)));
    }

    private void setSd(double s) {
        params.set(ElboParams.Q_SD, Math.max(0.05, Math.min(3, Math.round(s * 100) / 100.0)));
    }

    /** "Fit q": up to 400 frames of gradient ascent, stopping when q no longer moves. */
    void startFit() {
        fitting = 400;
    }

    boolean fitting() {
        return fitting > 0;
    }

    /** One gradient step on the ELBO over q's mean and log sd; false when q stopped moving. */
    boolean fitStep() {
        if (model == null) {
            return false;
        }
        double[] x = point();
        DiagGaussian q = q();
        DiagGaussian next = model instanceof Ppca p ? QFitter.step(p, x, q, FIT_RATE) : QFitter.step(model, x, q, FIT_RATE);
        double m = Math.max(-4, Math.min(4, next.mean()[0]));
        double s = Math.max(0.05, Math.min(3, next.sd()[0]));
        boolean moved = Math.abs(m - q.mean()[0]) > 5e-4 || Math.abs(s - q.sd()[0]) > 5e-4;
        params.set(ElboParams.Q_MEAN, m);
        params.set(ElboParams.Q_SD, s);
        return moved;
    }

    private double[] point() {
        return new double[] {params.get(ElboParams.X1), params.get(ElboParams.X2)};
    }

    private DiagGaussian q() {
        return new DiagGaussian(new double[] {params.get(ElboParams.Q_MEAN)}, new double[] {params.get(ElboParams.Q_SD)});
    }

    BoundParts parts() {
        return parts;
    }

    /** The mean of the true posterior on the grid (NaN before the first computation). */
    double posteriorMean() {
        if (grid == null) {
            return Double.NaN;
        }
        double[] z = grid.zValues();
        double[] p = grid.density();
        double s = 0;
        double w = 0;
        for (int i = 0; i < z.length; i++) {
            s += z[i] * p[i];
            w += p[i];
        }
        return s / w;
    }

    /** The model of the knob: pPCA fitted to the pPCA panel's data, or the fixed non-linear decoder. */
    private LatentModel currentModel() {
        if ("nonlinear".equals(params.get(ElboParams.BOUND_MODEL))) {
            return TinyDecoder.banana(1);
        }
        return ppcaData.fitCurrent();
    }

    @Override
    void recompute() {
        PlotTheme theme = PlotTheme.current();
        model = currentModel();
        double[] x = point();
        planePoints.clear();
        if (model == null) {
            parts = null;
            bar.setParts(null);
            readout.setText(I18n.get("elbo.ppca.needPoints", ppcaData.drawnCount()));
            plane.redraw();
            return;
        }
        // the banana decoder's data is narrow and tall: its own frame, not the square of the line's data
        boolean banana = !(model instanceof Ppca);
        plane.setEqualAspect(!banana);
        plane.setDataExtent(banana ? new Extent(-1.5, 1.5, -1.5, 4.5) : Extent.square(4));
        drawPlane(x, theme);
        grid = PosteriorGrid.compute(model, x, -Z_RANGE, Z_RANGE, GRID);
        DiagGaussian q = q();
        parts = model instanceof Ppca p ? BoundParts.exact(p, x, q) : BoundParts.byQuadrature(model, x, q, grid);
        bar.setParts(parts);
        double[] zs = grid.zValues();
        double[] post = grid.density();
        double[] qd = new double[zs.length];
        double[] prior = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            qd[i] = Math.exp(q.logDensity(new double[] {zs[i]}));
            prior[i] = Math.exp(-0.5 * zs[i] * zs[i]) / Math.sqrt(2 * Math.PI);
        }
        latent.put(new CurvePlot.Curve("p(z)", zs, prior, PRIOR.color(), false));
        latent.put(new CurvePlot.Curve("p(z | x)", zs, post, POSTERIOR.color(), true));
        latent.put(new CurvePlot.Curve("q(z)", zs, qd, Q.color(), false));
        drawIwae(x, q, theme);
        readout.setText(I18n.get("elbo.bound.readout", fmt(parts.logEvidence()), fmt(parts.elbo()),
                fmt(parts.klPosterior()), fmt(parts.reconstruction()), fmt(parts.klPrior())));
    }

    private void drawPlane(double[] x, PlotTheme theme) {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int i = 0; i < n; i++) {
            double[] s = model instanceof Ppca p ? p.sample(r) : ((TinyDecoder) model).sample(r);
            xs[i] = (float) s[0];
            ys[i] = (float) s[1];
        }
        planePoints.put(new ScatterLayer.Series(I18n.get("elbo.legend.model"), xs, ys, theme.seriesColor(0),
                Marker.CIRCLE));
        int m = 200;
        float[] cx = new float[m];
        float[] cy = new float[m];
        for (int i = 0; i < m; i++) {
            double[] g = decode(-3 + 6.0 * i / (m - 1));
            cx[i] = (float) g[0];
            cy[i] = (float) g[1];
        }
        planePoints.put(new ScatterLayer.Series(I18n.get("elbo.legend.decoderCurve"), cx, cy,
                PpcaPanel.LINE.color(), Marker.CIRCLE));
        planePoints.put(new ScatterLayer.Series("x", new float[] {(float) x[0]}, new float[] {(float) x[1]},
                POINT.color(), Marker.SQUARE));
        plane.redraw();
    }

    private double[] decode(double z) {
        return model instanceof Ppca p ? p.decode(new double[] {z}) : ((TinyDecoder) model).decode(new double[] {z});
    }

    /** IWAE_K averaged over repeats against K, the ELBO and log p(x); Jensen for the K samples drawn now. */
    private void drawIwae(double[] x, DiagGaussian q, PlotTheme theme) {
        List<Integer> ks = ElboParams.IW_KS;
        double[] lk = new double[ks.size()];
        double[] mean = new double[ks.size()];
        double[] el = new double[ks.size()];
        double[] ev = new double[ks.size()];
        for (int i = 0; i < ks.size(); i++) {
            int k = ks.get(i);
            lk[i] = Math.log10(k);
            Estimators.Spread s = Estimators.repeat(r -> Estimators.iwae(model, x, q, k, r), IW_REPEATS, 300 + i);
            mean[i] = s.mean();
            el[i] = parts.elbo();
            ev[i] = parts.logEvidence();
        }
        iwae.clearCurves();
        iwae.put(new CurvePlot.Curve("log p(x)", lk, ev, BoundFigure.EVIDENCE.color(), false));
        iwae.put(new CurvePlot.Curve(I18n.get("elbo.iwae.mean"), lk, mean, theme.seriesColor(3), false));
        iwae.put(new CurvePlot.Curve("ELBO", lk, el, BoundFigure.ELBO.color(), false));
        int k = params.get(ElboParams.IW_K);
        SplittableRandom r = new SplittableRandom(42);
        double[] logW = new double[k];
        for (int i = 0; i < k; i++) {
            double[] z = q.sample(r);
            logW[i] = model.logJoint(x, z) - q.logDensity(z);
        }
        Estimators.Jensen j = Estimators.jensen(logW);
        iwae.setPoints(new double[] {Math.log10(k)}, new double[] {j.logOfMean()}, Q.color());
        jensen.setText(I18n.get("elbo.jensen.readout", k, fmt(j.meanOfLogs()), fmt(j.logOfMean())));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
