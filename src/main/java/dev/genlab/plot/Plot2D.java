package dev.genlab.plot;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.canvas.GraphicsContext;

/**
 * A 2-D data plot: axes plus an ordered list of layers (heatmap, contours, scatter, arrows,
 * warped grid), drawn first to last.
 *
 * <pre>{@code
 * Plot2D plot = new Plot2D();
 * plot.setDataExtent(Extent.square(3));
 * plot.setEqualAspect(true);
 * HeatmapLayer density = new HeatmapLayer();
 * ScatterLayer samples = new ScatterLayer();
 * plot.layers().addAll(density, samples);
 * density.setData(values, 128, 128, Extent.square(3));      // on the FX thread, each frame
 * samples.put(new ScatterLayer.Series("data", xs, ys, null, Marker.CIRCLE));
 * plot.setHoverProvider((x, y) -> HoverProvider.format(x, y, "log p(x)", model.logp(x, y)));
 * HBox figure = new HBox(plot, ColorBar.of(density, "density"));
 * }</pre>
 */
public class Plot2D extends AxesFigure {

    private final ObservableList<PlotLayer> layers = FXCollections.observableArrayList();

    public Plot2D() {
        layers.addListener((ListChangeListener<PlotLayer>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(l -> l.setOnChange(null));
                c.getAddedSubList().forEach(l -> l.setOnChange(this::redraw));
            }
            redraw();
        });
    }

    /** The layers, bottom first. */
    public ObservableList<PlotLayer> layers() {
        return layers;
    }

    @Override
    protected Extent dataBounds() {
        Extent e = null;
        for (PlotLayer l : layers) {
            if (l.isVisible()) {
                e = Extent.union(e, l.bounds());
            }
        }
        return e;
    }

    @Override
    protected void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme) {
        for (PlotLayer l : layers) {
            if (l.isVisible()) {
                l.draw(g, t, theme);
            }
        }
    }
}
