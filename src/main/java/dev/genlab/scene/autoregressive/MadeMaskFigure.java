package dev.genlab.scene.autoregressive;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.Figure;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * MADE's masks drawn small, as in Germain et al.'s figure 1 but as matrices: the input mask M¹ (hidden
 * units sorted by their degree m(k) × inputs by their position in the ordering), the output mask
 * (the same units × outputs) and their product, the D × D connectivity (output i × input j). Kept
 * connections and connected pairs are {@link #KEPT}; pairs the chain rule allows that no path joins,
 * {@link #GAP}; masked connections and the pairs it forbids, light. A forbidden pair that a path
 * joined would be black: the connectivity check says none is.
 */
final class MadeMaskFigure extends Figure {

    /** A connection a mask keeps, an (output, input) pair a path joins ({@code field}). */
    static final FigureColour KEPT = AutoregressiveView.FIELD;
    /** An earlier input that no path reaches ({@code gap}). */
    static final FigureColour GAP = FigureColour.VERMILION;
    static final int OFF = AutoregressiveView.LATER;
    static final int WRONG = AutoregressiveView.INK;
    /** Largest side of a drawn matrix in cells: 784 inputs are averaged four to a cell. */
    static final int MAX_CELLS = 196;

    private MadeView shown;
    private WritableImage inImage;
    private WritableImage outImage;
    private WritableImage connImage;

    void show(MadeView v) {
        if (v != shown) {
            shown = v;
            if (v != null) {
                int d = v.inputs();
                int[] in = new int[v.hidden() * d];
                int[] out = new int[v.hidden() * d];
                for (int q = 0; q < in.length; q++) {
                    in[q] = v.inMask()[q] ? KEPT.argb() : OFF;
                    out[q] = v.outMask()[q] ? KEPT.argb() : OFF;
                }
                int[] conn = new int[d * d];
                for (int t = 0; t < d; t++) {
                    for (int s = 0; s < d; s++) {
                        boolean c = v.connected()[t * d + s];
                        conn[t * d + s] = s < t ? (c ? KEPT.argb() : GAP.argb()) : c ? WRONG : OFF;
                    }
                }
                inImage = image(in, v.hidden(), d);
                outImage = image(out, v.hidden(), d);
                connImage = image(conn, d, d);
            }
            redraw();
        }
    }

    MadeView shown() {
        return shown;
    }

    /** rows × cols colours averaged in blocks so that neither side exceeds MAX_CELLS. */
    static WritableImage image(int[] argb, int rows, int cols) {
        int fr = (rows + MAX_CELLS - 1) / MAX_CELLS;
        int fc = (cols + MAX_CELLS - 1) / MAX_CELLS;
        int h = (rows + fr - 1) / fr;
        int w = (cols + fc - 1) / fc;
        int[] px = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long r = 0;
                long g = 0;
                long b = 0;
                int n = 0;
                for (int i = y * fr; i < Math.min(rows, (y + 1) * fr); i++) {
                    for (int j = x * fc; j < Math.min(cols, (x + 1) * fc); j++) {
                        int v = argb[i * cols + j];
                        r += v >> 16 & 0xFF;
                        g += v >> 8 & 0xFF;
                        b += v & 0xFF;
                        n++;
                    }
                }
                px[y * w + x] = 0xFF000000 | (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
            }
        }
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return img;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        MadeView v = shown;
        if (v == null || w < 60 || h < 60) {
            return;
        }
        double fs = theme.fontSize();
        g.setFont(theme.font());
        double labelW = fs * 2.6;
        double gap = fs * 0.5;
        double strip = Math.max(fs * 1.6, Math.min(fs * 4, h * 0.13));
        double square = Math.min(w - labelW - 4, h - 2 * strip - 2 * gap - fs * 2.6);
        if (square < 30) {
            return;
        }
        double x0 = labelW + Math.max(0, (w - labelW - square) / 2);
        double y = 0;
        g.setImageSmoothing(false);
        g.setFill(theme.text());
        drawStrip(g, inImage, "M\u00b9", x0, y, square, strip, theme);
        y += strip + gap;
        drawStrip(g, outImage, "M\u00b2", x0, y, square, strip, theme);
        y += strip + gap;
        drawFramed(g, connImage, x0, y, square, square, theme);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText("1", x0 - 4, y);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(count(v.inputs()), x0 - 4, y + square);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("1", x0, y + square + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(count(v.inputs()), x0 + square, y + square + 2);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(I18n.get("ar.made.figure.inputs"), x0 + square / 2, y + square + 2 + fs * 1.2);
    }

    /** A mask as an H × D strip, hidden units by degree from the top (the caption gives the first and last m(k)). */
    private static void drawStrip(GraphicsContext g, WritableImage img, String name, double x0, double y,
                                  double width, double height, PlotTheme theme) {
        drawFramed(g, img, x0, y, width, height, theme);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(name, x0 - 4, y + height / 2);
    }

    /** An image scaled into a box with the axis colour around it; leaves the fill at the theme's text colour. */
    private static void drawFramed(GraphicsContext g, WritableImage img, double x, double y, double w, double h,
                                   PlotTheme theme) {
        g.drawImage(img, x, y, w, h);
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(x, y, w, h);
        g.setFill(theme.text());
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
