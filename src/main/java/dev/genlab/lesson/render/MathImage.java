package dev.genlab.lesson.render;

import javafx.scene.image.Image;

/**
 * A rendered formula. The image may hold more pixels than its logical size (see
 * {@code outputScale} in {@link MathRenderer#render}); show it at {@code width x height}.
 *
 * @param image  the formula on a transparent background
 * @param width  logical width in pixels
 * @param height logical height in pixels
 * @param depth  logical pixels below the text baseline
 */
public record MathImage(Image image, double width, double height, double depth) {

    /** Logical pixels above the text baseline. */
    public double ascent() {
        return height - depth;
    }
}
