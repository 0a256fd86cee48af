package dev.genlab.model.latent;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma &amp; Ba 2015) in the same bias-corrected ε̂ form as {@link dev.genlab.model.nn.Adam}:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,   θ ← θ − α √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε̂)
 * </pre>
 * but as one plain Java loop over float arrays (moments on the heap, parameters and gradients
 * copied in and out of ND4J's buffers in bulk). Why not model.nn.Adam: its libnd4j
 * {@code adam_updater} plus the {@code subi} took 4.5 ms for the 784-400-20 VAE's 650k
 * parameters on one core (about a third of the whole step), this loop about 1 ms (measured in
 * VaeBenchTest's conditions). FLOAT parameters only; for DOUBLE (gradient checks) it falls back
 * to model.nn.Adam. Trainer thread only.
 */
final class VaeAdam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final int size;
    private final float[] m;
    private final float[] v;
    private final float[] p;
    private final float[] g;
    private final dev.genlab.model.nn.Adam fallback;
    private int t;

    VaeAdam(long size, DataType type) {
        this.size = Math.toIntExact(size);
        if (type == DataType.FLOAT) {
            m = new float[this.size];
            v = new float[this.size];
            p = new float[this.size];
            g = new float[this.size];
            fallback = null;
        } else {
            m = v = p = g = null;
            fallback = new dev.genlab.model.nn.Adam(size, type, 1e-3);
        }
    }

    /** One update of {@code params} (a contiguous vector) from {@code grads} with step size α. */
    void step(INDArray params, INDArray grads, double learningRate) {
        if (fallback != null) {
            fallback.setLearningRate(learningRate);
            fallback.step(params, grads);
            return;
        }
        FloatBuffer pb = buffer(params);
        FloatBuffer gb = buffer(grads);
        pb.get(p);
        gb.get(g);
        t++;
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float c1 = (float) (1 - BETA1);
        float c2 = (float) (1 - BETA2);
        float alpha = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        float eps = (float) EPSILON;
        for (int i = 0; i < size; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
        pb.rewind();
        pb.put(p);
    }

    private FloatBuffer buffer(INDArray a) {
        if (a.length() != size || a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected " + size + " floats, got " + a.shapeInfoToString());
        }
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        return b.slice().limit(size);
    }

    /** Steps taken. */
    int steps() {
        return t;
    }
}
