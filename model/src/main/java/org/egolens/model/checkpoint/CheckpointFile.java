package org.egolens.model.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.egolens.model.io.SafetensorsFile;
import org.egolens.model.io.torch.CheckpointFormatException;
import org.egolens.model.io.torch.CheckpointKind;
import org.egolens.model.io.torch.CheckpointSniffer;
import org.egolens.model.io.torch.StateDicts;
import org.egolens.model.io.torch.TensorRef;
import org.egolens.model.io.torch.TorchCheckpoint;
import org.egolens.model.io.torch.TorchZipReader;
import org.egolens.model.nn.StateDict;

/**
 * An open weights file: a {@code .safetensors} file or a {@code torch.save} zip checkpoint, recognised by its content
 * ({@link CheckpointSniffer}), never by its extension. For torch files the pickle is read by the restricted unpickler
 * (a forbidden global or an unsafe zip entry refuses the file) and the state dict is located inside training containers
 * ({@code state_dict}/{@code model}/{@code module}, {@code module.} stripped; {@link StateDicts#unwrap}). Tensor values
 * are read on demand. Close it when done.
 */
public final class CheckpointFile implements AutoCloseable {
    private final Path file;
    private final CheckpointKind kind;
    private final StateDict stateDict;
    private final List<String> notes;
    private final AutoCloseable resource;

    private CheckpointFile(Path file, CheckpointKind kind, StateDict stateDict, List<String> notes,
            AutoCloseable resource) {
        this.file = file;
        this.kind = kind;
        this.stateDict = stateDict;
        this.notes = List.copyOf(notes);
        this.resource = resource;
    }

    /**
     * Opens a weights file.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws CheckpointFormatException if it is another kind of file (TorchScript, legacy torch, DJL .params, NumPy,
     *                                   plain pickle …; the message says which and how to convert it), if its pickle
     *                                   names a forbidden global, has unsafe zip entries, or holds no state dict
     * @throws IOException if it cannot be read or its safetensors header is malformed
     */
    public static CheckpointFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
        }
        CheckpointKind kind = CheckpointSniffer.sniff(file);
        List<String> notes = new ArrayList<>();
        switch (kind) {
            case SAFETENSORS -> {
                SafetensorsFile f = SafetensorsFile.open(file);
                notes.add(file.getFileName() + ": safetensors, " + f.tensors().size() + " tensors"
                        + (f.metadata().isEmpty() ? "" : ", metadata " + f.metadata()));
                return new CheckpointFile(file, kind, StateDict.of(f), notes, f);
            }
            case TORCH_ZIP_STATE_DICT -> {
                TorchCheckpoint c = TorchZipReader.open(file);
                try {
                    StateDicts.Unwrapped u = StateDicts.unwrap(c.root(), file.toString());
                    notes.add(file.getFileName() + ": torch.save zip checkpoint, " + u.tensors().size() + " tensors"
                            + (u.location().isEmpty() ? " at the top level" : " under '" + u.location() + "'")
                            + (u.strippedPrefix().isEmpty() ? "" : ", '" + u.strippedPrefix() + "' stripped")
                            + extras(u.extras()));
                    return new CheckpointFile(file, kind, new TorchStateDictView(c, u.tensors()), notes, c);
                } catch (IOException | RuntimeException e) {
                    c.close();
                    throw e;
                }
            }
            default -> throw new CheckpointFormatException(CheckpointSniffer.explain(file, kind,
                    CheckpointKind.TORCH_ZIP_STATE_DICT) + ". EgoLens opens .safetensors files and torch.save zip"
                    + " checkpoints [file: " + file + "]");
        }
    }

    private static String extras(Map<String, Object> extras) {
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Object> e : extras.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number || v instanceof String || v instanceof Boolean) {
                shown.add(e.getKey() + "=" + v);
            } else if (!(v instanceof TensorRef) && !(v instanceof Map<?, ?>) && shown.size() < 8) {
                shown.add(e.getKey());
            }
        }
        return shown.isEmpty() ? "" : "; other entries: " + String.join(", ", shown);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** What the file is ({@link CheckpointKind#SAFETENSORS} or {@link CheckpointKind#TORCH_ZIP_STATE_DICT}). */
    public CheckpointKind kind() {
        return kind;
    }

    /** The tensors under the checkpoint's own names (containers unwrapped), read lazily; valid until {@link #close}. */
    public StateDict stateDict() {
        return stateDict;
    }

    /** How the file was read (kind, tensor count, container, stripped prefix, other entries such as the epoch). */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() throws IOException {
        try {
            resource.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
