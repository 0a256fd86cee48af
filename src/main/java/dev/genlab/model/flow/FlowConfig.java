package dev.genlab.model.flow;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.nn.Activation;

/**
 * The knobs of a trainable flow, immutable: the kind and number of layers, the coupling networks'
 * hidden width and activation, learning rate, batch size, base density and seed. {@link #build()} makes the
 * stack; {@link #needsRebuild} tells a trainer which changes need a new flow (architecture, base,
 * seed) and which apply on the next step (learning rate, batch size).
 */
public record FlowConfig(Kind kind, int layers, int hidden, double learningRate, int batchSize, Base2D base,
                         long seed, DataType dataType, Activation activation) {

    /** What the stack is made of. */
    public enum Kind {
        /** RealNVP affine couplings with alternating masks (x → y, y → x, …). */
        COUPLING,
        /** Couplings with a Glow LU linear layer (random rotation start) after each but the last. */
        COUPLING_LU,
        /** Planar layers (Rezende &amp; Mohamed 2015), small random start. */
        PLANAR,
        /** Radial layers (Rezende &amp; Mohamed 2015), random centres. */
        RADIAL
    }

    /** With tanh networks in the couplings. */
    public FlowConfig(Kind kind, int layers, int hidden, double learningRate, int batchSize, Base2D base, long seed,
                      DataType dataType) {
        this(kind, layers, hidden, learningRate, batchSize, base, seed, dataType, Activation.TANH);
    }

    public FlowConfig {
        if (activation == null) {
            throw new IllegalArgumentException("coupling networks need an activation");
        }
        if (layers < 1 || layers > 64) {
            throw new IllegalArgumentException("number of layers must be in 1..64, got " + layers);
        }
        if (hidden < 1 || hidden > 1024) {
            throw new IllegalArgumentException("hidden size must be in 1..1024, got " + hidden);
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** The lesson's default: eight couplings of hidden size 64 (tanh), Adam 2·10⁻³, batch 256, normal base, float. */
    public static FlowConfig defaults() {
        return new FlowConfig(Kind.COUPLING, 8, 64, 2e-3, 256, Base2D.NORMAL, 1, DataType.FLOAT);
    }

    public FlowConfig withKind(Kind k) {
        return new FlowConfig(k, layers, hidden, learningRate, batchSize, base, seed, dataType, activation);
    }

    public FlowConfig withLayers(int n) {
        return new FlowConfig(kind, n, hidden, learningRate, batchSize, base, seed, dataType, activation);
    }

    public FlowConfig withHidden(int h) {
        return new FlowConfig(kind, layers, h, learningRate, batchSize, base, seed, dataType, activation);
    }

    public FlowConfig withLearningRate(double lr) {
        return new FlowConfig(kind, layers, hidden, lr, batchSize, base, seed, dataType, activation);
    }

    public FlowConfig withBatchSize(int b) {
        return new FlowConfig(kind, layers, hidden, learningRate, b, base, seed, dataType, activation);
    }

    public FlowConfig withBase(Base2D b) {
        return new FlowConfig(kind, layers, hidden, learningRate, batchSize, b, seed, dataType, activation);
    }

    public FlowConfig withSeed(long s) {
        return new FlowConfig(kind, layers, hidden, learningRate, batchSize, base, s, dataType, activation);
    }

    public FlowConfig withActivation(Activation a) {
        return new FlowConfig(kind, layers, hidden, learningRate, batchSize, base, seed, dataType, a);
    }

    /** True when going from {@code before} to {@code after} needs a new flow rather than the next step. */
    public static boolean needsRebuild(FlowConfig before, FlowConfig after) {
        return before.kind != after.kind || before.layers != after.layers || before.hidden != after.hidden
                || before.base != after.base || before.seed != after.seed || before.dataType != after.dataType
                || before.activation != after.activation;
    }

    /** A new flow for these knobs, deterministic in the seed. */
    public Flow build() {
        SplittableRandom r = new SplittableRandom(seed);
        Flow f = new Flow(base);
        for (int k = 0; k < layers; k++) {
            switch (kind) {
                case COUPLING -> f.add(new AffineCoupling(k % 2 == 0, hidden, activation, dataType, r.nextLong(), true));
                case COUPLING_LU -> {
                    f.add(new AffineCoupling(true, hidden, activation, dataType, r.nextLong(), true));
                    if (k < layers - 1) {
                        f.add(LuLinearLayer.randomRotation(r));
                    }
                }
                case PLANAR -> {
                    double w1 = r.nextGaussian();
                    double w2 = r.nextGaussian();
                    f.add(new PlanarLayer(w1, w2, 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian()));
                }
                case RADIAL -> f.add(new RadialLayer(r.nextGaussian(), r.nextGaussian(), 1, 0.1 * r.nextGaussian()));
                default -> throw new IllegalStateException();
            }
        }
        return f;
    }
}
