package dev.genlab.model.flow.onedim;

/**
 * A map that is NOT invertible, to show the change-of-variables formula failing: every x &gt; 0
 * has two preimages ±z, so the single-branch ("naive") p_z(f⁻¹(x)) |d f⁻¹/dx| with the
 * principal branch z ≥ 0 counts only half of the mass of a symmetric base (∫ = P(z ≥ 0)), while
 * the sum over both preimages Σ p_z(z)/|f'(z)| integrates to 1.
 * <ul>
 *   <li>{@link Kind#ABS}: f(z) = |z|, f'(z) = sign z; preimages ±x</li>
 *   <li>{@link Kind#SQUARE}: f(z) = z², f'(z) = 2z; preimages ±√x</li>
 * </ul>
 */
public record Fold1D(Kind kind) implements Transform1D {

    public enum Kind { ABS, SQUARE }

    @Override
    public double forward(double z) {
        return kind == Kind.ABS ? Math.abs(z) : z * z;
    }

    /** The principal branch z ≥ 0 (NaN for x &lt; 0, which f never reaches). */
    @Override
    public double inverse(double x) {
        if (x < 0) {
            return Double.NaN;
        }
        return kind == Kind.ABS ? x : Math.sqrt(x);
    }

    @Override
    public double derivative(double z) {
        return kind == Kind.ABS ? Math.signum(z) : 2 * z;
    }

    @Override
    public String whyNotInvertible() {
        return (kind == Kind.ABS ? "f(z) = |z|" : "f(z) = z²")
                + " folds the line: z and −z land on the same x, so f has no inverse and p_z(f⁻¹(x))·|df⁻¹/dx|"
                + " counts only one of the two branches";
    }

    @Override
    public double[] preimages(double x) {
        if (x < 0) {
            return new double[0];
        }
        double z = inverse(x);
        return z == 0 ? new double[] {0} : new double[] {z, -z};
    }

    @Override
    public double[] breakpoints() {
        return new double[] {0};
    }

    @Override
    public String describe() {
        return kind == Kind.ABS ? "fold |z|" : "fold z²";
    }
}
