package org.egolens.app;

import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.egolens.app.backend.Backend;
import org.egolens.app.backend.Backends;
import org.egolens.app.settings.EgoLensHome;
import org.egolens.app.task.FxTaskExecutor;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.FxDialogService;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.ui.MainWindow;
import org.egolens.app.ui.eval.EvaluateView;
import org.egolens.app.ui.eval.EvaluateViewModel;
import org.egolens.app.ui.attention.AttentionTabs;
import org.egolens.app.workspace.WorkspaceSpec;
import org.egolens.model.retrieval.IndexBuildConfig;

/**
 * The JavaFX application: builds the {@link AppContext} (backend, FX task executor, dialogs, settings folder), the main
 * window, and opens the start workspace: the one given, else the last one, else (first start) the demo workspace. Started by {@link Launcher} through {@code egolens gui}.
 */
public final class EgoLensApp extends Application {
    /** The java.util.logging logger of JavaFX's start-up warnings (held, so that its filter is not collected). */
    private static final java.util.logging.Logger PLATFORM_LOG =
            java.util.logging.Logger.getLogger("javafx");
    private static volatile Supplier<Backend> backendSupplier = Backends::load;
    private MainViewModel vm;
    private FxTaskExecutor executor;
    private AttentionTabs attention;

    /**
     * Launches the GUI and blocks until its window is closed.
     *
     * @param backend supplies the model side (called once, on the FX thread at start)
     */
    public static void launchAndWait(GuiOptions options, Supplier<Backend> backend) {
        backendSupplier = Objects.requireNonNull(backend);
        quietClassPathWarning();
        Application.launch(EgoLensApp.class, options.toArgs().toArray(String[]::new));
    }

    /**
     * EgoLens ships as one jar on the class path, so JavaFX warns at every start that it was not loaded as named modules
     * ("Unsupported JavaFX configuration"). That is the intended layout here (JavaFX 21 runs the same from the class
     * path); only that one record of JavaFX's {@code javafx} logger is dropped, its other warnings still show.
     */
    static void quietClassPathWarning() {
        PLATFORM_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unsupported JavaFX configuration"));
    }

    @Override
    public void start(Stage stage) {
        StartupTrace.mark("fx-toolkit");
        GuiOptions options = GuiOptions.fromNamed(getParameters().getNamed());
        executor = new FxTaskExecutor();
        Backend backend = backendSupplier.get();
        StartupTrace.mark("backend");
        AppContext ctx = new AppContext(backend, executor, new FxDialogService(() -> stage),
                EgoLensHome.resolve(), options, IndexBuildConfig.defaults());
        vm = new MainViewModel(ctx);
        StartupTrace.mark("view-model");
        MainWindow window = new MainWindow(vm);
        StartupTrace.mark("main-window");
        window.addTab("evaluateTab", "Evaluate", new EvaluateView(new EvaluateViewModel(ctx, vm.workspaceProperty())).root());
        window.addTab("trainTab", "Train", org.egolens.app.ui.train.TrainTab.create(ctx, vm));
        attention = AttentionTabs.install(window, vm, ctx);
        StartupTrace.mark("tabs");
        // 1440 × 880, or the screen's usable area when that is smaller
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(window.root(), Math.min(1440, screen.getWidth()), Math.min(880, screen.getHeight()));
        stage.setTitle("EgoLens " + AppVersion.get());
        var icon = EgoLensApp.class.getResource("/org/egolens/app/icon-64.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon.toExternalForm()));
        }
        stage.setScene(scene);
        // a stage that was shown before (a reused primary stage) keeps its old size unless told to fit the scene
        stage.sizeToScene();
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.show();
        StartupTrace.mark("stage-shown");
        StartupTrace.markFirstFrame(scene);
        // the given folder, else the last workspace, else (first start) the demo workspace, generated if needed
        vm.openStartWorkspace(options.workspace());
        StartupTrace.mark("start-workspace-requested");
    }

    @Override
    public void stop() {
        if (attention != null) {
            attention.close();
        }
        if (vm != null) {
            vm.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
