package dev.genlab.scene.autoregressive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.plot.Figure;
import dev.genlab.plot.PlotTheme;

/**
 * A side × side image of coloured cells (one per pixel) with outlined cells, an optional bar for a
 * probability beside it, and optional painting with the mouse (primary button: ink, secondary:
 * erase). The scene's sampler, estimate map, receptive field and inpainting canvas are all this.
 */
final class PixelGridFigure extends Figure {

    /** Called for every cell the mouse paints: the row-major pixel and whether it becomes ink. */
    interface Painter {
        void paint(int pixel, boolean ink);
    }

    private record Outline(int pixel, Color color, double width) {
    }

    private int side;
    private int[] argb = new int[0];
    private final List<Outline> outlines = new ArrayList<>();
    private double bar = Double.NaN;
    private String barLabel = "";
    private boolean showBar;
    private double cutRow = -1;
    private Painter painter;
    private Runnable painted;
    // geometry of the last paint, for the mouse
    private double x0;
    private double y0;
    private double cell;

    PixelGridFigure() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::paintAt);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::paintAt);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (painter != null && painted != null) {
                painted.run();
            }
        });
    }

    /** Cells as 0xAARRGGBB colours, row-major. */
    void setCells(int side, int[] argb) {
        this.side = side;
        this.argb = argb.clone();
        redraw();
    }

    void clearOutlines() {
        outlines.clear();
        redraw();
    }

    void outline(int pixel, Color color, double width) {
        outlines.add(new Outline(pixel, color, width));
        redraw();
    }

    /** A bar for p (NaN: empty) with a label under it; hidden unless set. */
    void setBar(double p, String label) {
        showBar = true;
        bar = p;
        barLabel = label;
        redraw();
    }

    /** A line across the image above this row (−1: none). */
    void setCutRow(double row) {
        cutRow = row;
        redraw();
    }

    /** Makes the figure a canvas: {@code painter} for each cell touched, {@code done} when a stroke ends. */
    void setPainter(Painter painter, Runnable done) {
        this.painter = painter;
        this.painted = done;
        setCursor(javafx.scene.Cursor.CROSSHAIR);
    }

    int side() {
        return side;
    }

    /** The colour of a cell (tests). */
    int cell(int pixel) {
        return argb[pixel];
    }

    private void paintAt(MouseEvent e) {
        if (painter == null || side == 0 || cell <= 0) {
            return;
        }
        int c = (int) Math.floor((e.getX() - x0) / cell);
        int r = (int) Math.floor((e.getY() - y0) / cell);
        if (r < 0 || c < 0 || r >= side || c >= side) {
            return;
        }
        boolean ink = e.getButton() != MouseButton.SECONDARY && !e.isSecondaryButtonDown() && !e.isShiftDown();
        painter.paint(r * side + c, ink);
        e.consume();
    }

    /** Where pixel (r, c)'s cell centre is, in the figure's coordinates (tests click there). */
    double[] cellCentre(int r, int c) {
        return new double[] {x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell};
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (side == 0) {
            return;
        }
        double barW = showBar ? Math.max(36, theme.fontSize() * 3.6) : 0;
        double size = Math.min(w - barW - 8, h - 4);
        if (size < 20) {
            return;
        }
        cell = size / side;
        x0 = Math.floor((w - barW - size) / 2);
        y0 = Math.floor((h - size) / 2);
        for (int q = 0; q < side * side; q++) {
            int v = argb[q];
            g.setFill(Color.rgb(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF, (v >>> 24) / 255.0));
            g.fillRect(x0 + (q % side) * cell, y0 + (q / side) * cell, Math.ceil(cell), Math.ceil(cell));
        }
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(x0, y0, size, size);
        for (Outline o : outlines) {
            double lw = Math.max(1.5, Math.min(o.width(), cell / 3));
            g.setStroke(o.color());
            g.setLineWidth(lw);
            int q = o.pixel();
            g.strokeRect(x0 + (q % side) * cell - lw / 2, y0 + (q / side) * cell - lw / 2, cell + lw, cell + lw);
        }
        if (cutRow >= 0 && cutRow <= side) {
            g.setStroke(Color.web("#D55E00"));
            g.setLineWidth(2.5);
            double y = y0 + cutRow * cell;
            g.strokeLine(x0 - 4, y, x0 + size + 4, y);
        }
        if (showBar) {
            double bx = w - barW + 8;
            double bw = barW - 20;
            double top = y0 + theme.fontSize() * 1.4;
            double bottom = y0 + size - theme.fontSize() * 1.4;
            g.setFill(theme.plotBackground());
            g.fillRect(bx, top, bw, bottom - top);
            if (Double.isFinite(bar)) {
                g.setFill(Color.web("#0072B2"));
                g.fillRect(bx, bottom - (bottom - top) * bar, bw, (bottom - top) * bar);
            }
            g.setStroke(theme.axis());
            g.setLineWidth(1);
            g.strokeRect(bx, top, bw, bottom - top);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(Double.isFinite(bar) ? String.format(Locale.ROOT, "%.3f", bar) : "\u2014", bx + bw / 2, top - 2);
            g.setTextBaseline(VPos.TOP);
            g.fillText(barLabel, bx + bw / 2, bottom + 2);
        }
    }
}
