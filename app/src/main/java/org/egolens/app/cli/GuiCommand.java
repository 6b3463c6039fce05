package org.egolens.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.egolens.app.EgoLensApp;
import org.egolens.app.GuiOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code egolens gui}: opens the main window, optionally with a clips folder that is indexed in the background. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the EgoLens window (the default when no command is given).")
public final class GuiCommand implements Callable<Integer> {
    @ParentCommand
    EgoLensCommand root;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "Folder of clips to open and index (index cached in DIR/.egolens/). Without it the last "
                    + "workspace opens; on the first start the demo workspace is generated and opened.")
    Path workspace;

    @Option(names = "--model", paramLabel = "PRESET|MODELDIR", defaultValue = GuiOptions.DEFAULT_MODEL,
            description = "Model for indexing and search (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--frames", paramLabel = "T", defaultValue = "" + GuiOptions.DEFAULT_FRAMES,
            description = "Frames per clip (default: ${DEFAULT-VALUE}).")
    int frames;

    @Override
    public Integer call() {
        if (workspace != null && !Files.isDirectory(workspace)) {
            throw new IllegalArgumentException("workspace folder not found: " + workspace);
        }
        var backend = root.backend(); // fail here, as one CLI line, when no backend is installed
        EgoLensApp.launchAndWait(new GuiOptions(workspace, model, frames), () -> backend);
        return 0;
    }
}
