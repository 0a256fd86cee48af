package dev.genlab.scene.autoregressive;

import java.util.Locale;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.autoregressive.AutoregressiveModel;

/** Builds the scene's networks, and the trained ones GenLab ships as checkpoints. */
public interface ModelFactory {

    /** The architecture of a network: enough to build another like it. */
    record Arch(String model, int hidden, int layers, String ordering, long orderingSeed) {
        /** The architecture in words, in the current language. */
        String describe() {
            String ord = dev.genlab.i18n.I18n.has("ar.ordering." + ordering) ? dev.genlab.i18n.I18n.get("ar.ordering." + ordering)
                    : ordering;
            return model.equals("nade")
                    ? dev.genlab.i18n.I18n.get("ar.arch.nade", String.format(Locale.ROOT, "%d", hidden), ord)
                    : model.equals("made") ? dev.genlab.i18n.I18n.get("ar.arch.made", String.format(Locale.ROOT, "%d", hidden))
                    : model.equals("fvsbn") ? dev.genlab.i18n.I18n.get("ar.arch.fvsbn")
                    : dev.genlab.i18n.I18n.get("ar.arch.pixelcnn", String.format(Locale.ROOT, "%d", hidden),
                            String.format(Locale.ROOT, "%d", layers));
        }
    }

    /**
     * A trained network read from a checkpoint, with what it says of its training: the fingerprint of
     * the image set it was trained on ({@link dev.genlab.data.ImageDataset#fingerprint()}; 0 unknown).
     */
    record Loaded(AutoregressiveModel model, Arch arch, long steps, long examples, int trainImages,
                  long dataFingerprint) {

        /** True unless the checkpoint is known to come from other images than these. */
        boolean trainedOn(dev.genlab.data.ImageDataset images) {
            return dataFingerprint == 0 || images.fingerprint() == dataFingerprint;
        }
    }

    /** The networks and checkpoints the app uses. */
    static ModelFactory standard() {
        return StandardModels.INSTANCE;
    }

    /** A new network with random weights from the seed. */
    AutoregressiveModel create(Arch arch, long seed, DataType type);

    /** The shipped checkpoint of "nade" or "pixelcnn", or null (always for "made") when there is none or it cannot be read. */
    Loaded checkpoint(String model, DataType type);
}
