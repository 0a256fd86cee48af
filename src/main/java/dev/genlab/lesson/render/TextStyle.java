package dev.genlab.lesson.render;

import java.util.Locale;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * The font of one run of rendered text: a size in pixels, weight, posture, and a family only for
 * code ({@code null} = whatever family the app's CSS gives the root, else the system font).
 *
 * <p>Applied as an inline style, not with {@code setFont}: JavaFX keeps a font set in code
 * whole and would ignore the family the app sets on the root with CSS, whereas an inline style
 * that names only size, weight and posture lets the family be inherited. An inline style also
 * beats the app's stylesheets, so the size is always the one given. The font takes effect when
 * CSS is applied, i.e. once the node is in a scene.
 */
record TextStyle(String family, boolean bold, boolean italic, double size) {

    static TextStyle of(double size) {
        return new TextStyle(null, false, false, size);
    }

    static TextStyle monospace(double size) {
        return new TextStyle("Monospaced", false, false, size);
    }

    TextStyle withBold(boolean bold) {
        return new TextStyle(family, bold, italic, size);
    }

    TextStyle withItalic(boolean italic) {
        return new TextStyle(family, bold, italic, size);
    }

    String css() {
        String css = String.format(Locale.ROOT, "-fx-font-size: %.3fpx; -fx-font-weight: %s; -fx-font-style: %s;",
                size, bold ? "bold" : "normal", italic ? "italic" : "normal");
        return family == null ? css : css + " -fx-font-family: \"" + family + "\";";
    }

    void applyTo(Text text) {
        text.setStyle(css());
    }

    void applyTo(Labeled labeled) {
        labeled.setStyle(css());
    }
}
