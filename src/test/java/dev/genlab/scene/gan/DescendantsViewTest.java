package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.PlotTheme;
import dev.genlab.testing.FigurePixels;

/**
 * {@link DescendantsView}: every label has a key in both bundles, five diagrams with text, and at the
 * sizes the panel gets (900 × 450, a wide 1280 × 400 row, a small 640 × 360) in the light and presenter
 * themes (dark has light's sizes) and both
 * languages no two boxes of a diagram overlap, every arrow is long enough to show and runs through no other box, every box, title and caption stays inside its diagram,
 * and the diagrams do not overlap each other.
 */
@ExtendWith(ApplicationExtension.class)
class DescendantsViewTest {

    private final DescendantsView view = new DescendantsView();
    private final Pane holder = new Pane(view);

    @Start
    void start(Stage stage) {
        // unmanaged: the test sizes the view itself, whatever size the headless window takes
        view.setManaged(false);
        view.resize(900, 450);
        stage.setScene(new Scene(holder, 900, 450));
        stage.show();
    }

    @AfterEach
    void reset() {
        FigurePixels.fx(() -> {
            PlotTheme.setCurrent(PlotTheme.LIGHT);
            I18n.setLocale(Locale.ENGLISH);
            return null;
        });
    }

    @Test
    void everyLabelKeyIsInBothBundles() {
        List<String> keys = DescendantsView.keys();
        assertEquals(5, DescendantsView.IDS.size());
        assertTrue(keys.size() >= 20, "titles, captions and labels: " + keys.size());
        for (Locale l : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            ResourceBundle b = I18n.bundle(l);
            for (String k : keys) {
                assertTrue(b.containsKey(k), k + " in " + l);
                assertFalse(b.getString(k).isBlank(), k + " in " + l);
            }
        }
        // the Korean labels are Korean, not copies of the English ones (symbols-only labels aside)
        for (String k : keys) {
            if (k.endsWith(".title") || k.endsWith(".caption")) {
                assertNotEquals(I18n.bundle(Locale.ENGLISH).getString(k), I18n.bundle(Locale.KOREAN).getString(k), k);
            }
        }
    }

    @Test
    void fiveDiagramsWithTextAndNothingOverlaps() {
        double[][] sizes = {{900, 450}, {1280, 400}, {640, 360}};
        // the dark theme draws at the light one's sizes, so its layout is the light one's
        assertEquals(PlotTheme.LIGHT.fontSize(), PlotTheme.DARK.fontSize());
        assertEquals(PlotTheme.LIGHT.lineWidth(), PlotTheme.DARK.lineWidth());
        for (Locale locale : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            for (PlotTheme theme : List.of(PlotTheme.LIGHT, PlotTheme.PROJECTOR)) {
                for (double[] size : sizes) {
                    String what = locale + " " + theme.name() + " " + size[0] + "×" + size[1];
                    List<String> problems = FigurePixels.fx(() -> {
                        I18n.setLocale(locale);
                        PlotTheme.setCurrent(theme);
                        view.resize(size[0], size[1]);
                        view.applyCss();
                        view.layout();
                        return check();
                    });
                    assertTrue(problems.isEmpty(), what + ": " + problems);
                }
            }
        }
    }

    private List<String> check() {
        List<String> problems = new ArrayList<>();
        List<DescendantsView.Diagram> ds = view.diagrams();
        if (ds.size() != 5) {
            problems.add(ds.size() + " diagrams");
        }
        for (int i = 0; i < ds.size(); i++) {
            DescendantsView.Diagram d = ds.get(i);
            String id = d.spec().id();
            if (!id.equals(DescendantsView.IDS.get(i))) {
                problems.add("diagram " + i + " is " + id);
            }
            if (d.titleText().isBlank() || d.captionText().isBlank()) {
                problems.add(id + ": no title or caption");
            }
            double w = d.getWidth();
            double h = d.getHeight();
            if (!(w > 50 && h > 50)) {
                problems.add(id + ": size " + w + "×" + h);
            }
            List<Bounds> boxes = new ArrayList<>();
            for (var e : d.boxes().entrySet()) {
                Rectangle r = e.getValue();
                Bounds b = r.getBoundsInParent();
                boxes.add(b);
                String text = d.label(e.getKey()).getText();
                if (text.isBlank()) {
                    problems.add(id + "/" + e.getKey() + ": empty label");
                }
                if (!inside(b, w, h)) {
                    problems.add(id + "/" + e.getKey() + " outside its diagram: " + b);
                }
                Bounds t = d.label(e.getKey()).getBoundsInParent();
                if (t.getMinX() < b.getMinX() - 0.5 || t.getMaxX() > b.getMaxX() + 0.5) {
                    problems.add(id + "/" + e.getKey() + ": label wider than its box");
                }
                if (b.intersects(d.captionBounds()) || b.intersects(d.titleBounds())) {
                    problems.add(id + "/" + e.getKey() + " overlaps the title or caption");
                }
            }
            for (int a = 0; a < boxes.size(); a++) {
                for (int b = a + 1; b < boxes.size(); b++) {
                    if (boxes.get(a).intersects(boxes.get(b))) {
                        problems.add(id + ": boxes " + a + " and " + b + " overlap");
                    }
                }
            }
            List<double[]> ends = d.arrowEnds();
            if (ends.size() != d.spec().arrows().size()) {
                problems.add(id + ": " + ends.size() + " arrows drawn of " + d.spec().arrows().size());
            }
            for (int k = 0; k < ends.size(); k++) {
                double[] e = ends.get(k);
                DescendantsView.Arrow a = d.spec().arrows().get(k);
                if (Math.hypot(e[2] - e[0], e[3] - e[1]) < DescendantsView.MIN_ARROW - 4) {
                    problems.add(id + ": the arrow " + a + " is too short to show");
                }
                // an arrow runs through no box but its two ends
                for (var box : d.boxes().entrySet()) {
                    if (!box.getKey().equals(a.from()) && !box.getKey().equals(a.to())
                            && crosses(e, box.getValue().getBoundsInParent())) {
                        problems.add(id + ": the arrow " + a + " runs through box " + box.getKey());
                    }
                }
            }
            if (!inside(d.captionBounds(), w, h) || !inside(d.titleBounds(), w, h)) {
                problems.add(id + ": title or caption outside its diagram");
            }
            for (int j = i + 1; j < ds.size(); j++) {
                if (d.getBoundsInParent().intersects(ds.get(j).getBoundsInParent())) {
                    problems.add(id + " overlaps " + ds.get(j).spec().id());
                }
            }
        }
        return problems;
    }

    /** Whether the segment {x0, y0, x1, y1} passes through the rectangle (sampled every pixel). */
    private static boolean crosses(double[] e, Bounds b) {
        double len = Math.hypot(e[2] - e[0], e[3] - e[1]);
        int n = Math.max(2, (int) Math.ceil(len));
        for (int i = 0; i <= n; i++) {
            double t = i / (double) n;
            double x = e[0] + t * (e[2] - e[0]);
            double y = e[1] + t * (e[3] - e[1]);
            if (x > b.getMinX() && x < b.getMaxX() && y > b.getMinY() && y < b.getMaxY()) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(Bounds b, double w, double h) {
        return b.getMinX() >= -0.5 && b.getMinY() >= -0.5 && b.getMaxX() <= w + 0.5 && b.getMaxY() <= h + 0.5;
    }
}
