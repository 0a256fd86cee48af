package dev.genlab.scene.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.DatasetDiscovery;
import dev.genlab.data.IdxReader;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.scene.families.FamiliesSnapshot.Row;

/**
 * The whole comparison as the app runs it (the default training time per network, the real clock), on the built-in
 * digits and, when installed, on Fashion-MNIST: prints the table and writes each family's number and time to quality
 * to the bench report. Several minutes per data set ({@code -Pbench}, or {@code -Dtest=FamiliesTableBench
 * -Dexcluded.groups=none}).
 */
@Tag("bench")
class FamiliesTableBench {

    @Test
    void defaultBudgetTable() throws Exception {
        run("digits", ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED));
        Optional<java.nio.file.Path> fashion = DatasetDiscovery.fashionMnistFolder();
        if (fashion.isPresent() && !Boolean.getBoolean("genlab.families.digitsOnly")) {
            DatasetDiscovery.IdxPair pair = DatasetDiscovery.findPair(fashion.get()).orElseThrow();
            run("fashion", IdxReader.readPair(pair.images(), pair.labels()));
        }
    }

    static void run(String name, ImageDataset images) {
        FamiliesLab lab = new FamiliesLab();
        FamiliesParams p = FamiliesParams.of(FamiliesParams.SEED, images);
        long t0 = System.nanoTime();
        lab.reset(p);
        while (lab.next() != null) {
            lab.step(p);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        FamiliesSnapshot s = lab.snapshot(p);
        lab.close();
        assertEquals(FamiliesSnapshot.Family.values().length, s.rows().size());
        System.out.printf("families on %s (%d images): target %.2f nats, budget %d s, %.0f s in all%n", name,
                images.size(), s.target(), s.budgetSeconds(), seconds);
        for (Row r : s.rows()) {
            FamiliesSnapshot.Quality q = r.quality();
            System.out.printf("  %-11s %-10s nll %8.2f \u00b1 %5.2f  est %8.3f  sample %9.4f ms  params %,10d  latent %3d"
                    + "  quality %-12s %7.2f s  best %8.3f  steps %,7d  reached at step %d  evals %s%n",
                    r.family(), r.kind(), r.nll(), r.se(), r.estimate(), r.sampleMs(), r.params(), r.latent(),
                    q.kind(), q.seconds(), q.best(), q.trainSteps(), q.reachedStep(),
                    java.util.Arrays.toString(q.evalValues()));
            BenchReport.row("families_" + name + "_" + r.family().id() + "_nll", r.nll(), "nats");
            BenchReport.row("families_" + name + "_" + r.family().id() + "_quality_s", q.seconds(), "s");
        }
        BenchReport.row("families_" + name + "_total_s", seconds, "s");
    }
}
