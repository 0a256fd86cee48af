package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Median time of one training step (forward, squared error, backward, Adam) of a 2-64-64-1 tanh
 * MLP on a batch of 256, and of a 784-400-400-1 one on a batch of 128 ({@code mlp784_*}).
 * Prints {@code name value unit} lines:
 * <ul>
 *   <li>{@code mlp_step_ms}: this package as built (flat parameters, gemm into column-major
 *       results, fused activation and Adam ops, step workspace)</li>
 *   <li>{@code mlp_step_ms_no_workspace}: the same code with its temporaries on the heap</li>
 *   <li>{@code mlp_step_ms_naive}: the textbook ND4J version: row-major arrays, {@code mmul},
 *       unfused tanh derivative and Adam, no workspace</li>
 * </ul>
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=MlpBenchTest}.
 */
@Tag("bench")
class MlpBenchTest {

    private static final int WARMUP = 200;
    private static final int TIMED = 200;

    @Test
    void mlpStep() {
        MlpRegressionExample fast = new MlpRegressionExample(61, 256, 2, 64, 64, 1);
        MlpRegressionExample heap = new MlpRegressionExample(61, 256, 2, 64, 64, 1);
        NaiveStep naive = new NaiveStep(new MlpRegressionExample(61, 256, 2, 64, 64, 1));
        // the three do the same arithmetic: equal first losses
        double first = fast.step();
        assertEquals(first, heap.stepWithoutWorkspace());
        assertEquals(first, naive.step(), 1e-5);
        assertEquals(fast.step(), naive.step(), 1e-5);

        print("mlp_step_ms", medianMs(fast::step));
        print("mlp_step_ms_no_workspace", medianMs(heap::stepWithoutWorkspace));
        print("mlp_step_ms_naive", medianMs(naive::step));
    }

    /** A VAE-sized layer stack, where the temporaries are large: does the workspace pay off there? */
    @Test
    void wideMlpStep() {
        MlpRegressionExample fast = new MlpRegressionExample(62, 128, 784, 400, 400, 1);
        MlpRegressionExample heap = new MlpRegressionExample(62, 128, 784, 400, 400, 1);
        print("mlp784_step_ms", medianMs(fast::step));
        print("mlp784_step_ms_no_workspace", medianMs(heap::stepWithoutWorkspace));
    }

    private static double medianMs(DoubleSupplier step) {
        for (int i = 0; i < WARMUP; i++) {
            step.getAsDouble();
        }
        double[] ms = new double[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long t0 = System.nanoTime();
            step.getAsDouble();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[TIMED / 2];
    }

    private static void print(String name, double ms) {
        dev.genlab.bench.BenchReport.row(name, ms, "ms");
    }

    /** The same network and step written the obvious way, as the baseline. */
    private static final class NaiveStep {
        private final INDArray x;
        private final INDArray y;
        private final INDArray[] w = new INDArray[3];
        private final INDArray[] b = new INDArray[3];
        private final INDArray[] mw = new INDArray[3];
        private final INDArray[] vw = new INDArray[3];
        private final INDArray[] mb = new INDArray[3];
        private final INDArray[] vb = new INDArray[3];
        private int t;

        NaiveStep(MlpRegressionExample source) {
            x = source.x.dup('c');
            y = source.y.dup('c');
            for (int i = 0; i < 3; i++) {
                w[i] = source.mlp.layer(i).w().dup('c');
                b[i] = source.mlp.layer(i).b().dup().reshape(1, -1);
                mw[i] = w[i].mul(0);
                vw[i] = w[i].mul(0);
                mb[i] = b[i].mul(0);
                vb[i] = b[i].mul(0);
            }
        }

        double step() {
            INDArray[] a = new INDArray[4];
            a[0] = x;
            for (int i = 0; i < 3; i++) {
                INDArray z = a[i].mmul(w[i]).addRowVector(b[i]);
                a[i + 1] = i < 2 ? Transforms.tanh(z) : z;
            }
            INDArray diff = a[3].sub(y);
            double loss = diff.mul(diff).sumNumber().doubleValue() / x.rows();
            INDArray g = diff.mul(2.0 / x.rows());
            t++;
            for (int i = 2; i >= 0; i--) {
                if (i < 2) {
                    g = g.mul(a[i + 1].mul(a[i + 1]).rsub(1));
                }
                INDArray gw = a[i].transpose().mmul(g);
                INDArray gb = g.sum(true, 0);
                g = g.mmul(w[i].transpose());
                adam(w[i], gw, mw[i], vw[i]);
                adam(b[i], gb, mb[i], vb[i]);
            }
            return loss;
        }

        private void adam(INDArray p, INDArray g, INDArray m, INDArray v) {
            m.muli(0.9).addi(g.mul(0.1));
            v.muli(0.999).addi(g.mul(g).muli(0.001));
            double alpha = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
            p.subi(m.div(Transforms.sqrt(v).addi(1e-8)).muli(alpha));
        }
    }
}
