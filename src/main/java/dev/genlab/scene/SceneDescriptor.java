package dev.genlab.scene;

import java.util.Map;
import java.util.function.Function;

import dev.genlab.plot.FigureColour;

/**
 * What the lesson catalogue knows about a scene without building it: its id, its knobs
 * (to validate presets), the colours of its figures that a lesson's text may name, and how to
 * make one from the application's {@link SceneContext}.
 *
 * @param colours key to the constant a figure part is drawn with: a lesson writes {@code {colour:KEY}}
 *                and shows that colour's name, so text and figure cannot disagree; keys are lower
 *                case words joined by hyphens ({@code next-pixel})
 */
public record SceneDescriptor(String id, ParamSpec spec, Map<String, FigureColour> colours,
                              Function<SceneContext, LessonScene> factory) {

    public SceneDescriptor {
        colours = Map.copyOf(colours);
    }

    /** A scene whose lessons name none of its colours. */
    public SceneDescriptor(String id, ParamSpec spec, Function<SceneContext, LessonScene> factory) {
        this(id, spec, Map.of(), factory);
    }
}
