package dev.genlab.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.bench.BenchReport;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.scene.autoregressive.AutoregressiveSnapshot;
import dev.genlab.scene.density.DensityScene;
import dev.genlab.scene.density.DensitySnapshot;
import dev.genlab.scene.elbo.ElboSnapshot;
import dev.genlab.scene.flow.DequantLab;
import dev.genlab.scene.flow.FlowLabSnapshot;
import dev.genlab.scene.flow.FlowScene;
import dev.genlab.scene.gan.GanScene;
import dev.genlab.scene.gan.GanSnapshot;
import dev.genlab.scene.gan.ImageSnapshot;

/**
 * Issue 16, "Models under abuse": every live model with its learning rate at the top of its range, the smallest and
 * largest batch and width its knobs allow, and (where a lesson lets the student draw the data: lessons 1, 6 and 8)
 * drawn sets of 1, 2 and 10,000 points; lessons 2 and 4, which count instead of training, with no smoothing, the
 * fewest images and the largest contexts. Each case builds the scene from {@link SceneRegistry} in a window of its
 * own, sets the knobs as a student would, presses Step a few times, then (the cheap 2-D models) plays at 1000x for a
 * moment, and checks that
 * <ul>
 * <li>no thread threw, and the trainer did not catch an exception in the model (that is a bug, not a divergence);</li>
 * <li>the numbers the model reports (losses, NLL, ELBO, log-likelihood curves) are finite, or the divergence guard
 * fired: the trainer paused, the scene's status says so, and the model is back at its last good state (healthy, and
 * when the guard fired on a Step press, showing exactly what it showed before that press);</li>
 * <li>no label or text in the scene shows NaN or Infinity;</li>
 * <li>the figure moved on (the snapshot's step count grew) or a notice says why not.</li>
 * </ul>
 * The first case of each model also checks saveState and restoreState directly ({@link #roundTripKind}), since the
 * abuse drives only some models to diverge. Writes {@code abuse_cases}, {@code abuse_divergences},
 * {@code abuse_failures}, {@code abuse_restore_round_trips} and {@code abuse_seconds} to the bench report. A failure
 * names its case; {@code -Dgenlab.abuse.only=TEXT} runs the cases whose name contains TEXT, and
 * {@code -Dgenlab.abuse.playMs} plays the cheap models longer (200 ms; 2500 drives several flows to diverge),
 * {@code -Dgenlab.abuse.playAll=true} the image models too.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsUnderAbuseTest {

    static final ImageDataset DIGITS = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT,
            ProceduralDigits.BUILT_IN_SEED);
    /** How long one step (or the settling after knobs) may take before the case counts as stalled. */
    static final long STEP_TIMEOUT_MS = 20_000;

    private StackPane root;

    @Start
    void start(Stage stage) {
        // the app's look (AtlantaFX's colours, which genlab.css and the scenes' styles look up)
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight()
                .getUserAgentStylesheet());
        root = new StackPane();
        root.getStyleClass().add("genlab");
        Scene scene = new Scene(root, 1100, 720);
        scene.getStylesheets().add(ModelsUnderAbuseTest.class.getResource("/dev/genlab/app/genlab.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** What a snapshot reports: its step count, the numbers that must be finite, and any note it shows. */
    record Reading(long steps, Map<String, double[]> numbers, String note) {
        String nonFinite() {
            for (Map.Entry<String, double[]> e : numbers.entrySet()) {
                for (int i = 0; i < e.getValue().length; i++) {
                    if (!Double.isFinite(e.getValue()[i])) {
                        return e.getKey() + "[" + i + "] = " + e.getValue()[i];
                    }
                }
            }
            return null;
        }
    }

    /**
     * One abuse: the scene, the knobs set in order (the panel first), the points drawn, the Step presses and how to
     * read the snapshot.
     */
    record Case(String scene, String name, Map<String, Object> knobs, int drawn, int steps,
                Function<Object, Reading> read) {
        @Override
        public String toString() {
            return scene + " / " + name;
        }
    }

    static Map<String, Object> knobs(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static double[] of(double... v) {
        return v;
    }

    /** The step count of a scene whose Step has nothing to advance. */
    static final long STATIC = -1;

    /** Lessons 2 and 4: the step count only (see cases()). */
    static Reading steps(Object o) {
        if (o instanceof dev.genlab.scene.markov.MarkovSnapshot m) {
            return new Reading(m.sampleNumber() * 1_000_000L + m.drawn(), Map.of(), m.message());
        }
        // lesson 2's Step changes nothing (its fits are exact counts): no step count to advance
        return new Reading(STATIC, Map.of(), ((dev.genlab.scene.counting.CountingSnapshot) o).message());
    }

    static Reading density(Object o) {
        DensitySnapshot s = (DensitySnapshot) o;
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("avg log-likelihood curve", s.history());
        n.put("held-out log-likelihood curve", s.testHistory());
        n.put("weights", s.weights());
        n.put("means", s.means());
        n.put("covariances", s.covs());
        return new Reading(s.iteration(), n, s.message());
    }

    static Reading flow(Object o) {
        FlowLabSnapshot s = (FlowLabSnapshot) o;
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("NLL curve", s.history());
        if (s.steps() > 0) {
            n.put("batch NLL", of(s.nll()));
            n.put("held-out NLL", of(s.heldOutNll()));
        }
        return new Reading(s.steps(), n, s.message());
    }

    static Reading dequant(Object o) {
        FlowLabSnapshot f = (FlowLabSnapshot) o;
        DequantLab.View s = f.dequant();
        if (s == null) {
            return new Reading(0, Map.of(), f.message());
        }
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("dequantised NLL curve", s.history());
        if (s.steps() > 0) {
            n.put("bits/dim", of(s.bitsPerDim()));
            n.put("dequantised NLL", of(s.dequantNll()));
        }
        return new Reading(s.steps(), n, f.message());
    }

    static Reading autoregressive(Object o) {
        AutoregressiveSnapshot s = (AutoregressiveSnapshot) o;
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("train NLL curve", s.trainY());
        n.put("test NLL curve", s.testY());
        return new Reading(s.steps(), n, s.message());
    }

    /** Lesson 5's continuous panel: RNADE's held-out curve, its map and its conditionals. */
    static Reading rnade(Object o) {
        AutoregressiveSnapshot s = (AutoregressiveSnapshot) o;
        if (s.continuous() == null) {
            return new Reading(0, Map.of(), s.message());
        }
        var v = s.continuous();
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("held-out NLL curve", v.nllY());
        double[] map = new double[v.density().length];
        for (int i = 0; i < map.length; i++) {
            map[i] = v.density()[i];
        }
        n.put("density map", map);
        n.put("p(x1)", v.marginal());
        n.put("p(x2 | x1)", v.conditional());
        return new Reading(v.adamSteps(), n, s.message());
    }

    static Reading vae(Object o) {
        ElboSnapshot e = (ElboSnapshot) o;
        ElboSnapshot.VaePart s = e.vae();
        if (s == null) {
            return new Reading(0, Map.of(), e.message());
        }
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("train ELBO curve", s.trainElbo());
        n.put("reconstruction curve", s.trainRecon());
        n.put("KL curve", s.trainKl());
        n.put("test ELBO curve", s.testElbo());
        return new Reading(s.steps(), n, e.message());
    }

    static Reading plane(Object o) {
        GanSnapshot s = (GanSnapshot) o;
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("D loss curve", s.curveD());
        n.put("G loss curve", s.curveG());
        if (s.rounds() > 0) {
            n.put("step losses", of(s.stepLossD(), s.stepLossG()));
        }
        return new Reading(s.rounds(), n, s.note());
    }

    static Reading images(Object o) {
        GanSnapshot g = (GanSnapshot) o;
        ImageSnapshot s = g.images();
        if (s == null) {
            return new Reading(0, Map.of(), g.note());
        }
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("D loss curve", s.curveD());
        n.put("G loss curve", s.curveG());
        n.put("D(real) curve", s.curveReal());
        n.put("D(fake) curve", s.curveFake());
        return new Reading(s.steps(), n, String.join(" ", s.notes()));
    }

    /**
     * Lesson 9: the rows finished (a million each) and the optimiser steps of the network in progress; the numbers of
     * every finished row and its training time so far.
     */
    static Reading families(Object o) {
        dev.genlab.scene.families.FamiliesSnapshot s = (dev.genlab.scene.families.FamiliesSnapshot) o;
        Map<String, double[]> n = new LinkedHashMap<>();
        n.put("row NLLs", s.rows().stream().filter(r -> r.kind() == dev.genlab.scene.families.FamiliesSnapshot.Kind.EXACT
                || r.kind() == dev.genlab.scene.families.FamiliesSnapshot.Kind.BOUND).mapToDouble(r -> r.nll()).toArray());
        n.put("sample times", s.rows().stream().mapToDouble(r -> r.sampleMs()).toArray());
        if (s.current() != null) {
            n.put("training time", of(s.current().trainedSeconds()));
        }
        long steps = s.rows().size() * 1_000_000L + (s.current() == null ? 0 : s.current().trainSteps());
        return new Reading(steps, n, s.notes());
    }

    /** The cases: every trainer scene's extremes. */
    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // lesson 1: EM has no learning rate; its extremes are the data set's size and the number of components
        c.add(new Case("density", "50 points, 12 components", knobs("points", 50, "components", 12), 0, 4,
                ModelsUnderAbuseTest::density));
        c.add(new Case("density", "3000 points, 12 components, random start",
                knobs("points", 3000, "components", 12, "init", "random"), 0, 4, ModelsUnderAbuseTest::density));
        // too few points for K components, too few for one Gaussian, and many
        for (int[] drawnK : new int[][] {{1, 1}, {2, 1}, {2, 12}, {10_000, 12}}) {
            c.add(new Case("density", drawnK[0] + " drawn, " + drawnK[1] + " components",
                    knobs("dataset", "drawn", "components", drawnK[1]), drawnK[0], 4, ModelsUnderAbuseTest::density));
        }
        // lessons 2 and 4 count instead of training (no rate, no batch): no smoothing, the fewest images and the
        // largest contexts. Their held-out NLL is +inf by design when a test image gets probability 0 (lesson 2's
        // point), so only what they show and that they step are checked
        c.add(new Case("counting", "no smoothing, 50 images, order 8, neighbourhood 12, NADE 500",
                knobs("smoothing", 0.0, "train_images", 50, "markov_order", 8, "neighbourhood", 12, "nade_hidden", 500),
                0, 3, ModelsUnderAbuseTest::steps));
        c.add(new Case("markov", "no smoothing, 50 images, order 8",
                knobs("smoothing", 0.0, "train_images", 50, "order", 8), 0, 3, ModelsUnderAbuseTest::steps));
        c.add(new Case("markov", "no smoothing, 50 images, neighbourhood family, largest",
                knobs("smoothing", 0.0, "train_images", 50, "family", "neighbourhood", "neighbourhood", 12,
                        "ordering", "random"), 0, 3, ModelsUnderAbuseTest::steps));
        // lesson 5: each model at the top learning rate, smallest batch and width, then largest
        for (String model : List.of("nade", "made", "pixelcnn", "fvsbn")) {
            String width = model.equals("pixelcnn") ? "channels" : "hidden";
            boolean hasWidth = !model.equals("fvsbn");
            Map<String, Object> small = knobs("model", model, "start", "scratch", "learning_rate", 0.03, "batch", 8,
                    "train_images", 200);
            Map<String, Object> large = knobs("model", model, "start", "scratch", "learning_rate", 0.03, "batch", 128,
                    "train_images", 8000);
            if (hasWidth) {
                small.put(width, 4);
                large.put(width, model.equals("pixelcnn") ? 48 : 256);
            }
            if (model.equals("pixelcnn")) {
                large.put("layers", 1); // the widest layers; depth is not what this abuses, and 4 of them take seconds
            }
            c.add(new Case("autoregressive", model + ": rate 0.03, batch 8, narrowest", small, 0, 6,
                    ModelsUnderAbuseTest::autoregressive));
            c.add(new Case("autoregressive", model + ": rate 0.03, batch 128, widest", large, 0, 2,
                    ModelsUnderAbuseTest::autoregressive));
        }
        // lesson 5's continuous panel: RNADE at the top rate, one and ten components, smallest and largest batch
        c.add(new Case("autoregressive", "RNADE: rate 0.03, batch 8, one component, spiral",
                knobs("view", "continuous", "toy", "spiral", "components", 1, "learning_rate", 0.03, "batch", 8), 0, 6,
                ModelsUnderAbuseTest::rnade));
        c.add(new Case("autoregressive", "RNADE: rate 0.03, batch 128, ten components, checkerboard",
                knobs("view", "continuous", "toy", "checkerboard", "components", 10, "learning_rate", 0.03, "batch", 128),
                0, 6, ModelsUnderAbuseTest::rnade));
        // lesson 6: every layer type at the top rate, small and large batch and width; drawn data; dequantisation
        for (String type : List.of("linear", "planar", "radial", "coupling", "coupling_lu", "coupling_additive", "maf",
                "iaf", "glow")) {
            c.add(new Case("flow", type + ": rate 0.03, batch 32, hidden 8, 8 layers",
                    knobs("panel", "train", "flow_type", type, "layers", 8, "hidden", 8, "learning_rate", 0.03,
                            "batch", 32), 0, 3, ModelsUnderAbuseTest::flow));
            c.add(new Case("flow", type + ": rate 0.03, batch 512, hidden 128",
                    knobs("panel", "train", "flow_type", type, "layers", 2, "hidden", 128, "learning_rate", 0.03,
                            "batch", 512), 0, 2, ModelsUnderAbuseTest::flow));
        }
        for (int drawn : new int[] {1, 2, 10_000}) {
            for (String type : List.of("coupling", "planar")) {
                c.add(new Case("flow", type + ", " + drawn + " drawn, rate 0.03",
                        knobs("panel", "train", "dataset", "drawn", "flow_type", type, "layers", 4,
                                "learning_rate", 0.03, "batch", 512), drawn, 3, ModelsUnderAbuseTest::flow));
            }
        }
        for (String noise : List.of("uniform", "off")) {
            c.add(new Case("flow", "dequantisation, noise " + noise, knobs("panel", "dequant", "dequant_noise", noise),
                    0, 6, ModelsUnderAbuseTest::dequant));
        }
        // lesson 7: the VAE beside its autoencoder
        c.add(new Case("elbo", "VAE rate 0.01, batch 16, hidden 64, 2 latents, Gaussian",
                knobs("panel", "vae", "start", "scratch", "learning_rate", 0.01, "batch", 16, "hidden", 64, "latent", 2,
                        "likelihood", "gaussian"), 0, 3, ModelsUnderAbuseTest::vae));
        c.add(new Case("elbo", "VAE rate 0.01, batch 256, hidden 400, 32 latents",
                knobs("panel", "vae", "start", "scratch", "learning_rate", 0.01, "batch", 256, "hidden", 400,
                        "latent", 32), 0, 3, ModelsUnderAbuseTest::vae));
        c.add(new Case("elbo", "VAE rate 0.01, batch 256, autoregressive decoder, beta 8",
                knobs("panel", "vae", "start", "scratch", "learning_rate", 0.01, "batch", 256, "hidden", 64,
                        "decoder", "autoregressive", "beta", 8.0), 0, 2, ModelsUnderAbuseTest::vae));
        c.add(new Case("elbo", "VAE rate 0.01, batch 16, NADE decoder",
                knobs("panel", "vae", "start", "scratch", "learning_rate", 0.01, "batch", 16, "hidden", 64,
                        "decoder", "nade"), 0, 2, ModelsUnderAbuseTest::vae));
        c.add(new Case("elbo", "VAE from its checkpoint, rate 0.01, batch 256",
                knobs("panel", "vae", "start", "checkpoint", "learning_rate", 0.01, "batch", 256), 0, 2,
                ModelsUnderAbuseTest::vae));
        // lesson 8: the plane at the top rates with every loss, small and large; drawn data; the image GAN
        for (String loss : List.of("minimax", "non_saturating", "least_squares", "wgan_gp", "wgan_clip")) {
            c.add(new Case("gan", loss + ": Adam 0.1, batch 32, width 16, 10 D steps",
                    knobs("panel", "plane", "gan_loss", loss, "optimiser", "adam", "lr_d", 0.1, "lr_g", 0.1,
                            "batch", 32, "g_width", 16, "d_width", 16, "k_d", 10), 0, 3, ModelsUnderAbuseTest::plane));
            c.add(new Case("gan", loss + ": SGD 0.1, batch 512, width 128",
                    knobs("panel", "plane", "gan_loss", loss, "optimiser", "sgd", "lr_d", 0.1, "lr_g", 0.1,
                            "batch", 512, "g_width", 128, "d_width", 128), 0, 3, ModelsUnderAbuseTest::plane));
        }
        for (int drawn : new int[] {1, 2, 10_000}) {
            c.add(new Case("gan", drawn + " drawn, Adam 0.1",
                    knobs("panel", "plane", "data", "drawn", "lr_d", 0.1, "lr_g", 0.1, "batch", 512), drawn, 4,
                    ModelsUnderAbuseTest::plane));
        }
        c.add(new Case("gan", "image GAN from scratch, rate 0.002, minimax",
                knobs("panel", "images", "img_start", "scratch", "img_lr", 0.002, "img_loss", "minimax"), 0, 5,
                ModelsUnderAbuseTest::images));
        c.add(new Case("gan", "conditional image GAN trained, rate 0.002",
                knobs("panel", "images", "img_model", "cgan", "img_start", "trained", "img_lr", 0.002), 0, 5,
                ModelsUnderAbuseTest::images));
        // lesson 9: the training time per network at both ends of its knob; Step fits the counting models, then
        // trains NADE a slice at a time
        for (int budget : new int[] {10, 120}) {
            c.add(new Case("families", "training time " + budget + " s", knobs("budget", budget), 0, 4,
                    ModelsUnderAbuseTest::families));
        }
        return c;
    }

    @Test
    void everyLiveModelSurvivesItsExtremes() {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        String[] current = {""};
        Thread.UncaughtExceptionHandler handler = (t, e) -> failures.add(current[0] + ": uncaught on " + t.getName()
                + ": " + e);
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(handler);
        fx(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(handler);
            return null;
        });
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(err, errBytes), true, StandardCharsets.UTF_8));
        SceneContext context = new SceneContext(new SimpleObjectProperty<>(DIGITS));
        String only = System.getProperty("genlab.abuse.only", "");
        List<Case> cases = cases().stream().filter(c -> c.toString().contains(only)).toList();
        int divergences = 0;
        List<String> roundTrips = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (Case c : cases) {
                current[0] = c.toString();
                long t0 = System.nanoTime();
                int before0 = failures.size();
                String kind = roundTripKind(c);
                boolean roundTrip = kind != null && !roundTrips.contains(kind);
                if (roundTrip) {
                    roundTrips.add(kind);
                }
                divergences += run(c, context, failures, roundTrip);
                System.out.printf("abuse %-70s %5d ms%s%n", c, (System.nanoTime() - t0) / 1_000_000,
                        failures.size() > before0 ? "  FAILED" : "");
            }
        } finally {
            System.setErr(err);
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        for (String line : errBytes.toString(StandardCharsets.UTF_8).split("\n")) {
            // as MonkeyTest: JavaFX's headless painter's BufferOverflowException (a window resized between two
            // pulses) is Monocle's, not ours
            if (line.matches("^(Exception in thread .*|[\\w.$]+(Exception|Error)(: .*)?)$")
                    && !line.startsWith("java.nio.BufferOverflowException")) {
                failures.add("printed: " + line);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        BenchReport.row("abuse_cases", cases.size(), "cases");
        BenchReport.row("abuse_restore_round_trips", roundTrips.size(), "models");
        BenchReport.row("abuse_divergences", divergences, "cases");
        BenchReport.row("abuse_failures", failures.size(), "failures");
        BenchReport.row("abuse_seconds", seconds, "s");
        System.out.printf("abuse: %d cases, %d stopped by the divergence guard, %.1f s; restore round trips: %s%n",
                cases.size(), divergences, seconds, roundTrips);
        assertEquals(List.of(), failures);
    }

    /**
     * The first case of each scene, panel, lesson 5 model and flow layer family (coupling, MADE) also checks what the
     * guard restores, on a model that did not diverge: two steps, saveState, three more, restoreState on the trainer
     * thread. The snapshot must be at the saved step or an earlier one, its curves the start of the saved curves, its
     * numbers finite, and the model healthy and able to step on. Models the abuse never drives to diverge are covered
     * by this.
     */
    static String roundTripKind(Case c) {
        if (c.drawn() > 0 || c.scene().equals("counting") || c.scene().equals("flow")
                && !List.of("coupling", "maf", "").contains(String.valueOf(c.knobs().getOrDefault("flow_type", "")))) {
            return null;
        }
        return c.scene() + "/" + c.knobs().getOrDefault("panel", "") + "/" + c.knobs().getOrDefault("model", "") + "/"
                + c.knobs().getOrDefault("flow_type", "");
    }

    /** On the trainer thread: step, save, step, restore; null if the restored model is the saved one. */
    private static <M extends dev.genlab.live.LiveModel<P, S>, P, S> String roundTrip(Trainer<M, P, S> t, Case c) {
        java.util.concurrent.CompletableFuture<String> f = new java.util.concurrent.CompletableFuture<>();
        t.send(m -> {
            try {
                P p = t.params();
                for (int i = 0; i < 2; i++) {
                    m.step(p);
                }
                Object good = m.saveState();
                Reading before = c.read().apply(m.snapshot(p));
                for (int i = 0; i < 3; i++) {
                    m.step(p);
                }
                Reading moved = c.read().apply(m.snapshot(p));
                m.restoreState(good);
                Reading after = c.read().apply(m.snapshot(p));
                if (moved.steps() == before.steps()) {
                    f.complete("three steps did not move the model: step " + moved.steps());
                } else if (after.steps() > before.steps() || curvesPast(after, before) != null) {
                    f.complete("restoreState gave step " + after.steps() + ", saved at step " + before.steps() + "; "
                            + curvesPast(after, before));
                } else if (after.nonFinite() != null) {
                    f.complete("restoreState left " + after.nonFinite());
                } else if (!m.isHealthy()) {
                    f.complete("not healthy after restoreState");
                } else {
                    double next = m.step(p);
                    f.complete(Double.isFinite(next) && m.isHealthy() ? null
                            : "the step after restoreState gave " + next);
                }
            } catch (RuntimeException e) {
                f.complete("threw " + e);
            }
        });
        try {
            return f.get(STEP_TIMEOUT_MS * 3, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return "the trainer did not answer: " + e;
        }
    }

    /** The case's scene, in the window, its knobs set and drawn points given, activated. */
    private TrainerScene<?, ?, ?> build(Case c, SceneContext context) {
        SceneDescriptor d = SceneRegistry.builtIn().find(c.scene()).orElseThrow();
        return fx(() -> {
            TrainerScene<?, ?, ?> s = (TrainerScene<?, ?, ?>) d.factory().apply(context);
            root.getChildren().setAll(s.view());
            c.knobs().forEach((k, v) -> s.params().setText(k, String.valueOf(v)));
            if (c.drawn() > 0) {
                double[] xy = drawnPoints(c.drawn());
                if (s instanceof DensityScene ds) {
                    ds.addDrawn(xy);
                } else if (s instanceof FlowScene fs) {
                    fs.addDrawn(xy);
                } else if (s instanceof GanScene gs) {
                    gs.addDrawn(xy);
                } else {
                    throw new IllegalStateException(c + ": this scene takes no drawn points");
                }
            }
            s.activate();
            return s;
        });
    }

    /** One case; returns 1 if the divergence guard stopped it. Adds what went wrong to failures. */
    private int run(Case c, SceneContext context, List<String> failures, boolean roundTrip) {
        TrainerScene<?, ?, ?> scene = build(c, context);
        try {
            if (!settle(scene, c, failures)) {
                return 0;
            }
            Reading good = read(scene, c);
            long steps0 = good.steps();
            for (int i = 0; i < c.steps(); i++) {
                fx(() -> {
                    scene.step();
                    return null;
                });
                // the first round trip may overtake the step; the second comes after it and after any divergence
                // event the step raised, so the check of lastDivergence below sees it
                if (!settle(scene, c, failures) || !settle(scene, c, failures)) {
                    return 0;
                }
                if (fx(scene::lastDivergence) != null) {
                    break;
                }
                good = read(scene, c);
            }
            long play = playMs(c);
            boolean played = play > 0 && fx(scene::lastDivergence) == null;
            if (played) {
                // then Play, far faster than real time, for a moment: many more updates at the top rates
                fx(() -> {
                    scene.speedProperty().set(PLAY_SPEED);
                    scene.playingProperty().set(true);
                    return null;
                });
                WaitForAsyncUtils.sleep(play, TimeUnit.MILLISECONDS);
                fx(() -> {
                    scene.playingProperty().set(false);
                    return null;
                });
                if (!settle(scene, c, failures) || !settle(scene, c, failures)) {
                    return 0;
                }
            }
            fx(scene::pumpNow);
            Reading r = read(scene, c);
            Trainer.Event diverged = fx(scene::lastDivergence);
            String status = fx(() -> scene.statusProperty().get());
            String bad = r.nonFinite();
            if (bad != null) {
                failures.add(c + ": the model reports " + bad + (diverged == null ? "" : " after the guard restored it"));
            }
            if (diverged != null) {
                if (diverged.message().startsWith(ERROR_PREFIX)) {
                    failures.add(c + ": the model threw, the trainer caught it: " + diverged.message());
                }
                if (fx(() -> scene.trainer().isPlaying() || scene.playingProperty().get())) {
                    failures.add(c + ": still playing after the divergence guard fired");
                }
                if (status == null || !status.contains(diverged.message())) {
                    failures.add(c + ": the status does not say training stopped: '" + status + "'");
                }
                // the last good state: the model is healthy again and, when the guard fired on a Step press, shows
                // exactly what it showed before that press
                if (!healthy(fx(scene::trainer))) {
                    failures.add(c + ": the guard fired at step " + diverged.step()
                            + " but the model it left is not healthy: the last good state did not come back");
                }
                if (played ? r.steps() > diverged.step() : r.steps() != good.steps() || !same(r, good)) {
                    failures.add(c + ": the guard fired at step " + diverged.step() + " but the model shows step "
                            + r.steps() + " " + lengths(r) + ", not the last good state, step " + good.steps() + " "
                            + lengths(good));
                }
            } else if (r.steps() != STATIC && r.steps() <= steps0 && blank(r.note()) && blank(status)) {
                failures.add(c + ": " + c.steps() + " Step presses left the figure at step " + r.steps()
                        + " and nothing says why");
            }
            List<String> shown = fx(() -> {
                List<String> out = new ArrayList<>();
                nonFiniteTexts(scene.view(), out);
                return out;
            });
            for (String t : shown.stream().distinct().toList()) {
                failures.add(c + ": shows '" + t + "'");
            }
            System.out.printf("abuse   %s: steps %d -> %d (%d by Step)%s%n", c, steps0, r.steps(), good.steps(),
                    diverged == null ? "" : ", stopped: " + diverged.message());
            if (roundTrip) {
                String why = roundTrip(fx(scene::trainer), c);
                if (why != null) {
                    failures.add(c + ": saveState, three steps, restoreState: " + why);
                }
            }
            return diverged == null ? 0 : 1;
        } finally {
            fx(() -> {
                scene.deactivate();
                root.getChildren().clear();
                return null;
            });
        }
    }

    /** Speed while playing: the scenes' base rates times this are more updates a second than any model makes. */
    static final double PLAY_SPEED = 1000;
    /** How long a cheap case plays ({@code -Dgenlab.abuse.playMs}: longer to hunt, e.g. 3000). */
    static final long PLAY_MS = Long.getLong("genlab.abuse.playMs", 200);

    /** How long a case plays after its Step presses: the cheap 2-D models (EM, the flows, the GAN plane). */
    static long playMs(Case c) {
        boolean cheap = c.scene().equals("density") || c.scene().equals("flow") && c.knobs().get("panel").equals("train")
                && !Integer.valueOf(512).equals(c.knobs().get("batch")) || c.drawn() > 0
                || c.scene().equals("gan") && c.knobs().get("panel").equals("plane");
        return cheap || Boolean.getBoolean("genlab.abuse.playAll") ? PLAY_MS : 0;
    }

    private static boolean same(Reading a, Reading b) {
        if (!a.numbers().keySet().equals(b.numbers().keySet())) {
            return false;
        }
        for (String k : a.numbers().keySet()) {
            if (!java.util.Arrays.equals(a.numbers().get(k), b.numbers().get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Asks the model on its trainer thread whether it is healthy (after every command and step before it). */
    private static <M extends dev.genlab.live.LiveModel<P, S>, P, S> boolean healthy(Trainer<M, P, S> t) {
        java.util.concurrent.CompletableFuture<Boolean> f = new java.util.concurrent.CompletableFuture<>();
        t.send(m -> f.complete(m.isHealthy()));
        try {
            return f.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the trainer did not answer", e);
        }
    }

    /**
     * Null if every curve of {@code after} is the start of the same curve at the save: a model may keep its last good
     * state every few steps (lesson 5's networks every 20 steps, lesson 7's every 25) and go back there, but its curves must go back with
     * it, and never keep a point of the undone steps.
     */
    private static String curvesPast(Reading after, Reading before) {
        for (String k : after.numbers().keySet()) {
            if (!k.contains("curve")) {
                continue;
            }
            double[] x = after.numbers().get(k);
            double[] y = before.numbers().getOrDefault(k, new double[0]);
            if (x.length > y.length || !java.util.Arrays.equals(x, java.util.Arrays.copyOf(y, x.length))) {
                return k + ": " + java.util.Arrays.toString(x) + " is not the start of " + java.util.Arrays.toString(y);
            }
        }
        return null;
    }

    /** The first number that differs, for a message. */
    private static String difference(Reading a, Reading b) {
        for (String k : a.numbers().keySet()) {
            double[] x = a.numbers().get(k);
            double[] y = b.numbers().getOrDefault(k, new double[0]);
            if (!java.util.Arrays.equals(x, y)) {
                return k + ": " + java.util.Arrays.toString(x) + " instead of " + java.util.Arrays.toString(y);
            }
        }
        return "";
    }

    private static String lengths(Reading r) {
        StringBuilder sb = new StringBuilder("(");
        r.numbers().forEach((k, v) -> sb.append(k).append(": ").append(v.length).append(" values; "));
        return sb.append(")").toString();
    }

    static final String ERROR_PREFIX = errorPrefix();

    private static String errorPrefix() {
        String s = I18n.get("live.reason.error", "\u0001");
        return s.substring(0, s.indexOf('\u0001'));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Waits until the trainer has applied everything asked of it so far (knobs, drawn points, a step): a command
     * sent now runs after them on the trainer thread, and the snapshot published after it is newer than its mark.
     * False (and a failure) if that takes longer than {@link #STEP_TIMEOUT_MS}.
     */
    private static boolean settle(TrainerScene<?, ?, ?> scene, Case c, List<String> failures) {
        Trainer<?, ?, ?> t = fx(scene::trainer);
        AtomicLong mark = new AtomicLong(-1);
        t.send(m -> {
            Trainer.Versioned<?> v = t.latest();
            mark.set(v == null ? 0 : v.version());
        });
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STEP_TIMEOUT_MS);
        while (System.nanoTime() < end) {
            long m = mark.get();
            Trainer.Versioned<?> v = t.latest();
            if (m >= 0 && v != null && v.version() > m) {
                return true;
            }
            WaitForAsyncUtils.sleep(2, TimeUnit.MILLISECONDS);
        }
        failures.add(c + ": the trainer did not answer within " + STEP_TIMEOUT_MS + " ms");
        return false;
    }

    private static Reading read(TrainerScene<?, ?, ?> scene, Case c) {
        Trainer.Versioned<?> v = fx(scene::trainer).latest();
        return c.read().apply(v.snapshot());
    }

    /** n points: one, two close together, or a cloud of two blobs and a line (duplicates included). */
    static double[] drawnPoints(int n) {
        SplittableRandom r = new SplittableRandom(16 + n);
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            if (n <= 2) {
                x = 0.5 + 0.01 * i;
                y = -0.3 + 0.02 * i;
            } else if (i % 3 == 0) {
                x = -1.5 + 0.2 * r.nextGaussian();
                y = 1 + 0.2 * r.nextGaussian();
            } else if (i % 3 == 1) {
                x = 1.2 + 0.05 * r.nextGaussian();
                y = -1 + 0.05 * r.nextGaussian();
            } else {
                x = -2 + 4 * r.nextDouble();
                y = 0.5 * x;
            }
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
        }
        return xy;
    }

    /** Labels, texts and text fields showing NaN or Infinity (visible ones). */
    static void nonFiniteTexts(Node n, List<String> out) {
        if (!n.isVisible()) {
            return;
        }
        String s = n instanceof Labeled l ? l.getText()
                : n instanceof Text t ? t.getText()
                : n instanceof TextInputControl t ? t.getText() : null;
        if (s != null && s.matches("(?s).*(\\bNaN\\b|Infinity).*")) {
            out.add(s.length() > 160 ? s.substring(0, 160) + "…" : s);
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                nonFiniteTexts(c, out);
            }
        }
    }

    private static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Writes to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
