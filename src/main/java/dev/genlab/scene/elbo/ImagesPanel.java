package dev.genlab.scene.elbo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import dev.genlab.scene.Grids;
import dev.genlab.i18n.I18n;
import dev.genlab.plot.CurvePlot;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.ScenePanel;

/**
 * Panel "images" of lesson 7: pPCA with M latents fitted to the images in closed form (trainer thread).
 * The mean image b and the columns of W; images drawn from the model (z ~ N(0, I), then W z + b + ε); the
 * covariance's eigenvalues with σ², the mean of those left out; and the naive Monte Carlo estimate of
 * log p(x) for one held-out image with K prior samples, for every M from 1 to 16 against the exact value:
 * the more latent dimensions, the further off K samples leave it.
 */
final class ImagesPanel extends BorderPane implements ScenePanel<ElboSnapshot> {

    static final FigureColour EXACT = PpcaPanel.EXACT;
    static final FigureColour CURRENT = PpcaPanel.POINT;

    final ImageGridPlot components = new ImageGridPlot();
    final ImageGridPlot samples = new ImageGridPlot();
    final CurvePlot spectrum = new CurvePlot();
    final CurvePlot byM = new CurvePlot();
    final Label readout = new Label();
    private ElboSnapshot.ImagesPart last;
    private final javafx.beans.value.ChangeListener<Locale> languageListener = (o, a, b) -> redraw();
    private final javafx.beans.InvalidationListener themeListener = o -> redraw();

    ImagesPanel() {
        setId("elbo-images");
        components.setId("elbo-images-components");
        samples.setId("elbo-images-samples");
        spectrum.setId("elbo-images-spectrum");
        byM.setId("elbo-images-mc");
        spectrum.xLabelProperty().bind(I18n.bind("elbo.images.eigenIndex"));
        spectrum.yLabelProperty().bind(I18n.bind("elbo.images.eigenvalue"));
        byM.xLabelProperty().bind(I18n.bind("elbo.images.latentsAxis"));
        byM.yLabelProperty().bind(I18n.bind("elbo.mc.axisLogP"));
        for (var f : List.of(components, samples, spectrum, byM)) {
            f.setMinSize(120, 100);
        }
        readout.setId("elbo-images-readout");
        Grids.readout(readout);
        GridPane g = Grids.quad(new double[] {50, 50}, components, samples, spectrum, byM);
        VBox bottom = new VBox(readout);
        bottom.setPadding(new Insets(4, 8, 2, 8));
        setCenter(g);
        setBottom(bottom);
        readout.setText(I18n.get("elbo.images.fitting"));
        I18n.localeProperty().addListener(new javafx.beans.value.WeakChangeListener<>(languageListener));
        PlotTheme.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(themeListener));
    }

    @Override
    public Enum<?> id() {
        return ElboParams.Panel.IMAGES;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public void draw(ElboSnapshot snapshot) {
        if (snapshot.images() != null && snapshot.images() != last) {
            last = snapshot.images();
            redraw();
        }
    }

    ElboSnapshot.ImagesPart last() {
        return last;
    }

    private void redraw() {
        ElboSnapshot.ImagesPart p = last;
        if (p == null) {
            return;
        }
        PlotTheme theme = PlotTheme.current();
        int d = p.dim();
        int side = (int) Math.round(Math.sqrt(d));
        List<float[]> comps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        comps.add(p.mean());
        captions.add("b");
        for (int j = 0; j < p.latents(); j++) {
            float[] w = Arrays.copyOfRange(p.components(), j * d, (j + 1) * d);
            float max = 1e-12f;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
            }
            float[] shown = new float[d];
            for (int i = 0; i < d; i++) {
                shown[i] = 0.5f + 0.5f * w[i] / max;
            }
            comps.add(shown);
            captions.add("w" + (j + 1));
        }
        components.setImages(comps, side, side, 0);
        components.setCaptions(captions);
        List<float[]> s = new ArrayList<>();
        List<String> sc = new ArrayList<>();
        for (int i = 0; i < p.sampleCount(); i++) {
            s.add(Arrays.copyOfRange(p.samples(), i * d, (i + 1) * d));
            sc.add("");
        }
        s.add(p.probe());
        sc.add(I18n.get("elbo.images.probe"));
        samples.setImages(s, side, side, 0);
        samples.setCaptions(sc);
        double[] ev = p.eigenvalues();
        double[] idx = new double[ev.length];
        double[] sig = new double[ev.length];
        for (int i = 0; i < ev.length; i++) {
            idx[i] = i + 1;
            sig[i] = p.sigma2();
        }
        spectrum.clearCurves();
        spectrum.put(new CurvePlot.Curve(I18n.get("elbo.images.eigenvalues"), idx, ev.clone(), theme.seriesColor(0), false));
        spectrum.put(new CurvePlot.Curve("\u03c3\u00b2", idx, sig, PpcaPanel.LINE.color(), false));
        double[][] bm = p.byM();
        double[] ms = new double[bm.length];
        double[] exact = new double[bm.length];
        double[] mean = new double[bm.length];
        for (int i = 0; i < bm.length; i++) {
            ms[i] = i + 1;
            exact[i] = bm[i][0];
            mean[i] = bm[i][1];
        }
        byM.clearCurves();
        byM.put(new CurvePlot.Curve(I18n.get("elbo.mc.exact"), ms, exact, EXACT.color(), false));
        byM.put(new CurvePlot.Curve(I18n.get("elbo.mc.mean"), ms, mean, theme.seriesColor(3), false));
        double[] px = new double[p.estimates().length];
        Arrays.fill(px, p.latents());
        byM.setPoints(px, p.estimates().clone(), CURRENT.color());
        double m = Arrays.stream(p.estimates()).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(p.estimates()).map(v -> (v - m) * (v - m)).sum()
                / Math.max(1, p.estimates().length - 1));
        readout.setText(I18n.get("elbo.images.readout", p.latents(), p.trainCount(), String.format(Locale.ROOT,
                "%.0f", p.fitMs()), fmt(p.sigma2()), p.k(), fmt(p.exact()), fmt(m), fmt(sd), fmt(p.exact() - m)));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
