package org.egolens.model.nn;

/**
 * The requested compute device is not what the engine can give: a GPU was asked for and the PyTorch natives see none
 * (CPU-only natives, no driver, or fewer GPUs), or a tensor did not land on the device asked for. EgoLens never falls
 * back silently; the message says what was asked, what the engine has and how to get CUDA natives.
 */
public final class DeviceUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked, what the engine has, what to do */
    public DeviceUnavailableException(String message) {
        super(message);
    }
}
