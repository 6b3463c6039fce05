package org.egolens.app.ui.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import org.egolens.app.task.BackgroundTask;
import org.egolens.app.task.TaskExecutor;
import org.egolens.app.ui.DialogService;
import org.egolens.model.checkpoint.CheckpointLoader;

/**
 * "File → Open model…": asks for a model's {@code config.json} (its folder is the model) or a checkpoint file, checks it
 * in the background ({@link CheckpointLoader#check}: headers and shapes only), shows the load report, and hands the
 * model path to {@code onUse} when the user accepts a model that fits. Files that cannot be read at all (another kind
 * of file, an unsafe pickle, a layout that cannot be mapped) end in an error dialog with the reason.
 */
public final class OpenModelController {
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ModelReportPresenter presenter;
    private final int frames;
    private final Consumer<String> onUse;

    /**
     * @param frames T the workbench uses (the report shows how the model's temporal table fits it)
     * @param onUse  receives the model folder or checkpoint path to use
     */
    public OpenModelController(TaskExecutor executor, DialogService dialogs, ModelReportPresenter presenter, int frames,
            Consumer<String> onUse) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.frames = frames;
        this.onUse = Objects.requireNonNull(onUse, "onUse");
    }

    /** Asks for a file, then {@link #open}s it. */
    public void openWithDialog() {
        dialogs.chooseFile("Open model (config.json of a model folder, or a checkpoint)",
                "Models and checkpoints", "*.json", "*.safetensors", "*.pt", "*.pth", "*.bin", "*.ckpt")
                .ifPresent(this::open);
    }

    /** Checks {@code chosen} (a {@code .json} means its folder) and shows the report. */
    public void open(Path chosen) {
        Path model = modelPath(chosen);
        BackgroundTask.of("Checking model " + model.getFileName(), c -> CheckpointLoader.check(model, frames))
                .onSuccess(check -> presenter.show(check, check.report().ok() ? () -> onUse.accept(model.toString())
                        : null))
                .onFailure(e -> dialogs.showError("Cannot open model", message(e)))
                .executeWith(executor);
    }

    /** A chosen {@code .json} file stands for its folder (the model folder); anything else is a checkpoint file. */
    static Path modelPath(Path chosen) {
        String name = chosen.getFileName() == null ? "" : chosen.getFileName().toString();
        if (name.endsWith(".json") && !Files.isDirectory(chosen) && chosen.toAbsolutePath().getParent() != null) {
            return chosen.toAbsolutePath().getParent();
        }
        return chosen;
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getMessage() == null && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
