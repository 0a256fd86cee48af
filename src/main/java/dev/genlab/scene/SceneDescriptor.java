package dev.genlab.scene;

import java.util.function.Supplier;

/**
 * What the lesson catalogue knows about a scene without building it: its id, its knobs
 * (to validate presets) and how to make one.
 */
public record SceneDescriptor(String id, ParamSpec spec, Supplier<LessonScene> factory) {
}
