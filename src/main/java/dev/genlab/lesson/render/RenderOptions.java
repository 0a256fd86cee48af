package dev.genlab.lesson.render;

import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.paint.Color;

import dev.genlab.plot.FigureColour;

/**
 * Options for one rendering of a lesson text by {@link MarkdownRenderer}.
 *
 * @param fontSize     body text size in pixels; headings and code are sized relative to it
 * @param textColor    colour of text and formulas
 * @param accentColor  colour of links
 * @param presenter    projector mode: keep only headings and display formulas
 * @param outputScale  pixels per logical pixel of formula images (the screen's render scale)
 * @param linkHandler  called with the URL when a link is clicked
 * @param colours      what the text's {@code {colour:KEY}} placeholders name: its scene's figure colours
 * @param language     the language of the text, in which those colours are named (a Korean window
 *                     showing a lesson's English text names them in English)
 */
public record RenderOptions(double fontSize, Color textColor, Color accentColor,
                            boolean presenter, double outputScale, Consumer<String> linkHandler,
                            Map<String, FigureColour> colours, Locale language) {

    public RenderOptions {
        if (!(fontSize > 0) || !(outputScale > 0)) {
            throw new IllegalArgumentException("fontSize and outputScale must be positive");
        }
        if (textColor == null || accentColor == null || linkHandler == null || language == null) {
            throw new NullPointerException("colours, link handler and language are required");
        }
        colours = Map.copyOf(colours);
    }

    /** Options for a text that names no figure colours. */
    public RenderOptions(double fontSize, Color textColor, Color accentColor,
                         boolean presenter, double outputScale, Consumer<String> linkHandler) {
        this(fontSize, textColor, accentColor, presenter, outputScale, linkHandler, Map.of(), Locale.ENGLISH);
    }

    /** These options for a text in {@code language} whose placeholders name {@code colours}. */
    public RenderOptions withColours(Map<String, FigureColour> colours, Locale language) {
        return new RenderOptions(fontSize, textColor, accentColor, presenter, outputScale, linkHandler,
                colours, language);
    }
}
