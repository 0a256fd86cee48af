package dev.genlab.scene.markov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.Callable;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.data.ProceduralDigits;
import dev.genlab.plot.FigureExport;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.ParamSet;
import dev.genlab.testing.FigurePixels;

/**
 * The colours lesson 4 names ({@code {colour:KEY}} with the keys of {@link MarkovScene#DESCRIPTOR}) are
 * the ones the figures draw those parts with, in every theme.
 */
@ExtendWith(ApplicationExtension.class)
class MarkovColoursTest {

    private final SamplerFigure sampler = new SamplerFigure();
    private final MiFigure mi = new MiFigure();

    @Start
    void start(Stage stage) {
        // each in a pane of its own: FigureExport snapshots a node at the origin of its parent
        VBox box = new VBox(new StackPane(sampler), new StackPane(mi));
        sampler.setPrefSize(400, 300);
        mi.setPrefSize(400, 300);
        stage.setScene(new Scene(box, 400, 600));
        stage.show();
    }

    @Test
    void theNamedPartsAreDrawnInTheirNamedColours() {
        assertEquals(Set.of("next-pixel", "context", "pixel-i"), MarkovScene.DESCRIPTOR.colours().keySet());
        ParamSet v = new ParamSet(MarkovParams.SPEC);
        v.setText("size", "14");
        v.setText("order", "3");
        MarkovParams p = MarkovParams.from(v.values(), ProceduralDigits.generate(1_500, 5));
        MarkovLab lab = new MarkovLab();
        lab.reset(p);
        for (int i = 0; i < 40; i++) {
            lab.step(p);
        }
        MarkovSnapshot s = lab.snapshot(p);
        assertTrue(s.current() >= 0 && s.context().length == 3 && s.pixel() >= 0, "a pixel to draw, with its context");
        try {
            for (PlotTheme theme : new PlotTheme[] {PlotTheme.LIGHT, PlotTheme.DARK, PlotTheme.PROJECTOR}) {
                Image sampled = fx(() -> {
                    PlotTheme.setCurrent(theme);
                    sampler.show(s);
                    return FigureExport.snapshot(sampler, 1);
                });
                Image maps = fx(() -> {
                    mi.show(s);
                    return FigureExport.snapshot(mi, 1);
                });
                assertTrue(count(sampled, colour("next-pixel")) > 20, theme.name() + ": the next pixel and its bar");
                assertTrue(count(sampled, colour("context")) > 20, theme.name() + ": the context");
                assertTrue(count(maps, colour("pixel-i")) > 20, theme.name() + ": pixel i on both maps");
            }
        } finally {
            fx(() -> {
                PlotTheme.setCurrent(PlotTheme.LIGHT);
                return null;
            });
        }
    }

    private static int colour(String key) {
        return MarkovScene.DESCRIPTOR.colours().get(key).argb();
    }

    /** Pixels within a few levels of argb. */
    private static int count(Image img, int argb) {
        return FigurePixels.count(img, argb, 2);
    }

    private static <T> T fx(Callable<T> c) {
        return FigurePixels.fx(c);
    }
}
