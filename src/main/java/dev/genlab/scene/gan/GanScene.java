package dev.genlab.scene.gan;

import java.util.Map;
import java.util.Optional;

import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.Node;

import dev.genlab.i18n.I18n;
import dev.genlab.model.gan.AffineGenerator;
import dev.genlab.scene.KnobValues;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneDescriptor;

/**
 * Lesson 8's scene, the GAN minimax game. Its first panel is the exact game in one dimension
 * ({@link GameView}, {@link GameState}): every number is a quadrature of a few thousand nodes, about a
 * millisecond, so it runs on the JavaFX thread with no trainer. Step plays one round (the network
 * discriminator's D steps, when it is chosen, then one gradient step of the generator); Play repeats
 * it {@link #BASE_RATE} times a second at speed 1. An affine generator's step moves its μ and s knobs,
 * so the sliders follow the game.
 */
public final class GanScene implements LessonScene {

    public static final String ID = "gan";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, GanParams.SPEC,
            Map.ofEntries(Map.entry("data", GameView.DATA), Map.entry("generator", GameView.GENERATOR),
                    Map.entry("optimal", GameView.OPTIMAL), Map.entry("student", GameView.STUDENT),
                    Map.entry("saturating", GameView.SATURATING), Map.entry("non-saturating", GameView.NON_SATURATING)),
            context -> new GanScene());
    /** Rounds of the game a second at speed 1. */
    static final double BASE_RATE = 8;
    /** Gradient-ascent steps of the network discriminator per press of "Train D". */
    static final int TRAIN_D_STEPS = 200;

    private final ParamSet params = new ParamSet(GanParams.SPEC);
    private final GameView view = new GameView();
    private GameState state = new GameState();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final AnimationTimer player;
    private boolean batch;

    public GanScene() {
        params.spec().knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> {
            if (!batch) {
                recompute(false);
            }
        }));
        view.trainD.setOnAction(e -> trainD());
        player = new AnimationTimer() {
            private long last = -1;
            private double owed;

            @Override
            public void handle(long now) {
                if (!playing.get()) {
                    last = -1;
                    owed = 0;
                    return;
                }
                if (last >= 0) {
                    owed += (now - last) / 1e9 * BASE_RATE * speed.get();
                }
                last = now;
                // at most a few rounds a frame, so a slow frame never snowballs
                for (int i = 0; i < 4 && owed >= 1 && playing.get(); i++) {
                    owed -= 1;
                    round();
                }
                owed = Math.min(owed, 1);
            }
        };
        recompute(false);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(view);
    }

    @Override
    public void activate() {
        recompute(false);
        player.start();
    }

    @Override
    public void deactivate() {
        playing.set(false);
        player.stop();
    }

    @Override
    public BooleanProperty playingProperty() {
        return playing;
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** One round of the game, paused (as a step should). */
    @Override
    public void step() {
        playing.set(false);
        round();
    }

    /** One round: the D steps (network), one generator step; the generator's knobs follow. */
    private void round() {
        KnobValues v = params.values();
        AffineGenerator next;
        try {
            state.sync(v);
            next = state.step(v);
        } catch (IllegalArgumentException e) {
            playing.set(false);
            String text = I18n.get("gan.status.degenerate", e.getMessage());
            status.set(text);
            view.showError(text);
            return;
        }
        double mean = clamp(next.mu(), GanParams.G_MEAN.spec().min(), GanParams.G_MEAN.spec().max());
        double sd = clamp(next.scale(), GanParams.G_SD.spec().min(), GanParams.G_SD.spec().max());
        batch = true;
        try {
            state.applying(() -> {
                params.set(GanParams.G_MEAN, mean);
                params.set(GanParams.G_SD, sd);
            });
        } finally {
            batch = false;
        }
        if (mean != next.mu() || sd != next.scale()) {
            playing.set(false);
            status.set(I18n.get("gan.status.sliderEnd"));
        }
        state.applying(() -> recompute(true));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Trains the network discriminator {@link #TRAIN_D_STEPS} steps against the current generator. */
    public void trainD() {
        KnobValues v = params.values();
        state.sync(v);
        state.trainNetwork(state.game(), TRAIN_D_STEPS);
        status.set(I18n.get("gan.status.trainedD", TRAIN_D_STEPS));
        recompute(false);
    }

    @Override
    public void reset() {
        playing.set(false);
        batch = true;
        try {
            params.reset();
        } finally {
            batch = false;
        }
        state = new GameState(); // a new network discriminator and history too
        status.set("");
        recompute(false);
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private void recompute(boolean record) {
        KnobValues v = params.values();
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
}
