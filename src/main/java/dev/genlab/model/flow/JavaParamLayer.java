package dev.genlab.model.flow;

import java.util.Arrays;

/** A layer whose few parameters live in a Java array, with its own Adam moments. */
abstract class JavaParamLayer extends FlowLayer {

    protected final double[] p;
    protected final double[] g;
    private final double[] m;
    private final double[] v;
    private int t;

    JavaParamLayer(int size) {
        p = new double[size];
        g = new double[size];
        m = new double[size];
        v = new double[size];
    }

    @Override
    public int numParams() {
        return p.length;
    }

    @Override
    public double[] params() {
        return p.clone();
    }

    @Override
    public double[] gradients() {
        return g.clone();
    }

    @Override
    public void setParams(double[] values) {
        if (values.length != p.length) {
            throw new IllegalArgumentException("expected " + p.length + " parameters, got " + values.length);
        }
        double[] old = p.clone();
        System.arraycopy(values, 0, p, 0, p.length);
        String why = validate();
        if (!why.isEmpty()) {
            System.arraycopy(old, 0, p, 0, p.length);
            throw new IllegalArgumentException(why);
        }
        changed();
    }

    /** Empty when the current {@link #p} is an invertible layer, else why not. */
    abstract String validate();

    /** Called after {@link #p} changed, to refresh derived values. */
    void changed() {
    }

    @Override
    public String health() {
        for (double x : p) {
            if (!Double.isFinite(x)) {
                return name() + ": a parameter is not finite";
            }
        }
        return validate();
    }

    @Override
    void adamStep(double lr) {
        t++;
        adam(p, g, m, v, t, lr);
        changed();
    }

    @Override
    void resetOptimizer() {
        Arrays.fill(m, 0);
        Arrays.fill(v, 0);
        t = 0;
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    static double softplusInverse(double y) {
        return y > 30 ? y + Math.log(-Math.expm1(-y)) : Math.log(Math.expm1(y));
    }

    static double sigmoid(double x) {
        return dev.genlab.math.LogMath.sigmoid(x);
    }
}
