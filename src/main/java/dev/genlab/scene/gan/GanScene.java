package dev.genlab.scene.gan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.model.gan.AffineGenerator;
import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.io.Checkpoint;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.PanelHost;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.ScenePanel;
import dev.genlab.scene.TrainerScene;
import dev.genlab.scene.gan.GanParams.Panel;

/**
 * Lesson 8's scene, the GAN minimax game, in two panels. The first is the exact game in one dimension
 * ({@link GameView}, {@link GameState}): every number is a quadrature of a few thousand nodes, about a
 * millisecond, so it runs on the JavaFX thread; its knobs are view-only. Step there plays one round (the
 * network discriminator's D steps, when it is chosen, then one gradient step of the generator); Play
 * repeats it {@link #GAME_RATE} times a second at speed 1. An affine generator's step moves its μ and s
 * knobs, so the sliders follow the game.
 *
 * <p>The second, {@link PlanePanel}, draws a 2-D GAN that {@link GanLab} trains on the trainer thread; Play
 * and Step there train it ({@link #BASE_RATE} rounds a second at speed 1). The panel knob is a model knob:
 * the lab trains only while the plane shows. Reset resets both.
 *
 * <p>On the drawn data set a click or a drag on the plane adds points (at most {@value #MAX_DRAWN}); Clear
 * removes them. Slow motion plays one sub-step at a time, {@link #SLOW_RATE} a second at speed 1, as commands
 * ({@link GanLab#stepDOnly}, {@link GanLab#stepGOnly}) while the trainer itself stays paused. A saved scenario
 * carries the plane's trained GAN and drawn points ({@link #trainedState}, {@link #restoreTrainedState}).
 */
public final class GanScene extends TrainerScene<GanLab, GanLabParams, GanSnapshot> {

