package dev.genlab.lesson.render;

import static dev.genlab.lesson.render.FxTestSupport.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.genlab.plot.FigureColour;

class MarkdownRendererTest {

    private static final MarkdownRenderer RENDERER = new MarkdownRenderer(new MathRenderer());

    private final List<String> clickedLinks = new ArrayList<>();

    @BeforeAll
    static void startFx() throws Exception {
        FxTestSupport.startToolkit();
    }

    @Test
    void boldAndItalicGiveStyledTextNodes() throws Exception {
        VBox doc = onFx(() -> layOut(RENDERER.render("Plain **strong** and *soft* and ***both***.", options(false)), 400));

        assertTrue(doc.getStyleClass().contains("md-doc"));
        TextFlow paragraph = (TextFlow) doc.getChildren().get(0);
        assertTrue(paragraph.getStyleClass().contains("md-paragraph"));
        assertEquals("Plain strong and soft and both.", flowText(paragraph));
        assertTrue(text(doc, "strong").getFont().getStyle().toLowerCase().contains("bold"));
        assertTrue(text(doc, "soft").getFont().getStyle().toLowerCase().contains("italic"));
        String both = text(doc, "both").getFont().getStyle().toLowerCase();
        assertTrue(both.contains("bold") && both.contains("italic"), both);
        assertFalse(text(doc, "Plain ").getFont().getStyle().toLowerCase().contains("bold"));
        assertEquals(15, text(doc, "Plain ").getFont().getSize(), 1e-9);
    }

    @Test
    void boldEndingInPunctuationBeforeAKoreanParticleIsBoldToo() throws Exception {
        // CommonMark leaves these ** as text (not right-flanking); the lessons' Korean writes them often
        VBox doc = onFx(() -> layOut(RENDERER.render("이제 **층 종류**를 **아핀 커플링 (RealNVP)**으로 바꾸세요.",
                options(false)), 400));
        TextFlow paragraph = (TextFlow) doc.getChildren().get(0);
        assertEquals("이제 층 종류를 아핀 커플링 (RealNVP)으로 바꾸세요.", flowText(paragraph));
        assertTrue(text(doc, "아핀 커플링 (RealNVP)").getFont().getStyle().toLowerCase().contains("bold"));
        assertTrue(text(doc, "층 종류").getFont().getStyle().toLowerCase().contains("bold"));
        assertFalse(text(doc, "으로 바꾸세요.").getFont().getStyle().toLowerCase().contains("bold"));
    }

    @Test
    void fontFamilyComesFromTheAppCssAndSizeFromTheOptions() throws Exception {
        // given an app that sets a family and a different size on the root
        Text bold = onFx(() -> {
            VBox doc = RENDERER.render("Plain **bold**", options(false));
            StackPane root = new StackPane(doc);
            root.setStyle("-fx-font-family: \"Monospaced\"; -fx-font-size: 30px;");
            new Scene(root, 300, 100);
            root.applyCss();
            return text(doc, "bold");
        });
        // then the text takes the family, but size and weight from the renderer
        assertEquals("Monospaced", bold.getFont().getFamily());
        assertEquals(15, bold.getFont().getSize(), 1e-9);
        assertTrue(bold.getFont().getStyle().toLowerCase().contains("bold"));
    }

    @Test
    void softBreakIsASpaceAndHardBreakANewLine() throws Exception {
        VBox doc = onFx(() -> RENDERER.render("one\ntwo  \nthree\\\n넷", options(false)));
        assertEquals("one two\nthree\n넷", flowText((TextFlow) doc.getChildren().get(0)));
    }

    @Test
    void headingsCodeQuoteAndRuleGetTheirStyleClasses() throws Exception {
        String md = "# One\n\n## Two\n\n### Three\n\nUse `x = 1` here.\n\n```python\nprint('$x$')\n```\n\n> quoted\n\n---\n";
        VBox doc = onFx(() -> layOut(RENDERER.render(md, options(false)), 400));

        assertEquals(List.of("md-heading-1", "md-heading-2", "md-heading-3", "md-paragraph",
                "md-code-block", "md-quote", "md-rule"), lastStyleClasses(doc));
        assertTrue(text(doc, "One").getFont().getSize() > text(doc, "Three").getFont().getSize());
        assertEquals("print('$x$')", flowText((TextFlow) doc.getChildren().get(4)));
        assertNotNull(find(doc, Label.class).filter(l -> l.getStyleClass().contains("md-code"))
                .filter(l -> l.getText().equals("x = 1")).findFirst().orElse(null));
    }

