package dev.genlab.plot;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** Arrows from (x, y) along (dx, dy) times a scale, e.g. score or gradient fields. */
public class ArrowLayer extends PlotLayer {

    private float[] x = new float[0];
    private float[] y = new float[0];
    private float[] dx = new float[0];
    private float[] dy = new float[0];
    private double scale = 1;
    private Color color;

    public void setArrows(float[] x, float[] y, float[] dx, float[] dy) {
        if (y.length != x.length || dx.length != x.length || dy.length != x.length) {
            throw new IllegalArgumentException("arrays of different lengths");
        }
        this.x = x;
        this.y = y;
        this.dx = dx;
        this.dy = dy;
        changed();
    }

    /** Data units of arrow length per unit of (dx, dy). */
    public void setScale(double scale) {
        this.scale = scale;
        changed();
    }

    /** Null uses the theme's text colour. */
    public void setColor(Color color) {
        this.color = color;
        changed();
    }

    @Override
    public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        g.setStroke(color != null ? color : theme.text());
        g.setLineWidth(theme.lineWidth() * 0.8);
        g.beginPath();
        for (int k = 0; k < x.length; k++) {
            double x0 = t.px(x[k]);
            double y0 = t.py(y[k]);
            double x1 = t.px(x[k] + scale * dx[k]);
            double y1 = t.py(y[k] + scale * dy[k]);
            double len = Math.hypot(x1 - x0, y1 - y0);
            if (!(len > 0.5)) {
                continue;
            }
            g.moveTo(x0, y0);
            g.lineTo(x1, y1);
            double head = Math.min(7 * theme.lineWidth() / 1.5, 0.4 * len);
            double ux = (x0 - x1) / len;
            double uy = (y0 - y1) / len;
            // two barbs at +-25 degrees from the reversed shaft direction
            double c = Math.cos(0.44), s = Math.sin(0.44);
            g.moveTo(x1 + head * (ux * c - uy * s), y1 + head * (ux * s + uy * c));
            g.lineTo(x1, y1);
            g.lineTo(x1 + head * (ux * c + uy * s), y1 + head * (-ux * s + uy * c));
        }
        g.stroke();
    }
}
