package dev.genlab.live;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Background work yields the cores to the window (issue 16). On a 2-core machine the JavaFX thread shares the cores
 * with JavaFX's render thread, the JIT compiler's two threads and a scene's trainer. In a fresh JVM the first opening
 * of a lesson costs the JavaFX thread 130–190 ms of CPU, and the compilers, compiling that lesson's code meanwhile,
 * made it wait another 110–130 ms for a core (the monkey's 301 and 312 ms stalls, README <i>Fuzzing</i>).
 *
 * <p>Linux schedules by nice value: a thread at nice {@value #NICE} weighs 110 against a nice-0 thread's 1024, so it
 * gets about a tenth of a core the window wants and the whole of a core nobody else wants: training runs at full speed
 * while the window is idle. Threads inherit their creator's nice value, so what a lowered thread starts is lowered too.
 *
 * <p>Java has no call for it: {@link Thread#setPriority} does nothing on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which warns at every start for a user who is not root and, for root, raises the
 * JVM's own collector threads above the window. So this runs util-linux's {@code renice} (in every Linux; Debian's
 * essential {@code bsdutils}) on the thread ids, which any user may do to his own threads to lower them. Elsewhere
 * (macOS, Windows), without {@code /proc/thread-self}, or with {@code -Dgenlab.backgroundNice=0}, it does nothing.
 *
 * <p>Why not JNA's {@code setpriority}: JNA is on the class path only through ND4J's OSHI (JNA 4.3.0, 2016), not a
 * dependency of ours, and it unpacks its native stub into the temporary directory at first use, which fails where that
 * directory is mounted {@code noexec} (common on lab machines). A {@code renice} costs 1.5–2.4 ms here (33 ms the
 * first in a JVM), once per background thread, on that thread.
 */
public final class BackgroundPriority {

    /** The nice value of background threads; {@code -Dgenlab.backgroundNice=0} keeps them at the window's. */
    public static final int NICE = Integer.getInteger("genlab.backgroundNice", 10);

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The JIT compilers' thread names as Linux keeps them (15 characters). */
    private static final List<String> COMPILERS = List.of("C1 CompilerThre", "C2 CompilerThre");
    /** False once renice failed to run: no further attempt. */
    private static volatile boolean works = true;

    private BackgroundPriority() {
    }

    /**
     * Lowers the calling thread {@link #NICE} below the nice value it started with (its creator's: the window's, for
     * a thread the JavaFX thread starts), at most to 19, and the JIT compiler's threads not that low yet (the JVM may
     * start more of them later). Relative, so that an app started with {@code nice} keeps its window above its
     * background. Call it first on a thread that computes for the window in the background; it takes a few
     * milliseconds (one short process) and never throws.
     */
    public static void lowerThisThread() {
        OptionalInt self = thisThreadId();
        if (self.isEmpty() || !active()) {
            return;
        }
        OptionalInt base = niceOf(self.getAsInt());
        if (base.isEmpty()) {
            return;
        }
        int target = target(base.getAsInt());
        List<Integer> ids = new ArrayList<>(compilerThreadsAbove(target));
        if (base.getAsInt() < target) {
            ids.add(self.getAsInt());
        }
        lower(ids, target);
    }

    /** The nice value a background thread gets when the window's threads run at {@code windowNice}. */
    static int target(int windowNice) {
        return Math.min(19, windowNice + NICE);
    }

    /** Whether this machine lowers threads ({@link #NICE} above 0, Linux's {@code /proc}, renice ran). */
    public static boolean active() {
        return works && NICE > 0 && Files.isDirectory(TASKS) && Files.exists(Path.of("/proc/thread-self"));
    }

    /** The calling thread's Linux thread id, from {@code /proc/thread-self} ("pid/task/tid"); empty elsewhere. */
    static OptionalInt thisThreadId() {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            return OptionalInt.of(Integer.parseInt(link.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** A thread's nice value ({@code /proc/self/task/<tid>/stat}, field 19); empty when it cannot be read. */
    static OptionalInt niceOf(int tid) {
        try {
            String stat = Files.readString(TASKS.resolve(Integer.toString(tid)).resolve("stat"));
            // the name in parentheses may hold spaces: count the fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalInt.of(Integer.parseInt(f[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The JIT compiler's threads whose nice value is below {@code target} (higher priority). */
    static List<Integer> compilerThreadsAbove(int target) {
        List<Integer> ids = new ArrayList<>();
        if (!active()) {
            return ids;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    int tid = Integer.parseInt(task.getFileName().toString());
                    if (COMPILERS.contains(name) && niceOf(tid).orElse(target) < target) {
                        ids.add(tid);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return ids;
        }
        return ids;
    }

    /** Sets these threads' nice value to {@code target} (each is below it now). */
    private static void lower(List<Integer> tids, int target) {
        if (tids.isEmpty() || !active()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("renice", "-n", Integer.toString(target), "-p"));
        tids.forEach(t -> cmd.add(Integer.toString(t)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // util-linux's renice sets -n as given; with POSIXLY_CORRECT set it would add it instead
        pb.environment().remove("POSIXLY_CORRECT");
        boolean interrupted = Thread.interrupted();
        try {
            Process p = pb.start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroy();
            }
        } catch (IOException e) {
            works = false;
            System.err.println("GenLab: background threads keep the window's priority (renice: " + e.getMessage()
                    + ")");
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
