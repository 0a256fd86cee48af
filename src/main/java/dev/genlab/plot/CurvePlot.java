package dev.genlab.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** 1-D curves y = f(x) such as densities, several at once with a legend, optionally filled to y = 0. */
public class CurvePlot extends AxesFigure {

    /**
     * One curve.
     *
     * @param color  null for the theme palette colour of its position
     * @param filled shade the area between the curve and y = 0
     */
    public record Curve(String name, double[] x, double[] y, Color color, boolean filled) {
        public Curve {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
            }
        }
    }

    private final Map<String, Curve> curves = new LinkedHashMap<>();

    /** Add or replace the curve with this name. */
    public void put(Curve c) {
        curves.put(c.name(), c);
        redraw();
    }

    public void remove(String name) {
        curves.remove(name);
        redraw();
    }

    @Override
    protected Extent dataBounds() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = 0, y1 = Double.NEGATIVE_INFINITY;
        for (Curve c : curves.values()) {
            for (int k = 0; k < c.x().length; k++) {
                x0 = Math.min(x0, c.x()[k]);
                x1 = Math.max(x1, c.x()[k]);
                y0 = Math.min(y0, c.y()[k]);
                y1 = Math.max(y1, c.y()[k]);
            }
        }
        return x0 > x1 ? null : Extent.around(x0, x1, y0, y1 + 0.05 * (y1 - y0));
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        int i = 0;
        for (Curve c : curves.values()) {
            Color col = c.color() != null ? c.color() : theme.seriesColor(i);
            i++;
            int n = c.x().length;
            double[] px = new double[n + 2];
            double[] py = new double[n + 2];
            for (int k = 0; k < n; k++) {
                px[k] = t.px(c.x()[k]);
                py[k] = t.py(c.y()[k]);
            }
            if (c.filled() && n > 1) {
                px[n] = px[n - 1];
                py[n] = t.py(0);
                px[n + 1] = px[0];
                py[n + 1] = py[n];
                g.setFill(Color.color(col.getRed(), col.getGreen(), col.getBlue(), 0.25));
                g.fillPolygon(px, py, n + 2);
            }
            g.setStroke(col);
            g.setLineWidth(theme.lineWidth());
            g.strokePolyline(px, py, n);
        }
    }

    @Override
    protected void paintOverlay(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        List<LegendEntry> entries = new ArrayList<>();
        int i = 0;
        for (Curve c : curves.values()) {
            entries.add(new LegendEntry(c.name(), c.color() != null ? c.color() : theme.seriesColor(i), null));
            i++;
        }
        paintLegend(g, t, theme, entries);
    }
}
