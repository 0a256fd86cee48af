package dev.genlab.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every string the UI shows exists in English and in Korean, and every pattern parses. */
class BundlesTest {

    @Test
    void englishAndKoreanHaveTheSameKeys() {
        Set<String> en = new TreeSet<>(I18n.bundle(Locale.ENGLISH).keySet());
        Set<String> ko = new TreeSet<>(I18n.bundle(Locale.KOREAN).keySet());
        Set<String> onlyEn = new TreeSet<>(en);
        onlyEn.removeAll(ko);
        Set<String> onlyKo = new TreeSet<>(ko);
        onlyKo.removeAll(en);
        assertEquals(Set.of(), onlyEn, "missing in Korean");
        assertEquals(Set.of(), onlyKo, "missing in English");
        assertTrue(en.size() > 100);
    }

    @Test
    void everyPatternParsesAndKoreanIsKorean() {
        for (Locale l : I18n.SUPPORTED) {
            ResourceBundle b = I18n.bundle(l);
            for (String k : b.keySet()) {
                new MessageFormat(b.getString(k), l); // throws on a broken pattern
            }
        }
        assertEquals("다음 \u25b6", I18n.get(Locale.KOREAN, "nav.next"));
        assertEquals("!no.such.key!", I18n.get(Locale.KOREAN, "no.such.key"));
    }
}
