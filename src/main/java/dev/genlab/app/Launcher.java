package dev.genlab.app;

import javafx.application.Application;

/**
 * Entry point for a plain class path ({@code java -cp ...}, a shaded jar): JavaFX refuses to
 * start an {@link Application} subclass as the main class from the class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(GenLabApp.class, args);
    }
}
