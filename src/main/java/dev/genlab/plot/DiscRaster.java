package dev.genlab.plot;

import java.util.Arrays;
import java.util.List;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Affine;

/**
 * Filled, anti-aliased discs written into one ARGB image by our own loop, for {@link ScatterLayer}s of many
 * points. Written here rather than left to the canvas because of the software pipeline (Monocle, Xvfb, machines
 * without a usable GPU): there the canvas hands one path of thousands of arcs to the Marlin rasteriser, which
 * breaks every arc into lines and sorts all their crossings, and a JFR profile of lesson 8's training plane put
 * most of the render thread's time there (≈10 ms a frame for 2,000 discs). Here a disc costs its few dozen
 * pixels, and the render thread blits one image.
 *
 * <p>A series is painted as the vector path is: the discs' union, not their sum, so overlaps do not darken
 * (per pixel the largest coverage of any disc of the series), then composited over the series before it. The
 * coverage of a pixel is the analytic approximation {@code clamp(r + ½ − distance, 0, 1)}, one pixel of
 * anti-aliasing at the rim, the width Marlin's edge gives. The image is rebuilt only when the series, the
 * transform or the size change: a still layer costs one blit a paint.
 */
final class DiscRaster {

    private record Key(List<ScatterLayer.Series> series, double left, double top, double right, double bottom,
                       double x0, double x1, double y0, double y1, double radius, double opacity, double scale,
                       List<Color> colours) {
    }

    private Key key;
    private WritableImage image;
    private int[] argb = new int[0];
    private float[] cover = new float[0];
    private int w;
    private int h;
    private int ox;
    private int oy;

    /** True if the context maps logical to device pixels by a plain scale, which the blit assumes. */
    static boolean usable(GraphicsContext g) {
        Affine a = g.getTransform();
        return a.getMxy() == 0 && a.getMyx() == 0 && a.getMxx() > 0 && a.getMxx() == a.getMyy();
    }

    /**
     * Paints the series (filled circles, radius {@code r} logical pixels, colours already resolved) through the
     * transform, clipped to its plot area.
     */
    void draw(GraphicsContext g, PlotTransform t, List<ScatterLayer.Series> series, List<Color> colours, double r,
              double opacity) {
        Affine a = g.getTransform();
        double s = a.getMxx();
        Key k = new Key(series, t.left(), t.top(), t.right(), t.bottom(), t.px(0), t.px(1), t.py(0), t.py(1), r,
                opacity, s, colours);
        if (!k.equals(key)) {
            key = k;
            build(t, series, colours, r * s, opacity, s, a.getTx(), a.getTy());
        }
        if (image == null) {
            return;
        }
        boolean smooth = g.isImageSmoothing();
        g.setImageSmoothing(false);
        g.drawImage(image, (ox - a.getTx()) / s, (oy - a.getTy()) / s, w / s, h / s);
        g.setImageSmoothing(smooth);
    }

    private void build(PlotTransform t, List<ScatterLayer.Series> series, List<Color> colours, double rr,
                       double opacity, double s, double tx, double ty) {
        ox = (int) Math.floor(t.left() * s + tx);
        oy = (int) Math.floor(t.top() * s + ty);
        w = Math.max(1, (int) Math.ceil(t.right() * s + tx) - ox);
        h = Math.max(1, (int) Math.ceil(t.bottom() * s + ty) - oy);
        if (argb.length != w * h) {
            argb = new int[w * h];
            cover = new float[w * h];
        } else {
            Arrays.fill(argb, 0);
        }
        int reach = (int) Math.ceil(rr + 0.5);
        for (int si = 0; si < series.size(); si++) {
            ScatterLayer.Series sr = series.get(si);
            // the box of the pixels this series touched: cleared and composited, nothing else
            int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
            float[] xs = sr.x();
            float[] ys = sr.y();
            for (int i = 0; i < xs.length; i++) {
                // the disc's centre in image pixels, pixel centres at +0.5
                double cx = t.px(xs[i]) * s + tx - ox;
                double cy = t.py(ys[i]) * s + ty - oy;
                if (!(cx > -reach && cx < w + reach && cy > -reach && cy < h + reach)) {
                    continue; // off the plot, or NaN
                }
                int x0 = Math.max(0, (int) Math.floor(cx - reach));
                int x1 = Math.min(w - 1, (int) Math.floor(cx + reach));
                int y0 = Math.max(0, (int) Math.floor(cy - reach));
                int y1 = Math.min(h - 1, (int) Math.floor(cy + reach));
                bx0 = Math.min(bx0, x0);
                bx1 = Math.max(bx1, x1);
                by0 = Math.min(by0, y0);
                by1 = Math.max(by1, y1);
                for (int y = y0; y <= y1; y++) {
                    double dy = y + 0.5 - cy;
                    int row = y * w;
                    for (int x = x0; x <= x1; x++) {
                        double dx = x + 0.5 - cx;
                        float c = (float) (rr + 0.5 - Math.sqrt(dx * dx + dy * dy));
                        if (c > cover[row + x]) {
                            cover[row + x] = Math.min(1f, c);
                        }
                    }
                }
            }
            if (bx1 < 0) {
                continue;
            }
            Color col = colours.get(si);
            double alpha = opacity * col.getOpacity();
            double cr = col.getRed();
            double cg = col.getGreen();
            double cb = col.getBlue();
            for (int y = by0; y <= by1; y++) {
                int row = y * w;
                for (int x = bx0; x <= bx1; x++) {
                    float c = cover[row + x];
                    if (c <= 0) {
                        continue;
                    }
                    cover[row + x] = 0;
                    double sa = alpha * c;
                    int d = argb[row + x];
                    double keep = 1 - sa;
                    // premultiplied "over"
                    int na = (int) Math.round(255 * sa + ((d >>> 24) & 0xff) * keep);
                    int nr = (int) Math.round(255 * cr * sa + ((d >>> 16) & 0xff) * keep);
                    int ng = (int) Math.round(255 * cg * sa + ((d >>> 8) & 0xff) * keep);
                    int nb = (int) Math.round(255 * cb * sa + (d & 0xff) * keep);
                    argb[row + x] = na << 24 | nr << 16 | ng << 8 | nb;
                }
            }
        }
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), argb, 0, w);
    }
}
