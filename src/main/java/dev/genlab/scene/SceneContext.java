package dev.genlab.scene;

import javafx.beans.value.ObservableValue;

import dev.genlab.data.ImageDataset;

/**
 * What the application lends every scene: the current image dataset (the built-in digits, a
 * discovered Fashion-MNIST, or a folder the user opened), null while the first one loads.
 */
public record SceneContext(ObservableValue<ImageDataset> images) {

    /** A context with no images, for scenes and tests that need none. */
    public static SceneContext empty() {
        return new SceneContext(new javafx.beans.property.SimpleObjectProperty<>());
    }
}
