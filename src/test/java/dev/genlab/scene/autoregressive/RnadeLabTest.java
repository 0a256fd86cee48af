package dev.genlab.scene.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.genlab.data.ToyDistributions;
import dev.genlab.model.autoregressive.Rnade;
import dev.genlab.scene.ParamSet;

/**
 * The continuous panel's numbers and curves against independent computations: the conditionals drawn against
 * the network's joint density integrated by quadrature, the truth against the toy's geometry, the held-out NLL and
 * the best Gaussian against direct sums, and the lesson's claims about K = 1 and K = 5 on the two moons.
 */
class RnadeLabTest {

    static AutoregressiveParams params(String... knobs) {
        ParamSet v = new ParamSet(AutoregressiveParams.SPEC);
        v.setText("view", "continuous");
        for (int i = 0; i < knobs.length; i += 2) {
            v.setText(knobs[i], knobs[i + 1]);
        }
        return AutoregressiveParams.from(v.values(), null);
    }

    static RnadeLab trained(AutoregressiveParams p, int steps) {
        RnadeLab lab = new RnadeLab();
        lab.sync(p);
        for (int i = 0; i < steps; i++) {
            lab.step(p);
        }
        return lab;
    }

    /** p(x₁) = ∫ exp ln p(x₁, x₂) dx₂ by the midpoint rule over [−15, 15], far wider than any mixture's mass. */
    static double marginal(Rnade m, double x1) {
        int n = 6000;
        double h = 30.0 / n;
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(m.logDensity(new double[] {x1, -15 + (j + 0.5) * h}));
        }
        return s * h;
    }

    @Test
    void theCurvesDrawnAreTheConditionalsOfTheNetworksJointDensity() {
        AutoregressiveParams p = params("learning_rate", "0.01", "components", "3", "slice", "0.35");
        RnadeLab lab = trained(p, 20);
        RnadeView v = lab.view(p);
        Rnade m = lab.model();
        for (int i = 0; i < v.x1().length; i += 30) {
            double truth = marginal(m, v.x1()[i]);
            assertEquals(truth, v.marginal()[i], 1e-6 * Math.max(1, truth), "p(x1) at " + v.x1()[i]);
        }
        double pa = marginal(m, v.slice());
        for (int j = 0; j < v.x2().length; j += 20) {
            double joint = Math.exp(m.logDensity(new double[] {v.slice(), v.x2()[j]}));
            assertEquals(joint / pa, v.conditional()[j], 1e-6 * Math.max(1, joint / pa), "p(x2 | x1) at " + v.x2()[j]);
        }
        for (double[][] parts : List.of(v.marginalComponents(), v.conditionalComponents())) {
            assertEquals(3, parts.length);
        }
        for (int j = 0; j < v.x2().length; j++) {
            double sum = 0;
            for (double[] c : v.conditionalComponents()) {
                sum += c[j];
            }
            assertEquals(v.conditional()[j], sum, 1e-12, "the components add up to the mixture");
        }
        double w = 0;
        for (double a : v.sliceWeights()) {
            w += a;
        }
        assertEquals(1, w, 1e-12);
        // the map: cell (row r from the bottom, column c) is the density at its centre
        double[] b = v.bounds();
        int side = v.gridSide();
        for (int[] rc : new int[][] {{0, 0}, {side - 1, 3}, {side / 2, side / 3}}) {
            double x = b[0] + (b[1] - b[0]) * (rc[1] + 0.5) / side;
            double y = b[2] + (b[3] - b[2]) * (rc[0] + 0.5) / side;
            assertEquals(Math.exp(m.logDensity(new double[] {x, y})), v.density()[rc[0] * side + rc[1]], 1e-6);
        }
    }

    @Test
    void theTruthIsTheToysDensityAndTheMoonsAreOneAboveTheOtherAtZero() {
        RnadeView v = trained(params("slice", "0"), 0).view(params("slice", "0"));
        double h = v.x2()[1] - v.x2()[0];
        double mass = 0;
        for (int j = 0; j < v.x2().length; j++) {
            mass += (j == 0 || j == v.x2().length - 1 ? 0.5 : 1) * v.conditionalTruth()[j] * h;
        }
        assertEquals(1, mass, 1e-9);
        double h1 = v.x1()[1] - v.x1()[0];
        double m1 = 0;
        for (int i = 0; i < v.x1().length; i++) {
            m1 += (i == 0 || i == v.x1().length - 1 ? 0.5 : 1) * v.marginalTruth()[i] * h1;
        }
        assertEquals(1, m1, 1e-3, "p(x1) of the two moons integrates to 1 over their bounds");
        // at x1 = 0 the upper moon passes at cos t = 1/2, x2 = sin(pi/3) - 1/4, the lower one at minus that
        List<Double> peaks = peaks(v.x2(), v.conditionalTruth());
        assertEquals(2, peaks.size(), "two bumps: " + peaks);
        double arc = Math.sin(Math.PI / 3) - 0.25;
        assertEquals(-arc, peaks.get(0), 0.03);
        assertEquals(arc, peaks.get(1), 0.03);
        // a slice outside the data's bounds is drawn at their edge
        AutoregressiveParams far = params("toy", "checkerboard", "slice", "3");
        assertEquals(2.0, trained(far, 0).view(far).slice(), 1e-12);
    }

    /** Local maxima above a tenth of the highest, in order. */
    static List<Double> peaks(double[] x, double[] y) {
        double max = 0;
        for (double v : y) {
            max = Math.max(max, v);
        }
        List<Double> out = new ArrayList<>();
        for (int i = 1; i + 1 < y.length; i++) {
            if (y[i] > y[i - 1] && y[i] >= y[i + 1] && y[i] > 0.1 * max) {
                out.add(x[i]);
            }
        }
        return out;
    }

    @Test
    void theHeldOutNllAndTheBestGaussianAreWhatTheyClaim() {
        AutoregressiveParams p = params("toy", "rings", "learning_rate", "0.01");
        RnadeLab lab = trained(p, 5);
        RnadeView v = lab.view(p);
        double[] test = lab.testPoints();
        double s = 0;
        for (int i = 0; i < test.length / 2; i++) {
            s -= lab.model().logDensity(new double[] {test[2 * i], test[2 * i + 1]});
        }
        assertEquals(s / (test.length / 2), v.testNll(), 1e-9);
        assertEquals(RnadeLab.TEST_POINTS, test.length / 2);
        assertEquals(5L * RnadeLab.ADAM_PER_STEP, v.adamSteps());
        // the Gaussian: mean and covariance of the training points, −ln N of each test point written out
        double[] train = lab.trainPoints();
        int n = train.length / 2;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += train[2 * i] / n;
            my += train[2 * i + 1] / n;
        }
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (train[2 * i] - mx) * (train[2 * i] - mx) / n;
            sxy += (train[2 * i] - mx) * (train[2 * i + 1] - my) / n;
            syy += (train[2 * i + 1] - my) * (train[2 * i + 1] - my) / n;
        }
        // Cholesky Σ = L Lᵀ, z = L⁻¹(x − μ): −ln N = ln 2π + ln L11 + ln L22 + |z|²/2
        double l11 = Math.sqrt(sxx);
        double l21 = sxy / l11;
        double l22 = Math.sqrt(syy - l21 * l21);
        double g = 0;
        for (int i = 0; i < test.length / 2; i++) {
            double z1 = (test[2 * i] - mx) / l11;
            double z2 = (test[2 * i + 1] - my - l21 * z1) / l22;
            g += Math.log(2 * Math.PI) + Math.log(l11) + Math.log(l22) + 0.5 * (z1 * z1 + z2 * z2);
        }
        assertEquals(g / (test.length / 2), v.gaussianNll(), 1e-9);
        assertEquals(ToyDistributions.byId("rings").entropy(), v.entropy(), 0);
    }

    /**
     * The lesson's step: on the two moons at its preset (rate 0.01, batch 32), K = 1 cannot split the slice at
     * x₁ = 0 and K = 5 does, reaching a lower held-out NLL, below the best Gaussian's, after 150 steps (15 s at
     * speed 1); for three seeds.
     */
    @Test
    void fiveComponentsSplitTheMoonsAndBeatOne() {
        for (String seed : new String[] {"1", "2", "3"}) {
            AutoregressiveParams one = params("components", "1", "learning_rate", "0.01", "seed", seed);
            AutoregressiveParams five = params("components", "5", "learning_rate", "0.01", "seed", seed);
            RnadeView v1 = trained(one, 150).view(one);
            RnadeView v5 = trained(five, 150).view(five);
            System.out.printf("seed %s: K=1 %.3f, K=5 %.3f, Gaussian %.3f, H %.3f%n", seed, v1.testNll(), v5.testNll(),
                    v5.gaussianNll(), v5.entropy());
            assertEquals(1, peaks(v1.x2(), v1.conditional()).size());
            List<Double> split = peaks(v5.x2(), v5.conditional());
            assertEquals(2, split.size(), "seed " + seed + ": " + split);
            assertTrue(v5.testNll() < v1.testNll() - 0.2, "seed " + seed);
            assertTrue(v1.testNll() < v1.gaussianNll(), "seed " + seed);
            assertTrue(v5.testNll() > v5.entropy(), "seed " + seed);
        }
    }

    @Test
    void aRestoreTakesTheNetworkBackAndANewKStartsAgain() {
        AutoregressiveParams p = params("learning_rate", "0.01");
        RnadeLab lab = trained(p, 3);
        RnadeLab.Saved s = lab.save();
        double[] before = lab.model().params().clone();
        lab.step(p);
        lab.model().params()[0] = Double.NaN;
        assertTrue(!lab.isHealthy());
        lab.restore(s);
        assertTrue(lab.isHealthy());
        assertEquals(3L * RnadeLab.ADAM_PER_STEP, lab.adamSteps());
        assertEquals(before[0], lab.model().params()[0]);
        lab.sync(params("learning_rate", "0.01", "components", "2"));
        assertEquals(0, lab.adamSteps());
        assertNotNull(lab.view(p));
    }
}
