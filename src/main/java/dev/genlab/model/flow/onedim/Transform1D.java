package dev.genlab.model.flow.onedim;

/**
 * A map x = f(z) of the real line, for the 1-D change of variables
 * <pre>
 *   p_x(x) = p_z(f⁻¹(x)) · |d f⁻¹/dx| = p_z(z) / |f'(z)|,   z = f⁻¹(x),
 * </pre>
 * valid when f is a bijection (strictly monotone and continuous). A map that is not invertible
 * ({@link Fold1D}) still answers {@link #inverse} with one branch, so a view can show the naive
 * formula failing; {@link #preimages} lists every z with f(z) = x, the sum over which is the
 * correct density p_x(x) = Σ_{f(z)=x} p_z(z)/|f'(z)|.
 *
 * <p>Implementations are immutable (edits return new instances) and plain Java: any thread.
 */
public interface Transform1D {

    /** x = f(z). */
    double forward(double z);

    /** z = f⁻¹(x); for a non-invertible map the principal branch {@link #preimages} starts with. */
    double inverse(double x);

    /** f'(z). */
    double derivative(double z);

    /** True when f is a bijection of ℝ onto its image, so the change-of-variables formula holds. */
    default boolean isInvertible() {
        return whyNotInvertible().isEmpty();
    }

    /** Empty when invertible, else a sentence a UI can show (why the formula breaks). */
    default String whyNotInvertible() {
        return "";
    }

    /** Every z with f(z) = x (one for a bijection, none off its image). */
    default double[] preimages(double x) {
        return new double[] {inverse(x)};
    }

    /**
     * The z where f' jumps or f'' is discontinuous (spline knots, the fold's 0): quadrature splits
     * its panels at their images so p_x is smooth on every panel.
     */
    default double[] breakpoints() {
        return new double[0];
    }

    /** A short human-readable name with the parameters, e.g. "affine a=2, b=1". */
    String describe();
}
