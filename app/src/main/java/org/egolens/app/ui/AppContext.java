package org.egolens.app.ui;

import java.nio.file.Path;
import java.util.Objects;
import org.egolens.app.GuiOptions;
import org.egolens.app.backend.Backend;
import org.egolens.app.task.TaskExecutor;
import org.egolens.model.retrieval.IndexBuildConfig;

/**
 * What the main window is built from; tests pass fakes.
 *
 * @param backend  model-side implementations
 * @param executor runs background tasks
 * @param dialogs  file choosers and alerts
 * @param home     EgoLens settings folder (recent workspaces, fallback caches)
 * @param options  start options (model, T, workspace)
 * @param indexing how workspace indexes are built (batch size, decode threads)
 */
public record AppContext(Backend backend, TaskExecutor executor, DialogService dialogs, Path home, GuiOptions options,
                         IndexBuildConfig indexing) {
    /** @throws NullPointerException if a component is null */
    public AppContext {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(dialogs, "dialogs");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(indexing, "indexing");
    }
}
