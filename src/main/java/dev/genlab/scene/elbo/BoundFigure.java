package dev.genlab.scene.elbo;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.model.latent.BoundParts;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.Figure;
import dev.genlab.plot.PlotTheme;

/**
 * The bound as a waterfall on one nats axis: E_q[log p(x|z)] (reconstruction), down by KL(q ‖ p(z)) to the
 * ELBO, up by KL(q ‖ p(z|x)) to log p(x). The last step is the gap the student closes by moving q onto
 * the posterior; the first two are the VAE's loss in its usual split.
 */
final class BoundFigure extends Figure {

    static final FigureColour ELBO = FigureColour.BLUE;
    static final FigureColour GAP = FigureColour.VERMILION;
    static final FigureColour PRIOR_KL = FigureColour.LIGHT_GREY;
    static final FigureColour EVIDENCE = FigureColour.CYAN;
    static final FigureColour RECONSTRUCTION = FigureColour.SKY_BLUE;

    private BoundParts parts;

    BoundFigure() {
        setId("elbo-bound-bar");
        setMinSize(160, 120);
    }

    void setParts(BoundParts p) {
        parts = p;
        redraw();
    }

    BoundParts parts() {
        return parts;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (parts == null) {
            return;
        }
        double rec = parts.reconstruction();
        double elbo = parts.elbo();
        double ev = parts.logEvidence();
        double lo0 = Math.min(Math.min(rec, elbo), ev);
        double hi0 = Math.max(Math.max(rec, elbo), ev);
        double pad = Math.max(0.15 * (hi0 - lo0), 0.2);
        final double lo = lo0 - pad;
        final double hi = hi0 + pad;
        double fs = theme.font().getSize();
        double left = fs * 4;
        double top = fs * 1.6;
        double bottom = h - fs * 3.2;
        double right = w - fs * 0.5;
        double plotH = Math.max(10, bottom - top);
        java.util.function.DoubleUnaryOperator py = v -> top + (hi - v) / (hi - lo) * plotH;
        g.setFont(theme.font());
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeLine(left, top, left, bottom);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double v : niceTicks(lo, hi)) {
            double y = py.applyAsDouble(v);
            g.strokeLine(left - 4, y, left, y);
            g.fillText(String.format(Locale.ROOT, "%.1f", v), left - 6, y);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(I18n.get("elbo.bar.nats"), 2, 2);
        double colW = (right - left) / 3;
        String[] names = {I18n.get("elbo.bar.recon"), "ELBO", "log p(x)"};
        // column 1: reconstruction; column 2: ELBO with −KL(q‖p(z)) above it; column 3: log p(x) = ELBO + gap
        bar(g, py, left + 0.15 * colW, 0.7 * colW, lo, rec, RECONSTRUCTION.color());
        bar(g, py, left + colW + 0.15 * colW, 0.7 * colW, lo, elbo, ELBO.color());
        bar(g, py, left + colW + 0.15 * colW, 0.7 * colW, elbo, rec, PRIOR_KL.color());
        bar(g, py, left + 2 * colW + 0.15 * colW, 0.7 * colW, lo, elbo, ELBO.color());
        bar(g, py, left + 2 * colW + 0.15 * colW, 0.7 * colW, elbo, ev, GAP.color());
        g.setStroke(EVIDENCE.color());
        g.setLineWidth(2);
        double ye = py.applyAsDouble(ev);
        g.strokeLine(left, ye, right, ye);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < 3; i++) {
            g.fillText(names[i], left + (i + 0.5) * colW, bottom + 4);
        }
        g.setTextBaseline(VPos.TOP);
        g.fillText(String.format(Locale.ROOT, "%.3f", rec), left + 0.5 * colW, bottom + 4 + fs * 1.3);
        g.fillText(String.format(Locale.ROOT, "%.3f", elbo), left + 1.5 * colW, bottom + 4 + fs * 1.3);
        g.fillText(String.format(Locale.ROOT, "%.3f", ev), left + 2.5 * colW, bottom + 4 + fs * 1.3);
        // labels of the two KL segments, beside them
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        double kx = left + 1.87 * colW;
        if (Math.abs(py.applyAsDouble(rec) - py.applyAsDouble(elbo)) > fs) {
            g.fillText("\u2212KL(q\u2016p(z))", Math.min(kx, right - fs * 6),
                    (py.applyAsDouble(rec) + py.applyAsDouble(elbo)) / 2);
        }
        double gapPx = Math.abs(py.applyAsDouble(ev) - py.applyAsDouble(elbo));
        g.fillText(String.format(Locale.ROOT, "KL(q\u2016p(z|x)) = %.3f", parts.klPosterior()),
                left + 2 * colW - fs * 7, gapPx > fs ? (py.applyAsDouble(ev) + py.applyAsDouble(elbo)) / 2
                        : py.applyAsDouble(ev) - fs);
    }

    private static void bar(GraphicsContext g, java.util.function.DoubleUnaryOperator py, double x, double width,
                            double from, double to, Color c) {
        double y0 = py.applyAsDouble(Math.max(from, to));
        double y1 = py.applyAsDouble(Math.min(from, to));
        g.setFill(c);
        g.fillRect(x, y0, width, Math.max(1, y1 - y0));
    }

    private static double[] niceTicks(double lo, double hi) {
        double span = hi - lo;
        double step = Math.pow(10, Math.floor(Math.log10(span / 4)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (span / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }
}
