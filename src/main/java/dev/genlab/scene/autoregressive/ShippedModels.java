package dev.genlab.scene.autoregressive;

import java.util.OptionalDouble;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;

/**
 * Lesson 5's shipped networks for other lessons that compare against them (lesson 7 draws their
 * held-out log-likelihood beside the VAE's bound): the same checkpoints, the same code.
 */
public final class ShippedModels {

    private ShippedModels() {
    }

    /**
     * Mean −ln p(x) in nats per image of the shipped "nade" or "pixelcnn" network on these 28 × 28
     * binarised images; empty when the checkpoint cannot be read. Trainer threads only (ND4J).
     */
    public static OptionalDouble nll(String model, BinaryImages images) {
        ModelFactory.Loaded loaded = StandardModels.INSTANCE.checkpoint(model, DataType.FLOAT);
        if (loaded == null || images.count() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(loaded.model().meanNll(images));
    }

    /**
     * A new instance of the shipped "nade" or "pixelcnn" network (the one lesson 5 starts from), or null when the
     * checkpoint cannot be read. Trainer threads only (ND4J); the caller closes it.
     */
    public static dev.genlab.model.autoregressive.AutoregressiveModel network(String model) {
        ModelFactory.Loaded loaded = StandardModels.INSTANCE.checkpoint(model, DataType.FLOAT);
        return loaded == null ? null : loaded.model();
    }

    /** True when these images are the ones the shipped checkpoints were trained on (the built-in digits). */
    public static boolean trainedOn(dev.genlab.data.ImageDataset images) {
        return images.fingerprint() == StandardModels.dataFingerprint(
                java.util.Map.of("dataset", StandardModels.BUILT_IN_DIGITS));
    }
}
