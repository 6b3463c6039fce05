package org.egolens.model.io.torch;

import java.io.IOException;

/**
 * A checkpoint file cannot be read: wrong kind of file, corrupt archive, unsupported tensor encoding, or content
 * that is refused for safety. The message always names the file (and the archive entry or key where it applies).
 */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message full message, naming the file */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** @param message full message, naming the file; @param cause the underlying error */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
