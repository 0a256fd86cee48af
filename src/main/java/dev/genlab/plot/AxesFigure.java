package dev.genlab.plot;

import java.util.List;
import java.util.Locale;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A figure with x/y axes: the data to pixel transform, nice ticks, grid, axis titles, zoom with
 * the wheel around the cursor, pan by dragging, double-click to reset, a hover read-out and click
 * reports in data coordinates. Subclasses supply the data bounds and paint inside the plot area.
 *
 * <p>The visible extent is {@link #viewProperty()} when set (by zoom, pan or code), otherwise the
 * home extent: {@link #dataExtentProperty()} when set, otherwise the subclass' data bounds.
 */
public abstract class AxesFigure extends Figure {

    private static final double TICK = 4;
    private static final double ZOOM_PER_SCROLL_UNIT = 0.004;

    private final StringProperty xLabel = new SimpleStringProperty(this, "xLabel", "");
    private final StringProperty yLabel = new SimpleStringProperty(this, "yLabel", "");
    private final BooleanProperty equalAspect = new SimpleBooleanProperty(this, "equalAspect", false);
    private final BooleanProperty logY = new SimpleBooleanProperty(this, "logY", false);
    private final ObjectProperty<Extent> dataExtent = new SimpleObjectProperty<>(this, "dataExtent");
    private final ObjectProperty<Extent> view = new SimpleObjectProperty<>(this, "view");
    private final BooleanProperty zoomPanEnabled = new SimpleBooleanProperty(this, "zoomPanEnabled", true);
    private final ReadOnlyStringWrapper hoverText = new ReadOnlyStringWrapper(this, "hoverText");
    private final Label hoverLabel = new Label();

    private HoverProvider hoverProvider;
    private DataListener onDataClicked;
    private DataListener onDataDragged;
    private PlotTransform transform;
    private PlotTransform pressTransform;
    private double pressX;
    private double pressY;
    private double yLabelWidth;
    private double yLabelFontSize;

    protected AxesFigure() {
        for (Observable o : List.of(xLabel, yLabel, equalAspect, logY, dataExtent, view)) {
            o.addListener(x -> redraw());
        }
        hoverLabel.setManaged(false);
        hoverLabel.setVisible(false);
        hoverLabel.setMouseTransparent(true);
        getChildren().add(hoverLabel);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> updateHover(e.getX(), e.getY()));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> updateHover(Double.NaN, Double.NaN));
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
    }

    /** The data bounds to show when neither a view nor a data extent is set; null if no data. */
    protected abstract Extent dataBounds();

    /** True where x only takes whole values (a count of steps, pixels, iterations): no tick between them. */
    protected boolean wholeX() {
        return false;
    }

    /** Paint the data; the context is clipped to the plot area. */
    protected abstract void paintData(GraphicsContext g, PlotTransform t, PlotTheme theme);

    /** Paint on top of axes and data; nothing by default. */
    protected void paintOverlay(GraphicsContext g, PlotTransform t, PlotTheme theme) {
    }

    /**
     * The legend's entries, none by default. The legend is drawn in rows above the plot area, never
     * over it: a legend in a corner of the plot covered the curves it names (lesson 5's held-out
     * curve, lesson 6's NLL at projector size).
     */
    protected List<LegendEntry> legendEntries(PlotTheme theme) {
        return List.of();
    }

    public StringProperty xLabelProperty() {
        return xLabel;
    }

    public void setXLabel(String label) {
        xLabel.set(label);
    }

    public StringProperty yLabelProperty() {
        return yLabel;
    }

    public void setYLabel(String label) {
        yLabel.set(label);
    }

    /** One data unit is as long on x as on y (the view widens to fit), e.g. for 2-D densities. */
    public BooleanProperty equalAspectProperty() {
        return equalAspect;
    }

    public void setEqualAspect(boolean on) {
        equalAspect.set(on);
    }

    public BooleanProperty logYProperty() {
        return logY;
    }

    public void setLogY(boolean on) {
        logY.set(on);
    }

    /** The home extent that double-click returns to; null to fit the data. */
    public ObjectProperty<Extent> dataExtentProperty() {
        return dataExtent;
    }

    public void setDataExtent(Extent extent) {
        dataExtent.set(extent);
    }

    /** The zoomed or panned extent; null while showing the home extent. */
    public ObjectProperty<Extent> viewProperty() {
        return view;
    }

    public void setView(Extent extent) {
        view.set(extent);
    }

    /** Back to the home extent. */
    public void resetView() {
        clearHover();
        yLabelWidth = 0;
        view.set(null);
    }

    public BooleanProperty zoomPanEnabledProperty() {
        return zoomPanEnabled;
    }

    public void setZoomPanEnabled(boolean on) {
        zoomPanEnabled.set(on);
    }

    public void setHoverProvider(HoverProvider provider) {
        hoverProvider = provider;
    }

    /** The read-out shown for the point under the cursor; null when there is none. */
    public ReadOnlyStringProperty hoverTextProperty() {
        return hoverText.getReadOnlyProperty();
    }

    /** Called with the data position of a primary click inside the plot area. */
    public void setOnDataClicked(DataListener listener) {
        onDataClicked = listener;
    }

    /** When set, primary drags report data positions (e.g. drawing points) instead of panning. */
    public void setOnDataDragged(DataListener listener) {
        onDataDragged = listener;
    }

    /** The transform of the last paint; null before the first paint. */
    public PlotTransform getTransform() {
        return transform;
    }

    /** The extent shown: the view if set, else the home extent. */
    public Extent visibleExtent() {
        if (view.get() != null) {
            return view.get();
        }
        if (dataExtent.get() != null) {
            return dataExtent.get();
        }
        Extent b = dataBounds();
        return b != null ? b : new Extent(0, 1, logY.get() ? 0.1 : 0, 1);
    }

    @Override
    protected final void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        Extent v = visibleExtent();
        Layout layout = null;
        for (int pass = 0; pass < 2; pass++) {
            layout = layout(v, w, h, theme);
            v = fitAspect(v, layout);
        }
        layout = layout(v, w, h, theme);
        PlotTransform t = PlotTransform.of(v, layout.left, layout.top, layout.width, layout.height, logY.get());
        transform = t;

        g.setFill(theme.plotBackground());
        g.fillRect(t.left(), t.top(), t.width(), t.height());
        paintGrid(g, t, layout, theme);
        g.save();
        g.beginPath();
        g.rect(t.left(), t.top(), t.width(), t.height());
        g.clip();
        paintData(g, t, theme);
        g.restore();
        paintAxes(g, t, layout, theme);
        paintLegend(g, t, layout, theme);
        paintOverlay(g, t, theme);
    }

    private record Layout(double left, double top, double width, double height, double[] xTicks,
                          double[] yTicks, double xStep, double yStep, String[] yTitle,
                          List<List<LegendEntry>> legendRows, LegendPlace legendPlace) {
    }

    /** Where the legend goes; never over the plot area. */
    private enum LegendPlace { ABOVE, BESIDE_TITLE, RIGHT }

    private Layout layout(Extent v, double w, double h, PlotTheme theme) {
        double fs = theme.fontSize();
        Font font = theme.font();
        double[] yTicks = yTicks(v, Math.max(2, (int) (h / (fs * 5))));
        double yStep = step(yTicks);
        // the label column only grows (until the view resets), so zooming and live data do not
        // make the plot area jump sideways under the cursor
        if (fs != yLabelFontSize) {
            yLabelFontSize = fs;
            yLabelWidth = 0;
        }
        double labelW = Math.max(yLabelWidth, TextMetrics.width("-0.00", font));
        for (double y : yTicks) {
            labelW = Math.max(labelW, TextMetrics.width(label(y, yStep, logY.get()), font));
        }
        yLabelWidth = labelW;
        double bottom = bottomMargin(theme, !xLabel.get().isEmpty());
        List<LegendEntry> entries = legendEntries(theme);
        // the legend's rows depend on the width, which depends on the y title's lines: settle both
        List<List<LegendEntry>> rows = List.of();
        String[] yTitle = {};
        double left = 0;
        double top = 0;
        LegendPlace place = LegendPlace.ABOVE;
        double right = fs * 1.6;
        for (int pass = 0; pass < 2; pass++) {
            double height = Math.max(1, h - top - bottom);
            yTitle = titleLines(yLabel.get(), height, font);
            left = Math.ceil(4 + yTitle.length * (fs * 1.3 + 2) + (yTitle.length > 0 ? 2 : 0) + labelW + TICK + 3);
            double plotW = w - left - fs * 1.6;
            double rowH = legendRowHeight(theme);
            // where the legend costs the plot least: beside the centred x title (no room taken), one
            // row above it, a column right of it (a wide, low chart), or as many rows above as it needs
            double beside = (plotW - TextMetrics.width(xLabel.get(), font)) / 2 - fs;
            double column = 0;
            for (LegendEntry e : entries) {
                column = Math.max(column, legendEntryWidth(e, theme));
            }
            List<List<LegendEntry>> above = legendRows(entries, plotW, theme);
            double lowPlot = h - topMargin(theme) - bottom;
            if (entries.isEmpty()) {
                place = LegendPlace.ABOVE;
                rows = List.of();
            } else if (!xLabel.get().isEmpty() && rowWidth(entries, theme) <= beside) {
                place = LegendPlace.BESIDE_TITLE;
                rows = List.of(entries);
            } else if (above.size() * rowH > 0.15 * h && column <= 0.45 * plotW && entries.size() * rowH <= 0.9 * lowPlot) {
                place = LegendPlace.RIGHT;
                rows = entries.stream().map(List::of).toList();
            } else {
                place = LegendPlace.ABOVE;
                rows = above;
            }
            right = fs * 1.6 + (place == LegendPlace.RIGHT ? column + fs * 0.5 : 0);
            top = Math.ceil(topMargin(theme) + (place == LegendPlace.ABOVE ? rows.size() * rowH : 0));
        }
        // whole pixels: a pixel-aligned clip is much cheaper to rasterise, and lines stay sharp
        double width = Math.max(1, Math.floor(w - left - right));
        double height = Math.max(1, Math.floor(h - top - bottom));
        double[] xTicks = xTicks(v, width, font, wholeX());
        return new Layout(left, top, width, height, xTicks, yTicks, step(xTicks), yStep, yTitle, rows, place);
    }

    /**
     * An axis title as drawn along a side of {@code length} pixels: one line if it fits, else two
     * lines broken at the space nearest the middle (a long title such as "NLL (nats / point)" in a
     * short chart was cut off). A title that still does not fit is drawn smaller in paintAxes.
     */
    static String[] titleLines(String title, double length, Font font) {
        if (title.isEmpty()) {
            return new String[0];
        }
        if (TextMetrics.width(title, font) <= length) {
            return new String[] {title};
        }
        int mid = title.length() / 2;
        int best = -1;
        for (int i = 0; i < title.length(); i++) {
            if (title.charAt(i) == ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) {
                best = i;
            }
        }
        return best < 0 ? new String[] {title} : new String[] {title.substring(0, best), title.substring(best + 1)};
    }

    private static double legendRowHeight(PlotTheme theme) {
        return theme.fontSize() * 1.5;
    }

    private static double legendEntryWidth(LegendEntry e, PlotTheme theme) {
        double fs = theme.fontSize();
        return fs * 2 + 6 + TextMetrics.width(e.name(), theme.font()) + fs * 1.2;
    }

    private static double rowWidth(List<LegendEntry> entries, PlotTheme theme) {
        double w = 0;
        for (LegendEntry e : entries) {
            w += legendEntryWidth(e, theme);
        }
        return w;
    }

    /** The entries in rows that fit the width, in order; each row holds at least one entry. */
    static List<List<LegendEntry>> legendRows(List<LegendEntry> entries, double width, PlotTheme theme) {
        List<List<LegendEntry>> rows = new java.util.ArrayList<>();
        List<LegendEntry> row = new java.util.ArrayList<>();
        double used = 0;
        for (LegendEntry e : entries) {
            double ew = legendEntryWidth(e, theme);
            if (!row.isEmpty() && used + ew > width) {
                rows.add(row);
                row = new java.util.ArrayList<>();
                used = 0;
            }
            row.add(e);
            used += ew;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    /** Space above the plot area (half a tick label sticks out there). */
    static double topMargin(PlotTheme theme) {
        return theme.fontSize() * 0.7 + 2;
    }

    /** Space below the plot area for tick labels and, if present, the x axis title. */
    static double bottomMargin(PlotTheme theme, boolean xTitle) {
        double fs = theme.fontSize();
        return TICK + 3 + fs * 1.3 + (xTitle ? fs * 1.3 + 2 : 0) + 2;
    }

    /** As many x ticks as fit with a gap of two characters between their labels. */
    private static double[] xTicks(Extent v, double width, Font font, boolean whole) {
        for (int target = Math.max(3, (int) (width / (font.getSize() * 6))); ; target--) {
            double[] ticks = whole ? Ticks.whole(v.xMin(), v.xMax(), target) : Ticks.linear(v.xMin(), v.xMax(), target);
            double step = step(ticks);
            double widest = 0;
            for (double x : ticks) {
                widest = Math.max(widest, TextMetrics.width(Ticks.format(x, step), font));
            }
            if (target <= 2 || step / v.width() * width >= widest + font.getSize() * 2) {
                return ticks;
            }
        }
    }

    private double[] yTicks(Extent v, int target) {
        return logY.get() ? Ticks.log(v.yMin(), v.yMax(), target) : Ticks.linear(v.yMin(), v.yMax(), target);
    }

    /** The tick spacing, which sets the labels' decimals; a lone tick is its own scale. */
    private static double step(double[] ticks) {
        if (ticks.length > 1) {
            return ticks[1] - ticks[0];
        }
        return ticks.length == 1 && ticks[0] != 0 ? Math.abs(ticks[0]) : 1;
    }

    private static String label(double v, double step, boolean log) {
        return log ? Ticks.format(v, v) : Ticks.format(v, step);
    }

    private Extent fitAspect(Extent v, Layout layout) {
        if (!equalAspect.get() || logY.get()) {
            return v;
        }
        double s = Math.max(v.width() / layout.width, v.height() / layout.height);
        double cx = (v.xMin() + v.xMax()) / 2;
        double cy = (v.yMin() + v.yMax()) / 2;
        double hw = s * layout.width / 2;
        double hh = s * layout.height / 2;
        return new Extent(cx - hw, cx + hw, cy - hh, cy + hh);
    }

    private void paintGrid(GraphicsContext g, PlotTransform t, Layout layout, PlotTheme theme) {
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.beginPath();
        for (double x : layout.xTicks) {
            double px = crisp(t.px(x));
            g.moveTo(px, t.top());
            g.lineTo(px, t.bottom());
        }
        for (double y : layout.yTicks) {
            double py = crisp(t.py(y));
            g.moveTo(t.left(), py);
            g.lineTo(t.right(), py);
        }
        g.stroke();
    }

    private void paintAxes(GraphicsContext g, PlotTransform t, Layout layout, PlotTheme theme) {
        double fs = theme.fontSize();
        g.setStroke(theme.axis());
        g.setLineWidth(1);
        g.strokeRect(crisp(t.left()), crisp(t.top()), Math.round(t.width()), Math.round(t.height()));
        g.beginPath();
        for (double x : layout.xTicks) {
            double px = crisp(t.px(x));
            g.moveTo(px, t.bottom());
            g.lineTo(px, t.bottom() + TICK);
        }
        for (double y : layout.yTicks) {
            double py = crisp(t.py(y));
            g.moveTo(t.left(), py);
            g.lineTo(t.left() - TICK, py);
        }
        g.stroke();

        g.setFill(theme.text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double x : layout.xTicks) {
            g.fillText(Ticks.format(x, layout.xStep), t.px(x), t.bottom() + TICK + 2);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double y : layout.yTicks) {
            g.fillText(label(y, layout.yStep, logY.get()), t.left() - TICK - 3, t.py(y));
        }
        if (!xLabel.get().isEmpty()) {
            g.save();
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            fitFont(g, xLabel.get(), t.width(), theme);
            g.fillText(xLabel.get(), t.left() + t.width() / 2, t.bottom() + TICK + 3 + fs * 1.3);
            g.restore();
        }
        String[] yTitle = layout.yTitle;
        if (yTitle.length > 0) {
            g.save();
            g.translate(4, t.top() + t.height() / 2);
            g.rotate(-90);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            double longest = 0;
            String widest = yTitle[0];
            for (String line : yTitle) {
                if (TextMetrics.width(line, theme.font()) > longest) {
                    longest = TextMetrics.width(line, theme.font());
                    widest = line;
                }
            }
            fitFont(g, widest, t.height(), theme);
            for (int i = 0; i < yTitle.length; i++) {
                g.fillText(yTitle[i], 0, i * (fs * 1.3 + 2));
            }
            g.restore();
        }
    }

    /** Centre of a pixel, so 1-pixel lines are sharp. */
    static double crisp(double p) {
        return Math.floor(p) + 0.5;
    }

    /**
     * Sets a smaller font when {@code text} in the theme's font is wider than {@code room}: down to
     * 60 % of the size, which keeps an axis title whole where it would have been cut at the edge.
     */
    private static void fitFont(GraphicsContext g, String text, double room, PlotTheme theme) {
        double width = TextMetrics.width(text, theme.font());
        if (width <= room || width <= 0) {
            g.setFont(theme.font());
            return;
        }
        double size = Math.max(0.6, room / width) * theme.font().getSize();
        g.setFont(Font.font(theme.font().getFamily(), size));
    }

    /**
     * The legend, entries left to right, each a line or marker sample and its name: in rows above the
     * plot area, or in one row ending at the plot's right edge beside the x axis title.
     */
    private static void paintLegend(GraphicsContext g, PlotTransform t, Layout layout, PlotTheme theme) {
        List<List<LegendEntry>> rows = layout.legendRows;
        double fs = theme.fontSize();
        double rowH = legendRowHeight(theme);
        double sample = fs * 2;
        g.setFont(theme.font());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double y0 = switch (layout.legendPlace) {
            case BESIDE_TITLE -> t.bottom() + TICK + 3 + fs * 1.3 + (fs * 1.3 - rowH) / 2;
            case RIGHT -> t.top();
            case ABOVE -> t.top() - fs * 0.7 - rows.size() * rowH;
        };
        for (int r = 0; r < rows.size(); r++) {
            double cy = y0 + rowH * (r + 0.5);
            double x = switch (layout.legendPlace) {
                case BESIDE_TITLE -> t.right() - rowWidth(rows.get(r), theme);
                case RIGHT -> t.right() + fs * 0.5;
                case ABOVE -> t.left();
            };
            for (LegendEntry e : rows.get(r)) {
                g.setStroke(e.color());
                g.setFill(e.color());
                g.setLineWidth(theme.lineWidth());
                if (e.marker() == null) {
                    g.strokeLine(x, cy, x + sample, cy);
                } else {
                    g.beginPath();
                    e.marker().addTo(g, x + sample / 2, cy, fs * 0.35);
                    if (e.marker().filled()) {
                        g.fill();
                    } else {
                        g.stroke();
                    }
                }
                g.setFill(theme.text());
                g.fillText(e.name(), x + sample + 6, cy);
                x += legendEntryWidth(e, theme);
            }
        }
    }

    /** Takes the hover read-out away (the view was reset, or the lesson moved on). */
    public void clearHover() {
        hoverText.set(null);
        hoverLabel.setVisible(false);
    }

    private void updateHover(double x, double y) {
        PlotTransform t = transform;
        String text = null;
        if (hoverProvider != null && t != null && t.containsPixel(x, y)) {
            text = hoverProvider.textAt(t.dataX(x), t.dataY(y));
        }
        hoverText.set(text);
        hoverLabel.setVisible(text != null);
        if (text != null) {
            PlotTheme theme = PlotTheme.current();
            hoverLabel.setText(text);
            hoverLabel.setStyle(String.format(Locale.ROOT,
                    "-fx-background-color: %s; -fx-text-fill: %s; -fx-border-color: %s; -fx-padding: 2 5 2 5;"
                            + " -fx-font-size: %.0fpx;",
                    css(theme.plotBackground()), css(theme.text()), css(theme.axis()), theme.fontSize()));
            hoverLabel.applyCss();
            hoverLabel.autosize();
            double lx = x + 14;
            double ly = y + 16;
            if (lx + hoverLabel.getWidth() > getWidth()) {
                lx = x - 6 - hoverLabel.getWidth();
            }
            if (ly + hoverLabel.getHeight() > getHeight()) {
                ly = y - 6 - hoverLabel.getHeight();
            }
            hoverLabel.relocate(Math.max(0, lx), Math.max(0, ly));
        }
    }

    private static String css(Color c) {
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", (int) Math.round(c.getRed() * 255),
                (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255), c.getOpacity());
    }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        pressTransform = transform;
        if (e.getButton() == MouseButton.SECONDARY) {
            updateHover(Double.NaN, Double.NaN);
        }
    }

    private void dragged(MouseEvent e) {
        PlotTransform t = transform;
        if (e.getButton() == MouseButton.PRIMARY && onDataDragged != null) {
            if (t != null && t.containsPixel(e.getX(), e.getY())) {
                onDataDragged.at(t.dataX(e.getX()), t.dataY(e.getY()));
            }
        } else if (zoomPanEnabled.get() && pressTransform != null) {
            view.set(pressTransform.moved(0, 0, 1, e.getX() - pressX, e.getY() - pressY));
        }
        updateHover(e.getX(), e.getY());
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !e.isStillSincePress()) {
            return;
        }
        PlotTransform t = transform;
        if (e.getClickCount() == 2) {
            resetView();
        } else if (onDataClicked != null && t != null && t.containsPixel(e.getX(), e.getY())) {
            onDataClicked.at(t.dataX(e.getX()), t.dataY(e.getY()));
        }
    }

    private void scrolled(ScrollEvent e) {
        PlotTransform t = transform;
        if (!zoomPanEnabled.get() || t == null || e.getDeltaY() == 0) {
            return;
        }
        double factor = Math.exp(-e.getDeltaY() * ZOOM_PER_SCROLL_UNIT);
        view.set(t.moved(e.getX(), e.getY(), factor, 0, 0));
        e.consume();
    }
}
