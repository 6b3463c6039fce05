package org.egolens.model.io.torch;

/**
 * A checkpoint's pickle references a Python global that is not on the state-dict allowlist (for example
 * {@code posix.system}, {@code builtins.eval} or a model class). Nothing of the file is returned and nothing is run.
 */
public final class ForbiddenGlobalException extends CheckpointFormatException {
    private static final long serialVersionUID = 1L;
    private final String global;

    /**
     * @param global the refused global as {@code module.name}, e.g. {@code posix.system}
     * @param message full message, naming the file and the global
     */
    public ForbiddenGlobalException(String global, String message) {
        super(message);
        this.global = global;
    }

    /** The refused global as {@code module.name}. */
    public String global() {
        return global;
    }
}
