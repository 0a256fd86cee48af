package dev.genlab.plot;

import java.util.Locale;

import javafx.scene.paint.Color;

import dev.genlab.i18n.I18n;

/**
 * The colours of figure parts that a text names, each with its name in every language (bundle key
 * {@code colour.<id>}). A lesson names a colour only through a placeholder that shows this name, and
 * the figure draws that part with the same constant, so the text cannot say "red" where the figure
 * draws orange: a scene lists which of its parts a text may name ({@code SceneDescriptor.colours}).
 * A scene's own captions pass the name as a message argument in the same way.
 *
 * <p>They do not follow the theme: the dark and projector themes change backgrounds, text and the
 * series palette ({@link PlotTheme#seriesColor}), never these, so a name is right in every theme. A
 * part a text names is therefore drawn with one of these, never with a series colour.
 *
 * <p>Every Korean name ends in 색, so the particle a lesson writes after a placeholder (은, 이, 으로)
 * stays right whichever colour the placeholder names.
 */
public enum FigureColour {

    /** Okabe-Ito blue. */
    BLUE("blue", Color.web("#0072B2")),
    /** Okabe-Ito sky blue. */
    SKY_BLUE("skyBlue", Color.web("#56B4E9")),
    /** Okabe-Ito orange. */
    ORANGE("orange", Color.web("#E69F00")),
    PALE_ORANGE("paleOrange", Color.web("#F6D28B")),
    /** Okabe-Ito vermilion. */
    VERMILION("vermilion", Color.web("#D55E00")),
    CYAN("cyan", Color.web("#00BCD4")),
    GREY("grey", Color.gray(0.55)),
    LIGHT_GREY("lightGrey", Color.web("#B8B8B8")),
    /** The low end of {@link ColorMap#COOL_WARM} (Moreland's blue). */
    COOL_BLUE("coolBlue", Color.rgb(59, 76, 192)),
    /** The high end of {@link ColorMap#COOL_WARM} (Moreland's red). */
    WARM_RED("warmRed", Color.rgb(180, 4, 38));

    private final String id;
    private final Color color;

    FigureColour(String id, Color color) {
        this.id = id;
        this.color = color;
    }

    public Color color() {
        return color;
    }

    /** The colour as opaque 0xAARRGGBB, for figures that fill cells from int arrays. */
    public int argb() {
        return 0xFF000000 | (int) Math.round(color.getRed() * 255) << 16
                | (int) Math.round(color.getGreen() * 255) << 8 | (int) Math.round(color.getBlue() * 255);
    }

    /** The colour's name in locale's language, as a lesson's text shows it ("orange", "주황색"). */
    public String label(Locale locale) {
        return I18n.get(locale, "colour." + id);
    }
}
