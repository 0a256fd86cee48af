package dev.genlab.lesson.render;

import java.util.function.Consumer;
import javafx.scene.paint.Color;

/**
 * Options for one rendering of a lesson text by {@link MarkdownRenderer}.
 *
 * @param fontSize     body text size in pixels; headings and code are sized relative to it
 * @param textColor    colour of text and formulas
 * @param accentColor  colour of links
 * @param presenter    projector mode: keep only headings and display formulas
 * @param outputScale  pixels per logical pixel of formula images (the screen's render scale)
 * @param linkHandler  called with the URL when a link is clicked
 */
public record RenderOptions(double fontSize, Color textColor, Color accentColor,
                            boolean presenter, double outputScale, Consumer<String> linkHandler) {

    public RenderOptions {
        if (!(fontSize > 0) || !(outputScale > 0)) {
            throw new IllegalArgumentException("fontSize and outputScale must be positive");
        }
        if (textColor == null || accentColor == null || linkHandler == null) {
            throw new NullPointerException("colours and link handler are required");
        }
    }
}
