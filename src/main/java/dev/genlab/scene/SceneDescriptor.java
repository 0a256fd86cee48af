package dev.genlab.scene;

import java.util.function.Function;

/**
 * What the lesson catalogue knows about a scene without building it: its id, its knobs
 * (to validate presets) and how to make one from the application's {@link SceneContext}.
 */
public record SceneDescriptor(String id, ParamSpec spec, Function<SceneContext, LessonScene> factory) {
}
