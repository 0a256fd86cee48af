package dev.genlab.scene.elbo;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.Figure;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * The reparameterisation trick for one held-out image: the encoder gives μ and σ, ε is drawn from
 * N(0, I) outside the network, z = μ + σ ⊙ ε goes to the decoder. The gradient of the loss reaches μ
 * and σ through z (∂z/∂μ = 1, ∂z/∂σ = ε), drawn as the arrows back; ε needs none, so the sampling step
 * is no longer in the way of back-propagation. The numbers are the current network's.
 */
final class ReparamFigure extends Figure {

    static final FigureColour GRADIENT = FigureColour.VERMILION;
    static final FigureColour NOISE = FigureColour.ORANGE;

    private float[][] reparam;
    private int dims;

    ReparamFigure() {
        setId("elbo-reparam");
        setMinSize(240, 160);
    }

    /** {mu, sigma, eps, z, image} from the snapshot. */
    void setReparam(float[][] r) {
        reparam = r;
        dims = r == null ? 0 : r[0].length;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (reparam == null) {
            return;
        }
        double fs = theme.font().getSize();
        g.setFont(theme.font());
        g.setLineWidth(theme.lineWidth());
        int shown = Math.min(dims, 4);
        double boxW = Math.max(fs * 7, w / 7.5);
        double boxH = fs * 1.6 * (shown + 1.2);
        double cy = h * 0.42;
        double[] xs = {w * 0.02, w * 0.2, w * 0.42, w * 0.62, w * 0.84};
        // input image
        double imgS = Math.min(boxW, h * 0.35);
        drawImage(g, reparam[4], xs[0], cy - imgS / 2, imgS);
        label(g, theme, "x", xs[0] + imgS / 2, cy + imgS / 2 + 4);
        // encoder -> mu, sigma
        box(g, theme, xs[1], cy - boxH - 4, boxW, boxH, "\u03bc", reparam[0], shown, theme.seriesColor(0));
        box(g, theme, xs[1], cy + 4, boxW, boxH, "\u03c3", reparam[1], shown, theme.seriesColor(0));
        arrow(g, xs[0] + imgS + 2, cy, xs[1] - 2, cy - boxH / 2 - 4, theme.text());
        arrow(g, xs[0] + imgS + 2, cy, xs[1] - 2, cy + boxH / 2 + 4, theme.text());
        label(g, theme, I18n.get("elbo.reparam.encoder"), (xs[0] + imgS + xs[1]) / 2, cy - boxH - fs * 1.8);
        // eps from outside
        box(g, theme, xs[2], h * 0.02, boxW, boxH, "\u03b5 ~ N(0, I)", reparam[2], shown, NOISE.color());
        // z = mu + sigma * eps
        box(g, theme, xs[3], cy - boxH / 2, boxW, boxH, "z = \u03bc + \u03c3\u2299\u03b5", reparam[3], shown,
                theme.seriesColor(2));
        arrow(g, xs[1] + boxW + 2, cy - boxH / 2 - 4, xs[3] - 2, cy - fs * 0.5, theme.text());
        arrow(g, xs[1] + boxW + 2, cy + boxH / 2 + 4, xs[3] - 2, cy + fs * 0.5, theme.text());
        arrow(g, xs[2] + boxW / 2, h * 0.02 + boxH + 2, xs[3] + boxW * 0.3, cy - boxH / 2 - 2, NOISE.color());
        // decoder
        arrow(g, xs[3] + boxW + 2, cy, xs[4] - 2, cy, theme.text());
        label(g, theme, I18n.get("elbo.reparam.decoder"), xs[4] + boxW * 0.4, cy - fs * 1.2);
        label(g, theme, "log p(x | z)", xs[4] + boxW * 0.4, cy + 4);
        // the gradient path, backwards under the forward arrows
        double gy = h - fs * 2.4;
        g.setStroke(GRADIENT.color());
        g.setLineDashes(null);
        arrow(g, xs[4] + boxW * 0.4, cy + fs * 2, xs[3] + boxW / 2, cy + boxH / 2 + 2, GRADIENT.color());
        arrow(g, xs[3] + boxW * 0.3, cy + boxH / 2 + 2, xs[1] + boxW / 2, cy + boxH + 6, GRADIENT.color());
        arrow(g, xs[3] + boxW * 0.2, cy - boxH / 2 - 2, xs[1] + boxW / 2, cy - boxH - 6, GRADIENT.color());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String grad = I18n.get("elbo.reparam.gradient");
        String none = I18n.get("elbo.reparam.noGradient");
        // the two captions shrink to the figure's width rather than run off its edge
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(theme.font());
        probe.setText(grad.length() > none.length() ? grad : none);
        double widest = probe.getLayoutBounds().getWidth();
        double size = fs * Math.min(1, (w - xs[0] - 4) / Math.max(1, widest));
        g.setFont(javafx.scene.text.Font.font(theme.font().getFamily(), size));
        g.setFill(GRADIENT.color());
        g.fillText(grad, xs[0], gy);
        g.setFill(NOISE.color());
        g.fillText(none, xs[0], gy + size * 1.4);
        g.setFont(theme.font());
    }

    private void drawImage(GraphicsContext g, float[] img, double x, double y, double size) {
        int side = (int) Math.round(Math.sqrt(img.length));
        WritableImage wi = new WritableImage(side, side);
        int[] argb = new int[side * side];
        for (int i = 0; i < argb.length; i++) {
            int v = (int) (Math.max(0, Math.min(1, img[i])) * 255);
            argb[i] = 0xff000000 | v << 16 | v << 8 | v;
        }
        wi.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
        g.setImageSmoothing(false);
        g.drawImage(wi, x, y, size, size);
    }

    private static void label(GraphicsContext g, PlotTheme theme, String s, double x, double y) {
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(s, x, y);
    }

    private static void box(GraphicsContext g, PlotTheme theme, double x, double y, double w, double h, String title,
                            float[] values, int shown, Color c) {
        double fs = theme.font().getSize();
        g.setStroke(c);
        g.setLineWidth(theme.lineWidth() * 1.3);
        g.strokeRoundRect(x, y, w, h, 8, 8);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, x + 5, y + 3);
        for (int i = 0; i < shown; i++) {
            g.fillText(String.format(Locale.ROOT, "%+.3f", values[i]), x + 5, y + 3 + fs * 1.5 * (i + 1));
        }
        if (values.length > shown) {
            g.fillText("\u2026", x + w - fs, y + h - fs * 1.4);
        }
    }

    private static void arrow(GraphicsContext g, double x0, double y0, double x1, double y1, Color c) {
        g.setStroke(c);
        g.strokeLine(x0, y0, x1, y1);
        double len = Math.hypot(x1 - x0, y1 - y0);
        if (len < 1) {
            return;
        }
        double ux = (x0 - x1) / len;
        double uy = (y0 - y1) / len;
        double head = Math.min(8, 0.4 * len);
        double cs = Math.cos(0.44);
        double sn = Math.sin(0.44);
        g.strokeLine(x1, y1, x1 + head * (ux * cs - uy * sn), y1 + head * (ux * sn + uy * cs));
        g.strokeLine(x1, y1, x1 + head * (ux * cs + uy * sn), y1 + head * (-ux * sn + uy * cs));
    }
}
