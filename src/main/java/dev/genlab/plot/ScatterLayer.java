package dev.genlab.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Point clouds, one marker shape and colour per series (e.g. data as circles, model samples as
 * crosses) so they stay apart in greyscale too. All markers of a series go into one path and are
 * filled or stroked in a single call, which keeps thousands of points cheap.
 */
public class ScatterLayer extends PlotLayer {

    /**
     * One series.
     *
     * @param color null to take the theme's palette colour for the series' position
     */
    public record Series(String name, float[] x, float[] y, Color color, Marker marker) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
            }
        }
    }

    private final Map<String, Series> series = new LinkedHashMap<>();
    private double markerRadius = 3;
    private double opacity = 0.85;
    private final DiscRaster raster = new DiscRaster();

    /**
     * From this many points a layer of filled circles only is painted as one image by {@link DiscRaster}
     * instead of one canvas path; under it the path, which is cheap there and exact at any zoom.
     */
    static final int RASTER_FROM = 400;

    /** Add or replace the series with this name. */
    public void put(Series s) {
        series.put(s.name(), s);
        changed();
    }

    public void remove(String name) {
        series.remove(name);
        changed();
    }

    public void clear() {
        series.clear();
        changed();
    }

    public List<Series> series() {
        return List.copyOf(series.values());
    }

    public void setMarkerRadius(double r) {
        markerRadius = r;
        changed();
    }

    public void setOpacity(double opacity) {
        this.opacity = opacity;
        changed();
    }

    /** Legend rows for the series, in order. */
    public List<LegendEntry> legend(PlotTheme theme) {
        List<LegendEntry> out = new ArrayList<>();
        int i = 0;
        for (Series s : series.values()) {
            out.add(new LegendEntry(s.name(), colorOf(s, i++, theme), s.marker()));
        }
        return out;
    }

    private static Color colorOf(Series s, int i, PlotTheme theme) {
        return s.color() != null ? s.color() : theme.seriesColor(i);
    }

    @Override
    public Extent bounds() {
        Extent e = null;
        for (Series s : series.values()) {
            e = Extent.union(e, Extent.of(s.x(), s.y()));
        }
        return e;
    }

    @Override
    public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        double r = markerRadius * Math.sqrt(theme.lineWidth() / PlotTheme.LIGHT.lineWidth());
        if (rasterised() && DiscRaster.usable(g)) {
            List<Series> all = List.copyOf(series.values());
            List<Color> colours = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                colours.add(colorOf(all.get(k), k, theme));
            }
            raster.draw(g, t, all, colours, r, opacity);
            return;
        }
        double l = t.left() - r, rt = t.right() + r, top = t.top() - r, b = t.bottom() + r;
        int i = 0;
        for (Series s : series.values()) {
            Color c = colorOf(s, i++, theme);
            Marker m = s.marker();
            g.beginPath();
            for (int k = 0; k < s.x().length; k++) {
                double px = t.px(s.x()[k]);
                double py = t.py(s.y()[k]);
                if (px >= l && px <= rt && py >= top && py <= b) {
                    m.addTo(g, px, py, r);
                }
            }
            if (m.filled()) {
                g.setFill(c.deriveColor(0, 1, 1, opacity));
                g.fill();
            } else {
                g.setStroke(c);
                g.setLineWidth(theme.lineWidth());
                g.stroke();
            }
        }
    }

    /** True if this layer is painted as one image: every series filled circles, {@link #RASTER_FROM} points or more. */
    boolean rasterised() {
        int n = 0;
        for (Series s : series.values()) {
            if (s.marker() != Marker.CIRCLE) {
                return false;
            }
            n += s.x().length;
        }
        return n >= RASTER_FROM;
    }
}
