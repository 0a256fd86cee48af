package dev.genlab.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javafx.application.Platform;

import dev.genlab.bench.BenchReport;

/**
 * Measures stalls of the JavaFX thread as a user would meet them: a thread posts a no-op with
 * {@link Platform#runLater}, waits for it to run, sleeps {@code periodMs} and posts the next. A probe's wait is
 * the time the JavaFX thread was busy with what came before it in its queue (a job, a pulse: CSS, layout,
 * the sync to the render thread). Beside the wall time of each wait it takes the JavaFX thread's own CPU
 * time over the same wait (ThreadMXBean), so that a wait spent computing can be told from one spent without
 * the CPU (another process on the cores, a lock).
 *
 * <p>Every wait of at least {@code recordMs} is kept as a {@link Stall}; {@link #since} returns those that
 * ended after a mark. {@code listener} (may be null) hears every wait as it ends, on the probe's thread.
 */
final class FxStallProbe implements AutoCloseable {

    /**
     * One wait: when the probe was posted (System.nanoTime), its wall time, the JavaFX thread's CPU time meanwhile,
     * and how long the JavaFX thread meanwhile was ready to run but waited for a core (Linux's run delay from
     * {@code /proc/<pid>/task/<tid>/schedstat}; -1 where that file is missing), the cores' worth of CPU that other
     * processes used meanwhile ({@link BenchReport#otherCpuCores}; NaN where {@code /proc/stat} is missing) and the
     * time the collectors report spent collecting meanwhile (ms; pauses stop the JavaFX thread too).
     */
    record Stall(long postedNs, long wallNs, long cpuNs, long runDelayNs, double otherCores, long gcMs,
            String busiest) {

        /** The wait less the time the JavaFX thread waited for a core (the wall time where that is unknown). */
        double ownMs() {
            return (runDelayNs < 0 ? wallNs : wallNs - runDelayNs) / 1e6;
        }

        double runDelayMs() {
            return runDelayNs / 1e6;
        }

        double wallMs() {
            return wallNs / 1e6;
        }

        double cpuMs() {
            return cpuNs / 1e6;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final List<Stall> stalls = new ArrayList<>();
    private final Thread thread;
    private final long fxThreadId;
    /** The JavaFX thread's schedstat file (Linux), or null. */
    private final Path schedstat;
    private volatile boolean running = true;
    /** When the last wait of at least quietMs ended (System.nanoTime), for {@link #quietForNs}. */
    private final AtomicLong lastLongStallEnd = new AtomicLong(System.nanoTime());
    /** When the probe now waiting was posted, or 0 when none waits. */
    private volatile long waitingSince;
    private final long quietThresholdNs;

    /**
     * Starts probing at once. {@code periodMs}: the sleep between probes; {@code recordMs}: the shortest wait
     * kept; {@code quietMs}: a wait at least this long counts against {@link #quietSince}.
     */
    FxStallProbe(long periodMs, long recordMs, long quietMs, Consumer<Stall> listener) {
        AtomicLong id = new AtomicLong(-1);
        AtomicReference<Path> task = new AtomicReference<>();
        AppTestSupport.fxRun(() -> {
            id.set(Thread.currentThread().getId());
            try {
                // "<pid>/task/<tid>"
                task.set(Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self"))).resolve("schedstat"));
            } catch (IOException | UnsupportedOperationException e) {
                task.set(null);
            }
        });
        fxThreadId = id.get();
        schedstat = task.get() != null && runDelay(task.get()) >= 0 ? task.get() : null;
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        quietThresholdNs = quietMs * 1_000_000L;
        long recordNs = recordMs >= Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : recordMs * 1_000_000L;
        thread = new Thread(() -> {
            try {
                while (running) {
                    CountDownLatch ran = new CountDownLatch(1);
                    AtomicLong cpuAtRun = new AtomicLong();
                    long c0 = THREADS.getThreadCpuTime(fxThreadId);
                    long d0 = schedstat == null ? -1 : runDelay(schedstat);
                    BenchReport.CpuMark m0 = BenchReport.cpuMark();
                    long gc0 = gcMs();
                    Map<String, long[]> tasks0 = tasksCpu();
                    long t0 = System.nanoTime();
                    waitingSince = t0;
                    Platform.runLater(() -> {
                        cpuAtRun.set(THREADS.getCurrentThreadCpuTime());
                        ran.countDown();
                    });
                    ran.await();
                    long t1 = System.nanoTime();
                    waitingSince = 0;
                    long wall = t1 - t0;
                    if (wall >= quietThresholdNs) {
                        lastLongStallEnd.set(t1);
                    }
                    long d1 = schedstat == null ? -1 : runDelay(schedstat);
                    Stall s = new Stall(t0, wall, Math.max(0, cpuAtRun.get() - c0),
                            d0 < 0 || d1 < 0 ? -1 : Math.max(0, d1 - d0), BenchReport.otherCpuCores(m0), gcMs() - gc0,
                            wall >= quietThresholdNs ? busiest(tasks0, tasksCpu()) : "");
                    if (wall >= recordNs) {
                        synchronized (stalls) {
                            stalls.add(s);
                        }
                    }
                    if (listener != null) {
                        listener.accept(s);
                    }
                    Thread.sleep(periodMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fx-stall-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The second field of a schedstat file: nanoseconds spent ready to run, waiting for a core; -1 if unreadable. */
    private static long runDelay(Path schedstat) {
        try {
            String[] f = Files.readString(schedstat).trim().split("\\s+");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * This process's threads by id (Linux {@code /proc/self/task/<tid>/stat}): {CPU time in clock ticks of 10 ms,
     * name}; empty elsewhere. Read at every probe (about 60 small files, well under a millisecond) so that a long
     * wait can say which of the app's own threads had the cores meanwhile.
     */
    private static Map<String, long[]> tasksCpu() {
        Map<String, long[]> out = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : ds) {
                try {
                    String st = Files.readString(t.resolve("stat"));
                    int close = st.lastIndexOf(')');
                    String[] f = st.substring(close + 2).split(" ");
                    // after "pid (comm) ": state is f[0]; utime, stime are the 14th and 15th fields of the line
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.put(t.getFileName() + " " + st.substring(st.indexOf('(') + 1, close), new long[] {ticks});
                } catch (IOException | RuntimeException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return out;
    }

    /** The three threads of this process that used the most CPU between two {@link #tasksCpu} reads, in ms. */
    private static String busiest(Map<String, long[]> before, Map<String, long[]> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey().substring(e.getKey().indexOf(' ') + 1),
                        (e.getValue()[0] - before.getOrDefault(e.getKey(), new long[] {0})[0]) * 10))
                .filter(e -> e.getValue() > 0)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(3).map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Milliseconds all collectors have spent collecting so far. */
    private static long gcMs() {
        long t = 0;
        for (java.lang.management.GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, b.getCollectionTime());
        }
        return t;
    }

    /** True where the run delay is measured (Linux). */
    boolean measuresRunDelay() {
        return schedstat != null;
    }

    /** The JavaFX thread's CPU time so far (ns). */
    long fxCpuNs() {
        return THREADS.getThreadCpuTime(fxThreadId);
    }

    /** The stalls kept that ended at or after {@code markNs} (System.nanoTime). */
    List<Stall> since(long markNs) {
        synchronized (stalls) {
            return stalls.stream().filter(s -> s.postedNs() + s.wallNs() >= markNs).toList();
        }
    }

    /**
     * Nanoseconds since the last wait of at least quietMs ended (or since the probe started); 0 while a probe has
     * been waiting that long.
     */
    long quietForNs() {
        long now = System.nanoTime();
        long w = waitingSince;
        if (w != 0 && now - w >= quietThresholdNs) {
            return 0;
        }
        return now - lastLongStallEnd.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
