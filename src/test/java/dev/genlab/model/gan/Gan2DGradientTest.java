package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import dev.genlab.model.nn.Activation;

/**
 * Hand-written back-propagation of {@link Gan2D} against central finite differences, in double
 * precision ({@link Gan2D.DoubleNet}, the reference; {@code Gan2DFloatTest} holds the app's float
 * networks to it) on a tiny instance (noise 3, G 3-5-5-2, D 2(+1)-6-6-1, leaky ReLU so no unit is dead,
 * batch 5): D's gradient for every loss (WGAN_GP's includes the exact double-backprop penalty), G's
 * gradient for every loss, the arrows ∂L_G/∂x, and the minibatch feature's path into the arrows.
 */
class Gan2DGradientTest {

    private static final int N = 5;
    private static final double H = 1e-6;

    private static Gan2D tiny(GanLoss loss, boolean minibatch) {
        return tiny(loss, minibatch, true);
    }

    /** The tiny instance, in double ({@code exact}) or with the app's float networks, on the same batch. */
    static Gan2D tiny(GanLoss loss, boolean minibatch, boolean exact) {
        Gan2D.Config c = Gan2D.Config.defaults().withNoise(3, Gan2D.Noise.GAUSSIAN).withGenerator(2, 5)
                .withDiscriminator(2, 6).withActivation(Activation.LEAKY_RELU).withLoss(loss)
                .withMinibatchFeature(minibatch).withBatchSize(N).withGpWeight(3.0).withSeed(11);
        Gan2D gan = new Gan2D(c, exact);
        // biases away from zero so the test is not only about weights
        SplittableRandom r = new SplittableRandom(5);
        perturbAll(gan.liveGenerator(), r);
        perturbAll(gan.liveDiscriminator(), r);
        SplittableRandom b = new SplittableRandom(3);
        double[] rx = new double[N];
        double[] ry = new double[N];
        double[][] z = new double[3][N];
        double[] e = new double[N];
        for (int t = 0; t < N; t++) {
            rx[t] = b.nextGaussian();
            ry[t] = 1 + 0.5 * b.nextGaussian();
            for (double[] zi : z) {
                zi[t] = b.nextGaussian();
            }
            e[t] = b.nextDouble();
        }
        gan.setBatch(rx, ry, z, e);
        return gan;
    }

