package dev.genlab.model.flow;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import dev.genlab.bench.BenchReport;

/**
 * What the density grid's parts cost: tanh over one hidden layer of the grid (16384 × 32 floats) in
 * ND4J and in the plain-Java loop {@link CouplingGemm} uses, and the analytic (network-free) 2-D view.
 * Run with {@code ./mvnw -o -q test -Pbench -Dtest=CouplingBenchTest}.
 */
@Tag("bench")
class CouplingBenchTest {

    @Test
    void tanhAndAnalyticView() {
        int n = 16384 * 32;
        INDArray a = Nd4j.rand(DataType.FLOAT, 16384, 32).subi(0.5).muli(6);
        float[] v = a.data().asFloat();
        float[] w = new float[n];
        double[] nd = new double[30];
        double[] java = new double[30];
        for (int rep = -10; rep < nd.length; rep++) {
            INDArray b = a.dup('f');
            long t0 = System.nanoTime();
            Transforms.tanh(b, false);
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                w[i] = CouplingNet.tanhFast(v[i]);
            }
            long t2 = System.nanoTime();
            if (rep >= 0) {
                nd[rep] = (t1 - t0) / 1e6;
                java[rep] = (t2 - t1) / 1e6;
            }
        }
        BenchReport.row("flow_tanh16k32_nd4j_ms", BenchReport.median(nd), "ms");
        BenchReport.row("flow_tanh16k32_java_ms", BenchReport.median(java), "ms");

        // the analytic stack of the 2-D view: 8 layers of linear / planar / radial / LU
        Flow analytic = new Flow(Base2D.NORMAL);
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 2; k++) {
            analytic.add(new LinearLayer(1.1, 0.2, -0.3, 0.9, 0, 0)).add(new PlanarLayer(1, 0.5, 0.4, 0.2, 0))
                    .add(new RadialLayer(0.2, 0.1, 1, 0.5)).add(LuLinearLayer.randomRotation(r));
        }
        double[] g = new double[20];
        for (int i = -5; i < g.length; i++) {
            long t0 = System.nanoTime();
            analytic.densityGrid(-3, 3, -3, 3, 128);
            analytic.cells(-3, 3, -3, 3, 32);
            analytic.warpedGridLines(-3, 3, -3, 3, 21, 101);
            if (i >= 0) {
                g[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        BenchReport.row("flow_analytic_view_ms", BenchReport.median(g), "ms");
    }
}
