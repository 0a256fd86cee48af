package dev.genlab.scene.autoregressive;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.ImageDataset;
import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.nn.Adam;
import dev.genlab.scene.ParamSet;

/**
 * A network of lesson 5 trained from scratch outside its scene (the families comparison): built, started and
 * stepped by the code {@link AutoregressiveLab} runs (the same factory, output biases from the pixel frequencies,
 * Adam, {@link BatchOrder}), so with the same knobs it takes the same steps and reaches the same weights.
 * Trainer thread only (ND4J); {@link #close()} frees the network.
 */
public final class ScratchTraining implements AutoCloseable {

    private final AutoregressiveParams params;
    private final BinaryImages train;
    private final AutoregressiveModel model;
    private final Adam adam;
    private final BatchOrder batches;
    private long steps;

    /** Lesson 5's knobs as a student finds them, with this model ("nade", "pixelcnn", ...) from scratch. */
    public static AutoregressiveParams lessonDefaults(String model, ImageDataset images) {
        ParamSet v = new ParamSet(AutoregressiveParams.SPEC);
        v.set(AutoregressiveParams.MODEL, model);
        v.set(AutoregressiveParams.START, "scratch");
        return AutoregressiveParams.from(v.values(), images);
    }

    /** A new network for these knobs, to be trained on these images (lesson 5's training images for them). */
    public ScratchTraining(AutoregressiveParams p, BinaryImages train) {
        this.params = p;
        this.train = train;
        this.model = ModelFactory.standard().create(AutoregressiveLab.archOf(p), p.seed(), DataType.FLOAT);
        AutoregressiveLab.initOutputBias(model, train);
        this.adam = new Adam(model.numParams(), DataType.FLOAT, p.learningRate());
        this.batches = new BatchOrder(p.seed());
    }

    /** One Adam step on the next batch; the batch's mean −ln p(x) before it. */
    public double step() {
        double loss = AutoregressiveLab.trainStep(model, adam, train, batches.next(params.batch(), train.count()));
        steps++;
        return loss;
    }

    /** Lesson 5's held-out read-out of the network now: mean −ln p(x) and its standard error. */
    public double[] heldOut(BinaryImages eval) {
        return AutoregressiveLab.heldOutNll(model, eval);
    }

    public AutoregressiveModel model() {
        return model;
    }

    public long steps() {
        return steps;
    }

    /** The weights and step count, for a divergence guard. */
    public Object save() {
        return new Saved(model.saveParams(), steps);
    }

    /** Back to a saved state; Adam's moments start again, as in lesson 5's restore. */
    public void restore(Object state) {
        if (state instanceof Saved s) {
            model.loadParams(s.params());
            steps = s.steps();
            adam.reset();
        }
    }

    private record Saved(double[] params, long steps) {
    }

    @Override
    public void close() {
        model.close();
    }
}
