package dev.genlab.lesson.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {colour:KEY}} placeholder of lesson texts: where a text names the colour of a figure
 * part, it writes the part's key (which the lesson's scene declares, {@code SceneDescriptor.colours})
 * instead of a colour word, and the renderer shows a swatch and the colour's name in the text's
 * language. "the {colour:next-pixel} square" reads "the ■ blue square", and "■ 파란색 칸" in Korean.
 *
 * <p>CommonMark keeps the placeholder whole in one text node (braces, colons and hyphens are not
 * Markdown), so the renderer finds it there; inside a code span or a formula it stays literal, though
 * the parser, which reads the source line by line, still checks its key.
 */
public final class ColourSyntax {

    /** A placeholder; group 1 is the key (checked against the scene's keys, not here). */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{colour:([^{}\\s]*)}");

    /** A placeholder found in a text: its key and its 1-based line. */
    public record Placeholder(String key, int line) {}

    private ColourSyntax() {
    }

    /** Every placeholder in the text, in order. */
    public static List<Placeholder> placeholders(String text) {
        List<Placeholder> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = PLACEHOLDER.matcher(lines[i]);
            while (m.find()) {
                found.add(new Placeholder(m.group(1), i + 1));
            }
        }
        return found;
    }
}
