package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.discrete.BinaryImages;

/** NADE's batched ND4J engine frees what it allocates: evaluating thousands of images again and again stays flat. */
class NadeNativeMemoryTest {

    /** Native memory in use: the process's physical bytes less the Java heap it has committed. */
    private static double nativeMb() {
        System.gc();
        return (org.bytedeco.javacpp.Pointer.physicalBytes() - Runtime.getRuntime().totalMemory()) / 1e6;
    }

    @Test
    void runningSumsMatchASumWrittenOut() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.rand(type, 3, 4, 5).dup('c');
            double[] v = a.ravel().toDoubleVector();
            INDArray fwd = a.dup('c');
            INDArray rev = a.dup('c');
            Nade.cumsumLastAxis(fwd, false);
            Nade.cumsumLastAxis(rev, true);
            double[] f = new double[v.length];
            double[] r = new double[v.length];
            for (int row = 0; row < 12; row++) {
                double s = 0;
                for (int t = 0; t < 5; t++) {
                    s += v[row * 5 + t];
                    f[row * 5 + t] = s;
                }
                s = 0;
                for (int t = 4; t >= 0; t--) {
                    s += v[row * 5 + t];
                    r[row * 5 + t] = s;
                }
            }
            assertArrayEquals(f, fwd.ravel().toDoubleVector(), 1e-5);
            assertArrayEquals(r, rev.ravel().toDoubleVector(), 1e-5);
        }
    }

    @Test
    void evaluatingThousandsOfImagesRepeatedlyKeepsNativeMemoryFlat() throws Exception {
        Nade nade = Nade.loadDigits(DataType.FLOAT);
        nade.setEngine(Nade.Engine.ND4J);
        BinaryImages data = BinaryImages.from(ProceduralDigits.generate(3000, 3), 28, 0.5, 3000);
        nade.logProb(data);
        nade.logProb(data);
        double before = nativeMb();
        int calls = 8;
        for (int i = 0; i < calls; i++) {
            nade.logProb(data);
        }
        double grew = nativeMb() - before;
        System.out.printf("NADE ND4J engine: native memory %+.1f MB over %d calls on 3000 images%n", grew, calls);
        // with ND4J's CumSum op each call on 3,000 images kept about 60 MB
        assertTrue(grew < 60, "native memory grew " + grew + " MB over " + calls + " calls");
    }
}
