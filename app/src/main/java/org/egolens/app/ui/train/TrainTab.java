package org.egolens.app.ui.train;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import org.egolens.app.ui.AppContext;
import org.egolens.app.ui.MainViewModel;
import org.egolens.app.workspace.WorkspaceSpec;

/**
 * Builds the Train tab for the main window: {@code window.addTab("trainTab", "Train", TrainTab.create(ctx, vm))}.
 *
 * <p>Runs folder: the system property {@value #RUNS_PROPERTY} if set; otherwise {@code <workspace>/runs} while a
 * writable workspace is open (for an annotation-file workspace, beside the CSV), else {@code <egolens home>/runs}.
 * Trainers are launched with {@link ChildProcessLauncher#egolens()}.
 */
public final class TrainTab {
    /** System property fixing the runs folder. */
    public static final String RUNS_PROPERTY = "egolens.runs";

    private TrainTab() {}

    /** The tab content, following the main view model's workspace for the runs folder. */
    public static Node create(AppContext ctx, MainViewModel main) {
        TrainViewModel vm = new TrainViewModel(ChildProcessLauncher.egolens(), ctx.dialogs(),
                runsFolder(main.workspaceProperty().get(), ctx.home()));
        if (System.getProperty(RUNS_PROPERTY) == null) {
            main.workspaceProperty().addListener((o, a, b) -> vm.runsRootProperty().set(runsFolder(b, ctx.home())));
        }
        return new TrainView(vm, ctx.dialogs());
    }

    /** The runs folder for a workspace (null: none open). */
    static Path runsFolder(WorkspaceSpec workspace, Path home) {
        String fixed = System.getProperty(RUNS_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            return Path.of(fixed).toAbsolutePath().normalize();
        }
        if (workspace != null) {
            Path base = workspace.kind() == WorkspaceSpec.Kind.FOLDER ? workspace.path() : workspace.path().getParent();
            if (base != null && Files.isWritable(base)) {
                return base.resolve("runs");
            }
        }
        return home.resolve("runs");
    }
}
