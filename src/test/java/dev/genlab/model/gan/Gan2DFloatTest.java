package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;
import dev.genlab.model.nn.Activation;

/**
 * The app's float networks ({@link FloatNet}) against the double reference ({@link Gan2D.DoubleNet},
 * which {@link Gan2DGradientTest} checks against finite differences): the same parameters and batch
 * give the same losses, parameter gradients, arrows and penalty to float rounding. Two shapes: narrow
 * layers (widths 5 and 6, the weight gradient's plain reduction) and wider ones (10 and 12, the
 * transposed path) with a batch of 13, so that every kernel's remainder loops run; both activations.
 */
class Gan2DFloatTest {

    private record Shape(int gWidth, int dWidth, int n, Activation act) {
    }

    private static final Shape[] SHAPES = {
        new Shape(5, 6, 5, Activation.LEAKY_RELU),
        new Shape(10, 12, 13, Activation.LEAKY_RELU),
        new Shape(12, 10, 13, Activation.RELU),
    };

    private static Gan2D make(Shape s, GanLoss loss, boolean minibatch, boolean exact) {
        Gan2D.Config c = Gan2D.Config.defaults().withNoise(3, Gan2D.Noise.GAUSSIAN).withGenerator(2, s.gWidth())
                .withDiscriminator(2, s.dWidth()).withActivation(s.act()).withLoss(loss)
                .withMinibatchFeature(minibatch).withBatchSize(s.n()).withGpWeight(3.0).withSeed(11);
        Gan2D gan = new Gan2D(c, exact);
        SplittableRandom r = new SplittableRandom(5);
        for (double[] p : new double[][] {gan.liveGenerator(), gan.liveDiscriminator()}) {
            for (int i = 0; i < p.length; i++) {
                p[i] += 0.2 * r.nextGaussian();
            }
        }
        SplittableRandom b = new SplittableRandom(3);
        int n = s.n();
        double[] rx = new double[n];
        double[] ry = new double[n];
        double[][] z = new double[3][n];
        double[] e = new double[n];
        for (int t = 0; t < n; t++) {
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

    /** Each entry within 10⁻⁴ of the largest entry's size (float rounding is ~10⁻⁷ of it; a wrong kernel is ~1). */
    private static void assertNear(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-12;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-4 * scale,
                    what + " [" + i + "]: double " + expected[i] + ", float " + actual[i] + " (scale " + scale + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void floatGradientsMatchTheDoubleReference(GanLoss loss) {
        for (Shape s : SHAPES) {
            for (boolean minibatch : new boolean[] {false, true}) {
                String what = loss + " " + s + " minibatch=" + minibatch;
                Gan2D ref = make(s, loss, minibatch, true);
                Gan2D fast = make(s, loss, minibatch, false);
                double[] pr = new double[3];
                double[] pf = new double[3];
                double lr = ref.dLossAndGradient(s.n(), pr);
                double lf = fast.dLossAndGradient(s.n(), pf);
                assertEquals(lr, lf, 1e-5 * Math.max(1, Math.abs(lr)), what + " L_D");
                assertNear(pr, pf, what + " D parts (penalty, means)");
                if (loss == GanLoss.WGAN_GP) {
                    assertTrue(pr[0] > 1e-3, "the penalty takes part: " + pr[0]);
                }
                assertNear(ref.discriminatorGradient(), fast.discriminatorGradient(), what + " ∂L_D/∂θ_D");

                int n = s.n();
                double[] axr = new double[n];
                double[] ayr = new double[n];
                double[] axf = new double[n];
                double[] ayf = new double[n];
                double gr = ref.gLossAndGradient(n, axr, ayr);
                double gf = fast.gLossAndGradient(n, axf, ayf);
                assertEquals(gr, gf, 1e-5 * Math.max(1, Math.abs(gr)), what + " L_G");
                assertNear(ref.generatorGradient(), fast.generatorGradient(), what + " ∂L_G/∂θ_G");
                assertNear(axr, axf, what + " arrows x");
                assertNear(ayr, ayf, what + " arrows y");
            }
        }
    }

    /** Whole rounds stay close at first: the same sampling and Adam, float only in the networks. */
    @Test
    void trainingFollowsTheDoubleReferenceForAFewRounds() {
        ToyDistribution data = ToyDistributions.byId("moons");
        Gan2D ref = new Gan2D(Gan2D.Config.defaults(), true);
        Gan2D fast = new Gan2D(Gan2D.Config.defaults());
        for (int i = 0; i < 5; i++) {
            Gan2D.Round a = ref.step(data);
            Gan2D.Round b = fast.step(data);
            assertEquals(a.lossD(), b.lossD(), 1e-4, "L_D, round " + i);
            assertEquals(a.lossG(), b.lossG(), 1e-4, "L_G, round " + i);
        }
        assertNear(ref.parameters().generator(), fast.parameters().generator(), "G after 5 rounds");
        assertNear(ref.parameters().discriminator(), fast.parameters().discriminator(), "D after 5 rounds");
        double[] extent = data.bounds();
        assertNear(ref.discriminatorGrid(extent, 37, 29).values(), fast.discriminatorGrid(extent, 37, 29).values(),
                "D on a grid");
    }
}
