package dev.genlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Handwritten-looking digits 0–9 on a 28 × 28 canvas, drawn from a seed, needing no download.
 *
 * <p>Each digit is a template of strokes (lines, elliptic arcs and cubic Bézier curves) in a unit
 * box (x right, y down). One image is drawn from its {@link Factors}:
 * <ol>
 *   <li>style: the template's control points and radii are jittered (σ ≈ 0.02–0.04 of the box),
 *       and a few digits pick a variant (a 1 with or without flag, an open or closed 4, a 7 with
 *       or without bar), all from {@code styleSeed};</li>
 *   <li>geometry: a unit-box point (u, v) lands on pixel coordinates
 *       <pre>
 *   x = 20·scale·((u − ½) + slant·(½ − v)),   y = 20·scale·(v − ½)
 *       </pre>
 *       i.e. a shear by {@code slant} (positive leans right) and scaling; then, as in MNIST, the
 *       glyph is shifted so that its centre of mass (of the stroke centre lines) lands on
 *       (14 + offsetX, 14 + offsetY);</li>
 *   <li>ink: every stroke segment is rasterised over its bounding box with intensity
 *       clamp(w/2 + ½ − d, 0, 1), d the distance from the pixel centre to the segment and w the
 *       {@code thickness} in pixels; overlapping strokes take the maximum, not the sum.</li>
 * </ol>
 * The factors (digit, slant, thickness, scale, offset) are kept per image so that a lesson can
 * compare them with what a VAE's latent space recovers. Generation is deterministic: one seed,
 * one set of pixels.
 */
public final class ProceduralDigits {

    /** Image side in pixels. */
    public static final int SIZE = 28;
    /** How many digits the app's built-in data set holds, and its seed (lesson 5's checkpoints train on them). */
    public static final int BUILT_IN_COUNT = 10_000;
    public static final long BUILT_IN_SEED = 2026;

    private static final double GLYPH = 20;