    private static void perturbAll(double[] p, SplittableRandom r) {
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.2 * r.nextGaussian();
        }
    }

    private static double central(double[] p, int i, DoubleSupplier f) {
        double old = p[i];
        p[i] = old + H;
        double up = f.getAsDouble();
        p[i] = old - H;
        double down = f.getAsDouble();
        p[i] = old;
        return (up - down) / (2 * H);
    }

    private static void assertClose(double analytic, double numeric, String what) {
        double scale = Math.max(1e-4, Math.abs(analytic) + Math.abs(numeric));
        assertTrue(Math.abs(analytic - numeric) / scale < 2e-5,
                what + ": analytic " + analytic + " vs finite difference " + numeric);
    }

    private static double dLoss(Gan2D gan) {
        return gan.dLossAndGradient(N, new double[3]);
    }

    private static double gLoss(Gan2D gan) {
        return gan.gLossAndGradient(N, new double[N], new double[N]);
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void discriminatorGradientMatchesFiniteDifferences(GanLoss loss) {
        for (boolean minibatch : new boolean[] {false, true}) {
            Gan2D gan = tiny(loss, minibatch);
            double[] parts = new double[3];
            gan.dLossAndGradient(N, parts);
            if (loss == GanLoss.WGAN_GP) {
                assertTrue(parts[0] > 1e-3, "the penalty must take part in this check, was " + parts[0]);
            }
            double[] grad = gan.discriminatorGradient();
            double[] p = gan.liveDiscriminator();
            for (int i = 0; i < p.length; i++) {
                double fd = central(p, i, () -> dLoss(gan));
                assertClose(grad[i], fd, loss + " minibatch=" + minibatch + " D param " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void generatorGradientMatchesFiniteDifferences(GanLoss loss) {
        for (boolean minibatch : new boolean[] {false, true}) {
            Gan2D gan = tiny(loss, minibatch);
            gLoss(gan);
            double[] grad = gan.generatorGradient();
            double[] p = gan.liveGenerator();
            for (int i = 0; i < p.length; i++) {
                double fd = central(p, i, () -> gLoss(gan));
                assertClose(grad[i], fd, loss + " minibatch=" + minibatch + " G param " + i);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void arrowsAreTheGradientOfTheGeneratorLossAtEachFakePoint(GanLoss loss) {
        for (boolean minibatch : new boolean[] {false, true}) {
            Gan2D gan = tiny(loss, minibatch);
            double[] xs = {0.3, -1.2, 0.8, 2.0, -0.4};
            double[] ys = {1.1, 0.2, -0.7, 0.5, 1.9};
            double[] ax = new double[N];
            double[] ay = new double[N];
            gan.gLossAndArrows(xs, ys, N, ax, ay);
            for (int t = 0; t < N; t++) {
                double fdx = central(xs, t, () -> gan.gLossAndArrows(xs, ys, N, new double[N], new double[N]));
                double fdy = central(ys, t, () -> gan.gLossAndArrows(xs, ys, N, new double[N], new double[N]));
                assertClose(ax[t], fdx, loss + " minibatch=" + minibatch + " ∂L/∂x of point " + t);
                assertClose(ay[t], fdy, loss + " minibatch=" + minibatch + " ∂L/∂y of point " + t);
            }
        }
    }

    @Test
    void gStepArrowsEqualTheGradientAtTheBatchItReports() {
        Gan2D gan = tiny(GanLoss.NON_SATURATING, true);
        double[] params = gan.liveDiscriminator().clone();
        Gan2D.GStep s = gan.stepG();
        Gan2D check = tiny(GanLoss.NON_SATURATING, true);
        System.arraycopy(params, 0, check.liveDiscriminator(), 0, params.length);
        double[] ax = new double[N];
        double[] ay = new double[N];
        double loss = check.gLossAndArrows(s.fakeXs(), s.fakeYs(), N, ax, ay);
        assertEquals(loss, s.loss(), 1e-12);
        for (int t = 0; t < N; t++) {
            assertEquals(ax[t], s.gradXs()[t], 1e-12);
            assertEquals(ay[t], s.gradYs()[t], 1e-12);
        }
    }

    /**
     * The minibatch statistic's own path: ∂s/∂x_t = (x_t − x̄) / (2 n σ_x) against finite differences,
     * and its share of the arrows is there: the arrows differ from the finite differences of the loss
     * with s frozen (D's spatial gradient alone) by more than rounding.
     */
    @Test
    void minibatchFeatureGradientReachesThePoints() {
        Gan2D gan = tiny(GanLoss.LEAST_SQUARES, true);
        double[] xs = {0.3, -1.2, 0.8, 2.0, -0.4};
        double[] ys = {1.1, 0.2, -0.7, 0.5, 1.9};
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= N;
        double var = 0;
        for (double x : xs) {
            var += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(var / N + 1e-8);
        for (int t = 0; t < N; t++) {
            double fd = central(xs, t, () -> Gan2D.minibatchStat(xs, ys, N));
            assertClose((xs[t] - mean) / (2 * N * sd), fd, "∂s/∂x of point " + t);
        }
        double s = Gan2D.minibatchStat(xs, ys, N);
        double[] ax = new double[N];
        double[] ay = new double[N];
        gan.gLossAndArrows(xs, ys, N, ax, ay);
        double statPart = 0;
        for (int t = 0; t < N; t++) {
            double frozen = central(xs, t, () -> frozenStatLoss(gan, xs, ys, s));
            statPart += Math.abs(ax[t] - frozen);
        }
        assertTrue(statPart > 1e-4, "the minibatch statistic's gradient should reach the points, was " + statPart);
    }

    /** L_G = (1/n) Σ_t ℓ(d(x_t, s)) with s held fixed. */
    private static double frozenStatLoss(Gan2D gan, double[] xs, double[] ys, double s) {
        double total = 0;
        for (int t = 0; t < N; t++) {
            total += gan.frozenStatPointLoss(xs[t], ys[t], s);
        }
        return total / N;
    }
}
