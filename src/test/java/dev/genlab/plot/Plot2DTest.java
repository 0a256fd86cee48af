package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class Plot2DTest {

    private static final Extent HOME = new Extent(0, 4, 0, 4);

    private Plot2D plot;
    private HeatmapLayer heat;
    private ScatterLayer scatter;

    @Start
    void start(Stage stage) {
        // app tests that ran before in this JVM may have left a global theme and stylesheet
        javafx.application.Application.setUserAgentStylesheet(null);
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        plot = new Plot2D();
        plot.setDataExtent(HOME);
        plot.setXLabel("x1");
        plot.setYLabel("x2");
        heat = new HeatmapLayer();
        scatter = new ScatterLayer();
        plot.layers().addAll(heat, scatter);
        stage.setFullScreen(false);
        stage.setMaximized(false);
        stage.setScene(new Scene(new StackPane(plot), 420, 340));
        stage.sizeToScene(); // the shared test stage may keep an earlier test's size
        stage.setWidth(420);
        stage.setHeight(340);
        stage.show();
    }

    private Point2D screenOf(double x, double y) {
        return Fx.call(() -> {
            PlotTransform t = plot.getTransform();
            return plot.localToScreen(t.px(x), t.py(y));
        });
    }

    private WritableImage snapshot() {
        return Fx.call(() -> FigureExport.snapshot(plot, 1));
    }

    @Test
    void manyDiscsPaintedAsOneImageMatchTheCanvasPaths() {
        // given two series of 300 points each (seeded), some off the plot and one NaN
        java.util.Random rnd = new java.util.Random(5);
        float[][] xy = new float[4][300];
        for (float[] a : xy) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (-0.3 + 4.6 * rnd.nextDouble());
            }
        }
        xy[0][7] = Float.NaN;
        ScatterLayer.Series one = new ScatterLayer.Series("one", xy[0], xy[1], Color.web("#D55E00"), Marker.CIRCLE);
        ScatterLayer.Series two = new ScatterLayer.Series("two", xy[2], xy[3], Color.web("#0072B2"), Marker.CIRCLE);
        ScatterLayer second = new ScatterLayer();
        for (double scale : new double[] {1, 2}) {
            // when drawn as two layers of 300 (canvas paths) and as one layer of 600 (one image)
            Fx.run(() -> {
                scatter.clear();
                scatter.put(one);
                second.put(two);
                plot.layers().add(second);
            });
            assertTrue(!Fx.call(scatter::rasterised) && !Fx.call(second::rasterised), "300 points: paths");
            WritableImage paths = Fx.call(() -> FigureExport.snapshot(plot, scale));
            Fx.run(() -> {
                plot.layers().remove(second);
                scatter.put(two);
            });
            assertTrue(Fx.call(scatter::rasterised), "600 points: one image");
            WritableImage image = Fx.call(() -> FigureExport.snapshot(plot, scale));
            // then the pictures agree but for the rims' anti-aliasing
            int w = (int) paths.getWidth();
            int h = (int) paths.getHeight();
            assertEquals(w, (int) image.getWidth());
            long sum = 0;
            int far = 0;
            int inked = 0;
            int background = paths.getPixelReader().getArgb(1, 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int a = paths.getPixelReader().getArgb(x, y);
                    int b = image.getPixelReader().getArgb(x, y);
                    int d = Fx.distance(a, b);
                    sum += d;
                    far += d > 48 ? 1 : 0;
                    inked += Fx.distance(a, background) > 48 ? 1 : 0;
                }
            }
            assertTrue(inked > 0.05 * w * h, "the discs cover part of the picture: " + inked);
            assertTrue(sum / (double) (w * h) < 2.0, "mean channel difference at scale " + scale + ": "
                    + sum / (double) (w * h));
            assertTrue(far < 0.01 * inked, "pixels far apart at scale " + scale + ": " + far + " of " + inked);
        }
    }

    @Test
    void heatmapShowsHotCellInTopColourAndColdCellInBottomColour() {
        // given a 4x4 grid of 0.5 with one hot cell (2, 1) and one cold cell (0, 3)
        float[] v = new float[16];
        java.util.Arrays.fill(v, 0.5f);
        v[1 * 4 + 2] = 1f;
        v[3 * 4 + 0] = 0f;
        Fx.run(() -> heat.setData(v, 4, 4, HOME));
        // when drawn
        WritableImage img = snapshot();
        PlotTransform t = Fx.call(plot::getTransform);
        // then the hot cell's centre has viridis' top colour, the cold cell's its bottom colour
        int hot = Fx.argb(img, t.px(2.5), t.py(1.5));
        int cold = Fx.argb(img, t.px(0.5), t.py(3.5));
        int mid = Fx.argb(img, t.px(1.5), t.py(1.5));
        assertTrue(Fx.distance(hot, ColorMap.VIRIDIS.argb(1)) <= 2, Fx.hex(hot));
        assertTrue(Fx.distance(cold, ColorMap.VIRIDIS.argb(0)) <= 2, Fx.hex(cold));
        assertTrue(Fx.distance(mid, ColorMap.VIRIDIS.argb(0.5)) <= 2, Fx.hex(mid));
        assertEquals(new ValueRange(0, 1, false), heat.rangeProperty().get());
    }

    /** Contours are traced when drawn: after new data and then a new range, the lines follow the newest range. */
    @Test
    void contourLinesFollowTheLatestDataAndRange() {
        // given a radial field r² around (2, 2) and one contour level in a fixed range, in a colour no map has
        int n = 64;
        float[] v = new float[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double x = HOME.xMin() + (HOME.xMax() - HOME.xMin()) * (i + 0.5) / n;
                double y = HOME.yMin() + (HOME.yMax() - HOME.yMin()) * (j + 0.5) / n;
                v[j * n + i] = (float) ((x - 2) * (x - 2) + (y - 2) * (y - 2));
            }
        }
        Fx.run(() -> {
            heat.setContourColor(javafx.scene.paint.Color.MAGENTA);
            heat.setContourLevels(0);
            heat.setData(v, n, n, HOME);
            heat.setRange(0, 2);
        });
        WritableImage plain = snapshot();
        Fx.run(() -> {
            heat.setContourLevels(1);
            heat.setData(v, n, n, HOME);
            heat.setRange(0, 2); // the one level is at r² = 1
        });
        // when drawn, the line crosses y = 2 right of the centre at r = 1 and not at r = sqrt 2
        WritableImage img = snapshot();
        PlotTransform t = Fx.call(plot::getTransform);
        assertTrue(lineNear(plain, img, t, 3), "a line at r = 1");
        assertTrue(!lineNear(plain, img, t, 2 + Math.sqrt(2)), "none at r = sqrt 2");
        // and after a new range the old line is gone and the new one drawn (r² = 2 at the middle of [0, 4])
        Fx.run(() -> heat.setRange(0, 4));
        Fx.run(() -> heat.setContourLevels(0));
        WritableImage plain2 = snapshot();
        Fx.run(() -> heat.setContourLevels(1));
        WritableImage img2 = snapshot();
        assertTrue(lineNear(plain2, img2, t, 2 + Math.sqrt(2)), "a line at r = sqrt 2");
        assertTrue(!lineNear(plain2, img2, t, 3), "none left at r = 1");
        Fx.run(() -> heat.setContourLevels(0));
    }

    /** Whether the two pictures differ within 2 pixels of (x, 2): a contour line drawn there. */
    private static boolean lineNear(WritableImage without, WritableImage with, PlotTransform t, double x) {
        double px = t.px(x);
        double py = t.py(2);
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if (Fx.distance(Fx.argb(without, px + dx, py + dy), Fx.argb(with, px + dx, py + dy)) > 40) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void changesRepaintOnTheNextPulseWithoutAnExplicitLayout() throws Exception {
        Extent moved = new Extent(-1, 1, 5, 6);
        Fx.run(() -> plot.setDataExtent(moved));
        // the pulse runs layout, which paints and records the new transform
        for (int i = 0; i < 50 && !moved.equals(Fx.call(() -> plot.getTransform().view())); i++) {
            Thread.sleep(20);
        }
        assertEquals(moved, Fx.call(() -> plot.getTransform().view()));
    }

    @Test
    void logHeatmapSpacesDecadesEvenlyAndNanShowsTheBackground() {
        // given a 4x1 strip 1, 10, 100, NaN on a log colour scale
        Fx.run(() -> {
            heat.setLog(true);
            heat.setData(new float[] {1, 10, 100, Float.NaN}, 4, 1, HOME);
        });
        WritableImage img = snapshot();
        PlotTransform t = Fx.call(plot::getTransform);
        int ten = Fx.argb(img, t.px(1.5), t.py(2));
        int nan = Fx.argb(img, t.px(3.47), t.py(2.33)); // off any grid line, whatever the tick step
        assertTrue(Fx.distance(ten, ColorMap.VIRIDIS.argb(0.5)) <= 2, "10 is half way: " + Fx.hex(ten));
        assertTrue(Fx.distance(nan, argb(PlotTheme.LIGHT.plotBackground())) <= 2, "NaN: " + Fx.hex(nan));
        assertEquals(new ValueRange(1, 100, true), heat.rangeProperty().get());
    }

    @Test
    void scatterPointsAppearWhereTheTransformSaysInTheirSeriesColours() {
        Color red = Color.rgb(213, 94, 0);
        Color blue = Color.rgb(0, 114, 178);
        Fx.run(() -> {
            scatter.setOpacity(1);
            scatter.setMarkerRadius(5);
            scatter.put(new ScatterLayer.Series("data", new float[] {1}, new float[] {1}, red, Marker.CIRCLE));
            scatter.put(new ScatterLayer.Series("model", new float[] {3}, new float[] {2.5f}, blue, Marker.SQUARE));
        });
        WritableImage img = snapshot();
        PlotTransform t = Fx.call(plot::getTransform);
        int a = Fx.argb(img, t.px(1), t.py(1));
        int b = Fx.argb(img, t.px(3), t.py(2.5));
        int empty = Fx.argb(img, t.px(2.3), t.py(3.3));
        assertTrue(Fx.distance(a, argb(red)) <= 3, "data point " + Fx.hex(a));
        assertTrue(Fx.distance(b, argb(blue)) <= 3, "model point " + Fx.hex(b));
        assertTrue(Fx.distance(a, b) > 100, "series differ");
        assertTrue(Fx.distance(empty, argb(PlotTheme.LIGHT.plotBackground())) <= 2, "no point there " + Fx.hex(empty));
    }

    private static int argb(Color c) {
        return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    @Test
    void scrollZoomsAroundTheCursorDragPansAndDoubleClickResets(FxRobot robot) {
        Fx.run(() -> plot.layout());
        // when scrolling up with the cursor over data point (1, 3)
        Point2D p = screenOf(1, 3);
        robot.moveTo(p);
        robot.scroll(10, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        // then the view changed size and (1, 3) is still under the cursor
        Extent scrolled = Fx.call(() -> plot.viewProperty().get());
        assertNotNull(scrolled, "scroll set a view");
        assertTrue(Math.abs(scrolled.width() - HOME.width()) > 0.01, "zoomed: " + scrolled);
        Point2D local = Fx.call(() -> plot.screenToLocal(p));
        assertDataUnder(local, 1, 3);

        // when a wheel notch away from the user (positive delta) arrives, then it zooms in
        Fx.run(() -> {
            Point2D s = plot.localToScene(local);
            Event.fireEvent(plot, new ScrollEvent(ScrollEvent.SCROLL, s.getX(), s.getY(), p.getX(), p.getY(),
                    false, false, false, false, false, false, 0, 120, 0, 120,
                    ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0,
                    0, null));
        });
        Extent zoomed = Fx.call(() -> plot.viewProperty().get());
        assertTrue(zoomed.width() < scrolled.width() * 0.7, "zoomed in: " + zoomed);
        assertDataUnder(local, 1, 3);
        PlotTransform t = Fx.call(plot::getTransform);

        // when dragging 60 px to the right
        double unitsPerPx = zoomed.width() / t.width();
        robot.drag(p, MouseButton.PRIMARY).moveBy(30, 0).moveBy(30, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        // then the view moved left by 60 px worth of data
        Extent panned = Fx.call(() -> plot.viewProperty().get());
        assertEquals(zoomed.xMin() - 60 * unitsPerPx, panned.xMin(), 2 * unitsPerPx);
        assertEquals(zoomed.yMin(), panned.yMin(), 2 * unitsPerPx);

        // when double-clicking, then the home extent is back
        robot.doubleClickOn(screenOf(2, 2), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(Fx.call(() -> plot.viewProperty().get()));
        assertEquals(HOME, Fx.call(plot::visibleExtent));
    }

    private void assertDataUnder(Point2D local, double x, double y) {
        PlotTransform t = Fx.call(() -> {
            plot.layout();
            return plot.getTransform();
        });
        assertEquals(x, t.dataX(local.getX()), 0.02);
        assertEquals(y, t.dataY(local.getY()), 0.02);
    }

    @Test
    void hoverShowsTheProvidersTextForThePointUnderTheCursor(FxRobot robot) {
        Fx.run(() -> plot.setHoverProvider((x, y) -> HoverProvider.format(x, y, "log p(x)", -x * y)));
        Fx.run(() -> plot.layout());
        robot.moveTo(screenOf(1.5, 2.5));
        WaitForAsyncUtils.waitForFxEvents();
        String text = Fx.call(() -> plot.hoverTextProperty().get());
        assertNotNull(text);
        Matcher m = Pattern.compile("x=\\((-?[\\d.]+), (-?[\\d.]+)\\)  log p\\(x\\) = (-?[\\d.]+)").matcher(text);
        assertTrue(m.matches(), text);
        assertEquals(1.5, Double.parseDouble(m.group(1)), 0.02);
        assertEquals(2.5, Double.parseDouble(m.group(2)), 0.02);
        assertEquals(-3.75, Double.parseDouble(m.group(3)), 0.06);

        robot.moveTo(plot.localToScreen(2, 2)); // the margin, outside the plot area
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(Fx.call(() -> plot.hoverTextProperty().get()));
    }

    @Test
    void switchingTheThemeRepaintsInItsColours() {
        int light = Fx.argb(snapshot(), 2, 2);
        Fx.run(() -> PlotTheme.setCurrent(PlotTheme.DARK));
        try {
            int dark = Fx.argb(snapshot(), 2, 2);
            assertTrue(Fx.distance(light, argb(PlotTheme.LIGHT.background())) <= 2, Fx.hex(light));
            assertTrue(Fx.distance(dark, argb(PlotTheme.DARK.background())) <= 2, Fx.hex(dark));
        } finally {
            Fx.run(() -> PlotTheme.setCurrent(PlotTheme.LIGHT));
        }
    }

    @Test
    void clickReportsDataCoordinates(FxRobot robot) {
        List<double[]> clicks = new ArrayList<>();
        Fx.run(() -> plot.setOnDataClicked((x, y) -> clicks.add(new double[] {x, y})));
        Fx.run(() -> plot.layout());
        robot.clickOn(screenOf(3.2, 0.8), MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, clicks.size());
        assertEquals(3.2, clicks.get(0)[0], 0.02);
        assertEquals(0.8, clicks.get(0)[1], 0.02);
    }
}
