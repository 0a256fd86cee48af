package dev.genlab.plot;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * A w x h grid of values over an extent, coloured through a {@link ColorMap}, with optional
 * contour lines. Values are {@code v[j * w + i]} for column i and row j, row 0 at the bottom
 * (smallest y), each value filling one cell. The image is built when data arrive and the contours when next drawn,
 * so panning and zooming only rescale a ready image.
 */
public class HeatmapLayer extends PlotLayer {

    private final ReadOnlyObjectWrapper<ValueRange> range =
            new ReadOnlyObjectWrapper<>(this, "range", new ValueRange(0, 1, false));
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private ValueRange fixedRange;
    private boolean log;
    private boolean smooth;
    private int contourLevels;
    // opaque on purpose: a translucent stroke over thousands of segments is ~30x slower to
    // rasterise in the software pipeline
    private Color contourColor = Color.web("#F2F2F2");

    private float[] values;
    private int w;
    private int h;
    private Extent extent;
    private WritableImage image;
    private int[] argb = new int[0];
    private final List<float[]> contours = new ArrayList<>();
    /**
     * The contours are traced when next drawn, not in every rebuild: a panel that sets new data and then its
     * colour range rebuilds twice per grid, and tracing the lines is the dear part (lesson 6's training panel at
     * the top speed spent most of its JavaFX-thread time there).
     */
    private ValueRange contoursFor;

    public HeatmapLayer() {
        colorMap.addListener(o -> rebuild());
    }

    /** New data; the array is read now and later when the colour settings change. */
    public void setData(float[] values, int w, int h, Extent extent) {
        if (values.length != w * h) {
            throw new IllegalArgumentException(values.length + " values for a " + w + "x" + h + " grid");
        }
        this.values = values;
        this.w = w;
        this.h = h;
        this.extent = extent;
        rebuild();
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public void setColorMap(ColorMap map) {
        colorMap.set(map);
    }

    public ColorMap getColorMap() {
        return colorMap.get();
    }

    /** Fix the colour scale to [min, max]; values outside are clamped. */
    public void setRange(double min, double max) {
        fixedRange = new ValueRange(min, max, log);
        rebuild();
    }

    /** Scale colours to each new grid's own min and max (the default). */
    public void setAutoRange() {
        fixedRange = null;
        rebuild();
    }

    /** The range the colours currently span, for a {@link ColorBar}. */
    public ReadOnlyObjectProperty<ValueRange> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /** Colour by log10 of the value (non-positive values become transparent). */
    public void setLog(boolean log) {
        this.log = log;
        if (fixedRange != null) {
            fixedRange = new ValueRange(fixedRange.min(), fixedRange.max(), log);
        }
        rebuild();
    }

    /** Interpolate between cells instead of showing crisp cells. */
    public void setSmooth(boolean smooth) {
        this.smooth = smooth;
        changed();
    }

    /** Draw k contour lines at evenly spaced levels inside the range; 0 for none. */
    public void setContourLevels(int k) {
        contourLevels = k;
        rebuild();
    }

    public void setContourColor(Color color) {
        contourColor = color;
        changed();
    }

    @Override
    public Extent bounds() {
        return extent;
    }

    private void rebuild() {
        if (values == null) {
            changed();
            return;
        }
        ValueRange r = fixedRange != null ? fixedRange : autoRange();
        ColorMap map = colorMap.get();
        if (!r.equals(range.get())) {
            range.set(r);
        }
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            image = new WritableImage(w, h);
            argb = new int[w * h];
        }
        for (int j = 0; j < h; j++) {
            int src = j * w;
            int dst = (h - 1 - j) * w; // image rows run top-down
            for (int i = 0; i < w; i++) {
                argb[dst + i] = map.argb(r.fraction(values[src + i]));
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        contours.clear();
        contoursFor = contourLevels > 0 ? r : null;
        changed();
    }

    /** Traces the contour lines of the current data and range if a rebuild asked for them. */
    private void traceContours() {
        if (contoursFor == null) {
            return;
        }
        for (int k = 1; k <= contourLevels; k++) {
            double level = contoursFor.valueAt(k / (contourLevels + 1.0));
            contours.add(Contours.segments(values, w, h, extent, level));
        }
        contoursFor = null;
    }

    private ValueRange autoRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isNaN(v) && (!log || v > 0)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return new ValueRange(log ? 0.1 : 0, 1, log);
        }
        if (lo == hi) {
            return log ? new ValueRange(lo / 2, hi * 2, true) : new ValueRange(lo - 0.5, hi + 0.5, false);
        }
        return new ValueRange(lo, hi, log);
    }

    @Override
    public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        if (image == null) {
            return;
        }
        double x0 = t.px(extent.xMin());
        double y0 = t.py(extent.yMax());
        g.setImageSmoothing(smooth);
        g.drawImage(image, x0, y0, t.px(extent.xMax()) - x0, t.py(extent.yMin()) - y0);
        g.setImageSmoothing(true);
        traceContours();
        if (contours.isEmpty()) {
            return;
        }
        g.setStroke(contourColor);
        g.setLineWidth(theme.lineWidth() * 0.8);
        g.beginPath();
        for (float[] s : contours) {
            for (int k = 0; k < s.length; k += 4) {
                g.moveTo(t.px(s[k]), t.py(s[k + 1]));
                g.lineTo(t.px(s[k + 2]), t.py(s[k + 3]));
            }
        }
        g.stroke();
    }
}
