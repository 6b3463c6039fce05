package org.egolens.model.io.torch;

/** What a weights file really is, decided from its first bytes and zip entry names (never its extension). */
public enum CheckpointKind {
    /** Hugging Face safetensors: 8-byte little-endian header length, JSON header, raw data. */
    SAFETENSORS("a safetensors file"),
    /** {@code torch.save} zip archive ({@code <archive>/data.pkl} + {@code <archive>/data/<key>}): a state dict or a
     * container holding one. */
    TORCH_ZIP_STATE_DICT("a PyTorch torch.save zip checkpoint"),
    /** TorchScript archive ({@code torch.jit.save}): zip with {@code code/} and {@code constants.pkl}. */
    TORCHSCRIPT_ARCHIVE("a TorchScript archive"),
    /** Pre-1.6 {@code torch.save} format (pickle starting with torch's magic number), or the older tar format. */
    TORCH_LEGACY_PICKLE("a legacy (pre-1.6) PyTorch checkpoint"),
    /** A plain Python pickle (protocol 2+) that is not a torch checkpoint. */
    PYTHON_PICKLE("a plain Python pickle"),
    /** DJL {@code Model.save} parameter file ({@code <name>-NNNN.params}, magic {@code DJL@}). */
    DJL_PARAMS("a DJL .params file"),
    /** NumPy {@code .npz} (zip of {@code .npy} entries, {@code np.savez}). */
    NUMPY_NPZ("a NumPy .npz archive"),
    /** A single NumPy {@code .npy} array. */
    NUMPY_NPY("a NumPy .npy array"),
    /** None of the above. */
    UNKNOWN("not a recognised weights format");

    private final String description;

    CheckpointKind(String description) {
        this.description = description;
    }

    /** Short human description, e.g. "a TorchScript archive". */
    public String description() {
        return description;
    }
}
