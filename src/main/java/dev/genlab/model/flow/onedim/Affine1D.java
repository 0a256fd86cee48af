package dev.genlab.model.flow.onedim;

/**
 * The affine map f(z) = a z + b, f⁻¹(x) = (x − b)/a, f'(z) = a, so p_x(x) = p_z((x − b)/a) / |a|.
 * a = 0 collapses the line to a point and is refused.
 */
public record Affine1D(double a, double b) implements Transform1D {

    /** @throws IllegalArgumentException if a = 0 (not invertible) or a value is not finite */
    public Affine1D {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("affine parameters must be finite, got a=" + a + ", b=" + b);
        }
        if (a == 0) {
            throw new IllegalArgumentException("a = 0 maps every z to b: the map is not invertible and p_x would be a spike");
        }
    }

    @Override
    public double forward(double z) {
        return a * z + b;
    }

    @Override
    public double inverse(double x) {
        return (x - b) / a;
    }

    @Override
    public double derivative(double z) {
        return a;
    }

    @Override
    public String describe() {
        return "affine a=" + a + ", b=" + b;
    }
}