    /**
     * The latent factors of one image; {@code styleSeed} drives the remaining hand-jitter.
     *
     * @param slant     horizontal shear (x shift per unit of height), typically −0.15 … 0.4
     * @param thickness stroke width in pixels, typically 1.7 … 3.5
     * @param scale     glyph height / 20 px, typically 0.82 … 1.05
     * @param offsetX   shift of the centre of mass from the image centre in pixels, typically −1 … 1
     */
    public record Factors(int digit, double slant, double thickness, double scale, double offsetX, double offsetY,
            long styleSeed) {
        public Factors {
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("digit must be 0–9, got " + digit);
            }
        }
    }

    /** Generated images and the factors each was drawn from, in the same order. */
    public record Generated(ImageDataset dataset, List<Factors> factors) {
        public Generated {
            factors = List.copyOf(factors);
        }
    }

    private ProceduralDigits() {
    }

    /** {@code count} labelled digits, as balanced over 0–9 as the count allows, in shuffled order. */
    public static ImageDataset generate(int count, long seed) {
        return generateWithFactors(count, seed).dataset();
    }

    /** As {@link #generate} and also the factors of every image. */
    public static Generated generateWithFactors(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be ≥ 0, got " + count);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        float[] pixels = new float[count * SIZE * SIZE];
        List<Factors> factors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Factors f = randomFactors(labels[i], rng);
            factors.add(f);
            render(f, pixels, i * SIZE * SIZE);
        }
        return new Generated(ImageDataset.wrap("procedural digits", SIZE, SIZE, pixels, labels), factors);
    }

    /** Factors for one digit drawn from the generator's priors. */
    public static Factors randomFactors(int digit, SplittableRandom rng) {
        return new Factors(digit,
                rng.nextDouble(-0.15, 0.4),
                rng.nextDouble(1.7, 3.5),
                rng.nextDouble(0.82, 1.05),
                rng.nextDouble(-1, 1),
                rng.nextDouble(-1, 1),
                rng.nextLong());
    }

    /** The 28 × 28 image of one set of factors, row-major. */
    public static float[] render(Factors f) {
        float[] out = new float[SIZE * SIZE];
        render(f, out, 0);
        return out;
    }

    /** Draws one digit into {@code out[offset ... offset + 783]}, which must be zero there. */
    public static void render(Factors f, float[] out, int offset) {
        Pen pen = new Pen(new SplittableRandom(f.styleSeed()));
        template(f.digit(), pen);
        double h = GLYPH * f.scale();
        List<double[]> strokes = new ArrayList<>(pen.strokes.size());
        for (double[] s : pen.strokes) {
            double[] xy = new double[s.length];
            for (int k = 0; k < s.length; k += 2) {
                xy[k] = h * ((s[k] - 0.5) + f.slant() * (0.5 - s[k + 1]));
                xy[k + 1] = h * (s[k + 1] - 0.5);
            }
            strokes.add(xy);
        }
        // Like MNIST, centre the ink's centre of mass (here: of the stroke centre lines).
        double[] com = centreOfMass(strokes);
        double dx = SIZE / 2.0 + f.offsetX() - com[0];
        double dy = SIZE / 2.0 + f.offsetY() - com[1];
        double radius = f.thickness() / 2;
        for (double[] s : strokes) {
            if (s.length == 2) {
                segment(out, offset, s[0] + dx, s[1] + dy, s[0] + dx, s[1] + dy, radius);
            }
            for (int k = 2; k < s.length; k += 2) {
                segment(out, offset, s[k - 2] + dx, s[k - 1] + dy, s[k] + dx, s[k + 1] + dy, radius);
            }
        }
    }

    /** Length-weighted mean of the segment midpoints. */
    private static double[] centreOfMass(List<double[]> strokes) {
        double sx = 0;
        double sy = 0;
        double total = 0;
        for (double[] s : strokes) {
            for (int k = 2; k < s.length; k += 2) {
                double len = Math.hypot(s[k] - s[k - 2], s[k + 1] - s[k - 1]);
                sx += len * (s[k] + s[k - 2]) / 2;
                sy += len * (s[k + 1] + s[k - 1]) / 2;
                total += len;
            }
        }
        return total > 0 ? new double[] {sx / total, sy / total} : new double[] {0, 0};
    }

    /** Anti-aliased thick segment: intensity clamp(r + ½ − distance, 0, 1), max-combined. */
    private static void segment(float[] img, int off, double x0, double y0, double x1, double y1, double r) {
        int c0 = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r - 1));
        int c1 = Math.min(SIZE - 1, (int) Math.ceil(Math.max(x0, x1) + r + 1));
        int r0 = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r - 1));
        int r1 = Math.min(SIZE - 1, (int) Math.ceil(Math.max(y0, y1) + r + 1));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double inv = len2 > 0 ? 1 / len2 : 0;
        double reach2 = (r + 0.5) * (r + 0.5);
        for (int row = r0; row <= r1; row++) {
            double py = row + 0.5 - y0;
            for (int col = c0; col <= c1; col++) {
                double px = col + 0.5 - x0;
                double t = (px * dx + py * dy) * inv;
                t = t < 0 ? 0 : (t > 1 ? 1 : t);
                double ex = px - t * dx;
                double ey = py - t * dy;
                double d2 = ex * ex + ey * ey;
                if (d2 < reach2) {
                    double ink = r + 0.5 - Math.sqrt(d2);
                    float v = ink >= 1 ? 1f : (float) ink;
                    int idx = off + row * SIZE + col;
                    if (v > img[idx]) {
                        img[idx] = v;
                    }
                }
            }
        }
    }

    /** The strokes of each digit in the unit box, with jittered control points. */
    private static void template(int digit, Pen p) {
        switch (digit) {
            case 0 -> {
                double a = p.j(90, 12);
                p.arc(p.j(0.5, 0.02), 0.5, p.j(0.28, 0.04), p.j(0.44, 0.025), a, a + p.j(370, 8));
            }
            case 1 -> {
                double top = p.j(0.54, 0.03);
                if (p.chance(0.45)) {
                    p.moveTo(p.j(0.36, 0.04), p.j(0.22, 0.04)).lineTo(top, 0.06);
                } else {
                    p.moveTo(top, 0.06);
                }
                p.lineTo(p.j(0.5, 0.03), 0.94);
                if (p.chance(0.15)) {
                    p.moveTo(p.j(0.34, 0.03), 0.94).lineTo(p.j(0.66, 0.03), 0.94);
                }
            }
            case 2 -> {
                p.arc(0.5, p.j(0.3, 0.02), p.j(0.26, 0.025), p.j(0.22, 0.02), p.j(160, 10), p.j(-25, 10));
                double bx = p.j(0.18, 0.03);
                double by = p.j(0.92, 0.02);
                p.curveTo(p.j(0.6, 0.04), p.j(0.58, 0.04), p.j(0.3, 0.04), p.j(0.78, 0.04), bx, by);
                if (p.chance(0.3)) {
                    p.arc(bx + 0.08, by - 0.06, 0.08, 0.06, 200, 330);
                }
                p.lineTo(p.j(0.85, 0.04), p.j(0.92, 0.03));
            }
            case 3 -> {
                double midY = p.j(0.49, 0.03);
                double midX = p.j(0.48, 0.03);
                double ry1 = midY - 0.08;
                p.arc(p.j(0.48, 0.02), 0.08 + ry1 / 2, p.j(0.24, 0.03), ry1 / 2, p.j(150, 10), -80);
                p.lineTo(midX, midY);
                double ry2 = (0.93 - midY) / 2;
                p.arc(0.49, midY + ry2, p.j(0.27, 0.03), ry2, 80, p.j(-150, 10));
            }
            case 4 -> {
                if (p.chance(0.5)) {
                    double barY = p.j(0.64, 0.04);
                    p.moveTo(p.j(0.62, 0.04), 0.06).lineTo(p.j(0.15, 0.03), barY).lineTo(p.j(0.86, 0.03), barY);
                    double sx = p.j(0.66, 0.03);
                    p.moveTo(sx, p.j(0.3, 0.05)).lineTo(p.j(sx, 0.02), 0.95);
                } else {
                    double barY = p.j(0.58, 0.04);
                    p.moveTo(p.j(0.26, 0.04), 0.07).lineTo(p.j(0.2, 0.03), barY).lineTo(p.j(0.85, 0.03), barY);
                    double sx = p.j(0.67, 0.03);
                    p.moveTo(sx, 0.08).lineTo(p.j(sx, 0.02), 0.95);
                }
            }
            case 5 -> {
                double cornerX = p.j(0.3, 0.03);
                p.moveTo(p.j(0.8, 0.04), p.j(0.07, 0.02)).lineTo(cornerX, 0.08).lineTo(cornerX - 0.03, p.j(0.44, 0.03));
                p.arc(p.j(0.49, 0.02), 0.68, p.j(0.27, 0.03), p.j(0.24, 0.02), p.j(138, 6), p.j(-135, 8));
            }
            case 6 -> {
                double cx = p.j(0.5, 0.02);
                double rx = p.j(0.26, 0.03);
                double ry = p.j(0.23, 0.02);
                double cy = 0.94 - ry;
                p.moveTo(p.j(0.72, 0.04), 0.06)
                        .curveTo(p.j(0.45, 0.04), p.j(0.14, 0.03), cx - rx - 0.02, p.j(0.38, 0.05), cx - rx, cy);
                p.arc(cx, cy, rx, ry, 180, p.j(530, 10));
            }
            case 7 -> {
                double topY = p.j(0.09, 0.02);
                double rightX = p.j(0.84, 0.03);
                p.moveTo(p.j(0.16, 0.03), topY).lineTo(rightX, topY);
                p.curveTo(rightX - 0.12, p.j(0.4, 0.05), p.j(0.47, 0.04), 0.65, p.j(0.42, 0.05), 0.94);
                if (p.chance(0.2)) {
                    p.moveTo(p.j(0.44, 0.03), 0.5).lineTo(p.j(0.74, 0.03), 0.5);
                }
            }
            case 8 -> {
                double midY = p.j(0.47, 0.03);
                double ry1 = (midY - 0.06) / 2;
                double ry2 = (0.94 - midY) / 2;
                double a = p.j(270, 15);
                p.arc(p.j(0.5, 0.02), 0.06 + ry1, p.j(0.2, 0.025), ry1, a, a + 360);
                double b = p.j(90, 15);
                p.arc(p.j(0.5, 0.02), midY + ry2, p.j(0.26, 0.025), ry2, b, b + 360);
            }
            case 9 -> {
                double cx = p.j(0.5, 0.02);
                double rx = p.j(0.24, 0.025);
                double ry = p.j(0.2, 0.02);
                double cy = 0.06 + ry;
                p.arc(cx, cy, rx, ry, p.j(10, 10), 370);
                p.curveTo(cx + rx, cy + 0.25, p.j(0.7, 0.03), 0.7, p.j(0.64, 0.05), 0.94);
            }
            default -> throw new IllegalArgumentException("digit must be 0–9, got " + digit);
        }
        p.finish();
    }

    /** Collects strokes as flat (u, v) polylines and supplies the style jitter. */
    private static final class Pen {
        private final SplittableRandom rng;
        final List<double[]> strokes = new ArrayList<>();
        private double[] cur = new double[32];
        private int n;

        Pen(SplittableRandom rng) {
            this.rng = rng;
        }

        /** {@code value} plus a Gaussian perturbation of standard deviation {@code sd}. */
        double j(double value, double sd) {
            return value + sd * rng.nextGaussian();
        }

        boolean chance(double p) {
            return rng.nextDouble() < p;
        }

        Pen moveTo(double x, double y) {
            finish();
            return lineTo(x, y);
        }

        Pen lineTo(double x, double y) {
            if (2 * n + 2 > cur.length) {
                cur = Arrays.copyOf(cur, cur.length * 2);
            }
            cur[2 * n] = x;
            cur[2 * n + 1] = y;
            n++;
            return this;
        }

        /** Elliptic arc (cx + rx cos a, cy − ry sin a) from a0 to a1 degrees, joined to the pen. */
        Pen arc(double cx, double cy, double rx, double ry, double a0, double a1) {
            int steps = Math.max(2, (int) Math.ceil(Math.abs(a1 - a0) / 18));
            for (int k = 0; k <= steps; k++) {
                double a = Math.toRadians(a0 + (a1 - a0) * k / steps);
                lineTo(cx + rx * Math.cos(a), cy - ry * Math.sin(a));
            }
            return this;
        }

        /** Cubic Bézier from the current point. */
        Pen curveTo(double x1, double y1, double x2, double y2, double x3, double y3) {
            double x0 = cur[2 * n - 2];
            double y0 = cur[2 * n - 1];
            int steps = 10;
            for (int k = 1; k <= steps; k++) {
                double t = (double) k / steps;
                double s = 1 - t;
                lineTo(s * s * s * x0 + 3 * s * s * t * x1 + 3 * s * t * t * x2 + t * t * t * x3,
                        s * s * s * y0 + 3 * s * s * t * y1 + 3 * s * t * t * y2 + t * t * t * y3);
            }
            return this;
        }

        void finish() {
            if (n > 0) {
                strokes.add(Arrays.copyOf(cur, 2 * n));
                n = 0;
            }
        }
    }
}
