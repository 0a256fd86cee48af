package dev.genlab.scene.gan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;
import dev.genlab.live.Trainer;
import dev.genlab.scene.ParamSet;

/**
 * Lesson 8's plane while it plays, without a window: {@link GanLab} on the app's own {@link Trainer}
 * (thread, pacing, snapshots every ~16 ms, {@code playingChanged}), with the step "A GAN in the plane"'s
 * knobs (the defaults: moons, G and D 2 × 64, batch 256), read the way the scene reads it: the newest
 * snapshot, polled every 5 ms (the scene polls once a frame, 16 ms; a map lives about 90 ms).
 *
 * <ul>
 *   <li>{@code gan2d_heatmap_hz}: distinct D(x) heat maps (128 × 128) published a second at the app's top
 *       speed (×8, {@link GanScene#BASE_RATE} × 8 rounds a second), 5 s after 1 s of warm-up;
 *       {@code gan2d_points_hz} the same for the fake samples and the generator's warped grid;
 *       {@code gan2d_rounds_per_s_playing} the rounds trained meanwhile</li>
 *   <li>{@code _unthrottled}: the same with the trainer stepping as fast as it can (the worst case for
 *       the maps: every millisecond they take is a round not trained)</li>
 * </ul>
 * Reports figures; asserts only that maps and rounds came.
 */
@Tag("bench")
class GanLabBenchTest {

    private static final long WARMUP_MS = 1000;
    private static final long MEASURE_MS = 5000;

    @Test
    void heatMapsWhilePlaying() throws InterruptedException {
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        measure(8, "");
        measure(1e6, "_unthrottled");
        BenchReport.row("gan2d_lab_bench_other_cpu_cores", BenchReport.otherCpuCores(mark), "cores");
    }

    private static void measure(double speed, String suffix) throws InterruptedException {
        ParamSet p = new ParamSet(GanParams.SPEC);
        p.setText("panel", "plane");
        Trainer<GanLab, GanLabParams, GanSnapshot> trainer = new Trainer<>("gan-bench", new GanLab(),
                GanLabParams.from(p.values()), GanScene.BASE_RATE);
        trainer.setSpeed(speed);
        trainer.start();
        try {
            trainer.setPlaying(true);
            // the first snapshot (reset, class loading) can take seconds on a loaded machine
            long ready = System.nanoTime() + 30_000_000_000L;
            while ((trainer.latest() == null || trainer.latest().snapshot().rounds() == 0) && System.nanoTime() < ready) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertTrue(trainer.latest() != null, "the trainer published a snapshot");
            TimeUnit.MILLISECONDS.sleep(WARMUP_MS);
            long end = System.nanoTime() + MEASURE_MS * 1_000_000L;
            GanSnapshot first = trainer.latest().snapshot();
            float[] heat = first.heat();
            double[] fakes = first.fakeXs();
            int heats = 0;
            int points = 0;
            GanSnapshot last = first;
            while (System.nanoTime() < end) {
                GanSnapshot s = trainer.latest().snapshot();
                if (s.heat() != heat) {
                    heat = s.heat();
                    heats++;
                }
                if (s.fakeXs() != fakes) {
                    fakes = s.fakeXs();
                    points++;
                }
                last = s;
                TimeUnit.MILLISECONDS.sleep(5);
            }
            double seconds = MEASURE_MS / 1000.0;
            assertTrue(heats > 0, "heat maps came while playing");
            assertTrue(last.rounds() > first.rounds(), "it trained while measured");
            BenchReport.row("gan2d_heatmap_hz" + suffix, heats / seconds, "1/s");
            BenchReport.row("gan2d_points_hz" + suffix, points / seconds, "1/s");
            BenchReport.row("gan2d_rounds_per_s_playing" + suffix, (last.rounds() - first.rounds()) / seconds, "1/s");
        } finally {
            trainer.setPlaying(false);
            trainer.stop();
        }
    }
}
