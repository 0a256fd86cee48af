package dev.genlab.app;

import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import dev.genlab.i18n.I18n;

/**
 * What GenLab remembers between runs: window geometry, theme, language, zoom, the last lesson
 * and step, and the chosen dataset folder. Stored with {@link Preferences} under the node named
 * by the system property {@code genlab.prefs.node} (tests use their own node).
 *
 * <p>A value given for this run only (a command-line option, {@link CommandLine}) is read instead of the stored
 * one and is not written back: storing that same value again is skipped, so the window's own bookkeeping (it
 * stores the theme, the language and where the student is whenever they are applied) does not make the option
 * permanent. The first time the user picks another value, that value is stored as usual and the run-only one is
 * forgotten.
 */
public final class AppPrefs {

    public enum Theme { LIGHT, DARK }

    private final Preferences node;
    /** Run-only values by preference key ({@link #LESSON} and {@link #STEP} go together). */
    private final java.util.Map<String, String> thisRun = new java.util.HashMap<>();

    private static final String LANG = "lang";
    private static final String THEME = "theme";
    private static final String LESSON = "lesson";
    private static final String STEP = "step";
    private static final String DATASET_DIR = "datasetDir";

    public AppPrefs(Preferences node) {
        this.node = node;
    }

    public static AppPrefs user() {
        return new AppPrefs(Preferences.userRoot().node(System.getProperty("genlab.prefs.node", "dev/genlab")));
    }

    public Locale locale() {
        String lang = get(LANG, Locale.getDefault().getLanguage());
        return I18n.supported(Locale.forLanguageTag(lang));
    }

    public void setLocale(Locale l) {
        put(LANG, l.getLanguage());
    }

    public Theme theme() {
        try {
            return Theme.valueOf(get(THEME, Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme t) {
        put(THEME, t.name());
    }

    public double zoom() {
        return clamp(node.getDouble("zoom", 1.0), MainWindow.MIN_ZOOM, MainWindow.MAX_ZOOM);
    }

    public void setZoom(double z) {
        node.putDouble("zoom", z);
    }

    public String lessonId() {
        return get(LESSON, "");
    }

    public int stepIndex() {
        try {
            return Math.max(0, Integer.parseInt(get(STEP, "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public void setPosition(String lessonId, int step) {
        String s = Integer.toString(step);
        if (lessonId.equals(thisRun.get(LESSON)) && s.equals(thisRun.get(STEP))) {
            return;
        }
        thisRun.remove(LESSON);
        thisRun.remove(STEP);
        node.put(LESSON, lessonId);
        node.put(STEP, s);
    }

    public String datasetDir() {
        return get(DATASET_DIR, "");
    }

    public void setDatasetDir(String dir) {
        put(DATASET_DIR, dir);
    }

    /** The language for this run only (see the class comment). */
    public void setLocaleForThisRun(Locale l) {
        thisRun.put(LANG, l.getLanguage());
    }

    /** The theme for this run only. */
    public void setThemeForThisRun(Theme t) {
        thisRun.put(THEME, t.name());
    }

    /** The lesson and step (0-based) to open for this run only; the two are stored together once either changes. */
    public void setPositionForThisRun(String lessonId, int step) {
        thisRun.put(LESSON, lessonId);
        thisRun.put(STEP, Integer.toString(step));
    }

    /** The dataset for this run only: a folder, or the built-in digits' choice. */
    public void setDatasetDirForThisRun(String dir) {
        thisRun.put(DATASET_DIR, dir);
    }

    private String get(String key, String def) {
        String v = thisRun.get(key);
        return v != null ? v : node.get(key, def);
    }

    /** Stores a value unless it is this run's own (then nothing is written and the run-only value stays). */
    private void put(String key, String value) {
        if (value.equals(thisRun.get(key))) {
            return;
        }
        thisRun.remove(key);
        node.put(key, value);
    }

    /** Window bounds as x, y, width, height; NaN entries when never saved. */
    public double[] windowBounds() {
        return new double[] {node.getDouble("winX", Double.NaN), node.getDouble("winY", Double.NaN),
                node.getDouble("winW", 1280), node.getDouble("winH", 800)};
    }

    public void setWindowBounds(double x, double y, double w, double h) {
        node.putDouble("winX", x);
        node.putDouble("winY", y);
        node.putDouble("winW", w);
        node.putDouble("winH", h);
    }

    public boolean maximized() {
        return node.getBoolean("maximized", false);
    }

    public void setMaximized(boolean m) {
        node.putBoolean("maximized", m);
    }

    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience; a read-only home must not stop the app
        }
    }

    /** Forgets everything (tests start from a clean slate). */
    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot clear preferences", e);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Double.isFinite(v) ? Math.max(lo, Math.min(hi, v)) : 1.0;
    }
}
