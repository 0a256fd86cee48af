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
     * @param filled   shade the area between the curve and y = 0
     * @param inLegend listed in the legend (a family of curves, such as a mixture's components, lists one)
     */
    public record Curve(String name, double[] x, double[] y, Color color, boolean filled, boolean inLegend) {
        public Curve {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
            }
        }

        /** A curve listed in the legend. */
        public Curve(String name, double[] x, double[] y, Color color, boolean filled) {
            this(name, x, y, color, filled, true);
        }
    }

    /**
     * A shaded rectangle behind the curves, e.g. an interval and its image; a NaN bound spans the
     * whole view in that direction.
     */
    public record Band(double x0, double x1, double y0, double y1, Color color) {
    }

    private final Map<String, Curve> curves = new LinkedHashMap<>();
    private List<Band> bands = List.of();
    private double[] pointX = new double[0];
    private double[] pointY = new double[0];
    private Color pointColor;

    private boolean legend = true;

    /** Draw the legend (on by default); a plot with one curve named by its axis needs none. */
    public void setLegendVisible(boolean on) {
        legend = on;
        redraw();
    }

    /** Replaces the bands drawn behind the curves. */
    public void setBands(List<Band> list) {
        bands = List.copyOf(list);
        redraw();
    }

    public List<Band> bands() {
        return bands;
    }

    /** Round handles drawn on top of the curves (e.g. draggable spline knots); empty arrays for none. */
    public void setPoints(double[] x, double[] y, Color color) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        pointX = x.clone();
        pointY = y.clone();
        pointColor = color;
        redraw();
    }

    /** The curve with this name, or null. */
    public Curve curve(String name) {
        return curves.get(name);
    }

    /** Add or replace the curve with this name. */
    public void put(Curve c) {
        curves.put(c.name(), c);
        redraw();
    }

    public void remove(String name) {
        curves.remove(name);
        redraw();
    }

    /** Removes every curve (before putting a set whose names are translated, so no old-language one stays). */
    public void clearCurves() {
        curves.clear();
        redraw();
    }

    @Override
    protected Extent dataBounds() {
        Extent e = null;
        for (Curve c : curves.values()) {
            e = Extent.union(e, Extent.of(c.x(), c.y()));
        }
        if (e == null) {
            return null;
        }
        // densities: keep y = 0 in view and leave a little room above the peak
        double y0 = Math.min(0, e.yMin());
        return new Extent(e.xMin(), e.xMax(), y0, e.yMax() + 0.05 * (e.yMax() - y0));
    }

    /**
     * Thins a polyline of more points than twice the device-pixel columns it spans to the lowest and the highest
     * point of each column, in their order, plus the first and the last point; returns the new length. A stroke
     * through them covers the same columns over the same heights, and the software pipeline's stroker, whose cost
     * grows with the segments, draws a training curve of 1,500 noisy points in a fraction of the time (lesson 8's
     * loss curves took most of the render thread's time at the top speed). Left alone when x is not ascending.
     */
    static int columnExtremes(double[] px, double[] py, int n, double pixelScale) {
        if (n < 4) {
            return n;
        }
        for (int k = 1; k < n; k++) {
            if (!(px[k] >= px[k - 1]) || Double.isNaN(py[k]) || Double.isNaN(py[k - 1])) {
                return n; // not ascending, or a NaN gap: draw as given
            }
        }
        double columns = (px[n - 1] - px[0]) * pixelScale + 1;
        if (n <= 2 * columns) {
            return n;
        }
        int out = 1; // the first point stays
        int k = 1;
        while (k < n - 1) {
            long column = (long) Math.floor(px[k] * pixelScale);
            int lo = k;
            int hi = k;
            int end = k;
            while (end < n - 1 && (long) Math.floor(px[end] * pixelScale) == column) {
                if (py[end] < py[lo]) {
                    lo = end;
                }
                if (py[end] > py[hi]) {
                    hi = end;
                }
                end++;
            }
            int a = Math.min(lo, hi);
            int b = Math.max(lo, hi);
            double ax = px[a], ay = py[a], bx = px[b], by = py[b];
            px[out] = ax;
            py[out] = ay;
            out++;
            if (b != a) {
                px[out] = bx;
                py[out] = by;
                out++;
            }
            k = end;
        }
        px[out] = px[n - 1];
        py[out] = py[n - 1];
        return out + 1;
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        Extent v = t.view();
        for (Band b : bands) {
            double x0 = t.px(Double.isNaN(b.x0()) ? v.xMin() : b.x0());
            double x1 = t.px(Double.isNaN(b.x1()) ? v.xMax() : b.x1());
            double y0 = t.py(Double.isNaN(b.y0()) ? v.yMin() : b.y0());
            double y1 = t.py(Double.isNaN(b.y1()) ? v.yMax() : b.y1());
            g.setFill(b.color());
            g.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
        }
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
                g.setFill(col.deriveColor(0, 1, 1, 0.25));
                g.fillPolygon(px, py, n + 2);
            }
            g.setStroke(col);
            g.setLineWidth(theme.lineWidth());
            g.strokePolyline(px, py, columnExtremes(px, py, n, pixelScale()));
        }
        double r = 2.5 * theme.lineWidth() + 2;
        for (int k = 0; k < pointX.length; k++) {
            double cx = t.px(pointX[k]);
            double cy = t.py(pointY[k]);
            g.setFill(pointColor != null ? pointColor : theme.axis());
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            g.setStroke(theme.background());
            g.setLineWidth(1.5);
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        }
    }

    @Override
    protected List<LegendEntry> legendEntries(PlotTheme theme) {
        if (!legend) {
            return List.of();
        }
        List<LegendEntry> entries = new ArrayList<>();
        int i = 0;
        for (Curve c : curves.values()) {
            if (c.inLegend()) {
                entries.add(new LegendEntry(c.name(), c.color() != null ? c.color() : theme.seriesColor(i), null));
            }
            i++;
        }
        return entries;
    }
}
