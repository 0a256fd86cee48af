package dev.genlab.model.flow;

/**
 * One invertible layer x = f(z) of a 2-D normalizing flow, batched over plain arrays.
 *
 * <p>Direction convention (Papamakarios et al. 2021, "Normalizing Flows for Probabilistic
 * Modeling and Inference", JMLR): {@link #forward} is the sampling direction z → x and adds
 * log|det ∂f/∂z| per point; {@link #inverse} is the inference (normalizing) direction x → z and
 * adds log|det ∂f⁻¹/∂x| = −log|det ∂f/∂z|. Training by maximum likelihood uses only the inverse:
 * <pre>
 *   log p(x) = log p_z(f⁻¹(x)) + Σ_k log|det ∂f_k⁻¹/∂z_k|.
 * </pre>
 * Each layer back-propagates through its own inverse by hand ({@link #inverseForTraining} then
 * {@link #backward}) and keeps its own Adam state. Every constructor and setter refuses parameters
 * that would make the layer non-invertible, with a message a UI can show; training keeps
 * invertibility by reparametrisation where the paper does, and {@link #health()} reports anything
 * else.
 *
 * <p>Not thread-safe: a layer belongs to its {@link Flow}'s thread. Layers with ND4J networks
 * ({@link AffineCoupling}) must stay on the thread that trains them.
 */
public abstract class FlowLayer {

    /** z → x in place on points 0..n−1; adds log|det ∂f/∂z| to {@code logDet} when it is not null. */
    public abstract void forward(double[] xs, double[] ys, int n, double[] logDet);

    /** x → z in place on points 0..n−1; adds log|det ∂f⁻¹/∂x| to {@code logDet} when it is not null. */
    public abstract void inverse(double[] xs, double[] ys, int n, double[] logDet);

    /** The analytic Jacobian ∂f/∂z of the sampling map at z, row-major {∂x/∂z₁, ∂x/∂z₂, ∂y/∂z₁, ∂y/∂z₂}. */
    public abstract double[] jacobian(double zx, double zy);

    /** A short name for the layer list, e.g. "planar" or "coupling (x → y)". */
    public abstract String name();

    /** Empty while the layer is invertible and finite, else why not (for the divergence guard). */
    public abstract String health();

    /** Number of trainable parameters. */
    public abstract int numParams();

    /** A copy of the trainable parameters (the layer's own parametrisation). */
    public abstract double[] params();

    /** Restores parameters from {@link #params()}; refuses non-invertible values. */
    public abstract void setParams(double[] p);

    /** dL/dθ from the last {@link #backward}, same layout as {@link #params()}. */
    public abstract double[] gradients();

    /** As {@link #inverse}, remembering what {@link #backward} needs. */
    abstract void inverseForTraining(double[] xs, double[] ys, int n, double[] logDet);

    /**
     * Back-propagates through the last {@link #inverseForTraining}: {@code gx, gy} hold dL/dz on
     * entry and dL/dx on return; {@code gLogDet} is dL/d(log-det of each point) (the same for every
     * point: −1/n for a mean NLL). Overwrites the parameter gradients.
     */
    abstract void backward(double[] gx, double[] gy, int n, double gLogDet);

    /** One Adam step on the parameters with the last gradients (Kingma &amp; Ba 2015). */
    abstract void adamStep(double learningRate);

    /** Forgets the optimiser's moments. */
    abstract void resetOptimizer();

    /** Adam step t in place ({@link dev.genlab.model.nn.DoubleAdam#update}). */
    static void adam(double[] p, double[] g, double[] m, double[] v, int t, double lr) {
        dev.genlab.model.nn.DoubleAdam.update(p, g, m, v, t, lr);
    }

    static double det(double[] j) {
        return j[0] * j[3] - j[1] * j[2];
    }

    static double[] inverse2x2(double[] j) {
        double d = det(j);
        return new double[] {j[3] / d, -j[1] / d, -j[2] / d, j[0] / d};
    }

    /**
     * Whether {@link #inverse} may run on two threads at once over disjoint points of one batch
     * (each thread with its own arrays): true unless the layer keeps scratch of its own there.
     */
    boolean concurrentInverse() {
        return true;
    }
}
