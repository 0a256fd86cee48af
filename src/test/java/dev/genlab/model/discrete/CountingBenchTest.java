package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ProceduralDigits;

/**
 * What a knob change costs in the counting lessons: build the model, fit it to 10 000 training
 * images of 28x28 (procedural digits, ink ≥ 0.5) and compute the train and test NLL (2 000 test
 * images). Median over repeats after a warm-up. Reports figures, asserts only that they were taken.
 */
@Tag("bench")
class CountingBenchTest {

    private static final int REPEATS = 15;
    private static final int WARMUP = 15;

    /** Median milliseconds of refit + train NLL + test NLL for each supplied model, summed. */
    @SafeVarargs
    static double refitMs(BinaryImages train, BinaryImages test, BinaryImages train4, BinaryImages test4,
            Supplier<BinaryImageModel>... models) {
        double[] ms = new double[REPEATS];
        double sink = 0;
        for (int r = -WARMUP; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            for (Supplier<BinaryImageModel> s : models) {
                BinaryImageModel m = s.get();
                boolean small = m.ordering().pixels() == train4.pixels();
                m.fit(small ? train4 : train);
                sink += m.trainNll() + m.nll(small ? test4 : test);
            }
            if (r >= 0) {
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        assertTrue(Double.isFinite(sink));
        return BenchReport.median(ms);
    }

    @Test
    void refitAfterAKnobChange() {
        var digits = ProceduralDigits.generate(12_000, 2);
        BinaryImages all = BinaryImages.from(digits, 28, 0.5, 12_000);
        BinaryImages train = all.subset(0, 10_000);
        BinaryImages test = all.subset(10_000, 12_000);
        BinaryImages all4 = BinaryImages.from(digits, 4, 0.35, 12_000);
        BinaryImages train4 = all4.subset(0, 10_000);
        BinaryImages test4 = all4.subset(10_000, 12_000);
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        double counting = refitMs(train, test, train4, test4,
                () -> new IndependentModel(28, 28, 1),
                () -> new MarkovModel(PixelOrdering.raster(28, 28), 1, 1),
                () -> NeighbourhoodModel.ofRadius(28, 28, 1, 1),
                () -> new FullJointModel(4, 4, 1));
        double markov = refitMs(train, test, train4, test4,
                () -> new MarkovModel(PixelOrdering.raster(28, 28), 8, 1));
        BenchReport.row("counting_refit_ms", counting, "ms");
        BenchReport.row("markov_refit_ms", markov, "ms");
        BenchReport.row("counting_refit_ms_independent", refitMs(train, test, train4, test4,
                () -> new IndependentModel(28, 28, 1)), "ms");
        BenchReport.row("counting_refit_ms_markov1_hilbert", refitMs(train, test, train4, test4,
                () -> new MarkovModel(PixelOrdering.hilbert(28, 28), 1, 1)), "ms");
        BenchReport.row("counting_refit_ms_neighbourhood_r1", refitMs(train, test, train4, test4,
                () -> NeighbourhoodModel.ofRadius(28, 28, 1, 1)), "ms");
        BenchReport.row("counting_refit_ms_neighbourhood_r2", refitMs(train, test, train4, test4,
                () -> NeighbourhoodModel.ofRadius(28, 28, 2, 1)), "ms");
        BenchReport.row("counting_refit_ms_full_joint_4x4", refitMs(train, test, train4, test4,
                () -> new FullJointModel(4, 4, 1)), "ms");
        BenchReport.row("counting_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }
}
