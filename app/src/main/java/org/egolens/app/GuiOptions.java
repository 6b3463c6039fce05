package org.egolens.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start options of the GUI.
 *
 * @param workspace folder of clips to open and index at start, or null for the last workspace (on the first start:
 *                  the demo workspace, generated into the EgoLens home)
 * @param model     model preset or folder used for indexing and search
 * @param frames    T, frames per clip
 */
public record GuiOptions(Path workspace, String model, int frames) {
    /** Default model preset. */
    public static final String DEFAULT_MODEL = "tiny";
    /** Default frames per clip. */
    public static final int DEFAULT_FRAMES = 4;

    /** @throws IllegalArgumentException if frames < 1 */
    public GuiOptions {
        if (model == null || model.isBlank()) {
            model = DEFAULT_MODEL;
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames per clip must be at least 1, got " + frames);
        }
    }

    /** No workspace, default model and T. */
    public static GuiOptions defaults() {
        return new GuiOptions(null, DEFAULT_MODEL, DEFAULT_FRAMES);
    }

    /** As JavaFX named parameters ({@code --key=value}). */
    List<String> toArgs() {
        List<String> a = new ArrayList<>();
        if (workspace != null) {
            a.add("--workspace=" + workspace.toAbsolutePath());
        }
        a.add("--model=" + model);
        a.add("--frames=" + frames);
        return a;
    }

    /** From JavaFX named parameters. */
    static GuiOptions fromNamed(Map<String, String> named) {
        String ws = named.get("workspace");
        String f = named.get("frames");
        return new GuiOptions(ws == null ? null : Path.of(ws), named.getOrDefault("model", DEFAULT_MODEL),
                f == null ? DEFAULT_FRAMES : Integer.parseInt(f));
    }
}