    @Test
    void listsGiveListNodesAndNest() throws Exception {
        String md = "- apple\n- banana\n  1. one\n  2. two\n- cherry\n";
        VBox doc = onFx(() -> RENDERER.render(md, options(false)));

        VBox list = (VBox) doc.getChildren().get(0);
        assertTrue(list.getStyleClass().contains("md-list"));
        assertEquals(3, list.getChildren().size());
        assertTrue(list.getChildren().stream().allMatch(n -> n.getStyleClass().contains("md-list-item")));
        List<VBox> lists = find(doc, VBox.class).filter(v -> v.getStyleClass().contains("md-list")).toList();
        assertEquals(2, lists.size(), "outer and nested list");
        assertEquals(2, lists.get(1).getChildren().size());
        assertNotNull(text(doc, "\u2022"));
        assertNotNull(text(doc, "2."));
    }

    @Test
    void linkCallsTheHandlerWhenFired() throws Exception {
        VBox doc = onFx(() -> RENDERER.render("See [the paper](https://arxiv.org/abs/1312.6114).", options(false)));

        Hyperlink link = find(doc, Hyperlink.class).findFirst().orElseThrow();
        assertEquals("the paper", link.getText());
        assertTrue(link.getStyleClass().contains("md-link"));
        onFx(() -> {
            link.fire();
            return null;
        });
        assertEquals(List.of("https://arxiv.org/abs/1312.6114"), clickedLinks);
    }

    @Test
    void badFormulaShowsItsSourceAndDoesNotThrow() throws Exception {
        VBox doc = onFx(() -> RENDERER.render("Good $x^2$, bad $\\nosuch{x}$.\n\n$$\\frac{a}{b$$", options(false)));

        List<Label> errors = find(doc, Label.class).filter(l -> l.getStyleClass().contains("md-math-error")).toList();
        assertEquals(2, errors.size());
        assertEquals("$\\nosuch{x}$", errors.get(0).getText());
        assertTrue(errors.get(0).getTooltip().getText().contains("nosuch"), errors.get(0).getTooltip().getText());
        assertEquals(Color.web("#d32f2f"), errors.get(0).getTextFill());
        assertEquals(1, find(doc, Node.class).filter(n -> n.getStyleClass().contains("md-math-inline")).count());
    }

    @Test
    void aColourPlaceholderShowsASwatchAndTheNameInTheTextsLanguage() throws Exception {
        Map<String, FigureColour> colours = Map.of("next-pixel", FigureColour.BLUE, "context", FigureColour.ORANGE);
        VBox en = onFx(() -> layOut(RENDERER.render("The **{colour:next-pixel}** square and the {colour:context} ones.",
                options(false).withColours(colours, Locale.ENGLISH)), 400));
        VBox ko = onFx(() -> layOut(RENDERER.render("{colour:next-pixel} 칸과 {colour:context} 칸, `{colour:context}`.",
                options(false).withColours(colours, Locale.KOREAN)), 400));

        assertEquals("The blue square and the orange ones.", flowText((TextFlow) en.getChildren().get(0)));
        assertTrue(text(en, "blue").getFont().getStyle().toLowerCase().contains("bold"), "the name takes the emphasis");
        assertEquals("파란색 칸과 주황색 칸, .", flowText((TextFlow) ko.getChildren().get(0)));
        assertTrue(find(ko, Label.class).anyMatch(l -> l.getText().equals("{colour:context}")), "a code span stays literal");
        List<Region> swatches = find(en, Region.class).filter(r -> r.getStyleClass().contains("md-colour-swatch")).toList();
        assertEquals(List.of(FigureColour.BLUE.color(), FigureColour.ORANGE.color()),
                swatches.stream().map(r -> r.getBackground().getFills().get(0).getFill()).toList());
        // each swatch comes just before its name and sits on the baseline like a letter
        List<Node> inline = ((TextFlow) en.getChildren().get(0)).getChildren();
        Text name = (Text) inline.get(inline.indexOf(swatches.get(1)) + 1);
        assertEquals("orange", name.getText());
        Region swatch = swatches.get(1);
        assertEquals(name.getLayoutY() + name.getBaselineOffset(), swatch.getLayoutY() + swatch.getHeight(), 1.0);
        // and leaves the line as tall as it was
        double plain = onFx(() -> layOut(RENDERER.render("The blue line", options(false)), 400).getHeight());
        double swatched = onFx(() -> layOut(RENDERER.render("The {colour:next-pixel} line",
                options(false).withColours(colours, Locale.ENGLISH)), 400).getHeight());
        assertEquals(plain, swatched, 0.5);
    }

