package dev.genlab.model.flow.onedim;

/**
 * A smooth monotone warp f(z) = z + a · tanh(b (z − c)) with f'(z) = 1 + a b sech²(b (z − c)).
 * Since sech² ∈ (0, 1], f' &gt; 0 everywhere exactly when a b &gt; −1; {@link #MIN_AB} keeps a
 * margin so that the density 1/f' stays bounded. The inverse has no closed form: it is a
 * bracketed Newton solve, exact to rounding, in the bracket [x − |a|, x + |a|] (|tanh| ≤ 1).
 * It is the 1-D planar flow of Rezende &amp; Mohamed 2015 (f(z) = z + u h(w z + b)).
 */
public record TanhWarp(double a, double b, double c) implements Transform1D {

    /** The smallest a·b allowed: f' ≥ 1 + MIN_AB = 0.02 everywhere. */
    public static final double MIN_AB = -0.98;

    /** @throws IllegalArgumentException if a·b &lt; {@link #MIN_AB} (f would fold back) */
    public TanhWarp {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("warp parameters must be finite");
        }
        String why = refusal(a, b);
        if (!why.isEmpty()) {
            throw new IllegalArgumentException(why);
        }
    }

    /** Empty if (a, b) give a monotone warp, else the reason (for a slider's message). */
    public static String refusal(double a, double b) {
        return a * b < MIN_AB
                ? "a·b = " + (a * b) + " < " + MIN_AB + ": f'(c) = 1 + a·b would be ≤ 0, f would fold back and not be invertible"
                : "";
    }

    /** The closest allowed warp: b kept, a clamped so that a·b ≥ {@link #MIN_AB}. */
    public static TanhWarp clamped(double a, double b, double c) {
        if (a * b < MIN_AB) {
            a = MIN_AB / b;
        }
        return new TanhWarp(a, b, c);
    }

    @Override
    public double forward(double z) {
        return z + a * Math.tanh(b * (z - c));
    }

    @Override
    public double derivative(double z) {
        double t = Math.tanh(b * (z - c));
        return 1 + a * b * (1 - t * t);
    }

    @Override
    public double inverse(double x) {
        return RootSolve.increasing(this::forward, this::derivative, x, x - Math.abs(a), x + Math.abs(a));
    }

    @Override
    public String describe() {
        return "tanh warp a=" + a + ", b=" + b + ", c=" + c;
    }
}
