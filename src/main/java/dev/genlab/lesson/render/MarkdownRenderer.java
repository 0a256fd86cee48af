package dev.genlab.lesson.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import dev.genlab.plot.FigureColour;

/**
 * Renders lesson Markdown with {@code $inline$} and {@code $$display$$} math (see
 * {@link MathSyntax}) into native JavaFX nodes: paragraphs are {@link TextFlow}s that wrap to the
 * available width, formulas are images from a {@link MathRenderer}.
 *
 * <p>Every block carries a style class for the app's CSS: {@code md-doc} (the returned box),
 * {@code md-paragraph}, {@code md-heading-1} to {@code md-heading-3} (deeper levels look like 3),
 * {@code md-code-block},
 * {@code md-list}, {@code md-list-item}, {@code md-quote}, {@code md-rule},
 * {@code md-math-display}; inline: {@code md-math-inline}, {@code md-code}, {@code md-link},
 * {@code md-math-error}, {@code md-colour-swatch} (before a colour's name, see {@link ColourSyntax}),
 * {@code md-colour-error}. Font size, weight and posture are set as inline styles from
 * {@link RenderOptions#fontSize()}, so no stylesheet changes them; the font family is inherited
 * from the app's CSS on the root. Fonts therefore take effect once the box is in a scene.
 */
public final class MarkdownRenderer {

    /** A **bold** pair CommonMark left as text (see InlineBuilder's Text visit): no asterisk or line inside. */
    private static final java.util.regex.Pattern LEFT_STRONG = java.util.regex.Pattern.compile("\\*\\*([^*\\n]+?)\\*\\*");

    private static final double[] HEADING_SCALE = {1.6, 1.3, 1.12};
    private static final String[] BULLETS = {"\u2022", "\u25E6", "\u25AA"};
    private static final Color ERROR_COLOR = Color.web("#d32f2f");
    /**
     * Computer Modern has a small x-height (0.43 em) beside sans-serif UI fonts (about 0.53 em);
     * formulas are set this much larger than the text so that inline math matches it.
     */
    private static final double MATH_SIZE_FACTOR = 1.2;

    private final MathRenderer math;
    private final Parser parser = Parser.builder().build();

    /** A renderer that draws formulas with {@code math} (and shares its cache). */
    public MarkdownRenderer(MathRenderer math) {
        this.math = math;
    }

    /**
     * Renders {@code markdown} into a new box with style class {@code md-doc}. Must be called on
     * the FX application thread. Never throws on bad input: a formula JLaTeXMath rejects, or a
     * colour placeholder whose key {@link RenderOptions#colours()} lacks, shows as its source in red
     * monospace, with the reason as a tooltip.
     */
    public VBox render(String markdown, RenderOptions options) {
        org.commonmark.node.Node document = parser.parse(MathSyntax.toCommonMark(markdown == null ? "" : markdown));
        BlockBuilder builder = new BlockBuilder(options);
        List<Node> blocks = options.presenter() ? builder.presenterBlocks(document) : builder.blocks(document, 0);
        VBox doc = new VBox(options.fontSize() * 0.6);
        doc.getStyleClass().add("md-doc");
        doc.getChildren().setAll(blocks);
        return doc;
    }

    /** Builds the block nodes of one rendering. */
    private final class BlockBuilder {

        private final RenderOptions options;
        private final double size;

        BlockBuilder(RenderOptions options) {
            this.options = options;
            this.size = options.fontSize();
        }

        List<Node> blocks(org.commonmark.node.Node parent, int listDepth) {
            List<Node> nodes = new ArrayList<>();
            for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                Node node = block(child, listDepth);
                if (node != null) {
                    nodes.add(node);
                }
            }
            return nodes;
        }

