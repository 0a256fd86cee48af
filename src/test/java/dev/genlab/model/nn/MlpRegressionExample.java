package dev.genlab.model.nn;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole training loop in one place: fit y = sin(3 Σx) on x ∈ [−1, 1]^d with a tanh MLP,
 * squared error and Adam, one workspace scope per step. With d = 1 and sizes 1-64-64-1 this is
 * the sin(3x) regression ({@code TrainingTest.fitsSinThreeX} holds it to a loss threshold); the
 * other training tests and the benchmark reuse it.
 */
class MlpRegressionExample {

    final Mlp mlp;
    final Adam adam;
    final StepWorkspace workspace = new StepWorkspace("regression");
    final INDArray x;
    final INDArray y;

    MlpRegressionExample(long seed, int batch, int... sizes) {
        mlp = new Mlp(DataType.FLOAT, Activation.TANH, Activation.IDENTITY, seed, sizes);
        adam = Adam.forParams(mlp, 0.01);
        SplittableRandom random = new SplittableRandom(seed);
        float[][] xs = new float[batch][sizes[0]];
        float[][] ys = new float[batch][1];
        for (int i = 0; i < batch; i++) {
            double sum = 0;
            for (int j = 0; j < sizes[0]; j++) {
                xs[i][j] = (float) (2 * random.nextDouble() - 1);
                sum += xs[i][j];
            }
            ys[i][0] = (float) Math.sin(3 * sum);
        }
        x = Nd4j.createFromArray(xs).dup('f');
        y = Nd4j.createFromArray(ys).dup('f');
    }

    /** One Adam step on the whole batch; returns the loss before the update. */
    double step() {
        try (MemoryWorkspace ignored = workspace.open()) {
            return stepInCurrentScope();
        }
    }

    /** The same step with its temporaries on the heap, for comparison. */
    double stepWithoutWorkspace() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return stepInCurrentScope();
        }
    }

    private double stepInCurrentScope() {
        Loss.Value loss = Loss.squaredError(mlp.forward(x), y);
        mlp.backwardParams(loss.gradient());
        adam.step(mlp.params(), mlp.gradients());
        return loss.loss();
    }
}
