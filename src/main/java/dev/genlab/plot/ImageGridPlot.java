package dev.genlab.plot;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;

/**
 * A grid of small greyscale images (e.g. 28 x 28 samples in [0, 1], 0 black, 1 white) with
 * optional captions. Images are enlarged by a whole number, every source pixel becoming an
 * exact square of device pixels: the enlarged tiles are built here and drawn 1:1, because
 * the pipelines' own nearest-neighbour scaling makes the first and last squares a pixel off.
 */
public class ImageGridPlot extends Figure {

    private static final double GAP = 6;

    private int[][] pixels = new int[0][];
    private WritableImage[] tiles = new WritableImage[0];
    private int tileScale;
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
        pixels = new int[count][];
        for (int n = 0; n < count; n++) {
            float[] img = images.get(n);
            int[] argb = new int[w * h];
            for (int k = 0; k < argb.length; k++) {
                int grey = (int) (Math.max(0, Math.min(1, img[k])) * 255 + 0.5);
                argb[k] = 0xFF000000 | grey << 16 | grey << 8 | grey;
            }
            pixels[n] = argb;
        }
        tileScale = 0;
        redraw();
    }

    /** How many images the grid holds. */
    public int imageCount() {
        return count;
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
        double fit = Math.min(cellW / iw, cellH / ih);
        int scale = Math.max(1, (int) Math.floor(fit));
        // a cell smaller than the image: shrink the 1:1 tile to fit rather than overflow the figure
        double shrink = fit < 1 ? Math.max(fit, 0.05) : scale;
        double sw = iw * shrink;
        double sh = ih * shrink;
        buildTiles((int) Math.round(scale * pixelScale()));
        double gridW = columns * (sw + GAP) - GAP;
        double gridH = rows * (sh + captionH + GAP) - GAP;
        double x0 = Math.floor((w - gridW) / 2);
        double y0 = Math.floor((h - gridH) / 2);
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int n = 0; n < count; n++) {
            double x = x0 + (n % columns) * (sw + GAP);
            double y = y0 + (n / columns) * (sh + captionH + GAP);
            g.drawImage(tiles[n], x, y, sw, sh);
            if (n < captions.size()) {
                g.fillText(captions.get(n), x + sw / 2, y + sh + 2, sw + GAP);
            }
        }
    }

    /** Each image enlarged by s in both directions, one s x s block per source pixel. */
    private void buildTiles(int s) {
        if (s == tileScale && tiles.length == count) {
            return;
        }
        tileScale = s;
        tiles = new WritableImage[count];
        int tw = iw * s;
        int[] row = new int[tw];
        for (int n = 0; n < count; n++) {
            WritableImage tile = new WritableImage(tw, ih * s);
            for (int y = 0; y < ih; y++) {
                for (int x = 0; x < tw; x++) {
                    row[x] = pixels[n][y * iw + x / s];
                }
                for (int r = 0; r < s; r++) {
                    tile.getPixelWriter().setPixels(0, y * s + r, tw, 1, PixelFormat.getIntArgbInstance(), row, 0, tw);
                }
            }
            tiles[n] = tile;
        }
    }
}
