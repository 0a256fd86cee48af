package dev.genlab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Korean text a student reads uses the glossary's one word per idea.
 *
 * <p>{@code GLOSSARY.md} (the project's copy of {@code ../shared/GLOSSARY.md}) is a table
 * "English | 한국어 | not". The rule this test enforces:
 * <ul>
 * <li><b>Replaced words</b> are read from the "not" column: each comma-separated entry, with text in
 * parentheses dropped, gives its runs of Hangul words (words of Hangul syllables joined by single
 * spaces: "결합 층", "두 개의 달", "한 걸음"). English in the column is commentary and is ignored
 * ("우도 mixed with 가능도" gives 우도 and 가능도).</li>
 * <li>A run that is itself a glossary term anywhere in the 한국어 column is not replaced, because the
 * column only says it is wrong <em>for that idea</em> ("하한" is the term for a bound and is listed as
 * wrong for the entropy floor; "가능도", "파라미터" are terms). Those context-dependent slips are left
 * to review.</li>
 * <li>The texts checked are every {@code lessons/}{@code *}{@code /lesson.ko.md} and the values of
 * {@code messages_ko.properties} (keys and comments are not shown to anyone). Runs of white space
 * count as one space, so a phrase broken over two lines is still found.</li>
 * <li>A replaced word matches only where a Hangul word starts: the character before it is not a
 * Hangul syllable. Its end is free, since Korean particles attach to the word ("표본을"). So
 * "경우도" does not contain the replaced "우도", nor "가역사상" the replaced "역사상", while
 * "표본을", "열지도에서" and "학습 한 걸음" are found.</li>
 * </ul>
 * A second rule, the glossary's particle rule: a particle attaches directly to inline math
 * ({@code $x$가}, not {@code $x$ 가}).
 */
class GlossaryTest {

    static final Path GLOSSARY = Path.of("GLOSSARY.md");
    static final Path BUNDLE = Path.of("src/main/resources/dev/genlab/i18n/messages_ko.properties");

    private static final Pattern HANGUL_RUN = Pattern.compile("\\p{IsHangul}+(?: \\p{IsHangul}+)*");

    /** The table rows of the glossary: English, Korean, replaced words (empty if none). */
    static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(GLOSSARY, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.startsWith("|") || t.startsWith("|---") || t.startsWith("| English")) {
                continue;
            }
            String[] cells = t.substring(1, t.endsWith("|") ? t.length() - 1 : t.length()).split("\\|", -1);
            if (cells.length == 3) {
                rows.add(new String[] {cells[0].strip(), cells[1].strip(), cells[2].strip()});
            }
        }
        return rows;
    }

    static List<String> hangulRuns(String cell) {
        String outside = cell.replaceAll("\\([^)]*\\)", " ");
        List<String> out = new ArrayList<>();
        Matcher m = HANGUL_RUN.matcher(outside);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Every replaced word of the glossary, by the class comment's rule, with the idea it belongs to. */
    static Map<String, String> replacedWords() throws IOException {
        List<String[]> rows = rows();
        Set<String> terms = new LinkedHashSet<>();
        for (String[] r : rows) {
            for (String part : r[1].split("[/,]")) {
                terms.addAll(hangulRuns(part));
            }
        }
        Map<String, String> replaced = new LinkedHashMap<>();
        for (String[] r : rows) {
            for (String entry : r[2].split(",")) {
                for (String run : hangulRuns(entry)) {
                    if (!terms.contains(run)) {
                        replaced.put(run, r[0] + " → " + r[1]);
                    }
                }
            }
        }
        return replaced;
    }

    /** The Korean texts a student reads: name → text with white space collapsed. */
    static Map<String, String> koreanTexts() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (var dirs = Files.list(Path.of("lessons"))) {
            for (Path d : dirs.sorted().toList()) {
                Path ko = d.resolve("lesson.ko.md");
                if (Files.isRegularFile(ko)) {
                    texts.put(ko.toString(), Files.readString(ko, StandardCharsets.UTF_8));
                }
            }
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(BUNDLE, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            texts.put(BUNDLE.getFileName() + " " + key, p.getProperty(key));
        }
        texts.replaceAll((k, v) -> v.replaceAll("\\s+", " "));
        return texts;
    }

    static boolean isHangulSyllable(char c) {
        return c >= '\uAC00' && c <= '\uD7A3';
    }

    /** Where word starts a Hangul word in text (not preceded by a Hangul syllable), -1 if nowhere. */
    static int findWordStart(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            if (at == 0 || !isHangulSyllable(text.charAt(at - 1))) {
                return at;
            }
        }
        return -1;
    }

    @Test
    void theGlossaryParses() throws IOException {
        Map<String, String> replaced = replacedWords();
        for (String w : List.of("경계", "표본", "표집", "평가", "열지도", "모델 집안", "세기 모델", "믿음망", "역사상",
                "결합 층", "한 걸음", "장면", "탐침", "판독값", "읽기값", "매개변수", "두 개의 달", "우도")) {
            assertTrue(replaced.containsKey(w), w + " is a replaced word: " + replaced.keySet());
        }
        for (String term : List.of("하한", "가능도", "파라미터")) {
            assertTrue(!replaced.containsKey(term), term + " is a glossary term, never replaced as such");
        }
    }

    @Test
    void theMatchStartsAWord() {
        assertEquals(-1, findWordStart("이 경우도 마찬가지", "우도"));
        assertEquals(-1, findWordStart("가역사상", "역사상"));
        assertTrue(findWordStart("표본을 뽑습니다", "표본") >= 0);
        assertTrue(findWordStart("학습 한 걸음", "한 걸음") >= 0);
        assertTrue(findWordStart("(열지도)", "열지도") >= 0);
    }

    @Test
    void noKoreanTextUsesAReplacedWord() throws IOException {
        Map<String, String> replaced = replacedWords();
        List<String> found = new ArrayList<>();
        for (var t : koreanTexts().entrySet()) {
            for (var w : replaced.entrySet()) {
                int at = findWordStart(t.getValue(), w.getKey());
                if (at >= 0) {
                    String around = t.getValue().substring(Math.max(0, at - 15),
                            Math.min(t.getValue().length(), at + w.getKey().length() + 15));
                    found.add(t.getKey() + ": \"" + w.getKey() + "\" (glossary: " + w.getValue() + ") in …" + around + "…");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** Particles and the copula that follow inline math in Korean. */
    private static final Pattern SPACED_PARTICLE = Pattern.compile(
            "\\$[^$]+\\$ (은|는|이|가|을|를|의|에|에서|에게|로|으로|와|과|도|만|까지|부터|보다|처럼|입니다|이고|이며|이면|이라|이므로|일|인)(?=[\\s.,;:!?)]|$)");

    @Test
    void particlesAttachToInlineMath() throws IOException {
        List<String> found = new ArrayList<>();
        for (var t : koreanTexts().entrySet()) {
            if (!t.getKey().endsWith(".md")) {
                continue;
            }
            String text = t.getValue().replaceAll("\\$\\$.*?\\$\\$", " ");
            Matcher m = SPACED_PARTICLE.matcher(text);
            while (m.find()) {
                found.add(t.getKey() + ": " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }
}
