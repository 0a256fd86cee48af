package dev.genlab.model.flow;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A coupling network on a large batch (the density grid: 128 × 128 = 16384 points at once) in
 * single precision: the one product that matters, hidden → hidden (n × H · H × H, 2nH² flops), is one
 * {@code Nd4j.gemm} on column-major float arrays, where OpenBLAS runs at the single-core peak
 * (~100 GFLOP/s on the machine STACK.md was measured on, ~46 on the 2-core VM of BENCHMARKS.md); the rest (the rank-1 input layer, biases, the tanhs and
 * the H → 2 output layer) is a few passes over the n × H activations in plain Java, which C2
 * auto-vectorises.
 *
 * <p>The tanhs are the bulk of the work besides the gemm: 2·n·H per coupling, 8.4 M for the lesson's
 * grid. Measured on 16384 × 32 floats (one hidden layer of the grid, this 2-core machine, one ND4J
 * thread, other builds running): ND4J's {@code Transforms.tanh} in place 7.5 ms, the plain-Java
 * rational tanh loop below 0.51 ms (CouplingBenchTest, rows {@code flow_tanh16k32_*}): the Java loop
 * is used, fifteen times faster.
 *
 * <p>The activations are stored feature-major, one array per hidden unit: laid end to end they are
 * the buffer of an n × H column-major INDArray, so crossing to ND4J is H bulk copies each way. All n
 * points go through one gemm: chunks of 1024–4096 points (activations in L2) were measured no faster,
 * the smaller products losing more than the cache gained. Scratch
 * arrays are kept per thread (a network belongs to one thread) and reused while n and H stay.
 */
final class CouplingGemm {

    /** Batches of at least this many points take this path; smaller ones stay in {@link CouplingNet}. */
    static final int MIN_BATCH = 2048;

    private static final ThreadLocal<CouplingGemm> SCRATCH = ThreadLocal.withInitial(CouplingGemm::new);

    private int n = -1;
    private int h = -1;
    private INDArray x;
    private INDArray y;
    private FloatBuffer xBuf;
    private FloatBuffer yBuf;
    private float[][] act = new float[0][];
    private float[] in = new float[0];
    private float[] outS = new float[0];
    private float[] outT = new float[0];

    static CouplingGemm scratch() {
        return SCRATCH.get();
    }

    private void ensure(int points, int hidden) {
        if (points == n && hidden == h) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            x = Nd4j.createUninitialized(DataType.FLOAT, new long[] {points, hidden}, 'f');
            y = Nd4j.createUninitialized(DataType.FLOAT, new long[] {points, hidden}, 'f');
        }
        xBuf = x.data().asNioFloat();
        yBuf = y.data().asNioFloat();
        act = new float[hidden][points];
        in = new float[points];
        outS = new float[points];
        outT = new float[points];
        n = points;
        h = hidden;
    }

    /** W2 of a network as an H × H column-major float INDArray, refreshed when the parameters changed. */
    static final class Weights {
        private INDArray w2;
        private long version = -1;

        synchronized INDArray of(CouplingNet net) {
            int h = net.h;
            if (w2 == null || w2.rows() != h) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    w2 = Nd4j.createUninitialized(DataType.FLOAT, new long[] {h, h}, 'f');
                }
                version = -1;
            }
            if (version != net.version) {
                float[] w = new float[h * h];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) net.p[net.offW2 + i];
                }
                FloatBuffer b = w2.data().asNioFloat();
                b.clear();
                b.put(w);
                version = net.version;
            }
            return w2;
        }
    }

    /** out[i] = ŝ_i, out[count + i] = t_i for the first {@code count} values of a (tanh networks only). */
    void forward(CouplingNet net, Weights weights, double[] a, int count, double[] out) {
        int hh = net.h;
        ensure(count, hh);
        double[] p = net.p;
        float[][] v = act;
        // one array per hidden unit and no double → float conversion inside the loops: C2 (JDK 17)
        // vectorises neither a loop over one flat array at two offsets nor one that converts
        float[] x0 = in;
        for (int i = 0; i < count; i++) {
            x0[i] = (float) a[i];
        }
        // input layer (rank 1) and its tanh
        xBuf.clear();
        for (int j = 0; j < hh; j++) {
            float w = (float) p[j];
            float b = (float) p[net.offB1 + j];
            float[] r = v[j];
            for (int i = 0; i < count; i++) {
                r[i] = CouplingNet.tanhFast(w * x0[i] + b);
            }
            xBuf.put(r, 0, count);
        }
        Nd4j.gemm(x, weights.of(net), y, false, false, 1.0, 0.0);
        yBuf.clear();
        float[] s = outS;
        float[] t = outT;
        // without a scale output (NICE) ŝ stays 0: its weights read as 0 below
        java.util.Arrays.fill(s, 0, count, net.withScale ? (float) p[net.offB3] : 0f);
        java.util.Arrays.fill(t, 0, count, (float) p[net.offBT]);
        for (int j = 0; j < hh; j++) {
            float[] r = v[j];
            yBuf.get(r, 0, count);
            float b = (float) p[net.offB2 + j];
            float ws = net.withScale ? (float) p[net.offW3 + j] : 0f;
            float wt = (float) p[net.offWT + j];
            for (int i = 0; i < count; i++) {
                float q = CouplingNet.tanhFast(r[i] + b);
                s[i] += ws * q;
                t[i] += wt * q;
            }
        }
        for (int i = 0; i < count; i++) {
            out[i] = s[i];
            out[count + i] = t[i];
        }
    }
}
