package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;

/**
 * One D step changes only D's parameters and one G step only G's, for every loss, both optimisers and
 * with or without the minibatch feature ({@link Gan2DTest} checks the default config only): the other
 * network's parameters are bit-for-bit the same and G's samples for a fixed seed too after a D step.
 * With SGD the step is exactly θ ← θ − η ∇L on the gradient the step computed (then clipped to [−c, c]
 * for WGAN-clip's critic), so a step is one gradient step of its own player and nothing else.
 */
class Gan2DStepIsolationTest {

    private static final ToyDistribution DATA = ToyDistributions.byId("mixture");

    @ParameterizedTest
    @EnumSource(GanLoss.class)
    void aDStepMovesOnlyDAndAGStepOnlyG(GanLoss loss) {
        for (Gan2D.Optimiser opt : Gan2D.Optimiser.values()) {
            for (boolean minibatch : new boolean[] {false, true}) {
                String what = loss + " " + opt + " minibatch=" + minibatch;
                Gan2D gan = new Gan2D(Gan2D.Config.defaults().withGenerator(2, 8).withDiscriminator(2, 8)
                        .withBatchSize(32).withLoss(loss).withMinibatchFeature(minibatch)
                        .withOptimiser(opt, 0.05, 0.05).withSteps(3, 2));
                for (int i = 0; i < 3; i++) {
                    gan.step(DATA); // away from the initial state, Adam's moments non-zero
                }
                Gan2D.Parameters before = gan.parameters();
                Gan2D.Points samples = gan.generate(200, 5);
                long gSteps = gan.gStepsTaken();
                gan.stepD(DATA);
                Gan2D.Parameters afterD = gan.parameters();
                assertArrayEquals(before.generator(), afterD.generator(), what + ": a D step left G alone");
                assertArrayEquals(samples.xs(), gan.generate(200, 5).xs(), what);
                assertEquals(gSteps, gan.gStepsTaken());
                // clipped critics sit mostly on ±c, where a step that pushes outwards changes nothing
                double moved = changed(before.discriminator(), afterD.discriminator());
                assertTrue(loss == GanLoss.WGAN_CLIP ? moved > 0 : moved > 0.5,
                        what + ": a D step moves D's parameters, moved " + moved);
                if (opt == Gan2D.Optimiser.SGD) {
                    double c = gan.config().clip();
                    double[] grad = gan.discriminatorGradient();
                    for (int i = 0; i < grad.length; i++) {
                        double next = before.discriminator()[i] - 0.05 * grad[i];
                        if (loss == GanLoss.WGAN_CLIP) {
                            next = Math.max(-c, Math.min(c, next));
                        }
                        assertEquals(next, afterD.discriminator()[i], 1e-15, what + ": D parameter " + i);
                    }
                }
                long dSteps = gan.dStepsTaken();
                gan.stepG();
                Gan2D.Parameters afterG = gan.parameters();
                assertArrayEquals(afterD.discriminator(), afterG.discriminator(), what + ": a G step left D alone");
                assertEquals(dSteps, gan.dStepsTaken());
                assertTrue(changed(afterD.generator(), afterG.generator()) > 0.5,
                        what + ": a G step moves most of G's parameters");
                if (opt == Gan2D.Optimiser.SGD) {
                    double[] grad = gan.generatorGradient();
                    for (int i = 0; i < grad.length; i++) {
                        assertEquals(afterD.generator()[i] - 0.05 * grad[i], afterG.generator()[i], 1e-15,
                                what + ": G parameter " + i);
                    }
                }
            }
        }
    }

    /** The fraction of entries that differ. */
    private static double changed(double[] a, double[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n / (double) a.length;
    }
}
