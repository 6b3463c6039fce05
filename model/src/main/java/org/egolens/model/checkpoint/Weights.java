package org.egolens.model.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.egolens.model.nn.StateDict;

/**
 * The weights of one model read from one or more checkpoint files, under EVA-CLIP names: each file is opened
 * ({@link CheckpointFile}) and mapped ({@link KeyMapper}); a later file is laid over the earlier ones (its keys win), so
 * a video tower checkpoint can complete the image-text checkpoint it was trained from. Tensors are read lazily; close
 * to release the files.
 */
public final class Weights implements AutoCloseable {
    private final List<CheckpointFile> files;
    private final StateDict stateDict;
    private final List<CheckpointLayout> layouts;
    private final List<String> notes;

    private Weights(List<CheckpointFile> files, StateDict stateDict, List<CheckpointLayout> layouts,
            List<String> notes) {
        this.files = files;
        this.stateDict = stateDict;
        this.layouts = List.copyOf(layouts);
        this.notes = List.copyOf(notes);
    }

    /**
     * Opens and maps the files. With one file it must hold a whole model; with several, each may be a part.
     *
     * @param paths one or more checkpoint files, base first
     * @throws IllegalArgumentException if {@code paths} is empty
     * @throws IOException see {@link CheckpointFile#open} and {@link KeyMapper#map(StateDict, boolean)}; files opened so
     *                     far are closed
     */
    public static Weights open(List<Path> paths) throws IOException {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no checkpoint files");
        }
        List<CheckpointFile> open = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<CheckpointLayout> layouts = new ArrayList<>();
        try {
            StateDict sd = null;
            for (Path p : paths) {
                CheckpointFile f = CheckpointFile.open(p);
                open.add(f);
                MappedStateDict m = KeyMapper.map(f.stateDict(), paths.size() > 1);
                notes.addAll(f.notes());
                notes.addAll(m.notes());
                layouts.add(m.layout());
                sd = sd == null ? m : StateDict.overlay(sd, m);
            }
            return new Weights(open, sd, layouts, notes);
        } catch (IOException | RuntimeException e) {
            for (CheckpointFile f : open) {
                try {
                    f.close();
                } catch (IOException ce) {
                    e.addSuppressed(ce);
                }
            }
            throw e;
        }
    }

    /** The mapped (and overlaid) tensors; valid until {@link #close}. */
    public StateDict stateDict() {
        return stateDict;
    }

    /** The layout of each file, in order. */
    public List<CheckpointLayout> layouts() {
        return layouts;
    }

    /** How each file was read and mapped. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CheckpointFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
