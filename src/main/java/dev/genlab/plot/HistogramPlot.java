package dev.genlab.plot;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Bars over bin edges, e.g. a histogram of samples beside the true density. */
public class HistogramPlot extends AxesFigure {

    private double[] edges = new double[0];
    private double[] heights = new double[0];
    private Color color;

    /** Bars: bin k spans [edges[k], edges[k+1]] with the given height; color null for the palette's first. */
    public void setBins(double[] edges, double[] heights, Color color) {
        if (edges.length != heights.length + 1) {
            throw new IllegalArgumentException(edges.length + " edges for " + heights.length + " bins");
        }
        this.edges = edges;
        this.heights = heights;
        this.color = color;
        redraw();
    }

    /**
     * Bin samples into bins equal bins over [lo, hi]; with density the bar areas sum to one (so
     * the bars can be compared with a probability density), otherwise heights are counts.
     */
    public void setSamples(float[] samples, int bins, double lo, double hi, boolean density) {
        double[] e = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            e[k] = lo + (hi - lo) * k / bins;
        }
        double[] counts = new double[bins];
        int inside = 0;
        for (float s : samples) {
            int k = (int) Math.floor((s - lo) / (hi - lo) * bins);
            if (k >= 0 && k < bins) {
                counts[k]++;
                inside++;
            } else if (s == hi) {
                counts[bins - 1]++;
                inside++;
            }
        }
        if (density && inside > 0) {
            double norm = samples.length * (hi - lo) / bins;
            for (int k = 0; k < bins; k++) {
                counts[k] /= norm;
            }
        }
        setBins(e, counts, null);
    }

    @Override
    protected Extent dataBounds() {
        if (heights.length == 0) {
            return null;
        }
        double top = 0;
        for (double h : heights) {
            top = Math.max(top, h);
        }
        return Extent.around(edges[0], edges[edges.length - 1], 0, top * 1.05);
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        Color c = color != null ? color : theme.seriesColor(0);
        double base = t.py(0);
        g.setFill(c.deriveColor(0, 1, 1, 0.55));
        g.setStroke(c);
        g.setLineWidth(1);
        for (int k = 0; k < heights.length; k++) {
            double x0 = t.px(edges[k]);
            double x1 = t.px(edges[k + 1]);
            double top = t.py(heights[k]);
            g.fillRect(x0, top, x1 - x0, base - top);
            g.strokeRect(x0, top, x1 - x0, base - top);
        }
    }
}
