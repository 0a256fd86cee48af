package dev.genlab.scene.gan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * Five small block diagrams of what the GAN's best-known descendants change in the game: DCGAN
 * (convolutional players), InfoGAN (a code c and a head Q that recovers it), CycleGAN (two generators
 * and a cycle back to x), StarGAN (one generator told the target domain, a domain head on D, a
 * reconstruction) and Progressive GAN (resolution grown block by block, each faded in with α).
 *
 * <p>Drawn with shapes and text nodes, no images: the diagrams sit in a 3 + 2 grid or in one row,
 * whichever lets the text be larger, and each lays its boxes out at fixed fractions of its own cell, so
 * the figure scales with the panel. Text size follows the plot theme (larger in presenter mode) and the
 * cell's size; where the boxes of some diagram would then overlap or leave no room for an arrow, the
 * text of all five shrinks until they do not, so the five keep one size. Colours: generators {@link #GENERATOR}, discriminators
 * {@link #DISCRIMINATOR} (the 1-D game's colours for the two sides), the added parts {@link #ADDED},
 * filled with a tint of the colour over the theme's panel so the theme's text stays readable on them in
 * light and dark. Labels come from
 * the bundles, keys {@code gan.desc.*}; the view relabels when the language changes.
 */
public final class DescendantsView extends Region {

    static final FigureColour GENERATOR = FigureColour.ORANGE;
    static final FigureColour DISCRIMINATOR = FigureColour.BLUE;
    static final FigureColour ADDED = FigureColour.VERMILION;
    static final FigureColour DATA = FigureColour.GREY;
    /** The least gap between two boxes, so that an arrow between them shows its head. */
    static final double MIN_ARROW = 12;

    /** The diagrams' ids, in order; each has bundle keys gan.desc.&lt;id&gt;.title and .caption. */
    static final List<String> IDS = List.of("dcgan", "infogan", "cyclegan", "stargan", "progan");

    /** What a box is: its colour. */
    enum Kind {
        GENERATOR, DISCRIMINATOR, ADDED, DATA
    }

    /**
     * A box centred at (u, v), fractions of the diagram's drawing area; its label is a bundle key
     * (starting "gan.desc.") or, for symbols that every language writes the same (z, x, G(z)), the text.
     */
    record Box(String id, String label, double u, double v, Kind kind) {
    }

    /** An arrow from box to box; dashed for a loss or a comparison rather than a data path. */
    record Arrow(String from, String to, boolean dashed) {
    }

    record Spec(String id, List<Box> boxes, List<Arrow> arrows) {
    }

    private static Box box(String id, String label, double u, double v, Kind kind) {
        return new Box(id, label, u, v, kind);
    }

    private static Arrow arrow(String from, String to) {
        return new Arrow(from, to, false);
    }

    private static Arrow dashed(String from, String to) {
        return new Arrow(from, to, true);
    }

    /** The five diagrams. Positions were chosen so that no arrow runs through a box. */
    static List<Spec> specs() {
        Kind g = Kind.GENERATOR;
        Kind d = Kind.DISCRIMINATOR;
        Kind a = Kind.ADDED;
        Kind x = Kind.DATA;
        return List.of(
                new Spec("dcgan", List.of(
                        box("z", "z", 0.08, 0.2, x),
                        box("g", "gan.desc.dcgan.g", 0.4, 0.2, g),
                        box("fake", "G(z)", 1.0, 0.2, x),
                        box("x", "x", 0.08, 0.8, x),
                        box("d", "gan.desc.dcgan.d", 0.55, 0.8, d),
                        box("out", "gan.desc.realFake", 1.0, 0.8, d)),
                        List.of(arrow("z", "g"), arrow("g", "fake"), arrow("fake", "d"), arrow("x", "d"),
                                arrow("d", "out"))),
                new Spec("infogan", List.of(
                        box("z", "z", 0.07, 0.1, x),
                        box("c", "gan.desc.infogan.code", 0.1, 0.45, a),
                        box("g", "G", 0.4, 0.27, g),
                        box("fake", "G(z, c)", 0.7, 0.27, x),
                        box("x", "x", 0.07, 0.88, x),
                        box("d", "D", 0.4, 0.88, d),
                        box("out", "gan.desc.realFake", 0.82, 0.88, d),
                        box("q", "gan.desc.infogan.q", 1.0, 0.6, a)),
                        List.of(arrow("z", "g"), arrow("c", "g"), arrow("g", "fake"), arrow("fake", "d"),
                                arrow("x", "d"), arrow("d", "out"), arrow("d", "q"), dashed("q", "c"))),
                new Spec("cyclegan", List.of(
                        box("x", "x", 0.07, 0.15, x),
                        box("g", "gan.desc.cyclegan.g", 0.4, 0.15, g),
                        box("gx", "G(x)", 0.8, 0.15, x),
                        box("dy", "D_Y", 0.8, 0.48, d),
                        box("f", "gan.desc.cyclegan.f", 0.4, 0.55, g),
                        box("xhat", "F(G(x))", 0.1, 0.88, x),
                        box("dx", "D_X", 0.72, 0.88, d)),
                        List.of(arrow("x", "g"), arrow("g", "gx"), arrow("gx", "dy"), arrow("gx", "f"),
                                arrow("f", "xhat"), arrow("f", "dx"), dashed("xhat", "x"))),
                new Spec("stargan", List.of(
                        box("c", "gan.desc.stargan.target", 0.4, 0.0, a),
                        box("x", "x", 0.0, 0.4, x),
                        box("g", "G", 0.4, 0.4, g),
                        box("fake", "G(x, c)", 1.0, 0.4, x),
                        box("d", "D", 1.0, 0.72, d),
                        box("out", "gan.desc.realFake", 0.68, 1.0, d),
                        box("cls", "gan.desc.stargan.domain", 1.0, 1.0, a),
                        box("rec", "gan.desc.stargan.rec", 0.05, 1.0, a)),
                        List.of(arrow("x", "g"), arrow("c", "g"), arrow("g", "fake"), arrow("fake", "d"),
                                arrow("d", "out"), arrow("d", "cls"), arrow("fake", "rec"), dashed("rec", "x"))),
                new Spec("progan", List.of(
                        box("g4", "G 4×4", 0.0, 0.12, g),
                        box("g8", "8×8", 0.3, 0.12, g),
                        box("gmore", "…", 0.58, 0.12, g),
                        box("g1024", "1024×1024", 1.0, 0.12, g),
                        box("fade", "gan.desc.progan.fade", 0.3, 0.5, a),
                        box("d1024", "1024×1024", 1.0, 0.88, d),
                        box("dmore", "…", 0.58, 0.88, d),
                        box("d8", "8×8", 0.3, 0.88, d),
                        box("d4", "D 4×4", 0.0, 0.88, d)),
                        List.of(arrow("g4", "g8"), arrow("g8", "gmore"), arrow("gmore", "g1024"),
                                arrow("g1024", "d1024"), arrow("d1024", "dmore"), arrow("dmore", "d8"),
                                arrow("d8", "d4"), dashed("fade", "g8"), dashed("fade", "d8"))));
    }

    /** The bundle keys the view uses: titles, captions and box labels. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Spec s : specs()) {
            keys.add("gan.desc." + s.id() + ".title");
            keys.add("gan.desc." + s.id() + ".caption");
            for (Box b : s.boxes()) {
                if (b.label().startsWith("gan.desc.") && !keys.contains(b.label())) {
                    keys.add(b.label());
                }
            }
        }
        return keys;
    }

    private final List<Diagram> diagrams = new ArrayList<>();
    private final Rectangle backdrop = new Rectangle();
    private final InvalidationListener themeListener = o -> restyle();
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> relabel());

    public DescendantsView() {
        setId("gan-descendants");
        getChildren().add(backdrop);
        for (Spec s : specs()) {
            Diagram d = new Diagram(s);
            diagrams.add(d);
            getChildren().add(d);
        }
        PlotTheme.currentProperty().addListener(new WeakInvalidationListener(themeListener));
        setMinSize(300, 200);
        relabel();
        restyle();
    }

    /** The diagrams, in the order of {@link #IDS} (tests read their boxes). */
    List<Diagram> diagrams() {
        return diagrams;
    }

    private void relabel() {
        diagrams.forEach(Diagram::relabel);
        requestLayout();
    }

    private void restyle() {
        backdrop.setFill(PlotTheme.current().background());
        requestLayout();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 450;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        backdrop.setWidth(w);
        backdrop.setHeight(h);
        String family = diagrams.get(0).inheritedFamily();
        diagrams.forEach(d -> d.family = family);
        // whichever of a 3 + 2 grid and one row of five lets the text be larger
        double grid = arrange(false);
        double row = arrange(true);
        double size = row > grid ? row : arrange(false);
        for (Diagram d : diagrams) {
            d.textSize = size;
            d.requestLayout();
        }
    }

    /**
     * Places the five cells in one row or in a 3 + 2 grid (the second row centred) and returns the one
     * text size for all five: the largest at which every diagram's boxes stay apart, starting from the
     * theme's size (larger in presenter mode) scaled with the cell, a 300 × 210 cell at 1.
     */
    private double arrange(boolean oneRow) {
        double w = getWidth();
        double h = getHeight();
        double gap = 8;
        double cw;
        double ch;
        if (oneRow) {
            cw = (w - gap * 6) / 5;
            ch = h - 2 * gap;
            for (int i = 0; i < 5; i++) {
                diagrams.get(i).resizeRelocate(gap + i * (cw + gap), gap, cw, ch);
            }
        } else {
            cw = (w - gap * 4) / 3;
            ch = (h - gap * 3) / 2;
            for (int i = 0; i < 5; i++) {
                int row = i / 3;
                int col = i % 3;
                double x = row == 0 ? gap + col * (cw + gap) : gap + (cw + gap) / 2 + col * (cw + gap);
                diagrams.get(i).resizeRelocate(x, gap + row * (ch + gap), cw, ch);
            }
        }
        PlotTheme theme = PlotTheme.current();
        double scale = Math.max(0.8, Math.min(1.6, Math.min(cw / 300, ch / 210)));
        double size = theme.fontSize() * 1.25 * scale;
        for (Diagram d : diagrams) {
            size = Math.min(size, d.fit(theme, size));
        }
        return size;
    }

    /** One descendant: title, boxes and arrows, caption. */
    static final class Diagram extends Region {
        private final Spec spec;
        private final Rectangle frame = new Rectangle();
        private final Text title = new Text();
        private final Text caption = new Text();
        private final Map<String, Rectangle> rects = new java.util.LinkedHashMap<>();
        private final Map<String, Text> texts = new java.util.LinkedHashMap<>();
        private final Group arrows = new Group();
        private final List<double[]> arrowEnds = new ArrayList<>();

        Diagram(Spec spec) {
            this.spec = spec;
            setId("gan-desc-" + spec.id());
            title.setTextOrigin(VPos.TOP);
            caption.setTextOrigin(VPos.TOP);
            caption.setTextAlignment(TextAlignment.LEFT);
            getChildren().addAll(frame, arrows);
            for (Box b : spec.boxes()) {
                Rectangle r = new Rectangle();
                r.setArcWidth(8);
                r.setArcHeight(8);
                Text t = new Text();
                t.setTextOrigin(VPos.CENTER);
                t.setTextAlignment(TextAlignment.CENTER);
                rects.put(b.id(), r);
                texts.put(b.id(), t);
                getChildren().addAll(r, t);
            }
            getChildren().addAll(title, caption);
        }

        Spec spec() {
            return spec;
        }

        String titleText() {
            return title.getText();
        }

        String captionText() {
            return caption.getText();
        }

        /** The boxes' rectangles in this diagram's coordinates, by box id. */
        Map<String, Rectangle> boxes() {
            return rects;
        }

        Text label(String boxId) {
            return texts.get(boxId);
        }

        /** The drawn arrows as {x0, y0, x1, y1}, box edge to box edge, in the order of the spec's (tests read them). */
        List<double[]> arrowEnds() {
            return arrowEnds.stream().map(double[]::clone).toList();
        }

        Bounds captionBounds() {
            return caption.getBoundsInParent();
        }

        Bounds titleBounds() {
            return title.getBoundsInParent();
        }

        void relabel() {
            title.setText(I18n.get("gan.desc." + spec.id() + ".title"));
            caption.setText(I18n.get("gan.desc." + spec.id() + ".caption"));
            for (Box b : spec.boxes()) {
                texts.get(b.id()).setText(b.label().startsWith("gan.desc.") ? I18n.get(b.label()) : b.label());
            }
            requestLayout();
        }

        private static Color colour(Kind k) {
            return switch (k) {
                case GENERATOR -> GENERATOR.color();
                case DISCRIMINATOR -> DISCRIMINATOR.color();
                case ADDED -> ADDED.color();
                case DATA -> DATA.color();
            };
        }

        /** The text size the view chose for all diagrams ({@link DescendantsView#layoutChildren}). */
        private double textSize = 12;
        /** The font family the view found inherited, for measuring. */
        private String family = Font.getDefault().getFamily();
        /** Text sizes at {@link #REF} px by family, weight and text. */
        private final Map<String, double[]> atRef = new java.util.HashMap<>();
        private static final double REF = 100;
        private static final double SAFETY = 1.02;

        /**
         * The largest size up to {@code size} at which no boxes overlap, to within 2 % by bisection
         * (at least 40 % of {@code size}: below that the diagram is past reading anyway).
         */
        double fit(PlotTheme theme, double size) {
            if (place(theme, getWidth(), getHeight(), size, false)) {
                return size;
            }
            double lo = 0.4 * size;
            double hi = size;
            while (hi - lo > 0.02 * size) {
                double mid = 0.5 * (lo + hi);
                if (place(theme, getWidth(), getHeight(), mid, false)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        @Override
        protected void layoutChildren() {
            PlotTheme theme = PlotTheme.current();
            double w = getWidth();
            double h = getHeight();
            frame.setWidth(w);
            frame.setHeight(h);
            frame.setArcWidth(10);
            frame.setArcHeight(10);
            frame.setFill(theme.plotBackground());
            frame.setStroke(theme.grid());
            place(theme, w, h, textSize, true);
            drawArrows(theme);
        }

        /**
         * Lays the diagram out with box text of this size; false when two boxes come closer than an
         * arrow needs. Measures with a detached {@link Text} in the inherited font family, so a trial
         * costs no CSS pass; only {@code apply} sets the nodes' styles and positions.
         */
        private boolean place(PlotTheme theme, double w, double h, double size, boolean apply) {
            double pad = Math.max(4, 0.35 * size);
            double titleSize = size * 1.15;
            double captionSize = size * 0.92;
            double wrap = Math.max(10, w - 2 * pad);
            double titleH = size(title.getText(), FontWeight.BOLD, titleSize, apply)[1];
            // wrapped at wrap, the caption at captionSize breaks where it would at REF wrapped at wrap · REF / size
            double captionH = apply ? measure(caption.getText(), family, FontWeight.NORMAL, captionSize, wrap).getHeight()
                    : measure(caption.getText(), family, FontWeight.NORMAL, REF, wrap * REF / captionSize).getHeight()
                            * captionSize / REF * SAFETY;
            double top = pad * 0.6 + titleH + pad * 0.8;
            double bottom = h - captionH - pad * 1.4;
            double areaH = Math.max(1, bottom - top);
            List<double[]> placed = new ArrayList<>();
            for (Box b : spec.boxes()) {
                double[] tb = size(texts.get(b.id()).getText(), FontWeight.NORMAL, size, apply);
                double bw = tb[0] + 2 * pad;
                double bh = tb[1] + pad;
                double cx = pad + bw / 2 + b.u() * Math.max(0, w - 2 * pad - bw);
                double cy = top + bh / 2 + b.v() * Math.max(0, areaH - bh);
                placed.add(new double[] {cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2});
            }
            if (apply) {
                // the family goes into the node's own style: an inline style on an ancestor (the window's
                // font size) would override a Font set in code
                String fam = "-fx-font-family: \"" + family + "\"; ";
                title.setStyle(fam + String.format(Locale.ROOT, "-fx-font-size: %.2fpx; -fx-font-weight: bold;", titleSize));
                title.setFill(theme.text());
                title.relocate(pad, pad * 0.6);
                caption.setStyle(fam + String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", captionSize));
                caption.setFill(theme.text());
                caption.setWrappingWidth(wrap);
                caption.relocate(pad, h - captionH - pad * 0.6);
                title.applyCss();
                caption.applyCss();
                String style = fam + String.format(Locale.ROOT, "-fx-font-size: %.2fpx;", size);
                int i = 0;
                for (Box b : spec.boxes()) {
                    double[] p = placed.get(i++);
                    Text t = texts.get(b.id());
                    t.setStyle(style);
                    t.applyCss();
                    t.setFill(theme.text());
                    Rectangle r = rects.get(b.id());
                    r.setX(p[0]);
                    r.setY(p[1]);
                    r.setWidth(p[2] - p[0]);
                    r.setHeight(p[3] - p[1]);
                    Color c = colour(b.kind());
                    // opaque, a quarter of the way from the panel to the colour: light and dark alike, and an
                    // arrow that passes behind a box does not show through its text
                    r.setFill(theme.plotBackground().interpolate(c, 0.25));
                    r.setStroke(c);
                    r.setStrokeWidth(Math.max(1, theme.lineWidth()));
                    t.setX(0.5 * (p[0] + p[2]) - t.getLayoutBounds().getWidth() / 2);
                    t.setY(0.5 * (p[1] + p[3]));
                }
            }
            // boxes keep room between them for an arrow's head
            double room = Math.max(MIN_ARROW, 0.9 * size);
            for (int i = 0; i < placed.size(); i++) {
                for (int j = i + 1; j < placed.size(); j++) {
                    if (overlap(placed.get(i), placed.get(j), room)) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The font family the diagram's text inherits (the window's; the Hangul font in Korean). */
        String inheritedFamily() {
            String own = title.getStyle();
            title.setStyle("");
            title.applyCss();
            String inherited = title.getFont().getFamily();
            title.setStyle(own);
            return inherited;
        }

        /**
         * {width, height} of text at this size: exact when {@code exact}, else the size measured once at
         * {@link #REF} px scaled linearly (text layout is linear in the size to well under the 2 % of
         * {@link #SAFETY}), so the bisection's trials cost no text layout.
         */
        private double[] size(String text, FontWeight weight, double size, boolean exact) {
            if (exact) {
                Bounds b = measure(text, family, weight, size, 0);
                return new double[] {b.getWidth(), b.getHeight()};
            }
            double[] ref = atRef.computeIfAbsent(family + '\u0000' + weight + '\u0000' + text, k -> {
                Bounds b = measure(text, family, weight, REF, 0);
                return new double[] {b.getWidth(), b.getHeight()};
            });
            double f = size / REF * SAFETY;
            return new double[] {ref[0] * f, ref[1] * f};
        }

        /** A detached node for measuring text at trial sizes (FX thread only, like every node). */
        private static final Text MEASURE = new Text();

        private static Bounds measure(String text, String family, FontWeight weight, double size, double wrap) {
            MEASURE.setFont(Font.font(family, weight, size));
            MEASURE.setWrappingWidth(wrap);
            MEASURE.setText(text);
            return MEASURE.getLayoutBounds();
        }

        static boolean overlap(double[] a, double[] b, double margin) {
            return a[0] < b[2] + margin && b[0] < a[2] + margin && a[1] < b[3] + margin && b[1] < a[3] + margin;
        }

        private void drawArrows(PlotTheme theme) {
            arrows.getChildren().clear();
            arrowEnds.clear();
            double lw = Math.max(1.2, theme.lineWidth());
            double head = 4 + 2.5 * lw;
            for (Arrow a : spec.arrows()) {
                Rectangle from = rects.get(a.from());
                Rectangle to = rects.get(a.to());
                double x0 = from.getX() + from.getWidth() / 2;
                double y0 = from.getY() + from.getHeight() / 2;
                double x1 = to.getX() + to.getWidth() / 2;
                double y1 = to.getY() + to.getHeight() / 2;
                double[] s = edge(from, x1 - x0, y1 - y0);
                double[] e = edge(to, x0 - x1, y0 - y1);
                double dx = e[0] - s[0];
                double dy = e[1] - s[1];
                double len = Math.hypot(dx, dy);
                arrowEnds.add(new double[] {s[0], s[1], e[0], e[1]});
                if (len < 1) {
                    continue;
                }
                double ux = dx / len;
                double uy = dy / len;
                Color c = a.dashed() ? ADDED.color() : theme.axis();
                Line line = new Line(s[0], s[1], e[0] - ux * head * 0.8, e[1] - uy * head * 0.8);
                line.setStroke(c);
                line.setStrokeWidth(lw);
                if (a.dashed()) {
                    line.getStrokeDashArray().setAll(5.0, 4.0);
                }
                Polygon tip = new Polygon(e[0], e[1], e[0] - ux * head - uy * head * 0.5,
                        e[1] - uy * head + ux * head * 0.5, e[0] - ux * head + uy * head * 0.5,
                        e[1] - uy * head - ux * head * 0.5);
                tip.setFill(c);
                arrows.getChildren().addAll(line, tip);
            }
        }

        /** Where the ray from r's centre in direction (dx, dy) leaves r, 2 px outside. */
        private static double[] edge(Rectangle r, double dx, double dy) {
            double cx = r.getX() + r.getWidth() / 2;
            double cy = r.getY() + r.getHeight() / 2;
            double hw = r.getWidth() / 2 + 2;
            double hh = r.getHeight() / 2 + 2;
            double t = Math.min(dx == 0 ? Double.POSITIVE_INFINITY : hw / Math.abs(dx),
                    dy == 0 ? Double.POSITIVE_INFINITY : hh / Math.abs(dy));
            return new double[] {cx + dx * t, cy + dy * t};
        }
    }
}
