package dev.genlab.scene.gan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.model.gan.AffineGenerator;
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
        panels = new PanelHost<>(root, List.of(game, plane, images));
        // the panel is a model knob (the lab trains only while the plane shows), so it is not view-only,
        // but a change of panel is also a change of view
        params().property(GanParams.PANEL).addListener((obs, o, n) -> viewKnobsChanged());
        viewKnobsChanged();
    }

    /**
     * One discriminator step or one generator step alone, paused: the two moves of a round one at a time,
     * on the trainer thread (a command, so a snapshot follows).
     */
    public void subStep(boolean discriminator) {
        playingProperty().set(false);
        GanLabParams p = currentParams();
        if (discriminator) {
            send(l -> l.stepDOnly(p));
        } else {
            send(l -> l.stepGOnly(p));
        }
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
        return GanLabParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(GanSnapshot s) {
        panels.draw(s);
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
    }

    @Override
    public void activate() {
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
            super.step();
        }
    }

    /** While playing on the game's panel: {@link #GAME_RATE} × speed rounds a second, a few a frame at most. */
    @Override
    protected void everyFrame() {
        panels.frame();
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
                Thread t = new Thread(r, "gan-train-d");
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
