package dev.genlab.scene.markov;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;

import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.live.SnapshotPump;
import dev.genlab.live.Trainer;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;

/**
 * Lesson 4's scene: the Markov assumption. Train and held-out NLL of Markov chains of order k
 * (or causal neighbourhoods of m pixels) with the best k marked, a sample drawn one pixel per
 * step along the ordering, and the mutual information between two pixels with and without the
 * first one's neighbours. Fitting runs on the trainer thread; a step draws one pixel.
 */
public final class MarkovScene implements LessonScene {

    public static final String ID = "markov";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, MarkovParams.SPEC, MarkovScene::new);
    /** Pixels drawn per second at speed 1 while playing. */
    static final double BASE_RATE = 20;

    private final SceneContext context;
    private final ParamSet params = new ParamSet(MarkovParams.SPEC);
    private final MarkovView view = new MarkovView();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();
    private Trainer<MarkovParams, MarkovSnapshot> trainer;
    private SnapshotPump<MarkovSnapshot> pump;
    private AnimationTimer frame;

    public MarkovScene(SceneContext context) {
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
        params.spec().knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> push()));
        playing.addListener((obs, o, n) -> {
            if (trainer != null) {
                trainer.setPlaying(n);
            }
        });
        speed.addListener((obs, o, n) -> {
            if (trainer != null) {
                trainer.setSpeed(n.doubleValue());
            }
        });
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
    public void activate() {
        if (trainer != null) {
            return;
        }
        trainer = new Trainer<>(ID, new MarkovLab(), current(), BASE_RATE);
        trainer.setSpeed(speed.get());
        trainer.setEventListener(e -> Platform.runLater(() -> {
            playing.set(false);
            status.set(I18n.get("markov.status.failed", e.step(), e.message()));
        }));
        trainer.start();
        trainer.setPlaying(playing.get());
        pump = new SnapshotPump<>(trainer, view::show);
        frame = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pump.pump();
            }
        };
        frame.start();
    }

    @Override
    public void deactivate() {
        playing.set(false);
        if (frame != null) {
            frame.stop();
            frame = null;
        }
        if (trainer != null) {
            trainer.stop();
            trainer = null;
        }
        pump = null;
    }

    @Override
    public BooleanProperty playingProperty() {
        return playing;
    }

    @Override
    public DoubleProperty speedProperty() {
        return speed;
    }

    @Override
    public void step() {
        if (trainer != null) {
            playing.set(false);
            trainer.stepOnce();
        }
    }

    /** Knobs to defaults and a new sample (the fits are kept when the knobs did not change). */
    @Override
    public void reset() {
        playing.set(false);
        params.reset();
        if (trainer != null) {
            trainer.setParams(current());
            trainer.reset();
        }
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What the view last drew (tests). */
    public MarkovSnapshot lastShown() {
        return view.last();
    }

    /** Draws the newest snapshot now if there is one not yet drawn (tests, screenshots). */
    public boolean pumpNow() {
        return pump != null && pump.pump();
    }

    public Trainer<MarkovParams, MarkovSnapshot> trainer() {
        return trainer;
    }

    private MarkovParams current() {
        return MarkovParams.from(params.snapshot(), context.images().getValue());
    }

    private void push() {
        if (trainer != null) {
            trainer.setParams(current());
        }
    }
}
