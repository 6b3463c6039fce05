package org.egolens.app.bench;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.egolens.app.StartupTrace;

/**
 * Reference for {@link StartupBench}: the smallest JavaFX application (one label in a 1440×880 window), traced like the
 * real one with {@link StartupTrace} so both cold starts are timed the same way. Run with
 * {@code -Degolens.startup.trace=exit}.
 */
public final class MinimalFxWindow {
    private MinimalFxWindow() {}

    /**
     * Launches the window; exits after its first frame when tracing with {@code exit}. The main class does not extend
     * {@link Application} (as in {@code Launcher}), so JavaFX on the class path is accepted.
     */
    public static void main(String[] args) {
        StartupTrace.mark("main");
        Application.launch(Window.class, args);
    }

    /** The window itself. */
    public static final class Window extends Application {

        @Override
        public void start(Stage stage) {
            StartupTrace.mark("fx-toolkit");
            Scene scene = new Scene(new StackPane(new Label("EgoLens startup reference")), 1440, 880);
            stage.setTitle("reference");
            stage.setScene(scene);
            stage.show();
            StartupTrace.mark("stage-shown");
            StartupTrace.markFirstFrame(scene);
        }
    }
}
