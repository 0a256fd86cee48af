package dev.genlab.app;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.application.Application;

/**
 * Entry point. Three jobs before JavaFX starts:
 * <ol>
 * <li>The command-line options ({@link CommandLine}), all parsed and checked first: {@code --help} prints the
 * usage and exits 0; a wrong option or value prints what is accepted to stderr and exits with status 2, before
 * any window or child process starts. The options then go unchanged to the child process below, which checks
 * them again (it is a new JVM) and hands them to {@link GenLabApp}.</li>
 * <li>One ND4J thread that really is one. ND4J's OpenMP pool reads {@code OMP_NUM_THREADS}
 * when its native library loads; on 2 cores two OpenMP threads fight the JavaFX thread and
 * frame times spike (STACK.md), and ND4J's in-process setter did not fully take effect. An
 * environment variable can only be set for a new process, so when it is missing the launcher
 * starts the same JVM again with {@code OMP_NUM_THREADS=1} and waits for it (in an installed app: the app's
 * own native launcher, see {@link #relaunchCommand}). Should that fail, the app runs in this process as it is.</li>
 * <li>A plain class path ({@code java -cp ...}, a shaded jar) cannot start an
 * {@link Application} subclass as its main class; this class is not one.</li>
 * </ol>
 */
public final class Launcher {

