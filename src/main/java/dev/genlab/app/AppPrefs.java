package dev.genlab.app;

import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

import dev.genlab.i18n.I18n;

/**
 * What GenLab remembers between runs: window geometry, theme, language, zoom, the last lesson
 * and step, and the chosen dataset folder. Stored with {@link Preferences} under the node named
 * by the system property {@code genlab.prefs.node} (tests use their own node).
 */
public final class AppPrefs {

    public enum Theme { LIGHT, DARK }

    private final Preferences node;

    public AppPrefs(Preferences node) {
        this.node = node;
    }

    public static AppPrefs user() {
        return new AppPrefs(Preferences.userRoot().node(System.getProperty("genlab.prefs.node", "dev/genlab")));
    }

    public Locale locale() {
        String lang = node.get("lang", Locale.getDefault().getLanguage());
        return I18n.supported(Locale.forLanguageTag(lang));
    }

    public void setLocale(Locale l) {
        node.put("lang", l.getLanguage());
    }

    public Theme theme() {
        try {
            return Theme.valueOf(node.get("theme", Theme.LIGHT.name()));
        } catch (IllegalArgumentException e) {
            return Theme.LIGHT;
        }
    }

    public void setTheme(Theme t) {
        node.put("theme", t.name());
    }

    public double zoom() {
        return clamp(node.getDouble("zoom", 1.0), MainWindow.MIN_ZOOM, MainWindow.MAX_ZOOM);
    }

    public void setZoom(double z) {
        node.putDouble("zoom", z);
    }

    public String lessonId() {
        return node.get("lesson", "");
    }

    public int stepIndex() {
        return Math.max(0, node.getInt("step", 0));
    }

    public void setPosition(String lessonId, int step) {
        node.put("lesson", lessonId);
        node.putInt("step", step);
    }

    public String datasetDir() {
        return node.get("datasetDir", "");
    }

    public void setDatasetDir(String dir) {
        node.put("datasetDir", dir);
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
