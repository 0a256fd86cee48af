package dev.genlab.scene.gan;

import java.util.Locale;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Circle;

import dev.genlab.i18n.I18n;
import dev.genlab.model.gan.Gan2D;

/**
 * Lesson 8's model-overview strip, a thin row above the plane: noise z → G → samples (fake and real) → D →
 * the losses, with the current L_D and L_G and the D and G steps taken (each on its player; the networks'
 * shapes in their tooltips). In slow motion the part that moves
 * is lit: D during a D step, G during a G step. Labels, not a canvas, so the theme's colours
 * ({@code -color-*}) and presenter mode's larger type apply to it as to every read-out; it wraps onto a
 * second row in a narrow window rather than cutting its text.
 */
final class ModelStrip extends FlowPane {

    /** The part a sub-step moves. */
    enum Part { NONE, D, G }

    private static final String BOX = "-fx-border-color: -color-border-default; -fx-border-radius: 4;"
            + " -fx-background-radius: 4; -fx-background-color: -color-bg-subtle; -fx-padding: 0 4 0 4;";
    private static final String LIT = "-fx-border-color: -color-accent-emphasis; -fx-border-width: 2;"
            + " -fx-border-radius: 4; -fx-background-radius: 4; -fx-background-color: -color-accent-subtle;"
            + " -fx-padding: -1 3 -1 3;";

    final Label noise = box("gan-strip-noise");
    final Label g = box("gan-strip-g");
    final Label fake = box("gan-strip-fake");
    final Label real = box("gan-strip-real");
    final Label d = box("gan-strip-d");
    final Label losses = box("gan-strip-losses");
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> text());
    private Part lit = Part.NONE;
    private GanSnapshot last;
    private Gan2D.Config config;

    ModelStrip() {
        setId("gan-strip");
        setHgap(3);
        setVgap(2);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(1, 8, 1, 8));
        // a little smaller than the read-outs, so the whole chain fits one row of a 1280-pixel window
        setStyle("-fx-font-size: 0.92em;");
        fake.setGraphic(new Circle(4, PlanePanel.FAKE.color()));
        real.setGraphic(new Circle(4, PlanePanel.REAL.color()));
        getChildren().addAll(noise, arrow(), g, arrow(), fake, real, arrow(), d, arrow(), losses);
        highlight(Part.NONE);
    }

    private static Label box(String id) {
        Label l = new Label();
        l.setId(id);
        l.setStyle(BOX);
        return l;
    }

    private static Label arrow() {
        return new Label("\u2192");
    }

    private static void tip(Label l, String text) {
        if (l.getTooltip() == null || !l.getTooltip().getText().equals(text)) {
            l.setTooltip(new javafx.scene.control.Tooltip(text));
        }
    }

    /** p_z in short: N(0, I₂) or U[−1, 1]² (a subscript or power of the noise dimension m, 1 to 8). */
    static String noiseName(Gan2D.Config c) {
        int m = c.noiseDim();
        return c.noise() == Gan2D.Noise.UNIFORM ? "U[\u22121, 1]" + (m == 1 ? "" : SUPER.charAt(m))
                : "N(0, I" + SUB.charAt(m) + ")";
    }

    private static final String SUB = "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088";
    private static final String SUPER = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078";

    /** Lights the part a sub-step moves (NONE: none). */
    void highlight(Part part) {
        lit = part;
        d.setStyle(part == Part.D ? LIT : BOX);
        g.setStyle(part == Part.G ? LIT : BOX);
    }

    Part lit() {
        return lit;
    }

    /** The GAN shown: its noise, networks, losses and step counts. */
    void show(GanSnapshot s) {
        last = s;
        config = s.config();
        text();
    }

    private void text() {
        if (last == null || config == null) {
            return;
        }
        noise.setText("z ~ " + noiseName(config));
        g.setText(I18n.get("gan.strip.player", "G", last.gSteps()));
        d.setText(I18n.get("gan.strip.player", "D", last.dSteps()));
        fake.setText(I18n.get("gan.strip.fake"));
        real.setText(I18n.get("gan.strip.real"));
        losses.setText("L_D " + PlanePanel.fmt(last.stepLossD()) + ", L_G " + PlanePanel.fmt(last.stepLossG()));
        // the networks' shapes where the strip has no room for them
        tip(g, "G: " + config.gDepth() + " \u00d7 " + config.gWidth());
        tip(d, "D: " + config.dDepth() + " \u00d7 " + config.dWidth());
    }
}