    static final String OMP = "OMP_NUM_THREADS";
    /**
     * Set on the child process: its parent has read the --dataset folder whole to check it, so the child only finds
     * the pair again ({@link CommandLine.Facts#readDatasets}) instead of spending another second or two before the
     * window.
     */
    static final String DATASETS_READ = "genlab.datasetsRead";

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, CommandLine.Facts.ofThisMachine(), Launcher::start));
    }

    /** What runs the app once the options are checked; returns the exit status. */
    interface Start {
        int start(String[] args, CommandLine.Options options);
    }

    /**
     * Parses and checks args, then starts the app with start; returns the exit status: 0 after --help,
     * {@link CommandLine#EXIT_USAGE} for a wrong option or value (start is then never called), else start's.
     */
    static int run(String[] args, PrintStream out, PrintStream err, CommandLine.Facts facts, Start start) {
        CommandLine.Outcome o = CommandLine.parse(List.of(args), facts);
        if (o instanceof CommandLine.Help) {
            out.print(CommandLine.usage(facts));
            out.flush();
            return 0;
        }
        if (o instanceof CommandLine.Refused r) {
            err.println("GenLab: " + r.message());
            err.println("GenLab: --help lists the options (from a checkout: ./mvnw javafx:run -Djavafx.args=--help)");
            err.flush();
            return CommandLine.EXIT_USAGE;
        }
        return start.start(args, ((CommandLine.Run) o).options());
    }

    /** Runs the app in a child with OMP_NUM_THREADS=1 (see above), or here if that cannot be done or is not needed. */
    private static int start(String[] args, CommandLine.Options options) {
        if (relaunches(System.getenv(OMP), Boolean.getBoolean("genlab.noRelaunch"), System.getProperty("os.name"),
                System.getProperty(APP_PATH))) {
            Optional<Integer> exit = relaunch(args);
            if (exit.isPresent()) {
                return exit.get();
            }
        }
        GenLabApp.startWith(options);
        Application.launch(GenLabApp.class, args);
        return 0;
    }

    /**
     * Whether to run the app again in a child process with OMP_NUM_THREADS=1: when that variable is not set and
     * {@code -Dgenlab.noRelaunch} is not given, except in an installed macOS app. There a double-clicked
     * {@code .genlab} file arrives as an Apple event sent to the process macOS started ({@link OpenFileRequests}),
     * which, waiting for its child, would never open it; such an app runs in its own process, where ND4J may use
     * more than one OpenMP thread (not measured: no Mac was at hand).
     */
    static boolean relaunches(String ompEnv, boolean noRelaunch, String osName, String appPath) {
        if (ompEnv != null || noRelaunch) {
            return false;
        }
        return !(OpenFileRequests.eventsOnThisOs(osName) && appPath != null && !appPath.isBlank());
    }

    /**
     * Set by the native launcher of an installed app (jpackage) to its own path, e.g. {@code /opt/genlab/bin/GenLab}.
     */
    static final String APP_PATH = "jpackage.app-path";
    /** Set by the installed app's Linux launcher in the environment of the JVM it starts (JDK 17's jpackage). */
    static final String JPACKAGE_LAUNCHER_ENV = "_JPACKAGE_LAUNCHER";
    /** The environment's twin of {@link #DATASETS_READ}, for a child started through the installed app's launcher. */
    static final String DATASETS_READ_ENV = "GENLAB_DATASETS_READ";

    /** Runs this JVM again with OMP_NUM_THREADS=1 ({@link #childEnvironment}); empty when that is not possible. */
    static Optional<Integer> relaunch(String[] args) {
        List<String> cmd = relaunchCommand(args, System.getProperty(APP_PATH), ProcessHandle.current().info().command());
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        childEnvironment(pb.environment());
        pb.environment().put(DATASETS_READ_ENV, "true");
        // the installed app's launcher leaves this for the process it re-executes itself into; a launcher that
        // finds it takes its arguments as a java command line ("Unrecognized option: --lesson") and not the .cfg
        pb.environment().remove(JPACKAGE_LAUNCHER_ENV);
        try {
            Process p = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return Optional.of(p.waitFor());
        } catch (Exception e) {
            System.err.println("GenLab: could not restart with " + OMP + "=1 (" + e.getMessage()
                    + "); ND4J may use more than one thread");
            return Optional.empty();
        }
    }

    /**
     * The command that starts the app again; empty when there is none.
     *
     * <p>In an installed app (jpackage) the process is the app's native launcher, which loads the JVM into itself:
     * its command is {@code bin/GenLab}, not a {@code java}, and the trimmed runtime has no {@code bin/java} at all.
     * That launcher, given only the app's arguments, starts the same JVM with the same class path and options
     * again (it reads them from its {@code .cfg}), so it is what runs again: simpler than keeping a
     * {@code java} in the runtime and rebuilding its class path, and the child is still the installed app.
     * Anywhere else the JVM's own {@code java} runs again with its options and class path.
     */
    static List<String> relaunchCommand(String[] args, String appPath, Optional<String> command) {
        List<String> cmd = new ArrayList<>();
        if (appPath != null && !appPath.isBlank()) {
            cmd.add(appPath);
            cmd.addAll(List.of(args));
            return cmd;
        }
        if (command.isEmpty()) {
            return List.of();
        }
        cmd.add(command.get());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the module options arrive here as jdk.module.* properties the JVM refuses on a command line
            if (!a.startsWith("-Djdk.module.") && !a.startsWith("--module-path") && !a.startsWith("--add-modules")) {
                cmd.add(a);
            }
        }
        cmd.add("-D" + DATASETS_READ + "=true");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(Launcher.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The child's environment: {@code OMP_NUM_THREADS=1} (above), and glibc's allocator kept from holding on to
     * native memory that ND4J, OpenBLAS and the fonts have freed, unless the user set these already:
     * {@code MALLOC_ARENA_MAX=2}, as every scene visit starts a new trainer thread and each new thread could get an
     * arena of its own (up to 8 per core, 64 MB each) that keeps its high-water mark; {@code MALLOC_MMAP_THRESHOLD_}
     * fixed at glibc's default 128 kB, so that large buffers stay mapped and go back to the system when freed
     * (glibc otherwise raises the threshold after the first large free, up to 32 MB, and serves them from the
     * arenas). Visiting every step of every lesson four times, en / ko and light / dark (MemoryRoundsTest): the
     * resident memory went 806 → 1326 MB without them, 566 → 623 MB with them (issue 16).
     */
    static void childEnvironment(java.util.Map<String, String> env) {
        env.put(OMP, "1");
        env.putIfAbsent(ARENAS, "2");
        env.putIfAbsent(MMAP_THRESHOLD, "131072");
    }

    static final String ARENAS = "MALLOC_ARENA_MAX";
    static final String MMAP_THRESHOLD = "MALLOC_MMAP_THRESHOLD_";

    /** The class path plus whatever came on the module path (javafx:run puts JavaFX there). */
    private static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("java.class.path", "jdk.module.path")) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank()) {
                parts.add(v);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
