package dev.genlab.model.flow.onedim;

/**
 * The monotone piecewise-linear map through knots (z_k, x_k) ({@link Knots}): in bin k,
 * f(z) = x_k + s_k (z − z_k) with slope s_k = (x_{k+1} − x_k)/(z_{k+1} − z_k) &gt; 0, and slope 1
 * outside [z_0, z_K]. Its inverse is the same construction with the axes swapped, and
 * p_x = p_z / s_k is piecewise a rescaled p_z with jumps at the knots (the linear flow of
 * Müller et al. 2019, "Neural Importance Sampling", in its simplest form).
 */
public final class PiecewiseLinearSpline implements Transform1D {

    private final Knots knots;

    public PiecewiseLinearSpline(Knots knots) {
        this.knots = knots;
    }

    public Knots knots() {
        return knots;
    }

    /** This spline with knot i dragged towards (z, x), clamped to stay monotone. */
    public Result move(int i, double z, double x) {
        Knots.Edit e = knots.move(i, z, x);
        return new Result(new PiecewiseLinearSpline(e.knots()), e.clamped(), e.reason());
    }

    /** A drag's outcome: the spline to show, and the reason if the drag was clamped. */
    public record Result(PiecewiseLinearSpline spline, boolean clamped, String reason) {
    }

    @Override
    public double forward(double z) {
        int k = knots.binOfZ(z);
        int last = knots.size() - 1;
        if (k < 0) {
            return knots.x(0) + (z - knots.z(0));
        }
        if (k == last) {
            return knots.x(last) + (z - knots.z(last));
        }
        return knots.x(k) + slope(k) * (z - knots.z(k));
    }

    @Override
    public double inverse(double x) {
        int k = knots.binOfX(x);
        int last = knots.size() - 1;
        if (k < 0) {
            return knots.z(0) + (x - knots.x(0));
        }
        if (k == last) {
            return knots.z(last) + (x - knots.x(last));
        }
        return knots.z(k) + (x - knots.x(k)) / slope(k);
    }

    @Override
    public double derivative(double z) {
        int k = knots.binOfZ(z);
        return k < 0 || k == knots.size() - 1 ? 1 : slope(k);
    }

    private double slope(int k) {
        return (knots.x(k + 1) - knots.x(k)) / (knots.z(k + 1) - knots.z(k));
    }

    @Override
    public double[] breakpoints() {
        return knots.zs();
    }

    @Override
    public String describe() {
        return "piecewise-linear spline, " + (knots.size() - 1) + " bins";
    }
}
