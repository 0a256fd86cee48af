package dev.genlab.data;

/** A dataset could not be read; the message is written to be shown to a user as it is. */
public class DatasetException extends Exception {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
