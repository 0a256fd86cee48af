package dev.genlab.scene.counting;

import java.util.List;
import java.util.Locale;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import dev.genlab.plot.Figure;
import dev.genlab.plot.PlotTheme;

/**
 * For 2 x 2 images: all 16 possible images in a row, each with one bar per fitted model showing
 * the probability the model gives it. The bars of each model add up to 1. Being a {@link Figure},
 * it can be copied or saved as PNG from its context menu like every other figure.
 */
final class AllImagesView extends Figure {

    private List<double[]> probabilities = List.of();
    private List<String> names = List.of();

    AllImagesView() {
        setMinHeight(120);
        setPrefHeight(130);
    }

    void set(List<double[]> probabilities, List<String> names) {
        this.probabilities = probabilities;
        this.names = names;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        g.setFill(theme.background());
        g.fillRect(0, 0, w, h);
        if (probabilities.isEmpty() || w < 50) {
            return;
        }
        int images = probabilities.get(0).length;
        double left = 44;
        double cell = (w - left - 8) / images;
        double icon = Math.min(22, cell * 0.7);
        double barTop = 8;
        double barBottom = h - icon - 26;
        double max = 0;
        for (double[] p : probabilities) {
            for (double v : p) {
                max = Math.max(max, v);
            }
        }
        max = max <= 0 ? 1 : max;
        g.setFont(Font.font(theme.fontSize()));
        g.setFill(theme.text());
        g.fillText(String.format(Locale.ROOT, "%.2f", max), 2, barTop + 10);
        g.fillText("0", 2, barBottom);
        int k = probabilities.size();
        double bw = cell * 0.8 / k;
        for (int i = 0; i < images; i++) {
            double x0 = left + i * cell + cell * 0.1;
            for (int m = 0; m < k; m++) {
                double v = probabilities.get(m)[i];
                double bh = (barBottom - barTop) * v / max;
                g.setFill(theme.seriesColor(m));
                g.fillRect(x0 + m * bw, barBottom - bh, Math.max(1, bw - 1), bh);
            }
            // the image itself: pixel j = bit j of i, 2 x 2 row-major
            double ix = left + i * cell + (cell - icon) / 2;
            double iy = barBottom + 6;
            for (int j = 0; j < 4; j++) {
                boolean on = ((i >> j) & 1) == 1;
                g.setFill(on ? Color.BLACK : Color.WHITE); // ink black on white paper, as the samples
                g.fillRect(ix + (j % 2) * icon / 2, iy + (j / 2) * icon / 2, icon / 2, icon / 2);
            }
            g.setStroke(theme.axis());
            g.setLineWidth(1);
            g.strokeRect(ix, iy, icon, icon);
        }
        double lx = left;
        for (int m = 0; m < k; m++) {
            g.setFill(theme.seriesColor(m));
            g.fillRect(lx, h - 12, 10, 10);
            g.setFill(theme.text());
            g.fillText(names.get(m), lx + 14, h - 3);
            lx += 14 + 8 * names.get(m).length() + 16;
        }
    }
}
