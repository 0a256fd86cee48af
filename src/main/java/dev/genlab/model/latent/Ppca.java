package dev.genlab.model.latent;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.math.LogMath;

/**
 * Probabilistic PCA (Tipping &amp; Bishop 1999, "Probabilistic principal component analysis",
 * J. R. Statist. Soc. B 61(3)): the linear-Gaussian latent variable model
 * <pre>
 *   z ~ N(0, I_M),   x = W z + b + e,   e ~ N(0, σ² I_D)           (W is D × M)
 *   p(x)      = N(x; b, C),            C = W Wᵀ + σ² I_D
 *   p(z | x)  = N(z; M⁻¹ Wᵀ (x − b), σ² M⁻¹),   M = Wᵀ W + σ² I_M
 * </pre>
 * Everything is exact, which is why lesson 7 checks its bounds on it first.
 *
 * <p><b>Maximum likelihood</b> (Tipping &amp; Bishop, §3.2): with the sample covariance
 * S = (1/N) Σ_n (x_n − x̄)(x_n − x̄)ᵀ and its eigenvalues λ_1 ≥ … ≥ λ_D with unit eigenvectors U,
 * <pre>
 *   b = x̄,   σ² = (1/(D − M)) Σ_{j&gt;M} λ_j,   W = U_M (Λ_M − σ² I)^{1/2}   (rotation R = I)
 * </pre>
 * Each eigenvector's sign is chosen so that its entry of largest magnitude is positive, so the
 * fit is a function of the data (the likelihood does not see the sign).
 *
 * <p><b>Cost of the density</b>: by Woodbury and the matrix determinant lemma,
 * <pre>
 *   C⁻¹ = σ⁻² (I − W M⁻¹ Wᵀ),   log|C| = (D − M) log σ² + log|M|,
 *   (x − b)ᵀ C⁻¹ (x − b) = σ⁻² (‖r‖² − (Wᵀr)ᵀ M⁻¹ (Wᵀr)),   r = x − b,
 * </pre>
 * so one log-density costs O(D M) after an O(D M² + M³) set-up, never O(D³).
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class Ppca implements LatentModel {

    private final int d;
    private final int m;
    private final double[] b;
    /** W, D × M, row-major. */
    private final double[][] w;
    private final double sigma2;
    private final double[] eigenvalues;
    /** Cholesky factor of M = WᵀW + σ²I. */
    private final double[][] mChol;
    private final double[][] mInv;
    private final double logDetC;
    /** ‖W_{:,j}‖², the squared column norms (diag of WᵀW). */
    private final double[] colNorm2;

    private Ppca(double[] b, double[][] w, double sigma2, double[] eigenvalues) {
        this.d = b.length;
        if (w.length != d || d == 0) {
            throw new IllegalArgumentException("W needs one row per data dimension (" + d + "), has " + w.length);
        }
        this.m = w[0].length;
        if (m < 1) {
            throw new IllegalArgumentException("at least one latent dimension");
        }
        for (double[] row : w) {
            if (row.length != m) {
                throw new IllegalArgumentException("W is not rectangular");
            }
        }
        if (!(sigma2 > 0) || Double.isInfinite(sigma2)) {
            throw new IllegalArgumentException("σ² must be positive and finite: " + sigma2);
        }
        this.b = b.clone();
        this.w = Linalg.copy(w);
        this.sigma2 = sigma2;
        this.eigenvalues = eigenvalues.clone();
        double[][] mm = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += this.w[k][i] * this.w[k][j];
                }
                mm[i][j] = s;
                mm[j][i] = s;
            }
        }
        colNorm2 = new double[m];
        for (int i = 0; i < m; i++) {
            colNorm2[i] = mm[i][i];
            mm[i][i] += sigma2;
        }
        mChol = Linalg.cholesky(mm);
        mInv = Linalg.choleskyInverse(mChol);
        logDetC = (d - m) * Math.log(sigma2) + Linalg.logDetFromCholesky(mChol);
    }

    /**
     * A given model: offset b (length D), loadings w (D × M), noise variance σ² &gt; 0.
     * Its {@link #eigenvalues()} are empty (there is no data).
     */
    public static Ppca of(double[] b, double[][] w, double sigma2) {
        return new Ppca(b, w, sigma2, new double[0]);
    }

    /**
     * The closed-form maximum-likelihood fit (class comment) to {@code data} (N rows of length D),
     * 1 ≤ latentDim &lt; D. The eigendecomposition is plain Java (Jacobi), O(D³) a sweep: meant for
     * D up to ~100; use {@link #fitImages} for images.
     */
    public static Ppca fit(double[][] data, int latentDim) {
        int n = data.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least two points");
        }
        int dim = data[0].length;
        requireLatentDim(latentDim, dim);
        double[] mean = new double[dim];
        for (double[] x : data) {
            for (int j = 0; j < dim; j++) {
                mean[j] += x[j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= n;
        }
        double[][] s = new double[dim][dim];
        double[] r = new double[dim];
        for (double[] x : data) {
            for (int j = 0; j < dim; j++) {
                r[j] = x[j] - mean[j];
            }
            for (int i = 0; i < dim; i++) {
                double ri = r[i];
                double[] row = s[i];
                for (int j = i; j < dim; j++) {
                    row[j] += ri * r[j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                s[i][j] /= n;
                s[j][i] = s[i][j];
            }
        }
        Linalg.Eigen e = Linalg.symmetricEigen(s);
        return fromEigen(mean, e.values(), e.vectors(), latentDim);
    }

    /**
     * The same maximum-likelihood fit for images: {@code pixels} holds {@code count} images of
     * {@code dim} values in [0, 1], row-major. The covariance is one FLOAT {@code Nd4j.gemm}
     * (XᵀX / N of the centred data) and the eigendecomposition LAPACK's symmetric {@code syev} in
     * DOUBLE (through {@link Eigen#symmetricGeneralizedEigenvalues(INDArray, boolean)}, which
     * overwrites its argument with the eigenvectors as columns and returns the eigenvalues ascending).
     * Agrees with {@link #fit} to ~1e-6 relative (the float covariance). Needs ND4J's backend
     * loaded: call it off the JavaFX thread, after {@code model.nn.Nd4jReady.await()}. For the
     * 10,000 built-in digits (D = 784) it takes ~0.6 s on one core (PpcaBenchTest, {@code ppca_fit_ms}):
     * ~150 ms the gemm, ~300–400 ms LAPACK's syev (all D eigenvalues are kept, for
     * {@link #eigenvalues()}), the rest the mean and centring in Java.
     */
    public static Ppca fitImages(float[] pixels, int count, int dim, int latentDim) {
        if ((long) count * dim != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, not " + count + " × " + dim);
        }
        if (count < 2) {
            throw new IllegalArgumentException("need at least two images");
        }
        requireLatentDim(latentDim, dim);
        double[] mean = new double[dim];
        for (int i = 0; i < count; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                mean[j] += pixels[o + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= count;
        }
        float[] centred = new float[pixels.length];
        for (int i = 0; i < count; i++) {
            int o = i * dim;
            for (int j = 0; j < dim; j++) {
                centred[o + j] = (float) (pixels[o + j] - mean[j]);
            }
        }
        INDArray x = Nd4j.create(centred, new long[] {count, dim}, 'c');
        INDArray cov = Nd4j.create(DataType.FLOAT, new long[] {dim, dim}, 'f');
        Nd4j.gemm(x, x, cov, true, false, 1.0 / count, 0.0);
        INDArray covD = cov.castTo(DataType.DOUBLE).dup('f');
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(covD, true);
        double[] asc = values.toDoubleVector();
        // covD is column-major, so eigenvector k is the k-th run of dim values; only the top
        // latentDim are needed (reading the whole 784 × 784 matrix as double[][] cost ~50 ms).
        double[] cols = covD.dup('f').data().asDouble();
        // LAPACK returns ascending order: reverse into descending, columns with them.
        double[] desc = new double[dim];
        for (int j = 0; j < dim; j++) {
            desc[j] = asc[dim - 1 - j];
        }
        double[][] u = new double[dim][latentDim];
        for (int j = 0; j < latentDim; j++) {
            int src = (dim - 1 - j) * dim;
            for (int i = 0; i < dim; i++) {
                u[i][j] = cols[src + i];
            }
        }
        Linalg.canonicalSigns(u);
        return fromEigen(mean, desc, u, latentDim);
    }

    private static void requireLatentDim(int latentDim, int dim) {
        if (latentDim < 1 || latentDim >= dim) {
            throw new IllegalArgumentException("need 1 ≤ latentDim < D = " + dim + ": " + latentDim);
        }
    }

    /** b = mean, σ² = mean of the discarded eigenvalues, W = U_M (Λ_M − σ² I)^{1/2}. */
    private static Ppca fromEigen(double[] mean, double[] desc, double[][] u, int latentDim) {
        int dim = mean.length;
        double sum = 0;
        for (int j = latentDim; j < dim; j++) {
            sum += desc[j];
        }
        double s2 = sum / (dim - latentDim);
        if (!(s2 > 0)) {
            // Data that lie exactly in an M-dimensional subspace: keep a tiny noise so C is invertible.
            s2 = Math.max(1e-12, 1e-12 * Math.abs(desc[0]));
        }
        double[][] w = new double[dim][latentDim];
        for (int j = 0; j < latentDim; j++) {
            double scale = Math.sqrt(Math.max(desc[j] - s2, 0));
            for (int i = 0; i < dim; i++) {
                w[i][j] = u[i][j] * scale;
            }
        }
        return new Ppca(mean, w, s2, desc);
    }

    @Override
    public int dataDim() {
        return d;
    }

    @Override
    public int latentDim() {
        return m;
    }

    /** b, the mean of x (a copy). */
    public double[] mean() {
        return b.clone();
    }

    /** W, D × M (a copy). */
    public double[][] w() {
        return Linalg.copy(w);
    }

    /** σ², the noise variance. */
    public double sigma2() {
        return sigma2;
    }

    /** The eigenvalues of the sample covariance, descending, all D of them; empty for {@link #of}. */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** C = W Wᵀ + σ² I, the covariance of x (D × D, dense: for small D and for display). */
    public double[][] covariance() {
        double[][] c = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = i == j ? sigma2 : 0;
                for (int k = 0; k < m; k++) {
                    s += w[i][k] * w[j][k];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** log p(x) = log N(x; b, C), by Woodbury and the determinant lemma (class comment): O(D M). */
    public double logDensity(double[] x) {
        double[] r = new double[d];
        double rr = 0;
        for (int i = 0; i < d; i++) {
            r[i] = x[i] - b[i];
            rr += r[i] * r[i];
        }
        double[] wtr = Linalg.mulTransposed(w, r);
        double[] sol = Linalg.choleskySolve(mChol, wtr);
        double quad = rr;
        for (int j = 0; j < m; j++) {
            quad -= wtr[j] * sol[j];
        }
        quad /= sigma2;
        return -0.5 * (d * LogMath.LOG_2PI + logDetC + quad);
    }

    /**
     * log p(x) on a grid for D = 2: cell centres x = x0 + (i + ½)(x1 − x0)/nx,
     * y = y0 + (j + ½)(y1 − y0)/ny, returned row-major ny × nx (index j·nx + i).
     */
    public double[] logDensityGrid2D(double x0, double x1, double y0, double y1, int nx, int ny) {
        if (d != 2) {
            throw new IllegalStateException("logDensityGrid2D needs D = 2, this model has D = " + d);
        }
        double[] out = new double[nx * ny];
        double[] p = new double[2];
        double hx = (x1 - x0) / nx;
        double hy = (y1 - y0) / ny;
        for (int j = 0; j < ny; j++) {
            p[1] = y0 + (j + 0.5) * hy;
            for (int i = 0; i < nx; i++) {
                p[0] = x0 + (i + 0.5) * hx;
                out[j * nx + i] = logDensity(p);
            }
        }
        return out;
    }

    /** The posterior mean E[z | x] = M⁻¹ Wᵀ (x − b). */
    public double[] posteriorMean(double[] x) {
        double[] r = new double[d];
        for (int i = 0; i < d; i++) {
            r[i] = x[i] - b[i];
        }
        return Linalg.choleskySolve(mChol, Linalg.mulTransposed(w, r));
    }

    /** The posterior covariance Cov[z | x] = σ² M⁻¹ (the same for every x), M × M. */
    public double[][] posteriorCovariance() {
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                c[i][j] = sigma2 * mInv[i][j];
            }
        }
        return c;
    }

    /**
     * The exact posterior's mean and marginal standard deviations √(σ² (M⁻¹)_jj) as a diagonal
     * Gaussian. With M = 1 this is the exact posterior; with M &gt; 1 it drops the correlations (it
     * is not the best diagonal q, which has variances σ²/M_jj: see {@link QFitter}).
     */
    public DiagGaussian posteriorDiagonal(double[] x) {
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            sd[j] = Math.sqrt(sigma2 * mInv[j][j]);
        }
        return new DiagGaussian(posteriorMean(x), sd);
    }

    /** The mean of p(x | z): W z + b. */
    public double[] decode(double[] z) {
        double[] x = Linalg.mul(w, z);
        for (int i = 0; i < d; i++) {
            x[i] += b[i];
        }
        return x;
    }

    /** One x from the generative process: z ~ N(0, I), x = W z + b + σ ε. */
    public double[] sample(SplittableRandom rng) {
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            z[j] = rng.nextGaussian();
        }
        double[] x = decode(z);
        double s = Math.sqrt(sigma2);
        for (int i = 0; i < d; i++) {
            x[i] += s * rng.nextGaussian();
        }
        return x;
    }

    /** log p(x | z) = log N(x; W z + b, σ² I) = −(D/2) log(2πσ²) − ‖x − Wz − b‖² / (2σ²). */
    @Override
    public double logLikelihood(double[] x, double[] z) {
        double ss = 0;
        for (int i = 0; i < d; i++) {
            double mu = b[i];
            double[] row = w[i];
            for (int j = 0; j < m; j++) {
                mu += row[j] * z[j];
            }
            double r = x[i] - mu;
            ss += r * r;
        }
        return -0.5 * (d * (LogMath.LOG_2PI + Math.log(sigma2)) + ss / sigma2);
    }

    /**
     * E_q[log p(x | z)] for a diagonal Gaussian q = N(μ, diag(s²)), in closed form:
     * <pre>
     *   −(D/2) log(2πσ²) − (‖x − b − Wμ‖² + Σ_j s_j² ‖W_{:,j}‖²) / (2σ²)
     * </pre>
     * (E‖r − W(μ + s⊙ε)‖² = ‖r − Wμ‖² + Σ_j s_j² ‖W_{:,j}‖², the cross term has mean zero).
     */
    public double expectedLogLikelihood(double[] x, DiagGaussian q) {
        double ss = 0;
        for (int i = 0; i < d; i++) {
            double mu = b[i];
            double[] row = w[i];
            for (int j = 0; j < m; j++) {
                mu += row[j] * q.mean(j);
            }
            double r = x[i] - mu;
            ss += r * r;
        }
        for (int j = 0; j < m; j++) {
            ss += q.sd(j) * q.sd(j) * colNorm2[j];
        }
        return -0.5 * (d * (LogMath.LOG_2PI + Math.log(sigma2)) + ss / sigma2);
    }

    /**
     * KL(q ‖ p(z | x)) between the diagonal q = N(μ, diag(s²)) and the exact posterior N(m, Σ),
     * Σ = σ² M⁻¹, in closed form:
     * <pre>
     *   ½ [ tr(Σ⁻¹ diag(s²)) + (m − μ)ᵀ Σ⁻¹ (m − μ) − M + log|Σ| − Σ_j log s_j² ],  Σ⁻¹ = M / σ².
     * </pre>
     * It uses no ELBO, so log p(x) = ELBO + KL is a check, not a definition.
     */
    public double klToPosterior(double[] x, DiagGaussian q) {
        double[] mu = posteriorMean(x);
        double[][] prec = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += w[k][i] * w[k][j];
                }
                prec[i][j] = (s + (i == j ? sigma2 : 0)) / sigma2;
            }
        }
        double tr = 0;
        double logDetQ = 0;
        for (int j = 0; j < m; j++) {
            tr += prec[j][j] * q.sd(j) * q.sd(j);
            logDetQ += 2 * Math.log(q.sd(j));
        }
        double quad = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                quad += (mu[i] - q.mean(i)) * prec[i][j] * (mu[j] - q.mean(j));
            }
        }
        // log|Σ| = M log σ² − log|M|
        double logDetSigma = m * Math.log(sigma2) - Linalg.logDetFromCholesky(mChol);
        return 0.5 * (tr + quad - m + logDetSigma - logDetQ);
    }
}
