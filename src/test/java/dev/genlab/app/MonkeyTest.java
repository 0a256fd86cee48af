package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
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
import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;
import dev.genlab.plot.Figure;
import dev.genlab.scene.KnobSpec;
import dev.genlab.scene.LessonScene;

/**
 * Issue 16's monkey: the real window, driven at random from a seed for a set time. It opens lessons and steps, sets
 * knobs to random values (both ends of their ranges included), plays, pauses, steps, resets and changes the speed,
 * switches language, theme, zoom and presenter mode, clicks, drags and scrolls on figures, types the shortcuts, and
 * opens the file dialogs (answered with "cancel") and the help windows. It fails on an uncaught exception on any
 * thread (and on a stack trace the JavaFX threads print), a JavaFX-thread stall over {@value #STALL_MS} ms (after any
 * event, opening a step, a scene's first opening in the run and changing the layout included; on a
 * machine other processes keep busy, only one in which the JavaFX thread itself computes that long:
 * {@link #fails}; nor while the test itself collects the garbage to read the heap), a label or text showing NaN, a trainer thread still
 * running for a scene that was left, and a heap (after GC) that grows in every round. Every event is printed and
 * written to {@code target/monkey-events.txt}; the same seed sends the same events. {@code ./mvnw verify} runs 2
 * minutes; longer: {@code -Dgenlab.monkey.minutes=30 -Dgenlab.monkey.seed=7} with {@code -Dtest=MonkeyTest}. Reports
 * {@code monkey_minutes}, {@code monkey_events}, {@code monkey_failures}, {@code fx_stall_ms_max},
 * {@code fx_stall_cpu_ms_max}, {@code fx_stall_ms_max_navigation}, {@code monkey_busy_stalls},
 * {@code fx_stall_ms_max_first_opening} (the longest wait within 2 s of a scene's first opening in the run, failed like
 * any other over the limit), {@code monkey_own_gc_stalls}.
 */
@Tag("monkey")
@ExtendWith(ApplicationExtension.class)
class MonkeyTest {

    static final long SEED = Long.getLong("genlab.monkey.seed", 1L);
    static final double MINUTES = Double.parseDouble(System.getProperty("genlab.monkey.minutes", "2"));
    static final long STALL_MS = 250;
    /** Heap rounds: the heap after GC is read every this many seconds. */
    static final long ROUND_S = 20;

    private MainWindow window;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = new ArrayList<>();
    private final AtomicReference<String> lastEvent = new AtomicReference<>("start");
    /** Stalls over the limit on a busy machine that the JavaFX thread's own CPU time does not explain (reported). */
    private final List<String> busyStalls = Collections.synchronizedList(new ArrayList<>());
    /** Stalls over the limit, judged when the run ends: the stall and how it reads. */
    private final List<Map.Entry<FxStallProbe.Stall, String>> overLimit = Collections.synchronizedList(new ArrayList<>());
    /**
     * When this test itself collected the garbage to read the heap ({@link #heapMbAfterGc}: three System.gc() calls,
     * full collections the app never asks for), as {start, end} in System.nanoTime. A stall overlapping one is the
     * test's, not the app's: reported apart, not failed (CI, 2026-12-05: 640 ms with 471 ms of collection).
     */
    private final List<long[]> ownCollections = new ArrayList<>();
    /** Waits over this long but within the limit are reported (the five longest) to show the margin left. */
    static final long NEAR_MISS_MS = 150;
    private final List<Map.Entry<Long, String>> nearMisses = new ArrayList<>();
    private final List<String> ownCollectionStalls = new ArrayList<>();
    /** When each event after which a scene showed for the first time in the run was sent (System.nanoTime). */
    private final List<Long> firstOpenings = new ArrayList<>();
    /** The scene of each of {@link #firstOpenings}. */
    private final List<String> firstOpeningScenes = new ArrayList<>();
    private final java.util.Set<String> scenesSeen = new java.util.HashSet<>();
    /** When the last event was sent (System.nanoTime). */
    private long lastEventNs;
    /** The longest stall within {@link #NAVIGATION_TAIL_NS} of an event that builds a step or a layout. */
    private final AtomicLong navigationMax = new AtomicLong();
    /** The longest wait, over the limit or not, within {@link #NAVIGATION_TAIL_NS} of a scene's first opening. */
    private final AtomicLong firstOpeningMax = new AtomicLong();
    /** Every wait of at least {@link #FIRST_OPENING_RECORD_MS}, to find the longest after each first opening. */
    private final List<FxStallProbe.Stall> longWaits = Collections.synchronizedList(new ArrayList<>());
    static final long FIRST_OPENING_RECORD_MS = 50;
    /** When the last event that builds a step or a layout was sent (System.nanoTime). */
    private final AtomicLong lastNavigation = new AtomicLong(System.nanoTime());
    /** A stall that starts this soon after such an event belongs to it (the step's scene, text and first frames). */
    static final long NAVIGATION_TAIL_NS = 2_000_000_000L;
    /**
     * Other processes using this many cores' worth of CPU during a stall make the machine busy (2 = another build
     * saturating both cores of this 2-core machine).
     */
    static final double BUSY_CORES = 0.5;