        /** Headings and display formulas anywhere in the document; a math-only paragraph counts as display. */
        List<Node> presenterBlocks(org.commonmark.node.Node parent) {
            List<Node> nodes = new ArrayList<>();
            for (org.commonmark.node.Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Heading || isDisplayMath(child)) {
                    nodes.add(block(child, 0));
                } else if (child instanceof Paragraph paragraph) {
                    String latex = inlineMathOnly(paragraph);
                    if (latex != null) {
                        nodes.add(displayMath(latex));
                    }
                } else {
                    nodes.addAll(presenterBlocks(child));
                }
            }
            return nodes;
        }

        private Node block(org.commonmark.node.Node node, int listDepth) {
            if (node instanceof Paragraph) {
                return flow(node, "md-paragraph", size, false);
            } else if (node instanceof Heading heading) {
                int level = Math.min(heading.getLevel(), HEADING_SCALE.length);
                return flow(node, "md-heading-" + level, size * HEADING_SCALE[level - 1], true);
            } else if (isDisplayMath(node)) {
                return displayMath(((FencedCodeBlock) node).getLiteral().strip());
            } else if (node instanceof FencedCodeBlock code) {
                return codeBlock(code.getLiteral());
            } else if (node instanceof IndentedCodeBlock code) {
                return codeBlock(code.getLiteral());
            } else if (node instanceof ListBlock list) {
                return list(list, listDepth);
            } else if (node instanceof BlockQuote) {
                return quote(node, listDepth);
            } else if (node instanceof ThematicBreak) {
                Separator rule = new Separator();
                rule.getStyleClass().add("md-rule");
                return rule;
            } else if (node instanceof HtmlBlock html) {
                TextFlow flow = styledFlow("md-paragraph");
                flow.getChildren().add(text(html.getLiteral().strip(), TextStyle.monospace(size * 0.9)));
                return flow;
            }
            return null; // link reference definitions and unknown custom blocks show nothing
        }

        private TextFlow flow(org.commonmark.node.Node block, String styleClass, double fontSize, boolean bold) {
            TextFlow flow = styledFlow(styleClass);
            block.accept(new InlineBuilder(flow.getChildren(), fontSize, bold));
            return flow;
        }

        private TextFlow styledFlow(String styleClass) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add(styleClass);
            flow.setMinWidth(0);
            return flow;
        }

        private Node displayMath(String latex) {
            HBox box = new HBox();
            box.getStyleClass().add("md-math-display");
            box.setAlignment(Pos.CENTER);
            box.setMinWidth(0);
            try {
                MathImage image = math.render(latex, true, size * MATH_SIZE_FACTOR, options.textColor(), options.outputScale());
                ImageView view = imageView(image);
                // a formula wider than the column shrinks to fit instead of widening the page
                view.setPreserveRatio(true);
                view.fitWidthProperty().bind(Bindings.createDoubleBinding(() -> {
                    double available = box.getWidth() - box.snappedLeftInset() - box.snappedRightInset();
                    return available > 0 ? Math.min(available, image.width()) : image.width();
                }, box.widthProperty()));
                box.getChildren().add(view);
            } catch (MathException e) {
                box.getChildren().add(sourceError("$$" + latex + "$$", e.getMessage(), "md-math-error"));
            }
            return box;
        }

        private Node codeBlock(String literal) {
            Text code = text(stripTrailingNewline(literal), TextStyle.monospace(size * 0.9));
            TextFlow flow = styledFlow("md-code-block");
            flow.getChildren().add(code);
            flow.setPadding(new Insets(size * 0.5, size * 0.75, size * 0.5, size * 0.75));
            flow.setBackground(subtleBackground(4));
            return flow;
        }

        private Node list(ListBlock list, int depth) {
            VBox box = new VBox(list.isTight() ? size * 0.2 : size * 0.5);
            box.getStyleClass().add("md-list");
            int number = list instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                    ? ordered.getMarkerStartNumber() : 1;
            String delimiter = list instanceof OrderedList ordered && ordered.getMarkerDelimiter() != null
                    ? ordered.getMarkerDelimiter() : ".";
            for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem)) {
                    continue;
                }
                String marker = list instanceof OrderedList ? (number++) + delimiter : BULLETS[depth % BULLETS.length];
                Text markerText = text(marker, TextStyle.of(size));
                markerText.getStyleClass().add("md-list-marker");
                TextFlow markerFlow = new TextFlow(markerText);
                markerFlow.setMinWidth(size * (list instanceof OrderedList ? 1.7 : 1.3));
                markerFlow.setPrefWidth(markerFlow.getMinWidth());

                VBox content = new VBox(size * 0.3);
                content.setMinWidth(0);
                content.getChildren().setAll(blocks(item, depth + 1));
                HBox.setHgrow(content, Priority.ALWAYS);

                HBox row = new HBox(markerFlow, content);
                row.getStyleClass().add("md-list-item");
                box.getChildren().add(row);
            }
            return box;
        }

        private Node quote(org.commonmark.node.Node quote, int listDepth) {
            VBox box = new VBox(size * 0.4);
            box.getStyleClass().add("md-quote");
            box.getChildren().setAll(blocks(quote, listDepth));
            box.setPadding(new Insets(size * 0.2, 0, size * 0.2, size * 0.8));
            box.setBorder(new Border(new BorderStroke(options.textColor().deriveColor(0, 1, 1, 0.35),
                    BorderStrokeStyle.SOLID, CornerRadii.EMPTY, new BorderWidths(0, 0, 0, Math.max(2, size / 6)))));
            return box;
        }

        private ImageView imageView(MathImage image) {
            ImageView view = new ImageView(image.image());
            view.setFitWidth(image.width());
            view.setFitHeight(image.height());
            view.setSmooth(true);
            return view;
        }

        private Label sourceError(String source, String message, String styleClass) {
            Label label = new Label(source);
            label.getStyleClass().add(styleClass);
            TextStyle.monospace(size * 0.9).applyTo(label);
            label.setTextFill(ERROR_COLOR);
            label.setTooltip(new Tooltip(message));
            return label;
        }

        private Text text(String content, TextStyle style) {
            Text text = new Text(content);
            style.applyTo(text);
            text.setFill(options.textColor());
            return text;
        }

        private Background subtleBackground(double radius) {
            return new Background(new BackgroundFill(options.textColor().deriveColor(0, 1, 1, 0.08),
                    new CornerRadii(radius), Insets.EMPTY));
        }

        /** Turns inline Markdown into nodes of a TextFlow. */
        private final class InlineBuilder extends AbstractVisitor {

            private final List<Node> out;
            private final double fontSize;
            private boolean bold;
            private boolean italic;

            InlineBuilder(List<Node> out, double fontSize, boolean bold) {
                this.out = out;
                this.fontSize = fontSize;
                this.bold = bold;
            }

            @Override
            public void visit(org.commonmark.node.Text text) {
                // CommonMark closes ** only where it is "right-flanking": a ** after punctuation must be followed by
                // a space or punctuation, so Korean's "**아핀 커플링 (RealNVP)**으로" (a particle straight after the
                // label's parenthesis) stays literal text with its asterisks. Such pairs left in a text are bold here.
                String literal = text.getLiteral();
                Matcher strong = LEFT_STRONG.matcher(literal);
                int from = 0;
                while (strong.find()) {
                    if (strong.start() > from) {
                        plain(literal.substring(from, strong.start()));
                    }
                    boolean was = bold;
                    bold = true;
                    plain(strong.group(1));
                    bold = was;
                    from = strong.end();
                }
                if (from == 0 || from < literal.length()) {
                    plain(literal.substring(from));
                }
            }

            /** Text with its colour placeholders as swatches. */
            private void plain(String literal) {
                Matcher placeholder = ColourSyntax.PLACEHOLDER.matcher(literal);
                int from = 0;
                while (placeholder.find()) {
                    if (placeholder.start() > from) {
                        out.add(styled(literal.substring(from, placeholder.start())));
                    }
                    colour(placeholder.group(1), placeholder.group());
                    from = placeholder.end();
                }
                if (from == 0 || from < literal.length()) {
                    out.add(styled(literal.substring(from)));
                }
            }

            /** A figure colour's swatch and its name in the text's language, or the placeholder as an error. */
            private void colour(String key, String source) {
                FigureColour colour = options.colours().get(key);
                if (colour == null) {
                    List<String> known = options.colours().keySet().stream().sorted().toList();
                    out.add(sourceError(source, "unknown colour '" + key + "' (known: "
                            + (known.isEmpty() ? "none" : String.join(", ", known)) + ")", "md-colour-error"));
                    return;
                }
                out.add(new Swatch(colour.color(), options.textColor(), fontSize));
                out.add(styled(colour.label(options.language())));
            }

            @Override
            public void visit(Emphasis emphasis) {
                boolean was = italic;
                italic = true;
                visitChildren(emphasis);
                italic = was;
            }

            @Override
            public void visit(StrongEmphasis strong) {
                boolean was = bold;
                bold = true;
                visitChildren(strong);
                bold = was;
            }

            @Override
            public void visit(Code code) {
                String literal = code.getLiteral();
                if (!literal.isEmpty() && literal.charAt(0) == MathSyntax.INLINE_MARK) {
                    out.add(inlineMath(literal.substring(1)));
                } else {
                    Label label = new Label(literal);
                    label.getStyleClass().add("md-code");
                    TextStyle.monospace(fontSize * 0.9).applyTo(label);
                    label.setTextFill(options.textColor());
                    label.setPadding(new Insets(0, fontSize * 0.2, 0, fontSize * 0.2));
                    label.setBackground(subtleBackground(3));
                    out.add(label);
                }
            }

            @Override
            public void visit(Link link) {
                Hyperlink hyperlink = new Hyperlink(plainText(link));
                hyperlink.getStyleClass().add("md-link");
                style().applyTo(hyperlink);
                hyperlink.setTextFill(options.accentColor());
                hyperlink.setPadding(Insets.EMPTY);
                hyperlink.setBorder(Border.EMPTY);
                String url = link.getDestination();
                hyperlink.setOnAction(e -> options.linkHandler().accept(url));
                if (link.getTitle() != null && !link.getTitle().isBlank()) {
                    hyperlink.setTooltip(new Tooltip(link.getTitle()));
                }
                out.add(hyperlink);
            }

            @Override
            public void visit(Image image) {
                boolean was = italic;
                italic = true;
                out.add(styled(plainText(image)));
                italic = was;
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                out.add(styled(" "));
            }

            @Override
            public void visit(HardLineBreak hardLineBreak) {
                out.add(styled("\n"));
            }

            @Override
            public void visit(HtmlInline html) {
                out.add(styled(html.getLiteral()));
            }

            private Node inlineMath(String latex) {
                try {
                    MathImage image = math.render(latex, false, fontSize * MATH_SIZE_FACTOR, options.textColor(), options.outputScale());
                    return new InlineMath(imageView(image), image);
                } catch (MathException e) {
                    return sourceError("$" + latex + "$", e.getMessage(), "md-math-error");
                }
            }

            private Text styled(String content) {
                return text(content, style());
            }

            private TextStyle style() {
                return TextStyle.of(fontSize).withBold(bold).withItalic(italic);
            }
        }
    }

    /**
     * An inline formula. TextFlow sits an embedded node on the baseline by its baseline offset;
     * an ImageView's is its full height, so the formula's depth is reported here instead.
     */
    private static final class InlineMath extends Region {

        private final double ascent;

        InlineMath(ImageView view, MathImage image) {
            getStyleClass().add("md-math-inline");
            getChildren().add(view);
            ascent = image.ascent();
            setMinSize(image.width(), image.height());
            setPrefSize(image.width(), image.height());
            setMaxSize(image.width(), image.height());
        }

        @Override
        public double getBaselineOffset() {
            return ascent;
        }
    }

    /**
     * A square of a figure colour, about a capital letter high, sitting on the baseline like one,
     * with a thin outline so that a pale colour shows on a pale page and a gap before the name that
     * follows. Like {@link InlineMath} it reports its baseline, here its bottom: a TextFlow given a
     * node's default instead makes the line taller.
     */
    private static final class Swatch extends Region {

        private final double side;

        Swatch(Color fill, Color textColor, double fontSize) {
            getStyleClass().add("md-colour-swatch");
            side = Math.round(fontSize * 0.7);
            double gap = Math.round(fontSize * 0.25);
            Insets square = new Insets(0, gap, 0, 0);
            CornerRadii corners = new CornerRadii(Math.max(1, side / 8));
            setBackground(new Background(new BackgroundFill(fill, corners, square)));
            setBorder(new Border(new BorderStroke(textColor.deriveColor(0, 1, 1, 0.45), BorderStrokeStyle.SOLID,
                    corners, new BorderWidths(1), square)));
            setMinSize(side + gap, side);
            setPrefSize(side + gap, side);
            setMaxSize(side + gap, side);
        }

        @Override
        public double getBaselineOffset() {
            return side;
        }
    }

    private static boolean isDisplayMath(org.commonmark.node.Node node) {
        return node instanceof FencedCodeBlock code && MathSyntax.DISPLAY_INFO.equals(code.getInfo());
    }

    /** The LaTeX of a paragraph made of inline formulas and blanks only, joined; else null. */
    private static String inlineMathOnly(Paragraph paragraph) {
        StringBuilder latex = new StringBuilder();
        for (org.commonmark.node.Node child = paragraph.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Code code && code.getLiteral().startsWith(String.valueOf(MathSyntax.INLINE_MARK))) {
                latex.append(latex.isEmpty() ? "" : " \\quad ").append(code.getLiteral().substring(1));
            } else if (!(child instanceof SoftLineBreak || child instanceof HardLineBreak
                    || child instanceof org.commonmark.node.Text text && text.getLiteral().isBlank())) {
                return null;
            }
        }
        return latex.isEmpty() ? null : latex.toString();
    }

    private static String plainText(org.commonmark.node.Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                String literal = code.getLiteral();
                sb.append(!literal.isEmpty() && literal.charAt(0) == MathSyntax.INLINE_MARK ? literal.substring(1) : literal);
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                sb.append(' ');
            }
        });
        return sb.toString();
    }

    private static String stripTrailingNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
