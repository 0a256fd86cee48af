package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FigureExportTest {

    private Plot2D plot;

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        plot = new Plot2D();
        HeatmapLayer heat = new HeatmapLayer();
        heat.setData(new float[] {0, 1, 1, 0}, 2, 2, Extent.square(1));
        plot.layers().add(heat);
        Region spacer = new Region();
        spacer.setPrefHeight(37);
        // the figure sits below a spacer so that its layout position is not the origin
        stage.setScene(new Scene(new VBox(spacer, plot), 333, 277));
        stage.show();
    }

    @Test
    void savePngWritesTwiceTheLayoutSizeWithTheFigureInPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/figure.png");
        Fx.call(() -> {
            FigureExport.savePng(plot, file, 2);
            return null;
        });
        BufferedImage png = ImageIO.read(file.toFile());
        double w = Fx.call(plot::getWidth);
        double h = Fx.call(plot::getHeight);
        assertEquals((int) Math.ceil(2 * w), png.getWidth());
        assertEquals((int) Math.ceil(2 * h), png.getHeight());
        // the bottom-right heatmap cell (value 1) and the top-right one (0) are where the 1x
        // transform says, doubled
        PlotTransform t = Fx.call(plot::getTransform);
        int hot = png.getRGB((int) (2 * t.px(0.5)), (int) (2 * t.py(-0.5)));
        int cold = png.getRGB((int) (2 * t.px(0.5)), (int) (2 * t.py(0.5)));
        assertTrue(Fx.distance(hot, ColorMap.VIRIDIS.argb(1)) <= 2, Fx.hex(hot));
        assertTrue(Fx.distance(cold, ColorMap.VIRIDIS.argb(0)) <= 2, Fx.hex(cold));
        int corner = png.getRGB(1, 1);
        assertTrue(Fx.distance(corner, 0xFFFFFFFF) <= 2, "background in the corner " + Fx.hex(corner));
    }
}