    /**
     * Events after which the window builds a new step or lays itself out anew. Their stalls fail like any other
     * (issue 16; until 2026-12-05 they were exempt for 2 s, a scene's first opening in the run until later that
     * day); the longest within {@link #NAVIGATION_TAIL_NS} of one is also reported apart,
     * {@code fx_stall_ms_max_navigation}.
     */
    static boolean rebuildsTheWindow(String event) {
        return event.matches("#\\d+ (open|next step|previous step|language|presenter|theme|zoom|menu|key (LEFT|RIGHT"
                + "|ESCAPE)|start).*");
    }

    /**
     * Whether a wait of the JavaFX thread fails the run: over {@value #STALL_MS} ms of wall time, unless other
     * processes kept the machine busy meanwhile ({@link #BUSY_CORES}), where it fails only if the JavaFX thread itself
     * computed for over {@value #STALL_MS} ms of it. On a busy 2-core machine a garbage collection's pause, the render
     * thread the JavaFX thread waits for in every pulse, and the JavaFX thread itself all wait for a core: stalls of
     * 0.3 s with 4 ms of JavaFX-thread CPU were measured there (NavStallBenchTest, BENCHMARKS.md).
     */
    static boolean fails(FxStallProbe.Stall s) {
        if (s.wallMs() <= STALL_MS) {
            return false;
        }
        boolean busy = s.otherCores() >= BUSY_CORES; // NaN (no /proc/stat): not known to be busy
        return !busy || s.cpuMs() > STALL_MS;
    }

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "monkey");
        window.setFileDialogs(new MainWindow.FileDialogs() {
            @Override
            public java.io.File folder(javafx.stage.DirectoryChooser c, Stage owner) {
                return null;
            }

            @Override
            public java.io.File save(javafx.stage.FileChooser c, Stage owner) {
                return null;
            }

            @Override
            public java.io.File open(javafx.stage.FileChooser c, Stage owner) {
                return null;
            }
        });
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        AppTestSupport.closeWindow(window);
    }

    private void log(String e) {
        lastEventNs = System.nanoTime();
        String line = "#" + events.size() + " " + e;
        if (rebuildsTheWindow(line)) {
            lastNavigation.set(System.nanoTime());
        }
        events.add(line);
        lastEvent.set(line);
        System.out.println("monkey " + line);
    }

    @Test
    void randomUseBreaksNothing(FxRobot robot) throws Exception {
        Thread.UncaughtExceptionHandler handler = (t, e) -> failures.add("uncaught on " + t.getName() + " after "
                + lastEvent.get() + ": " + e);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(handler);
        fxRun(() -> Thread.currentThread().setUncaughtExceptionHandler(handler));
        // stack traces that JavaFX catches and prints (a failing pulse, a listener) count too
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(err, errBytes), true, StandardCharsets.UTF_8));
        AtomicLong stallMax = new AtomicLong();
        AtomicLong stallCpuMax = new AtomicLong();
        scenesSeen.add(fx(() -> window.currentScene().map(LessonScene::id).orElse("")));
        FxStallProbe watchdog = stallWatchdog(stallMax, stallCpuMax);
        SplittableRandom r = new SplittableRandom(SEED);
        List<Lesson> lessons = fx(() -> window.catalogue().lessons().stream().filter(Lesson::isUsable).toList());
        List<Double> heap = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + (long) (MINUTES * 60e9);
        long nextRound = start;
        try {
            while (System.nanoTime() < end && failures.size() < 10) {
                if (System.nanoTime() >= nextRound) {
                    long gcStart = System.nanoTime();
                    heap.add(heapMbAfterGc());
                    histogram(heap.size());
                    ownCollections.add(new long[] {gcStart, System.nanoTime()});
                    nextRound += ROUND_S * 1_000_000_000L;
                }
                event(robot, r, lessons);
                long sent = lastEventNs;
                String shown = fx(() -> window.currentScene().map(LessonScene::id).orElse(""));
                if (!shown.isEmpty() && scenesSeen.add(shown)) {
                    firstOpenings.add(sent);
                    firstOpeningScenes.add(shown);
                }
                WaitForAsyncUtils.sleep(r.nextInt(150), TimeUnit.MILLISECONDS);
                if (events.size() % 15 == 0) {
                    check();
                }
            }
            check();
        } finally {
            watchdog.close();
            System.setErr(err);
            Thread.setDefaultUncaughtExceptionHandler(before);
            Path log = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/monkey-events.txt");
            Files.createDirectories(log.getParent());
            Files.write(log, events);
        }
        for (String line : errBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.matches("^(Exception in thread .*|[\\w.$]+(Exception|Error)(: .*)?)$") && !knownPlatformTrace(line)) {
                failures.add("printed: " + line);
            }
        }
        heap.add(heapMbAfterGc());
        boolean grows = heap.size() >= 4;
        for (int i = 1; i < heap.size(); i++) {
            grows &= heap.get(i) > heap.get(i - 1) + 1;
        }
        if (grows && heap.get(heap.size() - 1) - heap.get(0) > 64) {
            failures.add("the heap after GC grew in every round: " + heap);
        }
        // A scene's first opening in the run fails like any other (issue 16). It was exempt until lesson 8's first
        // opening in a fresh JVM stopped taking 290–340 ms: the background threads, the JIT's compilers among them,
        // now yield the cores to the window (live.BackgroundPriority), and a new scene's knobs go in a pulse after its
        // figures (SceneHost): 143 ms at most in three fresh-JVM runs (README, Fuzzing).
        for (Map.Entry<FxStallProbe.Stall, String> o : List.copyOf(overLimit)) {
            FxStallProbe.Stall st = o.getKey();
            boolean ours = ownCollections.stream().anyMatch(w -> st.postedNs() <= w[1]
                    && st.postedNs() + st.wallNs() >= w[0]);
            if (ours) {
                ownCollectionStalls.add(o.getValue());
            } else if (fails(st)) {
                failures.add("the JavaFX thread stalled " + o.getValue());
                stallMax.accumulateAndGet(Math.round(st.wallMs()), Math::max);
            } else {
                busyStalls.add(o.getValue());
                stallMax.accumulateAndGet(Math.round(st.wallMs()), Math::max);
            }
        }
        List<String> firstOpeningWaits = new ArrayList<>();
        for (int i = 0; i < firstOpenings.size(); i++) {
            long t = firstOpenings.get(i);
            FxStallProbe.Stall longest = null;
            for (FxStallProbe.Stall st : List.copyOf(longWaits)) {
                if (st.postedNs() + st.wallNs() >= t && st.postedNs() - t < NAVIGATION_TAIL_NS
                        && (longest == null || st.wallNs() > longest.wallNs())) {
                    longest = st;
                }
            }
            if (longest != null) {
                firstOpeningMax.accumulateAndGet(Math.round(longest.wallMs()), Math::max);
            }
            firstOpeningWaits.add(firstOpeningScenes.get(i) + " " + (longest == null ? "<" + FIRST_OPENING_RECORD_MS
                    : String.format(Locale.ROOT, "%.0f (CPU %.0f, waiting for a core %.0f)", longest.wallMs(),
                            longest.cpuMs(), longest.runDelayMs())));
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        BenchReport.row("monkey_minutes", minutes, "min");
        BenchReport.row("monkey_events", events.size(), "events");
        BenchReport.row("monkey_failures", failures.size(), "failures");
        BenchReport.row("fx_stall_ms_max", stallMax.get(), "ms");
        BenchReport.row("fx_stall_cpu_ms_max", stallCpuMax.get(), "ms");
        BenchReport.row("fx_stall_ms_max_navigation", navigationMax.get(), "ms");
        BenchReport.row("monkey_busy_stalls", busyStalls.size(), "stalls");
        BenchReport.row("fx_stall_ms_max_first_opening", firstOpeningMax.get(), "ms");
        BenchReport.row("monkey_own_gc_stalls", ownCollectionStalls.size(), "stalls");
        System.out.println("monkey stalls over " + STALL_MS + " ms on a busy machine, not failed: " + busyStalls);
        System.out.println("monkey's longest wait (ms) within 2 s of each scene's first opening: " + firstOpeningWaits);
        System.out.println("monkey stalls over " + STALL_MS + " ms while the test itself collected the garbage, not "
                + "failed: " + ownCollectionStalls);
        synchronized (nearMisses) {
            System.out.println("monkey's longest waits within the limit: " + nearMisses.stream()
                    .sorted((a, b) -> Long.compare(b.getKey(), a.getKey())).limit(5).map(Map.Entry::getValue).toList());
        }
        System.out.println("monkey heap after GC per round (MB): " + heap);
        assertEquals(List.of(), failures, "seed " + SEED + "; events in target/monkey-events.txt");
        assertTrue(events.size() > 50, "events sent: " + events.size());
    }

    /**
     * JavaFX's own headless (Monocle) painter throws when the window changes size between two pulses
     * (UploadingPainter's buffer; seen in screenshot runs before the monkey existed): not ours, not in the app on a
     * real screen.
     */
    private static boolean knownPlatformTrace(String line) {
        // the same painter's other complaint when a pulse meets the new size before its buffer
        return line.startsWith("java.nio.BufferOverflowException")
                || line.startsWith("java.lang.IllegalArgumentException: Too small int buffer size");
    }

    /** One random event. */
    private void event(FxRobot robot, SplittableRandom r, List<Lesson> lessons) {
        int dice = r.nextInt(100);
        LessonScene scene = fx(() -> window.currentScene().orElse(null));
        if (dice < 8 || scene == null) {
            Lesson l = lessons.get(r.nextInt(lessons.size()));
            int step = r.nextInt(l.stepCount());
            log("open " + l.id() + " step " + (step + 1));
            fxRun(() -> window.open(l, step));
        } else if (dice < 16) {
            boolean next = r.nextBoolean();
            log(next ? "next step" : "previous step");
            fxRun(next ? window::next : window::previous);
        } else if (dice < 50 && !scene.params().spec().knobs().isEmpty()) { // lesson 9's scene has no knobs
            List<KnobSpec> knobs = scene.params().spec().knobs();
            KnobSpec k = knobs.get(r.nextInt(knobs.size()));
            String v = randomValue(k, r);
            log("knob " + scene.id() + "." + k.id() + " = " + v);
            fxRun(() -> {
                try {
                    scene.params().setText(k.id(), v);
                } catch (IllegalArgumentException e) {
                    // a value the knob refuses is the control's business, as a slider's would be
                }
            });
        } else if (dice < 58) {
            log("play/pause");
            fxRun(() -> scene.playingProperty().set(!scene.playingProperty().get()));
        } else if (dice < 63) {
            log("step");
            fxRun(scene::step);
        } else if (dice < 65) {
            log("reset");
            fxRun(scene::reset);
        } else if (dice < 69) {
            double s = MainWindow.SPEEDS.get(r.nextInt(MainWindow.SPEEDS.size()));
            log("speed " + s);
            fxRun(() -> {
                @SuppressWarnings("unchecked")
                ComboBox<Double> speed = (ComboBox<Double>) window.fxScene().lookup("#speed");
                if (speed != null) {
                    speed.setValue(s);
                }
            });
        } else if (dice < 72) {
            Locale l = I18n.SUPPORTED.get(r.nextInt(I18n.SUPPORTED.size()));
            log("language " + l);
            fxRun(() -> window.setLanguage(l));
        } else if (dice < 74) {
            log("theme");
            fxRun(() -> window.themeProperty().set(AppPrefs.Theme.values()[
                    (window.themeProperty().get().ordinal() + 1) % AppPrefs.Theme.values().length]));
        } else if (dice < 76) {
            double z = new double[] {0.8, 1, 1.25, 1.6}[r.nextInt(4)];
            log("zoom " + z);
            fxRun(() -> window.zoomProperty().set(z));
        } else if (dice < 78) {
            log("presenter");
            fxRun(() -> window.setPresenter(!window.presenterProperty().get()));
        } else if (dice < 90) {
            figure(robot, r);
        } else if (dice < 94) {
            String[] items = {"menu-file-openDataset", "menu-file-openScenario", "menu-file-saveScenario",
                "menu-file-export", "menu-help-shortcuts", "menu-help-about", "menu-file-builtinDigits"};
            String id = items[r.nextInt(items.length)];
            log("menu " + id + " (dialogs cancelled, windows closed)");
            Platform.runLater(() -> {
                javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) window.fxScene().lookup("#menu-bar");
                fire(bar.getMenus(), id);
            });
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            AppTestSupport.closeStrayWindows();
        } else {
            KeyCode[] keys = {KeyCode.SPACE, KeyCode.PERIOD, KeyCode.RIGHT, KeyCode.LEFT, KeyCode.ESCAPE, KeyCode.TAB};
            KeyCode k = keys[r.nextInt(keys.length)];
            log("key " + k);
            robot.type(k);
        }
    }

    private static boolean fire(List<? extends javafx.scene.control.MenuItem> items, String id) {
        for (javafx.scene.control.MenuItem i : items) {
            if (id.equals(i.getId())) {
                i.fire();
                return true;
            }
            if (i instanceof javafx.scene.control.Menu m && fire(m.getItems(), id)) {
                return true;
            }
        }
        return false;
    }

    private static String randomValue(KnobSpec k, SplittableRandom r) {
        return switch (k.kind()) {
            case TOGGLE -> String.valueOf(r.nextBoolean());
            case CHOICE -> k.choices().get(r.nextInt(k.choices().size()));
            case INT -> String.valueOf(switch (r.nextInt(3)) {
                case 0 -> (long) k.min();
                case 1 -> (long) k.max();
                default -> (long) k.min() + r.nextLong((long) k.max() - (long) k.min() + 1);
            });
            case DOUBLE -> String.valueOf(switch (r.nextInt(3)) {
                case 0 -> k.min();
                case 1 -> k.max();
                default -> k.min() + r.nextDouble() * (k.max() - k.min());
            });
        };
    }

    /** A click, a drag or a scroll on a random visible figure. */
    private void figure(FxRobot robot, SplittableRandom r) {
        List<Bounds> figures = fx(() -> {
            List<Bounds> out = new ArrayList<>();
            collect(window.fxScene().getRoot(), out);
            return out;
        });
        if (figures.isEmpty()) {
            log("no figure to touch");
            return;
        }
        Bounds b = figures.get(r.nextInt(figures.size()));
        Point2D a = new Point2D(b.getMinX() + r.nextDouble() * b.getWidth(), b.getMinY() + r.nextDouble() * b.getHeight());
        Point2D z = new Point2D(b.getMinX() + r.nextDouble() * b.getWidth(), b.getMinY() + r.nextDouble() * b.getHeight());
        int what = r.nextInt(3);
        log((what == 0 ? "click" : what == 1 ? "drag" : "scroll") + " on a figure at " + Math.round(a.getX()) + ","
                + Math.round(a.getY()));
        robot.moveTo(a);
        if (what == 0) {
            robot.clickOn(MouseButton.PRIMARY);
        } else if (what == 1) {
            robot.press(MouseButton.PRIMARY);
            robot.moveTo(z);
            robot.release(MouseButton.PRIMARY);
        } else {
            robot.scroll(1 + r.nextInt(3), r.nextBoolean() ? javafx.geometry.VerticalDirection.UP
                    : javafx.geometry.VerticalDirection.DOWN);
        }
    }

    private static void collect(Node n, List<Bounds> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Figure f && f.getWidth() > 40 && f.getHeight() > 40 && f.getScene() != null) {
            Bounds s = f.localToScreen(f.getLayoutBounds());
            if (s != null) {
                out.add(s);
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    /** Labels and texts showing NaN; trainer threads of scenes that are not the current one. */
    private void check() {
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        List<String> nan = fx(() -> {
            List<String> out = new ArrayList<>();
            nanTexts(window.fxScene().getRoot(), out);
            return out;
        });
        for (String t : nan) {
            failures.add("NaN shown after " + lastEvent.get() + ": '" + t + "'");
        }
        String current = fx(() -> window.currentScene().map(LessonScene::id).orElse(""));
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        String still = fx(() -> window.currentScene().map(LessonScene::id).orElse(""));
        if (current.equals(still)) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.isAlive() && t.getName().startsWith("trainer-") && !t.getName().equals("trainer-" + current)) {
                    failures.add("trainer thread " + t.getName() + " runs while scene '" + current + "' is shown, after "
                            + lastEvent.get());
                }
            }
        }
    }

    private static void nanTexts(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        String s = n instanceof Labeled l ? l.getText() : n instanceof Text t ? t.getText() : null;
        if (s != null && s.matches("(?s).*\\bNaN\\b.*")) {
            out.add(s.length() > 120 ? s.substring(0, 120) + "…" : s);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                nanTexts(c, out);
            }
        }
    }

    /** With -Dgenlab.monkey.histo=true, the live objects by class into target/monkey-histo-N.txt (leak hunting). */
    static void histogram(int round) {
        if (!Boolean.getBoolean("genlab.monkey.histo")) {
            return;
        }
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Path f = Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target/monkey-histo-" + round + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, String.valueOf(text));
        } catch (Exception e) {
            System.out.println("monkey: no histogram: " + e);
        }
    }

    /**
     * The heap in use after GC, in MB. TestFX stores every event fired in its stage (FiredEvents, a list
     * without bound, 8,000 events after 2 minutes), and an event keeps its target, hence a scene that was left,
     * alive: a leak of the test harness that JFR's old-object sampler traced, not of the app. Cleared first.
     */
    private static double heapMbAfterGc() {
        fxRun(AppTestSupport::forgetFiredEvents);
        for (int i = 0; i < 3; i++) {
            System.gc();
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
        }
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    /**
     * Posts a no-op to the JavaFX thread every 50 ms and records how long it waited ({@link FxStallProbe}); a wait
     * over the limit is judged when the run ends ({@link #fails}, the test's own collections). {@code max}: the longest wait not
     * exempt; {@code cpuMax}: the most JavaFX-thread CPU time within one wait.
     */
    private FxStallProbe stallWatchdog(AtomicLong max, AtomicLong cpuMax) {
        return new FxStallProbe(50, Long.MAX_VALUE, NEAR_MISS_MS, s -> {
            long ms = Math.round(s.wallMs());
            if (ms >= FIRST_OPENING_RECORD_MS) {
                longWaits.add(s);
            }
            if (ms <= STALL_MS) {
                max.accumulateAndGet(ms, Math::max);
            }
            cpuMax.accumulateAndGet(Math.round(s.cpuMs()), Math::max);
            if (s.postedNs() - lastNavigation.get() < NAVIGATION_TAIL_NS) {
                navigationMax.accumulateAndGet(ms, Math::max);
            }
            if (ms > NEAR_MISS_MS && ms <= STALL_MS) {
                synchronized (nearMisses) {
                    nearMisses.add(Map.entry(ms, String.format(Locale.ROOT, "%d ms (JavaFX-thread CPU %.0f ms, busiest "
                            + "threads here: %s) around %s", ms, s.cpuMs(), s.busiest(), lastEvent.get())));
                }
            }
            if (ms > STALL_MS) {
                String what = String.format(Locale.ROOT, "%d ms (the JavaFX thread's CPU time %.0f ms, %s, garbage "
                        + "collection %d ms, other processes %.2f cores; busiest threads here: %s) around %s", ms,
                        s.cpuMs(), s.runDelayNs() < 0 ? "run delay unknown" : String.format(Locale.ROOT,
                                "waiting for a core %.0f ms", s.runDelayMs()), s.gcMs(), s.otherCores(), s.busiest(),
                        lastEvent.get());
                overLimit.add(Map.entry(s, what));
            }
        });
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            synchronized (b) {
                b.write(x);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
