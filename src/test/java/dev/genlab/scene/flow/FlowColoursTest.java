package dev.genlab.scene.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;

import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.plot.ScatterLayer;
import dev.genlab.scene.ParamSet;
import dev.genlab.testing.FigurePixels;

/**
 * The colours lesson 6 names ({@code {colour:KEY}} with the keys of {@link FlowScene#DESCRIPTOR}) are the
 * ones the layers panel draws those parts with: shrinking and growing cells, and the probe.
 */
@ExtendWith(ApplicationExtension.class)
class FlowColoursTest {

    private LayersPanel panel;

    @Start
    void start(Stage stage) {
        panel = new LayersPanel();
        stage.setScene(new Scene(panel, 900, 600));
        stage.show();
    }

    /** The layers panel after one linear layer diag(d, d), which scales every cell's area by d². */
    private LayersPanel drawn(double d) {
        ParamSet v = new ParamSet(FlowParams.SPEC);
        v.set(FlowParams.FLOW_TYPE, "linear");
        v.set(FlowParams.LAYERS, 1);
        v.set(FlowParams.M11, d);
        v.set(FlowParams.M12, 0.0);
        v.set(FlowParams.M21, 0.0);
        v.set(FlowParams.M22, d);
        FlowParams p = FlowParams.from(v.values(), new double[][] {new double[0], new double[0]});
        FlowLab lab = new FlowLab();
        lab.reset(p);
        lab.show(new FlowLab.View(FlowParams.Panel.LAYERS, -1, 0.8, 0.6));
        FlowLabSnapshot s = lab.snapshot(p);
        return fx(() -> {
            panel.restartMorph();
            panel.draw(s);
            return panel;
        });
    }

    @Test
    void shrinkingAndGrowingCellsAndTheProbeAreDrawnInTheirNamedColours() {
        Color contract = FlowScene.DESCRIPTOR.colours().get("contract").color();
        Color expand = FlowScene.DESCRIPTOR.colours().get("expand").color();
        assertClose(contract, drawn(0.5).grid.cellColor(3, 3), "a cell that shrinks");
        assertClose(expand, drawn(1.8).grid.cellColor(3, 3), "a cell that grows");
        ScatterLayer.Series probe = panel.baseSamples.series().stream()
                .filter(series -> series.x().length == 1).findFirst().orElseThrow();
        assertEquals(FlowScene.DESCRIPTOR.colours().get("probe").color(), probe.color());
        String caption = fx(() -> {
            panel.showJacobian(null, false); // no layer selected: the caption says where the probe is
            return panel.jacobianText.getText();
        });
        assertTrue(caption.contains("the cyan square"), caption);
    }

    private static void assertClose(Color want, Color got, String what) {
        double d = Math.max(Math.abs(want.getRed() - got.getRed()),
                Math.max(Math.abs(want.getGreen() - got.getGreen()), Math.abs(want.getBlue() - got.getBlue())));
        assertTrue(d <= 1.5 / 255, what + ": " + got + ", not " + want);
    }

    private static <T> T fx(Callable<T> c) {
        return FigurePixels.fx(c);
    }
}
