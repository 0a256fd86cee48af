package dev.genlab.scene.autoregressive;

import java.util.List;
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
 * Lesson 5's scene: neural autoregressive models (NADE, MADE, PixelCNN) trained live on binarised
 * 28 × 28 images against the counting baselines, sampled pixel by pixel, with their receptive
 * fields and inpainting. Training and sampling run on the trainer thread.
 */
public final class AutoregressiveScene extends TrainerScene<AutoregressiveLab, AutoregressiveParams, AutoregressiveSnapshot> {

    public static final String ID = "autoregressive";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, AutoregressiveParams.SPEC,
            Map.ofEntries(Map.entry("batch", AutoregressiveView.BATCH), Map.entry("held-out", AutoregressiveView.HELD_OUT),
                    Map.entry("previous-run", AutoregressiveView.PREVIOUS), Map.entry("next-pixel", AutoregressiveView.CURRENT),
                    Map.entry("field", AutoregressiveView.FIELD), Map.entry("blind-spot", AutoregressiveView.BLIND),
                    Map.entry("far", AutoregressiveView.FAR), Map.entry("gap", MadeMaskFigure.GAP),
                    Map.entry("truth", RnadePanel.TRUTH), Map.entry("mixture", RnadePanel.MODEL),
                    Map.entry("components", RnadePanel.COMPONENTS), Map.entry("slice", RnadePanel.SLICE),
                    Map.entry("best-gaussian", RnadePanel.GAUSSIAN)),
            AutoregressiveScene::new);
    /** Adam steps (or, in the sample view, pixels) per second at speed 1 while playing. */
    static final double BASE_RATE = 10;

    private final SceneContext context;
    private final ModelFactory factory;
    private final AutoregressiveView view = new AutoregressiveView();
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();
    private int testImage;

    public AutoregressiveScene(SceneContext context) {
        this(context, StandardModels.INSTANCE);
    }

    AutoregressiveScene(SceneContext context, ModelFactory factory) {
        super(ID, AutoregressiveParams.SPEC, BASE_RATE);
        this.context = context;
        this.factory = factory;
        context.images().addListener(new WeakChangeListener<>(imagesListener));
        view.canvas.setPainter((pixel, ink) -> {
            byte[] d = view.drawing();
            if (d != null && pixel < d.length) {
                d[pixel] = (byte) (ink ? 1 : 0);
                view.setDrawing(d);
            }
        }, this::sendDrawing);
        view.testImage.setOnAction(e -> {
            int i = ++testImage;
            view.setDrawing(null);
            if (trainer() != null) {
                send(m -> m.useTestImage(i));
            }
        });
        playingProperty().addListener((obs, was, now) -> {
            if (!now) {
                refreshSamples();
            }
        });
        params().property(AutoregressiveParams.VIEW).addListener((obs, o, n) -> measureTimings());
        // a click or a drag on the density map moves the slice x₁ = a there (to the knob's step)
        dev.genlab.plot.DataListener slice = (x, y) -> params().set(AutoregressiveParams.SLICE,
                Math.max(-3.5, Math.min(3.5, Math.round(x / 0.05) * 0.05)));
        view.continuous.density.setOnDataClicked(slice);
        view.continuous.density.setOnDataDragged(slice);
        view.clear.setOnAction(e -> {
            view.setDrawing(new byte[AutoregressiveParams.SIDE * AutoregressiveParams.SIDE]);
            sendDrawing();
        });
    }

    /**
     * The timings under the chart are measured when the scene opens and when another panel is chosen
     * (a lesson step opens with its panel), not left at "not taken yet" until the student trains.
     */
    @Override
    public void activate() {
        super.activate();
        measureTimings();
    }

    private void measureTimings() {
        int batch = params().get(AutoregressiveParams.BATCH);
        send(m -> m.measureTimings(batch));
    }

    /** Asks for samples of the network as it is now, if it trained since the last grid. */
    public void refreshSamples() {
        if (trainer() != null) {
            send(m -> m.refreshSamples());
        }
    }

    private void sendDrawing() {
        byte[] d = view.drawing();
        if (d != null && trainer() != null) {
            send(m -> m.setInpaintInput(d));
        }
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    protected AutoregressiveLab newModel() {
        return new AutoregressiveLab(factory);
    }

    @Override
    protected AutoregressiveParams currentParams() {
        return AutoregressiveParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(AutoregressiveSnapshot snapshot) {
        if (view.drawing() != null && snapshot.inpaintInput().length > 0
                && java.util.Arrays.equals(view.drawing(), snapshot.inpaintInput())) {
            view.setDrawing(null);
        }
        view.show(snapshot, params().get(AutoregressiveParams.VIEW));
    }

    @Override
    protected void diverged(Trainer.Event e) {
        setStatus(I18n.get("ar.status.diverged", e.step(), e.message()));
    }

    /** What the view last drew (tests). */
    public AutoregressiveSnapshot lastShown() {
        return view.last();
    }

    AutoregressiveView figures() {
        return view;
    }
}