    @Test
    void anUnknownColourShowsItsSourceAndDoesNotThrow() throws Exception {
        VBox doc = onFx(() -> RENDERER.render("The {colour:red} line.", options(false)
                .withColours(Map.of("path", FigureColour.VERMILION), Locale.ENGLISH)));

        Label error = find(doc, Label.class).filter(l -> l.getStyleClass().contains("md-colour-error")).findFirst().orElseThrow();
        assertEquals("{colour:red}", error.getText());
        assertEquals("unknown colour 'red' (known: path)", error.getTooltip().getText());
        assertEquals("The  line.", flowText((TextFlow) doc.getChildren().get(0)));
    }

    @Test
    void presenterModeKeepsOnlyHeadingsAndFormulas() throws Exception {
        String md = "## Step 1\n\nSome explanation with $x$ inline.\n\n$$p(x) = \\int p(x|z) p(z) dz$$\n\n"
                + "- a list item\n\n$\\log p(x)$\n\n> $$\\mathrm{KL}(q\\|p)$$\n";
        VBox doc = onFx(() -> RENDERER.render(md, options(true)));

        assertEquals(List.of("md-heading-2", "md-math-display", "md-math-display", "md-math-display"),
                lastStyleClasses(doc));
        assertTrue(find(doc, Text.class).noneMatch(t -> t.getText().contains("explanation")));
    }

    @Test
    void inlineMathSitsOnTheBaselineAndTextWraps() throws Exception {
        String md = "The evidence lower bound $\\mathbb{E}_{q}[\\log p(x|z)] - \\mathrm{KL}(q\\|p)$ bounds "
                + "$\\log p(x)$ from below, for every choice of $q$ and every data point $x_i$.";
        VBox doc = onFx(() -> {
            VBox rendered = RENDERER.render(md, options(false));
            ScrollPane scroll = new ScrollPane(rendered);
            scroll.setFitToWidth(true);
            new Scene(scroll, 300, 400); // gives the controls their skins
            scroll.applyCss();
            scroll.layout();
            scroll.layout(); // the scroll pane sizes its content in a second pass
            return rendered;
        });

        TextFlow paragraph = (TextFlow) doc.getChildren().get(0);
        // the last formula and the full stop after it share a line
        List<Node> inline = paragraph.getChildren();
        Node math = inline.get(inline.size() - 2);
        Text stop = (Text) inline.get(inline.size() - 1);
        assertTrue(math.getStyleClass().contains("md-math-inline"));
        double textBaseline = stop.getLayoutY() + stop.getBaselineOffset();
        double mathBaseline = math.getLayoutY() + math.getBaselineOffset();
        assertEquals(textBaseline, mathBaseline, 1.0, "baseline of text and formula");
        assertTrue(paragraph.getHeight() > 3 * 15, "wrapped to several lines: " + paragraph.getHeight());
        assertTrue(paragraph.getWidth() <= 300, "width " + paragraph.getWidth());
    }

    @Test
    void wideDisplayFormulaShrinksToTheColumn() throws Exception {
        String md = "$$" + "a_1 + b_2 + c_3 + d_4 + ".repeat(12) + "z$$";
        VBox doc = onFx(() -> layOut(RENDERER.render(md, options(false)), 300));

        Node display = doc.getChildren().get(0);
        ImageView formula = find(doc, ImageView.class).findFirst().orElseThrow();
        assertTrue(formula.getImage().getWidth() > 600, "formula is wider than the column");
        assertTrue(display.getLayoutBounds().getWidth() <= 300, "box " + display.getLayoutBounds());
        assertTrue(formula.getBoundsInParent().getWidth() <= display.getLayoutBounds().getWidth() + 0.5,
                "formula " + formula.getBoundsInParent());
    }

