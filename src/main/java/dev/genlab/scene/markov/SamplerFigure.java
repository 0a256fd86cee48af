package dev.genlab.scene.markov;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.Figure;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * The sample being drawn: drawn pixels black (1) or white (0), pixels still to come grey, the
 * ordering's path as a polyline through the pixel centres, the next pixel outlined, the pixels
 * its conditional reads highlighted, and p(x = 1 | context) as a bar beside the image.
 */
final class SamplerFigure extends Figure {

    static final Color PATH = Color.web("#D55E00", 0.4);
    // the parts a lesson's text names, as {colour:KEY} with the keys of MarkovScene.DESCRIPTOR
    /** The pixels the next one's conditional reads ({@code context}). */
    static final FigureColour CONTEXT = FigureColour.ORANGE;
    /** The next pixel and its bar ({@code next-pixel}). */
    static final FigureColour CURRENT = FigureColour.BLUE;

    private MarkovSnapshot s;

    void show(MarkovSnapshot snapshot) {
        s = snapshot;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (s == null || s.side() == 0) {
            return;
        }
        int side = s.side();
        double barW = Math.max(36, theme.fontSize() * 3.6);
        double size = Math.min(w - barW - 8, h - 4);
        if (size < 20) {
            return;
        }
        double cell = size / side;
        double x0 = Math.floor((w - barW - 8 - size) / 2);
        double y0 = Math.floor((h - size) / 2);
        boolean[] done = new boolean[s.pixels()];
        for (int t = 0; t < s.drawn(); t++) {
            done[s.path()[t]] = true;
        }
        for (int q = 0; q < s.pixels(); q++) {
            double x = x0 + (q % side) * cell;
            double y = y0 + (q / side) * cell;
            g.setFill(!done[q] ? Color.web("#B8B8B8") : s.image()[q] == 1 ? Color.BLACK : Color.WHITE);
            g.fillRect(x, y, Math.ceil(cell), Math.ceil(cell));
        }
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(x0, y0, size, size);
        // the ordering's path
        int n = s.path().length;
        double[] px = new double[n];
        double[] py = new double[n];
        for (int t = 0; t < n; t++) {
            px[t] = x0 + (s.path()[t] % side + 0.5) * cell;
            py[t] = y0 + (s.path()[t] / side + 0.5) * cell;
        }
        g.setStroke(PATH);
        g.setLineWidth(Math.max(1, Math.min(1.5, cell / 8)));
        g.strokePolyline(px, py, n);
        // the context and the next pixel
        double lw = Math.max(1.5, Math.min(3, cell / 5));
        g.setLineWidth(lw);
        g.setStroke(CONTEXT.color());
        for (int q : s.context()) {
            g.strokeRect(x0 + (q % side) * cell + lw / 2, y0 + (q / side) * cell + lw / 2, cell - lw, cell - lw);
        }
        if (s.current() >= 0) {
            int q = s.current();
            g.setStroke(CURRENT.color());
            g.setLineWidth(lw + 1);
            g.strokeRect(x0 + (q % side) * cell - 1, y0 + (q / side) * cell - 1, cell + 2, cell + 2);
        }
        // the conditional as a bar
        double bx = w - barW + 8;
        double bw = barW - 20;
        double top = y0 + theme.fontSize() * 1.4;
        double bottom = y0 + size - theme.fontSize() * 1.4;
        g.setFill(theme.plotBackground());
        g.fillRect(bx, top, bw, bottom - top);
        double p = s.conditional();
        if (Double.isFinite(p)) {
            g.setFill(CURRENT.color());
            g.fillRect(bx, bottom - (bottom - top) * p, bw, (bottom - top) * p);
        }
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(bx, top, bw, bottom - top);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(Double.isFinite(p) ? String.format(Locale.ROOT, "%.2f", p) : "\u2014", bx + bw / 2, top - 2);
        g.setTextBaseline(VPos.TOP);
        g.fillText(I18n.get("markov.sampler.bar"), bx + bw / 2, bottom + 2);
    }
}
