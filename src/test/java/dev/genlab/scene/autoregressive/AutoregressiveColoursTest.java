package dev.genlab.scene.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.plot.FigureExport;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.ParamSet;
import dev.genlab.testing.FigurePixels;

/**
 * The colours lesson 5 names ({@code {colour:KEY}} with the keys of {@link AutoregressiveScene#DESCRIPTOR})
 * are the ones the view draws those parts with: the receptive field's cells and the NLL curves.
 */
@ExtendWith(ApplicationExtension.class)
class AutoregressiveColoursTest {

    private static final ImageDataset DIGITS = ProceduralDigits.generate(1_500, 7);

    private AutoregressiveView view;

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        view = new AutoregressiveView();
        stage.setScene(new Scene(view, 1000, 600));
        stage.show();
    }

    private static AutoregressiveParams params(String... knobs) {
        ParamSet v = new ParamSet(AutoregressiveParams.SPEC);
        for (int i = 0; i < knobs.length; i += 2) {
            v.setText(knobs[i], knobs[i + 1]);
        }
        return AutoregressiveParams.from(v.values(), DIGITS);
    }

    private static int colour(String key) {
        return AutoregressiveScene.DESCRIPTOR.colours().get(key).argb();
    }

    @Test
    void theReceptiveFieldIsDrawnInItsNamedColours() {
        AutoregressiveParams p = params("model", "pixelcnn", "start", "scratch", "view", "field", "depth", "2");
        AutoregressiveLab lab = new AutoregressiveLab(StandardModels.INSTANCE);
        lab.reset(p);
        AutoregressiveSnapshot s = lab.snapshot(p);
        fx(() -> {
            view.show(s, AutoregressiveParams.Panel.FIELD);
            return null;
        });
        int field = 0;
        int blind = 0;
        int far = 0;
        for (int q = 0; q < s.pixels(); q++) {
            int c = view.field.cell(q);
            assertEquals(s.field()[q], c == colour("field"), "pixel " + q + " is in the field exactly when it is drawn so");
            field += c == colour("field") ? 1 : 0;
            blind += c == colour("blind-spot") ? 1 : 0;
            far += c == colour("far") ? 1 : 0;
        }
        assertEquals(colour("next-pixel"), view.field.cell(s.fieldPixel()));
        assertTrue(field > 0 && blind > 0 && far > 0, "field " + field + ", blind spot " + blind + ", far " + far);
        // the caption under the field names the same colours
        String caption = fx(view.fieldText::getText);
        for (String part : new String[] {"the field (orange)", "; pale orange: what", "; vermilion: " + blind, "; light grey: "}) {
            assertTrue(caption.contains(part), part + " in " + caption);
        }
    }

    /** MADE's masks: kept connections and joined pairs in the field's colour, the gaps in theirs, both named in the caption. */
    @Test
    void madesMasksAreDrawnInTheirNamedColours() {
        AutoregressiveParams p = params("model", "made", "start", "scratch", "hidden", "16", "view", "field");
        AutoregressiveLab lab = new AutoregressiveLab(StandardModels.INSTANCE);
        lab.reset(p);
        AutoregressiveSnapshot s = lab.snapshot(p);
        Image masks = fx(() -> {
            view.show(s, AutoregressiveParams.Panel.FIELD);
            view.layout();
            return FigureExport.snapshot(view.masks, 1);
        });
        assertTrue(fx(view.masks::isVisible), "shown for MADE");
        assertTrue(count(masks, colour("field")) > 200, "field: " + count(masks, colour("field")));
        assertTrue(count(masks, colour("gap")) > 20, "gap: " + count(masks, colour("gap")));
        String caption = fx(view.masksText::getText);
        for (String part : new String[] {"(orange)", "; vermilion: gaps", "0 of the 307,720 pairs"}) {
            assertTrue(caption.contains(part), part + " in " + caption);
        }
        // the receptive field's earlier pixels that no path reaches are drawn as the gaps are
        int gaps = 0;
        for (int q = 0; q < s.fieldPixel(); q++) {
            gaps += !s.field()[q] ? 1 : 0;
            int cell = q;
            assertEquals(!s.field()[q], fx(() -> view.field.cell(cell)) == colour("gap"), "pixel " + q);
        }
        assertTrue(gaps > 0);
        AutoregressiveParams nade = params("model", "nade", "start", "scratch", "hidden", "8", "view", "field");
        lab.reset(nade);
        AutoregressiveSnapshot n = lab.snapshot(nade);
        fx(() -> {
            view.show(n, AutoregressiveParams.Panel.FIELD);
            return null;
        });
        assertTrue(!fx(view.masks::isVisible), "not for NADE");
    }

    /**
     * The field of another architecture is the one ReceptiveFields computes from its layer definitions, at the
     * layers counted; the caption gives its sequential steps per layer; the gated stack leaves no blind spot.
     */
    @Test
    void otherArchitecturesFieldsAndCostNotes() {
        AutoregressiveLab lab = new AutoregressiveLab(StandardModels.INSTANCE);
        lab.reset(params("model", "nade", "start", "scratch", "hidden", "8", "view", "field"));
        dev.genlab.model.autoregressive.ReceptiveFields rf = new dev.genlab.model.autoregressive.ReceptiveFields(28, 28,
                dev.genlab.model.autoregressive.PixelCnn.DEFAULT_FIRST_KERNEL);
        Map<String, String> steps = Map.of("pixelcnn", "1, every position at once", "gated", "1, every position at once",
                "rowlstm", "28, a row after a row", "diagonal", "55, a diagonal after a diagonal");
        for (String arch : List.of("pixelcnn", "gated", "rowlstm", "diagonal")) {
            AutoregressiveParams p = params("model", "nade", "start", "scratch", "hidden", "8", "view", "field",
                    "field_arch", arch, "depth", "9", "pixel", "406");
            AutoregressiveSnapshot s = lab.snapshot(p);
            var a = dev.genlab.model.autoregressive.ReceptiveFields.Architecture.byId(arch);
            assertArrayEquals(rf.field(a, 406, 9), s.field(), arch);
            assertEquals(9, s.maxDepth());
            assertEquals(rf.sequentialStepsPerLayer(a), s.fieldSteps());
            fx(() -> {
                view.show(s, AutoregressiveParams.Panel.FIELD);
                return null;
            });
            String caption = fx(view.fieldText::getText);
            assertTrue(caption.contains(steps.get(arch)), arch + ": " + caption);
            int blind = fx(() -> {
                int n = 0;
                for (int q = 0; q < s.pixels(); q++) {
                    n += view.field.cell(q) == colour("blind-spot") ? 1 : 0;
                }
                return n;
            });
            assertTrue(caption.contains("vermilion: " + blind + " earlier"), caption);
            if (arch.equals("gated")) {
                assertEquals(0, blind, "no blind spot");
            } else if (arch.equals("pixelcnn")) {
                assertTrue(blind > 0, "PixelCNN's blind spot");
            }
            assertTrue(!fx(view.masks::isVisible));
        }
    }

    @Test
    void theCurvesAreDrawnInTheirNamedColours() {
        AutoregressiveParams raster = params("model", "nade", "start", "scratch", "hidden", "8", "view", "train");
        AutoregressiveLab lab = new AutoregressiveLab(StandardModels.INSTANCE);
        lab.reset(raster);
        for (int i = 0; i < 2 * AutoregressiveLab.EVAL_EVERY; i++) {
            lab.step(raster);
        }
        AutoregressiveParams random = params("model", "nade", "start", "scratch", "hidden", "8", "view", "train",
                "ordering", "random");
        lab.reset(random);
        for (int i = 0; i < 2 * AutoregressiveLab.EVAL_EVERY; i++) {
            lab.step(random);
        }
        AutoregressiveSnapshot s = lab.snapshot(random);
        assertTrue(s.previousX().length > 1, "the first run stays on the chart");
        Image chart = fx(() -> {
            view.show(s, AutoregressiveParams.Panel.TRAIN);
            return FigureExport.snapshot(view, 1);
        });
        // the batch curve is the named grey at 80 % over the plot's background
        Color batch = AutoregressiveScene.DESCRIPTOR.colours().get("batch").color()
                .interpolate(PlotTheme.LIGHT.plotBackground(), 0.2);
        int batchArgb = 0xFF000000 | (int) Math.round(batch.getRed() * 255) << 16
                | (int) Math.round(batch.getGreen() * 255) << 8 | (int) Math.round(batch.getBlue() * 255);
        for (String key : Set.of("held-out", "previous-run")) {
            assertTrue(count(chart, colour(key)) > 20, key + ": " + count(chart, colour(key)));
        }
        assertTrue(count(chart, batchArgb) > 20, "batch: " + count(chart, batchArgb));
    }

    /** Pixels within a few levels of argb. */
    private static int count(Image img, int argb) {
        return FigurePixels.count(img, argb, 3);
    }

    private static <T> T fx(Callable<T> c) {
        return FigurePixels.fx(c);
    }
}