    @Test
    void snapshotOfEnglishAndKoreanSampleHasInk() throws Exception {
        String md = """
                ## Variational autoencoder / 변분 오토인코더

                The encoder $q_\\phi(z|x)$ approximates the posterior, and we **maximise** the
                *evidence lower bound* so that $\\log p_\\theta(x) \\ge \\mathcal{L}$ for every $x$:

                $$\\mathcal{L}(\\theta,\\phi;x) = \\mathbb{E}_{q_\\phi(z|x)}\\left[\\log p_\\theta(x|z)\\right] - D_{\\mathrm{KL}}\\left(q_\\phi(z|x)\\,\\|\\,p(z)\\right)$$

                인코더 $q_\\phi(z|x)$는 사후 분포를 근사하고, 우리는 **증거 하한**을 최대화합니다. 따라서 모든 $x$에 대해 $\\log p_\\theta(x) \\ge \\mathcal{L}$ 입니다.

                The {colour:next} square is the next pixel, the {colour:context} ones its context.

                - a *bullet* with $\\sigma^2$ and `code`
                - 두 번째 항목, [link](https://example.org)
                  1. nested $\\frac{1}{2}$
                > A quote: $e^{i\\pi} + 1 = 0$, and a bad one $\\frac{a}{b$.
                """;
        // at twice the pixels, as on a HiDPI screen, to make the PNG easy to inspect
        RenderOptions hiDpi = new RenderOptions(15, Color.web("#202124"), Color.web("#1a73e8"), false, 2, clickedLinks::add)
                .withColours(Map.of("next", FigureColour.BLUE, "context", FigureColour.ORANGE), Locale.ENGLISH);
        WritableImage image = onFx(() -> {
            VBox doc = layOut(RENDERER.render(md, hiDpi), 440);
            SnapshotParameters params = new SnapshotParameters();
            params.setTransform(Transform.scale(2, 2));
            return doc.snapshot(params, null);
        });

        PixelReader pixels = image.getPixelReader();
        Color background = pixels.getColor(0, 0);
        int ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (!pixels.getColor(x, y).equals(background)) {
                    ink++;
                }
            }
        }
        assertTrue(ink > 5_000, "non-background pixels: " + ink);
        Path png = Path.of("target", "render-sample.png");
        Files.createDirectories(png.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
    }

    private RenderOptions options(boolean presenter) {
        return new RenderOptions(15, Color.web("#202124"), Color.web("#1a73e8"), presenter, 1, clickedLinks::add);
    }

    /** Puts {@code doc} in a white scene {@code width} pixels wide and lays it out. */
    private static VBox layOut(VBox doc, double width) {
        doc.setStyle("-fx-background-color: white; -fx-padding: 8;");
        new Scene(doc, width, 10); // gives the controls their skins
        doc.applyCss();
        doc.resize(width, doc.prefHeight(width));
        doc.layout();
        return doc;
    }

    private static List<String> lastStyleClasses(Parent root) {
        return root.getChildrenUnmodifiable().stream()
                .map(n -> n.getStyleClass().get(n.getStyleClass().size() - 1)).toList();
    }

    private static Text text(Parent root, String content) {
        return find(root, Text.class).filter(t -> t.getText().equals(content)).findFirst()
                .orElseThrow(() -> new AssertionError("no Text '" + content + "'"));
    }

    private static String flowText(TextFlow flow) {
        return flow.getChildren().stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                .collect(Collectors.joining());
    }

    private static <T extends Node> Stream<T> find(Parent root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found.stream();
    }

    private static <T extends Node> void collect(Parent parent, Class<T> type, List<T> found) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (type.isInstance(child)) {
                found.add(type.cast(child));
            }
            if (child instanceof Parent p) {
                collect(p, type, found);
            }
        }
    }
}
