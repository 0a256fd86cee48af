package dev.genlab.lesson.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $inline$} and {@code $$display$$} math syntax of lesson texts.
 *
 * <p>CommonMark knows no math: left alone it would read {@code _} and {@code *} inside a
 * formula as emphasis. {@link #toCommonMark} therefore hides every formula in a construct whose
 * content CommonMark keeps literal: display math becomes a fenced code block with info string
 * {@value #DISPLAY_INFO}, inline math becomes a code span whose content starts with
 * {@link #INLINE_MARK}.
 *
 * <p>Rules, close to Pandoc's {@code tex_math_dollars}: an opening {@code $} must be followed
 * by a non-space and a closing {@code $} preceded by a non-space and not followed by a digit,
 * so "costs $5 and $10" stays text; {@code \$} is a literal dollar; a formula may span lines
 * but not a blank line; an unterminated {@code $} or {@code $$} stays text. Code spans and
 * fenced code blocks are left untouched. Indented code blocks are not recognised.
 */
public final class MathSyntax {

    /** Info string of the fenced code block that carries a display formula. */
    public static final String DISPLAY_INFO = "math";

    /** First character of a code span that carries an inline formula (Unicode private use). */
    public static final char INLINE_MARK = '\uE000';

    /** A formula found in a text: its LaTeX source, whether it is display math, its 1-based line. */
    public record Formula(String latex, boolean display, int line) {}

    /** Leading container markers of a line: indentation, block-quote {@code >}, one list marker. */
    private static final Pattern CONTAINER_PREFIX =
            Pattern.compile("^[ \\t>]*(?:(?:[-+*]|\\d{1,9}[.)])[ \\t]+)?");
    private static final Pattern FENCE_OPEN =
            Pattern.compile("^[ \\t>]*(?:(?:[-+*]|\\d{1,9}[.)])[ \\t]+)?(`{3,}|~{3,})(.*)$");

    private MathSyntax() {
    }

    /** Rewrites the math of a lesson text into CommonMark that keeps every formula literal. */
    public static String toCommonMark(String markdown) {
        StringBuilder out = new StringBuilder(markdown.length() + 64);
        for (Segment segment : scan(markdown)) {
            if (segment.formula == null) {
                out.append(segment.text);
            } else if (segment.formula.display()) {
                appendDisplay(out, segment.formula.latex(), segment.restOfLineBlank);
            } else {
                appendInline(out, segment.formula.latex());
            }
        }
        return out.toString();
    }

    /** Every formula in the text, in order, with the line its opening dollar is on. */
    public static List<Formula> formulas(String markdown) {
        List<Formula> formulas = new ArrayList<>();
        for (Segment segment : scan(markdown)) {
            if (segment.formula != null) {
                formulas.add(segment.formula);
            }
        }
        return formulas;
    }

    /** A piece of the source: either literal text or one formula. */
    private record Segment(String text, Formula formula, boolean restOfLineBlank) {
        static Segment text(String text) {
            return new Segment(text, null, false);
        }
    }

    private static List<Segment> scan(String src) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            boolean atLineStart = i == 0 || src.charAt(i - 1) == '\n';
            if (atLineStart) {
                int fenceEnd = fencedBlockEnd(src, i);
                if (fenceEnd > i) {
                    line += count(src, i, fenceEnd, '\n');
                    text.append(src, i, fenceEnd);
                    i = fenceEnd;
                    continue;
                }
            }
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (src.charAt(i + 1) == '\n') {
                    line++;
                }
                text.append(src, i, i + 2);
                i += 2;
            } else if (c == '`') {
                int end = codeSpanEnd(src, i);
                line += count(src, i, end, '\n');
                text.append(src, i, end);
                i = end;
            } else if (c == '$' && i + 1 < n && src.charAt(i + 1) == '$') {
                int close = findDisplayClose(src, i + 2);
                String latex = close < 0 ? "" : dequote(src, i, src.substring(i + 2, close)).strip();
                if (latex.isEmpty()) {
                    text.append("$$");
                    i += 2;
                    continue;
                }
                int after = close + 2;
                int lineEnd = lineEnd(src, after);
                boolean restBlank = src.substring(after, lineEnd).isBlank();
                after = restBlank ? Math.min(lineEnd + 1, n) : skipBlanks(src, after);
                flush(segments, text);
                segments.add(new Segment(null, new Formula(latex, true, line), restBlank));
                line += count(src, i, after, '\n');
                i = after;
            } else if (c == '$') {
                int close = findInlineClose(src, i + 1);
                if (close < 0) {
                    text.append(c);
                    i++;
                    continue;
                }
                flush(segments, text);
                String latex = dequote(src, i, src.substring(i + 1, close));
                segments.add(new Segment(null, new Formula(latex, false, line), false));
                line += count(src, i, close, '\n');
                i = close + 1;
            } else {
                if (c == '\n') {
                    line++;
                }
                text.append(c);
                i++;
            }
        }
        flush(segments, text);
        return segments;
    }

    private static void flush(List<Segment> segments, StringBuilder text) {
        if (!text.isEmpty()) {
            segments.add(Segment.text(text.toString()));
            text.setLength(0);
        }
    }

    /** If a fenced code block opens at {@code start}, the index just past it, else {@code start}. */
    private static int fencedBlockEnd(String src, int start) {
        int lineEnd = lineEnd(src, start);
        Matcher open = FENCE_OPEN.matcher(src.substring(start, lineEnd));
        if (!open.matches()) {
            return start;
        }
        String fence = open.group(1);
        if (fence.charAt(0) == '`' && open.group(2).indexOf('`') >= 0) {
            return start;
        }
        Pattern closing = Pattern.compile("^[ \\t>]*" + Pattern.quote(fence.substring(0, 1))
                + "{" + fence.length() + ",}[ \\t]*$");
        int pos = Math.min(lineEnd + 1, src.length());
        while (pos < src.length()) {
            int end = lineEnd(src, pos);
            if (closing.matcher(src.substring(pos, end)).matches()) {
                return Math.min(end + 1, src.length());
            }
            pos = end + 1;
        }
        return src.length();
    }

    /** Index just past the code span that starts at {@code start}, or past its backticks if unclosed. */
    private static int codeSpanEnd(String src, int start) {
        int runEnd = start;
        while (runEnd < src.length() && src.charAt(runEnd) == '`') {
            runEnd++;
        }
        int runLength = runEnd - start;
        int i = runEnd;
        while (i < src.length()) {
            if (src.charAt(i) != '`') {
                i++;
                continue;
            }
            int j = i;
            while (j < src.length() && src.charAt(j) == '`') {
                j++;
            }
            if (j - i == runLength) {
                return j;
            }
            i = j;
        }
        return runEnd;
    }

    private static int findDisplayClose(String src, int from) {
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\n' && isBlankLineAfter(src, i)) {
                return -1;
            } else if (c == '$' && i + 1 < src.length() && src.charAt(i + 1) == '$') {
                return i;
            }
        }
        return -1;
    }

    private static int findInlineClose(String src, int from) {
        if (from >= src.length() || Character.isWhitespace(src.charAt(from))) {
            return -1;
        }
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\n' && isBlankLineAfter(src, i)) {
                return -1;
            } else if (c == '$' && i + 1 < src.length() && src.charAt(i + 1) == '$') {
                i++;
            } else if (c == '$') {
                boolean spaceBefore = Character.isWhitespace(src.charAt(i - 1));
                boolean digitAfter = i + 1 < src.length() && Character.isDigit(src.charAt(i + 1));
                if (!spaceBefore && !digitAfter) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * A formula spanning lines of a block quote carries the quote markers of its later lines;
     * drops them when the line the formula starts on is quoted.
     */
    private static String dequote(String src, int formulaStart, String latex) {
        int lineStart = src.lastIndexOf('\n', formulaStart - 1) + 1;
        Matcher prefix = CONTAINER_PREFIX.matcher(src.substring(lineStart, formulaStart));
        if (!prefix.find() || prefix.group().indexOf('>') < 0) {
            return latex;
        }
        return latex.replaceAll("\n[ \\t]*>[ \\t>]*", "\n");
    }

    private static int skipBlanks(String src, int from) {
        int i = from;
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Whether the line after the newline at {@code newline} is blank (or the text ends). */
    private static boolean isBlankLineAfter(String src, int newline) {
        return src.substring(newline + 1, lineEnd(src, newline + 1)).isBlank();
    }

    private static int lineEnd(String src, int from) {
        int end = src.indexOf('\n', from);
        return end < 0 ? src.length() : end;
    }

    private static int count(String s, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                k++;
            }
        }
        return k;
    }

    private static void appendInline(StringBuilder out, String latex) {
        String ticks = "`".repeat(longestBacktickRun(latex) + 1);
        // CommonMark strips one space from each end of a code span, which lets it end in a backtick
        String pad = latex.endsWith("`") ? " " : "";
        out.append(ticks).append(pad).append(INLINE_MARK).append(latex).append(pad).append(ticks);
    }

    /**
     * Appends a fenced block on lines of its own. The fence lines repeat the container prefix of
     * the line the formula started on (as spaces, keeping {@code >}), so a formula in a list item
     * or block quote stays inside it.
     */
    private static void appendDisplay(StringBuilder out, String latex, boolean restOfLineBlank) {
        int lineStart = out.lastIndexOf("\n") + 1;
        String current = out.substring(lineStart);
        Matcher m = CONTAINER_PREFIX.matcher(current);
        m.find();
        String prefix = m.group().replaceAll("[^>]", " ");
        if (m.end() < current.length()) {
            out.append('\n').append(prefix);
        }
        String fence = "`".repeat(Math.max(3, longestBacktickRun(latex) + 1));
        out.append(fence).append(DISPLAY_INFO).append('\n');
        for (String latexLine : latex.split("\n")) {
            if (!latexLine.isBlank()) {
                out.append(prefix).append(latexLine.strip()).append('\n');
            }
        }
        out.append(prefix).append(fence);
        // what followed the closing $$ on its line continues on a line of its own
        out.append('\n');
        if (!restOfLineBlank) {
            out.append(prefix);
        }
    }

    private static int longestBacktickRun(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
