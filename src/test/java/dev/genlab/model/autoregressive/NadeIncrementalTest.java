package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.PixelOrdering;

/**
 * NADE's O(DH) running sum against the O(D²H) recomputation: the same conditionals (to 1e-6, and equal to
 * the model's own batched pass), and the multiply-adds each loop counts equal to the formulas the read-out
 * shows, 2DH and H·D(D − 1)/2 + DH.
 */
class NadeIncrementalTest {

    @Test
    void incrementalAndNaivePassesAgreeAndCountWhatTheFormulasSay() {
        for (int[] g : new int[][] {{3, 4, 5}, {4, 5, 7}, {28, 28, 16}}) {
            int rows = g[0];
            int cols = g[1];
            int h = g[2];
            int d = rows * cols;
            Nade nade = new Nade(rows, cols, h, PixelOrdering.random(rows, cols, 3), DataType.DOUBLE, 5);
            SplittableRandom r = new SplittableRandom(2);
            double[] p = nade.saveParams();
            for (int i = 0; i < p.length; i++) {
                p[i] = 0.5 * NadeTest.gaussian(r);
            }
            nade.loadParams(p);
            byte[] x = NadeTest.randomBits(r, d);
            Nade.Pass inc = nade.incrementalPass(x);
            Nade.Pass naive = nade.naivePass(x);
            float[] model = nade.conditionals(x, 1);
            for (int j = 0; j < d; j++) {
                assertEquals(naive.conditionals()[j], inc.conditionals()[j], 1e-6, "pixel " + j);
                assertEquals(model[j], inc.conditionals()[j], 1e-6, "the model's own pass, pixel " + j);
            }
            assertEquals(2L * d * h, inc.multiplyAdds());
            assertEquals((long) h * d * (d - 1) / 2 + (long) d * h, naive.multiplyAdds());
            assertEquals(nade.multiplyAddsPerImage(), inc.multiplyAdds());
            assertEquals(nade.naiveMultiplyAddsPerImage(), naive.multiplyAdds());
        }
    }
}
