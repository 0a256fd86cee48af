package dev.genlab.scene.families;

import java.util.List;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;

import dev.genlab.data.ImageDataset;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;

/**
 * The closing lesson's scene: every family GenLab teaches, trained and measured one after another on the same images
 * (FamiliesLab, on the trainer thread), as a table and a row of sample grids (FamiliesView). Wiring only.
 */
public final class FamiliesScene extends TrainerScene<FamiliesLab, FamiliesParams, FamiliesSnapshot> {

    public static final String ID = "families";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, FamiliesParams.SPEC, FamiliesScene::new);
    /**
     * Steps per second at speed 1 while playing: a step is one slice of work (at most a quarter second of training,
     * an evaluation or a batch of draws), so playing runs them back to back.
     */
    static final double BASE_RATE = 50;

    private final SceneContext context;
    private final FamiliesView view = new FamiliesView();
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();

    public FamiliesScene(SceneContext context) {
        super(ID, FamiliesParams.SPEC, BASE_RATE);
        this.context = context;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    protected FamiliesLab newModel() {
        return new FamiliesLab();
    }

    @Override
    protected FamiliesParams currentParams() {
        return FamiliesParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(FamiliesSnapshot snapshot) {
        view.show(snapshot);
    }

    @Override
    protected void viewKnobsChanged() {
        view.showTable(params().get(FamiliesParams.TABLE));
    }

    /** What the view last drew (tests). */
    public FamiliesSnapshot lastShown() {
        return view.last();
    }

    /** The text of a family's row, column by column (tests). */
    public List<String> rowText(FamiliesSnapshot.Family f) {
        return view.rowText(f);
    }

    /** True when the family's grid has images (tests). */
    public boolean gridDrawn(FamiliesSnapshot.Family f) {
        return view.grid(f).imageCount() > 0;
    }
}
