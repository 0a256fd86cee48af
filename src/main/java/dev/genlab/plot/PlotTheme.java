package dev.genlab.plot;

import java.util.List;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * The colours and sizes every figure draws with. Figures observe {@link #currentProperty()} and
 * redraw when it changes, so the app switches all figures at once (light, dark, projector).
 *
 * @param palette series colours in order; the Okabe-Ito set, which stays distinct under the common
 *                colour-vision deficiencies
 */
public record PlotTheme(String name, Color background, Color plotBackground, Color axis, Color grid,
                        Color text, double fontSize, double lineWidth, List<Color> palette) {

    private static final List<Color> OKABE_ITO = List.of(
            Color.web("#0072B2"), Color.web("#D55E00"), Color.web("#009E73"), Color.web("#E69F00"),
            Color.web("#CC79A7"), Color.web("#56B4E9"), Color.web("#F0E442"), Color.web("#000000"));

    public static final PlotTheme LIGHT = new PlotTheme("light", Color.WHITE, Color.web("#FAFAFA"),
            Color.web("#333333"), Color.web("#E4E4E4"), Color.web("#222222"), 11, 1.5, OKABE_ITO);

    public static final PlotTheme DARK = new PlotTheme("dark", Color.web("#1E1F22"), Color.web("#26282C"),
            Color.web("#B8BCC4"), Color.web("#3A3D42"), Color.web("#E6E8EB"), 11, 1.5,
            List.of(Color.web("#56B4E9"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#F0E442"),
                    Color.web("#CC79A7"), Color.web("#0072B2"), Color.web("#D55E00"), Color.WHITE));

    /** High contrast, large text and thick lines for a classroom projector. */
    public static final PlotTheme PROJECTOR = new PlotTheme("projector", Color.WHITE, Color.WHITE,
            Color.BLACK, Color.web("#C8C8C8"), Color.BLACK, 16, 3, OKABE_ITO);

    private static final ObjectProperty<PlotTheme> CURRENT = new SimpleObjectProperty<>(LIGHT);

    /** The theme all figures draw with; set it on the FX thread. */
    public static ObjectProperty<PlotTheme> currentProperty() {
        return CURRENT;
    }

    public static PlotTheme current() {
        return CURRENT.get();
    }

    public static void setCurrent(PlotTheme theme) {
        CURRENT.set(theme);
    }

    public Font font() {
        return Font.font(fontSize);
    }

    /** The i-th series colour, cycling through the palette. */
    public Color seriesColor(int i) {
        return palette.get(Math.floorMod(i, palette.size()));
    }
}
