package dev.genlab.plot;

import javafx.scene.canvas.GraphicsContext;

/**
 * One drawable layer of a {@link Plot2D}. A layer keeps the last data pushed into it (plain
 * arrays, not copied: callers hand over arrays they no longer change) and draws it through the
 * plot's transform. Setters call {@link #changed()} so the owning plot repaints.
 */
public abstract class PlotLayer {

    private Runnable onChange = () -> { };
    private boolean visible = true;

    /** Draw into the plot area; the context is clipped to it. */
    public abstract void draw(GraphicsContext g, PlotTransform t, PlotTheme theme);

    /** The data extent this layer covers, for fitting the view; null if it has none. */
    public Extent bounds() {
        return null;
    }

    public boolean isVisible() {
        return visible;
    }

    public void setVisible(boolean visible) {
        this.visible = visible;
        changed();
    }

    /** Ask the owning plot to repaint. */
    protected final void changed() {
        onChange.run();
    }

    void setOnChange(Runnable r) {
        onChange = r == null ? () -> { } : r;
    }
}
