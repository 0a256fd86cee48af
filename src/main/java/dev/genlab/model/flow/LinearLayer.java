package dev.genlab.model.flow;

/**
 * The general linear layer x = A z + c with A = [[a, b], [c₂₁, d]] set by four sliders:
 * log|det ∂f/∂z| = log|ad − bc|, the same at every point, so every cell's area is scaled by
 * |det A|. A (near-)singular A squashes the plane onto a line and is refused:
 * |det A| must be at least {@link #MIN_ABS_DET}. Parameters {a, b, c₂₁, d, c₁, c₂}.
 */
public final class LinearLayer extends AffineLinearLayer {

    /** The smallest |det A| accepted. */
    public static final double MIN_ABS_DET = 1e-3;

    /** @throws IllegalArgumentException if |det A| &lt; {@link #MIN_ABS_DET} or a value is not finite */
    public LinearLayer(double a, double b, double c, double d, double shiftX, double shiftY) {
        super(6);
        setParams(new double[] {a, b, c, d, shiftX, shiftY});
    }

    /** The identity map. */
    public static LinearLayer identity() {
        return new LinearLayer(1, 0, 0, 1, 0, 0);
    }

    /** Empty if A = [[a, b], [c, d]] is allowed, else the message for the UI. */
    public static String refusal(double a, double b, double c, double d) {
        double det = a * d - b * c;
        if (!Double.isFinite(det)) {
            return "matrix entries must be finite";
        }
        if (Math.abs(det) < MIN_ABS_DET) {
            return "det A = ad − bc = " + String.format(java.util.Locale.ROOT, "%.4g", det)
                    + " ≈ 0: A is singular, it squashes the plane onto a line (or a point) and cannot be inverted";
        }
        return "";
    }

    /** This layer's matrix {a, b, c, d}. */
    @Override
    public double[] matrix() {
        return new double[] {p[0], p[1], p[2], p[3]};
    }

    @Override
    String validate() {
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return "linear layer: parameters must be finite";
            }
        }
        return refusal(p[0], p[1], p[2], p[3]);
    }

    @Override
    void matrixGradient(double[] gw) {
        System.arraycopy(gw, 0, g, 0, 4);
    }

    @Override
    public String name() {
        return "linear";
    }
}
