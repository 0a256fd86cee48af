package dev.genlab.plot;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * A deformed lattice: (nx + 1) x (ny + 1) vertices in data space, vertex (i, j) at index
 * {@code j * (nx + 1) + i}, drawn as lines; each of the nx x ny cells can be filled by a value
 * through a colour map (e.g. log|det J| of a flow, to show where volume grows or shrinks).
 */
public class WarpedGridLayer extends PlotLayer {

    private int nx;
    private int ny;
    private float[] vx = new float[0];
    private float[] vy = new float[0];
    private float[] cellValues;
    private ColorMap cellMap = ColorMap.COOL_WARM;
    private ValueRange cellRange;
    private Color lineColor;
    private double cellOpacity = 0.75;

    public void setGrid(int nx, int ny, float[] vx, float[] vy) {
        int n = (nx + 1) * (ny + 1);
        if (vx.length != n || vy.length != n) {
            throw new IllegalArgumentException("need " + n + " vertices for a " + nx + "x" + ny + " grid");
        }
        this.nx = nx;
        this.ny = ny;
        this.vx = vx;
        this.vy = vy;
        changed();
    }

    /** Fill cell (i, j) with {@code values[j * nx + i]} on the scale [min, max]; null values for none. */
    public void setCellValues(float[] values, ColorMap map, double min, double max) {
        if (values != null && values.length != nx * ny) {
            throw new IllegalArgumentException("need " + nx * ny + " cell values");
        }
        cellValues = values;
        cellMap = map;
        cellRange = new ValueRange(min, max, false);
        changed();
    }

    /** The cell values last set (null: no fill); cell (i, j) at j * nx + i. */
    public float[] cellValues() {
        return cellValues == null ? null : cellValues.clone();
    }

    /** The fill colour of cell (i, j), or null when cells are not filled. */
    public Color cellColor(int i, int j) {
        return cellValues == null ? null : cellMap.color(cellRange.fraction(cellValues[j * nx + i]));
    }

    /** Null uses the theme's axis colour. */
    public void setLineColor(Color color) {
        lineColor = color;
        changed();
    }

    public void setCellOpacity(double opacity) {
        cellOpacity = opacity;
        changed();
    }

    @Override
    public Extent bounds() {
        return Extent.of(vx, vy);
    }

    @Override
    public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        if (vx.length == 0) {
            return;
        }
        int stride = nx + 1;
        double[] px = new double[vx.length];
        double[] py = new double[vx.length];
        for (int k = 0; k < vx.length; k++) {
            px[k] = t.px(vx[k]);
            py[k] = t.py(vy[k]);
        }
        if (cellValues != null) {
            double[] qx = new double[4];
            double[] qy = new double[4];
            g.setGlobalAlpha(cellOpacity);
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int a = j * stride + i;
                    qx[0] = px[a];
                    qy[0] = py[a];
                    qx[1] = px[a + 1];
                    qy[1] = py[a + 1];
                    qx[2] = px[a + stride + 1];
                    qy[2] = py[a + stride + 1];
                    qx[3] = px[a + stride];
                    qy[3] = py[a + stride];
                    g.setFill(cellMap.color(cellRange.fraction(cellValues[j * nx + i])));
                    g.fillPolygon(qx, qy, 4);
                }
            }
            g.setGlobalAlpha(1);
        }
        g.setStroke(lineColor != null ? lineColor : theme.axis());
        g.setLineWidth(Math.max(1, theme.lineWidth() * 0.6));
        g.beginPath();
        for (int j = 0; j <= ny; j++) {
            g.moveTo(px[j * stride], py[j * stride]);
            for (int i = 1; i <= nx; i++) {
                g.lineTo(px[j * stride + i], py[j * stride + i]);
            }
        }
        for (int i = 0; i <= nx; i++) {
            g.moveTo(px[i], py[i]);
            for (int j = 1; j <= ny; j++) {
                g.lineTo(px[j * stride + i], py[j * stride + i]);
            }
        }
        g.stroke();
    }
}
