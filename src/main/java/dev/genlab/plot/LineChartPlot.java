package dev.genlab.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Training curves: named series of (step, value) with a legend, optional log y, and dashed
 * horizontal reference lines (e.g. "H(p) floor"). Series are append-only with x non-decreasing;
 * when a series has more points than the plot has pixel columns it is drawn through
 * {@link #decimate min/max decimation}, so 100,000 points cost about as much as 1,000.
 */
public class LineChartPlot extends AxesFigure {

    /** One curve; append points on the FX thread. */
    public final class Series {
        private final String name;
        private final Color color;
        private double[] x = new double[256];
        private double[] y = new double[256];
        private int size;
        private double yMin = Double.POSITIVE_INFINITY;
        private double yMax = Double.NEGATIVE_INFINITY;
        private double yMinPositive = Double.POSITIVE_INFINITY;

        private Series(String name, Color color) {
            this.name = name;
            this.color = color;
        }

        public String name() {
            return name;
        }

        public int size() {
            return size;
        }

        public void append(double xv, double yv) {
            if (size == x.length) {
                x = Arrays.copyOf(x, size * 2);
                y = Arrays.copyOf(y, size * 2);
            }
            x[size] = xv;
            y[size] = yv;
            size++;
            if (Double.isFinite(yv)) {
                yMin = Math.min(yMin, yv);
                yMax = Math.max(yMax, yv);
                if (yv > 0) {
                    yMinPositive = Math.min(yMinPositive, yv);
                }
            }
            redraw();
        }

        public void appendAll(double[] xs, double[] ys) {
            for (int k = 0; k < xs.length; k++) {
                append(xs[k], ys[k]);
            }
        }

        public void clear() {
            size = 0;
            yMin = yMinPositive = Double.POSITIVE_INFINITY;
            yMax = Double.NEGATIVE_INFINITY;
            redraw();
        }
    }

    private record Reference(double y, String label, Color color) {
    }

    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private double[] bufX = new double[0];
    private double[] bufY = new double[0];

    public LineChartPlot() {
        setXLabel("step");
    }

    /** A new series; color null takes the theme palette colour for its position. */
    public Series addSeries(String name, Color color) {
        Series s = new Series(name, color);
        series.add(s);
        redraw();
        return s;
    }

    public Series addSeries(String name) {
        return addSeries(name, null);
    }

    /** The series' names, in drawing order. */
    public List<String> seriesNames() {
        return series.stream().map(Series::name).toList();
    }

    public void clearSeries() {
        series.clear();
        redraw();
    }

    /** A dashed horizontal line at y with a label at its right end; color null for the text colour. */
    public void addReferenceLine(double y, String label, Color color) {
        references.add(new Reference(y, label, color));
        redraw();
    }

    public void clearReferenceLines() {
        references.clear();
        redraw();
    }

    private boolean clipOutliers;
    /** The top of the y range when outliers are clipped (NaN: nothing clipped). */
    private double clippedTop = Double.NaN;

    /**
     * With outliers clipped, the y range ends at the 99th percentile of the points (a spike of a few
     * steps no longer flattens the rest of the curve), and every point above it is marked by a small
     * triangle on the top edge, in its series' colour.
     */
    public void setClipOutliers(boolean on) {
        clipOutliers = on;
        redraw();
    }

    /** The 99th percentile of (a stride of at most 4,096 of) every series' finite values; NaN for few points. */
    private double robustTop() {
        int total = 0;
        for (Series s : series) {
            total += s.size;
        }
        if (total < 50) {
            return Double.NaN;
        }
        int stride = Math.max(1, total / 4096);
        double[] v = new double[total / stride + series.size()];
        int n = 0;
        for (Series s : series) {
            for (int i = 0; i < s.size; i += stride) {
                if (Double.isFinite(s.y[i]) && n < v.length) {
                    v[n++] = s.y[i];
                }
            }
        }
        if (n < 50) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return v[(int) Math.floor(0.99 * (n - 1))];
    }

    /** Every chart of this kind counts along x (Adam steps, EM iterations, pixels of context, image sides). */
    @Override
    protected boolean wholeX() {
        return true;
    }

    @Override
    protected Extent dataBounds() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        boolean log = logYProperty().get();
        for (Series s : series) {
            if (s.size > 0) {
                x0 = Math.min(x0, s.x[0]);
                x1 = Math.max(x1, s.x[s.size - 1]);
                y0 = Math.min(y0, log ? s.yMinPositive : s.yMin);
                y1 = Math.max(y1, s.yMax);
            }
        }
        for (Reference r : references) {
            if (!log || r.y > 0) {
                y0 = Math.min(y0, r.y);
                y1 = Math.max(y1, r.y);
            }
        }
        if (!(x0 <= x1) || !(y0 <= y1)) {
            return null;
        }
        if (x1 == x0) {
            // one point (step 0 of a run): x is a count here, so the axis runs on from it, never below it
            x1 = x0 + 1;
        }
        if (log) {
            double lo = y1 > y0 ? y0 / 1.2 : y0 / 2;
            return Extent.around(x0, x1, lo, y1 > y0 ? y1 * 1.2 : y1 * 2);
        }
        clippedTop = Double.NaN;
        if (clipOutliers) {
            double top = robustTop();
            for (Reference r : references) {
                top = Math.max(top, r.y);
            }
            if (top < y1 && top > y0) {
                // a little headroom above the 99th percentile, so that the curve's ordinary noise stays in
                double headroom = (top - y0) * 0.15;
                if (top + headroom < y1) {
                    y1 = top + headroom;
                    clippedTop = y1;
                }
            }
        }
        double pad = (y1 - y0) * 0.05;
        return Extent.around(x0, x1, y0 - pad, y1 + pad);
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        g.setLineWidth(theme.lineWidth());
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int need = 4 * ((int) t.width() + 3);
            int capacity = Math.min(s.size, need);
            if (bufX.length < capacity) {
                bufX = new double[capacity];
                bufY = new double[capacity];
            }
            Color c = color(s, i, theme);
            g.setStroke(c);
            if (s.size <= need) {
                int n = copyVisible(s, t);
                g.strokePolyline(bufX, bufY, n);
                if (n == 1) {
                    // a line of one point draws nothing: a dot (a run's first held-out evaluation)
                    double r = 1.5 + theme.lineWidth();
                    g.setFill(c);
                    g.fillOval(bufX[0] - r, bufY[0] - r, 2 * r, 2 * r);
                }
            } else {
                int n = decimate(s.x, s.y, s.size, t, bufX, bufY);
                g.setFill(c);
                g.strokePolyline(bufX, bufY, columnBars(g, n, theme.lineWidth()));
            }
        }
        if (!Double.isNaN(clippedTop)) {
            markClipped(g, t, theme);
        }
        g.setLineDashes(6, 4);
        g.setLineWidth(Math.max(1, theme.lineWidth() * 0.8));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.BOTTOM);
        double lh = theme.fontSize() * 1.2;
        List<Reference> shown = new ArrayList<>();
        List<Double> wanted = new ArrayList<>();
        for (Reference r : references) {
            double py = t.py(r.y);
            if (Double.isNaN(py)) {
                continue;
            }
            Color c = r.color != null ? r.color : theme.text();
            g.setStroke(c);
            g.strokeLine(t.left(), py, t.right(), py);
            // the label above its line, or below it when the line runs along the top of the plot
            // (a reference at the top of the range, such as independent pixels in lesson 5)
            boolean below = py - 3 - lh < t.top();
            shown.add(r);
            wanted.add(below ? py + 3 : py - 3 - lh);
        }
        double[] tops = labelTops(wanted.stream().mapToDouble(Double::doubleValue).toArray(), lh, t.top(), t.bottom());
        for (int i = 0; i < shown.size(); i++) {
            Reference r = shown.get(i);
            double w = TextMetrics.width(r.label, theme.font());
            g.setFill(theme.plotBackground().deriveColor(0, 1, 1, 0.8));
            g.fillRect(t.right() - 6 - w, tops[i], w + 4, lh);
            g.setFill(r.color != null ? r.color : theme.text());
            g.fillText(r.label, t.right() - 4, tops[i] + lh);
        }
        g.setLineDashes();
    }

    /**
     * Where the reference lines' labels go (their tops), given where each wants to be: all labels sit at the plot's
     * right edge, so two whose lines lie closer than a line of text would print over each other (lesson 5's
     * "independent pixels", "Markov k = 7" and a checkpoint's line). Each keeps its place unless it would overlap one
     * above it, then moves just below that one; labels pushed past the plot's bottom move back up together, and none
     * goes above the top when they fit at all.
     */
    static double[] labelTops(double[] wanted, double lineHeight, double top, double bottom) {
        int n = wanted.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(wanted[a], wanted[b]));
        double[] tops = new double[n];
        double next = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            tops[i] = Math.max(wanted[i], next);
            next = tops[i] + lineHeight;
        }
        double limit = bottom;
        for (int k = n - 1; k >= 0; k--) {
            int i = order[k];
            tops[i] = Math.max(top, Math.min(tops[i], limit - lineHeight));
            limit = tops[i];
        }
        return tops;
    }

    /** A small triangle on the top edge above every pixel column that holds a point above the clipped range. */
    private void markClipped(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        double h = Math.max(4, theme.fontSize() * 0.5);
        double top = t.py(t.view().yMax());
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setFill(color(s, i, theme));
            double lastPx = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < s.size; k++) {
                if (s.y[k] > t.view().yMax()) {
                    double px = t.px(s.x[k]);
                    if (!Double.isNaN(px) && px - lastPx >= h) {
                        g.fillPolygon(new double[] {px - h / 2, px + h / 2, px}, new double[] {top + h, top + h, top}, 3);
                        lastPx = px;
                    }
                }
            }
        }
    }

    /** Whether the y range is clipped below the highest point now (tests, read-outs). */
    public boolean isClipped() {
        return !Double.isNaN(clippedTop);
    }

    /**
     * Draw each pixel column's span of decimated points as one bar, and compact the buffers to
     * the column's first and last points for the connecting polyline. A noisy curve's columns
     * can span a hundred pixels; as zigzag strokes those cost ~40 ms a frame to rasterise in
     * software, as rectangles under a millisecond.
     *
     * @return the number of polyline points left in the buffers
     */
    private int columnBars(GraphicsContext g, int n, double lineWidth) {
        int m = 0;
        int i = 0;
        while (i < n) {
            long col = (long) Math.floor(bufX[i]);
            double lo = bufY[i];
            double hi = bufY[i];
            int j = i;
            while (j + 1 < n && (long) Math.floor(bufX[j + 1]) == col) {
                j++;
                lo = Math.min(lo, bufY[j]);
                hi = Math.max(hi, bufY[j]);
            }
            if (j > i) {
                g.fillRect(col + 0.5 - lineWidth / 2, lo - lineWidth / 2, lineWidth, hi - lo + lineWidth);
            }
            // in place: m <= i, and this column's points have all been read
            double lastX = bufX[j];
            double lastY = bufY[j];
            bufX[m] = bufX[i];
            bufY[m++] = bufY[i];
            if (j > i) {
                bufX[m] = lastX;
                bufY[m++] = lastY;
            }
            i = j + 1;
        }
        return m;
    }

    private int copyVisible(Series s, PlotTransform t) {
        int n = 0;
        for (int k = 0; k < s.size; k++) {
            double py = t.py(s.y[k]);
            if (!Double.isNaN(py)) {
                bufX[n] = t.px(s.x[k]);
                bufY[n++] = py;
            }
        }
        return n;
    }

    @Override
    protected List<LegendEntry> legendEntries(PlotTheme theme) {
        List<LegendEntry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            entries.add(new LegendEntry(series.get(i).name, color(series.get(i), i, theme), null));
        }
        return entries;
    }

    private static Color color(Series s, int i, PlotTheme theme) {
        return s.color != null ? s.color : theme.seriesColor(i);
    }

    /**
     * Pixel coordinates of a polyline that looks like the full one: points with x non-decreasing
     * are grouped by pixel column, and each column keeps its first, minimum, maximum and last
     * point in their original order. Points outside the visible x range are dropped except one on
     * each side, so the line still runs to the edge. outX/outY need 4 * (columns + 3) entries.
     *
     * @return the number of points written
     */
    static int decimate(double[] x, double[] y, int size, PlotTransform t, double[] outX, double[] outY) {
        int from = Math.max(0, lowerBound(x, size, t.view().xMin()) - 1);
        int to = Math.min(size, lowerBound(x, size, t.view().xMax()) + 1);
        int n = 0;
        int k = from;
        while (k < to) {
            long col = (long) Math.floor(t.px(x[k]));
            int first = k, min = k, max = k, last = k;
            for (k++; k < to && (long) Math.floor(t.px(x[k])) == col; k++) {
                if (y[k] < y[min]) {
                    min = k;
                }
                if (y[k] > y[max]) {
                    max = k;
                }
                last = k;
            }
            // in index order first <= lo <= hi <= last; emit each distinct index once
            int lo = Math.min(min, max);
            int hi = Math.max(min, max);
            n = emit(x, y, first, t, outX, outY, n);
            if (lo != first) {
                n = emit(x, y, lo, t, outX, outY, n);
            }
            if (hi != lo) {
                n = emit(x, y, hi, t, outX, outY, n);
            }
            if (last != hi) {
                n = emit(x, y, last, t, outX, outY, n);
            }
        }
        return n;
    }

    private static int emit(double[] x, double[] y, int k, PlotTransform t, double[] outX, double[] outY, int n) {
        double py = t.py(y[k]);
        if (Double.isNaN(py)) {
            return n;
        }
        outX[n] = t.px(x[k]);
        outY[n] = py;
        return n + 1;
    }

    /** The first index whose x is at least v (size if none); x sorted ascending. */
    private static int lowerBound(double[] x, int size, double v) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
