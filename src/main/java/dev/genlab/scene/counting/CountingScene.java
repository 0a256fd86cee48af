package dev.genlab.scene.counting;

import javafx.animation.AnimationTimer;
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
import dev.genlab.live.SnapshotPump;
import dev.genlab.live.Trainer;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;

/**
 * Lesson 2's scene: how many numbers it takes to describe a distribution over binary images, and
 * what each independence assumption buys and costs. Fitting runs on the trainer thread; a step
 * (or Play) draws fresh samples from every fitted model.
 */
public final class CountingScene implements LessonScene {

    public static final String ID = "counting";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, CountingParams.SPEC, CountingScene::new);
    /** New samples per second at speed 1 while playing. */
    static final double BASE_RATE = 2;

    private final SceneContext context;
    private final ParamSet params = new ParamSet(CountingParams.SPEC);
    private final CountingView view = new CountingView();
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing", false);
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();
    private Trainer<CountingParams, CountingSnapshot> trainer;
    private AnimationTimer frame;

    public CountingScene(SceneContext context) {
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
        params.spec().knobs().forEach(k -> params.property(k.id()).addListener((obs, o, n) -> {
            if (k.viewOnly()) {
                view.setShowFull(params.getToggle("show_full"));
            } else {
                push();
            }
        }));
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
        trainer = new Trainer<>(ID, new CountingModel(), current(), BASE_RATE);
        trainer.setSpeed(speed.get());
        trainer.start();
        trainer.setPlaying(playing.get());
        SnapshotPump<CountingSnapshot> pump = new SnapshotPump<>(trainer, view::show);
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
    public CountingSnapshot lastShown() {
        return view.last();
    }

    public Trainer<CountingParams, CountingSnapshot> trainer() {
        return trainer;
    }

    private CountingParams current() {
        return CountingParams.from(params.snapshot(), context.images().getValue());
    }

    private void push() {
        if (trainer != null) {
            trainer.setParams(current());
        }
    }
}
