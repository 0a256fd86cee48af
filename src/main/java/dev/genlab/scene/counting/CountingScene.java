package dev.genlab.scene.counting;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;

/**
 * Lesson 2's scene: how many numbers it takes to describe a distribution over binary images, and
 * what each independence assumption buys and costs. Fitting runs on the trainer thread; a step
 * (or Play) draws fresh samples from every fitted model.
 */
public final class CountingScene extends TrainerScene<CountingModel, CountingParams, CountingSnapshot> {

    public static final String ID = "counting";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, CountingParams.SPEC, CountingScene::new);
    /** New samples per second at speed 1 while playing. */
    static final double BASE_RATE = 2;

    private final SceneContext context;
    private final CountingView view = new CountingView();
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();

    public CountingScene(SceneContext context) {
        super(ID, CountingParams.SPEC, BASE_RATE);
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    protected CountingModel newModel() {
        return new CountingModel();
    }

    @Override
    protected CountingParams currentParams() {
        return CountingParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(CountingSnapshot snapshot) {
        view.show(snapshot);
    }

    @Override
    protected void viewKnobsChanged() {
        view.setShowFull(params().get(CountingParams.SHOW_FULL));
        view.setShowColour(params().get(CountingParams.SHOW_COLOUR));
    }

    /** What the view last drew (tests). */
    public CountingSnapshot lastShown() {
        return view.last();
    }
}
