package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.TrainerScene;

/**
 * Issue 16, "models under abuse": every step of every lesson visited round after round in the real window, the
 * language and the theme changing between rounds (round r, counted from 0: English when r is even, Korean when odd;
 * light when r / 2 is even, dark when odd, so rounds 1–4 see all four pairs). Each step stays open until its scene's
 * trainer has drawn a snapshot (a scene without a trainer: two pulses), then the next one opens. After every step
 * change no {@code trainer-*} thread but the shown scene's may be alive. After every round TestFX's record of fired
 * events is emptied ({@link AppTestSupport#forgetFiredEvents}), the heap is read after full GCs and the process's
 * resident memory from {@code /proc/self/status} (VmRSS).
 *
 * <p>Fails when the resident memory after the last round is more than 20 % above its value after the first, when
 * the heap after the last round is more than 10 % above its baseline (the largest of rounds 2–4: by round 4 every
 * language and theme has been shown once, so every cache that is keyed by them has been filled once), or when the
 * heap climbs: the largest of the last ten rounds more than {@value #CLIMB_MB} MB above the largest of rounds 2–11.
 * Writes {@code rss_mb_round1}, {@code rss_mb_roundN}, {@code heap_mb_round1}, {@code heap_mb_roundN} (N the number of
 * rounds, 50 by default: {@code -Dgenlab.rounds=5}) to {@code target/bench.txt} and every round to
 * {@code target/memory-rounds.csv}; with {@code -Dgenlab.rounds.histo=true} the live objects by class after each round
 * to {@code target/rounds-histo-N.txt}, with {@code -Dgenlab.rounds.dump=N} the heap after round N to
 * {@code target/rounds-N.hprof}. Run: {@code ./mvnw -o -Prounds test} (README, Reliability figures).
 */
@Tag("rounds")
@ExtendWith(ApplicationExtension.class)
class MemoryRoundsTest {

    static final int ROUNDS = Integer.getInteger("genlab.rounds", 50);
    /** How much the heap after GC may rise in the last ten rounds over rounds 2–11 before it counts as a climb. */
    static final double CLIMB_MB = 8;
    /** At least this long on each step (its text and figures are laid out; its trainer started). */
    static final long MIN_DWELL_MS = 40;
    private static final double MB = 1024.0 * 1024.0;

