package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A legend is never drawn over the plot area, wherever the layout puts it (beside the x title, a
 * column at the right, rows above), at sizes from a wide strip to a small box and in the projector
 * theme; axis titles that do not fit wrap. The legend's samples are painted in colours nothing else
 * uses (their series hold no points), so every pixel near those colours belongs to the legend.
 */
@ExtendWith(ApplicationExtension.class)
class AxesFigureTest {

    private static final Color[] LEGEND_ONLY = {
        Color.rgb(255, 0, 255), Color.rgb(0, 255, 255), Color.rgb(255, 255, 0), Color.rgb(128, 0, 255),
        Color.rgb(255, 128, 0), Color.rgb(0, 128, 255)};

    private Pane pane;

    @Start
    void start(Stage stage) {
        pane = new Pane();
        stage.setScene(new Scene(pane, 1000, 700));
        stage.show();
    }

    @Test
    void theLegendStaysOutsideThePlotArea() {
        String[][] names = {
            {"train", "held-out"},
            {"naive p_z(f\u207b\u00b9(x))\u00b7|df\u207b\u00b9/dx|", "true density (both branches)"},
            {"full joint", "independent pixels", "Markov chain", "causal neighbourhood", "sigmoid belief net (FVSBN)", "NADE"}};
        double[][] sizes = {{900, 140}, {600, 200}, {420, 300}, {300, 220}};
        for (PlotTheme theme : List.of(PlotTheme.LIGHT, PlotTheme.PROJECTOR)) {
            for (String[] set : names) {
                for (double[] size : sizes) {
                    check(theme, set, size[0], size[1]);
                }
            }
        }
        Fx.run(() -> PlotTheme.setCurrent(PlotTheme.LIGHT));
    }

    private void check(PlotTheme theme, String[] names, double w, double h) {
        String what = theme + " " + names.length + " entries at " + w + "×" + h;
        LineChartPlot chart = Fx.call(() -> {
            PlotTheme.setCurrent(theme);
            LineChartPlot c = new LineChartPlot();
            c.setXLabel("Adam step");
            c.setYLabel("NLL (nats / point)");
            LineChartPlot.Series data = c.addSeries("data", Color.BLACK);
            for (int i = 0; i <= 50; i++) {
                data.append(i, 3 - Math.exp(-i / 10.0));
            }
            for (int i = 0; i < names.length; i++) {
                c.addSeries(names[i], LEGEND_ONLY[i]);
            }
            c.setManaged(false);
            pane.getChildren().setAll(c);
            c.resizeRelocate(0, 0, w, h);
            c.layout();
            return c;
        });
        WritableImage img = Fx.call(() -> FigureExport.snapshot(chart, 1));
        assertEquals(w, img.getWidth(), 1, what + ": the figure is drawn at its size");
        PlotTransform t = Fx.call(chart::getTransform);
        int[] seen = new int[names.length];
        for (int y = 0; y < (int) img.getHeight(); y++) {
            for (int x = 0; x < (int) img.getWidth(); x++) {
                int argb = Fx.argb(img, x, y);
                for (int i = 0; i < names.length; i++) {
                    if (blendOf(argb, toArgb(LEGEND_ONLY[i]), toArgb(theme.plotBackground()))
                            || blendOf(argb, toArgb(LEGEND_ONLY[i]), toArgb(theme.background()))) {
                        seen[i]++;
                        boolean inside = x > t.left() + 1 && x < t.right() - 1 && y > t.top() + 1 && y < t.bottom() - 1;
                        assertTrue(!inside, what + ": legend sample of \"" + names[i] + "\" at (" + x + ", " + y
                                + ") inside the plot area " + t.left() + ".." + t.right() + " × " + t.top() + ".." + t.bottom());
                    }
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            assertTrue(seen[i] >= 3, what + ": the legend draws \"" + names[i] + "\" (" + seen[i] + " pixels)");
        }
    }

    /**
     * Whether a pixel is the colour drawn at least 30 % over the background (an anti-aliased line
     * of it): every channel on the line from background to colour, at the same fraction.
     */
    private static boolean blendOf(int pixel, int colour, int background) {
        int widest = 0;
        for (int shift = 8; shift <= 16; shift += 8) {
            if (Math.abs(ch(colour, shift) - ch(background, shift)) > Math.abs(ch(colour, widest) - ch(background, widest))) {
                widest = shift;
            }
        }
        double span = ch(colour, widest) - ch(background, widest);
        if (Math.abs(span) < 60) {
            return false;
        }
        double a = (ch(pixel, widest) - ch(background, widest)) / span;
        if (a < 0.3 || a > 1.05) {
            return false;
        }
        for (int shift = 0; shift <= 16; shift += 8) {
            double want = ch(background, shift) + a * (ch(colour, shift) - ch(background, shift));
            if (Math.abs(ch(pixel, shift) - want) > 14) {
                return false;
            }
        }
        return true;
    }

    private static int ch(int argb, int shift) {
        return argb >> shift & 0xFF;
    }

    private static int toArgb(Color c) {
        return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    @Test
    void aLongAxisTitleWrapsAtTheSpaceNearestItsMiddle() {
        Font font = Font.font("System", 12);
        assertArrayEquals(new String[] {"NLL"}, AxesFigure.titleLines("NLL", 200, font));
        assertArrayEquals(new String[] {"NLL (nats", "/ point)"}, AxesFigure.titleLines("NLL (nats / point)", 40, font));
        assertEquals(0, AxesFigure.titleLines("", 40, font).length);
        assertArrayEquals(new String[] {"unbreakable"}, AxesFigure.titleLines("unbreakable", 10, font));
    }
}
