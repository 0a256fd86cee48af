package dev.genlab.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The smallest JavaFX window, for {@link ColdStartBenchTest}'s baseline: started the way
 * {@link Launcher} starts GenLab (a main class that is not an {@link Application}), it prints
 * {@code genlab-window-shown <epoch ms>} once its window is shown, as GenLab's startup probe does,
 * and exits. What GenLab's cold start costs beyond this is GenLab's own.
 */
public final class HelloWindow {

    private HelloWindow() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** One label in a window. */
    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("hello");
            stage.setScene(new Scene(new Label("hello"), 320, 200));
            stage.show();
            System.out.println("genlab-window-shown " + System.currentTimeMillis());
            System.out.flush();
            Platform.runLater(Platform::exit);
        }
    }
}
