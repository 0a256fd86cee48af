package dev.genlab.app;

import java.util.List;
import java.util.Map;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The keyboard shortcuts, listed once: menus take their accelerators from here and
 * Help → Keyboard shortcuts lists them, so the two never disagree.
 *
 * @param id           what the shortcut does (also the bundle key suffix of its description)
 * @param combinations the keys; the first is shown in menus
 */
public record Shortcut(String id, List<KeyCombination> combinations) {

    public static final Shortcut NEXT = of("next", new KeyCodeCombination(KeyCode.RIGHT),
            new KeyCodeCombination(KeyCode.PAGE_DOWN));
    public static final Shortcut PREVIOUS = of("previous", new KeyCodeCombination(KeyCode.LEFT),
            new KeyCodeCombination(KeyCode.PAGE_UP));
    public static final Shortcut PLAY = of("play", new KeyCodeCombination(KeyCode.SPACE));
    public static final Shortcut STEP = of("step", new KeyCodeCombination(KeyCode.PERIOD));
    public static final Shortcut RESET = of("reset", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut PRESENTER = of("presenter", new KeyCodeCombination(KeyCode.F5));
    public static final Shortcut LEAVE_PRESENTER = of("leavePresenter", new KeyCodeCombination(KeyCode.ESCAPE));
    public static final Shortcut ZOOM_IN = of("zoomIn", new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut ZOOM_OUT = of("zoomOut", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN),
            new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut ZOOM_RESET = of("zoomReset", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut LANGUAGE = of("language", new KeyCodeCombination(KeyCode.L,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    public static final Shortcut THEME = of("theme", new KeyCodeCombination(KeyCode.T,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
    public static final Shortcut OPEN_DATASET = of("openDataset", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut SAVE_SCENARIO = of("saveScenario", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut EXPORT = of("export", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut QUIT = of("quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
    public static final Shortcut HELP = of("help", new KeyCodeCombination(KeyCode.F1));

    /** In the order the help dialog lists them. */
    public static final List<Shortcut> ALL = List.of(NEXT, PREVIOUS, PLAY, STEP, RESET, PRESENTER, LEAVE_PRESENTER,
            ZOOM_IN, ZOOM_OUT, ZOOM_RESET, LANGUAGE, THEME, OPEN_DATASET, SAVE_SCENARIO, EXPORT, QUIT, HELP);

    private static Shortcut of(String id, KeyCombination... keys) {
        return new Shortcut(id, List.of(keys));
    }

    public KeyCombination primary() {
        return combinations.get(0);
    }

    public String descriptionKey() {
        return "shortcut." + id;
    }

    public boolean matches(javafx.scene.input.KeyEvent e) {
        return combinations.stream().anyMatch(k -> k.match(e));
    }

    /** The keys as text, e.g. "→ / Page Down" or "Ctrl+- / Ctrl+Num -". */
    public String keysText() {
        return String.join(" / ", combinations.stream().map(Shortcut::displayText).toList());
    }

    /** The numeric keypad's keys that JavaFX shows like the main keyboard's (both "-" for MINUS and SUBTRACT). */
    private static final Map<KeyCode, String> KEYPAD = Map.of(KeyCode.ADD, "+", KeyCode.SUBTRACT, "-",
            KeyCode.MULTIPLY, "*", KeyCode.DIVIDE, "/", KeyCode.DECIMAL, ".");

    /**
     * A key's text as menus show it, except that a key of the numeric keypad says so: JavaFX shows
     * Ctrl+MINUS and Ctrl+SUBTRACT alike ("Ctrl+-"), which made the help dialog list zoom out as
     * "Ctrl+- / Ctrl+-".
     */
    static String displayText(KeyCombination k) {
        String text = k.getDisplayText();
        if (k instanceof KeyCodeCombination c && KEYPAD.containsKey(c.getCode())) {
            String key = KEYPAD.get(c.getCode());
            return text.endsWith(key) ? text.substring(0, text.length() - key.length()) + "Num " + key : text + " (Num)";
        }
        return text;
    }
}
