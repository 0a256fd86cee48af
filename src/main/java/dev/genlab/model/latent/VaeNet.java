package dev.genlab.model.latent;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

import dev.genlab.model.nn.Activation;
import dev.genlab.model.nn.Dense;
import dev.genlab.model.nn.Mlp;

/**
 * The encoder's and decoder's network: in → hidden → out, y = relu(x W₁ + b₁) W₂ + b₂, with
 * back-propagation ∂y/∂h ⊙ [h &gt; 0] between the two {@link Dense} layers. It is model.nn.Mlp with
 * the ReLU's backward as two cheap ops (a 0/1 step of the output, then a product): the fused
 * libnd4j {@code relu_bp} that {@link Activation#RELU} uses took 0.33–0.46 ms on 128 × 400 floats,
 * the step and product 0.06 ms, and a VAE step makes two of them. Initial values are exactly
 * model.nn.Mlp's for the same seed and sizes, and {@link #parameters()} has Mlp's layout (layer by
 * layer, W column-major then b). Trainer thread only; forward and backward of one step in one
 * workspace scope.
 */
final class VaeNet {

    private final DataType type;
    private final Dense first;
    private final Dense second;
    private INDArray hidden;

    VaeNet(DataType type, long seed, int in, int hiddenSize, int out) {
        this.type = type;
        first = new Dense(in, hiddenSize, type, seed);
        second = new Dense(hiddenSize, out, type, seed);
        // Mlp's Glorot draws (one random stream through both layers), so figures measured with Mlp stand
        Mlp init = new Mlp(type, Activation.RELU, Activation.IDENTITY, seed, in, hiddenSize, out);
        for (int i = 0; i < 2; i++) {
            layer(i).w().assign(init.layer(i).w());
            layer(i).b().assign(init.layer(i).b());
        }
    }

    private Dense layer(int i) {
        return i == 0 ? first : second;
    }

    /** The output for x (n × in), a new column-major array in the current workspace. */
    INDArray forward(INDArray x) {
        hidden = Activation.RELU.forward(first.forward(x));
        return second.forward(hidden);
    }

    /** Fills the gradients from ∂L/∂y of the last forward; returns ∂L/∂x when asked, else null. */
    INDArray backward(INDArray gradY, boolean inputGradient) {
        INDArray gh = second.backward(gradY, true);
        INDArray mask = Nd4j.createUninitialized(type, hidden.shape(), 'f');
        Nd4j.exec(new Step(hidden, mask, 0.0)); // [h > 0] = [pre-activation > 0]
        return first.backward(mask.muli(gh), inputGradient);
    }

    /** The parameter arrays (W₁, b₁, W₂, b₂): live views, each contiguous. */
    INDArray[] params() {
        return new INDArray[] {first.w(), first.b(), second.w(), second.b()};
    }

    /** Their gradients, same order. */
    INDArray[] gradients() {
        return new INDArray[] {first.gradW(), first.gradB(), second.gradW(), second.gradB()};
    }

    long numParams() {
        return Dense.size(first.inputs(), first.outputs()) + Dense.size(second.inputs(), second.outputs());
    }

    /** All parameters in Mlp's layout. */
    float[] toFloatVector() {
        float[] out = new float[(int) numParams()];
        int at = 0;
        for (INDArray p : params()) {
            float[] v = Nd4j.toFlattened('f', p).toFloatVector();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    void setParams(float[] values, int from) {
        int at = from;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            for (INDArray p : params()) {
                int n = (int) p.length();
                p.assign(Nd4j.create(Arrays.copyOfRange(values, at, at + n), p.shape(), 'f').castTo(type));
                at += n;
            }
        }
    }

    boolean isFinite() {
        for (INDArray p : params()) {
            if (Nd4j.getExecutioner().exec(new MatchCondition(p, Conditions.notFinite())).getInt(0) != 0) {
                return false;
            }
        }
        return true;
    }
}
