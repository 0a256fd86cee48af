package dev.genlab.lesson.render;

/** A formula that JLaTeXMath cannot parse or render; the message is JLaTeXMath's. */
public class MathException extends Exception {

    private static final long serialVersionUID = 1L;

    public MathException(String message, Throwable cause) {
        super(message, cause);
    }

    public MathException(String message) {
        super(message);
    }
}
