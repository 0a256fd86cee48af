package dev.genlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import dev.genlab.model.nn.Nd4jReady;

/**
 * Loads ND4J's native backend once per process on a background thread, so the first window
 * never waits for it (the first start unpacks ~400 MB of natives, later starts take ~0.5 s).
 */
public final class Nd4jLoader {

    /** What the load found: the backend's description, or why it failed. */
    public record Status(boolean ok, String description, double seconds) {
    }

    private static volatile CompletableFuture<Status> future;

    private Nd4jLoader() {
    }

    /** Starts the load if nobody has ({@link Nd4jReady}, which models wait for); returns one future for this process. */
    public static synchronized CompletableFuture<Status> start() {
        if (future == null) {
            future = Nd4jReady.start().thenApply(s -> new Status(s.ok(), s.description(), s.seconds()));
        }
        return future;
    }

    /** The ND4J version from the jar's Maven metadata, without loading the natives. */
    public static String version() {
        try (InputStream in = Nd4jLoader.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
