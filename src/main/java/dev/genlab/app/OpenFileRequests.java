package dev.genlab.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Files the operating system asks the running app to open after it started: on macOS a double-clicked
 * {@code .genlab} file does not arrive as a command-line argument (as on Linux and Windows, where the file
 * association passes it to {@link CommandLine}) but as an "open documents" Apple event, which Java hands to the
 * handler set with {@link java.awt.Desktop#setOpenFileHandler}. macOS sends that event both when the file starts
 * the app and when the app is already running.
 *
 * <p>The event can come before the main window exists (the lessons are still loading) or at any time after. The
 * requests are kept until {@link #deliverTo} names what opens them; from then on each is handed over at once,
 * on the executor given (the JavaFX thread in the app).
 *
 * <p>Only the bookkeeping is tested here (OpenFileRequestsTest); the Apple event itself has never been seen by a
 * test: {@link #install} does nothing on other systems, and no Mac was at hand. See {@link Launcher} for why an
 * installed macOS app is not restarted in a child process (the event would go to the parent).
 */
public final class OpenFileRequests {

    private final List<Path> pending = new ArrayList<>();
    private Consumer<Path> opener;
    private Executor executor;

    /** Adds one request: kept, or handed to the opener if there is one. Only regular files are taken. */
    public void request(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        Consumer<Path> o;
        Executor e;
        synchronized (this) {
            if (opener == null) {
                pending.add(file);
                return;
            }
            o = opener;
            e = executor;
        }
        e.execute(() -> o.accept(file));
    }

    /** From now on requests go to opener, run by executor; those already made go first, in order. */
    public void deliverTo(Consumer<Path> opener, Executor executor) {
        List<Path> before;
        synchronized (this) {
            this.opener = opener;
            this.executor = executor;
            before = List.copyOf(pending);
            pending.clear();
        }
        for (Path f : before) {
            executor.execute(() -> opener.accept(f));
        }
    }

    /** Requests kept until an opener is named (tests). */
    synchronized List<Path> pending() {
        return List.copyOf(pending);
    }

    /** True where the OS sends open-file events rather than arguments: macOS. */
    static boolean eventsOnThisOs(String osName) {
        return osName != null && osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    /**
     * On macOS, sets the desktop's open-file handler to add to these requests; elsewhere, or when the desktop does
     * not support it, does nothing (and so does not start AWT). Returns whether a handler was set.
     */
    public boolean install() {
        if (!eventsOnThisOs(System.getProperty("os.name"))) {
            return false;
        }
        try {
            if (!java.awt.Desktop.isDesktopSupported()
                    || !java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.APP_OPEN_FILE)) {
                return false;
            }
            java.awt.Desktop.getDesktop().setOpenFileHandler(e -> e.getFiles().forEach(f -> request(f.toPath())));
            return true;
        } catch (RuntimeException | LinkageError e) {
            // a headless or unusual desktop: the app works without the event, files still open from the menu
            System.err.println("GenLab: cannot receive open-file events (" + e + ")");
            return false;
        }
    }
}
