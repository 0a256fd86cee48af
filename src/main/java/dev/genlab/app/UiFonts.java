package dev.genlab.app;

import java.util.List;
import java.util.Optional;

import javafx.scene.text.Font;

/**
 * Chooses a font family that has Hangul, for Korean. JavaFX's default "System" font falls back
 * to Hangul on macOS and Windows but not reliably on Linux, where a missing fallback shows boxes.
 */
public final class UiFonts {

    /** Families known to cover Hangul, best first: Linux packages, then Windows, then macOS. */
    static final List<String> HANGUL_FAMILIES = List.of("NanumGothic", "Nanum Gothic", "Noto Sans CJK KR",
            "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "AppleGothic");

    private static volatile Optional<String> hangul;

    private UiFonts() {
    }

    public static Optional<String> hangulFamily() {
        if (hangul == null) {
            List<String> installed = Font.getFamilies();
            hangul = HANGUL_FAMILIES.stream().filter(installed::contains).findFirst();
        }
        return hangul;
    }

    /** The family to use for a language, or empty for the platform default. */
    public static Optional<String> familyFor(String lang) {
        return "ko".equals(lang) ? hangulFamily() : Optional.empty();
    }
}