    private MainWindow window;
    /** Trainer threads found alive after their scene was left (collected, so that the rounds go on). */
    private final List<String> trainersLeft = new ArrayList<>();

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "memory-rounds");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> window.themeProperty().set(AppPrefs.Theme.LIGHT));
        AppTestSupport.closeWindow(window);
    }

    @Test
    void everyStepFiftyTimesKeepsMemoryFlat() throws IOException {
        assertTrue(ROUNDS >= 2, "genlab.rounds must be at least 2: " + ROUNDS);
        // the resident memory is the app's only in the environment its launcher gives it (pom.xml, surefire)
        Map<String, String> app = new HashMap<>();
        Launcher.childEnvironment(app);
        for (Map.Entry<String, String> e : app.entrySet()) {
            assertEquals(e.getValue(), System.getenv(e.getKey()), e.getKey());
        }
        List<Lesson> lessons = fx(() -> window.catalogue().lessons().stream().filter(Lesson::isUsable).toList());
        assertTrue(lessons.size() >= 8, "usable lessons: " + lessons.size());
        List<double[]> rows = new ArrayList<>(); // round, heap MB, RSS MB, seconds, steps
        List<String> csv = new ArrayList<>(List.of("round,lang,theme,steps,seconds,heap_mb,rss_mb,heap_committed_mb,javacpp_mb,threads"));
        Path csvFile = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/memory-rounds.csv");
        Files.createDirectories(csvFile.getParent());
        int stepsPerRound = -1;
        for (int r = 0; r < ROUNDS; r++) {
            Locale lang = r % 2 == 0 ? Locale.ENGLISH : Locale.KOREAN;
            AppPrefs.Theme theme = (r / 2) % 2 == 0 ? AppPrefs.Theme.LIGHT : AppPrefs.Theme.DARK;
            long t0 = System.nanoTime();
            fxRun(() -> window.setLanguage(lang));
            fxRun(() -> window.themeProperty().set(theme));
            int steps = tour(lessons);
            if (stepsPerRound < 0) {
                stepsPerRound = steps;
            }
            assertEquals(stepsPerRound, steps, "steps in round " + (r + 1));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double heap = heapMbAfterGc();
            double rss = rssMb();
            histogram(r + 1);
            if (Boolean.getBoolean("genlab.rounds.native")) {
                nativeMemory(r + 1);
            }
            if (Integer.getInteger("genlab.rounds.dump", 0) == r + 1) {
                dumpHeap(r + 1);
            }
            rows.add(new double[] {r + 1, heap, rss, seconds, steps});
            String line = String.format(Locale.ROOT, "%d,%s,%s,%d,%.1f,%.2f,%.1f,%.1f,%.1f,%d", r + 1,
                    lang.getLanguage(), theme.name().toLowerCase(Locale.ROOT), steps, seconds, heap, rss,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / MB,
                    org.bytedeco.javacpp.Pointer.totalBytes() / MB, Thread.activeCount());
            csv.add(line);
            Files.write(csvFile, csv);
            System.out.println("memory round " + line);
        }
        double rss1 = rows.get(0)[2];
        double rssN = rows.get(ROUNDS - 1)[2];
        double heap1 = rows.get(0)[1];
        double heapN = rows.get(ROUNDS - 1)[1];
        BenchReport.row("memory_rounds", ROUNDS, "rounds");
        BenchReport.row("memory_round_steps", stepsPerRound, "steps");
        BenchReport.row("rss_mb_round1", rss1, "MB");
        BenchReport.row("rss_mb_round" + ROUNDS, rssN, "MB");
        BenchReport.row("heap_mb_round1", heap1, "MB");
        BenchReport.row("heap_mb_round" + ROUNDS, heapN, "MB");

        BenchReport.row("memory_rounds_trainers_left", trainersLeft.size(), "threads");
        List<String> failures = new ArrayList<>(trainersLeft);
        if (rssN > 1.2 * rss1) {
            failures.add(String.format(Locale.ROOT, "resident memory %.1f MB after round %d, more than 1.2 × %.1f MB "
                    + "after round 1", rssN, ROUNDS, rss1));
        }
        double baseline = maxHeap(rows, 2, Math.min(4, ROUNDS));
        if (ROUNDS > 4 && heapN > 1.1 * baseline) {
            failures.add(String.format(Locale.ROOT, "heap after GC %.1f MB after round %d, more than 1.1 × %.1f MB "
                    + "(the largest of rounds 2–4)", heapN, ROUNDS, baseline));
        }
        if (ROUNDS >= 21) {
            double early = maxHeap(rows, 2, 11);
            double late = maxHeap(rows, ROUNDS - 9, ROUNDS);
            if (late > early + CLIMB_MB) {
                failures.add(String.format(Locale.ROOT, "heap after GC climbs: at most %.1f MB in the last ten rounds,"
                        + " %.1f MB in rounds 2–11", late, early));
            }
        }
        assertEquals(List.of(), failures, "rounds in target/memory-rounds.csv");
    }

    /** The largest heap of rounds from..to (1-based, inclusive). */
    private static double maxHeap(List<double[]> rows, int from, int to) {
        double m = 0;
        for (int i = from; i <= to; i++) {
            m = Math.max(m, rows.get(i - 1)[1]);
        }
        return m;
    }

    /** Opens every step of every lesson in order; returns how many. */
    private int tour(List<Lesson> lessons) {
        int n = 0;
        for (Lesson l : lessons) {
            for (int i = 0; i < l.stepCount(); i++) {
                int step = i;
                fxRun(() -> window.open(l, step));
                String shown = fx(() -> window.currentScene().map(LessonScene::id).orElse(""));
                String left = trainerLeft(shown, l.id() + " step " + (i + 1));
                if (left != null) {
                    trainersLeft.add(left);
                    System.out.println("memory rounds: " + left);
                }
                awaitDrawn();
                n++;
            }
        }
        return n;
    }

    /**
     * Waits until the shown scene's trainer has drawn a snapshot since it was activated (a scene without a trainer:
     * the JavaFX thread's queue empties), and at least {@link #MIN_DWELL_MS}.
     */
    private void awaitDrawn() {
        WaitForAsyncUtils.sleep(MIN_DWELL_MS, TimeUnit.MILLISECONDS);
        boolean trainer = fx(() -> window.currentScene().orElse(null) instanceof TrainerScene<?, ?, ?>);
        if (trainer) {
            AppTestSupport.awaitFx(() -> window.currentScene().orElse(null) instanceof TrainerScene<?, ?, ?> t
                    && t.firstDrawn() != null, Boolean::booleanValue, "the scene's first snapshot drawn");
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Null when no {@code trainer-*} thread but the shown scene's is alive, else what is alive and where it was.
     * Leaving a scene stops and joins its thread (2 s at most) before the next one starts, so one still alive a
     * second later was not stopped.
     */
    static String trainerLeft(String shown, String where) {
        long start = System.nanoTime();
        List<Thread> left = trainersBut(shown);
        while (!left.isEmpty() && System.nanoTime() - start < 1_000_000_000L) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            left = trainersBut(shown);
        }
        if (left.isEmpty()) {
            return null;
        }
        StringBuilder why = new StringBuilder();
        for (Thread t : left) {
            why.append("\n").append(t.getName()).append(" at:");
            for (StackTraceElement e : t.getStackTrace()) {
                why.append("\n    ").append(e);
            }
        }
        // how long it still takes, for the report
        while (!trainersBut(shown).isEmpty() && System.nanoTime() - start < 20_000_000_000L) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        why.append(String.format(Locale.ROOT, "%n%s %.1f s after the step opened", trainersBut(shown).isEmpty()
                ? "it ended" : "still alive", (System.nanoTime() - start) / 1e9));
        return "trainer threads " + left.stream().map(Thread::getName).toList() + " alive while '" + shown
                + "' is shown, at " + where + why;
    }

    private static List<Thread> trainersBut(String shown) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("trainer-") && !t.getName().equals("trainer-" + shown)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Heap in use after full GCs, in MB, TestFX's record of fired events emptied first. */
    static double heapMbAfterGc() {
        fxRun(AppTestSupport::forgetFiredEvents);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 4; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    /** The process's resident memory (VmRSS, Linux), in MB; NaN where /proc is missing. */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.trim().split("\\s+");
                    return Long.parseLong(f[1]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /**
     * With -Dgenlab.rounds.native=true: the resident memory by mapping (/proc/self/smaps, largest first) and, when
     * the JVM runs with -XX:NativeMemoryTracking=summary, the JVM's own native memory, into
     * target/rounds-native-N.txt.
     */
    private static void nativeMemory(int round) {
        StringBuilder out = new StringBuilder();
        try {
            Object nmt = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            out.append(nmt).append('\n');
        } catch (Exception e) {
            out.append("no NMT: ").append(e).append('\n');
        }
        try {
            List<String[]> maps = new ArrayList<>();
            String head = null;
            long anon = 0;
            long file = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                    head = line;
                } else if (line.startsWith("Rss:") && head != null) {
                    long kb = Long.parseLong(line.trim().split("\\s+")[1]);
                    String[] f = head.trim().split("\\s+", 6);
                    String name = f.length > 5 ? f[5] : "[anon]";
                    if (name.startsWith("/")) {
                        file += kb;
                    } else {
                        anon += kb;
                    }
                    maps.add(new String[] {String.valueOf(kb), head});
                }
            }
            maps.sort((a, b) -> Long.compare(Long.parseLong(b[0]), Long.parseLong(a[0])));
            out.append(String.format(Locale.ROOT, "RSS anonymous %.1f MB, file-backed %.1f MB%n", anon / 1024.0,
                    file / 1024.0));
            for (String[] m : maps.subList(0, Math.min(40, maps.size()))) {
                out.append(String.format(Locale.ROOT, "%9.1f MB  %s%n", Long.parseLong(m[0]) / 1024.0, m[1]));
            }
            Files.writeString(Path.of(System.getProperty("genlab.project.dir", "."))
                    .resolve("target/rounds-native-" + round + ".txt"), out);
        } catch (IOException | RuntimeException e) {
            System.out.println("memory rounds: no smaps: " + e);
        }
    }

    /** With -Dgenlab.rounds.dump=N: the live heap after round N into target/rounds-N.hprof (leak hunting). */
    private static void dumpHeap(int round) throws IOException {
        Path f = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/rounds-" + round + ".hprof");
        Files.deleteIfExists(f);
        ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .dumpHeap(f.toString(), true);
    }

    /** With -Dgenlab.rounds.histo=true: the live objects by class into target/rounds-histo-N.txt. */
    private static void histogram(int round) {
        if (!Boolean.getBoolean("genlab.rounds.histo")) {
            return;
        }
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Path f = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/rounds-histo-" + round
                    + ".txt");
            Files.writeString(f, String.valueOf(text));
        } catch (Exception e) {
            System.out.println("memory rounds: no histogram: " + e);
        }
    }
}
