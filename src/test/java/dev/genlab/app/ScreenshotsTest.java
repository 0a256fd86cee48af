package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.lesson.Lesson;
import dev.genlab.plot.FigureExport;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.counting.CountingScene;
import dev.genlab.scene.density.DensityScene;
import dev.genlab.scene.markov.MarkovScene;
import dev.genlab.scene.autoregressive.AutoregressiveScene;
import dev.genlab.scene.autoregressive.AutoregressiveSnapshot;
import dev.genlab.scene.flow.FlowLabSnapshot;
import dev.genlab.scene.flow.FlowScene;

/**
 * Renders every step of every lesson in English and Korean, in the normal window and in presenter mode, and the
 * first step of each in the dark theme, into {@code target/screenshots/} for review; and the set the repository
 * keeps into {@code screenshots/}: every step in English, and each lesson's first step in Korean, in presenter mode
 * and in the dark theme. A kept picture goes through {@code pngquant} (quality 85–100, a palette where it loses
 * nothing visible; about 60 % smaller) when it is installed (Debian: {@code apt-get install pngquant}), so that the
 * folder stays under 10 MB. Run with {@code ./mvnw -Pscreenshots verify}.
 */
@Tag("screenshots")
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    /** Model updates taken on each step before the picture, so figures show a model that learns. */
    static final int UPDATES_PER_STEP = 8;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setWidth(1280);
        stage.setHeight(800);
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("screenshots"), url -> { });
        window.show();
    }

    @Test
    void everyStepOfEveryLessonInEveryLanguage() throws IOException {
        Path project = Path.of(System.getProperty("genlab.project.dir", "."));
        Path out = project.resolve("target").resolve("screenshots");
        Files.createDirectories(out);
        kept = project.resolve("screenshots");
        Files.createDirectories(kept);
        for (Locale lang : dev.genlab.i18n.I18n.SUPPORTED) {
            fxRun(() -> window.setLanguage(lang));
            for (Lesson l : window.catalogue().lessons()) {
                if (!l.isUsable() || !wanted(l)) {
                    continue;
                }
                fxRun(() -> window.open(l, 0));
                fxRun(() -> window.currentScene().ifPresent(LessonScene::reset));
                for (int i = 0; i < l.stepCount(); i++) {
                    int step = i;
                    fxRun(() -> window.open(l, step));
                    advance(step + 1);
                    String name = l.id() + "-" + (i + 1) + "-" + lang.getLanguage();
                    save(out.resolve(name + ".png"));
                    fxRun(() -> window.setPresenter(true));
                    WaitForAsyncUtils.waitForFxEvents();
                    WaitForAsyncUtils.sleep(200, TimeUnit.MILLISECONDS);
                    save(out.resolve(name + "-presenter.png"));
                    fxRun(() -> window.setPresenter(false));
                    WaitForAsyncUtils.waitForFxEvents();
                }
            }
        }
        // the dark theme, first step of each lesson
        fxRun(() -> {
            window.setLanguage(Locale.ENGLISH);
            window.themeProperty().set(AppPrefs.Theme.DARK);
        });
        for (Lesson l : window.catalogue().lessons()) {
            if (l.isUsable() && wanted(l)) {
                fxRun(() -> window.open(l, 0));
                advance(1);
                save(out.resolve(l.id() + "-1-en-dark.png"));
            }
        }
        fxRun(() -> {
            window.themeProperty().set(AppPrefs.Theme.LIGHT);
            window.close();
        });
    }

    /** All lessons, or those whose id starts with one of -Dgenlab.screenshots.only=05,06 (comma-separated). */
    private static boolean wanted(Lesson l) {
        String only = System.getProperty("genlab.screenshots.only", "").trim();
        return only.isEmpty() || java.util.Arrays.stream(only.split(",")).anyMatch(p -> l.id().startsWith(p.trim()));
    }

    /** Takes model updates until the scene has done stepsDone * UPDATES_PER_STEP in all, and draws it. */
    private void advance(int stepsDone) {
        LessonScene s = fx(() -> window.currentScene().orElse(null));
        if (s instanceof DensityScene d) {
            long target = (long) stepsDone * UPDATES_PER_STEP;
            long have = fx(() -> d.lastShown() == null ? 0 : d.lastShown().iteration());
            for (long k = have; k < target; k++) {
                fxRun(d::step);
            }
            long end = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < end) {
                boolean done = fx(() -> {
                    d.pumpNow();
                    return d.lastShown() != null && (d.lastShown().iteration() >= target
                            || d.lastShown().components() == 0);
                });
                if (done) {
                    break;
                }
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
        }
        if (s instanceof CountingScene c) {
            int side = Integer.parseInt(fx(() -> c.params().getChoice("size")));
            long end = System.nanoTime() + 30_000_000_000L;
            String chart = fx(() -> c.params().getChoice("chart"));
            int k = fx(() -> c.params().getInt("markov_order"));
            while (System.nanoTime() < end && !fx(() -> c.lastShown() != null && c.lastShown().side() == side
                    && c.lastShown().trainCount() > 0 && c.lastShown().chart().equals(chart)
                    && c.lastShown().markovK() == k && (chart.equals("counts") || c.lastShown().curves() != null))) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
        }
        if (s instanceof MarkovScene m) {
            // fitted for the step's knobs, then part of a sample drawn so the sampler shows its path and context
            int side = Integer.parseInt(fx(() -> m.params().getChoice("size")));
            String family = fx(() -> m.params().getChoice("family"));
            long end = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < end && !fx(() -> m.lastShown() != null && m.lastShown().side() == side
                    && m.lastShown().family().equals(family) && m.lastShown().trainCount() > 0)) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
            int target = side * side * stepsDone / 10;
            int have = fx(() -> m.lastShown().drawn());
            for (int k = have; k < target; k++) {
                fxRun(m::step);
            }
            while (System.nanoTime() < end && !fx(() -> {
                m.pumpNow();
                return m.lastShown().drawn() >= Math.min(target, side * side);
            })) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
        }
        if (s instanceof AutoregressiveScene a) {
            advanceAutoregressive(a);
        }
        if (s instanceof FlowScene f) {
            advanceFlow(f);
        }
        if (s instanceof dev.genlab.scene.elbo.ElboScene e) {
            advanceElbo(e);
        }
        if (s instanceof dev.genlab.scene.families.FamiliesScene f) {
            advanceFamilies(f);
        }
        if (s instanceof dev.genlab.scene.gan.GanScene g && fx(() -> g.params().getChoice("panel")).equals("plane")) {
            advanceGanPlane(g);
        } else if (s instanceof dev.genlab.scene.gan.GanScene g && fx(() -> g.params().getChoice("panel")).equals("images")) {
            advanceGanImages(g);
        } else if (s instanceof dev.genlab.scene.gan.GanScene g && stepsDone >= 4) {
            // lesson 8 from "Playing the game" on: eighty rounds, so the history shows the play the text asks for
            for (int k = 0; k < 80; k++) {
                fxRun(g::step);
            }
        }
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The families comparison: played until every family's row and grid is measured, as after the first step's Play.
     * With the default training time (five networks, 30 s of training each, plus their evaluations and samples) that
     * takes a few minutes, once per language: the scene keeps its table from step to step.
     */
    private void advanceFamilies(dev.genlab.scene.families.FamiliesScene f) {
        long end = System.nanoTime() + 600_000_000_000L;
        fxRun(() -> f.playingProperty().set(true));
        // a reset just before (the first step's) reaches the trainer after the last run's snapshot: let it land
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        while (System.nanoTime() < end && !fx(() -> {
            f.pumpNow();
            return f.lastShown() != null && f.lastShown().evalCount() > 0 && f.lastShown().next() == null;
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        fxRun(() -> f.playingProperty().set(false));
    }

    /**
     * Lesson 8's images: the shipped GANs as they are; from scratch, the 300 steps after which its text shows
     * the collapse (every sample one shape), then the paused snapshot.
     */
    private void advanceGanImages(dev.genlab.scene.gan.GanScene g) {
        long end = System.nanoTime() + 90_000_000_000L;
        boolean scratch = fx(() -> g.params().getChoice("img_start")).equals("scratch");
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        if (scratch) {
            double speed = fx(() -> g.speedProperty().get());
            fxRun(() -> {
                g.speedProperty().set(50);
                g.playingProperty().set(true);
            });
            while (System.nanoTime() < end && !fx(() -> {
                g.pumpNow();
                return g.lastImages() != null && g.lastImages().steps() >= 300;
            })) {
                WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            }
            fxRun(() -> {
                g.playingProperty().set(false);
                g.speedProperty().set(speed);
            });
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        }
        // the pictures of this step's GAN (a new preset may rebuild it: the last step's must not pass)
        boolean conditional = fx(() -> g.params().getChoice("img_model")).equals("cgan");
        while (System.nanoTime() < end && !fx(() -> {
            g.pumpNow();
            var s = g.lastImages();
            return s != null && s.grid() != null && s.counts() != null && s.conditional() == conditional
                    && s.shipped() == !scratch && (scratch || s.steps() == 0);
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Lesson 8's plane: about the 1,500 rounds its text asks for, played fast, then the paused snapshot of that round. */
    private void advanceGanPlane(dev.genlab.scene.gan.GanScene g) {
        long end = System.nanoTime() + 90_000_000_000L;
        long target = 1500;
        // the step's preset may have restarted the GAN (a new data set or seed): let the trainer take it, so
        // the last step's rounds are not mistaken for this one's
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        fxRun(g::pumpNow);
        double speed = fx(() -> g.speedProperty().get());
        fxRun(() -> {
            g.speedProperty().set(50);
            g.playingProperty().set(true);
        });
        while (System.nanoTime() < end && !fx(() -> {
            g.pumpNow();
            return g.lastPlane() != null && g.lastPlane().rounds() >= target;
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        fxRun(() -> {
            g.playingProperty().set(false);
            g.speedProperty().set(speed);
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        fxRun(g::pumpNow);
    }

    /**
     * Lesson 7: the trainer-thread panels wait for their part (the images' pPCA, the VAE with its map),
     * a VAE trained from scratch takes 150 steps so its curves show, the pPCA panel draws a few samples
     * of the generative process and the bound panel fits q where the text asks.
     */
    private void advanceElbo(dev.genlab.scene.elbo.ElboScene e) {
        String panel = fx(() -> e.params().getChoice("panel"));
        long end = System.nanoTime() + 90_000_000_000L;
        if (panel.equals("ppca")) {
            for (int k = 0; k < 30; k++) {
                fxRun(e::step);
            }
            while (System.nanoTime() < end && fx(e::monteCarloPending)) {
                WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            }
            WaitForAsyncUtils.waitForFxEvents();
            return;
        }
        if (panel.equals("bound")) {
            return;
        }
        java.util.function.Predicate<dev.genlab.scene.elbo.ElboSnapshot> ready = panel.equals("images")
                ? x -> x.images() != null && x.images().latents() == e.params().getInt("img_latents")
                : x -> x.vae() != null;
        while (System.nanoTime() < end && !fx(() -> {
            e.pumpNow();
            return e.lastShown() != null && ready.test(e.lastShown());
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        if (panel.equals("vae") && fx(() -> e.params().getChoice("start").equals("scratch"))) {
            long target = fx(() -> e.lastShown().vae().steps()) + 150;
            while (System.nanoTime() < end && fx(() -> e.lastShown().vae().steps()) < target) {
                fxRun(e::step);
                WaitForAsyncUtils.sleep(10, TimeUnit.MILLISECONDS);
                fxRun(e::pumpNow);
            }
        }
        if (panel.equals("vae")) {
            // a decoded image at a point of the map, as after a click
            fxRun(() -> e.decodeAt(0.8, -0.6));
            while (System.nanoTime() < end && !fx(() -> {
                e.pumpNow();
                return e.lastShown().vae() != null && e.lastShown().vae().decodedZ() != null;
            })) {
                WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Lesson 5: a network for the step's knobs, a few Adam steps when training from scratch (or part
     * of a sample drawn in the sampling panel), and the panel's job (samples, estimates,
     * completions) finished, so the picture shows what a student sees after a moment.
     */
    private void advanceAutoregressive(AutoregressiveScene a) {
        String model = fx(() -> a.params().getChoice("model"));
        String view = fx(() -> a.params().getChoice("view"));
        long end = System.nanoTime() + 60_000_000_000L;
        if (view.equals("continuous")) {
            // RNADE at the step's knobs, trained for 60 steps (1,200 Adam steps), so the curves show what it learnt
            int k = fx(() -> a.params().getInt("components"));
            String toy = fx(() -> a.params().getChoice("toy"));
            while (System.nanoTime() < end && !fx(() -> a.lastShown() != null && a.lastShown().continuous() != null
                    && a.lastShown().continuous().components() == k && a.lastShown().continuous().toy().equals(toy))) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < 60; i++) {
                fxRun(a::step);
            }
            while (System.nanoTime() < end && !fx(() -> {
                a.pumpNow();
                var c = a.lastShown().continuous();
                return c != null && c.adamSteps() >= 60L * c.adamPerStep() && c.components() == k;
            })) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
            return;
        }
        boolean fromCheckpoint = fx(() -> a.params().getChoice("start").equals("checkpoint"));
        while (System.nanoTime() < end && !fx(() -> a.lastShown() != null && a.lastShown().side() > 0
                && a.lastShown().model().equals(model) && (a.lastShown().checkpointImages() >= 0) == fromCheckpoint)) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        boolean scratch = fx(() -> a.params().getChoice("start").equals("scratch"));
        long before = fx(() -> a.lastShown().steps());
        int updates = view.equals("sample") ? 300 : view.equals("train") && scratch ? 60 : 0;
        for (int k = 0; k < updates; k++) {
            fxRun(a::step);
        }
        long target = before + (view.equals("sample") ? 0 : updates);
        while (System.nanoTime() < end && !fx(() -> a.lastShown().steps() >= target)) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        fxRun(a::refreshSamples);
        while (System.nanoTime() < end && !fx(() -> {
            a.pumpNow();
            AutoregressiveSnapshot x = a.lastShown();
            boolean stepped = view.equals("sample") ? x.samplerStep() >= Math.min(updates, x.pixels())
                    : x.steps() >= target;
            boolean drawn = switch (view) {
                case "sample" -> x.estimateStep() >= 0;
                case "inpaint" -> x.completionCount() > 0;
                case "train" -> x.samples().length > 0 && x.samplesStep() == x.steps();
                default -> true;
            };
            // the timings under the chart are measured when the panel opens (issue 12)
            return stepped && drawn && x.jobProgress() >= 1 && !Double.isNaN(x.batchMs()) && !Double.isNaN(x.sampleMs());
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Lesson 6's dequantisation step: the 250 steps its text names, played, then the paused read-out. */
    private void advanceDequant(FlowScene f) {
        long end = System.nanoTime() + 90_000_000_000L;
        fxRun(() -> {
            f.speedProperty().set(50);
            f.playingProperty().set(true);
        });
        while (System.nanoTime() < end && !fx(() -> {
            f.pumpNow();
            return f.lastShown() != null && f.lastShown().dequant() != null && f.lastShown().dequant().steps() >= 250;
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        fxRun(() -> {
            f.playingProperty().set(false);
            f.speedProperty().set(1);
        });
        long target = fx(() -> f.lastShown().dequant().steps());
        while (System.nanoTime() < end && !fx(() -> {
            f.pumpNow();
            var d = f.lastShown().dequant();
            return d != null && d.steps() >= target && d.steps() == d.history().length;
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
    }

    /**
     * Lesson 6: the flow for the step's knobs; in the training panel (and for a stack of couplings)
     * some Adam steps, so the picture shows a flow that has started to fit; then the paused,
     * full-resolution density grid.
     */
    private void advanceFlow(FlowScene f) {
        String panel = fx(() -> f.params().getChoice("panel"));
        if (panel.equals("oned")) {
            return;
        }
        if (panel.equals("dequant")) {
            advanceDequant(f);
            return;
        }
        String type = fx(() -> f.params().getChoice("flow_type"));
        int layers = fx(() -> f.params().getInt("layers"));
        long end = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < end && !fx(() -> f.lastShown() != null && f.lastShown().layers() >= layers)) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        int updates = panel.equals("train") ? 400 : type.startsWith("coupling") ? 150 : 0;
        long target = fx(() -> f.lastShown().steps()) + updates;
        if (updates > 0) {
            // played, not stepped: a paused step publishes the fine 128 × 128 grid, a playing one a coarse one
            fxRun(() -> {
                f.speedProperty().set(8);
                f.playingProperty().set(true);
            });
            while (System.nanoTime() < end && fx(() -> f.lastShown().steps()) < target) {
                WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            }
            fxRun(() -> {
                f.playingProperty().set(false);
                f.speedProperty().set(1);
            });
        }
        while (System.nanoTime() < end && !fx(() -> {
            f.pumpNow();
            FlowLabSnapshot x = f.lastShown();
            return x.steps() >= target && x.density() != null && x.density().n() == 128
                    && (x.entropy() == x.entropy() || x.dataset().equals("drawn"));
        })) {
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    /** The folder of the pictures the repository keeps. */
    private Path kept;

    /** Every step in English; the first step in Korean, in presenter mode (English) and in the dark theme. */
    static boolean keptInRepository(String name) {
        return name.matches(".*-\\d+-en\\.png") || name.matches(".*-1-(ko|en-presenter|en-dark)\\.png");
    }

    private void save(Path file) throws IOException {
        try {
            fx(() -> {
                FigureExport.savePng(stage.getScene().getRoot(), file, 1);
                return null;
            });
        } catch (AssertionError e) {
            throw new IOException("could not save " + file, e);
        }
        String name = file.getFileName().toString();
        if (keptInRepository(name)) {
            Path to = kept.resolve(name);
            Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            optimise(to);
        }
    }

    /** pngquant in place when it is on the PATH; the picture stays as rendered when it is not or when it fails. */
    private static void optimise(Path png) {
        try {
            Process p = new ProcessBuilder("pngquant", "--quality=85-100", "--speed", "1", "--strip", "--force",
                    "--output", png.toString(), png.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            // not installed: keep the picture as rendered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
