package org.egolens.app.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.egolens.app.backend.Backend;
import org.egolens.model.api.VideoTextModel;

/**
 * One dual encoder shared by a workspace's jobs (indexing, queries), opened on first use and used by one thread at a
 * time, as {@link VideoTextModel} requires.
 */
public final class ModelSession implements AutoCloseable {
    /** Work done with the model. */
    @FunctionalInterface
    public interface ModelWork<T> {
        T apply(VideoTextModel model) throws IOException;
    }

    private final Backend backend;
    private final String modelId;
    private final int frames;
    private final Path workspaceDir;
    private VideoTextModel model;
    private boolean closed;

    /**
     * @param modelId preset or model folder
     * @param frames  T
     */
    public ModelSession(Backend backend, String modelId, int frames) {
        this(backend, modelId, frames, null);
    }

    /**
     * @param modelId      preset or model folder
     * @param frames       T
     * @param workspaceDir the open workspace's folder, where a workspace vocabulary may be found (see
     *                     {@link Backend#openModel(String, int, Path)}), or null
     */
    public ModelSession(Backend backend, String modelId, int frames, Path workspaceDir) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.frames = frames;
        this.workspaceDir = workspaceDir;
    }

    /** Preset or folder. */
    public String modelId() {
        return modelId;
    }

    /** T. */
    public int frames() {
        return frames;
    }

    /**
     * Runs {@code work} with the model, opening it first if needed; calls are serialised.
     *
     * @throws IOException if the model cannot be opened, or from {@code work}
     */
    public synchronized <T> T with(ModelWork<T> work) throws IOException {
        if (closed) {
            throw new IllegalStateException("model session for " + modelId + " is closed");
        }
        if (model == null) {
            model = workspaceDir == null ? backend.openModel(modelId, frames)
                    : backend.openModel(modelId, frames, workspaceDir);
        }
        return work.apply(model);
    }

    /** The L2-normalised embedding of one text, {@code (D)}. */
    public float[] embedText(String text) throws IOException {
        return with(m -> m.encodeTexts(List.of(text))[0]);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
