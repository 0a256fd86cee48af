package dev.genlab.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

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

    /** Starts the load if nobody has; returns the one future for this process. */
    public static synchronized CompletableFuture<Status> start() {
        if (future == null) {
            CompletableFuture<Status> f = new CompletableFuture<>();
            Thread t = new Thread(() -> f.complete(load()), "nd4j-loader");
            t.setDaemon(true);
            t.start();
            future = f;
        }
        return future;
    }

    private static Status load() {
        long t0 = System.nanoTime();
        try {
            org.nd4j.linalg.api.ndarray.INDArray probe = org.nd4j.linalg.factory.Nd4j.ones(2, 2);
            double sum = probe.sumNumber().doubleValue();
            if (sum != 4.0) {
                return new Status(false, "ND4J computed 1+1+1+1 = " + sum, secondsSince(t0));
            }
            String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
            return new Status(true, backend, secondsSince(t0));
        } catch (Throwable e) {
            // natives missing for this platform, or an unpacking failure: the app runs without live models
            return new Status(false, e.getClass().getSimpleName() + ": " + e.getMessage(), secondsSince(t0));
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
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
