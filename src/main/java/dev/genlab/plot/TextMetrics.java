package dev.genlab.plot;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Text widths for laying out labels on a canvas. FX thread only. */
final class TextMetrics {

    private static final Text PROBE = new Text();

    private TextMetrics() {
    }

    static double width(String s, Font font) {
        PROBE.setFont(font);
        PROBE.setText(s);
        return PROBE.getLayoutBounds().getWidth();
    }
}
