package dev.genlab.plot;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;

/**
 * A vertical colour scale to put beside a plot: the map from bottom (min) to top (max), tick
 * labels at min, middle and max, and a units label such as "density" or "log p(x)". Its bar
 * lines up with the plot area of a same-height {@link AxesFigure} that has an x axis title.
 */
public class ColorBar extends Figure {

    private static final int STEPS = 256;
    private static final double BAR = 14;

    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final ObjectProperty<ValueRange> range =
            new SimpleObjectProperty<>(this, "range", new ValueRange(0, 1, false));
    private final StringProperty label = new SimpleStringProperty(this, "label", "");
    private final WritableImage ramp = new WritableImage(1, STEPS);

    public ColorBar() {
        colorMap.addListener(o -> {
            paintRamp();
            redraw();
        });
        range.addListener(o -> redraw());
        label.addListener(o -> {
            redraw();
            requestLayout();
        });
        paintRamp();
    }

    /** A bar that follows a heatmap's colour map and range. */
    public static ColorBar of(HeatmapLayer heatmap, String label) {
        ColorBar bar = new ColorBar();
        bar.setLabel(label);
        bar.range.bind(heatmap.rangeProperty());
        bar.colorMap.bind(heatmap.colorMapProperty());
        return bar;
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public void setColorMap(ColorMap map) {
        colorMap.set(map);
    }

    public ObjectProperty<ValueRange> rangeProperty() {
        return range;
    }

    public void setRange(double min, double max) {
        range.set(new ValueRange(min, max, false));
    }

    public StringProperty labelProperty() {
        return label;
    }

    public void setLabel(String text) {
        label.set(text);
    }

    private void paintRamp() {
        int[] argb = new int[STEPS];
        for (int k = 0; k < STEPS; k++) {
            argb[STEPS - 1 - k] = colorMap.get().argb(k / (STEPS - 1.0));
        }
        ramp.getPixelWriter().setPixels(0, 0, 1, STEPS, PixelFormat.getIntArgbInstance(), argb, 0, 1);
    }

    @Override
    protected double computePrefWidth(double height) {
        PlotTheme theme = PlotTheme.current();
        double labels = 0;
        for (String s : tickLabels()) {
            labels = Math.max(labels, TextMetrics.width(s, theme.font()));
        }
        return 6 + BAR + 4 + labels + 6 + (label.get().isEmpty() ? 0 : theme.fontSize() * 1.3 + 4);
    }

    @Override
    protected double computeMinWidth(double height) {
        return computePrefWidth(height);
    }

    private String[] tickLabels() {
        ValueRange r = range.get();
        if (r.log()) {
            return new String[] {Ticks.format(r.min()), Ticks.format(r.valueAt(0.5)), Ticks.format(r.max())};
        }
        double half = (r.max() - r.min()) / 2;
        double step = half * 0.1;
        return new String[] {Ticks.format(r.min(), step), Ticks.format(r.valueAt(0.5), step),
            Ticks.format(r.max(), step)};
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        double fs = theme.fontSize();
        // line up with the plot area of an AxesFigure of the same height that has an x title
        double top = AxesFigure.topMargin(theme);
        double bottom = h - AxesFigure.bottomMargin(theme, true);
        double barH = Math.max(1, bottom - top);
        double x = 6;
        g.setImageSmoothing(true);
        g.drawImage(ramp, x, top, BAR, barH);
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(AxesFigure.crisp(x), AxesFigure.crisp(top), BAR, Math.round(barH));
        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String[] labels = tickLabels();
        for (int k = 0; k < 3; k++) {
            double y = AxesFigure.crisp(bottom - k * barH / 2);
            g.strokeLine(x + BAR, y, x + BAR + 4, y);
            g.fillText(labels[k], x + BAR + 6, y);
        }
        if (!label.get().isEmpty()) {
            g.save();
            g.translate(w - 2, top + barH / 2);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.BOTTOM);
            g.fillText(label.get(), 0, 0);
            g.restore();
        }
    }
}
