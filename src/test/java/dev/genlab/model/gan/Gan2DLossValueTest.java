package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.model.nn.Activation;

/**
 * The values of {@link Gan2D}'s five losses against a second computation written here from the
 * papers' formulas (as {@link GanLoss} quotes them), on a tiny network with fixed parameters:
 * G 3-5-5-2 and D 2(+1)-6-6-1 with leaky ReLU, batch 5. The finite-difference checks
 * ({@link Gan2DGradientTest}) only show that the gradients belong to whatever the loss is; this
 * shows the loss is the right one.
 *
 * <p>Independent of Gan2D's code: the forward pass reads the flat parameter vector by the documented
 * layout (per layer W, in × out column-major, then b) one point at a time; log σ(o) and log(1 − σ(o))
 * are taken literally, not through softplus (the logits here stay within ± 6, where that is exact to
 * 10⁻¹⁵); the gradient penalty's ∇ₓ d(x̂) is computed by forward-mode differentiation (tangents carried
 * through the layers), not by back-propagation; the minibatch statistic is ½(σ_x + σ_y) with the 1/n
 * variance plus 10⁻⁸, as Gan2D documents.
 */
class Gan2DLossValueTest {

    private static final int N = 5;
    private static final double LAMBDA = 3.0;
    private static final double SLOPE = Activation.LEAKY_SLOPE;

    private static final double[] RX = {0.9, -1.1, 0.3, 1.7, -0.2};
    private static final double[] RY = {1.4, 0.6, -0.8, 0.1, 2.2};
    private static final double[][] Z = {{0.5, -1.3, 0.2, 1.1, -0.7}, {-0.4, 0.8, 1.5, -0.9, 0.1},
        {1.2, 0.3, -0.6, -1.4, 0.9}};
    private static final double[] EPS = {0.15, 0.5, 0.85, 0.33, 0.7};

    /**
     * The tolerance: the double networks (the reference the gradient checks use) to 1e-12; the app's float
     * networks ({@link FloatNet}, single precision inside, double sums of the losses) to 1e-7.
     */
    private static double tol(boolean exact) {
        return exact ? 1e-12 : 1e-7;
    }

    private static Gan2D tiny(GanLoss loss, boolean minibatch) {
        return tiny(loss, minibatch, true);
    }

