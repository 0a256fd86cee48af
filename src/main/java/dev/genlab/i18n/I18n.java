package dev.genlab.i18n;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;

/**
 * Every user-visible string comes from the {@code messages} bundles through this class.
 * The language can change at run time: UI text binds to {@link #bind(String, Object...)}
 * and follows {@link #localeProperty()}.
 *
 * <p>It sits below {@code app} so that scenes and figures can translate their own labels.
 */
public final class I18n {

    /** The languages GenLab ships, in menu order. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.KOREAN);

    private static final String BUNDLE = "dev.genlab.i18n.messages";
    private static final ObjectProperty<Locale> LOCALE = new SimpleObjectProperty<>(Locale.ENGLISH);

    private I18n() {
    }

    public static ObjectProperty<Locale> localeProperty() {
        return LOCALE;
    }

    public static Locale getLocale() {
        return LOCALE.get();
    }

    public static void setLocale(Locale locale) {
        LOCALE.set(supported(locale));
    }

    /** The supported locale with the same language, or English. */
    public static Locale supported(Locale locale) {
        if (locale != null) {
            for (Locale l : SUPPORTED) {
                if (l.getLanguage().equals(locale.getLanguage())) {
                    return l;
                }
            }
        }
        return Locale.ENGLISH;
    }

    /** Two-letter language code of the current locale ("en", "ko"). */
    public static String lang() {
        return LOCALE.get().getLanguage();
    }

    public static ResourceBundle bundle(Locale locale) {
        // ROOT fallback control: a missing Korean key falls back to English, never to the JVM's default locale
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The text for key in the current language; "!key!" when the key is missing so gaps show. */
    public static String get(String key, Object... args) {
        return get(LOCALE.get(), key, args);
    }

    public static String get(Locale locale, String key, Object... args) {
        try {
            String pattern = bundle(locale).getString(key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }

    public static boolean has(String key) {
        try {
            bundle(LOCALE.get()).getString(key);
            return true;
        } catch (MissingResourceException e) {
            return false;
        }
    }

    /**
     * Calls listener when the language changes, without the static locale keeping the listener's
     * owner alive: the caller must hold the returned listener (e.g. in a field) as long as it wants
     * the calls.
     */
    public static ChangeListener<Locale> listen(ChangeListener<Locale> listener) {
        LOCALE.addListener(new WeakChangeListener<>(listener));
        return listener;
    }

    /** A binding that re-reads key whenever the language changes. */
    public static StringBinding bind(String key, Object... args) {
        return Bindings.createStringBinding(() -> get(key, args), LOCALE);
    }
}
