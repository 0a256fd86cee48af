package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;


/** {@link FloatAdam}'s Java loop makes the same updates as {@link Adam} (libnd4j's adam_updater). */
class FloatAdamTest {

    @Test
    void sameUpdatesAsNd4jAdam() {
        int n = 1000;
        SplittableRandom r = new SplittableRandom(4);
        float[] start = new float[n];
        for (int i = 0; i < n; i++) {
            start[i] = (float) r.nextGaussian();
        }
        INDArray a = Nd4j.createFromArray(start.clone());
        INDArray b = Nd4j.createFromArray(start.clone());
        Adam reference = new Adam(n, DataType.FLOAT, 0.01);
        FloatAdam mine = new FloatAdam(n);
        for (int step = 0; step < 20; step++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (r.nextGaussian() * (1 + i % 7)) + a.getFloat(i); // depends on the parameters
            }
            reference.step(a, Nd4j.createFromArray(g.clone()));
            mine.step(b, Nd4j.createFromArray(g.clone()), 0.01);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(a.getFloat(i), b.getFloat(i), 2e-5, "parameter " + i);
        }
        assertEquals(20, mine.steps());
    }
}
