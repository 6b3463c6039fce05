package org.egolens.model.checkpoint;

import java.io.IOException;

/** A state dict whose layout cannot be mapped into EVA02-AT; the message names the file, the layout and why. */
public final class UnsupportedCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;
    private final CheckpointLayout layout;

    /**
     * @param source  the checkpoint, for the message
     * @param layout  what it was recognised as
     * @param details extra facts (e.g. the first keys), may be empty
     */
    public UnsupportedCheckpointException(String source, CheckpointLayout layout, String details) {
        super(source + " is " + layout.description() + ", which cannot be loaded into EVA02-AT: " + layout.reason()
                + (details.isEmpty() ? "" : " (" + details + ")"));
        this.layout = layout;
    }

    /** The recognised layout. */
    public CheckpointLayout layout() {
        return layout;
    }
}
