package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders every figure into target/plot-sample.png for a person to look at. */
@ExtendWith(ApplicationExtension.class)
class PlotSampleTest {

    private Node gallery;

    @Start
    void start(Stage unused) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        gallery = SampleFigures.gallery();
        // laid out in a scene of its own: a window this tall is larger than the headless screen
        new Scene((javafx.scene.Parent) gallery, 1200, 930);
    }

    @Test
    void writesTheSampleGallery() throws Exception {
        Path file = Path.of("target", "plot-sample.png");
        Fx.call(() -> {
            FigureExport.savePng(gallery, file, 1);
            return null;
        });
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(1200, png.getWidth());
        assertEquals(930, png.getHeight());

        for (PlotTheme theme : new PlotTheme[] {PlotTheme.DARK, PlotTheme.PROJECTOR}) {
            Path themed = Path.of("target", "plot-sample-" + theme.name() + ".png");
            Fx.call(() -> {
                PlotTheme.setCurrent(theme);
                try {
                    FigureExport.savePng(gallery, themed, 1);
                } finally {
                    PlotTheme.setCurrent(PlotTheme.LIGHT);
                }
                return null;
            });
            assertEquals(1200, ImageIO.read(themed.toFile()).getWidth());
        }
    }
}
