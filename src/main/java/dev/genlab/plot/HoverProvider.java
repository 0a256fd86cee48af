package dev.genlab.plot;

import java.util.Locale;

/** What a plot shows for the data point under the cursor; null shows nothing. */
@FunctionalInterface
public interface HoverProvider {

    String textAt(double x, double y);

    /** The house format of a read-out: {@code x=(0.31, -1.20)  log p(x) = -2.41}. */
    static String format(double x, double y, String quantity, double value) {
        return String.format(Locale.ROOT, "x=(%.2f, %.2f)  %s = %.2f", x, y, quantity, value);
    }
}
