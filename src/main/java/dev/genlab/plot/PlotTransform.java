package dev.genlab.plot;

/**
 * The data to pixel map of one frame: the visible extent and the plot area (in the figure's
 * logical pixels, y pointing down). Layers draw through it; tests use it to find where a data
 * point should appear.
 */
public record PlotTransform(Scale x, Scale y) {

    public static PlotTransform of(Extent view, double left, double top, double width, double height,
                                   boolean logY) {
        return new PlotTransform(new Scale(view.xMin(), view.xMax(), left, left + width, false),
                new Scale(view.yMin(), view.yMax(), top + height, top, logY));
    }

    public double px(double dataX) {
        return x.toPixel(dataX);
    }

    public double py(double dataY) {
        return y.toPixel(dataY);
    }

    public double dataX(double px) {
        return x.toData(px);
    }

    public double dataY(double py) {
        return y.toData(py);
    }

    public double left() {
        return x.p0();
    }

    public double right() {
        return x.p1();
    }

    public double top() {
        return y.p1();
    }

    public double bottom() {
        return y.p0();
    }

    public double width() {
        return x.p1() - x.p0();
    }

    public double height() {
        return y.p0() - y.p1();
    }

    public boolean containsPixel(double px, double py) {
        return px >= left() && px <= right() && py >= top() && py <= bottom();
    }

    public Extent view() {
        return new Extent(x.min(), x.max(), y.min(), y.max());
    }

    /** The visible extent after moving the plot area by (dx, dy) pixels and scaling it by factor
     *  about pixel (cx, cy); works in pixel space so log axes zoom and pan evenly. */
    public Extent moved(double cx, double cy, double factor, double dx, double dy) {
        double x0 = cx + (left() - cx) * factor - dx;
        double x1 = cx + (right() - cx) * factor - dx;
        double y0 = cy + (bottom() - cy) * factor - dy;
        double y1 = cy + (top() - cy) * factor - dy;
        return new Extent(dataX(x0), dataX(x1), dataY(y0), dataY(y1));
    }
}
