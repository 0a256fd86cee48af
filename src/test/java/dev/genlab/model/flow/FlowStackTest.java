package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Editing the stack, and the latent diagnostics a QQ plot and a histogram need. */
class FlowStackTest {

    @Test
    void reorderingChangesTheMapButKeepsItNormalised() {
        Flow f = new Flow(Base2D.NORMAL)
                .add(new LinearLayer(2, 0.5, 0, 0.5, 0, 0))
                .add(new PlanarLayer(1, 1, 1.5, 0.2, 0))
                .add(new RadialLayer(0.5, 0, 1, 2));
        double before = f.logDensity(new double[] {0.3}, new double[] {0.2})[0];
        f.move(2, 0);
        assertEquals("radial", f.layer(0).name());
        assertEquals("linear", f.layer(1).name());
        double after = f.logDensity(new double[] {0.3}, new double[] {0.2})[0];
        assertTrue(Math.abs(before - after) > 1e-3, "layers do not commute");
        assertEquals(1, f.densityGrid(-12, 12, -12, 12, 400).mass(), 0.01);
        FlowLayer removed = f.remove(1);
        assertEquals("linear", removed.name());
        assertEquals(2, f.size());
        f.insert(0, LuLinearLayer.swap());
        assertEquals("permutation (swap)", f.layer(0).name());
        assertEquals(1, f.densityGrid(-12, 12, -12, 12, 400).mass(), 0.01);
        // the whole flow's Jacobian is the product of the layers' along the path
        double[] j = f.jacobian(0.4, -0.3);
        double[] ld = new double[1];
        f.forward(new double[] {0.4}, new double[] {-0.3}, ld);
        assertEquals(ld[0], Math.log(Math.abs(j[0] * j[3] - j[1] * j[2])), 1e-10);
        assertEquals("", f.health());
    }

    @Test
    void baseSamplesLieOnTheQqDiagonalAndFillTheHistogram() {
        for (Base2D b : Base2D.values()) {
            double[] xs = new double[20000];
            double[] ys = new double[20000];
            b.sample(xs.length, new SplittableRandom(8), xs, ys);
            double[][] qq = LatentDiagnostics.qq(xs, b);
            for (int i = 1000; i < 19000; i += 1000) {
                assertEquals(qq[0][i], qq[1][i], 0.05 * (1 + Math.abs(qq[0][i])), b + " quantile " + i);
            }
            double[] h = LatentDiagnostics.histogram(ys, -3, 3, 30);
            double w = 6.0 / 30;
            for (int k = 5; k < 25; k += 4) {
                double u = -3 + (k + 0.5) * w;
                assertEquals(LatentDiagnostics.marginalDensity(b, u), h[k], 0.03, b + " bin " + k);
            }
        }
    }
}
