package dev.genlab.scene.markov;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;

/**
 * A line chart against k (or m) that also marks a best x with a dashed vertical line and a label,
 * and the knob's x with a ring on the first series.
 */
final class NllChart extends LineChartPlot {

    private double bestX = Double.NaN;
    private String bestLabel = "";
    private double chosenX = Double.NaN;
    private double chosenY = Double.NaN;
    private Color chosenColor = Color.BLACK;

    void mark(double bestX, String bestLabel, double chosenX, double chosenY, Color chosenColor) {
        this.bestX = bestX;
        this.bestLabel = bestLabel;
        this.chosenX = chosenX;
        this.chosenY = chosenY;
        this.chosenColor = chosenColor;
        redraw();
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        super.paintData(g, t, theme);
        if (Double.isFinite(bestX)) {
            double px = t.px(bestX);
            if (!Double.isNaN(px)) {
                g.setStroke(theme.text());
                g.setLineWidth(1);
                g.setLineDashes(4, 3);
                g.strokeLine(px, t.top(), px, t.bottom());
                g.setLineDashes();
                g.setFill(theme.text());
                // at the bottom: the legend sits top right
                g.setTextBaseline(VPos.BOTTOM);
                boolean right = px < t.left() + t.width() * 0.6;
                g.setTextAlign(right ? TextAlignment.LEFT : TextAlignment.RIGHT);
                javafx.scene.text.Text probe = new javafx.scene.text.Text(bestLabel);
                probe.setFont(theme.font());
                double tw = probe.getLayoutBounds().getWidth();
                double tx = right ? px + 3 : px - 3 - tw;
                g.setFill(theme.plotBackground().deriveColor(0, 1, 1, 0.85));
                g.fillRect(tx - 1, t.bottom() - theme.fontSize() * 1.3 - 2, tw + 2, theme.fontSize() * 1.3);
                g.setFill(theme.text());
                g.fillText(bestLabel, right ? px + 4 : px - 4, t.bottom() - 3);
            }
        }
        if (Double.isFinite(chosenX) && Double.isFinite(chosenY)) {
            double px = t.px(chosenX);
            double py = t.py(chosenY);
            if (!Double.isNaN(px) && !Double.isNaN(py)) {
                double r = 3 + theme.lineWidth();
                g.setStroke(chosenColor);
                g.setLineWidth(2);
                g.strokeOval(px - r, py - r, 2 * r, 2 * r);
            }
        }
    }
}