    private static Gan2D tiny(GanLoss loss, boolean minibatch, boolean exact) {
        Gan2D.Config c = Gan2D.Config.defaults().withNoise(3, Gan2D.Noise.GAUSSIAN).withGenerator(2, 5)
                .withDiscriminator(2, 6).withActivation(Activation.LEAKY_RELU).withLoss(loss)
                .withMinibatchFeature(minibatch).withBatchSize(N).withGpWeight(LAMBDA);
        Gan2D gan = new Gan2D(c, exact);
        double[] g = gan.parameters().generator();
        double[] d = gan.parameters().discriminator();
        // fixed parameters, not the random initialisation: biases non-zero and some units negative
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.6 * Math.sin(1.3 * i + 0.5);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.5 * Math.cos(0.7 * i + 0.2);
        }
        gan.setParameters(new Gan2D.Parameters(g, d));
        gan.setBatch(RX, RY, Z, EPS);
        return gan;
    }

    /** An MLP read from a flat vector: sizes[0] inputs, hidden leaky ReLU layers, a linear output. */
    private record Mlp(int[] sizes, double[] p) {
        /** Outputs and, when tangent != null, their directional derivatives along tangent (forward mode). */
        double[] apply(double[] in, double[] tangent, double[] outTangent) {
            double[] h = in.clone();
            double[] dh = tangent == null ? null : tangent.clone();
            int off = 0;
            for (int k = 0; k + 1 < sizes.length; k++) {
                int nin = sizes[k];
                int nout = sizes[k + 1];
                double[] z = new double[nout];
                double[] dz = new double[nout];
                for (int c = 0; c < nout; c++) {
                    double acc = p[off + nin * nout + c];
                    double dacc = 0;
                    for (int r = 0; r < nin; r++) {
                        double w = p[off + c * nin + r];
                        acc += w * h[r];
                        if (dh != null) {
                            dacc += w * dh[r];
                        }
                    }
                    z[c] = acc;
                    dz[c] = dacc;
                }
                off += nin * nout + nout;
                boolean hidden = k + 2 < sizes.length;
                if (hidden) {
                    for (int c = 0; c < nout; c++) {
                        double f = z[c] > 0 ? 1 : SLOPE;
                        z[c] *= f;
                        dz[c] *= f;
                    }
                }
                h = z;
                dh = dz;
            }
            if (outTangent != null) {
                System.arraycopy(dh, 0, outTangent, 0, dh.length);
            }
            assertEquals(p.length, off, "the layout accounts for every parameter");
            return h;
        }
    }

    private static double sd(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        double var = Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length;
        return Math.sqrt(var + 1e-8);
    }

    private static double stat(double[] xs, double[] ys) {
        return 0.5 * (sd(xs) + sd(ys));
    }

    private static double logSigmoid(double o) {
        return Math.log(1 / (1 + Math.exp(-o)));
    }

    private static double logOneMinusSigmoid(double o) {
        return Math.log(1 - 1 / (1 + Math.exp(-o)));
    }

    /** The reference: {L_D, penalty, mean D(real), mean D(fake), L_G} from the formulas. */
    private static double[] reference(GanLoss loss, boolean minibatch, double[] gp, double[] dp) {
        Mlp g = new Mlp(new int[] {3, 5, 5, 2}, gp);
        Mlp d = new Mlp(new int[] {minibatch ? 3 : 2, 6, 6, 1}, dp);
        double[] fx = new double[N];
        double[] fy = new double[N];
        for (int t = 0; t < N; t++) {
            double[] x = g.apply(new double[] {Z[0][t], Z[1][t], Z[2][t]}, null, null);
            fx[t] = x[0];
            fy[t] = x[1];
        }
        double sr = stat(RX, RY);
        double sf = stat(fx, fy);
        double[] dr = new double[N];
        double[] df = new double[N];
        for (int t = 0; t < N; t++) {
            dr[t] = d.apply(minibatch ? new double[] {RX[t], RY[t], sr} : new double[] {RX[t], RY[t]}, null, null)[0];
            df[t] = d.apply(minibatch ? new double[] {fx[t], fy[t], sf} : new double[] {fx[t], fy[t]}, null, null)[0];
            assertTrue(Math.abs(dr[t]) < 6 && Math.abs(df[t]) < 6, "logits stay where the literal formulas are exact");
        }
        double lossD = 0;
        double lossG = 0;
        double meanR = 0;
        double meanF = 0;
        for (int t = 0; t < N; t++) {
            switch (loss) {
                case MINIMAX, NON_SATURATING -> {
                    lossD += -logSigmoid(dr[t]) - logOneMinusSigmoid(df[t]);
                    lossG += loss == GanLoss.MINIMAX ? logOneMinusSigmoid(df[t]) : -logSigmoid(df[t]);
                    meanR += 1 / (1 + Math.exp(-dr[t]));
                    meanF += 1 / (1 + Math.exp(-df[t]));
                }
                case LEAST_SQUARES -> {
                    lossD += 0.5 * (dr[t] - 1) * (dr[t] - 1) + 0.5 * df[t] * df[t];
                    lossG += 0.5 * (df[t] - 1) * (df[t] - 1);
                    meanR += dr[t];
                    meanF += df[t];
                }
                case WGAN_GP, WGAN_CLIP -> {
                    lossD += df[t] - dr[t];
                    lossG += -df[t];
                    meanR += dr[t];
                    meanF += df[t];
                }
            }
        }
        double penalty = 0;
        if (loss == GanLoss.WGAN_GP) {
            double[] hx = new double[N];
            double[] hy = new double[N];
            for (int t = 0; t < N; t++) {
                hx[t] = EPS[t] * RX[t] + (1 - EPS[t]) * fx[t];
                hy[t] = EPS[t] * RY[t] + (1 - EPS[t]) * fy[t];
            }
            double sh = stat(hx, hy);
            for (int t = 0; t < N; t++) {
                double[] in = minibatch ? new double[] {hx[t], hy[t], sh} : new double[] {hx[t], hy[t]};
                double[] gx = new double[1];
                double[] gy = new double[1];
                d.apply(in, minibatch ? new double[] {1, 0, 0} : new double[] {1, 0}, gx);
                d.apply(in, minibatch ? new double[] {0, 1, 0} : new double[] {0, 1}, gy);
                // GanLoss: the norm is √(|∇|² + 10⁻¹²), so the penalty's gradient exists where ∇ = 0
                double norm = Math.sqrt(gx[0] * gx[0] + gy[0] * gy[0] + 1e-12);
                penalty += (norm - 1) * (norm - 1);
            }
            penalty = LAMBDA * penalty / N;
        }
        return new double[] {lossD / N + penalty, penalty, meanR / N, meanF / N, lossG / N};
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void lossValuesMatchTheFormulas(GanLoss loss) {
        for (boolean minibatch : new boolean[] {false, true}) {
            for (boolean exact : new boolean[] {true, false}) {
                Gan2D gan = tiny(loss, minibatch, exact);
                Gan2D.Parameters p = gan.parameters();
                double[] ref = reference(loss, minibatch, p.generator(), p.discriminator());
                double[] parts = new double[3];
                double lossD = gan.dLossAndGradient(N, parts);
                double lossG = gan.gLossAndGradient(N, new double[N], new double[N]);
                String what = loss + " minibatch=" + minibatch + (exact ? "" : " (float networks)");
                assertEquals(ref[0], lossD, tol(exact), what + ": L_D");
                assertEquals(ref[1], parts[0], tol(exact), what + ": penalty");
                assertEquals(ref[2], parts[1], tol(exact), what + ": mean D(real)");
                assertEquals(ref[3], parts[2], tol(exact), what + ": mean D(fake)");
                assertEquals(ref[4], lossG, tol(exact), what + ": L_G");
                if (loss == GanLoss.WGAN_GP) {
                    assertTrue(ref[1] > 0.05, "the penalty is not negligible in this check: " + ref[1]);
                }
            }
        }
    }

    /**
     * Through the public steps: the loss a D step reports is L_D of the batches it reports under the
     * parameters before it (WGAN-GP: without its penalty, whose interpolation weights a step does not
     * report, and the penalty it reports is ≥ 0), and a G step's loss is L_G of its fake batch.
     */
    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void reportedStepLossesMatchTheFormulasOnTheReportedBatches(GanLoss loss) {
        GaussianMixture2D data = GanPresets.ring(3, 1.0, 0.3);
        Gan2D gan = tiny(loss, false);
        Gan2D.Parameters before = gan.parameters();
        Gan2D.DStep ds = gan.stepD(data);
        Mlp d = new Mlp(new int[] {2, 6, 6, 1}, before.discriminator());
        double lossD = 0;
        for (int t = 0; t < N; t++) {
            double r = d.apply(new double[] {ds.realXs()[t], ds.realYs()[t]}, null, null)[0];
            double f = d.apply(new double[] {ds.fakeXs()[t], ds.fakeYs()[t]}, null, null)[0];
            lossD += switch (loss) {
                case MINIMAX, NON_SATURATING -> -logSigmoid(r) - logOneMinusSigmoid(f);
                case LEAST_SQUARES -> 0.5 * (r - 1) * (r - 1) + 0.5 * f * f;
                case WGAN_GP, WGAN_CLIP -> f - r;
            };
        }
        assertEquals(lossD / N, ds.loss() - ds.penalty(), 1e-12, loss + ": the D step's loss");
        assertTrue(ds.penalty() >= 0 && (loss == GanLoss.WGAN_GP || ds.penalty() == 0));
        Gan2D.Parameters mid = gan.parameters();
        Gan2D.GStep gs = gan.stepG();
        Mlp d2 = new Mlp(new int[] {2, 6, 6, 1}, mid.discriminator());
        double lossG = 0;
        for (int t = 0; t < N; t++) {
            double f = d2.apply(new double[] {gs.fakeXs()[t], gs.fakeYs()[t]}, null, null)[0];
            lossG += switch (loss) {
                case MINIMAX -> logOneMinusSigmoid(f);
                case NON_SATURATING -> -logSigmoid(f);
                case LEAST_SQUARES -> 0.5 * (f - 1) * (f - 1);
                case WGAN_GP, WGAN_CLIP -> -f;
            };
        }
        assertEquals(lossG / N, gs.loss(), 1e-12, loss + ": the G step's loss");
    }
}
