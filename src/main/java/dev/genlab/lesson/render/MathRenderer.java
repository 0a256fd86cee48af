package dev.genlab.lesson.render;

import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.paint.Color;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Renders LaTeX formulas with JLaTeXMath into JavaFX images on a transparent background.
 *
 * <p>JLaTeXMath paints with AWT into a {@link BufferedImage} (fine with
 * {@code java.awt.headless=true}), which is converted with {@link SwingFXUtils}. Results are
 * kept in a bounded LRU cache keyed by all arguments. Safe to call from any thread.
 */
public final class MathRenderer {

    private static final int DEFAULT_CACHE_SIZE = 512;

    /** JLaTeXMath keeps global parser state (macros, lazily loaded fonts): one render at a time. */
    private static final Object JLATEXMATH_LOCK = new Object();

    private record Key(String latex, boolean display, double fontSizePx, Color color, double outputScale) {}

    private final Map<Key, MathImage> cache;

    /** A renderer with a cache of a few hundred formulas. */
    public MathRenderer() {
        this(DEFAULT_CACHE_SIZE);
    }

    /** A renderer that caches at most {@code cacheSize} formulas. */
    public MathRenderer(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be positive: " + cacheSize);
        }
        cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MathImage> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * Renders {@code latex} in text style ({@code display == false}) or display style, with an em
     * of {@code fontSizePx} logical pixels, into an image of {@code fontSizePx * outputScale}
     * pixels per em. The caller shows the image at its logical size, 1/outputScale.
     *
     * @throws MathException if JLaTeXMath rejects the formula
     */
    public MathImage render(String latex, boolean display, double fontSizePx, Color color, double outputScale)
            throws MathException {
        if (!(fontSizePx > 0) || !(outputScale > 0)) {
            throw new IllegalArgumentException("fontSizePx and outputScale must be positive");
        }
        Key key = new Key(latex, display, fontSizePx, color, outputScale);
        synchronized (cache) {
            MathImage cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        MathImage image = paint(key);
        synchronized (cache) {
            cache.put(key, image);
        }
        return image;
    }

    /** Parse check for lesson validation: empty if the formula parses, else the reason it does not. */
    public static Optional<String> check(String latex) {
        try {
            parse(latex);
            return Optional.empty();
        } catch (MathException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static TeXFormula parse(String latex) throws MathException {
        Optional<String> braces = unbalancedBraces(latex);
        if (braces.isPresent()) {
            throw new MathException(braces.get());
        }
        synchronized (JLATEXMATH_LOCK) {
            try {
                return new TeXFormula(latex);
            } catch (RuntimeException e) {
                // ParseException and JLaTeXMath's other failures are unchecked
                throw new MathException(String.valueOf(e.getMessage()).strip(), e);
            }
        }
    }

    /** JLaTeXMath silently accepts an unclosed '{'; a lesson should not. */
    private static Optional<String> unbalancedBraces(String latex) {
        int depth = 0;
        for (int i = 0; i < latex.length(); i++) {
            char c = latex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return Optional.of("Found a closing '}' without an opening '{'");
            }
        }
        return depth == 0 ? Optional.empty() : Optional.of("Missing " + depth + " closing '}'");
    }

    private static MathImage paint(Key key) throws MathException {
        TeXFormula formula = parse(key.latex());
        double scale = key.outputScale();
        float sizePx = (float) (key.fontSizePx() * scale);
        java.awt.Color awtColor = new java.awt.Color((float) key.color().getRed(), (float) key.color().getGreen(),
                (float) key.color().getBlue(), (float) key.color().getOpacity());
        BufferedImage buffer;
        double baselineY;
        synchronized (JLATEXMATH_LOCK) {
            try {
                TeXIcon icon = formula.new TeXIconBuilder()
                        .setStyle(key.display() ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT)
                        .setSize(sizePx)
                        .build();
                // room for glyphs that overhang their box (italic f, large operators)
                int pad = Math.max(1, Math.round(sizePx / 20f));
                // true = exactly these insets; without it JLaTeXMath adds 0.18 em on every side
                icon.setInsets(new Insets(pad, pad, pad, pad), true);
                icon.setForeground(awtColor);
                buffer = new BufferedImage(Math.max(1, icon.getIconWidth()), Math.max(1, icon.getIconHeight()),
                        BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = buffer.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
                    icon.paintIcon(null, g, 0, 0);
                } finally {
                    g.dispose();
                }
                // paintIcon puts the baseline at insets.top + box height
                baselineY = pad + icon.getTrueIconHeight() - icon.getTrueIconDepth();
            } catch (RuntimeException e) {
                throw new MathException(String.valueOf(e.getMessage()).strip(), e);
            }
        }
        double width = buffer.getWidth() / scale;
        double height = buffer.getHeight() / scale;
        double depth = (buffer.getHeight() - baselineY) / scale;
        return new MathImage(SwingFXUtils.toFXImage(buffer, null), width, height, depth);
    }
}
