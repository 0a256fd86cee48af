package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.bench.BenchReport;
import dev.genlab.lesson.Lesson;
import dev.genlab.scene.TrainerScene;

/**
 * Issue 16's navigation stalls: how long the JavaFX thread is busy without a break when the window builds a step
 * or lays itself out anew, in the real main window (1280 × 800, headless Monocle, software rendering, default
 * settings). An {@link FxStallProbe} posts a no-op every 2 ms and times its wait, and the JavaFX thread's CPU
 * time over it. Each event is sent on the JavaFX thread as the window's own controls send it, then the bench
 * waits until the scene has drawn its first snapshot and the JavaFX thread has had no wait of 40 ms or more for
 * 400 ms (6 s at most); the event's stall is its longest wait from the event to then.
 *
 * <ol>
 *   <li>{@code open_first}: every step of every usable lesson opened in order, each for the first time in this
 *       JVM (lesson 1's first step, which the window opens as it shows, is in {@code open_again});
 *       {@code open_first_scene} are those of them that build a new scene (a lesson's first step), and
 *       {@code open_first_same_scene} the others.</li>
 *   <li>{@code open_again}: the same tour again (each lesson's first step builds its scene again: the previous
 *       lesson's scene was left).</li>
 *   <li>At the middle step of each lesson: {@code language} (English → Korean → English), {@code theme}
 *       (light → dark → light), {@code presenter_on}, {@code presenter_off}, {@code zoom} (1 → 1.25 → 1).</li>
 * </ol>
 * Rows per kind: {@code nav_stall_ms_max_<kind>} and {@code nav_stall_ms_p50_<kind>} (over events, each event's
 * longest wait, wall time), {@code nav_stall_cpu_ms_max_<kind>} and {@code _p50_} (each event's largest JavaFX
 * CPU time within one wait), {@code nav_stall_own_ms_max_<kind>} (each event's longest wait less the time the
 * JavaFX thread was ready to run but waited for a core, Linux's run delay), {@code nav_over_250_<kind>} (events whose longest wait passed 250 ms),
 * {@code nav_events_<kind>}; {@code nav_bench_other_cpu_cores} as in the frame bench; every event in
 * {@code target/nav-stalls.csv}. {@code -Dgenlab.navbench.lessons=05,06} limits the lessons (ids' prefixes).
 * Reports figures, asserts only that the events were measured.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class NavStallBenchTest {

    static final long PROBE_PERIOD_MS = 2;
    static final long QUIET_MS = 40;
    static final long QUIET_FOR_MS = 400;
    static final long MIN_SETTLE_MS = 300;
    static final long MAX_SETTLE_MS = 6000;
    static final double BUDGET_MS = 250;

    private MainWindow window;
    private FxStallProbe probe;
    private final Map<String, List<double[]>> byKind = new LinkedHashMap<>();
    private final List<String> csv = new ArrayList<>(List.of("kind,lesson,step,stall_ms,stall_cpu_ms,stall_own_ms,fx_cpu_total_ms,settle_ms,start_epoch_ms"));

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "bench-nav");
    }

    @AfterEach
    void tearDown() {
        if (probe != null) {
            probe.close();
        }
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.setPresenter(false));
        fxRun(() -> window.themeProperty().set(AppPrefs.Theme.LIGHT));
        fxRun(() -> window.zoomProperty().set(1));
        AppTestSupport.closeWindow(window);
    }

    @Test
    void stallsWhileBuildingStepsAndLayouts() throws IOException {
        String only = System.getProperty("genlab.navbench.lessons", "");
        List<Lesson> lessons = fx(() -> window.catalogue().lessons().stream().filter(Lesson::isUsable)
                .filter(l -> only.isBlank() || java.util.Arrays.stream(only.split(",")).anyMatch(p -> l.id().startsWith(p.trim())))
                .toList());
        assertTrue(!lessons.isEmpty(), "no lesson matches " + only);
        WaitForAsyncUtils.waitForFxEvents();
        awaitSettled(System.nanoTime());
        probe = new FxStallProbe(PROBE_PERIOD_MS, 2, QUIET_MS, null);
        BenchReport.CpuMark mark = BenchReport.cpuMark();

        Set<String> seen = new HashSet<>();
        Lesson shown = fx(() -> window.lessonProperty().get());
        seen.add(shown.id() + "#" + fx(() -> window.stepProperty().get()));
        for (int tour = 0; tour < 2; tour++) {
            for (Lesson l : lessons) {
                for (int i = 0; i < l.stepCount(); i++) {
                    int step = i;
                    boolean first = seen.add(l.id() + "#" + i);
                    String kind = first ? "open_first" : "open_again";
                    double[] m = measure(kind, l, step, () -> window.open(l, step));
                    assertEquals(step, (int) fx(() -> window.stepProperty().get()));
                    if (first) {
                        add(i == 0 ? "open_first_scene" : "open_first_same_scene", m);
                    }
                }
            }
        }
        for (Lesson l : lessons) {
            int step = l.stepCount() / 2;
            measure("open_again", l, step, () -> window.open(l, step));
            measure("language", l, step, () -> window.setLanguage(Locale.KOREAN));
            measure("language", l, step, () -> window.setLanguage(Locale.ENGLISH));
            measure("theme", l, step, () -> window.themeProperty().set(AppPrefs.Theme.DARK));
            measure("theme", l, step, () -> window.themeProperty().set(AppPrefs.Theme.LIGHT));
            measure("presenter_on", l, step, () -> window.setPresenter(true));
            measure("presenter_off", l, step, () -> window.setPresenter(false));
            measure("zoom", l, step, () -> window.zoomProperty().set(1.25));
            measure("zoom", l, step, () -> window.zoomProperty().set(1));
        }
        double others = BenchReport.otherCpuCores(mark);

        int events = 0;
        for (Map.Entry<String, List<double[]>> e : byKind.entrySet()) {
            double[] wall = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] cpu = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
            double[] own = e.getValue().stream().mapToDouble(v -> v[2]).toArray();
            String k = e.getKey();
            BenchReport.row("nav_events_" + k, wall.length, "events");
            BenchReport.row("nav_stall_ms_max_" + k, BenchReport.percentile(wall, 1), "ms");
            BenchReport.row("nav_stall_ms_p50_" + k, BenchReport.median(wall), "ms");
            BenchReport.row("nav_stall_cpu_ms_max_" + k, BenchReport.percentile(cpu, 1), "ms");
            BenchReport.row("nav_stall_cpu_ms_p50_" + k, BenchReport.median(cpu), "ms");
            BenchReport.row("nav_stall_own_ms_max_" + k, BenchReport.percentile(own, 1), "ms");
            BenchReport.row("nav_over_250_" + k, java.util.Arrays.stream(wall).filter(w -> w > BUDGET_MS).count(), "events");
            events += wall.length;
        }
        BenchReport.row("nav_bench_other_cpu_cores", others, "cores");
        Path f = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/nav-stalls.csv");
        Files.createDirectories(f.getParent());
        Files.write(f, csv);
        assertTrue(events >= 2 * lessons.size(), "events measured: " + events);
        for (String k : List.of("open_again", "language", "theme", "presenter_on", "presenter_off", "zoom")) {
            assertTrue(byKind.containsKey(k) && !byKind.get(k).isEmpty(), "no " + k + " event measured");
        }
    }

    /** Sends one event on the JavaFX thread, waits until it has settled; its longest stall and that stall's CPU. */
    private double[] measure(String kind, Lesson l, int step, Runnable event) {
        long epoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long cpu0 = probe.fxCpuNs();
        fxRun(event);
        long settled = awaitSettled(t0);
        long cpu1 = probe.fxCpuNs();
        double wall = 0;
        double cpu = 0;
        double own = 0;
        for (FxStallProbe.Stall s : probe.since(t0)) {
            wall = Math.max(wall, s.wallMs());
            cpu = Math.max(cpu, s.cpuMs());
            own = Math.max(own, s.ownMs());
        }
        double[] m = {wall, cpu, own};
        add(kind, m);
        csv.add(String.format(Locale.ROOT, "%s,%s,%d,%.1f,%.1f,%.1f,%.1f,%.0f,%d", kind, l.id(), step + 1, wall, cpu,
                own, (cpu1 - cpu0) / 1e6, (settled - t0) / 1e6, epoch));
        System.out.printf(Locale.ROOT, "nav %-22s %-28s step %2d  stall %7.1f ms  cpu %7.1f ms  own %7.1f ms%n", kind,
                l.id(), step + 1, wall, cpu, own);
        return m;
    }

    private void add(String kind, double[] m) {
        byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(m);
    }

    /**
     * Waits until the shown scene (a trainer scene) has drawn a snapshot since it was activated and the JavaFX
     * thread has had no wait of {@link #QUIET_MS} for {@link #QUIET_FOR_MS}; returns when (System.nanoTime).
     */
    private long awaitSettled(long t0) {
        long end = t0 + MAX_SETTLE_MS * 1_000_000L;
        while (System.nanoTime() < end) {
            boolean drawn = fx(() -> !(window.currentScene().orElse(null) instanceof TrainerScene<?, ?, ?> t)
                    || t.firstDrawn() != null);
            long now = System.nanoTime();
            if (drawn && now - t0 >= MIN_SETTLE_MS * 1_000_000L
                    && (probe == null || probe.quietForNs() >= QUIET_FOR_MS * 1_000_000L)) {
                return now;
            }
            WaitForAsyncUtils.sleep(probe == null ? 200 : 20, TimeUnit.MILLISECONDS);
        }
        return System.nanoTime();
    }
}
