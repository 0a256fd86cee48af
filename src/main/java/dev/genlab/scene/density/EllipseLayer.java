package dev.genlab.scene.density;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

import dev.genlab.plot.PlotLayer;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;

/** Each mixture component as its mean and its 2-sigma ellipse, in the component's colour. */
final class EllipseLayer extends PlotLayer {

    private double[] means = new double[0];
    private double[] covs = new double[0];
    private double[] weights = new double[0];

    void setComponents(double[] weights, double[] means, double[] covs) {
        this.weights = weights;
        this.means = means;
        this.covs = covs;
        changed();
    }

    @Override
    public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        int k = weights.length;
        for (int j = 0; j < k; j++) {
            double a = covs[3 * j];
            double b = covs[3 * j + 1];
            double c = covs[3 * j + 2];
            // eigen-decomposition of [[a, b], [b, c]]
            double tr = (a + c) / 2;
            double d = Math.sqrt(Math.max(0, (a - c) * (a - c) / 4 + b * b));
            double l1 = tr + d;
            double l2 = Math.max(0, tr - d);
            double angle = Math.abs(b) < 1e-15 ? (a >= c ? 0 : Math.PI / 2) : Math.atan2(l1 - a, b);
            double r1 = 2 * Math.sqrt(l1);
            double r2 = 2 * Math.sqrt(l2);
            Color col = theme.seriesColor(j);
            g.setStroke(col);
            g.setLineWidth(weights[j] > 1e-6 ? 2 : 0.5);
            g.beginPath();
            for (int s = 0; s <= 64; s++) {
                double phi = 2 * Math.PI * s / 64;
                double ex = r1 * Math.cos(phi);
                double ey = r2 * Math.sin(phi);
                double x = means[2 * j] + ex * Math.cos(angle) - ey * Math.sin(angle);
                double y = means[2 * j + 1] + ex * Math.sin(angle) + ey * Math.cos(angle);
                double px = t.px(x);
                double py = t.py(y);
                if (s == 0) {
                    g.moveTo(px, py);
                } else {
                    g.lineTo(px, py);
                }
            }
            g.stroke();
            double px = t.px(means[2 * j]);
            double py = t.py(means[2 * j + 1]);
            g.setFill(col);
            g.fillRect(px - 4, py - 4, 8, 8);
        }
    }
}
