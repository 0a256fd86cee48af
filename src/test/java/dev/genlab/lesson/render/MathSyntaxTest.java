package dev.genlab.lesson.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.lesson.render.MathSyntax.Formula;
import java.util.List;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class MathSyntaxTest {

    private static final String M = String.valueOf(MathSyntax.INLINE_MARK);

    @Test
    void inlineMathBecomesMarkedCodeSpan() {
        assertEquals("Let `" + M + "x_1` be given.", MathSyntax.toCommonMark("Let $x_1$ be given."));
        assertEquals(List.of(new Formula("x_1", false, 1)), MathSyntax.formulas("Let $x_1$ be given."));
    }

    @Test
    void displayMathAcrossLinesBecomesMathFence() {
        String md = "Before\n$$\n\\sum_i a_i\n  = b\n$$\nAfter";
        String cm = MathSyntax.toCommonMark(md);
        assertEquals("Before\n```math\n\\sum_i a_i\n= b\n```\nAfter", cm);
        assertEquals(List.of(new Formula("\\sum_i a_i\n  = b", true, 2)), MathSyntax.formulas(md));

        FencedCodeBlock fence = first(parse(cm), FencedCodeBlock.class);
        assertEquals("math", fence.getInfo());
        assertEquals("\\sum_i a_i\n= b\n", fence.getLiteral());
    }

    @Test
    void displayMathInsideTextLineGetsLinesOfItsOwn() {
        String cm = MathSyntax.toCommonMark("so $$a*b*c$$ holds");
        assertEquals("so \n```math\na*b*c\n```\nholds", cm);
        assertEquals("a*b*c\n", first(parse(cm), FencedCodeBlock.class).getLiteral());
    }

    @Test
    void displayMathInListItemStaysInTheItem() {
        String cm = MathSyntax.toCommonMark("- first\n- $$x^2$$\n- third\n");
        Node doc = parse(cm);
        FencedCodeBlock fence = first(doc, FencedCodeBlock.class);
        assertTrue(fence.getParent() instanceof ListItem, cm);
        assertEquals("x^2\n", fence.getLiteral());
    }

    @Test
    void escapedDollarStaysLiteral() {
        String md = "It costs \\$5 and \\$6.";
        assertEquals(md, MathSyntax.toCommonMark(md));
        assertTrue(MathSyntax.formulas(md).isEmpty());
    }

    @Test
    void dollarsInCodeSpansAndFencesAreUntouched() {
        String md = "Run `echo $HOME $PATH` now.\n\n```bash\necho $a $b\n$$x$$\n```\n\n~~~\n$y$\n~~~\nand $z$";
        String cm = MathSyntax.toCommonMark(md);
        assertEquals(md.replace("$z$", "`" + M + "z`"), cm);
        assertEquals(List.of(new Formula("z", false, 11)), MathSyntax.formulas(md));
    }

    @Test
    void underscoresAndAsterisksSurviveCommonMark() {
        String md = "Here $a_1 * b_2 * c_3$ and $x_i$ and $y_i$.";
        Node doc = parse(MathSyntax.toCommonMark(md));
        assertEquals(null, firstOrNull(doc, Emphasis.class));
        assertEquals(M + "a_1 * b_2 * c_3", first(doc, Code.class).getLiteral());
    }

    @Test
    void backticksInFormulaGetLongerFence() {
        String cm = MathSyntax.toCommonMark("$a`b``c$");
        assertEquals("```" + M + "a`b``c```", cm);
        assertEquals(M + "a`b``c", first(parse(cm), Code.class).getLiteral());
    }

    @Test
    void lineNumbersAreOneBasedAndCountMultilineFormulas() {
        String md = "# Title\n\nText $a$ and $b$.\n\n$$\nc\n$$\n\n```\n$not$\n```\nLast $d\ne$ end $f$";
        List<Formula> formulas = MathSyntax.formulas(md);
        assertEquals(List.of(
                new Formula("a", false, 3),
                new Formula("b", false, 3),
                new Formula("c", true, 5),
                new Formula("d\ne", false, 12),
                new Formula("f", false, 13)), formulas);
    }

    @Test
    void unterminatedDollarIsText() {
        assertEquals("Price $5 today", MathSyntax.toCommonMark("Price $5 today"));
        assertEquals("from $5 to $10", MathSyntax.toCommonMark("from $5 to $10"));
        assertEquals("$$ never closed", MathSyntax.toCommonMark("$$ never closed"));
        assertEquals("a $b\n\nc$ d", MathSyntax.toCommonMark("a $b\n\nc$ d"));
        assertTrue(MathSyntax.formulas("Price $5 today, $$ open").isEmpty());
    }

    @Test
    void displayMathInBlockQuoteStaysInTheQuote() {
        String cm = MathSyntax.toCommonMark("> Quote\n> $$\n> a_1\n> $$\n");
        FencedCodeBlock fence = first(parse(cm), FencedCodeBlock.class);
        assertEquals("a_1\n", fence.getLiteral());
        assertFalse(fence.getParent() instanceof org.commonmark.node.Document, cm);
        assertEquals(List.of(new Formula("a_1", true, 2)), MathSyntax.formulas("> Quote\n> $$\n> a_1\n> $$\n"));
    }

    private static Node parse(String commonMark) {
        return Parser.builder().build().parse(commonMark);
    }

    private static <T extends Node> T first(Node root, Class<T> type) {
        T found = firstOrNull(root, type);
        assertTrue(found != null, "no " + type.getSimpleName());
        return found;
    }

    /** Depth-first, document order. */
    private static <T extends Node> T firstOrNull(Node root, Class<T> type) {
        for (Node child = root.getFirstChild(); child != null; child = child.getNext()) {
            T found = type.isInstance(child) ? type.cast(child) : firstOrNull(child, type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
