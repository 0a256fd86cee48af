package dev.genlab.scene.markov;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.Figure;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * Two maps of how much each pixel j tells about pixel i, I(X_i; X_j) and I(X_i; X_j | neighbours
 * of i), on one colour scale, with i, its neighbours and the far pixel j marked; below them the two
 * numbers for j as bars.
 */
final class MiFigure extends Figure {

    static final Color FAR = Color.web("#D55E00");
    /** Pixel i on both maps; a lesson's text names it {@code {colour:pixel-i}} (MarkovScene.DESCRIPTOR). */
    static final FigureColour PIXEL = FigureColour.SKY_BLUE;

    private MarkovSnapshot s;

    void show(MarkovSnapshot snapshot) {
        s = snapshot;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (s == null || s.side() == 0 || s.pixel() < 0) {
            return;
        }
        double fs = theme.fontSize();
        double barsH = 2 * (fs * 1.35);
        double captionH = fs * 1.4;
        double size = Math.min((w - 12) / 2, h - barsH - captionH - 4);
        if (size < 16) {
            return;
        }
        double max = 1e-9;
        for (double v : s.miMap()) {
            max = Math.max(max, v);
        }
        for (double v : s.miGivenMap()) {
            max = Math.max(max, v);
        }
        double gx = Math.floor((w - 2 * size - 12) / 2);
        String[] captions = {I18n.get("markov.mi.map"), I18n.get("markov.mi.mapGiven")};
        double[][] maps = {s.miMap(), s.miGivenMap()};
        for (int m = 0; m < 2; m++) {
            double x0 = gx + m * (size + 12);
            double y0 = captionH;
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(captions[m], x0 + size / 2, 1, size + 10);
            map(g, maps[m], max, x0, y0, size, m == 1);
        }
        // bars for the far pixel
        double by = captionH + size + 4;
        double labelW = Math.min(w * 0.42, fs * 9);
        double barX = labelW + 4;
        double barMax = w - barX - fs * 6;
        double[] values = {s.mi(), s.miGiven()};
        String[] names = {I18n.get("markov.mi.bar"), I18n.get("markov.mi.barGiven")};
        double top = Math.max(max, Math.max(values[0], values[1]));
        for (int b = 0; b < 2; b++) {
            double y = by + b * fs * 1.35;
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.setTextBaseline(VPos.TOP);
            g.fillText(names[b], labelW, y, labelW);
            double len = Math.max(1, barMax * values[b] / top);
            g.setFill(b == 0 ? ColorMap.VIRIDIS.color(0.85) : ColorMap.VIRIDIS.color(0.35));
            g.fillRect(barX, y + 1, len, fs);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(String.format(Locale.ROOT, "%.4f", values[b]), barX + len + 4, y);
        }
    }

    private void map(GraphicsContext g, double[] v, double max, double x0, double y0, double size, boolean given) {
        int side = s.side();
        double cell = size / side;
        for (int q = 0; q < v.length; q++) {
            g.setFill(ColorMap.VIRIDIS.color(Math.sqrt(Math.max(0, v[q]) / max)));
            g.fillRect(x0 + (q % side) * cell, y0 + (q / side) * cell, Math.ceil(cell), Math.ceil(cell));
        }
        double lw = Math.max(1, Math.min(2, cell / 4));
        g.setLineWidth(lw);
        if (given) {
            g.setStroke(Color.WHITE);
            for (int q : s.neighbours()) {
                g.strokeRect(x0 + (q % side) * cell + lw / 2, y0 + (q / side) * cell + lw / 2, cell - lw, cell - lw);
            }
        }
        g.setFill(PIXEL.color());
        int i = s.pixel();
        g.fillRect(x0 + (i % side) * cell, y0 + (i / side) * cell, Math.ceil(cell), Math.ceil(cell));
        int j = s.farPixel();
        g.setStroke(FAR);
        g.setLineWidth(lw + 0.5);
        g.strokeRect(x0 + (j % side) * cell - 1, y0 + (j / side) * cell - 1, cell + 2, cell + 2);
    }
}
