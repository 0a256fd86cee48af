package dev.genlab.plot;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;

/**
 * A grid of small greyscale images (e.g. 28 x 28 samples in [0, 1], 0 black, 1 white) with
 * optional captions. Images are scaled by a whole number with nearest-neighbour sampling, so
 * every source pixel stays a crisp square.
 */
public class ImageGridPlot extends Figure {

    private static final double GAP = 6;

    private WritableImage atlas;
    private int count;
    private int iw;
    private int ih;
    private int columns;
    private List<String> captions = List.of();

    /**
     * Images of w x h values in row-major order, top row first; values are clamped to [0, 1].
     *
     * @param columns images per row; 0 for a near-square grid
     */
    public void setImages(List<float[]> images, int w, int h, int columns) {
        this.count = images.size();
        this.iw = w;
        this.ih = h;
        this.columns = columns > 0 ? columns : (int) Math.ceil(Math.sqrt(count));
        if (count > 0) {
            atlas = new WritableImage(w * count, h);
            int[] argb = new int[w * h];
            for (int n = 0; n < count; n++) {
                float[] img = images.get(n);
                for (int k = 0; k < argb.length; k++) {
                    int grey = (int) (Math.max(0, Math.min(1, img[k])) * 255 + 0.5);
                    argb[k] = 0xFF000000 | grey << 16 | grey << 8 | grey;
                }
                atlas.getPixelWriter().setPixels(n * w, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            }
        }
        redraw();
    }

    /** One caption per image (e.g. a label or a log-likelihood); an empty list for none. */
    public void setCaptions(List<String> captions) {
        this.captions = List.copyOf(captions);
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (count == 0) {
            return;
        }
        int rows = (int) Math.ceil(count / (double) columns);
        double captionH = captions.isEmpty() ? 0 : theme.fontSize() * 1.4;
        double cellW = (w - GAP) / columns - GAP;
        double cellH = (h - GAP) / rows - GAP - captionH;
        int scale = Math.max(1, (int) Math.floor(Math.min(cellW / iw, cellH / ih)));
        double sw = iw * scale;
        double sh = ih * scale;
        double gridW = columns * (sw + GAP) - GAP;
        double gridH = rows * (sh + captionH + GAP) - GAP;
        double x0 = Math.floor((w - gridW) / 2);
        double y0 = Math.floor((h - gridH) / 2);
        g.setImageSmoothing(false);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int n = 0; n < count; n++) {
            double x = x0 + (n % columns) * (sw + GAP);
            double y = y0 + (n / columns) * (sh + captionH + GAP);
            g.drawImage(atlas, n * iw, 0, iw, ih, x, y, sw, sh);
            if (n < captions.size()) {
                g.fillText(captions.get(n), x + sw / 2, y + sh + 2, sw + GAP);
            }
        }
        g.setImageSmoothing(true);
    }
}
