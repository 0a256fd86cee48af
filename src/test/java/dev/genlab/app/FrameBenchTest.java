package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javafx.animation.AnimationTimer;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.bench.BenchReport;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.autoregressive.AutoregressiveScene;
import dev.genlab.scene.density.DensityScene;

/**
 * Frame times of the real main window while the density scene trains: Play at the highest
 * speed (headless Monocle, software rendering), 1 s of warm-up, then 5 s measured.
 *
 * <ul>
 *   <li>{@code frame_ms_*}: interval between consecutive pulses, from an {@link AnimationTimer}'s
 *       {@code now} (the pulse timestamp).</li>
 *   <li>{@code fx_busy_ms_*}: wall time the FX thread spent in one pulse from the start of the
 *       animation timers (this bench's timer is registered before the scene's, so it runs first)
 *       to the end of CSS and layout (a {@link javafx.scene.Scene#addPostLayoutPulseListener
 *       post-layout pulse listener}). It covers drawing the new snapshot into the canvases, CSS and
 *       layout; not the scene-graph sync nor the rasterisation on the render thread.</li>
 *   <li>{@code fx_cpu_ms_*}: CPU time of the FX thread per frame interval (ThreadMXBean): all its
 *       work between two pulses, including sync and {@code runLater} jobs.</li>
 *   <li>{@code render_cpu_ms_*}: CPU time per frame interval of the prism render thread
 *       ({@code QuantumRenderer-0}), which rasterises the scene in the software pipeline.</li>
 * </ul>
 * Reports figures, asserts only that enough frames were seen while the model trained.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class FrameBenchTest {

    private static final long WARMUP_MS = 1000;
    private static final long MEASURE_MS = 5000;
    private static final int MAX_FRAMES = 10_000;

    private MainWindow window;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    // written on the FX thread only; read after recording stopped (fx() call = happens-before)
    private final double[] interval = new double[MAX_FRAMES];
    private final double[] busy = new double[MAX_FRAMES];
    private final double[] cpu = new double[MAX_FRAMES];
    private final double[] renderCpu = new double[MAX_FRAMES];
    private int intervals;
    private int busies;
    private int cpus;
    private int renders;
    private long renderThread = -1;
    private long lastRenderCpu = -1;
    private boolean recording;
    private long lastNow = -1;
    private long lastCpu = -1;
    private long pulseStart = -1;
    private AnimationTimer probe;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        // started before the window opens its scene, so this timer runs first in every pulse
        probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart = System.nanoTime();
                long c = threads.getCurrentThreadCpuTime();
                if (recording) {
                    if (lastNow >= 0 && intervals < MAX_FRAMES) {
                        interval[intervals++] = (now - lastNow) / 1e6;
                    }
                    if (lastCpu >= 0 && cpus < MAX_FRAMES) {
                        cpu[cpus++] = (c - lastCpu) / 1e6;
                    }
                }
                long r = renderThread >= 0 ? threads.getThreadCpuTime(renderThread) : -1;
                if (recording && lastRenderCpu >= 0 && r >= 0 && renders < MAX_FRAMES) {
                    renderCpu[renders++] = (r - lastRenderCpu) / 1e6;
                }
                lastNow = now;
                lastCpu = c;
                lastRenderCpu = r;
            }
        };
        probe.start();
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("bench-frames"), url -> { });
        window.fxScene().addPostLayoutPulseListener(() -> {
            if (recording && pulseStart >= 0 && busies < MAX_FRAMES) {
                busy[busies++] = (System.nanoTime() - pulseStart) / 1e6;
            }
            pulseStart = -1;
        });
        window.show();
    }

    @AfterEach
    void tearDown() {
        fxRun(() -> {
            probe.stop();
            window.close();
        });
    }

    @Test
    void densitySceneTrainingAtTopSpeed(FxRobot robot) {
        // the one-ND4J-thread rule holds in the benchmark JVM (surefire sets it)
        assertEquals("1", System.getenv("OMP_NUM_THREADS"), "OMP_NUM_THREADS");
        DensityScene scene = fx(() -> (DensityScene) window.currentScene().orElseThrow());
        measure(robot, scene, "", () -> scene.lastShown().iteration(), "em_iters_per_s_playing", "iter/s");
    }

    /**
     * Lesson 5 while NADE and then PixelCNN train from scratch at the top speed (as fast as the
     * trainer can step, the grid of samples redrawn between steps): the same rows with the
     * prefixes {@code ar_nade_} and {@code ar_pixelcnn_}, and the Adam steps a second.
     */
    @Test
    void autoregressiveSceneTrainingAtTopSpeed(FxRobot robot) {
        for (String model : new String[] {"nade", "pixelcnn", "made", "fvsbn"}) {
            fxRun(() -> window.open("05-neural-autoregressive", 1));
            AutoregressiveScene scene = fx(() -> (AutoregressiveScene) window.currentScene().orElseThrow());
            fxRun(() -> scene.params().set("model", model));
            AppTestSupport.awaitFx(scene::lastShown, x -> x.side() == 28 && x.model().equals(model)
                    && x.testY().length > 0, model + " ready");
            measure(robot, scene, "ar_" + model + "_", () -> scene.lastShown().steps(), "ar_" + model
                    + "_steps_per_s_playing", "steps/s");
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Lesson 6's "Autoregressive flows: MAF and IAF" step (eight MAF layers on the moons) while it trains at the
     * top speed: the same rows with the prefix {@code maf_}, and the steps a second (issue 15: the UI at 60 fps
     * while an autoregressive flow trains).
     */
    @Test
    void mafTrainingAtTopSpeed(FxRobot robot) {
        fxRun(() -> window.open("06-change-of-variables", 10));
        dev.genlab.scene.flow.FlowScene scene = fx(() -> (dev.genlab.scene.flow.FlowScene) window.currentScene()
                .orElseThrow());
        AppTestSupport.awaitFx(scene::lastShown, s -> s.density() != null && s.layerKinds().length > 0,
                "the MAF flow");
        measure(robot, scene, "maf_", () -> scene.lastShown().steps(), "maf_steps_per_s_playing", "steps/s");
    }

    /**
     * Lesson 5's continuous step while RNADE trains at the top speed (two moons, K = 1 as the step opens, 20 Adam
     * steps a scene step, the density map renewed at most every 120 ms): the same rows with the prefix
     * {@code rnade_}, and the Adam steps a second.
     */
    @Test
    void rnadeTrainingAtTopSpeed(FxRobot robot) {
        fxRun(() -> window.open("05-neural-autoregressive", 11));
        dev.genlab.scene.autoregressive.AutoregressiveScene scene = fx(
                () -> (dev.genlab.scene.autoregressive.AutoregressiveScene) window.currentScene().orElseThrow());
        AppTestSupport.awaitFx(scene::lastShown, s -> s.continuous() != null, "RNADE");
        measure(robot, scene, "rnade_", () -> scene.lastShown().continuous().adamSteps(), "rnade_adam_steps_per_s_playing",
                "steps/s");
    }

    /**
     * Lesson 7 while the VAE and the AE train from scratch at the top speed (the "train it from scratch"
     * step: latent 2, hidden 256, batch 128, the latent map and images renewed once a second): the same rows
     * with the prefix {@code elbo_vae_}, and the steps a second.
     */
    @Test
    void vaeTrainingAtTopSpeed(FxRobot robot) {
        fxRun(() -> window.open("07-latent-variables", 10));
        dev.genlab.scene.elbo.ElboScene scene = fx(() -> (dev.genlab.scene.elbo.ElboScene) window.currentScene()
                .orElseThrow());
        AppTestSupport.awaitFx(scene::lastShown, x -> x.vae() != null && !x.vae().fromCheckpoint(), "the VAE ready");
        measure(robot, scene, "elbo_vae_", () -> scene.lastShown().vae().steps(), "elbo_vae_steps_per_s_playing",
                "steps/s");
    }

    /**
     * Lesson 8's "A GAN in the plane" (the plane panel, moons, G and D 2 × 64, batch 256) while the GAN trains
     * at the top speed: the same rows with the prefix {@code gan_plane_}, the rounds a second meanwhile, and
     * the distinct D(x) heat maps the panel drew a second ({@code gan_plane_heatmaps_drawn_per_s}). Played
     * first until 1,500 rounds (at most 60 s), so that the measured seconds run compiled code.
     */
    @Test
    void ganPlaneTraining(FxRobot robot) {
        fxRun(() -> window.open("08-gan-minimax", 7));
        dev.genlab.scene.gan.GanScene scene = fx(() -> (dev.genlab.scene.gan.GanScene) window.currentScene()
                .orElseThrow());
        assertEquals(dev.genlab.scene.gan.GanParams.Panel.PLANE, fx(() -> scene.params().get(
                dev.genlab.scene.gan.GanParams.PANEL)), "the step shows the plane");
        AppTestSupport.awaitFx(scene::lastPlane, x -> x.heat() != null, "the plane's first snapshot");
        // warm-up until C2 has compiled the networks' loops (a fresh JVM runs them interpreted for the first
        // seconds, tens of rounds a second on a loaded machine): play until 1,500 rounds or 60 s, then pause
        robot.clickOn("#play");
        long until = System.nanoTime() + 60_000_000_000L;
        while (fx(() -> scene.lastPlane().rounds()) < 1500 && System.nanoTime() < until) {
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        robot.clickOn("#play");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        // the heat maps the panel drew: a new array in the snapshot it last drew, sampled every pulse
        int[] maps = new int[1];
        Object[] lastHeat = new Object[1];
        AnimationTimer heatProbe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                dev.genlab.scene.gan.GanSnapshot s = scene.lastPlane();
                if (s != null && s.heat() != lastHeat[0]) {
                    lastHeat[0] = s.heat();
                    maps[0]++;
                }
            }
        };
        fxRun(heatProbe::start);
        long[] mapsAt = new long[1];
        measure(robot, scene, "gan_plane_", () -> {
            // called just before and just after the measured 5 s: the map count goes with the rounds
            mapsAt[0] = maps[0] - mapsAt[0];
            return scene.lastPlane().rounds();
        }, "gan_plane_rounds_per_s_playing", "rounds/s");
        BenchReport.row("gan_plane_heatmaps_drawn_per_s", mapsAt[0] / (MEASURE_MS / 1000.0), "1/s");
        // and at ×1, the speed a student starts at (60 rounds a second)
        mapsAt[0] = 0;
        measure(robot, scene, "gan_plane_x1_", () -> {
            mapsAt[0] = maps[0] - mapsAt[0];
            return scene.lastPlane().rounds();
        }, "gan_plane_x1_rounds_per_s_playing", "rounds/s", 1.0);
        fxRun(heatProbe::stop);
        BenchReport.row("gan_plane_x1_heatmaps_drawn_per_s", mapsAt[0] / (MEASURE_MS / 1000.0), "1/s");
    }

    /** Plays the scene at the top speed, 1 s warm-up, 5 s measured, and reports the rows with this prefix. */
    private void measure(FxRobot robot, LessonScene scene, String prefix, java.util.concurrent.Callable<Long> progress,
                         String progressRow, String progressUnit) {
        measure(robot, scene, prefix, progress, progressRow, progressUnit,
                MainWindow.SPEEDS.get(MainWindow.SPEEDS.size() - 1));
    }

    /** The same at a speed of the toolbar's list. */
    private void measure(FxRobot robot, LessonScene scene, String prefix, java.util.concurrent.Callable<Long> progress,
                         String progressRow, String progressUnit, double top) {
        fxRun(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<Double> speed = (ComboBox<Double>) window.fxScene().lookup("#speed");
            speed.setValue(top);
        });
        assertEquals(top, fx(() -> scene.speedProperty().get()), 1e-9, "the speed box drives the scene");
        robot.clickOn("#play");
        assertTrue(fx(() -> scene.playingProperty().get()), "playing");
        WaitForAsyncUtils.sleep(WARMUP_MS, TimeUnit.MILLISECONDS);

        long itersBefore = fx(progress);
        // the prism thread that rasterises (software pipeline): its CPU per frame is reported too
        long render = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
        BenchReport.CpuMark mark = BenchReport.cpuMark();
        fxRun(() -> {
            renderThread = render;
            recording = true;
            intervals = 0;
            busies = 0;
            cpus = 0;
            renders = 0;
            lastNow = -1;
            lastCpu = -1;
            lastRenderCpu = -1;
        });
        WaitForAsyncUtils.sleep(MEASURE_MS, TimeUnit.MILLISECONDS);
        fxRun(() -> recording = false);
        double others = BenchReport.otherCpuCores(mark);
        long itersAfter = fx(progress);
        robot.clickOn("#play");

        double[] iv = fx(() -> Arrays.copyOf(interval, intervals));
        double[] bz = fx(() -> Arrays.copyOf(busy, busies));
        double[] cp = fx(() -> Arrays.copyOf(cpu, cpus));
        double[] rc = fx(() -> Arrays.copyOf(renderCpu, renders));
        assertTrue(iv.length >= 50, "frames seen: " + iv.length);
        assertTrue(bz.length >= 50, "pulses timed: " + bz.length);
        assertTrue(itersAfter > itersBefore, "the model trained while measured");

        BenchReport.row(prefix + "frame_ms_p50", BenchReport.percentile(iv, 0.50), "ms");
        BenchReport.row(prefix + "frame_ms_p99", BenchReport.percentile(iv, 0.99), "ms");
        BenchReport.row(prefix + "frame_ms_max", BenchReport.percentile(iv, 1.0), "ms");
        BenchReport.row(prefix + "fx_busy_ms_p50", BenchReport.percentile(bz, 0.50), "ms");
        BenchReport.row(prefix + "fx_busy_ms_p99", BenchReport.percentile(bz, 0.99), "ms");
        BenchReport.row(prefix + "fx_cpu_ms_p50", BenchReport.percentile(cp, 0.50), "ms");
        BenchReport.row(prefix + "fx_cpu_ms_p99", BenchReport.percentile(cp, 0.99), "ms");
        if (rc.length > 0) {
            BenchReport.row(prefix + "render_cpu_ms_p50", BenchReport.percentile(rc, 0.50), "ms");
            BenchReport.row(prefix + "render_cpu_ms_p99", BenchReport.percentile(rc, 0.99), "ms");
        }
        BenchReport.row(prefix + "frames_per_s", iv.length / (Arrays.stream(iv).sum() / 1000), "fps");
        if (Double.isFinite(others)) {
            BenchReport.row(prefix + "frame_bench_other_cpu_cores", others, "cores");
        }
        BenchReport.row(progressRow, (itersAfter - itersBefore) / (MEASURE_MS / 1000.0), progressUnit);
    }
}
