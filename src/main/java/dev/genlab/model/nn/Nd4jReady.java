package dev.genlab.model.nn;

import java.util.concurrent.CompletableFuture;

/**
 * ND4J's native backend, loaded once per process on a thread of its own ({@code nd4j-loader}).
 * Everything that makes INDArrays on another thread waits for it first ({@link #await()}): two
 * threads initialising the backend at once is not safe, and the app starts loading it while its
 * window opens, when a scene's trainer may already be starting.
 */
public final class Nd4jReady {

    /** What the load found: the backend's description, or why it failed. */
    public record Status(boolean ok, String description, double seconds) {
    }

    private static CompletableFuture<Status> future;

    private Nd4jReady() {
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

    /** Waits until the backend has loaded (starting the load if needed) and says how it went. */
    public static Status await() {
        return start().join();
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
}
