package dev.genlab.scene.markov;

import java.util.Map;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;

import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;

/**
 * Lesson 4's scene: the Markov assumption. Train and held-out NLL of Markov chains of order k
 * (or causal neighbourhoods of m pixels) with the best k marked, a sample drawn one pixel per
 * step along the ordering, and the mutual information between two pixels with and without the
 * first one's neighbours. Fitting runs on the trainer thread; a step draws one pixel.
 */
public final class MarkovScene extends TrainerScene<MarkovLab, MarkovParams, MarkovSnapshot> {

    public static final String ID = "markov";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, MarkovParams.SPEC,
            Map.of("next-pixel", SamplerFigure.CURRENT, "context", SamplerFigure.CONTEXT, "pixel-i", MiFigure.PIXEL),
            MarkovScene::new);
    /** Pixels drawn per second at speed 1 while playing. */
    static final double BASE_RATE = 20;

    private final SceneContext context;
    private final MarkovView view = new MarkovView();
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();

    public MarkovScene(SceneContext context) {
        super(ID, MarkovParams.SPEC, BASE_RATE);
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    protected MarkovLab newModel() {
        return new MarkovLab();
    }

    @Override
    protected MarkovParams currentParams() {
        return MarkovParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(MarkovSnapshot snapshot) {
        view.show(snapshot);
    }

    @Override
    protected void viewKnobsChanged() {
        view.setFigures(params().get(MarkovParams.SHOW_COUNTS), params().get(MarkovParams.SHOW_CURVES),
                params().get(MarkovParams.SHOW_MI));
    }

    @Override
    protected void diverged(Trainer.Event e) {
        setStatus(I18n.get("markov.status.failed", e.step(), e.message()));
    }

    /** What the view last drew (tests). */
    public MarkovSnapshot lastShown() {
        return view.last();
    }
}
