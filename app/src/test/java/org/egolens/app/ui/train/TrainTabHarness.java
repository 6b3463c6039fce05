package org.egolens.app.ui.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.egolens.app.ui.DialogService;
import org.egolens.app.ui.MainWindow;
import org.testfx.util.WaitForAsyncUtils;

/** Shared set-up and clean-up of the Train-tab TestFX tests. */
final class TrainTabHarness {
    private TrainTabHarness() {}

    /** Shows the Train view of {@code vm} in {@code stage}, styled like the main window, at most 1440 × 860. */
    static void show(Stage stage, TrainViewModel vm, DialogService dialogs) {
        BorderPane root = new BorderPane(new TrainView(vm, dialogs));
        root.getStyleClass().add("egolens-root");
        root.getStylesheets().add(MainWindow.STYLESHEET);
        var screen = javafx.stage.Screen.getPrimary().getBounds();
        stage.setScene(new Scene(root, Math.min(1440, screen.getWidth()), Math.min(860, screen.getHeight())));
        stage.show();
    }

    /**
     * Kills the trainers still running for {@code vm}'s runs, waits for them, and closes the view model.
     *
     * @return how many were still running
     */
    static int killLiveAndClose(TrainViewModel vm, int waitSeconds) throws Exception {
        List<TrainingProcess> live = new ArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> vm.runs().forEach(r -> {
            if (r.processProperty().get() != null) {
                live.add(r.processProperty().get());
            }
        })).get();
        for (TrainingProcess p : live) {
            p.kill();
            p.exit().get(waitSeconds, TimeUnit.SECONDS);
        }
        vm.close();
        return live.size();
    }
}
