package dev.genlab.plot;

import javafx.scene.canvas.GraphicsContext;

/**
 * Point shapes, so that series stay distinguishable without colour. Each adds its outline to the
 * current path, letting a layer fill or stroke thousands of markers in one call.
 */
public enum Marker {
    CIRCLE(true) {
        @Override
        void addTo(GraphicsContext g, double x, double y, double r) {
            g.moveTo(x + r, y);
            g.arc(x, y, r, r, 0, 360);
        }
    },
    SQUARE(true) {
        @Override
        void addTo(GraphicsContext g, double x, double y, double r) {
            double s = r * 0.9;
            g.rect(x - s, y - s, 2 * s, 2 * s);
        }
    },
    TRIANGLE(true) {
        @Override
        void addTo(GraphicsContext g, double x, double y, double r) {
            double s = r * 1.2;
            g.moveTo(x, y - s);
            g.lineTo(x + s * 0.866, y + s * 0.5);
            g.lineTo(x - s * 0.866, y + s * 0.5);
            g.closePath();
        }
    },
    /** A diagonal cross; stroked rather than filled. */
    CROSS(false) {
        @Override
        void addTo(GraphicsContext g, double x, double y, double r) {
            g.moveTo(x - r, y - r);
            g.lineTo(x + r, y + r);
            g.moveTo(x - r, y + r);
            g.lineTo(x + r, y - r);
        }
    };

    private final boolean filled;

    Marker(boolean filled) {
        this.filled = filled;
    }

    abstract void addTo(GraphicsContext g, double x, double y, double r);

    boolean filled() {
        return filled;
    }
}
