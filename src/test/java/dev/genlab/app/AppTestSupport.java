package dev.genlab.app;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.stage.Stage;

import dev.genlab.i18n.I18n;

/** Helpers shared by the application tests: fresh preferences, FX-thread calls with a timeout. */
final class AppTestSupport {

    private AppTestSupport() {
    }

    /** Preferences under a node of their own, emptied, with English as the language. */
    static AppPrefs freshPrefs(String name) {
        AppPrefs p = new AppPrefs(Preferences.userRoot().node("dev/genlab/test/" + name));
        p.clear();
        p.setLocale(Locale.ENGLISH);
        I18n.setLocale(Locale.ENGLISH);
        return p;
    }

    /**
     * Runs on the FX thread and waits (5 s at most) for the result. A new scene's knobs go into the window a pulse after
     * the scene (SceneHost); when some wait for theirs, the pulse is awaited first (1 s at most), so that what runs
     * here, a lookup of a knob, say, sees them (CI, 2026-12-05: FlowOneDimAppTest found no #knob-a).
     */
    static <T> T fx(Callable<T> c) {
        if (!Platform.isFxApplicationThread()) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (SceneHost.knobsPending() && System.nanoTime() < end) {
                Platform.requestNextPulse();
                org.testfx.util.WaitForAsyncUtils.sleep(5, TimeUnit.MILLISECONDS);
            }
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed: " + e, e);
        }
    }

    /** Fires the menu item with this id, as a click on it would (TestFX cannot open submenus headless). */
    static void fireMenuItem(javafx.scene.Scene scene, String id) {
        fxRun(() -> {
            javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) scene.lookup("#menu-bar");
            javafx.scene.control.MenuItem item = find(bar.getMenus(), id);
            if (item == null) {
                throw new AssertionError("no menu item #" + id);
            }
            item.fire();
        });
    }

    private static javafx.scene.control.MenuItem find(java.util.List<? extends javafx.scene.control.MenuItem> items, String id) {
        for (javafx.scene.control.MenuItem i : items) {
            if (id.equals(i.getId())) {
                return i;
            }
            if (i instanceof javafx.scene.control.Menu m) {
                javafx.scene.control.MenuItem found = find(m.getItems(), id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Polls value on the FX thread until cond holds (15 s at most), then lets the FX thread finish
     * drawing; returns the value that met it.
     */
    static <T> T awaitFx(Callable<T> value, java.util.function.Predicate<T> cond, String what) {
        long end = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < end) {
            T v = fx(value);
            if (v != null && cond.test(v)) {
                org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                return v;
            }
            org.testfx.util.WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Hides popups and dialogs a test left open (a notification lingers for seconds). */
    static void closeStrayWindows() {
        fxRun(() -> {
            for (javafx.stage.Window w : new java.util.ArrayList<>(javafx.stage.Window.getWindows())) {
                if (w instanceof javafx.stage.PopupWindow || w instanceof Stage s && s.getOwner() != null) {
                    w.hide();
                }
            }
        });
    }

    /**
     * Empties TestFX's record of the events fired in its stage (FiredEvents: a list without bound, and every event
     * keeps its target, so a scene that was left stays reachable). Call on the FX thread before measuring the heap:
     * JFR's old-object sampler traced the "growing heap" of a 2-minute monkey run to it, not to the app.
     */
    static void forgetFiredEvents() {
        try {
            java.lang.reflect.Field f = org.testfx.api.FxToolkitContext.class.getDeclaredField("firedEvents");
            f.setAccessible(true);
            ((org.testfx.service.support.FiredEvents) f.get(org.testfx.api.FxToolkit.toolkitContext())).clearEvents();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("TestFX's fired events cannot be cleared: " + e, e);
        }
    }

    /**
     * Runs {@code r} on the JavaFX thread, then waits for the jobs it posted there too: opening a step renders its
     * text in a job of its own (MainWindow#refreshTextSoon), and a lookup from the test thread that ran meanwhile
     * walked a scene graph the JavaFX thread was changing (CI, 2026-12-05: GanImagesAppTest found no image panel).
     */
    static void fxRun(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
        fx(() -> null);
    }

    /** The real main window at 1280 × 800 with fresh preferences, shown. */
    static MainWindow openWindow(Stage stage, String prefsName) {
        stage.setWidth(1280);
        stage.setHeight(800);
        MainWindow window = GenLabApp.open(stage, freshPrefs(prefsName), url -> { });
        window.show();
        return window;
    }

    /** Closes a test's window and puts the language back to English for the next test. */
    static void closeWindow(MainWindow window) {
        fxRun(window::close);
        fxRun(() -> I18n.setLocale(Locale.ENGLISH));
    }

    /** What a walk through the lessons does at each step (on the test thread, not the FX thread). */
    interface StepVisit {
        void visit(dev.genlab.lesson.Lesson lesson, int step, Locale lang) throws Exception;
    }

    /**
     * Opens every step of every usable lesson in each of {@code langs} in the window, lets each
     * settle for {@code settleMs}, and calls {@code visit} there.
     */
    static void everyStep(MainWindow window, java.util.List<Locale> langs, long settleMs, StepVisit visit)
            throws Exception {
        for (Locale lang : langs) {
            fxRun(() -> window.setLanguage(lang));
            for (dev.genlab.lesson.Lesson l : fx(() -> window.catalogue().lessons())) {
                if (!l.isUsable()) {
                    continue;
                }
                for (int i = 0; i < l.stepCount(); i++) {
                    int step = i;
                    fxRun(() -> window.open(l, step));
                    org.testfx.util.WaitForAsyncUtils.sleep(settleMs, TimeUnit.MILLISECONDS);
                    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
                    visit.visit(l, i, lang);
                }
            }
        }
    }
}
