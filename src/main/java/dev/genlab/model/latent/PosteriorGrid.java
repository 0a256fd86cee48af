package dev.genlab.model.latent;

import dev.genlab.math.LogMath;

/**
 * The true posterior p(z | x) of a model with a 1-D or 2-D latent, tabulated on a grid, and the
 * evidence by quadrature:
 * <pre>
 *   p(x)     = ∫ p(z) p(x | z) dz ≈ Σ_g ω_g p(x, z_g)         (trapezoid rule on the grid)
 *   p(z | x) = p(x, z) / p(x)
 * </pre>
 * The grid is n equally spaced points z_i = lo + i (hi − lo)/(n − 1) a side, ends included; ω is
 * the trapezoid weight (h, or h/2 at an end; products of those in 2-D). For an integrand that is
 * smooth and negligible at the ends of the box the trapezoid rule converges faster than any power
 * of h (Trefethen &amp; Weideman 2014, "The exponentially convergent trapezoidal rule"), so a
 * spacing below the posterior's width gives log p(x) to ~1e-10. The sum runs in the log domain
 * (log-sum-exp), so no term underflows.
 *
 * <p>Immutable; arrays are copied out.
 */
public final class PosteriorGrid {

    private final LatentModel model;
    private final double[] x;
    private final int dim;
    private final double[] z;
    /** log p(x, z_g) at every grid point (n, or n × n row-major: index j·n + i is (z_i, z_j)). */
    private final double[] logJoint;
    private final double logEvidence;
    private final double h;

    private PosteriorGrid(LatentModel model, double[] x, double[] z, double[] logJoint, double logEvidence) {
        this.model = model;
        this.x = x;
        this.dim = model.latentDim();
        this.z = z;
        this.logJoint = logJoint;
        this.logEvidence = logEvidence;
        this.h = z[1] - z[0];
    }

    /**
     * Tabulates log p(x, z) for {@code m} (latentDim 1 or 2) on [lo, hi]^latentDim with n ≥ 3 points a
     * side, and integrates it. Costs n^latentDim evaluations of {@link LatentModel#logJoint}.
     */
    public static PosteriorGrid compute(LatentModel m, double[] x, double lo, double hi, int n) {
        int dim = m.latentDim();
        if (dim != 1 && dim != 2) {
            throw new IllegalArgumentException("PosteriorGrid needs a 1-D or 2-D latent, not " + dim);
        }
        if (n < 3 || !(hi > lo)) {
            throw new IllegalArgumentException("need n ≥ 3 and hi > lo");
        }
        double[] zs = new double[n];
        double step = (hi - lo) / (n - 1);
        for (int i = 0; i < n; i++) {
            zs[i] = lo + i * step;
        }
        double[] logW = new double[n];
        for (int i = 0; i < n; i++) {
            logW[i] = Math.log(i == 0 || i == n - 1 ? step / 2 : step);
        }
        double[] xs = x.clone();
        double[] lj;
        double[] terms;
        if (dim == 1) {
            lj = new double[n];
            terms = new double[n];
            double[] p = new double[1];
            for (int i = 0; i < n; i++) {
                p[0] = zs[i];
                lj[i] = m.logJoint(xs, p);
                terms[i] = lj[i] + logW[i];
            }
        } else {
            lj = new double[n * n];
            terms = new double[n * n];
            double[] p = new double[2];
            for (int j = 0; j < n; j++) {
                p[1] = zs[j];
                for (int i = 0; i < n; i++) {
                    p[0] = zs[i];
                    int k = j * n + i;
                    lj[k] = m.logJoint(xs, p);
                    terms[k] = lj[k] + logW[i] + logW[j];
                }
            }
        }
        return new PosteriorGrid(m, xs, zs, lj, LogMath.logSumExp(terms));
    }

    /** The model this grid belongs to. */
    public LatentModel model() {
        return model;
    }

    /** The data point x (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** log p(x) by the trapezoid rule over the grid (class comment). */
    public double logEvidence() {
        return logEvidence;
    }

    /** The grid coordinates of one side, ascending, ends included (a copy). */
    public double[] zValues() {
        return z.clone();
    }

    /**
     * p(z | x) at the grid points: n values in 1-D; n × n row-major in 2-D, index j·n + i holding
     * z = (zValues[i], zValues[j]) (row j is z₂, column i is z₁).
     */
    public double[] density() {
        double[] p = new double[logJoint.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(logJoint[k] - logEvidence);
        }
        return p;
    }

    /** log p(z | x) = log p(x, z) − log p(x) at any z (the model evaluated there, not interpolated). */
    public double logPosterior(double[] zPoint) {
        return model.logJoint(x, zPoint) - logEvidence;
    }

    /** The posterior mean E[z | x] by the same quadrature as the evidence. */
    public double[] posteriorMean() {
        double[][] mom = moments();
        return mom[0];
    }

    /** The posterior covariance Cov[z | x] (latentDim × latentDim) by the same quadrature. */
    public double[][] posteriorCovariance() {
        double[][] mom = moments();
        double[] mu = mom[0];
        double[][] c = new double[dim][dim];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                c[a][b] = mom[1 + a][b] - mu[a] * mu[b];
            }
        }
        return c;
    }

    /** Row 0: E[z]; rows 1..dim: E[z zᵀ]. */
    private double[][] moments() {
        int n = z.length;
        double[][] out = new double[1 + dim][dim];
        double[] pt = new double[dim];
        for (int k = 0; k < logJoint.length; k++) {
            int i = k % n;
            int j = k / n;
            double wgt = (i == 0 || i == n - 1 ? h / 2 : h);
            pt[0] = z[i];
            if (dim == 2) {
                wgt *= (j == 0 || j == n - 1 ? h / 2 : h);
                pt[1] = z[j];
            }
            double p = wgt * Math.exp(logJoint[k] - logEvidence);
            for (int a = 0; a < dim; a++) {
                out[0][a] += p * pt[a];
                for (int b = 0; b < dim; b++) {
                    out[1 + a][b] += p * pt[a] * pt[b];
                }
            }
        }
        return out;
    }
}
