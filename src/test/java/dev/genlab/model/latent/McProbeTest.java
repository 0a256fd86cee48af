package dev.genlab.model.latent;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class McProbeTest {
    @Test
    void probe() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] d = new double[300][];
        for (int i = 0; i < 300; i++) {
            double z = r.nextGaussian();
            d[i] = new double[] {1.6 * z + 0.3 + 0.3 * r.nextGaussian(), 0.9 * z - 0.2 + 0.3 * r.nextGaussian()};
        }
        Ppca model = Ppca.fit(d, 1);
        double[] x = {1, 0.5};
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 21; i++) {
                int k = (int) Math.round(Math.pow(10, 0.25 * i));
                Estimators.repeat(rr -> PpcaSubspace.naive(model, x, k, rr), 20, 100 + i);
            }
            long t1 = System.nanoTime();
            Estimators.repeat(rr -> PpcaSubspace.naive(model, x, 100000, rr), 20, 99);
            long t2 = System.nanoTime();
            System.out.printf("MCPROBE curve %.1f ms, now(K=1e5) %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
    }
}
