package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.genlab.bench.BenchReport;

/**
 * Cold start: wall time from starting a fresh JVM with {@link Launcher} (headless Monocle,
 * software rendering, {@code OMP_NUM_THREADS=1}) until the app reports its first window shown,
 * through the startup probe ({@code -Dgenlab.startupProbe=true}, see {@link GenLabApp}).
 * Three launches, median reported. The same probe reports how long ND4J's loader took.
 *
 * <p>Beside it, in the same run, the floor: {@link HelloWindow}, a one-label JavaFX window, launched
 * the same way (same JVM, flags, class path and environment, a non-Application main class, the same
 * "window shown" line), three launches, median ({@code cold_start_hello_s}), and GenLab's time as a
 * multiple of it ({@code cold_start_ratio}).
 */
@Tag("bench")
class ColdStartBenchTest {

    private static final int RUNS = 3;

    /**
     * One launch: seconds to the window, to the first lesson and its scene shown (GenLab only), to ND4J
     * ready, the loader's own seconds.
     */
    record Launch(double windowS, double readyS, double nd4jAfterLaunchS, double nd4jLoaderS, int nd4jThreads) {
    }

    @Test
    void coldStart() throws Exception {
        List<Launch> launches = new ArrayList<>();
        List<Launch> hellos = new ArrayList<>();
        // interleaved, so that both see the same machine
        for (int i = 0; i < RUNS; i++) {
            launches.add(launch(i, Launcher.class.getName(), true));
            hellos.add(launch(i, HelloWindow.class.getName(), false));
        }
        assertEquals(RUNS, launches.size());
        // the one-ND4J-thread rule: with OMP_NUM_THREADS=1 ND4J logs one thread for linear algebra
        for (Launch l : launches) {
            if (l.nd4jThreads() >= 0) {
                assertEquals(1, l.nd4jThreads(), "ND4J threads in the launched app");
            }
        }
        double app = BenchReport.median(launches.stream().mapToDouble(Launch::windowS).toArray());
        double hello = BenchReport.median(hellos.stream().mapToDouble(Launch::windowS).toArray());
        BenchReport.row("cold_start_s", app, "s");
        BenchReport.row("cold_start_hello_s", hello, "s (a one-label JavaFX window launched the same way)");
        BenchReport.row("cold_start_ratio", app / hello, "x the hello window (target <= 1.5)");
        BenchReport.row("cold_start_ready_s", BenchReport.median(launches.stream().mapToDouble(Launch::readyS).toArray()),
                "s (the first lesson and its scene shown)");
        double[] loader = launches.stream().mapToDouble(Launch::nd4jLoaderS).filter(Double::isFinite).toArray();
        launches.stream().mapToInt(Launch::nd4jThreads).filter(n -> n >= 0).max()
                .ifPresent(n -> BenchReport.row("nd4j_threads", n, "threads"));
        if (loader.length > 0) {
            BenchReport.row("nd4j_ready_s", BenchReport.median(loader), "s");
            BenchReport.row("nd4j_ready_after_launch_s", BenchReport.median(
                    launches.stream().mapToDouble(Launch::nd4jAfterLaunchS).filter(Double::isFinite).toArray()), "s");
        }
    }

    /** ND4J's own log line "Number of threads used for linear algebra: N", or -1 when absent. */
    private static int nd4jThreads(Path log) throws IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("Number of threads used for linear algebra: (\\d+)");
        for (String line : java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = p.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return -1;
    }

    private static Launch launch(int run, String mainClass, boolean waitForNd4j) throws IOException, InterruptedException {
        Path project = Path.of(System.getProperty("genlab.project.dir", ".")).toAbsolutePath();
        // surefire runs tests from a manifest-only jar; it publishes the real test class path here
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java,
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Dprism.text=t2k", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
                "-Dgenlab.prefs.node=dev/genlab/test/bench-coldstart",
                "-D" + GenLabApp.STARTUP_PROBE + "=true",
                "-cp", cp, mainClass);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        String tag = waitForNd4j ? "" : "hello-";
        File err = project.resolve("target").resolve("cold-start-" + tag + run + ".err").toFile();
        pb.redirectError(err);
        long t0 = System.nanoTime();
        Process p = pb.start();
        double window = Double.NaN;
        double ready = waitForNd4j ? Double.NaN : 0;
        double nd4jAt = Double.NaN;
        double nd4jLoader = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long now = System.nanoTime();
                if (line.startsWith("genlab-window-shown ")) {
                    window = (now - t0) / 1e9;
                } else if (line.startsWith("genlab-ready ")) {
                    ready = (now - t0) / 1e9;
                } else if (line.startsWith("genlab-nd4j-ready ")) {
                    nd4jAt = (now - t0) / 1e9;
                    String[] f = line.split(" ");
                    if (Boolean.parseBoolean(f[2])) {
                        nd4jLoader = Double.parseDouble(f[1]);
                    }
                }
                // the two lines come in either order: ND4J may finish before the window or after it
                if (Double.isFinite(window) && Double.isFinite(ready) && (Double.isFinite(nd4jAt) || !waitForNd4j)) {
                    break;
                }
            }
        } finally {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        assertTrue(Double.isFinite(window), "the app never reported its window (see " + err + ")");
        int threads = waitForNd4j ? nd4jThreads(err.toPath()) : -1;
        System.out.printf(mainClass + " cold start %d: window %.2f s, lesson shown %.2f s, ND4J ready %.2f s after launch"
                + " (loader %.2f s), %d ND4J thread(s)%n", run, window, ready, nd4jAt, nd4jLoader, threads);
        return new Launch(window, ready, nd4jAt, nd4jLoader, threads);
    }
}
