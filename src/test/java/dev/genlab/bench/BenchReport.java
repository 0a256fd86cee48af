package dev.genlab.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where every benchmark reports its figures: one {@code name value unit} line on stdout and in
 * {@code target/bench.txt}. All bench classes of a run share one JVM (surefire, one fork), so the
 * first row of the JVM truncates the file and every later row appends: the file always holds
 * exactly the rows of the last run.
 */
public final class BenchReport {

    private static boolean truncated;

    private BenchReport() {
    }

    /** The report file: {@code target/bench.txt} under the project directory. */
    public static Path file() {
        return Path.of(System.getProperty("genlab.project.dir", ".")).resolve("target").resolve("bench.txt");
    }

    /** Prints and records one figure, e.g. {@code row("frame_ms_p50", 16.7, "ms")}. */
    public static synchronized void row(String name, double value, String unit) {
        String line = String.format(Locale.ROOT, "%s %s %s", name, format(value), unit);
        System.out.println(line);
        try {
            Path f = file();
            Files.createDirectories(f.getParent());
            if (!truncated) {
                Files.writeString(f, line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                truncated = true;
            } else {
                Files.writeString(f, line + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Three significant digits at least, never scientific notation. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e9) {
            return a >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
        }
        return a >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The q-quantile (0..1) of the values by the nearest-rank method. */
    public static double percentile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        java.util.Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    /**
     * A mark for {@link #otherCpuCores}: wall time, the machine's busy CPU time (Linux
     * {@code /proc/stat}) and this JVM's CPU time. Null where /proc/stat is missing.
     */
    public record CpuMark(long wallNs, long machineBusyMs, long ownCpuNs) {
    }

    public static CpuMark cpuMark() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user .. steal; guest time is already in user
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            long own = ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            return new CpuMark(System.nanoTime(), busy * 10, own); // USER_HZ = 100: a jiffy is 10 ms
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Cores' worth of CPU that other processes used since the mark (0 = the machine was ours,
     * 2 = another build saturated both cores): benchmark figures mean little when it is high.
     */
    public static double otherCpuCores(CpuMark since) {
        CpuMark now = cpuMark();
        if (since == null || now == null) {
            return Double.NaN;
        }
        double wallMs = (now.wallNs() - since.wallNs()) / 1e6;
        double otherMs = (now.machineBusyMs() - since.machineBusyMs()) - (now.ownCpuNs() - since.ownCpuNs()) / 1e6;
        return Math.max(0, otherMs / wallMs);
    }

    public static double median(double[] values) {
        return percentile(values, 0.5);
    }
}