    public static final String ID = "gan";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, GanParams.SPEC,
            Map.ofEntries(Map.entry("data", GameView.DATA), Map.entry("generator", GameView.GENERATOR),
                    Map.entry("optimal", GameView.OPTIMAL), Map.entry("student", GameView.STUDENT),
                    Map.entry("saturating", GameView.SATURATING), Map.entry("non-saturating", GameView.NON_SATURATING),
                    Map.entry("real", PlanePanel.REAL), Map.entry("fake", PlanePanel.FAKE),
                    Map.entry("says-real", PlanePanel.SAYS_REAL), Map.entry("says-fake", PlanePanel.SAYS_FAKE)),
            GanScene::new);
    /** Rounds of the 1-D game a second at speed 1. */
    static final double GAME_RATE = 8;
    /** Rounds of the 2-D GAN a second at speed 1 (a round at the defaults is 3–5 ms). */
    static final double BASE_RATE = 60;
    /** Sub-steps a second in slow motion at speed 1: slow enough to follow each one. */
    static final double SLOW_RATE = 1.5;
    /** Drawn points at most: a saved scenario keeps them in its weights file's header, a string of at most 1 MiB. */
    static final int MAX_DRAWN = 20_000;
    /** Points a drag lays at least this far apart, in data units. */
    static final double DRAG_SPACING = 0.05;
    /** What a scenario's state file says it is: this scene's plane, format 1. */
    static final String STATE_KEY = "genlab.state";
    static final String STATE_VALUE = "gan-plane 1";
    static final String DRAWN_KEY = "drawn";
    /** Gradient-ascent steps of the network discriminator per press of "Train D". */
    static final int TRAIN_D_STEPS = 200;

    private final BorderPane root = new BorderPane();
    private final GameView view = new GameView();
    final PlanePanel plane = new PlanePanel();
    final ImagePanel images = new ImagePanel();
    private final SceneContext context;
    /** A new data set (loaded, or the built-in digits arriving) reaches the image GAN as new params. */
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();
    private final PanelHost<GanSnapshot> panels;
    private GameState state = new GameState();
    private boolean batch;
    private long lastFrameNs = -1;
    private double owed;
    private final List<double[]> drawn = new ArrayList<>();
    /** The drawn points as arrays, made again only when they change (the lab tells a new set by identity). */
    private double[][] drawnXY;
    // slow motion: sub-steps owed, and where in the round (0..k-1: D steps, k: the G step) the next one is
    private long slowFrameNs = -1;
    private double slowOwed;
    private int slowPhase;
    /** Sub-step commands sent since the scene was activated; the next waits until a snapshot shows them all. */
    private long subStepsSent;
    private java.util.function.Consumer<GanSnapshot> planeDrawn = s -> { };

    /** A scene without images (tests of the first two panels). */
    public GanScene() {
        this(SceneContext.empty());
    }

    public GanScene(SceneContext context) {
        super(ID, GanParams.SPEC, BASE_RATE);
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
        root.setId("gan-view");
        view.trainD.setOnAction(e -> trainD());
        plane.stepD.setOnAction(e -> subStep(true));
        plane.stepG.setOnAction(e -> subStep(false));
        plane.clear.setOnAction(e -> clearDrawn());
        plane.plane.setOnDataClicked((x, y) -> {
            if (GanParams.DRAWN.equals(params().get(GanParams.DATA))) {
                addDrawn(x, y);
            }
        });
        ScenePanel<GanSnapshot> game = new ScenePanel<>() {
            @Override
            public Enum<?> id() {
                return Panel.GAME;
            }

            @Override
            public Node node() {
                return view;
            }

            @Override
            public void draw(GanSnapshot snapshot) {
                // computed on the JavaFX thread: the trainer's snapshot has nothing for the game
            }

            @Override
            public void shown() {
                recompute(false);
            }
        };
        DescendantsView family = new DescendantsView();
        family.setId("gan-descendants");
        ScenePanel<GanSnapshot> descendants = new ScenePanel<>() {
            @Override
            public Enum<?> id() {
                return Panel.DESCENDANTS;
            }

            @Override
            public Node node() {
                return family;
            }

            @Override
            public void draw(GanSnapshot snapshot) {
                // five fixed diagrams: nothing of the model's to draw
            }
        };
        panels = new PanelHost<>(root, List.of(game, plane, images, descendants));
        // the panel is a model knob (the lab trains only while the plane shows), so it is not view-only,
        // but a change of panel is also a change of view
        params().property(GanParams.PANEL).addListener((obs, o, n) -> viewKnobsChanged());
        // the data set is a model knob; on drawn points a drag draws instead of panning, and Clear shows
        params().property(GanParams.DATA).addListener((obs, o, n) -> {
            updateDrawing();
            plane.showLayers(params().values());
        });
        playingProperty().addListener((obs, o, n) -> {
            slowFrameNs = -1;
            slowOwed = 1; // the first sub-step at once
            if (n && !slowMotionActive()) {
                plane.strip.highlight(ModelStrip.Part.NONE);
            }
        });
        updateDrawing();
        viewKnobsChanged();
    }

    // ---------------------------------------------------------------- drawn points

    /** On the drawn data set a primary drag lays points along the stroke (a right drag still pans). */
    private void updateDrawing() {
        if (GanParams.DRAWN.equals(params().get(GanParams.DATA))) {
            plane.plane.setOnDataDragged((x, y) -> {
                double[] lastPoint = drawn.isEmpty() ? null : drawn.get(drawn.size() - 1);
                if (lastPoint == null || Math.hypot(x - lastPoint[0], y - lastPoint[1]) >= DRAG_SPACING) {
                    addDrawn(x, y);
                }
            });
        } else {
            plane.plane.setOnDataDragged(null);
        }
    }

    /** Adds drawn points (a click, a drag, a test's many); past {@value #MAX_DRAWN} points none, with a message. */
    public void addDrawn(double... xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("points come as x, y pairs; got " + xy.length + " numbers");
        }
        int added = 0;
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (drawn.size() >= MAX_DRAWN) {
                setStatus(I18n.get("gan.status.drawnFull", MAX_DRAWN));
                break;
            }
            if (Double.isFinite(xy[i]) && Double.isFinite(xy[i + 1])) {
                drawn.add(new double[] {xy[i], xy[i + 1]});
                added++;
            }
        }
        if (added > 0) {
            drawnXY = null;
            if (drawn.size() < MAX_DRAWN) {
                setStatus(I18n.get("gan.status.drawn", drawn.size()));
            }
            push();
        }
    }

    /** Removes every drawn point; the GAN keeps its weights and waits for new points. */
    public void clearDrawn() {
        drawn.clear();
        drawnXY = null;
        setStatus(I18n.get("gan.status.drawnCleared"));
        push();
    }

    /** How many points are drawn. */
    public int drawnCount() {
        return drawn.size();
    }

    private double[][] drawnXY() {
        if (drawnXY == null) {
            drawnXY = xy(drawn);
        }
        return drawnXY;
    }

    @Override
    protected void beforeReset() {
        drawn.clear();
        drawnXY = null;
    }

    // ---------------------------------------------------------------- saved scenarios

    /**
     * The plane's GAN as a checkpoint for a saved scenario: {@link GanLab#checkpoint} asked for on the trainer
     * thread (a command; the answer takes at most a round, a few ms), plus in its header what this state is
     * ({@value #STATE_KEY} = {@value #STATE_VALUE}), the data set and, on drawn data, the points. Empty when the
     * GAN has not trained and no points are drawn.
     */
    @Override
    public Optional<Checkpoint> trainedState() throws java.io.IOException {
        if (trainer() == null) {
            return Optional.empty();
        }
        boolean onDrawn = GanParams.DRAWN.equals(params().get(GanParams.DATA));
        boolean keepUntrained = onDrawn && !drawn.isEmpty();
        CompletableFuture<Checkpoint> answer = new CompletableFuture<>();
        send(l -> answer.complete(l.checkpoint(keepUntrained)));
        Checkpoint c;
        try {
            c = answer.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new java.io.IOException(I18n.get("gan.state.noAnswer"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException(I18n.get("gan.state.noAnswer"), e);
        }
        if (c == null) {
            return Optional.empty();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put(STATE_KEY, STATE_VALUE);
        h.put("data", params().get(GanParams.DATA));
        h.putAll(c.header());
        if (onDrawn) {
            StringBuilder b = new StringBuilder();
            for (double[] pt : drawn) {
                b.append(b.length() == 0 ? "" : ";").append((float) pt[0]).append(' ').append((float) pt[1]);
            }
            h.put(DRAWN_KEY, b.toString());
        }
        return Optional.of(new Checkpoint(c.modelId(), h, c.params()));
    }

    /**
     * Puts a saved plane GAN back, after the scenario's knobs: the file must be this scene's state, trained on the
     * data set the knobs name, with networks of the knobs' shape and seed. All of it is checked and the GAN built
     * here first (plain Java, a millisecond); then the drawn points are set and the GAN goes to the trainer as a
     * command, after the knobs' own restart. Otherwise an IllegalArgumentException says what does not fit and
     * nothing changes.
     */
    @Override
    public void restoreTrainedState(Checkpoint c) {
        String kind = c.header().get(STATE_KEY);
        if (!STATE_VALUE.equals(kind)) {
            throw new IllegalArgumentException(I18n.get("gan.state.foreign", kind == null ? c.modelId() : kind));
        }
        String data = c.header().getOrDefault("data", "");
        String knobData = params().get(GanParams.DATA);
        if (!data.equals(knobData)) {
            throw new IllegalArgumentException(I18n.get("gan.state.otherData", data, knobData));
        }
        List<double[]> points = new ArrayList<>();
        if (GanParams.DRAWN.equals(data)) {
            points = parsePoints(c.header().getOrDefault(DRAWN_KEY, ""));
        }
        Gan2D restored;
        long rounds;
        try {
            restored = Gan2D.fromCheckpoint(c);
            rounds = Long.parseLong(c.header().getOrDefault(GanLab.ROUNDS_KEY, "0").trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(I18n.get("gan.state.unreadable", e.getMessage()), e);
        }
        Gan2D.Config mine = GanLabParams.from(params().values()).config();
        Gan2D.Config theirs = restored.config();
        if (!theirs.sameGenerator(mine) || !theirs.sameDiscriminator(mine) || theirs.seed() != mine.seed()) {
            throw new IllegalArgumentException(I18n.get("gan.state.otherShape", shape(theirs), shape(mine)));
        }
        restored.reconfigure(mine); // the knobs' loss, rates, batch…: same networks and seed, so the weights stay
        drawn.clear();
        drawn.addAll(points);
        drawnXY = null;
        push();
        GanLabParams p = currentParams();
        send(l -> l.restore(restored, rounds, p));
    }

    /** "G 2×64, D 2×64, noise 2, seed 1": what must agree between a saved GAN and the knobs. */
    private static String shape(Gan2D.Config c) {
        return String.format(Locale.ROOT, "G %d\u00d7%d, D %d\u00d7%d%s, m = %d, seed %d", c.gDepth(), c.gWidth(),
                c.dDepth(), c.dWidth(), c.minibatchFeature() ? " + minibatch" : "", c.noiseDim(), c.seed());
    }

    /** "x y;x y;…" as points; a malformed or non-finite one, or too many, is refused with a message. */
    static List<double[]> parsePoints(String text) {
        List<double[]> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String pair : text.split(";")) {
            String[] xy = pair.trim().split("\\s+");
            try {
                if (xy.length != 2) {
                    throw new NumberFormatException(pair);
                }
                double x = Double.parseDouble(xy[0]);
                double y = Double.parseDouble(xy[1]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new NumberFormatException(pair);
                }
                out.add(new double[] {x, y});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(I18n.get("gan.state.badPoint", pair.trim()), e);
            }
            if (out.size() > MAX_DRAWN) {
                throw new IllegalArgumentException(I18n.get("gan.status.drawnFull", MAX_DRAWN));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- slow motion

    /** Slow motion acts while the plane shows and its toggle is on. */
    private boolean slowMotionActive() {
        return params().get(GanParams.SLOW_MOTION) && params().get(GanParams.PANEL) == Panel.PLANE;
    }

    /** In slow motion the trainer stays paused: the scene sends it one sub-step at a time. */
    @Override
    protected boolean trainerPlays() {
        return !slowMotionActive();
    }

    /** The time one sub-step stays on screen at the current speed. */
    private long slowPeriodNs() {
        return (long) (1e9 / (SLOW_RATE * speedProperty().get()));
    }

    /** While playing in slow motion: {@link #SLOW_RATE} × speed sub-steps a second, at most one a frame. */
    private void slowFrame() {
        long now = System.nanoTime();
        if (!playingProperty().get() || !slowMotionActive()) {
            slowFrameNs = -1;
            return;
        }
        if (slowFrameNs >= 0) {
            slowOwed += (now - slowFrameNs) / 1e9 * SLOW_RATE * speedProperty().get();
        }
        slowFrameNs = now;
        plane.slowMotion(true, slowPeriodNs());
        GanSnapshot shown = plane.last();
        if (shown != null && shown.subSteps() < subStepsSent) {
            // the last sub-step is not on screen yet (a busy machine): show each one before the next
            slowOwed = Math.min(slowOwed, 1);
            return;
        }
        if (slowOwed >= 1) {
            slowOwed = Math.min(slowOwed - 1, 1);
            int k = params().get(GanParams.K_D);
            if (slowPhase >= k) {
                slowPhase = 0;
                sendSubStep(false);
            } else {
                slowPhase++;
                sendSubStep(true);
            }
        }
    }

    private void sendSubStep(boolean discriminator) {
        GanLabParams p = currentParams();
        plane.strip.highlight(discriminator ? ModelStrip.Part.D : ModelStrip.Part.G);
        subStepsSent++;
        if (discriminator) {
            send(l -> l.stepDOnly(p));
        } else {
            send(l -> l.stepGOnly(p));
        }
    }

    /**
     * One discriminator step or one generator step alone, paused: the two moves of a round one at a time,
     * on the trainer thread (a command, so a snapshot follows).
     */
    public void subStep(boolean discriminator) {
        playingProperty().set(false);
        sendSubStep(discriminator);
        // a round's moves in order from here: after a D step the next slow-motion sub-step counts from it
        slowPhase = discriminator ? Math.min(slowPhase + 1, params().get(GanParams.K_D)) : 0;
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(root);
    }

    @Override
    protected GanLab newModel() {
        return new GanLab();
    }

    @Override
    protected GanLabParams currentParams() {
        return GanLabParams.from(params().values(), drawnXY(), context.images().getValue());
    }

    @Override
    protected void draw(GanSnapshot s) {
        panels.draw(s);
        planeDrawn.accept(s);
    }

    @Override
    protected void viewKnobsChanged() {
        if (batch) {
            return;
        }
        Panel panel = params().get(GanParams.PANEL);
        boolean changed = panels.show(panel);
        if (panel == Panel.GAME) {
            if (!changed) {
                recompute(false);
            }
        } else {
            plane.showLayers(params().values());
        }
        plane.slowMotion(slowMotionActive(), slowPeriodNs());
        playingRuleChanged();
    }

    @Override
    public void activate() {
        subStepsSent = 0; // a new lab counts from 0
        super.activate();
        lastFrameNs = -1;
        owed = 0;
        viewKnobsChanged();
    }

    /** One round of the shown panel's game, paused (as a step should). */
    @Override
    public void step() {
        if (params().get(GanParams.PANEL) == Panel.GAME) {
            playingProperty().set(false);
            round();
        } else {
            plane.strip.highlight(ModelStrip.Part.NONE);
            slowPhase = 0;
            super.step();
        }
    }

    /** While playing on the game's panel: {@link #GAME_RATE} × speed rounds a second, a few a frame at most. */
    @Override
    protected void everyFrame() {
        panels.frame();
        slowFrame();
        long now = System.nanoTime();
        if (!playingProperty().get() || params().get(GanParams.PANEL) != Panel.GAME) {
            lastFrameNs = -1;
            owed = 0;
            return;
        }
        if (lastFrameNs >= 0) {
            owed += (now - lastFrameNs) / 1e9 * GAME_RATE * speedProperty().get();
        }
        lastFrameNs = now;
        // at most a few rounds and about 12 ms a frame, so a slow frame never snowballs (a round with 50
        // network D steps takes 40-70 ms: then one a frame, and play runs slower than GAME_RATE)
        long start = System.nanoTime();
        for (int i = 0; i < 4 && owed >= 1 && playingProperty().get(); i++) {
            owed -= 1;
            round();
            if (System.nanoTime() - start > 12_000_000L) {
                owed = 0;
                break;
            }
        }
        owed = Math.min(owed, 1);
    }

    /** One round: the D steps (network), one generator step; the generator's knobs follow. */
    private void round() {
        KnobValues v = params().values();
        AffineGenerator next;
        try {
            state.sync(v);
            next = state.step(v);
        } catch (IllegalArgumentException e) {
            playingProperty().set(false);
            String text = I18n.get("gan.status.degenerate", e.getMessage());
            setStatus(text);
            view.showError(text);
            return;
        }
        double mean = clamp(next.mu(), GanParams.G_MEAN.spec().min(), GanParams.G_MEAN.spec().max());
        double sd = clamp(next.scale(), GanParams.G_SD.spec().min(), GanParams.G_SD.spec().max());
        batch = true;
        try {
            state.applying(() -> {
                params().set(GanParams.G_MEAN, mean);
                params().set(GanParams.G_SD, sd);
            });
        } finally {
            batch = false;
        }
        if (mean != next.mu() || sd != next.scale()) {
            playingProperty().set(false);
            setStatus(I18n.get("gan.status.sliderEnd"));
        }
        state.applying(() -> recompute(true));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Trains the network discriminator {@link #TRAIN_D_STEPS} steps against the current generator, on a
     * background thread (160–240 ms of quadrature that froze the window on the JavaFX thread); the
     * result is shown when it arrives, unless the network was replaced meanwhile.
     */
    public void trainD() {
        KnobValues v = params().values();
        state.sync(v);
        GameState here = state;
        dev.genlab.model.gan.Game1D game = here.game();
        dev.genlab.model.gan.MlpDiscriminator1D from = here.currentNetwork(game);
        trainingD = true;
        view.trainD.setDisable(true);
        TRAIN_D.execute(() -> {
            dev.genlab.model.gan.MlpDiscriminator1D trained = from.train(game, TRAIN_D_STEPS, GanParams.NETWORK_RATE);
            javafx.application.Platform.runLater(() -> {
                trainingD = false;
                if (state == here && here.replaceNetwork(from, trained)) {
                    setStatus(I18n.get("gan.status.trainedD", TRAIN_D_STEPS));
                }
                recompute(false);
            });
        });
    }

    /** True while a "Train D" runs in the background. */
    public boolean trainingD() {
        return trainingD;
    }

    /** Where "Train D" runs: one daemon thread for every scene (a job holds its scene only while it runs). */
    private static final java.util.concurrent.ExecutorService TRAIN_D =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                // lowered like a trainer: background work that yields the cores to the window
                Thread t = new Thread(() -> {
                    dev.genlab.live.BackgroundPriority.lowerThisThread();
                    r.run();
                }, "gan-train-d");
                t.setDaemon(true);
                return t;
            });
    private boolean trainingD;

    /**
     * Resets both panels: the knobs return to their defaults except the panel shown, the 2-D GAN starts again
     * and the game gets a new generator, network discriminator and history.
     */
    @Override
    public void reset() {
        Panel shown = params().get(GanParams.PANEL);
        batch = true;
        try {
            super.reset();
            params().set(GanParams.PANEL, shown);
        } finally {
            batch = false;
        }
        state = new GameState(); // a new network discriminator and history too
        setStatus("");
        recompute(false);
        viewKnobsChanged();
    }

    @Override
    protected void diverged(Trainer.Event e) {
        String msg = I18n.get("gan.status.diverged", e.step(), e.message());
        reportDivergence(msg);
        plane.showError(msg);
    }

    private void recompute(boolean record) {
        KnobValues v = params().values();
        try {
            state.sync(v);
            view.show(state.shown(v, record), "network".equals(v.get(GanParams.DISCRIMINATOR)));
        } catch (IllegalArgumentException e) {
            view.showError(I18n.get("gan.status.degenerate", e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- for tests

    /** What the 1-D panel shows now. */
    public GameState.Shown shown() {
        return view.last();
    }

    /** Rounds played since the generator last restarted. */
    public long rounds() {
        return state.steps();
    }

    /** The plane panel's last snapshot drawn (null before one). */
    public GanSnapshot lastPlane() {
        return plane.last();
    }

    /** Whether the plane's layer of this view knob ("show_real", "show_fake", "show_d", "show_grid", "show_arrows") is visible. */
    public boolean planeLayerVisible(String knob) {
        return switch (knob) {
            case "show_real" -> plane.real.isVisible();
            case "show_fake" -> plane.fake.isVisible();
            case "show_d" -> plane.heat.isVisible();
            case "show_grid" -> plane.warp.isVisible();
            case "show_arrows" -> plane.arrows.isVisible();
            default -> throw new IllegalArgumentException("no layer knob " + knob);
        };
    }

    /** Called with every snapshot drawn (tests watch slow motion's sub-steps one by one). */
    public void onPlaneDrawn(java.util.function.Consumer<GanSnapshot> c) {
        planeDrawn = c == null ? s -> { } : c;
    }

    /** Which player the model-overview strip lights: "NONE", "D" or "G". */
    public String stripLit() {
        return plane.strip.lit().name();
    }

    /** The plane panel's read-out lines (rounds and losses; divergences and modes). */
    public String planeReadout() {
        return plane.readout.getText() + "\n" + plane.metrics.getText() + "\n" + plane.estimator.getText();
    }

    /** The image panel's last part drawn (null before one). */
    public ImageSnapshot lastImages() {
        return images.last();
    }

    /** The image panel's read-out lines (step and losses; coverage; notes). */
    public String imagesReadout() {
        return images.readout.getText() + "\n" + images.coverageText.getText() + "\n" + images.notes.getText();
    }
}
